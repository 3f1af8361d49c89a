/* extract.c - items to dated policy-move events
 *
 * Each item is read as three fields (title, summary, the start of the
 * content), each a list of word tokens. The rules' phrases are found in
 * all of them at once; weighted evidence then decides whether the item is
 * a policy move, which action, which topics, which company; dates and
 * periods come from the words around them.
 */
#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "extract_impl.h"
#include "err.h"
#include "rules.h"
#include "text.h"

/* Only the start of long content counts: the news is in the lead. */
#define CONTENT_BYTES 4000
/* Thresholds of the decision, in weighted phrase units. */
#define ACTION_MIN 3.0
#define POLICY_MIN 3.0
/* A change of conduct with this much evidence is the move (see strongest) */
#define CONDUCT_MIN 2.25
/* Weaker evidence of a change of conduct, a broad verb in the title ("Acme
 * halts ..."), is a move when the context is clearly about conduct, the
 * item names whose move it is, and nothing says product. */
#define WEAK_MIN 1.5
#define WEAK_CONTEXT 3.0

enum { F_TITLE, F_SUMMARY, F_CONTENT, NFIELDS };

static const double field_weight[NFIELDS] = {3.0, 1.5, 0.75};
static const char *const field_name[NFIELDS] = {"title", "summary", "content"};

struct field {
	char *text;
	char **tok;
	size_t *start;
	size_t n;
	long *first; /* per rules entry */
	size_t *hit; /* the entries found (first[e] >= 0), in order */
	size_t nhit;
};

static void field_release(struct field *f)
{
	rules_tokens_free(f->tok, f->n, f->start);
	free(f->first);
	free(f->hit);
	free(f->text);
	memset(f, 0, sizeof(*f));
}

static void fields_release(struct field *f)
{
	int i;

	for (i = 0; i < NFIELDS; i++)
		field_release(&f[i]);
}

/* Read text (at most max bytes) into field f: its words, and which
 * entries of the rules (may be NULL) they hold. 0/-1 (out of memory). */
static int field_init(const struct rules *r, struct field *f, const char *text,
		      size_t max)
{
	long n;

	memset(f, 0, sizeof(*f));
	if (!(f->text = strndup(text ? text : "", max)))
		return -1;
	n = rules_tokenize(f->text, &f->tok, &f->start);
	if (n < 0)
		return -1;
	f->n = (size_t)n;
	if (r) {
		size_t e;

		f->first = malloc((r->nentries + 1) * sizeof(long));
		f->hit = malloc((r->nentries + 1) * sizeof(size_t));
		if (!f->first || !f->hit)
			return -1;
		rules_scan(r, f->tok, f->n, f->first);
		/* what is weighed below walks the few entries found, not
		 * the thousand of the rules */
		for (e = 0; e < r->nentries; e++)
			if (f->first[e] >= 0)
				f->hit[f->nhit++] = e;
	}
	return 0;
}

static int fields_init(const struct rules *r, const struct item *it,
		       struct field *f)
{
	const char *src[NFIELDS] = {it->title, it->summary, it->content};
	int i;

	memset(f, 0, sizeof(*f) * NFIELDS);
	for (i = 0; i < NFIELDS; i++)
		if (field_init(r, &f[i], src[i],
			       i == F_CONTENT ? CONTENT_BYTES : 100000) < 0)
			return -1;
	return 0;
}

/* Evidence being gathered for one item. */
struct judge {
	double action[16];
	double strong[16]; /* the weightiest phrase, before field weights */
	const char *why_action[16];
	int why_field[16];
	double context, product;
	const char *why_product;
};

/* Is an action's evidence in field fi cancelled by one of its "not"
 * phrases there? */
static int negated(const struct rules *r, const struct field *f, size_t act)
{
	size_t h;

	for (h = 0; h < f->nhit; h++)
		if (r->entries[f->hit[h]].kind == RK_NOT &&
		    r->entries[f->hit[h]].which == act)
			return 1;
	return 0;
}

/* Does a sentence end between tokens k - 1 and k of f? */
static int sentence_ends(const struct field *f, size_t k)
{
	const char *a = f->text + f->start[k - 1];
	const char *b = f->text + f->start[k];
	size_t p;

	for (p = 0; a + p < b; p++)
		if (strchr(".!?", a[p]) && a + p + 1 < b &&
		    isspace((unsigned char)a[p + 1]))
			return 1;
	return 0;
}

/* The first token of the sentence that holds token k of f. */
static size_t sentence_start(const struct field *f, size_t k)
{
	while (k > 0 && !sentence_ends(f, k))
		k--;
	return k;
}

/*
 * Is token k of f in a sentence about the past that the item tells as
 * background ("In June, IBM said it no longer offers ...", in September's
 * news of another move)? The sentence starts with "In" and an earlier
 * month or year, "Last year", "Earlier", "Previously" or "Back in".
 * published is the item's day, YYYY-MM-DD.
 */
static int background(const struct field *f, size_t k, const char *published)
{
	size_t s = sentence_start(f, k);
	int m, pm = atoi(published + 5), py = atoi(published);

	if (s + 1 >= f->n)
		return 0;
	if (!strcmp(f->tok[s], "in")) {
		if ((m = extract_month_of(f->tok[s + 1])) != 0)
			return m != pm;
		return extract_all_digits(f->tok[s + 1]) &&
		       strlen(f->tok[s + 1]) == 4 && atoi(f->tok[s + 1]) < py;
	}
	if (!strcmp(f->tok[s], "last"))
		return !strcmp(f->tok[s + 1], "year") ||
		       !strcmp(f->tok[s + 1], "month");
	return !strcmp(f->tok[s], "earlier") ||
	       !strcmp(f->tok[s], "previously") ||
	       !strcmp(f->tok[s], "background") ||
	       (!strcmp(f->tok[s], "back") && !strcmp(f->tok[s + 1], "in"));
}

/*
 * Does field f tell of a pause the company made before the item's day
 * ("It suspended its business in Russia on March 7", "after the company
 * halted sales in March", "It had locked the account")? A past-tense verb
 * of pause whose subject, a few words before it, is the company ("it",
 * "the company", "we" or the name's first word), in a past perfect ("had
 * suspended") or in a sentence that names an earlier month or year, or
 * says "earlier". published is the item's day, YYYY-MM-DD; company may be
 * NULL.
 */
static int pause_before(const struct field *f, const char *published,
			const char *company)
{
	static const char *const verbs[] = {"suspended", "paused", "halted",
					    "stopped",	 "froze",  "frozen",
					    "locked"};
	static const char *const subjects[] = {"it", "company", "we", "firm"};
	int m, hit, pm = atoi(published + 5), py = atoi(published);
	size_t k, v, e, s, n = company ? strcspn(company, " ") : 0;

	for (k = 0; k < f->n; k++) {
		size_t vk = k; /* the verb */

		for (hit = 0, v = 0; v < sizeof(verbs) / sizeof(*verbs); v++)
			hit |= !strcmp(f->tok[k], verbs[v]);
		/* "had been on hold", "had been suspended": the business's
		 * own, whatever the subject */
		if (hit && k >= 2 && !strcmp(f->tok[k - 2], "had") &&
		    !strcmp(f->tok[k - 1], "been"))
			return 1;
		if (!strcmp(f->tok[k], "hold") && k >= 1 &&
		    !strcmp(f->tok[k - 1], "on")) {
			if (k >= 3 && !strcmp(f->tok[k - 2], "been") &&
			    !strcmp(f->tok[k - 3], "had"))
				return 1;
			/* "it had put deliveries on hold in March" */
			for (e = k - 1; e > 0 && e + 10 > k && !hit; e--)
				if (!strcmp(f->tok[e - 1], "put") ||
				    !strcmp(f->tok[e - 1], "placed")) {
					hit = 1;
					vk = e - 1;
				}
		}
		if (!hit)
			continue;
		s = sentence_start(f, vk);
		for (hit = 0, e = vk > s + 6 ? vk - 6 : s; e < vk && !hit; e++)
			hit = EXTRACT_IN(f->tok[e], subjects) ||
			      (n && strlen(f->tok[e]) == n &&
			       !strncasecmp(f->tok[e], company, n));
		if (!hit)
			continue;
		if (vk > 0 && !strcmp(f->tok[vk - 1], "had"))
			return 1;
		for (e = s; e < f->n; e++) {
			const char *w = f->tok[e];

			if (e > k && sentence_ends(f, e))
				break;
			if (!strcmp(w, "earlier") ||
			    ((m = extract_month_of(w)) != 0 && m < pm) ||
			    (extract_all_digits(w) && strlen(w) == 4 &&
			     atoi(w) < py && atoi(w) > 1900))
				return 1;
		}
	}
	return 0;
}

