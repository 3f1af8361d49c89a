/* rules.h - the rules file: companies, actions, topics, policy signals */
#ifndef ANNALS_RULES_H
#define ANNALS_RULES_H

#include <stddef.h>

struct err;

/*
 * A phrase to find in text, as lower-case word tokens. A token "*" stands
 * for a gap of up to RULES_GAP words; a token ending in '*' matches any
 * word it begins ("regulat*").
 */
#define RULES_GAP 4
/* At most this many gaps in one phrase: matching tries up to
 * (RULES_GAP + 1) ^ gaps ways per word, so more are rejected. */
#define RULES_MAX_GAPS 3

struct rules_phrase {
	char **tokens;
	size_t ntokens;
	double weight;
	char *text;  /* as written in the rules file, for evidence */
	int inflect; /* a plain word matches its regular inflections
		      * ("ban": bans, banned, banning); action phrases only */
	/* the other spelled-out forms of this phrase ("commits to" for
	 * "commit to"): they count for themselves, so this phrase does not
	 * match where one of them does (set by rules_load) */
	const struct rules_phrase **kin;
	size_t nkin;
	/* evidence of an action: no match where a negation comes just
	 * before ("will not pause", "has no plans to exit"), unless the
	 * phrase holds one itself ("will not sell") */
	int negatable;
};

struct rules_phrases {
	struct rules_phrase *v;
	size_t n;
};

/* [company NAME]: alias = ... */
struct rules_company {
	char *name;
	struct rules_phrases aliases;
};

/* [action SLUG]: phrase = ... (evidence), not = ... (product behaviour
 * that looks like it: cancels the action's evidence in that field) */
struct rules_action {
	char *slug;
	struct rules_phrases phrases;
	struct rules_phrases negatives;
};

/* [topic SLUG]: phrase = ... */
struct rules_topic {
	char *slug;
	struct rules_phrases phrases;
};

/* Every phrase of the rules, numbered, with what it is evidence of. */
enum rules_kind {
	RK_ALIAS,      /* of companies[which] */
	RK_ACTION,     /* of actions[which] */
	RK_NOT,	       /* against actions[which] */
	RK_TOPIC,      /* of topics[which] */
	RK_POLICY,     /* policy context */
	RK_NOT_POLICY, /* product, results, stories */
};

struct rules_entry {
	const struct rules_phrase *ph;
	enum rules_kind kind;
	size_t which;
	size_t next; /* hash chain: index + 1, 0 ends */
};

struct rules {
	struct rules_company *companies;
	size_t ncompanies;
	struct rules_action *actions;
	size_t nactions;
	struct rules_topic *topics;
	size_t ntopics;
	struct rules_phrases policy;	 /* [policy]: context that is policy */
	struct rules_phrases not_policy; /* [not-policy]: launches, earnings */
	/* built by rules_load(): phrases by their first word */
	struct rules_entry *entries;
	size_t nentries;
	size_t *buckets; /* entry index + 1, 0: empty */
	size_t nbuckets;
	/* entries whose first word is a prefix ("regul*"), by the key of
	 * its first two bytes (rules.c, pfx_key): those of key k are
	 * prefixed[prefixed_at[k] .. prefixed_at[k + 1] - 1] */
	size_t *prefixed;
	size_t nprefixed;
	size_t *prefixed_at;
};

/*
 * Read a rules file into r (zeroed by the caller). Errors name file:line:
 * unknown sections or keys, unknown action slugs, empty phrases, bad
 * weights ("phrase = moratorium | 3"), more than RULES_MAX_GAPS gaps.
 * Returns 0, or -1 with e set and r left empty.
 */
int rules_load(const char *path, struct rules *r, struct err *e);

/*
 * Find every phrase of r in tokens[0..n-1] at once: first[id] (an array of
 * r->nentries) gets the token index where entry id first matches, or -1.
 */
void rules_scan(const struct rules *r, char *const *tokens, size_t n,
		long *first);

/* Release everything r owns; NULL-safe. */
void rules_release(struct rules *r);

/* Split text into lower-case word tokens (letters, digits, inner
 * apostrophes; UTF-8 letters kept as they are). Returns the count and a
 * new array of new strings in *out (free with rules_tokens_free), or -1
 * when out of memory. starts (may be NULL) gets each token's byte offset. */
long rules_tokenize(const char *text, char ***out, size_t **starts);

/* Free what rules_tokenize() returned. */
void rules_tokens_free(char **tokens, size_t n, size_t *starts);

#endif
