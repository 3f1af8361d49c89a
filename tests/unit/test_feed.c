/* test_feed.c - feed_parse over small inline documents */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"

struct vector {
	const char *name;
	const char *doc;
	const char *url;
	enum feed_format format;
	size_t nitems;
	const char *id; /* of the first item */
	const char *title;
	const char *link;
	const char *published; /* UTC, or NULL for none */
	const char *summary;
};

static const struct vector vectors[] = {
	{"rss 2.0 minimal",
	 "<rss version=\"2.0\"><channel><title>T</title>"
	 "<item><title>A</title><link>https://x.test/a</link>"
	 "<guid>g1</guid><pubDate>Wed, 10 Jun 2020 18:00:00 GMT</pubDate>"
	 "<description>&lt;p&gt;One &amp;amp; two&lt;/p&gt;</description>"
	 "</item></channel></rss>",
	 NULL, FEED_RSS20, 1, "g1", "A", "https://x.test/a",
	 "2020-06-10T18:00:00Z", "One & two"},
	{"rss 0.91",
	 "<rss version=\"0.91\"><channel><title>T</title>"
	 "<item><title>Old</title><link>http://x.test/o</link></item>"
	 "</channel></rss>",
	 NULL, FEED_RSS09X, 1, "http://x.test/o", "Old", "http://x.test/o",
	 NULL, NULL},
	{"rss 1.0 with dc:date",
	 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	 " xmlns=\"http://purl.org/rss/1.0/\""
	 " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	 "<channel rdf:about=\"http://x.test/\"><title>T</title></channel>"
	 "<item rdf:about=\"http://x.test/1\"><title>R1</title>"
	 "<link>http://x.test/1</link><dc:date>2020-06-08T18:30:00-04:00</dc:date>"
	 "</item></rdf:RDF>",
	 NULL, FEED_RSS10, 1, "http://x.test/1", "R1", "http://x.test/1",
	 "2020-06-08T22:30:00Z", NULL},
	{"rss 0.90",
	 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	 " xmlns=\"http://my.netscape.com/rdf/simple/0.9/\">"
	 "<channel><title>T</title><link>http://x.test/</link></channel>"
	 "<item><title>N</title><link>http://x.test/n</link></item>"
	 "</rdf:RDF>",
	 NULL, FEED_RSS09X, 1, "http://x.test/n", "N", "http://x.test/n", NULL,
	 NULL},
	{"atom 1.0",
	 "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title>"
	 "<entry><id>urn:e1</id><title type=\"html\">A &amp;amp; B</title>"
	 "<link rel=\"self\" href=\"https://x.test/self\"/>"
	 "<link href=\"https://x.test/e1\"/>"
	 "<published>2020-06-11T10:00:00+02:00</published>"
	 "<summary>S</summary></entry></feed>",
	 NULL, FEED_ATOM10, 1, "urn:e1", "A & B", "https://x.test/e1",
	 "2020-06-11T08:00:00Z", "S"},
	{"atom 0.3",
	 "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>F</title>"
	 "<entry><id>urn:o</id><title>Old atom</title>"
	 "<link rel=\"alternate\" type=\"text/html\" href=\"http://x.test/o\"/>"
	 "<issued>2004-01-02T03:04:05Z</issued>"
	 "<content type=\"text/html\" mode=\"base64\">PGI+SGk8L2I+</content>"
	 "</entry></feed>",
	 NULL, FEED_ATOM03, 1, "urn:o", "Old atom", "http://x.test/o",
	 "2004-01-02T03:04:05Z", NULL},
	{"relative link against the document url",
	 "<rss version=\"2.0\"><channel><item><title>R</title>"
	 "<link>/news/r.html</link></item></channel></rss>",
	 "https://example.com/feed/", FEED_RSS20, 1,
	 "https://example.com/news/r.html", "R",
	 "https://example.com/news/r.html", NULL, NULL},
	{"protocol-relative link",
	 "<rss version=\"2.0\"><channel><item><title>P</title><guid>p</guid>"
	 "<link>//cdn.example.org/a/b</link></item></channel></rss>",
	 "https://example.com/feed/", FEED_RSS20, 1, "p", "P",
	 "https://cdn.example.org/a/b", NULL, NULL},
	{"relative link next to a base with a query",
	 "<rss version=\"2.0\"><channel><item><title>Q</title><guid>q</guid>"
	 "<link>b.html</link></item></channel></rss>",
	 "https://example.com/feed/index.xml?x=1", FEED_RSS20, 1, "q", "Q",
	 "https://example.com/feed/b.html", NULL, NULL},
	{"dot segments go through the full resolver",
	 "<rss version=\"2.0\"><channel><item><title>D</title><guid>d</guid>"
	 "<link>../up.html</link></item></channel></rss>",
	 "https://example.com/feed/x.xml", FEED_RSS20, 1, "d", "D",
	 "https://example.com/up.html", NULL, NULL},
	{"nested xml:base",
	 "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://a.test/x/\">"
	 "<entry xml:base=\"y/\"><id>i</id><title>B</title>"
	 "<link href=\"z.html\"/></entry></feed>",
	 NULL, FEED_ATOM10, 1, "i", "B", "https://a.test/x/y/z.html", NULL,
	 NULL},
	{"guid permalink stands in for a link",
	 "<rss version=\"2.0\"><channel><item><title>P</title>"
	 "<guid>https://x.test/p</guid></item></channel></rss>",
	 NULL, FEED_RSS20, 1, "https://x.test/p", "P", "https://x.test/p", NULL,
	 NULL},
	{"guid isPermaLink=false is not a link",
	 "<rss version=\"2.0\"><channel><item><title>Q</title>"
	 "<guid isPermaLink=\"false\">https://x.test/q</guid></item></channel></rss>",
	 NULL, FEED_RSS20, 1, "https://x.test/q", "Q", NULL, NULL, NULL},
	{"undeclared HTML entities in RSS",
	 "<rss version=\"2.0\"><channel><item><title>A&nbsp;&mdash;&nbsp;B</title>"
	 "<guid>e</guid></item></channel></rss>",
	 NULL, FEED_RSS20, 1, "e", "A \xE2\x80\x94 B", NULL, NULL, NULL},
	{"CDATA description",
	 "<rss version=\"2.0\"><channel><item><title>C</title><guid>c</guid>"
	 "<description><![CDATA[<p>Hello <b>world</b></p><p>again</p>]]></description>"
	 "</item></channel></rss>",
	 NULL, FEED_RSS20, 1, "c", "C", NULL, NULL, "Hello world again"},
	{"unknown namespaces are ignored",
	 "<rss version=\"2.0\" xmlns:foo=\"urn:foo\"><channel><item>"
	 "<foo:title>nope</foo:title><title>Real</title><guid>u</guid>"
	 "<foo:bar><x/></foo:bar></item></channel></rss>",
	 NULL, FEED_RSS20, 1, "u", "Real", NULL, NULL, NULL},
	{"media:title when there is no title",
	 "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
	 "<channel><item><media:title>M</media:title><guid>m</guid></item>"
	 "</channel></rss>",
	 NULL, FEED_RSS20, 1, "m", "M", NULL, NULL, NULL},
	{"an empty feed",
	 "<rss version=\"2.0\"><channel><title>E</title></channel></rss>", NULL,
	 FEED_RSS20, 0, NULL, NULL, NULL, NULL, NULL},
	{"xhtml summary flattened",
	 "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry>"
	 "<id>x1</id><title>X</title><summary type=\"xhtml\">"
	 "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>One <b>two</b></p>"
	 "<p>three &amp; four</p></div></summary></entry></feed>",
	 NULL, FEED_ATOM10, 1, "x1", "X", NULL, NULL, "One two three & four"},
	{"xml:base defaulted by the internal subset",
	 "<!DOCTYPE rss [<!ATTLIST item xml:base CDATA \"https://d.test/b/\">]>"
	 "<rss version=\"2.0\"><channel><item><title>D</title><guid>d</guid>"
	 "<link>x.html</link></item></channel></rss>",
	 NULL, FEED_RSS20, 1, "d", "D", "https://d.test/b/x.html", NULL, NULL},
	{"declared entities are never expanded",
	 "<!DOCTYPE rss [<!ENTITY co \"Example Corp\">]><rss version=\"2.0\">"
	 "<channel><item><title>&co; news</title><guid>e</guid></item>"
	 "</channel></rss>",
	 NULL, FEED_RSS20, 1, "e", "&co; news", NULL, NULL, NULL},
	{"base64 HTML summary",
	 "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
	 "<id>g</id><title>B</title>"
	 "<summary type=\"text/html\" mode=\"base64\">PGI+SGk8L2I+IHRoZXJl"
	 "</summary></entry></feed>",
	 NULL, FEED_ATOM03, 1, "g", "B", NULL, NULL, "Hi there"},
	{"a title with a terminal escape",
	 "<rss version=\"2.0\"><channel><item><title>a\x1b[2Jb</title>"
	 "<guid>t</guid></item></channel></rss>",
	 NULL, FEED_RSS20, 1, "t", "ab", NULL, NULL, NULL},
};