int extract_earlier_pause(const char *text, const char *day,
			  const char *company)
{
	struct field f;
	long n;
	int rc;

	memset(&f, 0, sizeof(f));
	if (!text || !(f.text = strdup(text)))
		return 0;
	n = rules_tokenize(f.text, &f.tok, &f.start);
	if (n < 0) {
		free(f.text);
		return 0;
	}
	f.n = (size_t)n;
	rc = pause_before(&f, day, company);
	rules_tokens_free(f.tok, f.n, f.start);
	free(f.text);
	return rc;
}

static void weigh(const struct rules *r, const struct field *f, int fi,
		  const char *published, struct judge *j)
{
	double ctx = 0, prod = 0, best = 0;
	size_t h;

	for (h = 0; h < f[fi].nhit; h++) {
		size_t e = f[fi].hit[h];
		const struct rules_entry *en = &r->entries[e];
		double w = en->ph->weight * field_weight[fi];

		switch (en->kind) {
		case RK_ACTION:
			if (en->which >= 16 || negated(r, &f[fi], en->which))
				break;
			/* an earlier move told as background is weak
			 * evidence of this one */
			if (fi != F_TITLE &&
			    background(&f[fi], (size_t)f[fi].first[e],
				       published))
				w *= 0.25;
			j->action[en->which] += w;
			if (en->ph->weight > j->strong[en->which])
				j->strong[en->which] = en->ph->weight;
			if (w > best || !j->why_action[en->which]) {
				if (w > best)
					best = w;
				if (!j->why_action[en->which] ||
				    fi <= j->why_field[en->which]) {
					j->why_action[en->which] = en->ph->text;
					j->why_field[en->which] = fi;
				}
			}
			break;
		case RK_POLICY:
			ctx += w;
			break;
		case RK_NOT_POLICY:
			prod += w;
			if (!j->why_product)
				j->why_product = en->ph->text;
			break;
		default:
			break;
		}
	}
	/* many context words in a long body are not many times the evidence */
	j->context += fmin(ctx, 4 * field_weight[fi]);
	j->product += fmin(prod, 8 * field_weight[fi]);
}

/* Where company c is first named: field * 1e6 + token, or -1. */
static double first_named(const struct rules *r, const struct field *f,
			  size_t c)
{
	size_t e, h;
	int fi;
	double at = -1;

	for (fi = 0; fi < NFIELDS && at < 0; fi++)
		for (h = 0; h < f[fi].nhit; h++) {
			e = f[fi].hit[h];
			if (r->entries[e].kind == RK_ALIAS &&
			    r->entries[e].which == c &&
			    (at < 0 || fi * 1e6 + (double)f[fi].first[e] < at))
				at = fi * 1e6 + (double)f[fi].first[e];
		}
	return at;
}

/* Companies weighed for company = auto sources; later ones are ignored. */
#define MAX_COMPANIES 256

/* The company named most, weighted by alias and field, of a tie the one
 * named first; NULL if none. */
static const char *detect_company(const struct rules *r, const struct field *f)
{
	double score[MAX_COMPANIES] = {0};
	size_t e, h, best = 0;
	int fi, found = 0;

	for (fi = 0; fi < NFIELDS; fi++)
		for (h = 0; h < f[fi].nhit; h++) {
			e = f[fi].hit[h];
			if (r->entries[e].kind == RK_ALIAS &&
			    r->entries[e].which < MAX_COMPANIES)
				/* the name a title starts with is who acts
				 * ("Samsung bans staff from using ChatGPT"):
				 * it counts twice */
				score[r->entries[e].which] +=
					r->entries[e].ph->weight *
					field_weight[fi] *
					(fi == F_TITLE && f[fi].first[e] == 0
						 ? 2
						 : 1);
		}
	for (e = 0; e < r->ncompanies && e < MAX_COMPANIES; e++) {
		if (score[e] <= 0)
			continue;
		if (!found || score[e] > score[best] + 1e-9 ||
		    (score[e] > score[best] - 1e-9 &&
		     first_named(r, f, e) < first_named(r, f, best))) {
			best = e;
			found = 1;
		}
	}
	return found ? r->companies[best].name : NULL;
}

/* Does the word at token k of f start with a capital in the text? */
static int capitalized(const struct field *f, size_t k)
{
	return isupper((unsigned char)f->text[f->start[k]]) != 0;
}

/* Are tokens k-1 and k one name's words: one blank or hyphen between
 * ("Goldman Sachs", "Coca-Cola", "Dick's Sporting Goods")? */
static int joined(const struct field *f, size_t k)
{
	const char *p = f->text + f->start[k - 1] + strlen(f->tok[k - 1]);
	const char *end = f->text + f->start[k];
	int seps = 0;

	for (; p < end; p++) {
		if (*p == ' ' || *p == '-')
			seps++;
		else if (*p != '\'' && *p != 's' && !((unsigned char)*p & 0x80))
			return 0;
	}
	return seps == 1;
}

/* Is the word at token k of f one that title case leaves in lower case
 * ("Partners with Slack")? */
static int small_word(const struct field *f, size_t k)
{
	static const char *const small[] = {
		"with",	   "from",   "into",	"onto",	  "over",    "upon",
		"than",	   "that",   "after",	"about",  "under",   "amid",
		"until",   "while",  "against", "across", "without", "within",
		"through", "during", "among",	"before", "between", "toward",
	};
	return EXTRACT_IN(f->tok[k], small);
}

/* Are tokens k-1 and k parts of one hyphenated word ("Chick-fil-A",
 * "Mercedes-Benz"): a hyphen and nothing else between them? */
static int hyphened(const struct field *f, size_t k)
{
	const char *p = f->text + f->start[k - 1] + strlen(f->tok[k - 1]);

	return *p == '-' && p + 1 == f->text + f->start[k];
}

/* Is token k a nation's or region's adjective after a possessive
 * ("PwC's Russian firm", "Vexly's UK arm"): the owner is the name, not
 * "PwC's Russian"? A name that goes on after its "'s" goes on with
 * other words ("Dick's Sporting Goods"). */
