/* extract_link.c - events to one another: clustering and follow-ups
 *
 * Which earlier event an item's event joins (several sources of one move)
 * and which earlier move an extension or a resumption follows, from the
 * company, the day, the action, topics and the words of titles and
 * summaries. Split from extract.c, which classifies one item.
 */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "extract_impl.h"
#include "rules.h"

static int is_stopword(const char *w)
{
	static const char *const stop[] = {
		"a",	"an",	 "and",	  "are",   "as",   "at",   "be",
		"by",	"for",	 "from",  "has",   "have", "in",   "is",
		"it",	"its",	 "of",	  "on",	   "or",   "our",  "that",
		"the",	"their", "this",  "to",	   "was",  "we",   "will",
		"with", "new",	 "today", "says",  "said", "it's", "how",
		"what", "more",	 "about", "after", "us",   "can",  "now",
	};
	return (strlen(w) < 3 && !extract_all_digits(w)) || EXTRACT_IN(w, stop);
}

/* Content words of title and summary, sorted and unique. */
static size_t content_words(const char *title, const char *summary,
			    const char *company, char ***out)
{
	struct buf b;
	char **tok = NULL, **keep;
	long n;
	size_t i, k = 0;

	buf_init(&b, 0);
	buf_adds(&b, title ? title : "");
	buf_addc(&b, ' ');
	/* the first words of the summary say what the move is */
	buf_add(&b, summary ? summary : "",
		summary ? (strlen(summary) < 400 ? strlen(summary) : 400) : 0);
	n = rules_tokenize(b.data ? b.data : "", &tok, NULL);
	buf_release(&b);
	*out = NULL;
	if (n <= 0)
		return 0;
	keep = calloc((size_t)n, sizeof(*keep));
	if (!keep) {
		rules_tokens_free(tok, (size_t)n, NULL);
		return 0;
	}
	for (i = 0; i < (size_t)n; i++) {
		size_t j;
		int dup = 0;

		/* the company's own name says nothing about the subject */
		if (is_stopword(tok[i]) ||
		    (company && !strcasecmp(tok[i], company)))
			continue;
		for (j = 0; j < k && !dup; j++)
			dup = !strcmp(keep[j], tok[i]);
		if (!dup)
			keep[k++] = tok[i];
	}
	for (i = 0; i < (size_t)n; i++) {
		size_t j;
		int kept = 0;

		for (j = 0; j < k && !kept; j++)
			kept = keep[j] == tok[i];
		if (!kept)
			free(tok[i]);
	}
	free(tok);
	*out = keep;
	return k;
}

static void words_free(char **w, size_t n)
{
	rules_tokens_free(w, n, NULL);
}

/* Shared content words over the smaller set. */
static double overlap(char **a, size_t na, char **b, size_t nb)
{
	size_t i, j, shared = 0;

	if (!na || !nb)
		return 0;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (!strcmp(a[i], b[j])) {
				shared++;
				break;
			}
	return (double)shared / (double)(na < nb ? na : nb);
}

static long day_distance(const char *a, const char *b)
{
	long long ta, tb;

	if (date_parse(a, &ta, NULL) < 0 || date_parse(b, &tb, NULL) < 0)
		return 1000000;
	return (long)llabs(ta - tb) / 86400;
}

static int shares_topic(const struct event *ev, const struct extract_known *k)
{
	size_t i, j;

	for (i = 0; i < ev->ntopics; i++)
		for (j = 0; j < k->ntopics; j++)
			if (!strcmp(ev->topics[i], k->topics[j]))
				return 1;
	return 0;
}

static int same_company(const struct event *ev, const struct extract_known *k)
{
	if (!ev->company || !k->company)
		return 0;
	return strcmp(ev->company, k->company) == 0;
}

/* Content words two titles share, and their share of the shorter. */
static double title_overlap(const char *a, const char *b, const char *company,
			    size_t *shared)
{
	char **wa = NULL, **wb = NULL;
	size_t na, nb;
	double sim;

	na = content_words(a, NULL, company, &wa);
	nb = content_words(b, NULL, company, &wb);
	sim = overlap(wa, na, wb, nb);
	*shared = (size_t)(sim * (double)(na < nb ? na : nb) + 0.5);
	words_free(wa, na);
	words_free(wb, nb);
	return sim;
}

/* Headlines about the same thing: at least two content words shared, and
 * half of the shorter one's. */
static int similar_titles(const char *a, const char *b, const char *company)
{
	size_t shared;
	double sim = title_overlap(a, b, company, &shared);

	return shared >= 2 && sim >= 0.5;
}

/* The names of a title: words with both digits and letters ("8chan"),
 * and, unless the title capitalizes most words anyway, the capitalized
 * words after the first ("Parler"), less month and weekday names and the
 * company's own. Returns how many tokens of tok[0..n-1] are marked in is. */
