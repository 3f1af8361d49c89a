/* test_page.c - listing pages, article metadata, sitemaps, robots.txt */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "config.h"
#include "date.h"
#include "err.h"
#include "meta.h"
#include "robots.h"
#include "sitemap.h"

static char *day_of(const struct stamp *s, char *out)
{
	if (!s->set)
		return strcpy(out, "-");
	date_day(s->utc, 0, out);
	return out;
}

/* --- listing pages ------------------------------------------------------ */

static void test_page_selectors(void **state)
{
	static const char html[] =
		"<html><head><base href='/news/'></head><body><ul>"
		"<li class='wd_item'><div class='wd_date'>Jun 8, 2020</div>"
		"<div class='wd_title'><a href='2020-a'>A &amp; B</a></div></li>"
		"<li class='wd_item'><div class='wd_date'>x</div>"
		"<div class='wd_title'><a href='/n/2020/06/11/b/#c'>B</a></div>"
		"</li>"
		"<li class='wd_item'><div class='wd_title'><a href='2020-a'>"
		"dup</a></div></li>"
		"<li class='wd_item'><div class='wd_title'>no link</div></li>"
		"</ul></body></html>";
	struct page_conf pc = {"//li[@class='wd_item']",
			       ".//div[@class='wd_title']",
			       NULL,
			       ".//div[@class='wd_date']",
			       NULL,
			       NULL,
			       NULL,
			       0,
			       -1,
			       -1,
			       -1};
	struct page_listing l;
	struct err e;
	char d[16];

	(void)state;
	assert_int_equal(page_parse(html, sizeof(html) - 1,
				    "https://x.test/index.html", NULL, &pc, &l,
				    &e),
			 0);
	assert_int_equal(l.matched, 4);
	assert_int_equal(l.items.n, 2); /* a duplicate, no link */
	assert_int_equal(l.warnings, 1);
	assert_string_equal(l.items.v[0].link, "https://x.test/news/2020-a");
	assert_string_equal(l.items.v[0].id, l.items.v[0].link);
	assert_string_equal(l.items.v[0].title, "A & B");
	assert_string_equal(day_of(&l.items.v[0].published, d), "2020-06-08");
	assert_string_equal(l.items.v[1].link,
			    "https://x.test/n/2020/06/11/b/");
	assert_string_equal(day_of(&l.items.v[1].published, d), "2020-06-11");
	assert_null(l.next);
	page_listing_release(&l);
}

static void test_page_defaults(void **state)
{
	static const char html[] =
		"<html><head><link rel='next' href='/p/2'></head><body>"
		"<article><a href='/a1'><img></a><h2><a href='/a1'>One</a>"
		"</h2><time datetime='2020-06-10T16:30:00-07:00'>x</time>"
		"<p>First para.</p></article>"
		"<article><h3><a href='https://y.test/a2'>Two</a></h3>"
		"<span class='post-date'>May 5, 2021</span></article>"
		"</body></html>";
	struct page_listing l;
	struct err e;
	char d[16];

	(void)state;
	assert_int_equal(page_parse(html, sizeof(html) - 1,
				    "https://x.test/list", NULL, NULL, &l, &e),
			 0);
	assert_int_equal(l.items.n, 2);
	assert_string_equal(l.items.v[0].title, "One");
	assert_string_equal(l.items.v[0].summary, "First para.");
	assert_int_equal(l.items.v[0].published.offset, -420);
	assert_string_equal(l.items.v[1].link, "https://y.test/a2");
	assert_string_equal(day_of(&l.items.v[1].published, d), "2021-05-05");
	assert_string_equal(l.next, "https://x.test/p/2");
	page_listing_release(&l);
}

