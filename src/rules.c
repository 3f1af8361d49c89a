/* rules.c - the rules file: companies, actions, topics, policy signals */
#include "rules.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "buf.h"
#include "err.h"
#include "item.h"
#include "text.h"

static void phrases_release(struct rules_phrases *ps)
{
	size_t i, j;

	for (i = 0; i < ps->n; i++) {
		for (j = 0; j < ps->v[i].ntokens; j++)
			free(ps->v[i].tokens[j]);
		free(ps->v[i].tokens);
		free(ps->v[i].text);
		free(ps->v[i].kin);
	}
	free(ps->v);
	ps->v = NULL;
	ps->n = 0;
}

void rules_release(struct rules *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->ncompanies; i++) {
		free(r->companies[i].name);
		phrases_release(&r->companies[i].aliases);
	}
	for (i = 0; i < r->nactions; i++) {
		free(r->actions[i].slug);
		phrases_release(&r->actions[i].phrases);
		phrases_release(&r->actions[i].negatives);
	}
	for (i = 0; i < r->ntopics; i++) {
		free(r->topics[i].slug);
		phrases_release(&r->topics[i].phrases);
	}
	free(r->companies);
	free(r->actions);
	free(r->topics);
	phrases_release(&r->policy);
	phrases_release(&r->not_policy);
	free(r->entries);
	free(r->buckets);
	free(r->prefixed);
	free(r->prefixed_at);
	memset(r, 0, sizeof(*r));
}

void rules_tokens_free(char **tokens, size_t n, size_t *starts)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(tokens[i]);
	free(tokens);
	free(starts);
}

/* Letters and digits make words; so do non-ASCII letters. Typographic
 * punctuation (quotes, dashes, spaces) does not. */
static int is_word_cp(unsigned c)
{
	if (c < 0x80)
		return isalnum((int)c);
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return 0;
	return !(c >= 0x2000 && c <= 0x206F) && !(c >= 0x3000 && c <= 0x303F);
}

long rules_tokenize(const char *text, char ***out, size_t **starts)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text), i = 0, count = 0, cap = 0, len, wstart = 0;
	char **v = NULL;
	size_t *st = NULL;
	struct buf w;
	unsigned c;

	buf_init(&w, 0);
	*out = NULL;
	if (starts)
		*starts = NULL;
	while (i <= n) {
		len = i < n ? text_utf8_decode(p + i, n - i, &c) : 0;
		if (i < n && !len) {
			c = p[i];
			len = 1;
		}
		if (i < n && is_word_cp(c)) {
			if (!w.len)
				wstart = i;
			if (c < 0x80)
				buf_addc(&w, (char)tolower((int)c));
			else
				buf_add(&w, p + i, len);
			i += len;
			continue;
		}
		/* an apostrophe inside a word belongs to it: "won't" */
		if (i < n && (c == '\'' || c == 0x2019) && w.len &&
		    i + len < n && isalnum(p[i + len])) {
			buf_addc(&w, '\'');
			i += len;
			continue;
		}
		if (w.len) {
			if (count == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				char **nv = realloc(v, ncap * sizeof(*v));
				size_t *ns;

				if (!nv)
					goto fail;
				v = nv;
				if (starts) {
					ns = realloc(st, ncap * sizeof(*st));
					if (!ns)
						goto fail;
					st = ns;
				}
				cap = ncap;
			}
			/* "Amazon's" is about Amazon */
			if (w.len > 2 && !strcmp(w.data + w.len - 2, "'s")) {
				w.len -= 2;
				w.data[w.len] = '\0';
			}
			if (starts)
				st[count] = wstart;
			v[count++] = buf_detach(&w);
		}
		i += len ? len : 1;
	}
	buf_release(&w);
	*out = v;
	if (starts)
		*starts = st;
	return (long)count;
fail:
	buf_release(&w);
	rules_tokens_free(v, count, st);
	return -1;
}