static int owner_then_place(const struct field *f, size_t k)
{
	static const char *const suffixes[] = {"ian", "ese", "ish", "ean",
					       "can"};
	static const char *const places[] = {
		"us",	  "uk",	    "eu",    "french", "dutch",	  "swiss",
		"german", "thai",   "greek", "czech",  "israeli", "saudi",
		"iraqi",  "qatari", "arab",  "global", "asia",	  "europe",
	};
	const char *p = f->text + f->start[k - 1] + strlen(f->tok[k - 1]);
	size_t i, n = strlen(f->tok[k]);

	/* "'s" or a typographic apostrophe's "’s" */
	if (!(*p == '\'' && p[1] == 's') && strncmp(p, "\xe2\x80\x99s", 4) != 0)
		return 0;
	if (EXTRACT_IN(f->tok[k], places))
		return 1;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (n > 4 && !strcmp(f->tok[k] + n - 3, suffixes[i]))
			return 1;
	return 0;
}

/* Is the field in title case: every long word but the small ones
 * capitalized ("Salesforce Signs Definitive Agreement")? One word in
 * lower case makes it a sentence, however many names it holds. */
static int title_case(const struct field *f)
{
	size_t k, lower = 0, long_words = 0;

	for (k = 1; k < f->n; k++)
		if (strlen(f->tok[k]) >= 4 && !small_word(f, k) &&
		    !extract_all_digits(f->tok[k])) {
			long_words++;
			lower += !capitalized(f, k);
		}
	return long_words && !lower;
}

/* The length in bytes of the name that starts at token k0 of f: the
 * capitalized words that follow each other ("General Motors aims ..."),
 * with "of" between two of them ("Bank of America"), at most four words;
 * only the first word when the field is in title case (title_case). A
 * hyphenated word is one word, whatever its parts' case; a possessive
 * before a nation's adjective ends the name ("PwC's Russian firm"). */
static size_t name_length(const struct field *f, size_t k0)
{
	size_t k, last = k0, words = 1;
	int tc = title_case(f);

	for (k = k0 + 1; k < f->n; k++) {
		if (hyphened(f, k)) {
			last = k;
			continue;
		}
		if (tc || words >= 4 || owner_then_place(f, k))
			break;
		if (capitalized(f, k) && joined(f, k)) {
			last = k;
			words++;
			continue;
		}
		if (!strcmp(f->tok[k], "of") && k + 1 < f->n &&
		    capitalized(f, k + 1) && joined(f, k) && joined(f, k + 1)) {
			last = ++k;
			words++;
			continue;
		}
		break;
	}
	return f->start[last] + strlen(f->tok[last]) - f->start[k0];
}

/* Is the word tok (lower case) written in lower case anywhere in the
 * item: a common word ("Police", "Senators"), not a name ("Pornhub")? */
static int lower_somewhere(const struct field *f, const char *tok)
{
	size_t k;
	int fi;

	for (fi = 0; fi < NFIELDS; fi++)
		for (k = 0; k < f[fi].n; k++)
			if (!capitalized(&f[fi], k) &&
			    !strcmp(f[fi].tok[k], tok))
				return 1;
	return 0;
}

/* The longest summary that stands in for one that says nothing of the
 * company, and the shortest that does. */
#define LEAD_MAX 300
#define BLAND_SUMMARY 100

/*
 * An item whose summary is short and does not name the event's company
 * while its content does (a newsletter's "Notes from the week in tech
 * policy." over "Cruise said late Thursday that it is pausing ..."): the
 * event's summary is the content's lead, up to the end of a sentence or
 * a word, so that the timeline and clustering see the move. Returns
 * 1 when it is, 0 when not, -1 on out of memory.
 */
static int lead_summary(const struct item *it, struct event *ev)
{
	const char *c = it->content;
	size_t n, cut;
	char *lead;

	if (!ev->company || !c ||
	    (it->summary && (strlen(it->summary) >= BLAND_SUMMARY ||
			     extract_holds(it->summary, ev->company))) ||
	    !extract_holds(c, ev->company))
		return 0;
	n = strlen(c);
	if (n > LEAD_MAX) {
		/* the last sentence end, else the last blank, in the second
		 * half; else a cut between two characters */
		for (cut = LEAD_MAX; cut > LEAD_MAX / 2; cut--)
			if (c[cut - 1] == '.' && c[cut] == ' ')
				break;
		if (cut == LEAD_MAX / 2)
			for (cut = LEAD_MAX;
			     cut > LEAD_MAX / 2 && c[cut] != ' '; cut--)
				;
		if (cut == LEAD_MAX / 2)
			for (cut = LEAD_MAX;
			     cut > 0 && ((unsigned char)c[cut] & 0xc0) == 0x80;
			     cut--)
				;
		n = cut;
	}
	if (!(lead = strndup(c, n)))
		return -1;
	free(ev->summary);
	ev->summary = lead;
	return 1;
}

/* Do names a and b start with the same word ("Delta", "Delta Air
 * Lines"), case aside? */
static int same_start(const char *a, const char *b)
{
	size_t n = strcspn(a, " "), m = strcspn(b, " ");

	return n == m && strncasecmp(a, b, n) == 0;
}

/* Is the word (lower case) a headline's verb of the news: "to",
 * "will", "has", "is", or a present tense in 's' ("refuses", "freezes";
 * not "access", "status")? */
static int news_verb(const char *v)
{
	size_t n = strlen(v);

	return !strcmp(v, "to") || !strcmp(v, "will") || !strcmp(v, "has") ||
	       !strcmp(v, "is") ||
	       (n >= 4 && v[n - 1] == 's' && v[n - 2] != 's' &&
		v[n - 2] != 'u');
}

/* Does a verb of the news follow the name the title starts with ("Getty
 * Images refuses ...", "Acme to exit ...", "Acme will ...")? A
 * present-tense verb ends in 's'. A name later in the title (after an
 * authority) passes. */
static int acts_next(const struct field *t, const char *name)
{
	const char *at = strstr(t->text, name);
	size_t k, end;

	if (!at)
		return 0;
	/* a name after an authority is its object: no verb of its own */
	if (at != t->text + (t->n ? t->start[0] : 0))
		return 1;
	end = (size_t)(at - t->text) + strlen(name);
	for (k = 0; k < t->n && t->start[k] < end; k++)
		;
	/* and something it does it to: "Growing pains" is no headline */
	if (k + 1 >= t->n || capitalized(t, k) || t->text[end] != ' ')
		return 0;
	return news_verb(t->tok[k]);
}

/* Does the title start with a company's alias? */
static int alias_first(const struct rules *r, const struct field *t)
{
	size_t h;

	for (h = 0; h < t->nhit; h++)
		if (r->entries[t->hit[h]].kind == RK_ALIAS &&
		    t->first[t->hit[h]] == 0)
			return 1;
	return 0;
}

/* A wire's headline "Name: verb ...": the number of words of the name
 * before the colon (at most three, capitalized, joined by blanks), when
 * a verb follows in lower case ("freezes", "to exit", "will"), or 0: a
 * blog's "Shipment Zero: making ..." or "Net Zero + Nature: our ..." is
 * no such headline. */
static size_t colon_name(const struct field *t)
{
	size_t k;

	for (k = 0; k < t->n && k < 3; k++) {
		const char *end = t->text + t->start[k] + strlen(t->tok[k]);

		if (!capitalized(t, k) || (k > 0 && !joined(t, k)))
			return 0;
		if (*end != ':' || end[1] != ' ')
			continue;
		if (k + 1 >= t->n || capitalized(t, k + 1))
			return 0;
		return news_verb(t->tok[k + 1]) ? k + 1 : 0;
	}
	return 0;
}

/* Does the item name a company the rules know where it says who acts:
 * anywhere in its title, or first in its summary ("Apple approved
 * ...")? */
