/* test_export_md.c - the Markdown bullet: escaping, periods, links */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store.h"

/* One source of a test event; NULL source: none. */
struct src {
	const char *source;
	const char *url;
};

/* One test event and its bullet; fields left out are NULL or 0. */
static const struct {
	const char *title;
	const char *company;
	const char *action;
	const char *until;
	const char *until_text;
	long long follows;
	const char *manual_url;
	struct src src[2];
	const char *want; /* the bullet without "- 2020-06-10 " and "\n" */
} cases[] = {
	/* plain */
	{"IBM exits facial recognition", "IBM", "exit",
	 .src = {{"ibm-policy", "https://www.ibm.com/x"}},
	 .want = "**IBM** exit: IBM exits facial recognition \xE2\x80\x94 "
		 "[ibm-policy](https://www.ibm.com/x)"},
	/* periods */
	{"t", "Amazon", "moratorium", "2021-06-10", "one year",
	 .want = "**Amazon** moratorium until 2021-06-10 (one year): t"},
	{"t", "Microsoft", "restrict", NULL, "until a federal law is in place",
	 .want = "**Microsoft** restrict until a federal law is in place: t"},
	{"t", "Microsoft", "standard", "2023-06-30", "until June 30, 2023",
	 .want = "**Microsoft** standard until 2023-06-30: t"},
	{"t", "Amazon", "extend", NULL, "indefinitely",
	 .want = "**Amazon** extend indefinitely: t"},
	{"t", "Amazon", "moratorium", NULL, "one year",
	 .want = "**Amazon** moratorium (one year): t"},
	/* Markdown metacharacters in titles */
	{"*a* _b_ `c` ~d~ [e](f) <g> h|i \\ j! $k$", "X", "other",
	 .want = "**X** other: \\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\[e\\](f) "
		 "\\<g\\> h\\|i \\\\ j\\! \\$k\\$"},
	{"# not a heading #", "X", "other",
	 .want = "**X** other: \\# not a heading \\#"},
	{"1. not a list", "X", "other", .want = "**X** other: 1\\. not a list"},
	{"2020) not a list either, 3. fine", "X", "other",
	 .want = "**X** other: 2020\\) not a list either, 3. fine"},
	{"- no", "X", "other", .want = "**X** other: \\- no"},
	{"+ no", "X", "other", .want = "**X** other: \\+ no"},
	{"===", "X", "other", .want = "**X** other: \\==="},
	{"> quote", "X", "other", .want = "**X** other: \\> quote"},
	/* entities only where they would be read as one */
	{"AT&T &amp; &#106; & x;", "X", "other",
	 .want = "**X** other: AT&T \\&amp; \\&\\#106; & x;"},
	/* control characters, newlines, bidi overrides go */
	{"a\x1b[31mb\nc\xe2\x80\xae"
	 "d",
	 "X\tY", "other", .want = "**X Y** other: ab cd"},
	/* empty and missing fields */
	{.want = "**unknown** other: (untitled)"},
	{"  ", "*", "exit", .want = "**\\*** exit: (untitled)"},
	/* links: http(s) only; unsafe bytes encoded */
	{"t", "X", "other",
	 .src = {{"a", "javascript:alert(1)"},
		 {"b", "https://e.test/a b(c)<d>"}},
	 .want = "**X** other: t \xE2\x80\x94 a, "
		 "[b](https://e.test/a%20b%28c%29%3Cd%3E)"},
	{"t", "X", "other",
	 .src = {{"[x](y)", "HTTP://e.test/"},
		 {"c", "http://e.test/?a=1&b=2&lt;"}},
	 .want = "**X** other: t \xE2\x80\x94 \\[x\\](y), "
		 "[c](http://e.test/?a=1&b=2\\&lt;)"},
	{"t", "X", "other", .src = {{"s", "https://e.test/\xc3\xa9\"'\\`"}},
	 .want = "**X** other: t \xE2\x80\x94 "
		 "[s](https://e.test/%C3%A9%22%27%5C%60)"},
	{"t", "X", "other", .manual_url = "https://e.test/m",
	 .want = "**X** other: t \xE2\x80\x94 [manual](https://e.test/m)"},
	{"t", "X", "other", .manual_url = "data:text/html,x",
	 .want = "**X** other: t \xE2\x80\x94 manual"},
	/* a follow-up without a store is named by id */
	{"t", "X", "extend", .follows = 42,
	 .want = "**X** extend: t; follows event 42"},
};

static void test_bullets(void **state)
{
	struct buf b;
	struct err e;
	size_t i, k;
	int bad = 0;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct store_event ev;
		struct store_event_source srcs[2];
		char want[512];

		memset(&ev, 0, sizeof(ev));
		memset(srcs, 0, sizeof(srcs));
		ev.id = 1;
		ev.day = "2020-06-10";
		ev.title = cases[i].title;
		ev.company = cases[i].company;
		ev.action = cases[i].action;
		ev.until = cases[i].until;
		ev.until_text = cases[i].until_text;
		ev.follows = cases[i].follows;
		ev.url = cases[i].manual_url;
		for (k = 0; k < 2 && cases[i].src[k].source; k++) {
			srcs[k].source = cases[i].src[k].source;
			srcs[k].url = cases[i].src[k].url;
		}
		ev.sources = srcs;
		ev.nsources = k;
		b.len = 0;
		assert_int_equal(export_md_bullet(&b, NULL, &ev, &e), 0);
		snprintf(want, sizeof(want), "- 2020-06-10 %s\n",
			 cases[i].want);
		if (strcmp(b.data, want)) {
			print_error("row %zu:\n   got %s  want %s", i, b.data,
				    want);
			bad++;
		}
	}
	buf_release(&b);
	assert_int_equal(bad, 0);
}

/* The bullet of ev in b (emptied first), from its title on. */
static const char *bullet_title(struct buf *b, const struct store_event *ev)
{
	struct err e;

	b->len = 0;
	assert_int_equal(export_md_bullet(b, NULL, ev, &e), 0);
	return strstr(b->data, ": ") + 2;
}

/* Long titles are cut at 300 characters (not bytes), the last one an
 * ellipsis; escapes do not count. */
static void test_cut(void **state)
{
	struct store_event ev;
	struct buf b;
	char title[5001 * 2 + 1];
	const char *t;
	size_t i, chars = 0;

	(void)state;
	for (i = 0; i < 5000; i++)
		memcpy(title + 2 * i, "\xc3\xa9", 2); /* é */
	title[10000] = '\0';
	memset(&ev, 0, sizeof(ev));
	ev.day = "2020-06-10";
	ev.company = "X";
	ev.action = "other";
	ev.title = title;
	buf_init(&b, 0);
	t = bullet_title(&b, &ev);
	for (i = 0; t[i] && t[i] != '\n'; i++)
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			chars++;
	assert_int_equal(chars, 300);
	assert_non_null(strstr(t, "\xc3\xa9\xE2\x80\xA6\n"));

	/* exactly 300: not cut; escaped characters count once */
	memset(title, '*', 300);
	title[300] = '\0';
	t = bullet_title(&b, &ev);
	assert_int_equal(strlen(t), 601);
	assert_null(strstr(t, "\xE2\x80\xA6"));
	title[300] = '*';
	title[301] = '\0';
	t = bullet_title(&b, &ev);
	assert_int_equal(strlen(t), 299 * 2 + 3 + 1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bullets),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests_name("export_md", tests, NULL, NULL);
}