/* Loader state shared by the line reader and the key handler. */
struct load {
	struct rules *r;
	FILE *f;
	const char *file;
	int line;
	struct err *e;
	int failed;
	/* the section being read */
	enum { S_NONE, S_COMPANY, S_ACTION, S_TOPIC, S_POLICY, S_NOT } kind;
	size_t index;
};

__attribute__((format(printf, 2, 3))) static int fail(struct load *l,
						      const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (l->failed)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err_set(l->e, "%s:%d: %s", l->file, l->line, msg);
	l->failed = 1;
	return 0;
}

/* Room for element n of an array of n elements (v may move; NULL when
 * out of memory). The capacity doubles: 4, 8, 16, ... so that 50,000
 * phrases do not copy the array 50,000 times. */
static void *grow(void *v, size_t n, size_t sz)
{
	if (n == 0)
		return realloc(v, 4 * sz);
	if (n < 4 || (n & (n - 1)) != 0)
		return v;
	return realloc(v, 2 * n * sz);
}

/* Append the tokens of one written word of a phrase: "*" is a gap,
 * "regulat*" a prefix, "one-year" two tokens. */
static int phrase_word(struct rules_phrase *ph, const char *word)
{
	size_t len = strlen(word), i;
	int prefix = len > 1 && word[len - 1] == '*';
	char **toks = NULL, *w = strndup(word, prefix ? len - 1 : len);
	long n = -1;

	if (!w)
		return -1;
	if (!strcmp(word, "*")) {
		toks = malloc(sizeof(*toks));
		if (toks && (toks[0] = strdup("*")))
			n = 1;
	} else {
		n = rules_tokenize(w, &toks, NULL);
	}
	free(w);
	if (n < 0)
		return -1;
	if (prefix && n > 0) {
		char *last = malloc(strlen(toks[n - 1]) + 2);

		if (!last) {
			rules_tokens_free(toks, (size_t)n, NULL);
			return -1;
		}
		sprintf(last, "%s*", toks[n - 1]);
		free(toks[n - 1]);
		toks[n - 1] = last;
	}
	for (i = 0; i < (size_t)n; i++) {
		char **more = grow(ph->tokens, ph->ntokens, sizeof(char *));

		if (!more) {
			rules_tokens_free(toks + i, (size_t)n - i, NULL);
			return -1;
		}
		ph->tokens = more;
		ph->tokens[ph->ntokens++] = toks[i];
	}
	free(toks);
	return 0;
}

/* Words that deny what follows them: "will not", "no plans to", "won't". */
static int is_negation(const char *w)
{
	static const char *const neg[] = {
		"not",	   "never",  "no",    "won't",	"don't",
		"doesn't", "didn't", "isn't", "aren't", "wasn't",
		"weren't", "cannot", "can't", "nor",	"without"};
	size_t i;

	for (i = 0; i < sizeof(neg) / sizeof(neg[0]); i++)
		if (!strcmp(w, neg[i]))
			return 1;
	return 0;
}