static int alias_acts(const struct rules *r, const struct field *f)
{
	size_t h, e;

	for (h = 0; h < f[F_TITLE].nhit; h++)
		if (r->entries[f[F_TITLE].hit[h]].kind == RK_ALIAS)
			return 1;
	for (h = 0; h < f[F_SUMMARY].nhit; h++) {
		e = f[F_SUMMARY].hit[h];
		if (r->entries[e].kind == RK_ALIAS &&
		    f[F_SUMMARY].first[e] == 0)
			return 1;
	}
	return 0;
}

/* Is the word (lower case) an authority that acts on companies: a
 * court, a regulator, lawmakers, officials? */
static int authority_word(const char *w)
{
	static const char *const authorities[] = {
		"regulators",  "regulator",   "watchdog",   "watchdogs",
		"judge",       "judges",      "court",	    "courts",
		"lawmakers",   "senators",    "senator",    "legislators",
		"officials",   "authorities", "government", "governments",
		"prosecutors", "police",      "congress",   "parliament",
		"ministry",    "minister",    "governor",   "feds",
		"ftc",	       "sec",	      "doj",	    "fcc",
		"cma",	       "commission",  "agency",	    "attorneys",
		"attorney",    "states",      "investors",  "shareholders",
		"justices",    "supreme",     "oversight",
	};

	return EXTRACT_IN(w, authorities);
}

/* Is the word (lower case) a court or a regulator, as a summary may open
 * with one ("The court upheld ...")? Narrower than authority_word: a
 * company's own post may well open on lawmakers or governments. */
static int court_word(const char *w)
{
	static const char *const courts[] = {
		"court",    "courts",	 "judge",     "judges",
		"justices", "supreme",	 "regulator", "regulators",
		"watchdog", "watchdogs", "ftc",	      "sec",
		"doj",	    "fcc",	 "cma",	      "prosecutors",
	};

	return EXTRACT_IN(w, courts);
}

/* Is the word (lower case) what an authority is about ("data protection
 * authority", "competition watchdog")? */
static int remit_word(const char *w)
{
	static const char *const remits[] = {
		"privacy",   "data",	 "protection", "competition",
		"antitrust", "consumer", "media",      "telecoms"};

	return EXTRACT_IN(w, remits);
}

/* Is the word (lower case) a nation, a union of them or a U.S. state:
 * one that acts on companies ("Texas bars TikTok ...") when a verb
 * follows? */
static int nation_word(const char *w)
{
	static const char *const nations[] = {
		"china",   "russia",	 "india",    "japan",	"france",
		"germany", "italy",	 "spain",    "ireland", "britain",
		"canada",  "australia",	 "brazil",   "korea",	"turkey",
		"europe",  "california", "texas",    "florida", "illinois",
		"utah",	   "montana",	 "arkansas", "ohio",	"michigan",
		"oregon",  "arizona",	 "nevada",   "u",	"us",
		"uk",	   "eu",
	};

	return EXTRACT_IN(w, nations);
}

/* Is the word (lower case) a nation, a U.S. state or a nation's
 * adjective, that may open a headline about a company ("German automaker
 * Volkswagen ...") or about an authority ("Italian watchdog ...")? */
static int place_word(const char *w)
{
	static const char *const adjectives[] = {
		"italian",   "french",	   "german",  "british", "chinese",
		"japanese",  "korean",	   "indian",  "russian", "european",
		"canadian",  "australian", "irish",   "spanish", "dutch",
		"brazilian", "turkish",	   "federal", "state",
	};

	return nation_word(w) || EXTRACT_IN(w, adjectives);
}

/* Is the word (lower case) one of pressure or of the courts, done to a
 * company ("sues", "fines", "bans")? */
static int pressure_word(const char *w)
{
	static const char *const pressure[] = {
		"sue",	       "sues",	       "sued",	  "suing",
		"fine",	       "fines",	       "fined",	  "order",
		"orders",      "ordered",      "urge",	  "urges",
		"urged",       "ask",	       "asks",	  "asked",
		"press",       "presses",      "pressed", "push",
		"pushes",      "probe",	       "probes",  "probing",
		"investigate", "investigates", "charge",  "charges",
		"charged",     "accuse",       "accuses", "accused",
		"against",     "warn",	       "warns",	  "subpoena",
		"subpoenas",   "summon",       "summons", "tells",
		"force",       "forces",       "targets", "rebuke",
		"rebukes",     "renew",	       "revoke",  "revokes",
		"revoked",     "bans",	       "banned",  "blocks",
		"blocked",     "demand",       "demands", "petition",
		"petitions",
	};

	return EXTRACT_IN(w, pressure);
}

/* Does the field start with one who acts on companies: an authority, or
 * a place and an authority ("EU regulators", "Italian watchdog"), the
 * White House, or a nation or state and a verb in a title not in title
 * case ("Texas bars TikTok ...")? */
static int opens_with_authority(const struct field *t)
{
	size_t k;

	if (!t->n)
		return 0;
	if (authority_word(t->tok[0]))
		return 1;
	if (t->n > 1 && !strcmp(t->tok[0], "white") &&
	    !strcmp(t->tok[1], "house"))
		return 1;
	if (t->n > 1 && nation_word(t->tok[0]) && !capitalized(t, 1) &&
	    !title_case(t) && !extract_all_digits(t->tok[1]))
		return 1;
	/* in title case, a nation and what a state does to a company
	 * ("California Pulls Cruise's Permits") */
	if (t->n > 1 && nation_word(t->tok[0]) &&
	    (pressure_word(t->tok[1]) || !strcmp(t->tok[1], "pulls") ||
	     !strcmp(t->tok[1], "suspends") || !strcmp(t->tok[1], "bars") ||
	     !strcmp(t->tok[1], "halts")))
		return 1;
	/* "U.S. judge" ("u", "s", "judge"), "EU data protection
	 * authority", "Privacy watchdog" */
	if (!place_word(t->tok[0]) && !remit_word(t->tok[0]))
		return 0;
	for (k = 1; k < t->n && k < 5; k++) {
		if (authority_word(t->tok[k]) ||
		    !strcmp(t->tok[k], "authority"))
			return 1;
		if (strcmp(t->tok[k], "s") && !remit_word(t->tok[k]) &&
		    !place_word(t->tok[k]))
			return 0;
	}
	return 0;
}

/* Does the summary open with an authority, after "The" and a place
 * ("The U.S. Supreme Court upheld ...", "Regulators in Italy ...")? */
static int summary_authority(const struct field *s)
{
	size_t k = 0;

	if (k < s->n && !strcmp(s->tok[k], "the"))
		k++;
	while (k < s->n && k < 5 &&
	       (place_word(s->tok[k]) || remit_word(s->tok[k]) ||
		!strcmp(s->tok[k], "s")))
		k++;
	return k < s->n && court_word(s->tok[k]);
}

/* Does the title report what others do to a company the rules know
 * ("Texas sues Meta ...", "Dutch regulator fines Clearview AI"): it does
 * not start with a company's name, and the first name it gives follows
 * a word of pressure or of the courts, or the title starts with an
 * authority (opens_with_authority)? */
