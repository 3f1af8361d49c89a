/* test_text.c - UTF-8 cleanup, control stripping, HTML to text */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "text.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A string and its length; n == 0 means strlen(s). */
struct bytes {
	const char *s;
	size_t n;
};

static size_t len_of(struct bytes b)
{
	return b.n ? b.n : strlen(b.s);
}

/* Print s with bytes outside printable ASCII as \xHH. */
static void print_escaped(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		print_error("(null)");
		return;
	}
	print_error("\"");
	for (; *p; p++) {
		if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\')
			print_error("\\x%02x", *p);
		else
			print_error("%c", *p);
	}
	print_error("\"");
}

/* Compare got with want, printing the row on a mismatch; returns 1 when
 * they differ so that callers can count failures and report them all. */
static int differs(const char *what, size_t row, const char *in,
		   const char *got, const char *want)
{
	if (got && want && strcmp(got, want) == 0)
		return 0;
	if (!got && !want)
		return 0;
	print_error("%s row %zu: input ", what, row);
	print_escaped(in);
	print_error("\n    got ");
	print_escaped(got);
	print_error("\n   want ");
	print_escaped(want);
	print_error("\n");
	return 1;
}

static const struct {
	struct bytes in;
	const char *want;
} clean_cases[] = {
	/* white space: collapsed and trimmed */
	{{"", 0}, ""},
	{{"hello", 0}, "hello"},
	{{"  hello  ", 0}, "hello"},
	{{"a  b\t\tc\n\nd", 0}, "a b c d"},
	{{"\r\n a \r\n", 0}, "a"},
	{{"a\vb\fc", 0}, "a b c"},
	{{" \t\n ", 0}, ""},
	{{"x\xc2\xa0y", 0}, "x y"}, /* NBSP */
	{{"\xc2\xa0\xc2\xa0x\xc2\xa0", 0}, "x"},
	{{"x\xe2\x80\xa8y", 0}, "x y"}, /* U+2028 LINE SEPARATOR */
	{{"x\xe2\x80\xa9y", 0}, "x y"}, /* U+2029 PARAGRAPH SEP. */
	{{"x\xe2\x80\x83y", 0}, "x y"}, /* U+2003 EM SPACE */
	{{"x\xe3\x80\x80y", 0}, "x y"}, /* U+3000 IDEOGRAPHIC SPACE */
	{{"x \xc2\xa0\xe2\x80\xa8\t y", 0}, "x y"},
	/* C0, DEL, NUL and C1 controls are dropped */
	{{"x\x01y\x7fz", 0}, "xyz"},
	{{"a\0b", 3}, "ab"},
	{{"x\x08y\x1fz", 0}, "xyz"},
	{{"x\xc2\x80y", 0}, "xy"},
	{{"x\xc2\x9fy", 0}, "xy"},
	/* bidi embeddings, overrides and isolates */
	{{"x\xe2\x80\xaay", 0}, "xy"},			 /* U+202A */
	{{"x\xe2\x80\xaby", 0}, "xy"},			 /* U+202B */
	{{"x\xe2\x80\xacy", 0}, "xy"},			 /* U+202C */
	{{"x\xe2\x80\xady", 0}, "xy"},			 /* U+202D */
	{{"evil\xe2\x80\xaegpj.exe", 0}, "evilgpj.exe"}, /* U+202E */
	{{"x\xe2\x81\xa6y", 0}, "xy"},			 /* U+2066 */
	{{"x\xe2\x81\xa7y", 0}, "xy"},			 /* U+2067 */
	{{"x\xe2\x81\xa8y", 0}, "xy"},			 /* U+2068 */
	{{"x\xe2\x81\xa9y", 0}, "xy"},			 /* U+2069 */
	/* other invisible format characters */
	{{"x\xe2\x80\x8by", 0}, "xy"},		     /* ZERO WIDTH SPACE */
	{{"x\xe2\x80\x8ey\xe2\x80\x8fz", 0}, "xyz"}, /* LRM, RLM */
	{{"\xef\xbb\xbftitle", 0}, "title"},	     /* BOM */
	{{"x\xd8\x9cy", 0}, "xy"},		     /* ARABIC LETTER MARK */
	/* terminal escape sequences go entirely */
	{{"\x1b[31mRed\x1b[0m", 0}, "Red"},
	{{"\x1b[1;31;40mX", 0}, "X"},
	{{"\x1b[?25lok", 0}, "ok"},
	{{"\x1b]0;title\x07x", 0}, "x"},
	{{"\x1b]0;title\x1b\\x", 0}, "x"},
	{{"\x1b]8;;http://e.test/\x1b\\link\x1b]8;;\x1b\\", 0}, "link"},
	{{"\xc2\x9b"
	  "2J",
	  0},
	 ""}, /* C1 CSI in UTF-8 */
	{{"x\xc2\x9b"
	  "2Jy",
	  0},
	 "xy"},
	{{"\xc2\x9d"
	  "0;t\xc2\x9cy",
	  0},
	 "y"}, /* C1 OSC ... ST */
	{{"a\x1b(Bb", 0}, "ab"},
	{{"a\x1bPq#0;1\x1b\\b", 0}, "ab"}, /* DCS */
	{{"a\x1b", 0}, "a"},
	{{"a \x1b[0m b", 0}, "a b"},
	{{"C1 \xc2\x9bthere, ESC \x1b"
	  "esc",
	  0},
	 "C1 there, ESC esc"},
	/* invalid UTF-8 is read as Windows-1252 */
	{{"\x93hi\x94", 0}, "\xe2\x80\x9chi\xe2\x80\x9d"},
	{{"caf\xe9", 0}, "caf\xc3\xa9"},
	{{"na\xefve", 0}, "na\xc3\xafve"},
	{{"\x80x", 0}, "\xe2\x82\xacx"},
	{{"wait\x85", 0}, "wait\xe2\x80\xa6"},
	{{"x\x96y", 0}, "x\xe2\x80\x93y"},
	{{"it\x92s", 0}, "it\xe2\x80\x99s"},
	{{"u\x81v\x8dw\x8fx\x90y\x9dz", 0}, "uvwxyz"}, /* undefined ones */
	{{"x\xa0y", 0}, "x y"},			       /* Latin-1 NBSP */
	{{"caf\xc3\xa9 \xe9t\xe9", 0}, "caf\xc3\xa9 \xc3\xa9t\xc3\xa9"},
	{{"\xc3", 0}, "\xc3\x83"}, /* truncated sequence */
	/* overlong forms, surrogates and out-of-range sequences are not
	 * decoded: each byte reads as Windows-1252 */
	{{"\xc0\xaf", 0}, "\xc3\x80\xc2\xaf"},
	{{"\xe0\x80\xaf", 0}, "\xc3\xa0\xe2\x82\xac\xc2\xaf"},
	{{"\xed\xa0\x80", 0}, "\xc3\xad \xe2\x82\xac"},
	{{"\xf4\x90\x80\x80", 0}, "\xc3\xb4\xe2\x82\xac\xe2\x82\xac"},
	/* valid text is kept */
	{{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 0},
	 "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"},
	{{"smile \xf0\x9f\x98\x80", 0}, "smile \xf0\x9f\x98\x80"},
	{{"\xc3\x9cn\xc3\xafk\xc3\xb6t", 0}, "\xc3\x9cn\xc3\xafk\xc3\xb6t"},
};