/* "text | weight" -> a phrase. */
static int add_phrase(struct load *l, struct rules_phrases *ps,
		      const char *value)
{
	struct rules_phrase ph;
	const char *bar = strrchr(value, '|');
	char *copy, *save = NULL, *word, *end;
	size_t i, gaps;

	memset(&ph, 0, sizeof(ph));
	ph.weight = 1.0;
	ph.inflect = l->kind == S_ACTION;
	ph.negatable = l->kind == S_ACTION && l->r->nactions &&
		       ps == &l->r->actions[l->index].phrases;
	if (bar) {
		errno = 0;
		ph.weight = strtod(bar + 1, &end);
		while (isspace((unsigned char)*end))
			end++;
		/* written so that NaN ("| nan") fails too */
		if (errno || *end || !(ph.weight > 0 && ph.weight <= 100))
			return fail(l,
				    "weight '%s' is not a number from 0 to 100",
				    bar + 1);
	}
	ph.text = strndup(value, bar ? (size_t)(bar - value) : strlen(value));
	if (ph.text) {
		size_t n = strlen(ph.text);

		while (n && isspace((unsigned char)ph.text[n - 1]))
			ph.text[--n] = '\0';
	}
	copy = ph.text ? strdup(ph.text) : NULL;
	if (!copy) {
		free(ph.text);
		return fail(l, "out of memory");
	}
	for (word = strtok_r(copy, " \t", &save); word;
	     word = strtok_r(NULL, " \t", &save))
		if (phrase_word(&ph, word) < 0)
			break;
	free(copy);
	for (i = 0, gaps = 0; i < ph.ntokens; i++)
		gaps += !strcmp(ph.tokens[i], "*");
	if (gaps > RULES_MAX_GAPS) {
		rules_tokens_free(ph.tokens, ph.ntokens, NULL);
		free(ph.text);
		return fail(l, "a phrase has at most %d '*' gaps",
			    RULES_MAX_GAPS);
	}
	if (ph.ntokens == 0 || !strcmp(ph.tokens[0], "*") ||
	    !strcmp(ph.tokens[ph.ntokens - 1], "*")) {
		rules_tokens_free(ph.tokens, ph.ntokens, NULL);
		free(ph.text);
		return fail(
			l,
			"a phrase needs words, and cannot start or end with '*'");
	}
	for (i = 0; i < ph.ntokens; i++)
		if (is_negation(ph.tokens[i]))
			ph.negatable = 0;
	ps->v = grow(ps->v, ps->n, sizeof(*ps->v));
	if (!ps->v)
		return fail(l, "out of memory");
	ps->v[ps->n++] = ph;
	return 1;
}

static int start_section(struct load *l, const char *name)
{
	const char *arg = strchr(name, ' ');
	enum action act;

	while (arg && *arg == ' ')
		arg++;
	if (!strcmp(name, "policy")) {
		l->kind = S_POLICY;
		return 1;
	}
	if (!strcmp(name, "not-policy")) {
		l->kind = S_NOT;
		return 1;
	}
	if (!arg || !*arg)
		return fail(
			l,
			"unknown section [%s] (company NAME, action SLUG, topic SLUG, policy, not-policy)",
			name);
	if (!strncmp(name, "company ", 8)) {
		struct rules_company *c =
			grow(l->r->companies, l->r->ncompanies, sizeof(*c));

		if (!c)
			return fail(l, "out of memory");
		l->r->companies = c;
		memset(&c[l->r->ncompanies], 0, sizeof(*c));
		c[l->r->ncompanies].name = strdup(arg);
		l->kind = S_COMPANY;
		l->index = l->r->ncompanies++;
		return 1;
	}
	if (!strncmp(name, "action ", 7)) {
		struct rules_action *a;

		/* the slugs of the model (item.h) */
		if (action_from_slug(arg, &act) < 0)
			return fail(l, "unknown action '%s'", arg);
		a = grow(l->r->actions, l->r->nactions, sizeof(*a));
		if (!a)
			return fail(l, "out of memory");
		l->r->actions = a;
		memset(&a[l->r->nactions], 0, sizeof(*a));
		a[l->r->nactions].slug = strdup(arg);
		l->kind = S_ACTION;
		l->index = l->r->nactions++;
		return 1;
	}
	if (!strncmp(name, "topic ", 6)) {
		struct rules_topic *t =
			grow(l->r->topics, l->r->ntopics, sizeof(*t));

		if (!t)
			return fail(l, "out of memory");
		l->r->topics = t;
		memset(&t[l->r->ntopics], 0, sizeof(*t));
		t[l->r->ntopics].slug = strdup(arg);
		l->kind = S_TOPIC;
		l->index = l->r->ntopics++;
		return 1;
	}
	return fail(
		l,
		"unknown section [%s] (company NAME, action SLUG, topic SLUG, policy, not-policy)",
		name);
}

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct load *l = user;
	struct rules *r = l->r;

	(void)section;
	if (l->failed)
		return 0;
	switch (l->kind) {
	case S_NONE:
		return fail(l, "'%s' outside of a section", name);
	case S_COMPANY:
		if (strcmp(name, "alias"))
			return fail(l, "unknown key '%s' in a company (alias)",
				    name);
		return add_phrase(l, &r->companies[l->index].aliases, value);
	case S_ACTION:
		if (!strcmp(name, "phrase"))
			return add_phrase(l, &r->actions[l->index].phrases,
					  value);
		/* any match of a "not" phrase cancels: a weight would mean
		 * nothing, so it is refused rather than ignored */
		if (!strcmp(name, "not") && strchr(value, '|'))
			return fail(l, "a 'not' phrase takes no weight");
		if (!strcmp(name, "not"))
			return add_phrase(l, &r->actions[l->index].negatives,
					  value);
		return fail(l, "unknown key '%s' in an action (phrase, not)",
			    name);
	case S_TOPIC:
		if (strcmp(name, "phrase"))
			return fail(l, "unknown key '%s' in a topic (phrase)",
				    name);
		return add_phrase(l, &r->topics[l->index].phrases, value);
	case S_POLICY:
	case S_NOT:
		if (strcmp(name, "phrase"))
			return fail(l, "unknown key '%s' (phrase)", name);
		return add_phrase(
			l, l->kind == S_POLICY ? &r->policy : &r->not_policy,
			value);
	}
	return 0;
}