static int others_act(const struct rules *r, const struct field *f)
{
	static const char *const modals[] = {"should", "must",	"needs",
					     "need",   "ought", "can"};
	const struct field *t = &f[F_TITLE];
	size_t h, e, at = (size_t)-1;
	const char *colon;
	int advised;

	for (h = 0; h < t->nhit; h++) {
		e = t->hit[h];
		if (r->entries[e].kind != RK_ALIAS)
			continue;
		if (t->first[e] == 0)
			return 0;
		if ((size_t)t->first[e] < at)
			at = (size_t)t->first[e];
	}
	/* a court or a regulator at the start acts ("Italian watchdog
	 * halts Acme's ...", "FTC bars a pharmacy chain ..."), unless it
	 * only labels the story ("Regulation: Acme halts sales") */
	colon = t->text + strcspn(t->text, ":|");
	/* what it should do is the writer's call on it ("Congress should
	 * pass a privacy law") */
	for (advised = 0, h = 1; h < 4 && h < t->n; h++)
		advised |= EXTRACT_IN(t->tok[h], modals);
	/* a title that names no company first, over a summary that
	 * opens with an authority ("Nine justices and a deadline for
	 * Acme" over "The court upholds ...") */
	if (!advised && t->n && !opens_with_authority(t) &&
	    summary_authority(&f[F_SUMMARY]))
		return 1;
	if (!advised && opens_with_authority(t) &&
	    (at == (size_t)-1 || at >= t->n || colon > t->text + t->start[at]))
		return 1;
	if (at == (size_t)-1 || at >= t->n)
		return 0;
	if (pressure_word(t->tok[at - 1]))
		return 1;
	/* "sues the company behind ...", "fines online retailer Amazon" */
	return at >= 2 && pressure_word(t->tok[at - 2]) &&
	       !capitalized(t, at - 1);
}

/* Does s hold the n bytes at p, as they are written? */
static int written(const char *s, const char *p, size_t n)
{
	for (; *s; s++)
		if (*s == *p && strncmp(s, p, n) == 0)
			return 1;
	return 0;
}

/* The name that starts at token k of field fi (name_length), as a new
 * string. In a title in title case, where only the first word is taken,
 * the words after it are kept too while the name so far is written the
 * same in the summary or content ("Rio Tinto Chief Executive to Step
 * Down" over "... will leave Rio Tinto"). */
static char *name_at(const struct field *f, int fi, size_t k)
{
	const struct field *t = &f[fi];
	size_t len = name_length(t, k), m;
	int other;

	if (fi == F_TITLE && title_case(t))
		for (m = k + 1;
		     m < t->n && m < k + 4 && capitalized(t, m) && joined(t, m);
		     m++) {
			size_t ext =
				t->start[m] + strlen(t->tok[m]) - t->start[k];
			int found = 0;

			for (other = F_SUMMARY; other < NFIELDS; other++)
				found |= written(f[other].text,
						 t->text + t->start[k], ext);
			if (!found)
				break;
			len = ext;
		}
	return strndup(t->text + t->start[k], len);
}

/* A company no alias names: the name a news title or lead (only the
 * title when title_only) starts with ("Valve bans ..."), a capitalized
 * word that is not a common opening; after a title's opening authority
 * or place, the first name that follows it in a title not in title case
 * ("Judge blocks JetBlue takeover", "German automaker Volkswagen ...").
 * Returns a new string or NULL. */
static char *subject_company(const struct field *f, int title_only)
{
	static const char *const openers[] = {
		"a",	 "an",	   "the",   "one",   "two",    "how",  "why",
		"what",	 "when",   "where", "who",   "new",    "our",  "we",
		"this",	 "these",  "in",    "on",    "at",     "for",  "with",
		"after", "before", "as",    "from",  "today",  "it",   "its",
		"to",	 "update", "more",  "meet",  "inside", "here", "there",
		"some",	 "all",	   "by",    "every", "is",     "are",  "i",
	};
	int fi;

	for (fi = F_TITLE; fi <= (title_only ? F_TITLE : F_SUMMARY); fi++) {
		const char *w;

		if (!f[fi].n)
			continue;
		w = f[fi].text + f[fi].start[0];
		if (!isupper((unsigned char)*w) || strlen(f[fi].tok[0]) < 2 ||
		    extract_all_digits(f[fi].tok[0]))
			continue;
		if (EXTRACT_IN(f[fi].tok[0], openers))
			continue;
		/* a digest's question ("Eleven now, fifteen later?") names
		 * no one */
		if (fi == F_TITLE && strchr(f[fi].text, '?'))
			continue;
		if (opens_with_authority(&f[fi]) || place_word(f[fi].tok[0])) {
			size_t k;
			int tc = title_case(&f[fi]);

			if (fi != F_TITLE)
				continue;
			/* in title case, only right after a word of
			 * pressure: "US Fines Lufthansa $4 Million" */
			for (k = 1; k < f[fi].n; k++) {
				const char *t = f[fi].tok[k];

				if (authority_word(t) || place_word(t) ||
				    remit_word(t) || !strcmp(t, "s") ||
				    pressure_word(t))
					continue;
				if (tc && !pressure_word(f[fi].tok[k - 1]))
					break;
				if (capitalized(&f[fi], k) && strlen(t) >= 2 &&
				    !extract_month_of(t) &&
				    !extract_is_weekday(t))
					return name_at(f, fi, k);
				if (tc)
					break;
			}
			continue;
		}
		return name_at(f, fi, 0);
	}
	return NULL;
}

static int add_topic(struct event *ev, const char *slug)
{
	char **v;
	size_t i;

	for (i = 0; i < ev->ntopics; i++)
		if (!strcmp(ev->topics[i], slug))
			return 0;
	v = realloc(ev->topics, (ev->ntopics + 1) * sizeof(*v));
	if (!v)
		return -1;
	ev->topics = v;
	if (!(v[ev->ntopics] = strdup(slug)))
		return -1;
	ev->ntopics++;
	return 0;
}

/* Every topic whose phrases weigh at least TOPIC_MIN over the fields
 * (weight times field weight): one phrase of the default weight 1
 * anywhere, a lighter one only in the title or summary or with others. */
#define TOPIC_MIN 0.75

static int add_topics(const struct rules *r, const struct field *f,
		      struct event *ev)
{
	double *sum;
	size_t e, h, t;
	int fi, rc = 0;

	if (!r->ntopics)
		return 0;
	sum = calloc(r->ntopics, sizeof(*sum));
	if (!sum)
		return -1;
	for (fi = 0; fi < NFIELDS; fi++)
		for (h = 0; h < f[fi].nhit; h++) {
			e = f[fi].hit[h];
			if (r->entries[e].kind == RK_TOPIC &&
			    r->entries[e].which < r->ntopics)
				sum[r->entries[e].which] +=
					r->entries[e].ph->weight *
					field_weight[fi];
		}
	/* in the order they are first found, as before weights counted */
	for (fi = 0; fi < NFIELDS && rc == 0; fi++)
		for (h = 0; h < f[fi].nhit && rc == 0; h++) {
			e = f[fi].hit[h];
			t = r->entries[e].which;
			if (r->entries[e].kind == RK_TOPIC && t < r->ntopics &&
			    sum[t] >= TOPIC_MIN - 1e-9)
				rc = add_topic(ev, r->topics[t].slug);
		}
	free(sum);
	return rc;
}

/* --- days and periods ---------------------------------------------------- */

/* "YYYY-MM-DD" of y/m/d, or -1 if not a real day. */
static int make_day(int y, int m, int d, char *out)
{
	char buf[32];
	long long t;

	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	if (date_parse(buf, &t, NULL) < 0)
		return -1;
	memcpy(out, buf, 11);
	return 0;
}

/* The last weekday called name before day, within six days: 0 and out;
 * 1 when it is day itself ("on Tuesday" in Tuesday's paper); -1 for an
 * unknown name or day. */
static int last_weekday(const char *name, const char *day, char *out)
{
	static const char *const d[] = {"sunday",    "monday",	 "tuesday",
					"wednesday", "thursday", "friday",
					"saturday"};
	long long t;
	int want, have, back;

	for (want = 0; want < 7 && strcmp(name, d[want]); want++)
		;
	if (want == 7 || date_parse(day, &t, NULL) < 0)
		return -1;
	/* 1970-01-01 was a Thursday */
	have = (int)((t / 86400 % 7 + 4) % 7);
	back = (have - want + 7) % 7;
	if (back == 0)
		return 1;
	date_day(t - back * 86400LL, 0, out);
	return 0;
}

