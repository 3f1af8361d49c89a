/* tui_detail.c - the Detail screen: one event, its sources, evidence,
 * revisions (changed words marked) and the user's note */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "buf.h"
#include "date.h"
#include "evidence.h"
#include "text.h"
#include "tui_impl.h"

/* Drop the screen's lines (the event stays). */
static void clear_lines(struct tui *t)
{
	size_t i;

	for (i = 0; i < t->nlines; i++)
		free(t->lines[i].text);
	free(t->lines);
	t->lines = NULL;
	t->nlines = 0;
}

void tui_detail_release(struct tui *t)
{
	clear_lines(t);
	store_view_detail_release(&t->det);
}

static void add_line(struct tui *t, char *text, int attr, int pair)
{
	struct tui_line *l = realloc(t->lines, (t->nlines + 1) * sizeof(*l));

	if (!l) {
		free(text);
		return;
	}
	t->lines = l;
	l[t->nlines].text = text;
	l[t->nlines].attr = attr;
	l[t->nlines].pair = pair;
	t->nlines++;
}

/* Bytes of s that fit in cols columns, cut on a character boundary. */
static size_t cut(const char *s, int cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = strlen(s), len;
	unsigned cp;
	int used = 0, w;

	while (i < n) {
		len = text_utf8_decode(p + i, n - i, &cp);
		if (!len)
			len = 1;
		w = wcwidth((wchar_t)cp);
		if (w < 0)
			w = 0;
		if (used + w > cols)
			break;
		used += w;
		i += len;
	}
	return i;
}

/* Wrap untrusted text to the screen width, indent columns in. */
static void add_wrapped(struct tui *t, const char *s, int indent, int attr,
			int pair)
{
	/* a text of megabytes is shown by its first 64 KB */
	char *clean = tui_clean_n(s, 65536), *p = clean, *word;
	int width = t->cols - indent - 1, used = 0;
	struct buf line;

	if (!indent) {
		while (*p == ' ')
			p++;
		indent = (int)(p - clean);
		width = t->cols - indent - 1;
	}
	if (width < 10)
		width = 10;
	buf_init(&line, 0);
	buf_addf(&line, "%*s", indent, "");
	while (*p) {
		int w;

		word = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
		w = text_width(word);
		if (used && used + 1 + w > width) {
			add_line(t, buf_detach(&line), attr, pair);
			buf_addf(&line, "%*s", indent, "");
			used = 0;
		}
		if (used) {
			buf_addc(&line, ' ');
			used++;
		}
		while (w > width - used) {
			/* a long word (a URL) is cut across lines */
			size_t n = cut(word, width - used);

			buf_add(&line, word, n);
			add_line(t, buf_detach(&line), attr, pair);
			buf_addf(&line, "%*s", indent, "");
			used = 0;
			word += n;
			w = text_width(word);
			if (!n)
				break;
		}
		buf_adds(&line, word);
		used += w;
	}
	if (used)
		add_line(t, buf_detach(&line), attr, pair);
	buf_release(&line);
	free(clean);
}