/* Counts lines (this libinih reports none) and sees section headers. */
static char *read_line(char *str, int num, void *stream)
{
	struct load *l = stream;
	char *r = fgets(str, num, l->f), *s, *end;

	if (!r)
		return NULL;
	l->line++;
	if (!strchr(str, '\n') && !feof(l->f)) {
		int c;

		while ((c = fgetc(l->f)) != EOF && c != '\n')
			;
		fail(l, "line too long (at most %d bytes)", num - 2);
		str[0] = '\0';
		return r;
	}
	for (s = str; isspace((unsigned char)*s); s++)
		;
	if (*s == '[' && !l->failed) {
		end = strchr(s, ']');
		if (!end) {
			fail(l, "syntax error: no ']' after the section name");
		} else {
			char name[128];

			snprintf(name, sizeof(name), "%.*s", (int)(end - s - 1),
				 s + 1);
			start_section(l, name);
		}
	}
	return r;
}

static size_t hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static int add_entries(struct rules *r, const struct rules_phrases *ps,
		       enum rules_kind kind, size_t which)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		struct rules_entry *en =
			grow(r->entries, r->nentries, sizeof(*en));

		if (!en)
			return -1;
		r->entries = en;
		en[r->nentries].ph = &ps->v[i];
		en[r->nentries].kind = kind;
		en[r->nentries].which = which;
		en[r->nentries].next = 0;
		r->nentries++;
	}
	return 0;
}

static size_t base_forms(const char *tok, char out[][64]);

/* Do words a and b share a base form ("bans", "banned": "ban")? */
static int kin(const char *a, const char *b)
{
	char fa[12][64], fb[12][64];
	size_t na, nb, i, j;

	if (!strcmp(a, b))
		return 1;
	if (strchr(a, '*') || strchr(b, '*'))
		return 0;
	na = base_forms(a, fa);
	nb = base_forms(b, fb);
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strlen(fa[i]) >= 3 && !strcmp(fa[i], fb[j]))
				return 1;
	return 0;
}

/* A file that spells out the forms of a phrase ("commit to", "commits to",
 * "committed to") meant each to count with its own weight: those forms
 * match exactly, and the first of them also matches the forms not spelled
 * out ("committing to"), but not where another of them matches. */