/* Is token i of t in a clause about the future ("will shut it off on
 * Sunday", "starting next Monday")? Looks at the eight tokens before. */
static int future_context(char *const *t, size_t i)
{
	static const char *const marks[] = {
		"will",	    "would",	 "until",  "next",
		"starting", "effective", "before",
	};
	size_t k, m;

	for (k = i > 8 ? i - 8 : 0; k < i; k++)
		for (m = 0; m < sizeof(marks) / sizeof(*marks); m++)
			if (!strcmp(t[k], marks[m]))
				return 1;
	return 0;
}

/*
 * A day the text states for the move: "On Monday, June 8", "on June 8,
 * 2020". Only an earlier day within two weeks of publication counts; a
 * weekday alone counts only when nothing says it is still to come.
 */
/* A headline made of a post's first sentence: at most this long. */
#define TITLE_MAX 160

/* The length of the first sentence of s: up to a full stop, a question
 * or an exclamation mark before a blank, past 20 bytes; else at most max
 * bytes, cut at a blank. */
static size_t first_sentence(const char *s, size_t max)
{
	size_t i, n = strlen(s), blank = 0;

	for (i = 0; i < n && i < max; i++) {
		if (i >= 20 && strchr(".!?", s[i]) &&
		    (s[i + 1] == ' ' || s[i + 1] == '\0'))
			return i + 1;
		if (s[i] == ' ')
			blank = i;
	}
	return i < n && blank ? blank : i;
}

/* The day of the month a token gives, "8" or "18th", or 0. */
static int day_number(const char *w)
{
	size_t n = strspn(w, "0123456789");
	int d = n && n <= 2 ? atoi(w) : 0;

	if (!d || d > 31)
		return 0;
	if (!w[n])
		return d;
	return !strcmp(w + n, "st") || !strcmp(w + n, "nd") ||
			       !strcmp(w + n, "rd") || !strcmp(w + n, "th")
		       ? d
		       : 0;
}

static int stated_day(const struct field *f, const char *published, char *out,
		      const char **why)
{
	int fi, py = atoi(published);
	size_t i;

	for (fi = F_SUMMARY; fi < NFIELDS; fi++) {
		char *const *t = f[fi].tok;
		size_t n = f[fi].n;

		for (i = 0; i + 2 < n && f[fi].start[i] < 600; i++) {
			size_t k = i + 1;
			int m, d, y = py;
			char day[11];
			long long a, b;

			if (strcmp(t[i], "on") && strcmp(t[i], "said") &&
			    strcmp(t[i], "announced") &&
			    strcmp(t[i], "wrote") && strcmp(t[i], "sent") &&
			    strcmp(t[i], "told") &&
			    /* a weekly's "Last Thursday, August 12, ..." */
			    !(!strcmp(t[i], "last") &&
			      extract_is_weekday(t[i + 1])))
				continue;
			/* what the item tells as background dates
			 * something else */
			if (background(&f[fi], i, published))
				continue;
			/* "said late Thursday", "said early Monday" */
			if (strcmp(t[i], "on") && k + 1 < n &&
			    (!strcmp(t[k], "late") || !strcmp(t[k], "early")) &&
			    extract_is_weekday(t[k + 1]))
				k++;
			if (k < n && extract_is_weekday(t[k])) {
				int w = -1;

				if ((k + 1 >= n ||
				     !extract_month_of(t[k + 1])) &&
				    !future_context(t, i))
					w = last_weekday(t[k], published, day);

				/* "on Thursday": the last one before; the
				 * day itself is the first day stated, and
				 * the day of publication stays */
				if (w == 1)
					return 0;
				if (w == 0) {
					memcpy(out, day, 11);
					*why = field_name[fi];
					return 1;
				}
				k++;
			}
			if (strcmp(t[i], "on") && strcmp(t[i], "last"))
				continue;
			if (k + 1 >= n)
				continue;
			/* "June 8", or the day first, "8 June", "18th
			 * September" */
			if ((m = extract_month_of(t[k])) != 0 &&
			    (d = day_number(t[k + 1])) != 0)
				k += 2;
			else if ((d = day_number(t[k])) != 0 &&
				 (m = extract_month_of(t[k + 1])) != 0)
				k += 2;
			else
				continue;
			if (k < n && extract_all_digits(t[k]) &&
			    strlen(t[k]) == 4)
				y = atoi(t[k]);
			if (make_day(y, m, d, day) < 0)
				continue;
			if (strcmp(day, published) > 0 && y == py &&
			    make_day(y - 1, m, d, day) < 0)
				continue;
			if (date_parse(day, &a, NULL) < 0 ||
			    date_parse(published, &b, NULL) < 0)
				continue;
			if (a < b && b - a <= 14 * 86400) {
				memcpy(out, day, 11);
				*why = field_name[fi];
				return 1;
			}
		}
	}
	return 0;
}

static const struct {
	const char *word;
	int n;
} numbers[] = {
	{"a", 1},	{"an", 1},	  {"one", 1},	  {"two", 2},
	{"three", 3},	{"four", 4},	  {"five", 5},	  {"six", 6},
	{"seven", 7},	{"eight", 8},	  {"nine", 9},	  {"ten", 10},
	{"twelve", 12}, {"eighteen", 18}, {"thirty", 30}, {"sixty", 60},
	{"ninety", 90}, {"another", 1},
};

static int number_of(const char *w)
{
	size_t i;

	if (extract_all_digits(w) && strlen(w) <= 3)
		return atoi(w);
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (!strcmp(w, numbers[i].word))
			return numbers[i].n;
	return 0;
}

/* Add n units ('y', 'm', 'w', 'd') to day; 0 or -1. */
static int add_period(const char *day, int n, char unit, char *out)
{
	int y = atoi(day), m = atoi(day + 5), d = atoi(day + 8);
	long long t;

	if (unit == 'y')
		y += n;
	else if (unit == 'm') {
		m += n;
		y += (m - 1) / 12;
		m = (m - 1) % 12 + 1;
	} else {
		if (date_parse(day, &t, NULL) < 0)
			return -1;
		date_day(t + (long long)n * (unit == 'w' ? 7 : 1) * 86400, 0,
			 out);
		return 0;
	}
	while (make_day(y, m, d, out) < 0 && d > 28)
		d--; /* Feb 29 + 1 year */
	return 0;
}

/* The original words from token a to token b (inclusive) of field f. */
static char *words(const struct field *f, size_t a, size_t b)
{
	size_t from = f->start[a], to = f->start[b] + strlen(f->tok[b]);
	char *s;

	while (to < strlen(f->text) && f->text[to] != ' ' &&
	       !strchr(".,;:)", f->text[to]))
		to++;
	s = strndup(f->text + from, to - from);
	return s;
}