static void test_clean(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(clean_cases) / sizeof(clean_cases[0]); i++) {
		char *got = text_clean(clean_cases[i].in.s,
				       len_of(clean_cases[i].in));

		assert_non_null(got);
		bad += (size_t)differs("text_clean", i, clean_cases[i].in.s,
				       got, clean_cases[i].want);
		/* whatever came in, what goes out is valid UTF-8 */
		assert_true(text_utf8_valid(got, strlen(got)));
		free(got);
	}
	assert_int_equal(bad, 0);
}

static void test_clean_null(void **state)
{
	(void)state;
	assert_null(text_clean(NULL, 0));
	assert_null(text_from_html(NULL, 0));
}

/* Only the first n bytes count. */
static void test_clean_length(void **state)
{
	char *got = text_clean("abc def", 3);

	(void)state;
	assert_string_equal(got, "abc");
	free(got);
}

struct html_case {
	const char *in;
	const char *want;
};

static const struct html_case html_cases[] = {
	{"<p>a</p><p>b</p>", "a b"},
	{"a<b>m</b>azon", "amazon"},
	{"<p><b>Am</b>azon</p>", "Amazon"},
	{"<i>it</i><em>al</em><span>ic</span>", "italic"},
	{"one<br>two", "one two"},
	{"one<br/>two", "one two"},
	{"<ul><li>one</li><li>two</li></ul>", "one two"},
	{"<h1>Title</h1>Body", "Title Body"},
	{"<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
	{"<div>  spaced \n  out  </div>", "spaced out"},
	{"<a href=\"http://x.test/?a=1&amp;b=2\">link</a> text", "link text"},
	{"<img src=\"x.png\">Caption", "Caption"},
	/* entities */
	{"a &amp; b", "a & b"},
	{"a&nbsp;b", "a b"},
	{"x&mdash;y", "x\xe2\x80\x94y"},
	{"it&#8217;s", "it\xe2\x80\x99s"},
	{"it&#x2019;s", "it\xe2\x80\x99s"},
	{"&quot;q&quot; &lt;3", "\"q\" <3"},
	{"<p>Tom &amp; Jerry&#39;s</p>", "Tom & Jerry's"},
	/* one decode only: double-escaped markup stays text */
	{"&lt;p&gt;x&lt;/p&gt;", "<p>x</p>"},
	{"&amp;amp;", "&amp;"},
	/* scripts, styles and comments are dropped */
	{"<p>a<script>var x = '<b>no</b>';</script>b</p>", "ab"},
	{"<p>x</p><script>alert(1)</script>ok", "x ok"},
	{"<p>x<style>p { color: red }</style>y</p>", "xy"},
	{"<!-- hidden -->shown", "shown"},
	{"a<!-- hidden -->b", "ab"},
	/* text without markup is only cleaned */
	{"plain text", "plain text"},
	{"  plain \t text  ", "plain text"},
	{"", ""},
	/* and the cleaning applies after the parse */
	{"caf\xe9 <b>ok</b>", "caf\xc3\xa9 ok"},
	{"<p>\x93quoted\x94</p>", "\xe2\x80\x9cquoted\xe2\x80\x9d"},
	{"<p>x\xe2\x80\xaey</p>", "xy"},
	{"<p>a&#x202e;b</p>", "ab"},
	{"<p>a&#160;&#160;b</p>", "a b"},
};

/*
 * Regressions in text_from_html:
 *
 * 1. With HTML_PARSE_NOIMPLIED, libxml2 2.9 puts text that follows a
 *    leading top-level element into an implied <p> nested inside that
 *    element. Inline markup gains a space ("Am azon"), and text after a
 *    leading script/style/noscript is dropped along with it ("").
 * 2. Escape sequences are not removed before the HTML parse: libxml2 drops
 *    the lone ESC byte and "[31m" stays as text, where text_clean() would
 *    remove the whole sequence.
 */
static const struct html_case html_regress_cases[] = {
	{"<b>Am</b>azon", "Amazon"},
	{"<a href=\"x\">Link</a>s", "Links"},
	{"<script>alert(1)</script>ok", "ok"},
	{"<style>p { color: red }</style>text", "text"},
	{"<noscript>enable js</noscript>page", "page"},
	{"<p>\x1b[31mred\x1b[0m</p>", "red"},
};

static size_t run_html(const struct html_case *t, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		char *got = text_from_html(t[i].in, strlen(t[i].in));

		assert_non_null(got);
		bad += (size_t)differs("text_from_html", i, t[i].in, got,
				       t[i].want);
		free(got);
	}
	return bad;
}