static int exact_families(struct rules_phrases *ps)
{
	size_t i, j, k;

	for (i = 0; i < ps->n; i++) {
		if (!ps->v[i].inflect)
			continue;
		for (j = i + 1; j < ps->n; j++) {
			struct rules_phrase *a = &ps->v[i], *b = &ps->v[j];
			const struct rules_phrase **more;

			if (a->ntokens != b->ntokens || !b->inflect)
				continue;
			for (k = 0; k < a->ntokens; k++)
				if (!kin(a->tokens[k], b->tokens[k]))
					break;
			if (k < a->ntokens)
				continue;
			more = realloc(a->kin, (a->nkin + 1) * sizeof(*more));
			if (!more)
				return -1;
			a->kin = more;
			a->kin[a->nkin++] = b;
			b->inflect = 0;
		}
	}
	return 0;
}

/* The bucket of prefixed entries a word beginning with bytes a, b is
 * tried against (b is 0 for a word of one byte). */
#define PFX_KEYS 4096
static size_t pfx_key(unsigned char a, unsigned char b)
{
	return ((size_t)a * 131u ^ b) & (PFX_KEYS - 1);
}

/* Count entry i, whose first word is the prefix w ("regul*"), in its
 * bucket (next NULL), or place it there (next: where each bucket's next
 * entry goes). A prefix of one byte ("x*") is in the buckets of every
 * second byte. */
static void pfx_place(struct rules *r, const char *w, size_t i, size_t *next)
{
	/* the second bytes it is under: its own, or all of them */
	unsigned b = w[1] == '*' ? 0 : (unsigned char)w[1],
		 last = w[1] == '*' ? 255 : b;

	for (; b <= last; b++) {
		size_t k = pfx_key((unsigned char)w[0], (unsigned char)b);

		if (next)
			r->prefixed[next[k]++] = i;
		else
			r->prefixed_at[k + 1]++;
	}
}