/* Effective period: a duration, a deadline, an open end or a condition. */
static void find_period(const struct field *f, struct event *ev, int conduct,
			const char **why)
{
	static const char *const cond_starts[] = {
		"there",   "congress",	 "a",	      "the",
		"federal", "national",	 "lawmakers", "legislation",
		"laws",	   "regulation", "we",
	};
	static const char *const rate_words[] = {"a", "per", "each", "every"};
	static const char *const history_words[] = {
		"almost", "nearly", "over", "than", "after", "past", "about",
	};
	int fi;
	size_t i, c;

	for (fi = 0; fi < NFIELDS && !ev->until[0] && !ev->until_text; fi++) {
		char *const *t = f[fi].tok;
		size_t n = f[fi].n;

		for (i = 0; i < n && !ev->until[0] && !ev->until_text; i++) {
			const char *u = i + 1 < n ? t[i + 1] : "";
			int num = number_of(t[i]);
			char unit = 0;

			/* only a change of conduct has a duration or an open
			 * end; any move may have a deadline */
			if (!conduct && (strcmp(t[i], "until") || i + 1 >= n ||
					 !extract_month_of(t[i + 1])))
				continue;
			/* "one-year", "12-month", "90-day", "for a year" */
			if (num &&
			    (!strncmp(u, "year", 4) ||
			     !strncmp(u, "month", 5) ||
			     !strncmp(u, "week", 4) || !strncmp(u, "day", 3)))
				unit = u[0] == 'y'   ? 'y'
				       : u[0] == 'm' ? 'm'
				       : u[0] == 'w' ? 'w'
						     : 'd';
			/* "nine months after the crash" is no period */
			if (unit && i + 2 < n &&
			    (!strcmp(t[i + 2], "after") ||
			     !strcmp(t[i + 2], "ago") ||
			     !strcmp(t[i + 2], "later") ||
			     !strcmp(t[i + 2], "earlier") ||
			     !strcmp(t[i + 2], "since")))
				unit = 0;
			/* nor a history, "for almost 170 years", "after 30
			 * years": no move's period is that long */
			if (unit &&
			    ((i > 0 && EXTRACT_IN(t[i - 1], history_words)) ||
			     (unit == 'y' && num > 10) ||
			     (unit == 'm' && num > 120)))
				unit = 0;
			/* nor a rate, "five days a week", "two days per
			 * month", or days of attendance, "three days in the
			 * office" */
			if (unit && i + 3 < n &&
			    ((EXTRACT_IN(t[i + 2], rate_words) &&
			      (!strncmp(t[i + 3], "week", 4) ||
			       !strncmp(t[i + 3], "month", 5) ||
			       !strncmp(t[i + 3], "year", 4))) ||
			     ((!strcmp(t[i + 2], "in") ||
			       !strcmp(t[i + 2], "at")) &&
			      (!strcmp(t[i + 3], "office") ||
			       (!strcmp(t[i + 3], "the") && i + 4 < n &&
				!strcmp(t[i + 4], "office"))))))
				unit = 0;
			if (unit &&
			    !(num == 1 &&
			      (!strcmp(t[i], "a") || !strcmp(t[i], "an")) &&
			      (i == 0 || strcmp(t[i - 1], "for")))) {
				char *txt = words(&f[fi], i, i + 1);

				if (add_period(ev->day, num, unit, ev->until) ==
					    0 &&
				    txt) {
					ev->until_text = txt;
					*why = field_name[fi];
				} else {
					free(txt);
					ev->until[0] = '\0';
				}
				continue;
			}
			if (!strcmp(t[i], "indefinitely") ||
			    !strcmp(t[i], "indefinite") ||
			    (!strcmp(t[i], "until") && i + 2 < n &&
			     !strcmp(t[i + 1], "further") &&
			     !strcmp(t[i + 2], "notice"))) {
				ev->until_text =
					strdup(!strcmp(t[i], "until")
						       ? "until further notice"
						       : "indefinitely");
				*why = field_name[fi];
				continue;
			}
			if (strcmp(t[i], "until") || i + 1 >= n)
				continue;
			/* "until June 30, 2023" */
			if (extract_month_of(t[i + 1]) && i + 3 < n &&
			    extract_all_digits(t[i + 2]) &&
			    extract_all_digits(t[i + 3]) &&
			    strlen(t[i + 3]) == 4) {
				char day[11];

				if (make_day(atoi(t[i + 3]),
					     extract_month_of(t[i + 1]),
					     atoi(t[i + 2]), day) == 0 &&
				    strcmp(day, ev->day) > 0) {
					memcpy(ev->until, day, 11);
					ev->until_text =
						words(&f[fi], i, i + 3);
					*why = field_name[fi];
				}
				continue;
			}
			if (!conduct)
				continue;
			/* "until there is a national law ..." */
			for (c = 0;
			     c < sizeof(cond_starts) / sizeof(*cond_starts);
			     c++)
				if (!strcmp(t[i + 1], cond_starts[c]))
					break;
			if (c == sizeof(cond_starts) / sizeof(*cond_starts))
				continue;
			{
				size_t end = i + 1, k;
				const char *txt = f[fi].text;

				/* to the end of the clause, at most 12 words */
				for (k = i + 1; k < n && k < i + 13; k++) {
					size_t after =
						f[fi].start[k] + strlen(t[k]);

					end = k;
					if (after < strlen(txt) &&
					    strchr(".,;:", txt[after]))
						break;
				}
				ev->until_text = words(&f[fi], i, end);
				*why = field_name[fi];
			}
		}
	}
}

/* --- one item ------------------------------------------------------------ */

static int json_pair(struct buf *b, const char *key, const char *val,
		     int *first)
{
	int rc = 0;

	rc |= buf_adds(b, *first ? "" : ", ");
	rc |= text_json(b, key);
	rc |= buf_adds(b, ": ");
	rc |= text_json(b, val);
	*first = 0;
	return rc;
}

/* A change of conduct (exit, moratorium, restrict, extend, resume) with
 * enough evidence is the move, even where words about it (advocate,
 * standard, pledge) weigh more: IBM's letter to Congress *is* its exit. */
static int is_conduct(const char *slug)
{
	return !strcmp(slug, "exit") || !strcmp(slug, "moratorium") ||
	       !strcmp(slug, "restrict") || !strcmp(slug, "extend") ||
	       !strcmp(slug, "resume");
}

/* A conduct phrase this heavy ("no longer offers", "moratorium") decides
 * the move even from deep in the text. */
#define STRONG_PHRASE 4.0

static int is_follow_up(const char *slug)
{
	return !strcmp(slug, "extend") || !strcmp(slug, "resume");
}

static double max_score(const struct rules *r, const struct judge *j)
{
	double m = 0;
	size_t a;

	for (a = 0; a < r->nactions && a < 16; a++)
		if (j->action[a] > m)
			m = j->action[a];
	return m;
}

static size_t strongest(const struct rules *r, const struct judge *j)
{
	size_t a, best = 0, conduct = 0;
	int have = 0, have_follow = 0;

	for (a = 0; a < r->nactions && a < 16; a++) {
		const char *slug = r->actions[a].slug;
		int candidate, follow;

		if (j->action[a] > j->action[best])
			best = a;
		/* strong words anywhere, or a fair share of the evidence */
		candidate = is_conduct(slug) &&
			    ((j->strong[a] >= STRONG_PHRASE &&
			      j->action[a] >= CONDUCT_MIN) ||
			     (j->action[a] >= ACTION_MIN &&
			      3 * j->action[a] >= max_score(r, j)));
		if (!candidate)
			continue;
		/* an extension speaks of what it extends: it is the move */
		follow = is_follow_up(slug);
		if ((follow && !have_follow) ||
		    (follow == have_follow &&
		     (!have || j->action[a] > j->action[conduct]))) {
			conduct = a;
			have = 1;
			have_follow = follow;
		}
	}
	return have ? conduct : best;
}

static int classify(const struct rules *r, const struct extract_source *src,
		    const struct item *it, size_t index, long long now,
		    struct event *ev)
{
	const struct stamp *when =
		it->published.set ? &it->published : &it->updated;
	const char *company = src->company && strcmp(src->company, "auto")
				      ? src->company
				      : NULL;
	struct field f[NFIELDS];
	struct judge j;
	struct buf ev_json;
	const char *why_day = NULL, *why_period = NULL;
	char published[11], tmp[64];
	size_t best = 0, k;
	int fi, rc = -1, first = 1;
	double score;

