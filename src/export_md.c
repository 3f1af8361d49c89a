/* export_md.c - the Markdown writer: a CommonMark timeline for reports,
 * wikis and pull requests
 *
 * Layout: a title, one line saying when, from what and with which filters;
 * with --compare a table of each company's first move per topic; with
 * --mermaid a Mermaid timeline block; then the events, one bullet each,
 * under "## year" and "### Month year" headings (or under "## topic" with
 * --by-topic).
 *
 * The header needs the counts before the first bullet, and the table and
 * chart come before the events, so the one pass over the cursor writes
 * the bullets and the chart lines to temporary files (memory stays flat)
 * and end() writes the document in order. --by-topic collects the topic
 * names in that pass (memory grows with the number of topics only) and
 * then runs one filtered query per topic.
 *
 * Safety: every string from the database goes through text_clean() (no
 * control characters, no newlines, valid UTF-8) and then has each
 * character that Markdown (or GitHub's extensions: tables, strikethrough,
 * math) gives a meaning backslash-escaped, so a title never becomes a
 * link, HTML, a heading or emphasis. Only http(s) URLs become links, with
 * spaces, parentheses and other unsafe bytes percent-encoded.
 *
 * Follow-ups: CommonMark has no anchors, so a follow-up names the event it
 * extends by day, company and action and links that event's first source
 * ("follows [2020-06-10 Amazon moratorium](https://...)"), which works in
 * every renderer and outside the document too.
 */
#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "export_impl.h"
#include "item.h"
#include "store.h"
#include "text.h"

/* Titles longer than this many characters are cut (with an ellipsis). */
#define MD_TITLE_MAX 300
/* The same for the short labels of the Mermaid chart. */
#define MD_CHART_MAX 100

/* --- escaping ------------------------------------------------------------ */

/* Does the '&' at s start something CommonMark reads as an entity or a
 * numeric character reference ("&amp;", "&#106;")? */
static int entity_like(const char *s)
{
	size_t i = 1;

	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	       (s[i] >= '0' && s[i] <= '9') || s[i] == '#')
		i++;
	return i > 1 && s[i] == ';';
}

/*
 * Where to cut clean text s so that it keeps at most max characters, the
 * last one an ellipsis: the number of bytes to keep before the ellipsis;
 * *cut tells whether there is one. max 0: no limit.
 */
static size_t cut_at(const char *s, size_t max, int *cut)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, len, chars = 0, keep = n;
	unsigned cp;

	*cut = 0;
	for (i = 0; max && i < n; i += len, chars++) {
		if (chars == max - 1)
			keep = i;
		if (chars == max) {
			*cut = 1;
			return keep;
		}
		len = text_utf8_decode(p + i, n - i, &cp);
		if (!len)
			len = 1; /* cannot happen with clean text */
	}
	return n;
}

/*
 * Append clean text s as literal Markdown text: every character with a
 * meaning in CommonMark or GitHub Flavored Markdown is backslash-escaped,
 * and a start that could open a block (a list item "-", "+", "1." or
 * "1)", a setext underline "=") is escaped too, so the text is safe
 * anywhere, even at the start of a line or in a table cell. At most max
 * characters (0: no limit), the last one an ellipsis when cut.
 */
static int md_escaped(struct buf *b, const char *s, size_t max)
{
	/* digits then '.' or ')' at the start: an ordered list marker */
	size_t lead = strspn(s, "0123456789"), i;
	int cut, rc = 0;
	size_t end = cut_at(s, max, &cut);

	for (i = 0; i < end; i++) {
		/* UTF-8 sequences pass through: no byte of one is ASCII */
		if (strchr("\\`*_[]<>#|!~$", s[i]) ||
		    (s[i] == '&' && entity_like(s + i)) ||
		    (i == 0 && strchr("-+=", s[i])) ||
		    ((s[i] == '.' || s[i] == ')') && lead && i == lead))
			rc |= buf_addc(b, '\\');
		rc |= buf_addc(b, s[i]);
	}
	if (cut)
		rc |= buf_adds(b, "\xE2\x80\xA6");
	return rc ? -1 : 0;
}

