/* tui_list.c - the Timeline: a window of rows around the cursor, read
 * page by page from SQLite (keyset pagination), under month headers */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "text.h"
#include "tui_act.h"
#include "tui_impl.h"

/* Rows read at once: a screen and a margin; the window holds at most a
 * few pages whatever the size of the database. */
static size_t page_size(const struct tui *t)
{
	return (size_t)(TUI_BODY(t) > 0 ? TUI_BODY(t) : 10) + 16;
}

static const char *const month_names[] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December",
};

void tui_list_release(struct tui *t)
{
	store_view_rows_release(&t->win);
	store_view_rows_release(&t->cells);
	free(t->months);
	t->months = NULL;
	t->nmonths = 0;
	t->sel = t->top = 0;
}

static void pos_of(const struct store_view_row *r, struct store_view_pos *p)
{
	memcpy(p->day, r->day, sizeof(p->day));
	p->id = r->id;
}

static int page(struct tui *t, bool desc, const struct store_view_pos *after,
		bool inclusive, size_t limit, struct store_view_rows *out)
{
	struct err e;

	if (store_view_page(t->v, &t->f, desc, after, inclusive, limit, out,
			    &e) < 0) {
		tui_status(t, true, "%s", e.msg);
		return -1;
	}
	return 0;
}

/* Counts for the header and the sparkline: a full pass over the
 * filtered events, so done after the first paint (tui_list_count). */
static void recount(struct tui *t)
{
	t->count_stale = true;
}

static int by_month(const void *a, const void *b)
{
	return strcmp(((const struct store_view_row *)a)->day,
		      ((const struct store_view_row *)b)->day);
}

/* A key waiting on the terminal: a long count gives way to it. */
static int key_waiting(void *ctx)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};

	(void)ctx;
	return poll(&p, 1, 0) > 0;
}

void tui_list_count(struct tui *t, bool interruptible)
{
	struct store_view_row *v;
	struct err e;
	size_t i, n;
	int r;

	t->count_stale = false;
	free(t->months);
	t->months = NULL;
	t->nmonths = 0;
	t->total = 0;
	store_view_rows_release(&t->cells);
	/* one pass per company and month serves the header, the
	 * sparkline and the Lanes zoomed out */
	r = store_view_lane_months(t->v, &t->f,
				   interruptible ? key_waiting : NULL, NULL,
				   &t->cells, &e);
	if (r < 0)
		tui_status(t, true, "%s", e.msg);
	if (r == 1)
		t->count_stale = true; /* the key first, counts later */
	if (r != 0)
		return;
	n = t->cells.n;
	v = malloc((n ? n : 1) * sizeof(*v));
	t->months = calloc(n ? n : 1, sizeof(*t->months));
	if (!v || !t->months) {
		free(v);
		return;
	}
	if (n) /* shallow: only sorted */
		memcpy(v, t->cells.v, n * sizeof(*v));
	qsort(v, n, sizeof(*v), by_month);
	for (i = 0; i < n; i++) {
		struct tui_month *m = &t->months[t->nmonths];

		if (!t->nmonths ||
		    strncmp(t->months[t->nmonths - 1].month, v[i].day, 7)) {
			snprintf(m->month, sizeof(m->month), "%.7s", v[i].day);
			t->nmonths++;
		}
		t->months[t->nmonths - 1].n += v[i].nsources;
		t->total += v[i].nsources;
	}
	free(v);
}

/* Screen lines that rows from..to take: a header over the first and at
 * each change of month. */
static int lines_for(const struct tui *t, size_t from, size_t to)
{
	int n = 2;
	size_t i;

	for (i = from + 1; i <= to; i++)
		n += 1 + (memcmp(t->win.v[i].day, t->win.v[i - 1].day, 7) != 0);
	return n;
}