static void add_text(struct tui *t, int attr, int pair, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_text(struct tui *t, int attr, int pair, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	char *s;

	buf_init(&b, 0);
	va_start(ap, fmt);
	{
		char tmp[2048];

		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		buf_adds(&b, tmp);
	}
	va_end(ap);
	s = b.data ? b.data : "";
	add_wrapped(t, s, 0, attr, pair);
	buf_release(&b);
}

static void blank(struct tui *t)
{
	add_line(t, strdup(""), 0, 0);
}

/* The words of s (a copy, split in place); *n set. Caller frees both. */
static char **words(const char *s, char **copy, size_t *n)
{
	char **v = NULL, *p, *save = NULL, *tok;

	*n = 0;
	*copy = tui_clean(s);
	for (tok = strtok_r(*copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		char **nv = realloc(v, (*n + 1) * sizeof(*v));

		if (!nv)
			break;
		v = nv;
		v[(*n)++] = tok;
	}
	(void)p;
	return v;
}

/* old -> new as words, removed ones in [-...-], added ones in {+...+}
 * (git's word diff), by a longest common subsequence. */
static void word_diff(struct buf *out, const char *old, const char *new)
{
	char *oc, *nc, **a, **b;
	size_t na, nb, i, j;
	unsigned short *lcs;

	a = words(old, &oc, &na);
	b = words(new, &nc, &nb);
	if (na > 400)
		na = 400;
	if (nb > 400)
		nb = 400;
	lcs = calloc((na + 1) * (nb + 1), sizeof(*lcs));
	if (!lcs)
		goto out;
#define L(x, y) lcs[(x) * (nb + 1) + (y)]
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			L(i, j) =
				strcmp(a[i], b[j]) == 0
					? (unsigned short)(L(i + 1, j + 1) + 1)
				: L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j)
							     : L(i, j + 1);
	i = j = 0;
	while (i < na || j < nb) {
		if (out->len)
			buf_addc(out, ' ');
		if (i < na && j < nb && strcmp(a[i], b[j]) == 0) {
			buf_adds(out, a[i]);
			i++;
			j++;
		} else if (j < nb && (i == na || L(i, j + 1) >= L(i + 1, j))) {
			buf_addf(out, "{+%s+}", b[j++]);
		} else {
			buf_addf(out, "[-%s-]", a[i++]);
		}
	}
#undef L
out:
	free(lcs);
	free(a);
	free(b);
	free(oc);
	free(nc);
}

static char *version_text(const char *title, const char *summary)
{
	struct buf b;

	buf_init(&b, 0);
	buf_addf(&b, "%s — %s", title ? title : "", summary ? summary : "");
	return buf_detach(&b);
}

static void revisions(struct tui *t, const struct store_view_source *src)
{
	size_t k;

	for (k = 0; k < src->nrevs; k++) {
		const struct store_view_rev *r = &src->revs[k];
		char when[21], *old, *new;
		struct buf d;

		old = version_text(r->title, r->summary);
		new = k + 1 < src->nrevs
			      ? version_text(src->revs[k + 1].title,
					     src->revs[k + 1].summary)
			      : version_text(src->title, src->summary);
		date_format_utc(r->replaced_at, when);
		add_text(t, A_BOLD, 0, "  %s, revised %s:", src->source, when);
		buf_init(&d, 0);
		if (old && new)
			word_diff(&d, old, new);
		add_wrapped(t, d.data ? d.data : "", 4, 0, 0);
		buf_release(&d);
		free(old);
		free(new);
	}
}

/* The evidence JSON, a "key: value" line per key. */
static void evidence(struct tui *t, const char *json)
{
	struct evidence_pair pair;
	const char *p = json;

	if (!json || *json != '{')
		return;
	blank(t);
	add_line(t, strdup("Evidence"), A_BOLD | A_UNDERLINE, 0);
	while (evidence_next(&p, &pair)) {
		char line[700];

		snprintf(line, sizeof(line), "%.*s: %.*s", pair.key_len,
			 pair.key, pair.value_len > 600 ? 600 : pair.value_len,
			 pair.value);
		add_wrapped(t, line, 2, 0, 0);
	}
}

void tui_detail_build(struct tui *t)
{
	const struct store_view_detail *d = &t->det;
	struct buf b;
	size_t i;

	clear_lines(t);
	t->det_width = t->cols;
	add_wrapped(t, d->title ? d->title : "(no title)", 0, A_BOLD, 0);
	add_text(t, 0, tui_company_pair(t, d->company), "#%lld  %s  %s  %s%s%s",
		 d->id, d->day, d->company ? d->company : "-",
		 d->action ? d->action : "other",
		 d->starred ? "  ★ starred" : "",
		 d->hidden ? "  (hidden)" : "");
	buf_init(&b, 0);
	for (i = 0; i < d->ntopics; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", d->topics[i]);
	add_text(t, 0, 0, "topics: %s", b.data ? b.data : "-");
	buf_release(&b);
	if (d->until || d->until_text)
		add_text(t, 0, 0, "period: %s%s%s%s", d->until ? "until " : "",
			 d->until ? d->until : "",
			 d->until && d->until_text ? " " : "",
			 d->until_text ? d->until_text : "");
	add_text(t, A_DIM, 0, "%s, %s%s", d->origin ? d->origin : "",
		 d->policy ? "a policy move" : "not a policy move",
		 d->url ? "" : "");
	if (d->follows.id)
		add_text(t, 0, 0, "follows (f): #%lld %s %s", d->follows.id,
			 d->follows.day,
			 d->follows.title ? d->follows.title : "");
	for (i = 0; i < d->nfollowed_by; i++)
		add_text(t, 0, 0, "followed by (b): #%lld %s %s",
			 d->followed_by[i].id, d->followed_by[i].day,
			 d->followed_by[i].title ? d->followed_by[i].title
						 : "");
	if (d->summary) {
		blank(t);
		add_wrapped(t, d->summary, 0, 0, 0);
	}
	blank(t);
	add_line(t, strdup("Sources (o opens the first)"), A_BOLD | A_UNDERLINE,
		 0);
	if (d->url)
		add_text(t, 0, 0, "  %s", d->url);
	for (i = 0; i < d->nsources; i++) {
		char when[21] = "";

		if (d->sources[i].has_published)
			date_format_utc(d->sources[i].published, when);
		add_text(t, 0, 0, "  %zu. %s  %s", i + 1,
			 d->sources[i].source ? d->sources[i].source : "",
			 when[0] ? when : "(no date)");
		add_wrapped(t, d->sources[i].url ? d->sources[i].url : "", 5,
			    A_UNDERLINE, 0);
	}
	if (!d->url && !d->nsources)
		add_line(t, strdup("  (none)"), 0, 0);
	evidence(t, d->evidence);
	for (i = 0; i < d->nsources; i++)
		if (d->sources[i].nrevs) {
			blank(t);
			add_line(t, strdup("Revisions ([-removed-] {+added+})"),
				 A_BOLD | A_UNDERLINE, 0);
			break;
		}
	for (i = 0; i < d->nsources; i++)
		revisions(t, &d->sources[i]);
	blank(t);
	add_line(t, strdup("Note (N or m edits it)"), A_BOLD | A_UNDERLINE, 0);
	add_wrapped(t, d->note ? d->note : "(none)", 2, 0, 0);
}

void tui_detail_draw(struct tui *t)
{
	int body = t->rows - 3, y;
	size_t i;
	char head[64];

	if (t->det_width != t->cols)
		tui_detail_build(t);
	snprintf(head, sizeof(head), "annals  Detail  #%lld", t->det.id);
	tui_put(0, 0, head, t->cols, true, A_BOLD | A_REVERSE, 0);
	if (t->nlines > (size_t)body &&
	    t->det_scroll > t->nlines - (size_t)body)
		t->det_scroll = t->nlines - (size_t)body;
	for (y = 0, i = t->det_scroll; i < t->nlines && y < body; i++, y++)
		tui_put(1 + y, 0, t->lines[i].text, t->cols, false,
			t->lines[i].attr, t->lines[i].pair);
}

/* b: the event that follows this one, or a menu of them. */
static void followed(struct tui *t)
{
	const struct store_view_detail *d = &t->det;
	const char **items;
	char **texts;
	size_t i, n = d->nfollowed_by;
	long r = 0;

	if (!n) {
		tui_status(t, false, "no later event follows it");
		return;
	}
	if (n == 1) {
		tui_open_detail(t, d->followed_by[0].id);
		return;
	}
	items = calloc(n, sizeof(*items));
	texts = calloc(n, sizeof(*texts));
	for (i = 0; items && texts && i < n; i++) {
		struct buf b;

		buf_init(&b, 0);
		buf_addf(&b, "%s %s", d->followed_by[i].day,
			 d->followed_by[i].title ? d->followed_by[i].title
						 : "");
		texts[i] = buf_detach(&b);
		items[i] = texts[i] ? texts[i] : "";
	}
	if (items && texts)
		r = tui_menu(t, "Followed by", items, n, 0);
	if (r >= 0 && items && texts)
		tui_open_detail(t, d->followed_by[r].id);
	for (i = 0; texts && i < n; i++)
		free(texts[i]);
	free(texts);
	free(items);
}

void tui_detail_key(struct tui *t, enum tui_action a)
{
	size_t page = (size_t)(t->rows - 4);

	switch (a) {
	case ACT_DOWN:
		if (t->det_scroll + 1 < t->nlines)
			t->det_scroll++;
		break;
	case ACT_UP:
		if (t->det_scroll)
			t->det_scroll--;
		break;
	case ACT_PGDN:
		t->det_scroll += page;
		if (t->det_scroll >= t->nlines)
			t->det_scroll = t->nlines ? t->nlines - 1 : 0;
		break;
	case ACT_PGUP:
		t->det_scroll = t->det_scroll > page ? t->det_scroll - page : 0;
		break;
	case ACT_TOP:
		t->det_scroll = 0;
		break;
	case ACT_BOTTOM:
		t->det_scroll = t->nlines;
		break;
	case ACT_FOLLOWS:
		if (t->det.follows.id)
			tui_open_detail(t, t->det.follows.id);
		else
			tui_status(t, false, "it follows no earlier event");
		break;
	case ACT_FOLLOWED:
		followed(t);
		break;
	default:
		break;
	}
}