/* Append untrusted text s (NULL: dflt) cleaned and escaped, at most max
 * characters (0: no limit). Returns 0/-1. */
static int md_text(struct buf *b, const char *s, const char *dflt, size_t max)
{
	char *clean;
	int rc;

	if (!s)
		s = dflt;
	clean = text_clean(s, strlen(s));
	if (!clean)
		return -1;
	rc = md_escaped(b, *clean ? clean : dflt, max);
	free(clean);
	return rc;
}

/*
 * Append url as a CommonMark link destination: bytes that would end it
 * or break it (space, parentheses, '<', '>', quotes, backslash, controls)
 * and all non-ASCII bytes are percent-encoded; an '&' that would read as
 * an entity is backslash-escaped. url must have passed export_link_ok().
 */
static int md_url(struct buf *b, const char *url)
{
	const unsigned char *p;
	int rc = 0;

	for (p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7F || strchr("()<>\"'\\`{}|^", *p))
			rc |= buf_addf(b, "%%%02X", *p);
		else if (*p == '&' && entity_like((const char *)p))
			rc |= buf_adds(b, "\\&");
		else
			rc |= buf_addc(b, (char)*p);
	}
	return rc ? -1 : 0;
}

/* Append "[label](url)" when url may be linked, else the label alone. */
static int md_link(struct buf *b, const char *label, const char *url)
{
	int rc = 0;

	if (!export_link_ok(url))
		return md_text(b, label, "source", 0);
	rc |= buf_addc(b, '[');
	rc |= md_text(b, label, "source", 0);
	rc |= buf_adds(b, "](");
	rc |= md_url(b, url);
	rc |= buf_addc(b, ')');
	return rc ? -1 : 0;
}

/*
 * Append untrusted text for a Mermaid timeline: cleaned (one line), cut
 * at max characters, and without the characters Mermaid's timeline
 * grammar reads (':' separates events, '#' and "%%" start comments, ';'
 * ends a statement, '<' '>' would be HTML): each is replaced by a
 * look-alike, since the grammar has no escape that works there.
 */
static int chart_text(struct buf *b, const char *s, size_t max)
{
	static const struct {
		char c;
		const char *with;
	} subst[] = {
		{':', "\xE2\x88\xB6"}, /* RATIO */
		{'#', "\xEF\xBC\x83"}, /* FULLWIDTH NUMBER SIGN */
		{';', "\xEF\xBC\x9B"}, /* FULLWIDTH SEMICOLON */
		{'%', "\xEF\xBC\x85"}, /* FULLWIDTH PERCENT SIGN */
		{'<', "\xE2\x80\xB9"}, /* SINGLE LEFT-POINTING ANGLE QUOTE */
		{'>', "\xE2\x80\xBA"}, /* SINGLE RIGHT-POINTING ANGLE QUOTE */
	};
	struct buf cut;
	char *clean;
	size_t i, k;
	int rc = 0;

	clean = text_clean(s ? s : "", s ? strlen(s) : 0);
	if (!clean)
		return -1;
	buf_init(&cut, 0);
	/* one look-alike character each, so cutting after is the same */
	for (i = 0; clean[i]; i++) {
		for (k = 0; k < sizeof(subst) / sizeof(*subst); k++)
			if (clean[i] == subst[k].c)
				break;
		if (k < sizeof(subst) / sizeof(*subst))
			rc |= buf_adds(&cut, subst[k].with);
		else
			rc |= buf_addc(&cut, clean[i]);
	}
	if (!rc && cut.len) {
		int cut_off;
		size_t end = cut_at(cut.data, max, &cut_off);

		rc |= buf_add(b, cut.data, end);
		if (cut_off)
			rc |= buf_adds(b, "\xE2\x80\xA6");
	}
	buf_release(&cut);
	free(clean);
	return rc ? -1 : 0;
}