static void fix_top(struct tui *t)
{
	if (t->win.n == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (t->sel >= t->win.n)
		t->sel = t->win.n - 1;
	if (t->top > t->sel)
		t->top = t->sel;
	while (t->top < t->sel && lines_for(t, t->top, t->sel) > TUI_BODY(t))
		t->top++;
}

/* Prepend rows (given in reverse order) to the window. */
static void prepend(struct tui *t, struct store_view_rows *before)
{
	struct store_view_row *v;
	size_t i, k = before->n;

	if (!k)
		return;
	v = realloc(before->v, (k + t->win.n) * sizeof(*v));
	if (!v)
		return;
	before->v = v;
	/* reverse, then the window after them */
	for (i = 0; i < k / 2; i++) {
		struct store_view_row tmp = v[i];

		v[i] = v[k - 1 - i];
		v[k - 1 - i] = tmp;
	}
	if (t->win.n)
		memcpy(v + k, t->win.v, t->win.n * sizeof(*v));
	free(t->win.v);
	t->win.v = v;
	t->win.n += k;
	before->v = NULL;
	before->n = 0;
	t->sel += k;
	t->top += k;
}

static void extend_up(struct tui *t)
{
	struct store_view_rows before = {NULL, 0};
	struct store_view_pos p;
	size_t n = page_size(t);

	if (t->at_start || !t->win.n)
		return;
	pos_of(&t->win.v[0], &p);
	if (page(t, !t->desc, &p, false, n, &before) < 0)
		return;
	t->at_start = before.n < n;
	prepend(t, &before);
	store_view_rows_release(&before);
}

static void extend_down(struct tui *t)
{
	struct store_view_pos p;
	size_t n = page_size(t), had = t->win.n;

	if (t->at_end)
		return;
	if (had) {
		pos_of(&t->win.v[had - 1], &p);
		if (page(t, t->desc, &p, false, n, &t->win) < 0)
			return;
	} else if (page(t, t->desc, NULL, false, n, &t->win) < 0) {
		return;
	}
	t->at_end = t->win.n - had < n;
}

static void drop(struct store_view_rows *w, size_t from, size_t n)
{
	struct store_view_rows gone = {w->v + from, n};
	size_t i;

	for (i = 0; i < gone.n; i++) {
		free(gone.v[i].company);
		free(gone.v[i].action);
		free(gone.v[i].title);
		free(gone.v[i].until);
		free(gone.v[i].until_text);
	}
	memmove(w->v + from, w->v + from + n,
		(w->n - from - n) * sizeof(*w->v));
	w->n -= n;
}

/* Keep the window to a few pages around the cursor. */
static void trim(struct tui *t)
{
	size_t cap = 3 * page_size(t), k;

	if (t->win.n <= cap)
		return;
	k = t->win.n - cap;
	if (t->sel > t->win.n / 2) {
		if (k > t->top)
			k = t->top;
		drop(&t->win, 0, k);
		t->sel -= k;
		t->top -= k;
		t->at_start = t->at_start && k == 0;
	} else {
		size_t keep = t->top + page_size(t) * 2;

		if (keep < t->win.n) {
			if (k > t->win.n - keep)
				k = t->win.n - keep;
			drop(&t->win, t->win.n - k, k);
			t->at_end = t->at_end && k == 0;
		}
	}
}

/* The window at p (inclusive; NULL: the first event), with a page before
 * it; the cursor on the row at p. */
static void load_window(struct tui *t, const struct store_view_pos *p)
{
	struct store_view_rows before = {NULL, 0};
	size_t n = page_size(t);

	store_view_rows_release(&t->win);
	t->sel = t->top = 0;
	t->at_start = t->at_end = false;
	if (page(t, t->desc, p, true, n, &t->win) < 0) {
		t->at_start = t->at_end = true;
		return;
	}
	t->at_end = t->win.n < n;
	if (!p) {
		t->at_start = true;
		return;
	}
	if (page(t, !t->desc, p, false, n, &before) == 0) {
		t->at_start = before.n < n;
		prepend(t, &before);
	}
	store_view_rows_release(&before);
	t->top = t->sel;
	if (t->sel >= t->win.n && t->win.n)
		t->sel = t->win.n - 1; /* p was past the end */
}

void tui_list_load(struct tui *t, const struct store_view_pos *at)
{
	recount(t);
	load_window(t, at);
	fix_top(t);
}

void tui_list_keep(struct tui *t)
{
	struct store_view_pos p;
	size_t off;

	if (t->sel >= t->win.n) {
		tui_list_load(t, NULL);
		return;
	}
	pos_of(&t->win.v[t->sel], &p);
	off = t->sel - t->top;
	tui_list_load(t, &p);
	/* the cursor stays on its screen line when it can */
	t->top = t->sel >= off ? t->sel - off : 0;
	if (!t->at_start && t->top < page_size(t) / 2)
		extend_up(t);
	fix_top(t);
}

void tui_list_goto(struct tui *t, long long id, const char *day)
{
	struct store_view_pos p;
	size_t off = t->sel >= t->top ? t->sel - t->top : 0;

	snprintf(p.day, sizeof(p.day), "%s", day);
	p.id = id;
	tui_list_load(t, &p);
	t->top = t->sel >= off ? t->sel - off : 0;
	if (!t->at_start && t->top < page_size(t) / 2)
		extend_up(t);
	fix_top(t);
}

void tui_list_move(struct tui *t, long delta)
{
	long target = (long)t->sel + delta;
	size_t body = (size_t)TUI_BODY(t);

	while (target >= (long)t->win.n && !t->at_end) {
		size_t had = t->win.n;

		extend_down(t);
		if (t->win.n == had)
			break;
	}
	while (target < 0 && !t->at_start) {
		size_t had = t->win.n;

		extend_up(t);
		target += (long)(t->win.n - had);
		if (t->win.n == had)
			break;
	}
	if (target >= (long)t->win.n)
		target = (long)t->win.n - 1;
	if (target < 0)
		target = 0;
	t->sel = (size_t)target;
	/* read ahead so that the next key needs no query */
	if (t->win.n - t->sel < body && !t->at_end)
		extend_down(t);
	if (t->sel < body && !t->at_start)
		extend_up(t);
	trim(t);
	fix_top(t);
}

void tui_list_top(struct tui *t)
{
	load_window(t, NULL);
	fix_top(t);
}

void tui_list_end(struct tui *t)
{
	struct store_view_rows rows = {NULL, 0};
	size_t n = page_size(t);

	store_view_rows_release(&t->win);
	t->sel = t->top = 0;
	if (page(t, !t->desc, NULL, false, n, &rows) < 0)
		return;
	t->at_end = true;
	t->at_start = rows.n < n;
	prepend(t, &rows);
	t->sel = t->win.n ? t->win.n - 1 : 0;
	t->top = 0;
	fix_top(t);
}

int tui_list_find(struct tui *t, bool backwards)
{
	struct store_filter f = t->f;
	struct store_view_rows hit = {NULL, 0};
	struct store_view_pos p, *after = NULL;
	struct buf q;
	bool dir = backwards ? !t->desc : t->desc, wrapped = false;
	struct err e;
	int rc = -1;

	buf_init(&q, 0);
	if (f.search)
		buf_addf(&q, "(%s) AND (%s)", f.search, t->search);
	else
		buf_adds(&q, t->search);
	f.search = q.data;
	if (t->sel < t->win.n) {
		pos_of(&t->win.v[t->sel], &p);
		after = &p;
	}
	if (store_view_page(t->v, &f, dir, after, false, 1, &hit, &e) < 0)
		goto fail;
	if (!hit.n && after) {
		wrapped = true;
		if (store_view_page(t->v, &f, dir, NULL, false, 1, &hit, &e) <
		    0)
			goto fail;
	}
	if (!hit.n) {
		tui_status(t, false, "no match for '%s'", t->search);
		rc = 0;
		goto out;
	}
	pos_of(&hit.v[0], &p);
	load_window(t, &p);
	t->top = t->sel > (size_t)TUI_BODY(t) / 3
			 ? t->sel - (size_t)TUI_BODY(t) / 3
			 : 0;
	fix_top(t);
	tui_status(t, false, "'%s'%s  n next  N previous", t->search,
		   wrapped ? " (wrapped)" : "");
	rc = 1;
	goto out;
fail:
	tui_status(t, true, "%s", e.msg);
out:
	store_view_rows_release(&hit);
	buf_release(&q);
	return rc;
}

/* Months since year 0 of "YYYY-MM..." (a day or a month), or -1. */
static int month_index(const char *s)
{
	if (strlen(s) < 7 || s[4] != '-')
		return -1;
	return atoi(s) * 12 + atoi(s + 5) - 1;
}

/* The sparkline of events per month over the filtered range. */
static void sparkline(struct tui *t, int y)
{
	static const char *const bars[] = {" ", "▁", "▂", "▃", "▄",
					   "▅", "▆", "▇", "█"};
	int first = -1, last = -1, n, width, per, cells, c, m, sel = -1;
	size_t i, fi = 0, la = 0;
	long long *sum, max = 0;

	/* months sort as strings; a malformed one (a hand-edited
	 * database) is left out */
	for (i = 0; i < t->nmonths; i++) {
		m = month_index(t->months[i].month);
		if (m < 0)
			continue;
		if (first < 0 || m < first) {
			first = m;
			fi = i;
		}
		if (m > last) {
			last = m;
			la = i;
		}
	}
	n = last - first + 1;
	width = t->cols - 18;
	if (first < 0 || width < 8 || n <= 0)
		return;
	per = (n + width - 1) / width;
	cells = (n + per - 1) / per;
	sum = calloc((size_t)cells, sizeof(*sum));
	if (!sum)
		return;
	for (i = 0; i < t->nmonths; i++) {
		m = month_index(t->months[i].month);
		if (m >= first && m <= last)
			sum[(m - first) / per] += t->months[i].n;
	}
	for (c = 0; c < cells; c++)
		if (sum[c] > max)
			max = sum[c];
	if (t->sel < t->win.n && (m = month_index(t->win.v[t->sel].day)) >= 0)
		sel = m >= first ? (m - first) / per : -1;
	tui_put(y, 0, t->months[fi].month, 8, false, 0, 0);
	for (c = 0; c < cells; c++) {
		int lvl = sum[c] ? 1 + (int)(sum[c] * 7 / (max ? max : 1)) : 0;

		if (c == sel)
			attron(A_REVERSE);
		tui_glyph(y, 8 + c, bars[lvl > 8 ? 8 : lvl]);
		if (c == sel)
			attroff(A_REVERSE);
	}
	tui_put(y, 9 + cells, t->months[la].month, 8, false, 0, 0);
	free(sum);
}

void tui_list_header(struct tui *t)
{
	struct buf b;

	buf_init(&b, 0);
	if (t->count_stale)
		buf_addf(&b, "annals  %s  counting…",
			 t->screen == TUI_LANES ? "Lanes" : "Timeline");
	else
		buf_addf(&b, "annals  %s  %lld event%s",
			 t->screen == TUI_LANES ? "Lanes" : "Timeline",
			 t->total, t->total == 1 ? "" : "s");
	if (t->f.company || t->f.action || t->f.topic || t->f.since ||
	    t->f.until || t->f.search || t->f.starred || t->f.all) {
		buf_adds(&b, "  [");
		tui_filter_words(t, &b);
		buf_adds(&b, "]");
	} else {
		buf_adds(&b, "  policy moves");
	}
	if (t->screen == TUI_LIST)
		buf_adds(&b, t->desc ? "  newest first" : "  oldest first");
	tui_put(0, 0, b.data, t->cols, true, A_BOLD | A_REVERSE, 0);
	buf_release(&b);
	if (t->screen == TUI_LIST && !t->count_stale)
		sparkline(t, 1);
}

/* The markers after a title: period, follow-up, sources, note. */
static void markers(const struct store_view_row *r, struct buf *b)
{
	if (r->until)
		buf_addf(b, " until %s", r->until);
	else if (r->until_text)
		buf_addf(b, " (%s)", r->until_text);
	if (r->follows)
		buf_adds(b, " ↳");
	if (r->nsources > 1)
		buf_addf(b, " ×%d", r->nsources);
	if (r->noted)
		buf_adds(b, " ✎");
	if (r->hidden)
		buf_adds(b, " (hidden)");
	if (r->manual)
		buf_adds(b, " (manual)");
}

static void draw_row(struct tui *t, int y, const struct store_view_row *r,
		     bool sel)
{
	int rev = sel ? A_REVERSE : 0, x = 0, cw = t->cols >= 90 ? 12 : 9;
	int rest, mw;
	struct buf m, badge;

	buf_init(&m, 0);
	buf_init(&badge, 0);
	markers(r, &m);
	buf_addf(&badge, "%s", r->action ? r->action : "other");
	if (sel) {
		attron(A_REVERSE);
		mvhline(y, 0, ' ', t->cols);
		attroff(A_REVERSE);
	}
	tui_put(y, x, sel ? ">" : " ", 1, true, rev | A_BOLD, 0);
	tui_put(y, x + 1, r->starred ? "★" : " ", 1, true, rev | A_BOLD,
		t->colour ? 3 : 0);
	x += 3;
	tui_put(y, x, r->day, 10, true, rev, 0);
	x += 11;
	tui_put(y, x, r->company ? r->company : "-", cw, true, rev | A_BOLD,
		tui_company_pair(t, r->company));
	x += cw + 1;
	tui_put(y, x, badge.data, 10, true, rev | (t->colour ? 0 : A_UNDERLINE),
		tui_action_pair(t, r->action));
	x += 11;
	rest = t->cols - x;
	mw = m.data ? text_width(m.data) : 0;
	if (rest - mw < 12)
		mw = 0;
	tui_put(y, x, r->title ? r->title : "(no title)", rest - mw, false, rev,
		0);
	if (mw) {
		char *title = tui_clean(r->title ? r->title : "(no title)");
		int tw = text_width(title);

		free(title);
		if (tw > rest - mw)
			tw = rest - mw;
		tui_put(y, x + tw, m.data, mw, false, rev | A_DIM, 0);
	}
	buf_release(&m);
	buf_release(&badge);
}

static void month_header(struct tui *t, int y, const char *day)
{
	char text[64];
	int m = atoi(day + 5);

	snprintf(text, sizeof(text), "── %s %.4s ",
		 m >= 1 && m <= 12 ? month_names[m - 1] : "?", day);
	attron(A_BOLD | COLOR_PAIR(t->colour ? 13 : 0));
	tui_hline(y, 0, t->cols);
	attroff(A_BOLD | COLOR_PAIR(t->colour ? 13 : 0));
	tui_put(y, 0, text, t->cols, false, A_BOLD, t->colour ? 13 : 0);
}

int tui_list_row_at(struct tui *t, int y, size_t *idx)
{
	int at = 2, end = 2 + TUI_BODY(t);
	size_t i;

	fix_top(t);
	for (i = t->top; i < t->win.n && at < end && at <= y; i++) {
		if (i == t->top ||
		    memcmp(t->win.v[i].day, t->win.v[i - 1].day, 7) != 0)
			at++; /* the month's header */
		if (at == y && at < end) {
			*idx = i;
			return 0;
		}
		at++;
	}
	return -1;
}

void tui_list_draw(struct tui *t)
{
	int y = 2, end = 2 + TUI_BODY(t);
	size_t i;

	tui_list_header(t);
	if (!t->win.n) {
		tui_put(3, 2,
			t->status_err
				? "the query failed (see below)"
				: "no events match the filters (C clears them, p shows all)",
			t->cols - 4, false, 0, 0);
		return;
	}
	fix_top(t);
	for (i = t->top; i < t->win.n && y < end; i++) {
		if (i == t->top ||
		    memcmp(t->win.v[i].day, t->win.v[i - 1].day, 7) != 0) {
			month_header(t, y++, t->win.v[i].day);
			if (y >= end)
				break;
		}
		draw_row(t, y++, &t->win.v[i], i == t->sel);
	}
}