static void test_from_html(void **state)
{
	(void)state;
	assert_int_equal(run_html(html_cases,
				  sizeof(html_cases) / sizeof(html_cases[0])),
			 0);
}

static void test_from_html_regressions(void **state)
{
	(void)state;
	assert_int_equal(run_html(html_regress_cases,
				  sizeof(html_regress_cases) /
					  sizeof(html_regress_cases[0])),
			 0);
}

/* Whatever the markup, no control character or bidi override survives. */
static void test_from_html_hostile(void **state)
{
	static const char *const t[] = {
		"<p>a&#27;[31mb</p>",
		"<p>\x1b]0;title\x07x</p>",
		"<p>a&#x9b;2Jb</p>",
		"<p>&#x202e;rtl&#x2066;</p>",
		"<p>a&#1;b&#127;c&#x85;d</p>",
		"<p>\xc2\x9b"
		"2Jz</p>",
		"<b>\x01\x02</b>\x7f",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *got = text_from_html(t[i], strlen(t[i]));

		assert_non_null(got);
		assert_true(text_utf8_valid(got, strlen(got)));
		assert_false(text_has_controls(got, strlen(got)));
		assert_null(strchr(got, 0x7F));
		assert_null(strstr(got, "\xe2\x80\xae"));
		assert_null(strstr(got, "\xe2\x81\xa6"));
		free(got);
	}
}

