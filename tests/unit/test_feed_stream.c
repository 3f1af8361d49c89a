/* test_feed_stream.c - the streaming parser gives what feed_parse() gives,
 * whatever the pieces the bytes arrive in */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "feed.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "item.h"

static const char *const URL = "http://example.com/news/feed.xml";

static void put_str(struct buf *b, const char *name, const char *v)
{
	buf_addf(b, "%s=%s\n", name, v ? v : "(null)");
}

static void put_stamp(struct buf *b, const char *name, const struct stamp *s)
{
	buf_addf(b, "%s=%d %lld %d %s\n", name, s->set, s->utc, s->offset,
		 s->raw ? s->raw : "(null)");
}

/* Every field of an item, as text to compare. */
static void put_item(struct buf *b, const struct item *it)
{
	size_t i;

	put_str(b, "id", it->id);
	put_str(b, "link", it->link);
	put_str(b, "title", it->title);
	put_str(b, "summary", it->summary);
	put_str(b, "content", it->content);
	put_str(b, "author", it->author);
	for (i = 0; i < it->ncategories; i++)
		put_str(b, "category", it->categories[i]);
	put_stamp(b, "published", &it->published);
	put_stamp(b, "updated", &it->updated);
}

static void put_meta(struct buf *b, const struct feed_meta *m, int format)
{
	buf_addf(b, "format=%d\n", format);
	put_str(b, "feed.title", m->title);
	put_str(b, "feed.link", m->link);
	put_str(b, "feed.subtitle", m->subtitle);
	put_str(b, "feed.author", m->author);
	put_stamp(b, "feed.updated", &m->updated);
}

/* The document parsed in one go; 0 or -1 as feed_parse() returns. */
static int whole(const char *doc, size_t len, const char *charset,
		 struct buf *out)
{
	struct feed f;
	struct err e;
	size_t i;
	int rc = feed_parse(doc, len, URL, charset, &f, &e);

	if (rc == 0) {
		put_meta(out, &f.meta, (int)f.format);
		for (i = 0; i < f.items.n; i++)
			put_item(out, &f.items.v[i]);
	}
	feed_release(&f);
	return rc;
}

static int on_item(struct item *it, void *ctx)
{
	put_item(ctx, it);
	return 0;
}

/* The same document pushed step bytes at a time. */
static int pieces(const char *doc, size_t len, const char *charset, size_t step,
		  struct buf *out)
{
	struct buf items;
	struct feed_parser *p;
	struct err e;
	size_t off, n;
	int rc = 0;

	buf_init(&items, 0);
	p = feed_parser_new(URL, charset, on_item, &items);
	assert_non_null(p);
	for (off = 0; rc == 0 && off < len; off += n) {
		n = len - off < step ? len - off : step;
		rc = feed_parser_push(p, doc + off, n, &e);
	}
	if (rc == 0)
		rc = feed_parser_finish(p, &e);
	if (rc == 0) {
		put_meta(out, feed_parser_meta(p), (int)feed_parser_format(p));
		buf_add(out, items.data ? items.data : "", items.len);
	}
	feed_parser_free(p);
	buf_release(&items);
	return rc;
}

static const size_t steps[] = {1,    2,	   3,	 7,    64,    1000,
			       4095, 4096, 4097, 5000, 65536, 1u << 20};

static void check_doc(const char *name, const char *doc, size_t len,
		      const char *charset)
{
	struct buf a, b;
	size_t i;
	int ra, rb;

	buf_init(&a, 0);
	ra = whole(doc, len, charset, &a);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i] < 64 && len > 200000)
			continue; /* slow, and the small documents cover it */
		buf_init(&b, 0);
		rb = pieces(doc, len, charset, steps[i], &b);
		if (ra != rb || a.len != b.len ||
		    (a.len && memcmp(a.data, b.data, a.len) != 0))
			fail_msg(
				"%s (charset %s) in pieces of %zu differs "
				"from the whole: rc %d/%d\n--- whole\n%.2000s\n"
				"--- pieces\n%.2000s",
				name, charset ? charset : "none", steps[i], ra,
				rb, a.data ? a.data : "", b.data ? b.data : "");
		buf_release(&b);
	}
	buf_release(&a);
}

