/* tui_lanes.c - the Lanes screen: one lane per company, time left to
 * right, a glyph per event, a cursor that walks the events in time order */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "tui_impl.h"

enum { LABEL_W = 12, LANES_MAX_EVENTS = 20000 };

static const char *const zoom_names[] = {"weeks", "months", "quarters",
					 "years"};

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's). */
static long days_from_civil(int y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, char *out)
{
	long era, yy;
	unsigned doe, yoe, doy, mp, dd, mm;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	mm = mp < 10 ? mp + 3 : mp - 9;
	yy += mm <= 2;
	{
		char tmp[48];

		snprintf(tmp, sizeof(tmp), "%04d-%02u-%02u",
			 (int)(yy < 0	   ? 0
			       : yy > 9999 ? 9999
					   : yy),
			 mm, dd);
		snprintf(out, 11, "%.10s", tmp);
	}
}

/* The unit (week, month, quarter, year number) of a day. */
static long unit_of(enum tui_zoom z, const char *day)
{
	int y = atoi(day), m = atoi(day + 5), d = atoi(day + 8);
	long days;

	if (m < 1 || m > 12)
		m = 1;
	switch (z) {
	case ZOOM_WEEK:
		days = days_from_civil(y, (unsigned)m, (unsigned)(d ? d : 1));
		/* weeks start on Monday; 1970-01-01 was a Thursday */
		return (days + 3 >= 0 ? days + 3 : days - 3) / 7;
	case ZOOM_MONTH:
		return (long)y * 12 + m - 1;
	case ZOOM_QUARTER:
		return ((long)y * 12 + m - 1) / 3;
	case ZOOM_YEAR:
	default:
		return y;
	}
}

/* The first day of unit u. */
static void unit_day(enum tui_zoom z, long u, char *out)
{
	long y = z == ZOOM_MONTH ? u / 12 : z == ZOOM_QUARTER ? u * 3 / 12 : u;
	int m = z == ZOOM_MONTH	    ? (int)(u % 12) + 1
		: z == ZOOM_QUARTER ? (int)(u * 3 % 12) + 1
				    : 1;

	if (z == ZOOM_WEEK) {
		civil_from_days(u * 7 - 3, out);
		return;
	}
	if (u < 0 || y > 9999)
		y = u < 0 ? 0 : 9999;
	{
		char tmp[32];

		snprintf(tmp, sizeof(tmp), "%04d-%02d-01", (int)y, m);
		snprintf(out, 11, "%.10s", tmp);
	}
}

static int width(const struct tui *t)
{
	return t->cols - LABEL_W - 1;
}

static void row_release(struct store_view_row *r)
{
	free(r->company);
	free(r->action);
	free(r->title);
	free(r->until);
	free(r->until_text);
	memset(r, 0, sizeof(*r));
}

/* Take the first row of rows as the cursor (ownership moves). */
static void take(struct tui_lanes *l, struct store_view_rows *rows)
{
	if (!rows->n)
		return;
	row_release(&l->cur);
	l->cur = rows->v[0];
	memset(&rows->v[0], 0, sizeof(rows->v[0]));
}

void tui_lanes_release(struct tui_lanes *l)
{
	size_t i;

	for (i = 0; i < l->ncompanies; i++)
		free(l->companies[i]);
	free(l->companies);
	l->companies = NULL;
	l->ncompanies = 0;
	row_release(&l->cur);
	store_view_rows_release(&l->ev);
}

/* Keep the cursor's column on the screen. */
static void follow(struct tui *t)
{
	struct tui_lanes *l = &t->lanes;
	long u, w = width(t);

	if (!l->cur.id)
		return;
	u = unit_of(l->zoom, l->cur.day);
	if (u < l->start || u >= l->start + w)
		l->start = u - w * 2 / 3;
}

/* Place the columns: the whole filtered range when it fits (centred),
 * else the cursor two thirds across. */