static void test_page_errors(void **state)
{
	static const char html[] = "<html><body><p>nothing</p></body></html>";
	struct page_conf pc = {"//li[", NULL, NULL, NULL, NULL, NULL,
			       NULL,	0,    -1,   -1,	  -1};
	struct page_listing l;
	struct err e;

	(void)state;
	assert_int_equal(page_parse(html, sizeof(html) - 1, "https://x.test/",
				    NULL, &pc, &l, &e),
			 -1);
	assert_non_null(strstr(e.msg, "not valid XPath"));
	pc.items = "//li";
	assert_int_equal(page_parse(html, sizeof(html) - 1, "https://x.test/",
				    NULL, &pc, &l, &e),
			 -1);
	assert_non_null(strstr(e.msg, "matched nothing"));
	assert_int_equal(page_parse(html, sizeof(html) - 1, "https://x.test/",
				    NULL, NULL, &l, &e),
			 -1);
	assert_non_null(strstr(e.msg, "default selectors"));
	assert_int_equal(
		page_parse("", 0, "https://x.test/", NULL, NULL, &l, &e), -1);
	page_listing_release(&l);
}

/* --- article metadata ----------------------------------------------------- */

struct meta_case {
	const char *html;
	const char *day; /* published, "-" for none */
	const char *title;
	const char *summary;
};

