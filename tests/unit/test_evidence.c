/* test_evidence.c - an event's evidence JSON, pair by pair */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "evidence.h"

#include <stdio.h>
#include <string.h>

/* Each json against its pairs, written "key=value;" (escapes as in the
 * JSON, which both callers clean after). */
static void test_pairs(void **state)
{
	static const struct {
		const char *json;
		const char *want;
	} t[] = {
		{"{}", ""},
		{"{\"action_score\":\"4.5\",\"action_field\":\"title\"}",
		 "action_score=4.5;action_field=title;"},
		{"{\"a\": \"x y\", \"b\": \"\"}", "a=x y;b=;"},
		{"{\"p\":\"say \\\"no\\\"\",\"q\":\"1\"}",
		 "p=say \\\"no\\\";q=1;"},
		{"{\"p\":\"ends in \\\\\",\"q\":\"2\"}", "p=ends in \\\\;q=2;"},
		{"{\"p\":\"\xc3\xa9t\xc3\xa9\"}", "p=\xc3\xa9t\xc3\xa9;"},
		/* cut short: what is there, then the end */
		{"{\"p\":\"cut", "p=cut;"},
		{"{\"p\":\"a\\", "p=a\\;"},
		{"{\"p\":", ""},
		{"{\"p", ""},
		{"", ""},
	};
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct evidence_pair pair;
		const char *p = t[i].json;
		char got[256] = "";
		size_t n = 0;

		while (evidence_next(&p, &pair) && n < sizeof(got))
			n += (size_t)snprintf(got + n, sizeof(got) - n,
					      "%.*s=%.*s;", pair.key_len,
					      pair.key, pair.value_len,
					      pair.value);
		if (strcmp(got, t[i].want)) {
			print_error("row %zu: got '%s', want '%s'\n", i, got,
				    t[i].want);
			bad++;
		}
		/* at the end it stays there */
		assert_int_equal(evidence_next(&p, &pair), 0);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
	};

	return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