static size_t title_names(const char *title, char **tok, const size_t *start,
			  size_t n, const char *company, char *is)
{
	size_t i, caps = 0, long_words = 0, found = 0;
	int title_case;

	for (i = 1; i < n; i++)
		if (strlen(tok[i]) >= 4) {
			long_words++;
			caps += isupper((unsigned char)title[start[i]]) != 0;
		}
	title_case = long_words && 2 * caps >= long_words;
	for (i = 0; i < n; i++) {
		const char *w = tok[i];
		int digit = 0, alpha = 0;

		for (; *w; w++) {
			digit |= isdigit((unsigned char)*w);
			alpha |= isalpha((unsigned char)*w);
		}
		is[i] = (digit && alpha) ||
			(i > 0 && !title_case && !is_stopword(tok[i]) &&
			 isupper((unsigned char)title[start[i]]) &&
			 !extract_month_of(tok[i]) &&
			 !extract_is_weekday(tok[i]));
		if (company && !strcasecmp(tok[i], company))
			is[i] = 0;
		found += is[i] != 0;
	}
	return found;
}

/* Do two titles name the same rare thing ("8chan", "Parler")? */
static int shares_name(const char *a, const char *b, const char *company)
{
	char **ta = NULL, **tb = NULL, *ia = NULL, *ib = NULL;
	size_t *sa = NULL, *sb = NULL, i, j;
	long na, nb;
	int yes = 0;

	na = rules_tokenize(a ? a : "", &ta, &sa);
	nb = rules_tokenize(b ? b : "", &tb, &sb);
	if (na > 0 && nb > 0 && (ia = calloc((size_t)na, 1)) &&
	    (ib = calloc((size_t)nb, 1)) &&
	    title_names(a, ta, sa, (size_t)na, company, ia) &&
	    title_names(b, tb, sb, (size_t)nb, company, ib))
		for (i = 0; i < (size_t)na && !yes; i++)
			for (j = 0; ia[i] && j < (size_t)nb && !yes; j++)
				yes = ib[j] && !strcmp(ta[i], tb[j]);
	free(ia);
	free(ib);
	if (na >= 0)
		rules_tokens_free(ta, (size_t)na, sa);
	if (nb >= 0)
		rules_tokens_free(tb, (size_t)nb, sb);
	return yes;
}

/* Does a text say its move is for good (1), for a while (-1: "for 12
 * hours", "temporarily"), or neither (0)? The title says it first: a
 * summary may tell of the other ("two days after a 12-hour lock"). */
static int lasting(const char *title, const char *summary)
{
	const char *s[2] = {title, summary};
	int i;

	for (i = 0; i < 2; i++) {
		if (!s[i])
			continue;
		if (extract_holds(s[i], "permanent") ||
		    extract_holds(s[i], "for good"))
			return 1;
		if (extract_holds(s[i], "temporar") ||
		    extract_holds(s[i], " hours") ||
		    extract_holds(s[i], "-hour"))
			return -1;
	}
	return 0;
}

long extract_cluster(const struct event *ev, const char *link,
		     const struct extract_known *k, size_t n)
{
	char **mine = NULL;
	size_t nmine, i, l;
	long best = -1;
	double best_sim = 0;

	/* a cross-post: the same page is the same item */
	for (i = 0; link && i < n; i++)
		for (l = 0; l < k[i].nlinks; l++)
			if (k[i].links[l] && !strcmp(k[i].links[l], link))
				return (long)i;
	nmine = content_words(ev->title, ev->summary, ev->company, &mine);
	for (i = 0; i < n; i++) {
		char **theirs = NULL;
		size_t ntheirs;
		double sim, need;

		if (!same_company(ev, &k[i]) || k[i].policy != ev->policy ||
		    day_distance(ev->day, k[i].day) > 3)
			continue;
		/* never merge different kinds of move, nor (below) a move
		 * for good with one for a while (a ban after a 12-hour
		 * lock) */
		if (ev->policy && strcmp(action_slug(ev->action), k[i].action))
			continue;
		ntheirs = content_words(k[i].title, k[i].summary, k[i].company,
					&theirs);
		sim = overlap(mine, nmine, theirs, ntheirs);
		words_free(theirs, ntheirs);
		/* policy moves of one kind, one company, on one subject within
		 * days are one move; launches need to look alike */
		need = ev->policy ? (shares_topic(ev, &k[i]) ? 0.15 : 0.3)
				  : 0.6;
		/* one company's move of one kind, within days, about the
		 * same named thing, or under much the same headline, is one
		 * move however the rest is worded */
		if (ev->policy && sim < need &&
		    (shares_name(ev->title, k[i].title, ev->company) ||
		     similar_titles(ev->title, k[i].title, ev->company)))
			sim = need;
		/* (last: it reads the texts again) */
		if (sim >= need && sim > best_sim && ev->policy &&
		    lasting(ev->title, ev->summary) *
				    lasting(k[i].title, k[i].summary) <
			    0)
			continue;
		if (sim >= need && sim > best_sim) {
			best_sim = sim;
			best = (long)i;
		}
	}
	words_free(mine, nmine);
	return best;
}