static void test_meta_table(void **state)
{
	static const struct meta_case cases[] = {
		{"<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
		 "\"datePublished\":\"2020-06-10\",\"headline\":\"H\","
		 "\"description\":\"D\"}</script>",
		 "2020-06-10", "H", "D"},
		/* @graph: the article, not the page or the publisher */
		{"<script type='application/ld+json'>{\"@graph\":[{\"@type\":"
		 "\"WebPage\",\"datePublished\":\"2019-01-01\"},{\"@type\":["
		 "\"Thing\",\"BlogPosting\"],\"datePublished\":\"2020-06-11\","
		 "\"publisher\":{\"headline\":\"no\"}}]}</script>",
		 "2020-06-11", NULL, NULL},
		/* an array of objects, escapes */
		{"<script type='application/ld+json'>[{},{\"headline\":"
		 "\"a\\u00e9\\ud83d\\ude00\\\"\",\"datePublished\":"
		 "\"2020-06-12T01:00:00+02:00\"}]</script>",
		 "2020-06-11", "a\xc3\xa9\xf0\x9f\x98\x80\"", NULL},
		/* broken JSON-LD gives way to OpenGraph */
		{"<script type='application/ld+json'>{\"datePublished\": "
		 "</script><meta property='article:published_time' "
		 "content='2020-06-09T12:00:00Z'><meta property='og:title' "
		 "content='OG'><meta name='description' content='M'>",
		 "2020-06-09", "OG", "M"},
		{"<meta name='DATE' content='2020-06-08'><title>T</title>",
		 "2020-06-08", "T", NULL},
		{"<body><time datetime='2020-06-07'>x</time></body>",
		 "2020-06-07", NULL, NULL},
		{"<body><p>no date</p></body>", "-", NULL, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct meta m;
		struct err e;
		char d[16];

		assert_int_equal(meta_read(cases[i].html, strlen(cases[i].html),
					   "https://x.test/a", NULL, &m, &e),
				 0);
		assert_string_equal(day_of(&m.published, d), cases[i].day);
		if (cases[i].title)
			assert_string_equal(m.title, cases[i].title);
		else if (m.title)
			fail_msg("case %zu: title '%s'", i, m.title);
		if (cases[i].summary)
			assert_string_equal(m.summary, cases[i].summary);
		meta_release(&m);
	}
}

static void test_meta_url_and_hostile(void **state)
{
	struct meta m;
	struct err e;
	char d[16], *deep;
	size_t i, n = 100000;

	(void)state;
	assert_int_equal(meta_read("<p>x</p>", 8,
				   "https://x.test/2020/06/11/slug/", NULL, &m,
				   &e),
			 0);
	assert_string_equal(day_of(&m.published, d), "2020-06-11");
	meta_release(&m);
	/* nesting far past the depth limit, then unterminated */
	deep = malloc(n + 100);
	assert_non_null(deep);
	strcpy(deep, "<script type='application/ld+json'>");
	for (i = strlen(deep); i < n; i++)
		deep[i] = i % 2 ? '[' : '{';
	strcpy(deep + n, "</script><meta name='date' content='2020-01-02'>");
	assert_int_equal(meta_read(deep, strlen(deep), NULL, NULL, &m, &e), 0);
	assert_string_equal(day_of(&m.published, d), "2020-01-02");
	meta_release(&m);
	free(deep);
}

/* --- robots.txt ------------------------------------------------------------
 */

static void test_robots(void **state)
{
	static const char txt[] = "User-agent: *\n"
				  "Disallow: /\n"
				  "\n"
				  "User-agent: Googlebot\n"
				  "Disallow: /g/\n"
				  "\n"
				  "user-agent: other\n"
				  "USER-AGENT: Annals/1.0 # us\n"
				  "Disallow: /private/\n"
				  "Allow: /private/open\n"
				  "Disallow: /*.pdf$\n"
				  "Disallow: /x*y\n"
				  "Disallow:\n";
	static const struct {
		const char *path;
		int ok;
	} cases[] = {
		{"/", 1},
		{"/news/a.html", 1},
		{"/g/", 1},
		{"/private/", 0},
		{"/private/x.html", 0},
		{"/private/open.html", 1},
		{"/a.pdf", 0},
		{"/a.pdf?x=1", 1},
		{"/x-and-y", 0},
		{"/xz", 1},
		{"/robots.txt", 1},
	};
	struct robots *r = robots_parse(txt, sizeof(txt) - 1), *star;
	size_t i;

	(void)state;
	assert_non_null(r);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (robots_allowed(r, cases[i].path) != cases[i].ok)
			fail_msg("%s: wanted %d", cases[i].path, cases[i].ok);
	robots_free(r);
	star = robots_parse("User-agent: *\nDisallow: /a\nAllow: /a/b\n", 38);
	assert_int_equal(robots_allowed(star, "/a/c"), 0);
	assert_int_equal(robots_allowed(star, "/a/b/c"), 1);
	assert_int_equal(robots_allowed(star, "/b"), 1);
	robots_free(star);
	star = robots_deny_all();
	assert_int_equal(robots_allowed(star, "/"), 0);
	assert_int_equal(robots_allowed(star, "/robots.txt"), 1);
	robots_free(star);
	star = robots_parse(NULL, 0);
	assert_int_equal(robots_allowed(star, "/anything"), 1);
	robots_free(star);
}

static void test_robots_split(void **state)
{
	char o[64], p[64];

	(void)state;
	assert_int_equal(robots_split("HTTPS://Ex.Test:8080/a/b?c=1#f", o,
				      sizeof(o), p, sizeof(p)),
			 0);
	assert_string_equal(o, "https://ex.test:8080");
	assert_string_equal(p, "/a/b?c=1");
	assert_int_equal(
		robots_split("http://x.test?q", o, sizeof(o), p, sizeof(p)), 0);
	assert_string_equal(p, "/?q");
	assert_int_equal(
		robots_split("ftp://x.test/", o, sizeof(o), p, sizeof(p)), -1);
	assert_int_equal(
		robots_split("http://u@x.test/", o, sizeof(o), p, sizeof(p)),
		-1);
}

/* --- sitemaps --------------------------------------------------------------
 */

static const char urlset[] =
	"<?xml version='1.0'?>"
	"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
	"<url><loc>/b</loc><lastmod>2020-06-01</lastmod></url>"
	"<url><loc> https://x.test/a </loc><lastmod>2020-06-10</lastmod>"
	"</url><url><loc>/c</loc></url><url><loc>mailto:x</loc></url>"
	"</urlset>";

static void test_sitemap(void **state)
{
	struct sitemap sm;
	struct err e;

	(void)state;
	assert_int_equal(sitemap_parse(urlset, sizeof(urlset) - 1,
				       "https://x.test/sitemap.xml", &sm, &e),
			 0);
	assert_false(sm.index);
	assert_int_equal(sm.n, 3);
	assert_int_equal(sm.warnings, 1);
	sitemap_sort(&sm);
	assert_string_equal(sm.v[0].loc, "https://x.test/a");
	assert_string_equal(sm.v[1].loc, "https://x.test/b");
	assert_string_equal(sm.v[2].loc, "https://x.test/c");
	sitemap_release(&sm);
	assert_int_equal(sitemap_parse("<html/>", 7, NULL, &sm, &e), -1);
	sitemap_release(&sm);
}

/* gzip-compress n bytes of c (or the string s) into a new buffer. */
static unsigned char *gz(const char *s, size_t n, size_t *out)
{
	z_stream z;
	unsigned char *o = malloc(n / 2 + 1024), *in = malloc(n + 1);

	assert_non_null(o);
	assert_non_null(in);
	if (s)
		memcpy(in, s, n);
	else
		memset(in, ' ', n);
	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
				      Z_DEFAULT_STRATEGY),
			 Z_OK);
	z.next_in = in;
	z.avail_in = (uInt)n;
	z.next_out = o;
	z.avail_out = (uInt)(n / 2 + 1024);
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*out = z.total_out;
	deflateEnd(&z);
	free(in);
	return o;
}

