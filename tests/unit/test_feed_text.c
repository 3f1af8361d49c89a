/* test_feed_text.c - the feed module's fast text paths equal text.c's */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "feed_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Inputs that touch every branch: markup, references, escapes, white
 * space of all kinds, bytes that are not UTF-8. */
static const char *const fragments[] = {
	"a",
	"word",
	"Policy ",
	" ",
	"  ",
	"\t",
	"\n",
	"\r\n",
	"\v\f",
	"&",
	"&amp;",
	"&lt;",
	"&gt;",
	"&quot;",
	"&apos;",
	"&nbsp;",
	"&mdash;",
	"&hellip;",
	"&eacute;",
	"&notanentity;",
	"&#8217;",
	"&#x2014;",
	"&#X41;",
	"&#65",
	"&#;",
	"&#x;",
	"&#0;",
	"&#27;",
	"&#x1b;",
	"&#x85;",
	"&#x9b;",
	"&#xD800;",
	"&#1114112;",
	"&#99999999999;",
	"&#160;",
	"&#x200b;",
	"&#x202e;",
	"&a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u;",
	"<",
	">",
	"<b>",
	"</b>",
	"<p>",
	"</p>",
	"<br/>",
	"<br />",
	"<BR>",
	"<div class=\"x>y\">",
	"<a href='q'>",
	"<script>",
	"</script>",
	"<script/>",
	"<STYLE>x{}</style>",
	"<title>",
	"<head>",
	"<x:p>",
	"<h1>",
	"<td>",
	"<!-- c -->",
	"<!--",
	"-->",
	"<![CDATA[",
	"]]>",
	"<![CDATA[<b>&amp;</b>]]>",
	"<!DOCTYPE html>",
	"<?pi x?>",
	"< b",
	"<1>",
	"</ >",
	"<a",
	"\x1b[31m",
	"\x1b]0;title\x07",
	"\x1b",
	"\xc2\x9b"
	"2J",
	"\xc2\x85",
	"\xc2\xa0",
	"\xe2\x80\x94",
	"\xe2\x80\x8b",
	"\xe2\x80\xae",
	"\xe3\x80\x80",
	"\xe1\x9a\x80",
	"\xe2\x80\xa8",
	"\xe2\x80\xaf",
	"\xe2\x81\x9f",
	"\xe2\x81\xa0",
	"\xe2\x81\xa6",
	"\xd8\x9c",
	"\xef\xbf\xb9",
	"\xef\xbf\xbe",
	"&#x1680;",
	"&#8232;",
	"\xef\xbb\xbf",
	"\xf0\x9f\x98\x80",
	"\x80",
	"\x81",
	"\x93",
	"\x9f",
	"\xe9",
	"\xff",
	"\xc3",
	"\xe2\x80",
	"\xed\xa0\x80",
	"\xc0\xaf",
	"\x01",
	"\x7f",
	"caf\xc3\xa9",
	"AT&T",
	"x < y",
	"q\"uote",
	"back\\slash",
	"0123456789abcdef",
	"The quick brown fox jumps over the lazy dog. ",
};

#define NFRAG (sizeof(fragments) / sizeof(fragments[0]))

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A random string of fragments (NUL bytes included now and then). */
static size_t make_input(char *buf, size_t cap)
{
	size_t len = 0, k, n = rnd(24);

	while (n--) {
		const char *f = fragments[rnd(NFRAG)];
		size_t fl = strlen(f);

		if (rnd(50) == 0 && len + 1 < cap) {
			buf[len++] = '\0';
			continue;
		}
		/* runs of plain text long enough for the word-wide paths */
		for (k = rnd(8) == 0 ? 1 + rnd(6) : 1; k; k--) {
			if (len + fl >= cap)
				return len;
			memcpy(buf + len, f, fl);
			len += fl;
		}
	}
	return len;
}

static void same(const char *what, const char *in, size_t n, char *want,
		 char *got)
{
	if (!want || !got || strcmp(want, got) != 0) {
		size_t i;

		fprintf(stderr, "%s differs on input:", what);
		for (i = 0; i < n; i++)
			fprintf(stderr, " %02x", (unsigned char)in[i]);
		fprintf(stderr, "\n want \"%s\"\n got  \"%s\"\n",
			want ? want : "(null)", got ? got : "(null)");
		fail();
	}
	free(want);
	free(got);
}

static void test_clean_equal(void **state)
{
	char buf[2048];
	size_t n;
	int i;

	(void)state;
	for (i = 0; i < (int)NFRAG; i++)
		same("ftext_clean", fragments[i], strlen(fragments[i]),
		     text_clean(fragments[i], strlen(fragments[i])),
		     ftext_clean(fragments[i], strlen(fragments[i])));
	for (i = 0; i < 100000; i++) {
		n = make_input(buf, sizeof(buf));
		same("ftext_clean", buf, n, text_clean(buf, n),
		     ftext_clean(buf, n));
	}
	assert_null(ftext_clean(NULL, 0));
}

static void test_from_html_equal(void **state)
{
	char buf[2048];
	size_t n;
	int i;

	(void)state;
	for (i = 0; i < (int)NFRAG; i++)
		same("ftext_from_html", fragments[i], strlen(fragments[i]),
		     text_from_html(fragments[i], strlen(fragments[i])),
		     ftext_from_html(fragments[i], strlen(fragments[i])));
	for (i = 0; i < 100000; i++) {
		n = make_input(buf, sizeof(buf));
		same("ftext_from_html", buf, n, text_from_html(buf, n),
		     ftext_from_html(buf, n));
	}
	assert_null(ftext_from_html(NULL, 0));
}

/* A few results spelled out, so that both cannot be wrong together. */
static void test_known(void **state)
{
	static const struct {
		const char *in, *clean, *html;
	} v[] = {
		{"  a  b  ", "a b", "a b"},
		{"<p>One &amp; two</p><p>three</p>",
		 "<p>One &amp; two</p><p>three</p>", "One & two three"},
		{"x\x1b[31my", "xy", "xy"},
		{"caf\xe9", "caf\xc3\xa9", "caf\xc3\xa9"},
		{"a<script>b</script>c", "a<script>b</script>c", "ac"},
		{"&#x2014;&nbsp;", "&#x2014;&nbsp;", "\xe2\x80\x94"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char *c = ftext_clean(v[i].in, strlen(v[i].in));
		char *h = ftext_from_html(v[i].in, strlen(v[i].in));

		assert_string_equal(c, v[i].clean);
		assert_string_equal(h, v[i].html);
		free(c);
		free(h);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_clean_equal),
		cmocka_unit_test(test_from_html_equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
