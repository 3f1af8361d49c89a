/* test_rules.c - phrases of the rules file: inflections and negations */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

/* The entries in the order rules_load() numbers them: aliases, then each
 * action's phrases and not phrases, topics, policy, not-policy. */
enum {
	E_ALIAS,   /* alias = ring */
	E_BAN,	   /* ban | 3 */
	E_PAUSE,   /* pause * sales | 2 */
	E_COMMIT,  /* commit to | 2 */
	E_COMMITS, /* commits to | 3 */
	E_NOSELL,  /* will not sell | 4 */
	E_DENY,	   /* deny | 1 */
	E_NEW,	   /* new | 1 */
	E_REGUL,   /* regul* * law | 1 */
	E_X,	   /* x* marks | 1 */
	E_POLICY,  /* [policy] gun */
	NE
};

static const char conf[] = "[company Acme]\n"
			   "alias = ring\n"
			   "[action restrict]\n"
			   "phrase = ban | 3\n"
			   "phrase = pause * sales | 2\n"
			   "phrase = commit to | 2\n"
			   "phrase = commits to | 3\n"
			   "phrase = will not sell | 4\n"
			   "phrase = deny | 1\n"
			   "phrase = new | 1\n"
			   "phrase = regul* * law | 1\n"
			   "phrase = x* marks | 1\n"
			   "[policy]\n"
			   "phrase = gun\n";

static int setup(void **state)
{
	char path[] = "/tmp/annals-test-rules-XXXXXX";
	int fd = mkstemp(path);
	struct rules *r = calloc(1, sizeof(*r));
	struct err e = {{0}};
	FILE *f;

	assert_true(fd >= 0);
	assert_non_null(r);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(conf, f);
	fclose(f);
	assert_int_equal(rules_load(path, r, &e), 0);
	unlink(path);
	assert_int_equal(r->nentries, NE);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	rules_release(*state);
	free(*state);
	return 0;
}

/* Where entry id first matches in text, or -1. */
static long first_at(const struct rules *r, const char *text, int id)
{
	char **tok = NULL;
	long n = rules_tokenize(text, &tok, NULL), at;
	long first[NE];

	assert_true(n >= 0);
	rules_scan(r, tok, (size_t)n, first);
	at = first[id];
	rules_tokens_free(tok, (size_t)n, NULL);
	return at;
}

static void test_inflections(void **state)
{
	const struct rules *r = *state;

	assert_int_equal(first_at(r, "Acme bans it", E_BAN), 1);
	assert_int_equal(first_at(r, "Acme banned it", E_BAN), 1);
	assert_int_equal(first_at(r, "after banning it", E_BAN), 1);
	assert_int_equal(first_at(r, "a ban", E_BAN), 1);
	assert_int_equal(first_at(r, "a bank, a bandit, bane", E_BAN), -1);
	assert_int_equal(first_at(r, "Acme paused its sales", E_PAUSE), 1);
	assert_int_equal(first_at(r, "pausing all sales", E_PAUSE), 0);
	assert_int_equal(first_at(r, "it pauses sales", E_PAUSE), 1);
	assert_int_equal(first_at(r, "it denies access", E_DENY), 1);
	assert_int_equal(first_at(r, "access was denied", E_DENY), 2);
	/* words of their own are not forms: news is not new */
	assert_int_equal(first_at(r, "the news", E_NEW), -1);
	/* only action phrases are inflected: not aliases, not context */
	assert_int_equal(first_at(r, "two rings", E_ALIAS), -1);
	assert_int_equal(first_at(r, "a ring", E_ALIAS), 1);
	assert_int_equal(first_at(r, "guns", E_POLICY), -1);
}

/* Forms the file spells out count for themselves: "commit to" matches
 * "committing to" but not "commits to", which has its own line. */
static void test_spelled_out_forms(void **state)
{
	const struct rules *r = *state;

	assert_int_equal(first_at(r, "we commit to it", E_COMMIT), 1);
	assert_int_equal(first_at(r, "we are committing to it", E_COMMIT), 2);
	assert_int_equal(first_at(r, "Acme commits to it", E_COMMIT), -1);
	assert_int_equal(first_at(r, "Acme commits to it", E_COMMITS), 1);
	assert_int_equal(first_at(r, "Acme committed to it", E_COMMIT), 1);
}

/* A phrase whose first word is a prefix matches any word it begins, one
 * byte long included, and no other. */
static void test_prefixes(void **state)
{
	const struct rules *r = *state;

	assert_int_equal(first_at(r, "new regulation by law", E_REGUL), 1);
	assert_int_equal(first_at(r, "regulators want a law", E_REGUL), 0);
	assert_int_equal(first_at(r, "a regal law", E_REGUL), -1);
	assert_int_equal(first_at(r, "r law regul", E_REGUL), -1);
	assert_int_equal(first_at(r, "the xylophone marks", E_X), 1);
	assert_int_equal(first_at(r, "x marks the spot", E_X), 0);
	assert_int_equal(first_at(r, "y marks", E_X), -1);
}

static void test_negations(void **state)
{
	const struct rules *r = *state;

	assert_int_equal(first_at(r, "Acme will not ban it", E_BAN), -1);
	assert_int_equal(first_at(r, "it has no plans to ban it", E_BAN), -1);
	assert_int_equal(first_at(r, "Acme won't pause its sales", E_PAUSE),
			 -1);
	/* a later match that nothing denies still counts */
	assert_int_equal(first_at(r, "not a ban, then bans all", E_BAN), 4);
	/* far enough away, a negation is about something else */
	assert_int_equal(
		first_at(r, "not only that: Acme said it bans it", E_BAN), 6);
	/* a phrase that holds a negation is not denied by one */
	assert_int_equal(first_at(r, "Acme will not sell it", E_NOSELL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_inflections, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_spelled_out_forms, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_prefixes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negations, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