static void test_sitemap_gzip(void **state)
{
	struct sitemap sm;
	struct err e;
	unsigned char *g;
	size_t n;

	(void)state;
	g = gz(urlset, sizeof(urlset) - 1, &n);
	assert_int_equal(
		sitemap_parse((const char *)g, n, "https://x.test/", &sm, &e),
		0);
	assert_int_equal(sm.n, 3);
	sitemap_release(&sm);
	/* truncated */
	assert_int_equal(sitemap_parse((const char *)g, n / 2,
				       "https://x.test/", &sm, &e),
			 -1);
	sitemap_release(&sm);
	free(g);
	/* a bomb: far past the cap once inflated */
	g = gz(NULL, SITEMAP_MAX_SIZE + 1024, &n);
	assert_int_equal(
		sitemap_parse((const char *)g, n, "https://x.test/", &sm, &e),
		-1);
	assert_non_null(strstr(e.msg, "larger than"));
	sitemap_release(&sm);
	free(g);
}

/* --- the config keys -------------------------------------------------------
 */

static void test_config_keys(void **state)
{
	char path[] = "/tmp/annals-test-page-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct config c;
	struct err e;
	const struct config_source *s;

	(void)state;
	assert_non_null(f);
	fputs("[p]\ncompany = X\nkind = page\nurl = https://x.test/\n"
	      "items = //li\ntitle = .//h3\nlink = .//a\ndate = .//time\n"
	      "summary = .//p\nnext = //a[@rel='next']\npages = 5\n"
	      "follow = yes\nmax_follow = 7\ndelay = 500ms\n"
	      "[s]\ncompany = X\nkind = sitemap\nurl = https://x.test/s.xml\n"
	      "match = /press/[0-9]{4}/\n",
	      f);
	fclose(f);
	assert_int_equal(config_load(path, &c, &e), 0);
	s = config_find(&c, "p");
	assert_string_equal(s->page.items, "//li");
	assert_string_equal(s->page.next, "//a[@rel='next']");
	assert_int_equal(s->page.pages, 5);
	assert_int_equal(s->page.follow, 1);
	assert_int_equal(s->page.max_follow, 7);
	assert_int_equal(s->page.delay_ms, 500);
	assert_int_equal(page_conf_check(&s->page, &e), 0);
	s = config_find(&c, "s");
	assert_string_equal(s->page.match, "/press/[0-9]{4}/");
	assert_int_equal(s->page.follow, -1);
	assert_int_equal(s->page.delay_ms, -1);
	config_release(&c);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_selectors),
		cmocka_unit_test(test_page_defaults),
		cmocka_unit_test(test_page_errors),
		cmocka_unit_test(test_meta_table),
		cmocka_unit_test(test_meta_url_and_hostile),
		cmocka_unit_test(test_robots),
		cmocka_unit_test(test_robots_split),
		cmocka_unit_test(test_sitemap),
		cmocka_unit_test(test_sitemap_gzip),
		cmocka_unit_test(test_config_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