static void place(struct tui *t)
{
	struct tui_lanes *l = &t->lanes;
	long w = width(t), u0, u1;
	char day[11];

	if (t->count_stale)
		tui_list_count(t, false);
	if (t->nmonths) {
		snprintf(day, sizeof(day), "%.7s-01", t->months[0].month);
		u0 = unit_of(l->zoom, day);
		snprintf(day, sizeof(day), "%.7s-01",
			 t->months[t->nmonths - 1].month);
		u1 = unit_of(l->zoom, day);
		if (u1 >= u0 && u1 - u0 + 1 <= w) {
			l->start = u0 - (w - (u1 - u0 + 1)) / 2;
			return;
		}
	}
	l->start = l->cur.id ? unit_of(l->zoom, l->cur.day) - w * 2 / 3 : 0;
}

static int lane_of(const struct tui_lanes *l, const char *company)
{
	size_t i;

	for (i = 0; company && i < l->ncompanies; i++)
		if (strcmp(l->companies[i], company) == 0)
			return (int)i;
	return -1;
}

static void load_companies(struct tui *t)
{
	struct tui_lanes *l = &t->lanes;
	struct err e;
	size_t i;

	for (i = 0; i < l->ncompanies; i++)
		free(l->companies[i]);
	free(l->companies);
	l->companies = NULL;
	l->ncompanies = 0;
	if (store_view_values(t->v, &t->f, "company", &l->companies,
			      &l->ncompanies, &e) < 0)
		tui_status(t, true, "%s", e.msg);
}

/* One event from the cursor in time order (or the first/last). */
static void step(struct tui *t, const struct store_filter *f, bool later,
		 bool from_cursor, struct store_view_rows *out)
{
	struct store_view_pos p;
	struct err e;

	memcpy(p.day, t->lanes.cur.day, sizeof(p.day));
	p.id = t->lanes.cur.id;
	if (store_view_page(t->v, f, !later,
			    from_cursor && t->lanes.cur.id ? &p : NULL, false,
			    1, out, &e) < 0)
		tui_status(t, true, "%s", e.msg);
}

void tui_lanes_enter(struct tui *t)
{
	struct tui_lanes *l = &t->lanes;
	struct store_view_rows r = {NULL, 0};

	t->screen = TUI_LANES;
	if (t->sel < t->win.n) {
		struct store_view_pos p;
		struct err e;

		memcpy(p.day, t->win.v[t->sel].day, sizeof(p.day));
		p.id = t->win.v[t->sel].id;
		if (store_view_page(t->v, &t->f, false, &p, true, 1, &r, &e) <
		    0)
			tui_status(t, true, "%s", e.msg);
	}
	if (!r.n)
		step(t, &t->f, false, false, &r);
	take(l, &r);
	store_view_rows_release(&r);
	place(t);
	follow(t);
	l->dirty = true;
}

/* The events in the columns shown, read when the range changed. */
static void load_range(struct tui *t)
{
	struct tui_lanes *l = &t->lanes;
	struct store_filter f = t->f;
	char since[11], until[11];
	struct err e;

	if (!l->dirty && l->loaded_start == l->start &&
	    l->loaded_width == width(t) && l->loaded_zoom == (int)l->zoom)
		return;
	if (l->dirty)
		load_companies(t);
	unit_day(l->zoom, l->start, since);
	unit_day(l->zoom, l->start + width(t), until);
	/* until is the first day after the range: the day before it */
	{
		long d = days_from_civil(atoi(until), (unsigned)atoi(until + 5),
					 (unsigned)atoi(until + 8));

		civil_from_days(d - 1, until);
	}
	if (!f.since || strcmp(f.since, since) < 0)
		f.since = since;
	if (!f.until || strcmp(f.until, until) > 0)
		f.until = until;
	store_view_rows_release(&l->ev);
	l->truncated = false;
	/* zoomed out, the counts per company and month (read with the
	 * header's) are the picture; weeks show the events themselves */
	if (l->zoom != ZOOM_WEEK) {
		if (t->count_stale)
			tui_list_count(t, false);
	} else {
		if (store_view_points(t->v, &f, LANES_MAX_EVENTS, &l->ev, &e) <
		    0)
			tui_status(t, true, "%s", e.msg);
		l->truncated = l->ev.n >= LANES_MAX_EVENTS;
	}
	l->loaded_start = l->start;
	l->loaded_width = width(t);
	l->loaded_zoom = (int)l->zoom;
	l->dirty = false;
}