static void test_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		struct feed f;
		struct err e;
		const struct item *it;
		char when[21];

		print_message("%s\n", v->name);
		assert_int_equal(feed_parse(v->doc, strlen(v->doc), v->url,
					    NULL, &f, &e),
				 0);
		assert_int_equal(f.format, v->format);
		assert_int_equal(f.items.n, v->nitems);
		if (v->nitems) {
			it = &f.items.v[0];
			assert_string_equal(it->id, v->id);
			assert_string_equal(it->title, v->title);
			if (v->link)
				assert_string_equal(it->link, v->link);
			else
				assert_null(it->link);
			if (v->published) {
				assert_true(it->published.set);
				date_format_utc(it->published.utc, when);
				assert_string_equal(when, v->published);
			} else {
				assert_false(it->published.set);
			}
			if (v->summary)
				assert_string_equal(it->summary, v->summary);
		}
		feed_release(&f);
	}
}

static const struct {
	const char *doc;
	const char *msg;
} bad[] = {
	{"<html><body>503</body></html>",
	 "not a feed: the root element is <html> (an HTML page)"},
	{"<opml version=\"2.0\"><body/></opml>",
	 "not a feed: the root element is <opml>"},
	{"just text", "not XML"},
	{"", "empty document"},
};

static void test_not_feeds(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct feed f;
		struct err e;

		assert_int_equal(feed_parse(bad[i].doc, strlen(bad[i].doc),
					    NULL, NULL, &f, &e),
				 -1);
		assert_non_null(strstr(e.msg, bad[i].msg));
		assert_int_equal(f.items.n, 0);
		feed_release(&f);
	}
}