	memset(&j, 0, sizeof(j));
	memset(f, 0, sizeof(f));
	buf_init(&ev_json, 0);
	if (when->set)
		date_day(when->utc, when->offset, published);
	else
		date_day(now, 0, published);
	memcpy(ev->day, published, 11);
	ev->action = ACTION_OTHER;
	ev->title = it->title  ? strdup(it->title)
		    : it->link ? strdup(it->link)
			       : NULL;
	ev->summary = it->summary ? strdup(it->summary) : NULL;
	ev->items = malloc(sizeof(*ev->items));
	if ((!ev->title && (it->title || it->link)) || !ev->items)
		goto out;
	ev->items[0] = index;
	ev->nitems = 1;
	if (!r) {
		/* no rules: nothing to read in the text */
		ev->company = company ? strdup(company) : NULL;
		rc = 0;
		goto out;
	}
	if (fields_init(r, it, f) < 0)
		goto out;
	/* a post with no title (a microblog's, through an RSS bridge): its
	 * first sentence is its headline, for the reading and the timeline */
	if (!f[F_TITLE].n && (f[F_SUMMARY].n || f[F_CONTENT].n)) {
		const char *body =
			f[F_SUMMARY].n ? f[F_SUMMARY].text : f[F_CONTENT].text;
		char *head = strndup(body, first_sentence(body, TITLE_MAX));

		if (!head)
			goto out;
		field_release(&f[F_TITLE]);
		if (field_init(r, &f[F_TITLE], head, TITLE_MAX) < 0) {
			free(head);
			goto out;
		}
		free(ev->title);
		ev->title = head;
	}
	if (!company) {
		company = detect_company(r, f);
		/* a title that starts with a name, where no company the
		 * rules know acts, is that name's news, whoever its text
		 * mentions ("Getty Images refuses AI-generated art", the
		 * body naming an AI maker): a name, not a common word in
		 * capitals */
		if (company && !alias_acts(r, f) && f[F_TITLE].n &&
		    !lower_somewhere(f, f[F_TITLE].tok[0]) &&
		    (ev->company = subject_company(f, 1))) {
			/* the short form of the name found ("Delta" for
			 * "Delta Air Lines") is that company */
			if (same_start(ev->company, company) ||
			    /* a name and its verb, not a digest's pun
			     * ("Eleven now, fifteen later?", "Not so
			     * fast") */
			    !acts_next(&f[F_TITLE], ev->company)) {
				free(ev->company);
				ev->company = NULL;
			} else {
				company = NULL;
			}
		}
	}
	/* a wire's "Havas: freezes UK ad spend on Google": the name
	 * before the colon acts, whatever company the rest names */
	if (company && !ev->company && !alias_first(r, &f[F_TITLE]) &&
	    (k = colon_name(&f[F_TITLE])) > 0) {
		const struct field *t = &f[F_TITLE];

		if (!(ev->company =
			      strndup(t->text,
				      t->start[k - 1] + strlen(t->tok[k - 1]))))
			goto out;
		if (same_start(ev->company, company)) {
			free(ev->company);
			ev->company = NULL;
		} else {
			company = NULL;
		}
	}
	if (company && !(ev->company = strdup(company)))
		goto out;
	/* a company the rules do not know: whose news it is */
	if (!ev->company)
		ev->company = subject_company(f, 0);
	switch (lead_summary(it, ev)) {
	case -1:
		goto out;
	case 1: {
		/* and the lead is read as the summary, after the teaser:
		 * where the newsletter's move is, and its stated day */
		struct buf both;
		int ok;

		buf_init(&both, 0);
		ok = buf_adds(&both, it->summary ? it->summary : "") == 0 &&
		     buf_addc(&both, '\n') == 0 &&
		     buf_adds(&both, ev->summary) == 0;
		field_release(&f[F_SUMMARY]);
		ok = ok &&
		     field_init(r, &f[F_SUMMARY], both.data, both.len) == 0;
		buf_release(&both);
		if (!ok)
			goto out;
		break;
	}
	default:
		break;
	}
	for (fi = 0; fi < NFIELDS; fi++)
		weigh(r, f, fi, published, &j);
	best = strongest(r, &j);
	score = r->nactions ? j.action[best] : 0;
	ev->policy = score >= ACTION_MIN
			     ? score + 0.5 * j.context - j.product >= POLICY_MIN
			     : score >= WEAK_MIN && j.context >= WEAK_CONTEXT &&
				       j.product <= 0 && ev->company &&
				       r->nactions &&
				       is_conduct(r->actions[best].slug);
	/* what a court, a regulator or lawmakers do to a company is not
	 * its move */
	if (ev->policy && others_act(r, f))
		ev->policy = false;
	if (ev->policy)
		action_from_slug(r->actions[best].slug, &ev->action);
	if (add_topics(r, f, ev) < 0)
		goto out;
	if (ev->policy) {
		if (stated_day(f, published, ev->day, &why_day))
			why_day = why_day ? why_day : "text";
		find_period(f, ev, is_conduct(action_slug(ev->action)),
			    &why_period);
		/* an exit after the company's own pause widens the
		 * pause: turning a suspension into a withdrawal */
		if (ev->action == ACTION_EXIT &&
		    (pause_before(&f[F_SUMMARY], published, ev->company) ||
		     pause_before(&f[F_CONTENT], published, ev->company)))
			ev->action = ACTION_EXTEND;
		/* a restriction for a set time, as its title says, is a
		 * moratorium ("bans police use for a year") */
		if (ev->action == ACTION_RESTRICT && ev->until[0] &&
		    ev->until_text && !strstr(ev->until_text, "until") &&
		    why_period && !strcmp(why_period, "title"))
			ev->action = ACTION_MORATORIUM;
	}
	/* the evidence, for annals show */
	buf_addc(&ev_json, '{');
	snprintf(tmp, sizeof(tmp), "%.1f", score);
	json_pair(&ev_json, "action_score", tmp, &first);
	snprintf(tmp, sizeof(tmp), "%.1f", j.context);
	json_pair(&ev_json, "policy_context", tmp, &first);
	snprintf(tmp, sizeof(tmp), "%.1f", j.product);
	json_pair(&ev_json, "product_signals", tmp, &first);
	if (r->nactions && j.why_action[best]) {
		json_pair(&ev_json, "action_phrase", j.why_action[best],
			  &first);
		json_pair(&ev_json, "action_field",
			  field_name[j.why_field[best]], &first);
		json_pair(&ev_json, "action_candidate", r->actions[best].slug,
			  &first);
	}
	if (j.why_product)
		json_pair(&ev_json, "product_phrase", j.why_product, &first);
	json_pair(&ev_json, "day_from",
		  why_day     ? why_day
		  : when->set ? "published"
			      : "first seen",
		  &first);
	if (why_period)
		json_pair(&ev_json, "period_from", why_period, &first);
	if (buf_addc(&ev_json, '}') < 0)
		goto out;
	ev->evidence = buf_detach(&ev_json);
	rc = 0;
out:
	buf_release(&ev_json);
	fields_release(f);
	return rc;
}

int extract_events(const struct rules *r, const struct extract_source *src,
		   const struct item_list *items, long long now,
		   struct event_list *out, struct err *e)
{
	size_t i;

	for (i = 0; i < items->n; i++) {
		struct event *ev = event_list_add(out);

		if (!ev || classify(r, src, &items->v[i], i, now, ev) < 0)
			return err_set(e, "out of memory");
	}
	return 0;
}