static char glyph(const char *action)
{
	static const struct {
		const char *slug;
		char g;
	} g[] = {
		{"exit", 'X'},	   {"moratorium", 'M'}, {"restrict", 'R'},
		{"extend", 'E'},   {"resume", 'U'},	{"pledge", 'P'},
		{"advocate", 'A'}, {"standard", 'S'},
	};
	size_t i;

	for (i = 0; action && i < sizeof(g) / sizeof(g[0]); i++)
		if (strcmp(action, g[i].slug) == 0)
			return g[i].g;
	return 'o';
}

static void axis(struct tui *t, int y)
{
	struct tui_lanes *l = &t->lanes;
	int c, w = width(t), last_end = 0;
	char day[11], label[16];

	for (c = 0; c < w; c++) {
		bool mark;

		unit_day(l->zoom, l->start + c, day);
		/* a label where a larger period begins */
		switch (l->zoom) {
		case ZOOM_WEEK:
			mark = strcmp(day + 8, "08") < 0;
			snprintf(label, sizeof(label), "%.7s", day);
			break;
		case ZOOM_MONTH:
			mark = strcmp(day + 5, "01-01") == 0;
			snprintf(label, sizeof(label), "%.4s", day);
			break;
		case ZOOM_QUARTER:
			mark = strcmp(day + 5, "01-01") == 0;
			snprintf(label, sizeof(label), "%.4s", day);
			break;
		case ZOOM_YEAR:
		default:
			mark = atoi(day) % 5 == 0;
			snprintf(label, sizeof(label), "%.4s", day);
			break;
		}
		if (mark && c >= last_end) {
			tui_put(y, LABEL_W + 1 + c, label, w - c, false, A_BOLD,
				0);
			last_end = c + (int)strlen(label) + 1;
		}
	}
}

void tui_lanes_draw(struct tui *t)
{
	struct tui_lanes *l = &t->lanes;
	int lanes_h = t->rows - 6, w = width(t), y, c;
	size_t i, k;
	int cur_lane;
	struct buf info;
	const struct store_view_rows *shown;

	load_range(t);
	tui_list_header(t);
	cur_lane = lane_of(l, l->cur.company);
	if (cur_lane >= 0 && (size_t)cur_lane < l->lane_top)
		l->lane_top = (size_t)cur_lane;
	if (cur_lane >= 0 && (size_t)cur_lane >= l->lane_top + (size_t)lanes_h)
		l->lane_top = (size_t)cur_lane - (size_t)lanes_h + 1;
	axis(t, 1);
	for (i = l->lane_top, y = 2; i < l->ncompanies && y < 2 + lanes_h;
	     i++, y++) {
		tui_put(y, 0, l->companies[i], LABEL_W, true, A_BOLD,
			tui_company_pair(t, l->companies[i]));
		attron(A_DIM);
		for (c = 0; c < w; c++)
			tui_glyph(y, LABEL_W + 1 + c, "·");
		attroff(A_DIM);
	}
	shown = l->zoom == ZOOM_WEEK ? &l->ev : &t->cells;
	for (k = 0; k < shown->n; k++) {
		const struct store_view_row *r = &shown->v[k];
		int lane = lane_of(l, r->company);
		long col = unit_of(l->zoom, r->day) - l->start;
		char g[2] = {glyph(r->action), '\0'};

		if (lane < (int)l->lane_top ||
		    lane >= (int)l->lane_top + lanes_h || col < 0 || col >= w)
			continue;
		tui_put(2 + lane - (int)l->lane_top, LABEL_W + 1 + (int)col, g,
			1, false, A_BOLD, tui_action_pair(t, r->action));
	}
	/* the cursor: its event's cell, drawn last */
	if (l->cur.id && cur_lane >= (int)l->lane_top &&
	    cur_lane < (int)l->lane_top + lanes_h) {
		long col = unit_of(l->zoom, l->cur.day) - l->start;
		char g[2] = {glyph(l->cur.action), '\0'};

		if (col >= 0 && col < w)
			tui_put(2 + cur_lane - (int)l->lane_top,
				LABEL_W + 1 + (int)col, g, 1, false,
				A_BOLD | A_REVERSE,
				tui_action_pair(t, l->cur.action));
	}
	buf_init(&info, 0);
	if (l->cur.id)
		buf_addf(&info, "%s  %s  %s  %s", l->cur.day,
			 l->cur.company ? l->cur.company : "-",
			 l->cur.action ? l->cur.action : "other",
			 l->cur.title ? l->cur.title : "");
	else
		buf_adds(&info, "no events");
	tui_put(t->rows - 4, 0, info.data, t->cols, true, A_REVERSE, 0);
	buf_release(&info);
	buf_init(&info, 0);
	buf_addf(
		&info,
		"zoom: %s   X exit M moratorium R restrict E extend U resume P pledge A advocate S standard o other%s",
		zoom_names[l->zoom], l->truncated ? "  (range cut)" : "");
	tui_put(t->rows - 3, 0, info.data, t->cols, false, A_DIM, 0);
	buf_release(&info);
}