static void test_recovery(void **state)
{
	static const char doc[] =
		"<rss version=\"2.0\"><channel>"
		"<item><title>one</title><guid>1</guid></item>"
		"<item><title>two</title><guid>2</guid></item>"
		"<item><title>thr";
	struct feed f;
	struct err e;

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), NULL, NULL, &f, &e), 0);
	assert_int_equal(f.items.n, 2);
	assert_true(f.warnings > 0);
	assert_string_equal(f.items.v[1].title, "two");
	feed_release(&f);
}

static void test_charset_override(void **state)
{
	/* "é" in Latin-1, with no declaration: the HTTP charset decides */
	static const char doc[] = "<rss version=\"2.0\"><channel><item>"
				  "<title>caf\xE9</title><guid>x</guid>"
				  "</item></channel></rss>";
	struct feed f;
	struct err e;

	(void)state;
	assert_int_equal(
		feed_parse(doc, strlen(doc), NULL, "ISO-8859-1", &f, &e), 0);
	assert_string_equal(f.items.v[0].title, "caf\xC3\xA9");
	feed_release(&f);
}

/* Charsets that would lose the document: "us-ascii" with UTF-8 bytes is
 * read as UTF-8; one nobody knows is ignored, served or declared. */
static void test_charset_lies(void **state)
{
	static const char utf8[] = "<rss version=\"2.0\"><channel><item>"
				   "<title>caf\xC3\xA9</title><guid>x</guid>"
				   "</item></channel></rss>";
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"x-nope\"?>"
				   "<rss version=\"2.0\"><channel><item>"
				   "<title>caf\xC3\xA9</title><guid>x</guid>"
				   "</item></channel></rss>";
	static const char *const served[] = {"us-ascii", "ascii", "x-nope",
					     "unicode"};
	static const char narrow[] = "<rss version=\"2.0\"><channel><item>"
				     "<title>caf\xE9</title><guid>x</guid>"
				     "</item></channel></rss>";
	char wide[2 * sizeof(narrow)];
	struct feed f;
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(served) / sizeof(served[0]); i++) {
		assert_int_equal(
			feed_parse(utf8, strlen(utf8), NULL, served[i], &f, &e),
			0);
		assert_int_equal(f.items.n, 1);
		assert_string_equal(f.items.v[0].title, "caf\xC3\xA9");
		feed_release(&f);
	}
	assert_int_equal(feed_parse(decl, strlen(decl), NULL, NULL, &f, &e), 0);
	assert_int_equal(f.items.n, 1);
	assert_string_equal(f.items.v[0].title, "caf\xC3\xA9");
	feed_release(
		&f); /* a 16-bit charset is still believed, without a BOM too */
	for (i = 0; i < sizeof(narrow) - 1; i++) {
		wide[2 * i] = narrow[i];
		wide[2 * i + 1] = '\0';
	}
	assert_int_equal(feed_parse(wide, 2 * i, NULL, "UTF-16LE", &f, &e), 0);
	assert_int_equal(f.items.n, 1);
	assert_string_equal(f.items.v[0].title, "caf\xC3\xA9");
	feed_release(&f);
}