static void test_fixtures(void **state)
{
	const char *root = getenv("FIXTURES");
	char dir[4096], path[4096 + 256];
	struct dirent *d;
	struct buf doc;
	struct err e;
	DIR *dp;
	int n = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/feeds", root ? root : "tests/fixtures");
	dp = opendir(dir);
	assert_non_null(dp);
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		buf_init(&doc, 0);
		if (buf_read_file(&doc, path, &e) == 0 && doc.len) {
			check_doc(d->d_name, doc.data, doc.len, NULL);
			check_doc(d->d_name, doc.data, doc.len, "windows-1252");
			n++;
		}
		buf_release(&doc);
	}
	closedir(dp);
	assert_true(n >= 20);
}

/* What real feeds put in their items, damage included. */
static const char *const parts[] = {
	"<title>Policy update &amp; more</title>",
	"<title>AT&T and <b>bold</b> words</title>",
	"<title><![CDATA[A <title> in CDATA ]] > still]]></title>",
	"<description>&lt;p&gt;Escaped &amp;mdash; HTML&lt;/p&gt;</description>",
	"<description><p>Raw <a href=\"/x\">markup</a> in RSS</p></description>",
	"<description><![CDATA[<p>CDATA &nbsp; with <br/> tags</p>]]>"
	"</description>",
	"<!-- a comment with <item> and & inside -->",
	"<description>Bytes \xE9t\xE9 not UTF-8 and \xC3\xA9t\xC3\xA9 "
	"UTF-8</description>",
	"<description>Controls \x01\x1b[31m red\x1b[0m and \xC2\x9B "
	"C1</description>",
	"<description>&nbsp;&mdash;&hellip;&eacute;&notanentity;&#8217;"
	"</description>",
	"<pubDate>Wed, 10 Jun 2020 21:30:00 -0700</pubDate>",
	"<pubDate>10 June 2020</pubDate>",
	"<dc:date>2020-06-08T09:00:00Z</dc:date>",
	"<guid isPermaLink=\"false\">id-%d</guid>",
	"<link>https://example.com/news/2020/06/%d/</link>",
	"<link>/relative/%d</link>",
	"<category>AI</category><category>Policy, Cloud</category>",
	"<content:encoded><![CDATA[<p>Body %d</p><p>The post appeared "
	"first on Blog.</p>]]></content:encoded>",
	"<dc:creator><![CDATA[Press Office]]></dc:creator>",
};

/* A part with its "%d" (if any) replaced by i. */
static void put_part(struct buf *b, const char *part, int i)
{
	const char *at = strstr(part, "%d");

	if (!at) {
		buf_adds(b, part);
		return;
	}
	buf_add(b, part, (size_t)(at - part));
	buf_addf(b, "%d%s", i, at + 2);
}

/* A large RSS document of n items made of parts in a seeded order. */
static void make_rss(struct buf *b, int n, unsigned seed)
{
	int i, k, m;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss "
		    "version=\"2.0\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		    "xmlns:content=\"http://purl.org/rss/1.0/modules/"
		    "content/\"><channel><title>Stream</title>"
		    "<link>https://example.com/</link>\n");
	for (i = 0; i < n; i++) {
		buf_adds(b, "<item>");
		m = 3 + (int)(seed % 6);
		for (k = 0; k < m; k++) {
			seed = seed * 1103515245u + 12345u;
			put_part(b,
				 parts[(seed >> 8) %
				       (sizeof(parts) / sizeof(parts[0]))],
				 i);
		}
		buf_adds(b, "</item>\n");
	}
	buf_adds(b, "</channel></rss>\n");
}

static void test_large_documents(void **state)
{
	static const char *const charsets[] = {NULL, "utf-8", "windows-1252"};
	struct buf doc;
	unsigned seed;
	char name[64];
	size_t c;

	(void)state;
	for (seed = 1; seed <= 4; seed++) {
		buf_init(&doc, 0);
		make_rss(&doc, 150 * (int)seed, seed);
		snprintf(name, sizeof(name), "generated rss, seed %u", seed);
		for (c = 0; c < 3; c++)
			check_doc(name, doc.data, doc.len, charsets[c]);
		buf_release(&doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_large_documents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