/* The event of the next lane up or down nearest in time to the cursor. */
static void change_lane(struct tui *t, int delta)
{
	struct tui_lanes *l = &t->lanes;
	struct store_view_rows before = {NULL, 0}, after = {NULL, 0};
	struct store_filter f = t->f;
	int lane = lane_of(l, l->cur.company) + delta;
	long d0, db, da;

	if (lane < 0 || (size_t)lane >= l->ncompanies || !l->cur.id)
		return;
	f.company = l->companies[lane];
	step(t, &f, false, true, &before);
	step(t, &f, true, true, &after);
	d0 = days_from_civil(atoi(l->cur.day), (unsigned)atoi(l->cur.day + 5),
			     (unsigned)atoi(l->cur.day + 8));
	db = before.n
		     ? d0 - days_from_civil(atoi(before.v[0].day),
					    (unsigned)atoi(before.v[0].day + 5),
					    (unsigned)atoi(before.v[0].day + 8))
		     : -1;
	da = after.n ? days_from_civil(atoi(after.v[0].day),
				       (unsigned)atoi(after.v[0].day + 5),
				       (unsigned)atoi(after.v[0].day + 8)) -
			       d0
		     : -1;
	if (da >= 0 && (db < 0 || da < db))
		take(l, &after);
	else
		take(l, &before);
	store_view_rows_release(&before);
	store_view_rows_release(&after);
}

void tui_lanes_key(struct tui *t, enum tui_action a)
{
	struct tui_lanes *l = &t->lanes;
	struct store_view_rows r = {NULL, 0};

	switch (a) {
	case ACT_LEFT:
	case ACT_RIGHT:
		step(t, &t->f, a == ACT_RIGHT, true, &r);
		if (!r.n)
			tui_status(t, false, "no %s event",
				   a == ACT_RIGHT ? "later" : "earlier");
		take(l, &r);
		break;
	case ACT_TOP:
	case ACT_BOTTOM:
		step(t, &t->f, a == ACT_TOP, false, &r);
		take(l, &r);
		break;
	case ACT_DOWN:
	case ACT_UP:
		change_lane(t, a == ACT_DOWN ? 1 : -1);
		break;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
		if (a == ACT_ZOOM_IN && l->zoom > ZOOM_WEEK)
			l->zoom--;
		else if (a == ACT_ZOOM_OUT && l->zoom < ZOOM_YEAR)
			l->zoom++;
		place(t);
		tui_status(t, false, "zoom: %s", zoom_names[l->zoom]);
		break;
	case ACT_OPEN:
		if (l->cur.id)
			tui_open_detail(t, l->cur.id);
		break;
	default:
		break;
	}
	store_view_rows_release(&r);
	follow(t);
}