static void test_many_items(void **state)
{
	/* items are freed as they are read; all of them must arrive */
	char *doc = malloc(200 * 5000 + 100);
	size_t n = 0, i;
	struct feed f;
	struct err e;

	(void)state;
	assert_non_null(doc);
	n += (size_t)sprintf(doc + n, "<rss version=\"2.0\"><channel>");
	for (i = 0; i < 5000; i++)
		n += (size_t)sprintf(
			doc + n,
			"<item><title>item %zu</title><guid>g%zu</guid>"
			"</item>\n",
			i, i);
	n += (size_t)sprintf(doc + n, "</channel></rss>");
	assert_int_equal(feed_parse(doc, n, NULL, NULL, &f, &e), 0);
	assert_int_equal(f.items.n, 5000);
	assert_string_equal(f.items.v[4999].title, "item 4999");
	assert_int_equal(f.warnings, 0);
	feed_release(&f);
	free(doc);
}

/* Raw markup in an RSS description is text, as feedparser reads it: an
 * "item" inside one is not an item of its own. Its "</item>" still ends
 * the item the description is in (feedparser ends items there too). */
static void test_nested_items(void **state)
{
	const char *doc =
		"<rss version=\"2.0\"><channel><item><title>Outer</title>"
		"<guid>o</guid><description>before<channel><item>"
		"<title>Inner</title><guid>i</guid></item></channel>after"
		"</description></item></channel></rss>";
	struct feed f;
	struct err e;

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), NULL, NULL, &f, &e), 0);
	assert_int_equal(f.items.n, 1);
	assert_string_equal(f.items.v[0].title, "Outer");
	assert_string_equal(f.items.v[0].id, "o");
	assert_non_null(f.items.v[0].summary);
	assert_true(strncmp(f.items.v[0].summary, "before", 6) == 0);
	feed_release(&f);
}

/* A description never closed ends at its item's end: the next items are
 * read. */
static void test_unclosed_description(void **state)
{
	const char *doc =
		"<rss version=\"2.0\"><channel><item><title>A</title>"
		"<guid>a</guid><description>open <b>and never closed</item>"
		"<item><title>B</title><guid>b</guid><description>fine"
		"</description></item></channel></rss>";
	struct feed f;
	struct err e;

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), NULL, NULL, &f, &e), 0);
	assert_int_equal(f.items.n, 2);
	assert_string_equal(f.items.v[0].summary, "open and never closed");
	assert_string_equal(f.items.v[1].title, "B");
	assert_string_equal(f.items.v[1].summary, "fine");
	feed_release(&f);
}

/* Atom authors: the first name child, else the element's own text; an
 * entry without one takes the feed's. */
static void test_authors(void **state)
{
	const char *doc =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><author><name>Feed "
		"Team</name></author><entry><id>f1</id><title>T</title></entry>"
		"<entry><id>f2</id><title>U</title><author><email>x@y</email>"
		"<name>Ann</name><name>Not</name></author><author>Bob</author>"
		"</entry></feed>";
	struct feed f;
	struct err e;

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), NULL, NULL, &f, &e), 0);
	assert_string_equal(f.meta.author, "Feed Team");
	assert_int_equal(f.items.n, 2);
	assert_string_equal(f.items.v[0].author, "Feed Team");
	assert_string_equal(f.items.v[1].author, "Ann, Bob");
	feed_release(&f);
}

/*
 * A start tag that never ends ("<item x/'>"): libxml2 takes the element
 * off its tree at once and hangs what follows one level up, so the text
 * meant for that item lands on the channel. The tree-building parser
 * annals had read it so; the event-driven one keeps that reading, and the
 * items after it.
 */
static void test_unended_start_tag(void **state)
{
	const char *doc = "<rss version=\"2.0\"><channel><item x/'><title>lost"
			  "</title></item><item><title>Kept</title><guid>k"
			  "</guid></item></channel></rss>";
	struct feed f;
	struct err e;

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), NULL, NULL, &f, &e), 0);
	assert_true(f.warnings > 0);
	assert_string_equal(f.meta.title, "lost");
	assert_int_equal(f.items.n, 1);
	assert_string_equal(f.items.v[0].title, "Kept");
	feed_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_not_feeds),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_charset_override),
		cmocka_unit_test(test_charset_lies),
		cmocka_unit_test(test_many_items),
		cmocka_unit_test(test_nested_items),
		cmocka_unit_test(test_unclosed_description),
		cmocka_unit_test(test_authors),
		cmocka_unit_test(test_unended_start_tag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