/* Number the phrases and hash them by their first word. */
static int build_index(struct rules *r)
{
	size_t i, nb = 64, *next;

	for (i = 0; i < r->nactions; i++)
		if (exact_families(&r->actions[i].phrases) < 0 ||
		    exact_families(&r->actions[i].negatives) < 0)
			return -1;

	for (i = 0; i < r->ncompanies; i++)
		if (add_entries(r, &r->companies[i].aliases, RK_ALIAS, i) < 0)
			return -1;
	for (i = 0; i < r->nactions; i++)
		if (add_entries(r, &r->actions[i].phrases, RK_ACTION, i) < 0 ||
		    add_entries(r, &r->actions[i].negatives, RK_NOT, i) < 0)
			return -1;
	for (i = 0; i < r->ntopics; i++)
		if (add_entries(r, &r->topics[i].phrases, RK_TOPIC, i) < 0)
			return -1;
	if (add_entries(r, &r->policy, RK_POLICY, 0) < 0 ||
	    add_entries(r, &r->not_policy, RK_NOT_POLICY, 0) < 0)
		return -1;
	while (nb < r->nentries * 2)
		nb *= 2;
	r->buckets = calloc(nb, sizeof(*r->buckets));
	r->prefixed_at = calloc(PFX_KEYS + 1, sizeof(*r->prefixed_at));
	if (!r->buckets || !r->prefixed_at)
		return -1;
	r->nbuckets = nb;
	for (i = r->nentries; i-- > 0;) {
		const char *w = r->entries[i].ph->tokens[0];
		size_t len = strlen(w), b;

		if (len > 1 && w[len - 1] == '*') {
			/* counted here, placed below */
			pfx_place(r, w, i, NULL);
			continue;
		}
		b = hash(w) & (nb - 1);
		r->entries[i].next = r->buckets[b];
		r->buckets[b] = i + 1;
	}
	/* the prefixed entries grouped by their first two bytes: a word is
	 * tried against those that begin as it does, not against all */
	for (i = 1; i <= PFX_KEYS; i++)
		r->prefixed_at[i] += r->prefixed_at[i - 1];
	r->nprefixed = r->prefixed_at[PFX_KEYS];
	r->prefixed = calloc(r->nprefixed + 1, sizeof(*r->prefixed));
	next = calloc(PFX_KEYS, sizeof(*next));
	if (!r->prefixed || !next) {
		free(next);
		return -1;
	}
	memcpy(next, r->prefixed_at, PFX_KEYS * sizeof(*next));
	for (i = 0; i < r->nentries; i++) {
		const char *w = r->entries[i].ph->tokens[0];
		size_t len = strlen(w);

		if (len > 1 && w[len - 1] == '*')
			pfx_place(r, w, i, next);
	}
	free(next);
	return 0;
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Is tok a regular inflection of the word base: base+s, +es, +ed, +ing;
 * "pause": paused, pausing; "bar": barred, barring; "deny": denies,
 * denied? Words of fewer than 3 letters, and forms that are words of their
 * own ("news", "goods"), are not inflected. */
static int is_form(const char *base, const char *tok)
{
	size_t bl = strlen(base);
	const char *suf = tok + bl;
	char last = base[bl - 1];

	if (!strncmp(tok, base, bl)) {
		if (!strcmp(suf, "s") || !strcmp(suf, "es") ||
		    !strcmp(suf, "ed") || !strcmp(suf, "ing"))
			return 1;
		if (last == 'e' && !strcmp(suf, "d"))
			return 1;
		/* a doubled final consonant after one vowel: banned */
		return *suf == last && !is_vowel(last) && last != 'w' &&
		       last != 'x' && last != 'y' && is_vowel(base[bl - 2]) &&
		       !is_vowel(base[bl - 3]) &&
		       (!strcmp(suf + 1, "ed") || !strcmp(suf + 1, "ing"));
	}
	suf = tok + bl - 1;
	if (last == 'e' && !strcmp(suf, "ing") && base[bl - 2] != 'e')
		return 1;
	return last == 'y' && !is_vowel(base[bl - 2]) &&
	       (!strcmp(suf, "ies") || !strcmp(suf, "ied"));
}

/* is_form(), but not for words of their own that look like forms. */
static int inflected(const char *base, const char *tok)
{
	static const char *const own[] = {"news",    "goods",	"arms",
					  "customs", "founded", "sings",
					  "things"};
	size_t bl = strlen(base), tl, i;

	/* the cheap test first: all forms share all but the last letter */
	if (bl < 3 || strncmp(tok, base, bl - 1))
		return 0;
	tl = strlen(tok);
	if (tl <= bl || tl > bl + 4 || !is_form(base, tok))
		return 0;
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (!strcmp(tok, own[i]))
			return 0;
	return 1;
}

static int tok_eq(int inflect, const char *pat, const char *tok)
{
	size_t n = strlen(pat);

	if (n > 1 && pat[n - 1] == '*')
		return strncmp(pat, tok, n - 1) == 0;
	return strcmp(pat, tok) == 0 || (inflect && inflected(pat, tok));
}

/* The words tok may be an inflection of (itself first), for the index:
 * "banned" -> banned, bann, ban, banne; at most 12, each < 64 bytes;
 * none for a longer word, which only matches itself. */
static size_t base_forms(const char *tok, char out[][64])
{
	static const char *const sufs[] = {"s", "es", "ed", "d", "ing"};
	size_t tl = strlen(tok), n = 0, i, sl;

	if (tl >= 64)
		return 0;
	memcpy(out[n++], tok, tl + 1);
	/* every form ends in s, d or g: most words are no form */
	if (tl < 4 ||
	    (tok[tl - 1] != 's' && tok[tl - 1] != 'd' && tok[tl - 1] != 'g'))
		return n;
	for (i = 0; i < sizeof(sufs) / sizeof(sufs[0]); i++) {
		sl = strlen(sufs[i]);
		if (tl < sl + 3 || strcmp(tok + tl - sl, sufs[i]))
			continue;
		memcpy(out[n], tok, tl - sl);
		out[n][tl - sl] = '\0';
		n++;
		/* pausing -> pause; banned -> ban */
		if (!strcmp(sufs[i], "ing")) {
			memcpy(out[n], tok, tl - 3);
			memcpy(out[n] + tl - 3, "e", 2);
			n++;
		}
		if ((!strcmp(sufs[i], "ed") || !strcmp(sufs[i], "ing")) &&
		    tok[tl - sl - 1] == tok[tl - sl - 2]) {
			memcpy(out[n], tok, tl - sl - 1);
			out[n][tl - sl - 1] = '\0';
			n++;
		}
	}
	/* denies, denied -> deny */
	if (tl >= 5 &&
	    (!strcmp(tok + tl - 3, "ies") || !strcmp(tok + tl - 3, "ied"))) {
		memcpy(out[n], tok, tl - 3);
		memcpy(out[n] + tl - 3, "y", 2);
		n++;
	}
	return n;
}

/* Does ph match from token i, its k-th word on (inflected if infl)? */
static int match_from(const struct rules_phrase *ph, size_t k, char *const *tok,
		      size_t n, size_t i, int infl)
{
	size_t g;

	if (k == ph->ntokens)
		return 1;
	if (!strcmp(ph->tokens[k], "*")) {
		for (g = 0; g <= RULES_GAP && i + g <= n; g++)
			if (match_from(ph, k + 1, tok, n, i + g, infl))
				return 1;
		return 0;
	}
	return i < n && tok_eq(infl, ph->tokens[k], tok[i]) &&
	       match_from(ph, k + 1, tok, n, i + 1, infl);
}

/* How many words before a phrase a negation denies it. */
#define NEGATION_REACH 3

/* Does ph match at token i, where none of its spelled-out kin does and no
 * negation denies it? */
static int match_at(const struct rules_phrase *ph, char *const *tok, size_t n,
		    size_t i)
{
	size_t j;

	if (!match_from(ph, 0, tok, n, i, ph->inflect))
		return 0;
	for (j = 1; ph->negatable && j <= NEGATION_REACH && j <= i; j++)
		if (is_negation(tok[i - j]))
			return 0;
	for (j = 0; j < ph->nkin; j++)
		if (match_from(ph->kin[j], 0, tok, n, i, 0))
			return 0;
	return 1;
}

void rules_scan(const struct rules *r, char *const *tokens, size_t n,
		long *first)
{
	size_t i, e, k, c;

	for (e = 0; e < r->nentries; e++)
		first[e] = -1;
	if (!r->nbuckets)
		return;
	for (i = 0; i < n; i++) {
		char forms[12][64];
		size_t nf = base_forms(tokens[i], forms), f;

		for (f = 0; f < (nf ? nf : 1); f++)
			for (e = r->buckets[hash(nf ? forms[f] : tokens[i]) &
					    (r->nbuckets - 1)];
			     e; e = r->entries[e - 1].next)
				if (first[e - 1] < 0 &&
				    match_at(r->entries[e - 1].ph, tokens, n,
					     i))
					first[e - 1] = (long)i;
		c = pfx_key((unsigned char)tokens[i][0],
			    (unsigned char)tokens[i][1]);
		for (k = r->prefixed_at[c]; k < r->prefixed_at[c + 1]; k++) {
			e = r->prefixed[k];
			if (first[e] < 0 &&
			    match_at(r->entries[e].ph, tokens, n, i))
				first[e] = (long)i;
		}
	}
}

int rules_load(const char *path, struct rules *r, struct err *e)
{
	struct load l;
	int line;

	memset(r, 0, sizeof(*r));
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.file = path;
	l.e = e;
	l.f = fopen(path, "r");
	if (!l.f)
		return err_set(e, "'%s': %s", path, strerror(errno));
	line = ini_parse_stream(read_line, &l, on_key, &l);
	fclose(l.f);
	if (!l.failed && line > 0)
		err_set(e,
			"%s:%d: syntax error (expected [section] or key = value)",
			path, line);
	else if (!l.failed && line < 0)
		err_set(e, "'%s': cannot read", path);
	if (l.failed || line != 0) {
		rules_release(r);
		return -1;
	}
	if (build_index(r) < 0) {
		rules_release(r);
		return err_set(e, "out of memory");
	}
	return 0;
}