static void test_looks_html(void **state)
{
	static const struct {
		const char *in;
		int want;
	} t[] = {
		{"plain", 0}, {"", 0},	  {"a<b", 1},
		{"a&b", 1},   {"<p>", 1}, {"caf\xc3\xa9", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(text_looks_html(t[i].in, strlen(t[i].in)),
				 t[i].want);
}

static const struct {
	struct bytes in;
	int valid;
} valid_cases[] = {
	{{"", 0}, 1},
	{{"ascii", 0}, 1},
	{{"a\0b", 3}, 1},
	{{"caf\xc3\xa9", 0}, 1},
	{{"\xe2\x82\xac", 0}, 1},
	{{"\xf0\x9f\x98\x80", 0}, 1},
	{{"\xf4\x8f\xbf\xbf", 0}, 1}, /* U+10FFFF */
	{{"\xef\xbf\xbf", 0}, 1},     /* U+FFFF */
	{{"\xed\x9f\xbf", 0}, 1},     /* U+D7FF */
	{{"\xee\x80\x80", 0}, 1},     /* U+E000 */
	{{"caf\xe9", 0}, 0},	      /* Latin-1 */
	{{"\x93hi\x94", 0}, 0},	      /* Windows-1252 */
	{{"\xc3", 0}, 0},	      /* truncated */
	{{"\xe2\x82", 0}, 0},	      /* truncated */
	{{"\xf0\x9f\x98", 0}, 0},     /* truncated */
	{{"\xc0\xaf", 0}, 0},	      /* overlong '/' */
	{{"\xc1\xbf", 0}, 0},	      /* overlong */
	{{"\xe0\x80\xaf", 0}, 0},     /* overlong */
	{{"\xe0\x9f\xbf", 0}, 0},     /* overlong */
	{{"\xf0\x8f\xbf\xbf", 0}, 0}, /* overlong */
	{{"\xed\xa0\x80", 0}, 0},     /* surrogate U+D800 */
	{{"\xed\xbf\xbf", 0}, 0},     /* surrogate U+DFFF */
	{{"\xf4\x90\x80\x80", 0}, 0}, /* U+110000 */
	{{"\xf5\x80\x80\x80", 0}, 0}, /* bad lead */
	{{"\xff", 0}, 0},	      /* never in UTF-8 */
	{{"\x80", 0}, 0},	      /* lone continuation */
	{{"\xe2\x28\xa1", 0}, 0},     /* bad continuation */
	{{"ok\xc3\xa9\xc3", 0}, 0},   /* truncated at the end */
};

static void test_utf8_valid(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(valid_cases) / sizeof(valid_cases[0]); i++) {
		int got = text_utf8_valid(valid_cases[i].in.s,
					  len_of(valid_cases[i].in));

		if (!got != !valid_cases[i].valid) {
			print_error("text_utf8_valid row %zu: got %d\n", i,
				    got);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_utf8_fix(void **state)
{
	static const struct {
		struct bytes in;
		const char *want;
	} t[] = {
		{{"", 0}, ""},
		{{"abc", 0}, "abc"},
		{{"  x  ", 0}, "  x  "},	 /* no trimming */
		{{"x\x01y\tz", 0}, "x\x01y\tz"}, /* controls stay */
		{{"a\0b", 3}, "ab"},		 /* NUL dropped */
		{{"\x93hi\x94", 0}, "\xe2\x80\x9chi\xe2\x80\x9d"},
		{{"caf\xe9", 0}, "caf\xc3\xa9"},
		{{"caf\xc3\xa9", 0}, "caf\xc3\xa9"},
		{{"x\x81y", 0}, "xy"}, /* undefined dropped */
		{{"\xc3", 0}, "\xc3\x83"},
		{{"\xed\xa0\x80", 0}, "\xc3\xad\xc2\xa0\xe2\x82\xac"},
		{{"\xf0\x9f\x98\x80", 0}, "\xf0\x9f\x98\x80"},
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *got = text_utf8_fix(t[i].in.s, len_of(t[i].in));

		assert_non_null(got);
		bad += (size_t)differs("text_utf8_fix", i, t[i].in.s, got,
				       t[i].want);
		assert_true(text_utf8_valid(got, strlen(got)));
		free(got);
	}
	assert_int_equal(bad, 0);
}

static void test_utf8_decode(void **state)
{
	static const struct {
		struct bytes in;
		size_t len;
		unsigned cp;
	} t[] = {
		{{"A", 0}, 1, 0x41},
		{{"\0", 1}, 1, 0},
		{{"\x7f", 0}, 1, 0x7F},
		{{"\xc2\x80", 0}, 2, 0x80},
		{{"\xc3\xa9!", 0}, 2, 0xE9},
		{{"\xdf\xbf", 0}, 2, 0x7FF},
		{{"\xe0\xa0\x80", 0}, 3, 0x800},
		{{"\xe2\x82\xac", 0}, 3, 0x20AC},
		{{"\xed\x9f\xbf", 0}, 3, 0xD7FF},
		{{"\xee\x80\x80", 0}, 3, 0xE000},
		{{"\xef\xbf\xbf", 0}, 3, 0xFFFF},
		{{"\xf0\x90\x80\x80", 0}, 4, 0x10000},
		{{"\xf0\x9f\x98\x80", 0}, 4, 0x1F600},
		{{"\xf4\x8f\xbf\xbf", 0}, 4, 0x10FFFF},
		/* rejected */
		{{"\x80", 0}, 0, 0},
		{{"\xbf", 0}, 0, 0},
		{{"\xc0\x80", 0}, 0, 0},
		{{"\xc1\xbf", 0}, 0, 0},
		{{"\xe0\x80\x80", 0}, 0, 0},
		{{"\xe0\x9f\xbf", 0}, 0, 0},
		{{"\xf0\x80\x80\x80", 0}, 0, 0},
		{{"\xf0\x8f\xbf\xbf", 0}, 0, 0},
		{{"\xed\xa0\x80", 0}, 0, 0},
		{{"\xed\xbf\xbf", 0}, 0, 0},
		{{"\xf4\x90\x80\x80", 0}, 0, 0},
		{{"\xf5\x80\x80\x80", 0}, 0, 0},
		{{"\xf8\x88\x80\x80\x80", 0}, 0, 0},
		{{"\xfe", 0}, 0, 0},
		{{"\xff", 0}, 0, 0},
		{{"\xc3", 0}, 0, 0},
		{{"\xc3(", 0}, 0, 0},
		{{"\xe2\x82", 0}, 0, 0},
		{{"\xe2(\xac", 0}, 0, 0},
		{{"\xf0\x9f\x98", 0}, 0, 0},
		{{"\xf0\x9f\x98(", 0}, 0, 0},
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		unsigned cp = 0xDEAD;
		size_t len = text_utf8_decode((const unsigned char *)t[i].in.s,
					      len_of(t[i].in), &cp);

		if (len != t[i].len || (len && cp != t[i].cp)) {
			print_error("text_utf8_decode row %zu: got %zu U+%04X, "
				    "want %zu U+%04X\n",
				    i, len, cp, t[i].len, t[i].cp);
			bad++;
		}
	}
	/* n bounds the read: a valid sequence cut short is rejected */
	{
		unsigned cp;

		assert_int_equal(
			text_utf8_decode((const unsigned char *)"\xe2"
								"\x82\xac",
					 2, &cp),
			0);
		assert_int_equal(
			text_utf8_decode((const unsigned char *)"A", 0, &cp),
			0);
	}
	assert_int_equal(bad, 0);
}

static void test_json(void **state)
{
	static const struct {
		const char *in;
		const char *want;
	} t[] = {
		{NULL, "null"},
		{"", "\"\""},
		{"plain", "\"plain\""},
		{"say \"hi\"", "\"say \\\"hi\\\"\""},
		{"back\\slash", "\"back\\\\slash\""},
		{"a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
		{"\x01\x1f", "\"\\u0001\\u001f\""},
		{"bell\x07", "\"bell\\u0007\""},
		{"esc\x1b[0m", "\"esc\\u001b[0m\""},
		{"del\x7f", "\"del\\u007f\""},
		{"caf\xc3\xa9 \xe2\x80\x99", "\"caf\xc3\xa9 \xe2\x80\x99\""},
		{"</script>", "\"</script>\""},
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf b;

		buf_init(&b, 0);
		assert_int_equal(text_json(&b, t[i].in), 0);
		bad += (size_t)differs("text_json", i, t[i].in, b.data,
				       t[i].want);
		buf_release(&b);
	}
	assert_int_equal(bad, 0);
}

/* text_json appends and honours the buffer's cap. */
static void test_json_appends(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "{\"k\":"), 0);
	assert_int_equal(text_json(&b, "v"), 0);
	assert_int_equal(buf_addc(&b, '}'), 0);
	assert_string_equal(b.data, "{\"k\":\"v\"}");
	buf_release(&b);

	buf_init(&b, 4);
	assert_int_equal(text_json(&b, "toolong"), -1);
	buf_release(&b);
}

/* Wide characters need a UTF-8 LC_CTYPE; *state says whether we got one. */
static int setup_utf8(void **state)
{
	*state = setlocale(LC_ALL, "C.UTF-8") ? (void *)"utf8" : NULL;
	return 0;
}

static int teardown_locale(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	return 0;
}

static void test_width(void **state)
{
	static const struct {
		const char *in;
		int want;
		int wide; /* needs the UTF-8 locale */
	} t[] = {
		{"", 0, 0},
		{"a", 1, 0},
		{"hello world", 11, 0},
		{"caf\xc3\xa9", 4, 1},
		{"e\xcc\x81", 1, 1}, /* combining acute */
		{"\xe6\x97\xa5\xe6\x9c\xac", 4, 1},
		{"x\xe6\x97\xa5y", 4, 1},
		{"\xef\xbc\xa1", 2, 1}, /* FULLWIDTH A */
		{"\xe2\x80\xa6", 1, 1}, /* ellipsis */
		{"\xf0\x9f\x98\x80", 2, 1},
		{"\xea\xb0\x80", 2, 1}, /* Hangul */
	};
	size_t i, bad = 0;

	if (!*state)
		print_message("no C.UTF-8 locale: wide rows skipped\n");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int got;

		if (t[i].wide && !*state)
			continue;
		got = text_width(t[i].in);
		if (got != t[i].want) {
			print_error("text_width row %zu: got %d, want %d\n", i,
				    got, t[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static const struct {
	const char *in;
	int cols;
	int pad;
	const char *want;
	int wide;
} fit_cases[] = {
	{"hello", 10, 0, "hello", 0},
	{"hello", 10, 1, "hello     ", 0},
	{"hello", 5, 0, "hello", 0},
	{"hello", 5, 1, "hello", 0},
	{"hello world", 5, 0, "hell\xe2\x80\xa6", 0},
	{"hello world", 5, 1, "hell\xe2\x80\xa6", 0},
	{"hello world", 10, 0, "hello wor\xe2\x80\xa6", 0},
	{"hello", 4, 0, "hel\xe2\x80\xa6", 0},
	{"hello", 2, 0, "h\xe2\x80\xa6", 0},
	{"hello", 1, 0, "\xe2\x80\xa6", 0},
	{"hello", 1, 1, "\xe2\x80\xa6", 0},
	{"hello", 0, 0, "", 0},
	{"hello", 0, 1, "", 0},
	{"", 0, 1, "", 0},
	{"", 3, 0, "", 0},
	{"", 3, 1, "   ", 0},
	/* multi-byte: cut between characters, never inside one */
	{"caf\xc3\xa9 au lait", 5, 0, "caf\xc3\xa9\xe2\x80\xa6", 1},
	{"caf\xc3\xa9 au lait", 4, 0, "caf\xe2\x80\xa6", 1},
	{"caf\xc3\xa9", 4, 1, "caf\xc3\xa9", 1},
	{"caf\xc3\xa9", 6, 1, "caf\xc3\xa9  ", 1},
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6, 0,
	 "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 1},
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 7, 1,
	 "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e ", 1},
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 0,
	 "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6", 1},
	/* a wide character that does not fit leaves a column of padding */
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 0,
	 "\xe6\x97\xa5\xe2\x80\xa6", 1},
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 1,
	 "\xe6\x97\xa5\xe2\x80\xa6 ", 1},
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 2, 1, "\xe2\x80\xa6 ", 1},
	{"ab\xe6\x97\xa5", 3, 0, "ab\xe2\x80\xa6", 1},
	{"ab\xe6\x97\xa5", 4, 0, "ab\xe6\x97\xa5", 1},
	{"e\xcc\x81\xcc\x81xyz", 3, 0, "e\xcc\x81\xcc\x81x\xe2\x80\xa6", 1},
};

/* text_ascii: look-alikes, '?' per other character, marks dropped;
 * text_fit_ascii cuts with '~'. */
static void test_ascii(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"plain", "plain"},
		{"", ""},
		{"caf\xc3\xa9", "cafe"},
		{"Z\xc3\xbcrich \xc5\x81\xc3\xb3"
		 "d\xc5\xba Stra\xc3\x9f"
		 "e",
		 "Zurich Lodz Strasse"},
		{"\xce\xb1\xce\xb2", "??"},
		{"e\xcc\x81t\xc3\xa9", "ete"},
		{"\xe2\x80\x94 \xe2\x80\x9cq\xe2\x80\x9d \xe2\x80\x99s",
		 "- \"q\" 's"},
		{"wait\xe2\x80\xa6", "wait..."},
		{"\xe6\x97\xa5\xe6\x9c\xac", "??"},
		{"\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90", "+-+"},
		{"\xc3\x97"
		 "2 \xe2\x98\x85",
		 "x2 *"},
		{"bad \xff byte", "bad ? byte"},
	};
	struct buf b;
	size_t i;
	char *a;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = text_ascii(cases[i].in);
		assert_non_null(a);
		assert_string_equal(a, cases[i].want);
		free(a);
	}
	buf_init(&b, 0);
	assert_int_equal(text_fit_ascii(&b, "abcdefgh", 5, 0), 0);
	assert_string_equal(b.data, "abcd~");
	b.len = 0;
	assert_int_equal(text_fit_ascii(&b, "abc", 5, 1), 0);
	assert_string_equal(b.data, "abc  ");
	buf_release(&b);
}