/* Make *at the later of *at and i (an index of k, or -1). */
static void latest(const struct extract_known *k, size_t i, long *at)
{
	if (*at < 0 || strcmp(k[i].day, k[*at].day) > 0)
		*at = (long)i;
}

/* How far back a move on the same topic is followed by default. */
#define FOLLOW_TOPIC_DAYS 31
/* How far back, failing all else, a move on the same topic is followed,
 * and a pause or restriction that a resumption ends. */
#define FOLLOW_LONG_DAYS 366
#define RESUME_DAYS 731

long extract_follows(const struct event *ev, const struct extract_known *k,
		     size_t n)
{
	char **mine = NULL;
	size_t nmine, i, j, shared;
	long best = -1, by_title = -1, by_topic = -1, by_long = -1,
	     by_pause = -1;
	double best_score = 0;
	int widens;

	if (!ev->policy ||
	    (ev->action != ACTION_EXTEND && ev->action != ACTION_RESUME))
		return -1;
	/* an extension that tells of the company's own earlier pause
	 * widens that pause (a suspension become a withdrawal) */
	widens = ev->action == ACTION_EXTEND &&
		 extract_earlier_pause(ev->summary, ev->day, ev->company);
	nmine = content_words(ev->title, ev->summary, ev->company, &mine);
	for (i = 0; i < n; i++) {
		char **theirs = NULL;
		size_t ntheirs;
		double sim, score;
		long age;
		int first;

		if (!k[i].policy || !same_company(ev, &k[i]) ||
		    strcmp(k[i].day, ev->day) >= 0)
			continue;
		ntheirs = content_words(k[i].title, k[i].summary, k[i].company,
					&theirs);
		sim = overlap(mine, nmine, theirs, ntheirs);
		words_free(theirs, ntheirs);
		/* headlines that name the same thing ("party ban", "listings
		 * in disputed regions") are the same subject however unlike
		 * the summaries: the most recent such move, when no other
		 * is found */
		if (similar_titles(ev->title, k[i].title, ev->company))
			latest(k, i, &by_title);
		for (shared = 0, j = 0; j < ev->ntopics; j++) {
			size_t m;

			for (m = 0; m < k[i].ntopics; m++)
				shared +=
					!strcmp(ev->topics[j], k[i].topics[m]);
		}
		age = day_distance(ev->day, k[i].day);
		first = strcmp(k[i].action, "extend") &&
			strcmp(k[i].action, "resume");
		/* a move on the same topic weeks before is what a follow-up
		 * with few words in common extends ("widens its retreat"
		 * after "quits its ventures"): the most recent, when no
		 * other is found; failing that, the most recent on the
		 * topic within a year, and for a resumption, first, the
		 * most recent pause or restriction within two (within
		 * one for a pause widened) */
		if (shared && first && age <= FOLLOW_TOPIC_DAYS)
			latest(k, i, &by_topic);
		if (shared && first && age <= FOLLOW_LONG_DAYS)
			latest(k, i, &by_long);
		if (((ev->action == ACTION_RESUME && age <= RESUME_DAYS) ||
		     (widens && age <= FOLLOW_LONG_DAYS)) &&
		    (!strcmp(k[i].action, "moratorium") ||
		     !strcmp(k[i].action, "restrict")))
			latest(k, i, &by_pause);
		/* the same subject: shared topics and words, or many words;
		 * a resumption needs fewer words with a pause it may end */
		if (!(shared && sim >= 0.15) && sim < 0.3 &&
		    !(ev->action == ACTION_RESUME &&
		      !strcmp(k[i].action, "moratorium") && sim >= 0.15))
			continue;
		score = sim + 0.25 * (double)shared;
		/* a follow-up extends or ends the move itself rather than an
		 * earlier extension of it: of two alike, the move wins */
		if (strcmp(k[i].action, "extend") &&
		    strcmp(k[i].action, "resume"))
			score += 0.1;
		if (best < 0 || score > best_score + 1e-9 ||
		    (score > best_score - 1e-9 &&
		     strcmp(k[i].day, k[best].day) > 0)) {
			best = (long)i;
			best_score = score;
		}
	}
	words_free(mine, nmine);
	return best >= 0       ? best
	       : by_title >= 0 ? by_title
	       : by_topic >= 0 ? by_topic
	       : by_pause >= 0 ? by_pause
			       : by_long;
}