/* --- days ---------------------------------------------------------------- */

/* Is s a "YYYY-MM-DD" day with a month 01-12 and a day 01-31? */
static int day_ok(const char *s)
{
	int i, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Days since 1970-01-01 of a day_ok() day (proleptic Gregorian). */
static long days_of(const char *s)
{
	long y = atol(s), m = atol(s + 5), d = atol(s + 8), era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const char *const month_names[] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December",
};

/* --- one event ----------------------------------------------------------- */

/* The event a follow-up follows, as its bullet names it. Owned strings. */
struct md_follow {
	bool found;
	char day[11];
	char *company;
	char *action;
	char *url; /* its first linkable source, or NULL */
};

static void follow_release(struct md_follow *fw)
{
	free(fw->company);
	free(fw->action);
	free(fw->url);
	memset(fw, 0, sizeof(*fw));
}

static int on_follow(const struct store_event *ev, void *arg)
{
	struct md_follow *fw = arg;
	size_t i;

	fw->found = true;
	snprintf(fw->day, sizeof(fw->day), "%s", ev->day ? ev->day : "");
	fw->company = strdup(ev->company ? ev->company : "");
	fw->action = strdup(ev->action ? ev->action : "");
	for (i = 0; i < ev->nsources && !fw->url; i++)
		if (export_link_ok(ev->sources[i].url))
			fw->url = strdup(ev->sources[i].url);
	if (!fw->url && export_link_ok(ev->url))
		fw->url = strdup(ev->url);
	return !fw->company || !fw->action ? 1 : 0;
}

/* "; follows [DAY Company action](url)", or "; follows event N" when it
 * cannot be looked up (no store, or gone). */
static int md_follows(struct buf *b, struct store *s, long long id,
		      struct err *e)
{
	struct md_follow fw;
	struct store_filter f;
	struct buf label;
	int rc = 0;

	memset(&fw, 0, sizeof(fw));
	if (s) {
		memset(&f, 0, sizeof(f));
		f.id = id;
		f.all = true;
		rc = store_events(s, &f, false, on_follow, &fw, e);
		if (rc != 0) {
			follow_release(&fw);
			return rc < 0 ? -1 : err_set(e, "out of memory");
		}
	}
	if (!fw.found)
		return buf_addf(b, "; follows event %lld", id) < 0
			       ? err_set(e, "out of memory")
			       : 0;
	buf_init(&label, 0);
	rc |= buf_adds(b, "; follows ");
	rc |= md_text(&label, fw.day, "undated", 0);
	rc |= buf_addc(&label, ' ');
	rc |= md_text(&label, fw.company, "unknown", 0);
	rc |= buf_addc(&label, ' ');
	rc |= md_text(&label, fw.action, "other", 0);
	if (!rc && fw.url) {
		rc |= buf_addc(b, '[');
		rc |= buf_add(b, label.data, label.len);
		rc |= buf_adds(b, "](");
		rc |= md_url(b, fw.url);
		rc |= buf_addc(b, ')');
	} else if (!rc) {
		rc |= buf_add(b, label.data, label.len);
	}
	buf_release(&label);
	follow_release(&fw);
	return rc ? err_set(e, "out of memory") : 0;
}

/* Does until_text say "until ..." itself (or is it open-ended)? */
static int says_until(const char *t)
{
	return !strncmp(t, "until ", 6) || !strcmp(t, "indefinitely");
}

int export_md_bullet(struct buf *b, struct store *s,
		     const struct store_event *ev, struct err *e)
{
	const char *sep = " \xE2\x80\x94 "; /* em dash */
	size_t i;
	int rc = 0;

	rc |= buf_adds(b, "- ");
	rc |= md_text(b, ev->day, "undated", 0);
	rc |= buf_adds(b, " **");
	rc |= md_text(b, ev->company, "unknown", 0);
	rc |= buf_adds(b, "** ");
	rc |= md_text(b, ev->action, "other", 0);
	/* the period: "until 2021-06-10 (one year)", "until a federal
	 * law is in place", "indefinitely" */
	if (ev->until && *ev->until) {
		rc |= buf_adds(b, " until ");
		rc |= md_text(b, ev->until, "", 0);
	}
	if (ev->until_text && *ev->until_text) {
		if (ev->until && *ev->until) {
			if (!says_until(ev->until_text)) {
				rc |= buf_adds(b, " (");
				rc |= md_text(b, ev->until_text, "", 0);
				rc |= buf_addc(b, ')');
			}
		} else if (says_until(ev->until_text)) {
			rc |= buf_addc(b, ' ');
			rc |= md_text(b, ev->until_text, "", 0);
		} else {
			rc |= buf_adds(b, " (");
			rc |= md_text(b, ev->until_text, "", 0);
			rc |= buf_addc(b, ')');
		}
	}
	rc |= buf_adds(b, ": ");
	rc |= md_text(b, ev->title, "(untitled)", MD_TITLE_MAX);
	if (ev->nsources == 0 && ev->url) {
		/* a manual event: its url is its source */
		rc |= buf_adds(b, sep);
		rc |= md_link(b, "manual", ev->url);
	}
	for (i = 0; i < ev->nsources; i++) {
		rc |= buf_adds(b, i ? ", " : sep);
		rc |= md_link(b, ev->sources[i].source, ev->sources[i].url);
	}
	if (rc)
		return err_set(e, "out of memory");
	if (ev->follows && md_follows(b, s, ev->follows, e) < 0)
		return -1;
	return buf_addc(b, '\n') < 0 ? err_set(e, "out of memory") : 0;
}

/* --- small tables: topics, and (topic, company) first moves -------------- */

/* How strong a move an action is, for --compare: a change of conduct
 * beats a commitment, which beats a call for regulation. Follow-ups
 * (extend, resume) and "other" are never a first move. */
enum { RANK_NONE, RANK_ADVOCATE, RANK_COMMIT, RANK_CONDUCT, NRANKS };

static int move_rank(const char *slug)
{
	enum action a;

	if (!slug || action_from_slug(slug, &a) < 0)
		return RANK_NONE;
	switch (a) {
	case ACTION_EXIT:
	case ACTION_MORATORIUM:
	case ACTION_RESTRICT:
		return RANK_CONDUCT;
	case ACTION_PLEDGE:
	case ACTION_STANDARD:
		return RANK_COMMIT;
	case ACTION_ADVOCATE:
		return RANK_ADVOCATE;
	default:
		return RANK_NONE;
	}
}

/* A topic (company NULL) or a (topic, company) pair with its earliest
 * move of each rank. */
struct md_key {
	char *topic;
	char *company;
	struct {
		char day[11];	    /* "" none */
		const char *action; /* static slug */
	} first[NRANKS];
};

/* Keys in insertion order, found through an open-addressing hash. */
struct md_table {
	struct md_key *v;
	size_t n, cap;
	size_t *slot; /* index + 1; 0: empty */
	size_t nslot; /* a power of two, or 0 */
};

static size_t key_hash(const char *topic, const char *company)
{
	size_t h = 2166136261u;
	const char *p;

	for (p = topic; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0xFF) * 16777619u;
	for (p = company ? company : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static int key_is(const struct md_key *k, const char *topic,
		  const char *company)
{
	return !strcmp(k->topic, topic) &&
	       (company ? k->company && !strcmp(k->company, company)
			: !k->company);
}

static int table_rehash(struct md_table *t, size_t nslot)
{
	size_t *slot = calloc(nslot, sizeof(*slot)), i, h;

	if (!slot)
		return -1;
	for (i = 0; i < t->n; i++) {
		h = key_hash(t->v[i].topic, t->v[i].company) & (nslot - 1);
		while (slot[h])
			h = (h + 1) & (nslot - 1);
		slot[h] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return 0;
}

/* The key (topic, company), added if new; NULL when out of memory. The
 * pointer is good until the next call. */
static struct md_key *table_get(struct md_table *t, const char *topic,
				const char *company)
{
	struct md_key *k;
	size_t h;

	if ((t->n + 1) * 2 > t->nslot &&
	    table_rehash(t, t->nslot ? t->nslot * 2 : 16) < 0)
		return NULL;
	h = key_hash(topic, company) & (t->nslot - 1);
	while (t->slot[h]) {
		k = &t->v[t->slot[h] - 1];
		if (key_is(k, topic, company))
			return k;
		h = (h + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct md_key *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->v = v;
		t->cap = cap;
	}
	k = &t->v[t->n];
	memset(k, 0, sizeof(*k));
	k->topic = strdup(topic);
	k->company = company ? strdup(company) : NULL;
	if (!k->topic || (company && !k->company)) {
		free(k->topic);
		free(k->company);
		return NULL;
	}
	t->slot[h] = ++t->n;
	return k;
}

static void table_release(struct md_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].topic);
		free(t->v[i].company);
	}
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

static int key_cmp(const void *a, const void *b)
{
	const struct md_key *x = a, *y = b;
	int c = strcmp(x->topic, y->topic);

	if (c)
		return c;
	return strcmp(x->company ? x->company : "",
		      y->company ? y->company : "");
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort the keys (the hash is gone afterwards: no more table_get). */
static void table_sort(struct md_table *t)
{
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), key_cmp);
	free(t->slot);
	t->slot = NULL;
	t->nslot = 0;
}

/* --- the writer ---------------------------------------------------------- */

struct md_state {
	FILE *body;  /* spooled bullets: by date, or by topic those with none */
	FILE *chart; /* spooled Mermaid lines */
	long long nsources;
	char group[8];		/* "YYYY-MM" of the last bullet, "?" undated */
	struct md_table topics; /* --by-topic: the topic names */
	struct md_table cells;	/* --compare: (topic, company) */
};

static void state_free(struct md_state *st)
{
	if (!st)
		return;
	if (st->body)
		fclose(st->body);
	if (st->chart)
		fclose(st->chart);
	table_release(&st->topics);
	table_release(&st->cells);
	free(st);
}

/* Write the line buffer to a spool file and empty it. */
static int spool(struct export_ctx *x, FILE *f)
{
	if (x->line.len &&
	    fwrite(x->line.data, 1, x->line.len, f) != x->line.len)
		return err_set(x->e, "cannot write a temporary file: %s",
			       strerror(errno));
	x->line.len = 0;
	return 0;
}

/* Copy a spool file to the output. */
static int unspool(struct export_ctx *x, FILE *f)
{
	char chunk[65536];
	size_t n;

	if (fflush(f) != 0 || ferror(f))
		return err_set(x->e, "cannot write a temporary file: %s",
			       strerror(errno));
	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (fwrite(chunk, 1, n, x->out) != n)
			return err_set(x->e, "cannot write the export: %s",
				       strerror(errno));
	if (ferror(f))
		return err_set(x->e, "cannot read a temporary file: %s",
			       strerror(errno));
	return 0;
}

static int has_topic(const struct store_event *ev, const char *topic)
{
	size_t i;

	for (i = 0; i < ev->ntopics; i++)
		if (ev->topics[i] && !strcmp(ev->topics[i], topic))
			return 1;
	return 0;
}

static int md_begin(struct export_ctx *x)
{
	struct md_state *st = calloc(1, sizeof(*st));

	if (!st)
		return err_set(x->e, "out of memory");
	st->body = tmpfile();
	if (st->body && x->o->mermaid)
		st->chart = tmpfile();
	if (!st->body || (x->o->mermaid && !st->chart)) {
		err_set(x->e, "cannot create a temporary file: %s",
			strerror(errno));
		state_free(st);
		return -1;
	}
	x->state = st;
	return 0;
}

/* The year and month headings before a bullet of a new month. */
static int date_headings(struct export_ctx *x, struct md_state *st,
			 const char *day)
{
	char group[8];
	int rc = 0;

	snprintf(group, sizeof(group), "%.7s", day_ok(day) ? day : "?");
	if (!strcmp(group, st->group))
		return 0;
	if (st->group[0])
		rc |= buf_addc(&x->line, '\n');
	if (group[0] == '?') {
		rc |= buf_adds(&x->line, "## Undated\n\n");
	} else {
		if (strncmp(group, st->group, 4))
			rc |= buf_addf(&x->line, "## %.4s\n\n", group);
		rc |= buf_addf(&x->line, "### %s %.4s\n\n",
			       month_names[atoi(group + 5) - 1], group);
	}
	strcpy(st->group, group);
	return rc ? err_set(x->e, "out of memory") : 0;
}

/* Keep the earliest move of each rank per (topic, company). */
static int compare_add(struct export_ctx *x, struct md_state *st,
		       const struct store_event *ev)
{
	int rank = move_rank(ev->action);
	enum action a;
	size_t i;

	if (!ev->policy || rank == RANK_NONE || !day_ok(ev->day) ||
	    action_from_slug(ev->action, &a) < 0)
		return 0;
	for (i = 0; i < ev->ntopics; i++) {
		struct md_key *k;

		if (!ev->topics[i] || !*ev->topics[i])
			continue;
		k = table_get(&st->cells, ev->topics[i],
			      ev->company ? ev->company : "");
		if (!k)
			return err_set(x->e, "out of memory");
		/* oldest first: the first one seen is the earliest */
		if (!k->first[rank].day[0]) {
			memcpy(k->first[rank].day, ev->day, 11);
			k->first[rank].action = action_slug(a);
		}
	}
	return 0;
}

/* One "    YYYY-MM-DD : Company action — title" line of the chart. */
static int chart_line(struct export_ctx *x, struct md_state *st,
		      const struct store_event *ev)
{
	int rc = 0;

	if (!day_ok(ev->day))
		return 0;
	rc |= buf_addf(&x->line, "    %s : ", ev->day);
	rc |= chart_text(&x->line, ev->company ? ev->company : "unknown",
			 MD_CHART_MAX);
	rc |= buf_addc(&x->line, ' ');
	rc |= chart_text(&x->line, ev->action, MD_CHART_MAX);
	rc |= buf_adds(&x->line, " \xE2\x80\x94 ");
	rc |= chart_text(&x->line, ev->title, MD_CHART_MAX);
	rc |= buf_addc(&x->line, '\n');
	if (rc)
		return err_set(x->e, "out of memory");
	return spool(x, st->chart);
}

static int md_event(struct export_ctx *x, const struct store_event *ev)
{
	struct md_state *st = x->state;
	size_t i;

	st->nsources +=
		ev->nsources ? (long long)ev->nsources : ev->url != NULL;
	if (x->o->compare && compare_add(x, st, ev) < 0)
		goto fail;
	if (x->o->mermaid && chart_line(x, st, ev) < 0)
		goto fail;
	x->line.len = 0;
	if (x->o->by_topic) {
		size_t named = 0;

		for (i = 0; i < ev->ntopics; i++) {
			if (!ev->topics[i] || !*ev->topics[i])
				continue;
			named++;
			if (!table_get(&st->topics, ev->topics[i], NULL)) {
				err_set(x->e, "out of memory");
				goto fail;
			}
		}
		if (named) /* written by its topics' passes */
			return 0;
	} else if (date_headings(x, st, ev->day) < 0) {
		goto fail;
	}
	if (export_md_bullet(&x->line, x->s, ev, x->e) < 0 ||
	    spool(x, st->body) < 0)
		goto fail;
	return 0;
fail:
	/* end() will not run: give back what begin() took */
	state_free(st);
	x->state = NULL;
	return -1;
}

/* The title and the line saying when, from what and how. */
static int md_header(struct export_ctx *x, const struct md_state *st)
{
	char when[21];
	int rc = 0;

	date_format_utc(x->o->generated, when);
	rc |= buf_addf(&x->line, "# %s%s\n\n",
		       x->f && x->f->all ? "Timeline" : "Policy timeline",
		       x->o->by_topic ? " by topic" : "");
	rc |= buf_addf(&x->line,
		       "Generated by annals on %.10s (UTC) from %ld event%s "
		       "and %lld source%s, ",
		       when, x->count, x->count == 1 ? "" : "s", st->nsources,
		       st->nsources == 1 ? "" : "s");
	if (x->o->filters && *x->o->filters) {
		rc |= buf_adds(&x->line, "filtered by ");
		rc |= md_text(&x->line, x->o->filters, "", 0);
		rc |= buf_adds(&x->line, ".\n\n");
	} else {
		rc |= buf_adds(&x->line, "without filters.\n\n");
	}
	return rc ? err_set(x->e, "out of memory") : 0;
}

/* The strongest rank of which k has a move, or RANK_NONE. */
static int best_rank(const struct md_key *k)
{
	int r;

	for (r = NRANKS - 1; r > RANK_NONE; r--)
		if (k->first[r].day[0])
			return r;
	return RANK_NONE;
}

/* One cell of the comparison: "exit 2020-06-08", "moratorium 2020-06-10
 * (+2 d)", or a dash. first: the day of the row's first mover. */
static int compare_cell(struct buf *b, const struct md_key *k, long first)
{
	int rank = k ? best_rank(k) : RANK_NONE;
	long lag;
	int rc = 0;

	if (rank == RANK_NONE)
		return buf_adds(b, " \xE2\x80\x93 |");
	lag = days_of(k->first[rank].day) - first;
	rc |= buf_addf(b, " %s %s", k->first[rank].action, k->first[rank].day);
	if (lag > 0)
		rc |= buf_addf(b, " (+%ld d)", lag);
	rc |= buf_adds(b, " |");
	return rc;
}

/* The topics x companies table of first moves. */
static int md_compare(struct export_ctx *x, struct md_state *st)
{
	struct md_table *t = &st->cells;
	const char **companies = NULL;
	size_t ncomp = 0, i, j, k, end;
	int rc = 0, rows = 0;

	table_sort(t);
	rc |= buf_adds(&x->line,
		       "## First moves by topic\n\n"
		       "Each company's first move per topic: its earliest "
		       "exit, moratorium or restriction; if it made none, "
		       "its earliest pledge or standard; else its earliest "
		       "call for regulation. In brackets: days behind the "
		       "first mover of the row.\n\n");
	if (t->n) {
		companies = malloc(t->n * sizeof(*companies));
		if (!companies)
			return err_set(x->e, "out of memory");
		for (i = 0; i < t->n; i++)
			companies[i] = t->v[i].company;
		qsort(companies, t->n, sizeof(*companies), str_cmp);
		for (i = 0; i < t->n; i++)
			if (!ncomp ||
			    strcmp(companies[ncomp - 1], companies[i]))
				companies[ncomp++] = companies[i];
	}
	for (i = 0; i < t->n && !rc; i = end) {
		int have = 0;
		long first = 0;

		/* the row: cells i..end-1, sorted by company */
		for (end = i;
		     end < t->n && !strcmp(t->v[end].topic, t->v[i].topic);
		     end++) {
			int r = best_rank(&t->v[end]);

			if (r != RANK_NONE &&
			    (!have++ ||
			     days_of(t->v[end].first[r].day) < first))
				first = days_of(t->v[end].first[r].day);
		}
		if (!have)
			continue;
		if (!rows++) {
			rc |= buf_adds(&x->line, "| Topic |");
			for (k = 0; k < ncomp; k++) {
				rc |= buf_addc(&x->line, ' ');
				rc |= md_text(&x->line, companies[k], "unknown",
					      0);
				rc |= buf_adds(&x->line, " |");
			}
			rc |= buf_adds(&x->line, "\n| --- |");
			for (k = 0; k < ncomp; k++)
				rc |= buf_adds(&x->line, " --- |");
			rc |= buf_addc(&x->line, '\n');
		}
		rc |= buf_adds(&x->line, "| ");
		rc |= md_text(&x->line, t->v[i].topic, "unknown", 0);
		rc |= buf_adds(&x->line, " |");
		for (k = 0, j = i; k < ncomp; k++) {
			const struct md_key *cell = NULL;

			if (j < end && !strcmp(t->v[j].company, companies[k]))
				cell = &t->v[j++];
			rc |= compare_cell(&x->line, cell, first);
		}
		rc |= buf_addc(&x->line, '\n');
		if (!rc && export_flush(x) < 0) {
			free(companies);
			return -1;
		}
	}
	if (!rows)
		rc |= buf_adds(&x->line, "No topic has a move to compare.\n");
	rc |= buf_addc(&x->line, '\n');
	free(companies);
	return rc ? err_set(x->e, "out of memory") : export_flush(x);
}

/* A --by-topic pass: the bullets of one topic. */
static int on_topic_event(const struct store_event *ev, void *arg)
{
	struct export_ctx *x = arg;

	/* the user's own --topic still applies */
	if (x->f->topic && !has_topic(ev, x->f->topic))
		return 0;
	x->line.len = 0;
	if (export_md_bullet(&x->line, x->s, ev, x->e) < 0 ||
	    export_flush(x) < 0)
		return -1;
	return 0;
}

static int md_by_topic(struct export_ctx *x, struct md_state *st)
{
	struct store_filter f;
	size_t i;
	long other;

	table_sort(&st->topics);
	for (i = 0; i < st->topics.n; i++) {
		f = *x->f;
		f.topic = st->topics.v[i].topic;
		x->line.len = 0;
		if (buf_adds(&x->line, "## ") < 0 ||
		    md_text(&x->line, f.topic, "unknown", 0) < 0 ||
		    buf_adds(&x->line, "\n\n") < 0)
			return err_set(x->e, "out of memory");
		if (export_flush(x) < 0)
			return -1;
		if (store_events(x->s, &f, false, on_topic_event, x, x->e) != 0)
			return -1;
		if (buf_addc(&x->line, '\n') < 0 || export_flush(x) < 0)
			return -1;
	}
	other = ftell(st->body);
	if (other > 0) {
		if (buf_adds(&x->line, "## Other\n\n") < 0)
			return err_set(x->e, "out of memory");
		if (export_flush(x) < 0 || unspool(x, st->body) < 0)
			return -1;
	}
	return 0;
}

static int md_end(struct export_ctx *x)
{
	struct md_state *st = x->state;
	int rc = -1;

	x->line.len = 0;
	if (md_header(x, st) < 0 || export_flush(x) < 0)
		goto out;
	if (x->o->compare && md_compare(x, st) < 0)
		goto out;
	if (x->o->mermaid) {
		if (buf_adds(&x->line, "```mermaid\ntimeline\n    title ") <
			    0 ||
		    buf_adds(&x->line, x->f && x->f->all
					       ? "Timeline"
					       : "Policy timeline") < 0 ||
		    buf_addc(&x->line, '\n') < 0) {
			err_set(x->e, "out of memory");
			goto out;
		}
		if (export_flush(x) < 0 || unspool(x, st->chart) < 0 ||
		    buf_adds(&x->line, "```\n\n") < 0 || export_flush(x) < 0)
			goto out;
	}
	if (x->count == 0) {
		if (buf_adds(&x->line, "No events match.\n") < 0) {
			err_set(x->e, "out of memory");
			goto out;
		}
	} else if (x->o->by_topic) {
		if (md_by_topic(x, st) < 0)
			goto out;
	} else if (unspool(x, st->body) < 0) {
		goto out;
	}
	rc = 0;
out:
	state_free(st);
	x->state = NULL;
	return rc;
}

static void md_release(struct export_ctx *x)
{
	state_free(x->state);
	x->state = NULL;
}

const struct export_writer export_md_writer = {md_begin, md_event, md_end,
					       md_release};