static void test_fit(void **state)
{
	size_t i, bad = 0;

	for (i = 0; i < sizeof(fit_cases) / sizeof(fit_cases[0]); i++) {
		struct buf b;

		if (fit_cases[i].wide && !*state)
			continue;
		buf_init(&b, 0);
		assert_int_equal(buf_adds(&b, "|"), 0);
		assert_int_equal(text_fit(&b, fit_cases[i].in,
					  fit_cases[i].cols, fit_cases[i].pad),
				 0);
		/* appended after what was there */
		assert_int_equal(b.data[0], '|');
		bad += (size_t)differs("text_fit", i, fit_cases[i].in,
				       b.data + 1, fit_cases[i].want);
		if (fit_cases[i].pad && fit_cases[i].cols > 0)
			assert_int_equal(text_width(b.data + 1),
					 fit_cases[i].cols);
		else
			assert_true(text_width(b.data + 1) <=
				    (fit_cases[i].cols > 0 ? fit_cases[i].cols
							   : 0));
		buf_release(&b);
	}
	assert_int_equal(bad, 0);
}

static void test_escape_len(void **state)
{
	static const struct {
		struct bytes in;
		size_t want;
	} t[] = {
		{{"", 1}, 0},
		{{"a", 0}, 0},
		{{"\xc3\xa9", 0}, 0},
		{{"\xc2\xa0", 0}, 0}, /* NBSP is no control */
		{{"\x1b", 0}, 1},
		{{"\x1b[31m", 0}, 5},
		{{"\x1b[31mRed", 0}, 5},
		{{"\x1b[1;31;40mX", 0}, 10},
		{{"\x1b[?25l", 0}, 6},
		{{"\x1b[", 0}, 2}, /* cut short */
		{{"\x1b]0;title\x07x", 0}, 10},
		{{"\x1b]0;title\x1b\\x", 0}, 11},
		{{"\x1b]0;unterminated", 0}, 2},
		{{"\x1bPq#0\x1b\\", 0}, 7},
		{{"\x1b_apc\x07", 0}, 6},
		{{"\x1b(B", 0}, 3},
		{{"\x1b"
		  "7",
		  0},
		 2}, /* DECSC */
		{{"\x1b\\", 0}, 2},
		{{"\xc2\x9b"
		  "2J",
		  0},
		 4},
		{{"\xc2\x9b"
		  "1;2H!",
		  0},
		 6},
		{{"\xc2\x9d"
		  "0;t\xc2\x9c"
		  "y",
		  0},
		 7},
		{{"\xc2\x9d"
		  "0;t\x07",
		  0},
		 6},
		{{"\xc2\x90q\x1b\\", 0}, 5}, /* C1 DCS */
		{{"\xc2\x85", 0}, 2},	     /* NEL */
		{{"\xc2\x80", 0}, 2},
		{{"\xc2\x9f", 0}, 2}, /* C1 APC, unterminated */
		/* a C1 CSI with no parameters, or an ESC, right before a
		 * word goes alone */
		{{"\xc2\x9b"
		  "there",
		  0},
		 2},
		{{"\x1b"
		  "esc",
		  0},
		 1},
		{{"\x1b"
		  "c ",
		  0},
		 2}, /* RIS */
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t got = text_escape_len((const unsigned char *)t[i].in.s,
					     len_of(t[i].in));

		if (got != t[i].want) {
			print_error("text_escape_len row %zu: got %zu, want "
				    "%zu\n",
				    i, got, t[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_has_controls(void **state)
{
	static const struct {
		struct bytes in;
		int want;
	} t[] = {
		{{"", 0}, 0},
		{{"plain text", 0}, 0},
		{{"tab\tnl\ncr\r", 0}, 0},
		{{"caf\xc3\xa9 \xc2\xa0 \xe2\x80\xa6", 0}, 0},
		{{"x\x01", 0}, 1},
		{{"\x1b[0m", 0}, 1},
		{{"a\0b", 3}, 1},
		{{"a\x08", 0}, 1},
		{{"\xc2\x9b"
		  "2J",
		  0},
		 1},
		{{"\xc2\x85", 0}, 1},
		{{"x\xc2", 0}, 0}, /* truncated, not a control */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(
			!!text_has_controls(t[i].in.s, len_of(t[i].in)),
			t[i].want);
}

static void test_strip_controls(void **state)
{
	static const struct {
		struct bytes in;
		const char *want;
	} t[] = {
		{{"", 0}, ""},
		{{"plain", 0}, "plain"},
		{{"keep\ttab\nnl\r\n", 0}, "keep\ttab\nnl\r\n"},
		{{"  spaces  stay  ", 0}, "  spaces  stay  "},
		{{"x\x01y", 0}, "xy"},
		{{"a\0b", 3}, "ab"},
		{{"a\x1b[31mb\x1b[0mc", 0}, "abc"},
		{{"\x1b]0;title\x07rest", 0}, "rest"},
		{{"\x1b]0;title\x1b\\rest", 0}, "rest"},
		{{"\xc2\x9b"
		  "2Jz",
		  0},
		 "z"},
		{{"x\xc2\x85y", 0}, "xy"},
		{{"caf\xc3\xa9 \xc2\xa0", 0}, "caf\xc3\xa9 \xc2\xa0"},
		/* not a UTF-8 fixer: invalid bytes stay */
		{{"\x93hi\x94", 0}, "\x93hi\x94"},
		{{"<a>&amp;</a>", 0}, "<a>&amp;</a>"},
		{{"end\x1b", 0}, "end"},
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *got = text_strip_controls(t[i].in.s, len_of(t[i].in));

		assert_non_null(got);
		bad += (size_t)differs("text_strip_controls", i, t[i].in.s, got,
				       t[i].want);
		assert_false(text_has_controls(got, strlen(got)));
		free(got);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_clean_null),
		cmocka_unit_test(test_clean_length),
		cmocka_unit_test(test_from_html),
		cmocka_unit_test(test_from_html_regressions),
		cmocka_unit_test(test_from_html_hostile),
		cmocka_unit_test(test_looks_html),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_fix),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_appends),
		cmocka_unit_test_setup_teardown(test_width, setup_utf8,
						teardown_locale),
		cmocka_unit_test_setup_teardown(test_fit, setup_utf8,
						teardown_locale),
		cmocka_unit_test(test_escape_len),
		cmocka_unit_test(test_has_controls),
		cmocka_unit_test(test_strip_controls),
		cmocka_unit_test(test_ascii),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
