/* export_html.c - the timeline as one self-contained HTML page: an SVG
 * swimlane chart (a lane per company) above the event list */
#include "export_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "store.h"
#include "text.h"

enum html_shape {
	SHAPE_CIRCLE,
	SHAPE_SQUARE,
	SHAPE_DIAMOND,
	SHAPE_UP,
	SHAPE_DOWN,
	SHAPE_RIGHT,
};

/* How each action is drawn: colour and shape both tell, so that the
 * chart still reads in black and white. An unknown action is drawn as
 * "other", the last. */
static const struct html_action {
	const char *slug;
	const char *colour;
	enum html_shape shape;
	int hollow;
} html_actions[] = {
	{"exit", "#b2182b", SHAPE_SQUARE, 0},
	{"moratorium", "#e66101", SHAPE_CIRCLE, 0},
	{"restrict", "#b8860b", SHAPE_DIAMOND, 0},
	{"extend", "#7b3294", SHAPE_RIGHT, 0},
	{"resume", "#2166ac", SHAPE_UP, 0},
	{"pledge", "#1b7837", SHAPE_DOWN, 0},
	{"advocate", "#01665e", SHAPE_CIRCLE, 1},
	{"standard", "#5e3c99", SHAPE_SQUARE, 1},
	{"other", "#666666", SHAPE_DIAMOND, 1},
};

enum { HTML_NACTIONS = sizeof(html_actions) / sizeof(html_actions[0]) };

/* The chart's geometry in SVG user units. */
enum {
	SVG_W = 1000,
	LABEL_X = 142,	/* lane labels end here */
	PLOT_X = 150,	/* the time axis runs from here ... */
	PLOT_W = 830,	/* ... this far */
	AXIS_H = 30,	/* tick labels above the lanes */
	LANE_H = 30,	/* one company */
	LEGEND_H = 36,	/* below the lanes */
	MARK_R = 6,	/* half the size of a mark */
	LABEL_MAX = 22, /* characters of a lane label */
	TIP_MAX = 200,	/* characters of a mark's tooltip */
	MAX_TICKS = 12, /* labelled ticks at most */
};

static const char html_style[] =
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Helvetica,"
	"Arial,sans-serif;color:#111;background:#fff;max-width:72em;"
	"margin:2em auto;padding:0 1em}\n"
	"h1{font-size:1.7em;margin:0 0 .2em}\n"
	".generated{color:#555;margin:0 0 1.5em}\n"
	".chart svg{display:block;width:100%;height:auto}\n"
	"table{border-collapse:collapse;width:100%;margin-top:1.5em}\n"
	"th,td{text-align:left;vertical-align:top;padding:.35em .5em;"
	"border-bottom:1px solid #ddd}\n"
	"th{border-bottom:2px solid #333}\n"
	"td.day{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"td.act{font-weight:600}\n"
	".summary,.follows{color:#444;font-size:.92em;margin-top:.2em}\n"
	"a{color:#0645ad}\n"
	"tr:target{background:#fff3c4}\n"
	"@page{margin:1.5cm}\n"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:9pt}"
	"a{color:#000;text-decoration:none}"
	"td.src a::after{content:\" \" attr(href);color:#555;"
	"word-break:break-all}"
	"tr{break-inside:avoid}thead{display:table-header-group}"
	".chart{break-inside:avoid}"
	".chart svg{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}}\n";

static const char *const html_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/*
 * The one pass over the events: the companies (the chart's lanes), the
 * sources and the span of days are gathered while each event's mark and
 * table row are spooled to temporary files; end() then writes the chart
 * (which needs the lanes and the span before its first mark), the marks
 * and the rows. Memory grows with the companies and sources, not with
 * the events.
 */
struct html_chart {
	struct export_ctx *x;
	FILE *marks;	  /* struct html_spooled records, each with its text */
	FILE *rows;	  /* the table rows, as written */
	char **companies; /* sorted, cleaned */
	size_t ncompanies;
	char **sources; /* sorted, cleaned */
	size_t nsources;
	long nevents, ndated;
	long long first, last;	 /* days since the epoch of the dated ones */
	unsigned actions;	 /* bit i: html_actions[i] is drawn */
	long long start, end;	 /* the axis: first of a month to first */
	int sy, sm, months;	 /* the axis starts in year sy, month sm */
	struct html_lane *lanes; /* per company, for the marks */
};

/* A spooled mark: followed by clen bytes of its company (cleaned) and
 * tlen bytes of its start ("<a ...><title>...</title>"). */
struct html_spooled {
	long long day;
	size_t action; /* index into html_actions */
	size_t clen, tlen;
};

/* Where a lane's last marks went, to stack marks of nearby days. */
struct html_lane {
	long long x10;
	int stack;
	int used;
};

/* A text_clean()ed copy of s ("" for NULL); NULL on out of memory. */
static char *html_clean(const char *s)
{
	return text_clean(s ? s : "", s ? strlen(s) : 0);
}

/* Append s with &, <, >, " and ' escaped: safe as text and as a quoted
 * attribute value, in HTML and in the SVG (which is XML). */
static int html_esc(struct buf *b, const char *s, size_t n)
{
	size_t i, from = 0;
	int rc = 0;

	for (i = 0; i < n; i++) {
		const char *r = NULL;

		switch (s[i]) {
		case '&':
			r = "&amp;";
			break;
		case '<':
			r = "&lt;";
			break;
		case '>':
			r = "&gt;";
			break;
		case '"':
			r = "&quot;";
			break;
		case '\'':
			r = "&#39;";
			break;
		default:
			continue;
		}
		rc |= buf_add(b, s + from, i - from);
		rc |= buf_adds(b, r);
		from = i + 1;
	}
	rc |= buf_add(b, s + from, n - from);
	return rc ? -1 : 0;
}

static int html_text(struct buf *b, const char *s)
{
	return html_esc(b, s, strlen(s));
}

/* Append clean text s cut to at most max characters (an ellipsis marks a
 * cut), escaped. The count is of characters, not of terminal columns,
 * so that the output does not depend on the locale. */
static int html_text_cut(struct buf *b, const char *s, size_t max)
{
	size_t i, chars = 0;

	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max)
			break;
	if (!s[i])
		return html_esc(b, s, i);
	/* cut one more for the ellipsis */
	while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
		;
	if (html_esc(b, s, i) < 0)
		return -1;
	return buf_adds(b, "\xE2\x80\xA6");
}

/* Append url as an href value: bytes a URL may not hold (space, controls,
 * quotes, angle brackets, non-ASCII ...) percent-encoded, & escaped. */
static int html_href(struct buf *b, const char *url)
{
	const unsigned char *p;
	int rc = 0;

	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"'<>\\^`{|}", *p))
			rc |= buf_addf(b, "%%%02X", *p);
		else if (*p == '&')
			rc |= buf_adds(b, "&amp;");
		else
			rc |= buf_addc(b, (char)*p);
	return rc ? -1 : 0;
}

/* Is s a real day written "YYYY-MM-DD"? Sets *days since the epoch. */
static int html_day(const char *s, long long *days)
{
	static const char shape[] = "dddd-dd-dd";
	long long t;
	size_t i;

	if (!s || strlen(s) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	if (date_parse(s, &t, NULL) < 0)
		return 0;
	*days = t / 86400;
	return 1;
}

/* Days since the epoch of the first of month m (1 to 13: 13 is January
 * of the next year) of year y; any year (Howard Hinnant's
 * days_from_civil). */
static long long html_month_start(long long y, int m)
{
	long long era;
	unsigned yoe, doy;

	if (m > 12) {
		y++;
		m -= 12;
	}
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)(153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The year and month of a day since the epoch. */
static void html_month_of(long long days, int *y, int *m)
{
	char s[11];

	date_day(days * 86400, 0, s);
	*y = atoi(s);
	*m = atoi(s + 5);
}

/* Index of the action slug in html_actions ("other" if unknown). */
static size_t html_action(const char *slug)
{
	size_t i;

	for (i = 0; i + 1 < HTML_NACTIONS; i++)
		if (slug && !strcmp(slug, html_actions[i].slug))
			break;
	return i;
}

/* Binary search of the sorted set v[0..n-1]: 1 and *at if s is there,
 * else 0 and where it would go. */
static int html_find(char *const *v, size_t n, const char *s, size_t *at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s, v[mid]);

		if (!c) {
			*at = mid;
			return 1;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*at = lo;
	return 0;
}

/* Add a copy of s to the sorted set, unless it is there. 0/-1. */
static int html_set_add(char ***v, size_t *n, const char *s)
{
	char **nv, *copy;
	size_t at;

	if (html_find(*v, *n, s, &at))
		return 0;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return -1;
	*v = nv;
	if (!(copy = strdup(s)))
		return -1;
	memmove(nv + at + 1, nv + at, (*n - at) * sizeof(*nv));
	nv[at] = copy;
	(*n)++;
	return 0;
}

static void html_chart_release(struct html_chart *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->ncompanies; i++)
		free(c->companies[i]);
	free(c->companies);
	for (i = 0; i < c->nsources; i++)
		free(c->sources[i]);
	free(c->sources);
	free(c->lanes);
	if (c->marks)
		fclose(c->marks);
	if (c->rows)
		fclose(c->rows);
	free(c);
}

/* The text of an event, cleaned once for its chart mark and its row. */
struct html_texts {
	char *company; /* as its lane names it: "-" when it has none */
	char *action, *title, *summary, *until, *until_text, *day;
};

static void html_texts_release(struct html_texts *t)
{
	free(t->company);
	free(t->action);
	free(t->title);
	free(t->summary);
	free(t->until);
	free(t->until_text);
	free(t->day);
}

/* Clean the text of ev into t. 0, or -1 when out of memory. */
static int html_texts_init(struct html_texts *t, const struct store_event *ev)
{
	t->company = html_clean(ev->company);
	if (t->company && !*t->company) {
		free(t->company);
		t->company = strdup("-");
	}
	t->action = html_clean(ev->action);
	t->title = html_clean(ev->title);
	t->summary = html_clean(ev->summary);
	t->until = html_clean(ev->until);
	t->until_text = html_clean(ev->until_text);
	t->day = html_clean(ev->day);
	return t->company && t->action && t->title && t->summary && t->until &&
			       t->until_text && t->day
		       ? 0
		       : -1;
}

/* Companies, sources, span. */
static int html_scan(struct html_chart *c, const struct store_event *ev,
		     const struct html_texts *t)
{
	long long day;
	size_t i;
	char *s;

	if (html_set_add(&c->companies, &c->ncompanies, t->company) < 0)
		return err_set(c->x->e, "out of memory");
	for (i = 0; i < ev->nsources; i++) {
		if (!(s = html_clean(ev->sources[i].source)) ||
		    html_set_add(&c->sources, &c->nsources, s) < 0) {
			free(s);
			return err_set(c->x->e, "out of memory");
		}
		free(s);
	}
	c->nevents++;
	if (!html_day(ev->day, &day))
		return 0;
	if (!c->ndated || day < c->first)
		c->first = day;
	if (!c->ndated || day > c->last)
		c->last = day;
	c->ndated++;
	c->actions |= 1u << html_action(ev->action);
	return 0;
}

/* n tenths of a unit as a decimal ("12.5") in out (24 bytes); n >= 0. */
static const char *html_dec(char *out, long long n)
{
	snprintf(out, 24, "%lld.%lld", n / 10, n % 10);
	return out;
}

/* The corners of the shapes drawn as polygons, in tenths of the radius. */
static const struct html_polygon {
	int n;
	signed char pt[4][2];
} html_polygons[] = {
	[SHAPE_SQUARE] = {4, {{-8, -8}, {8, -8}, {8, 8}, {-8, 8}}},
	[SHAPE_DIAMOND] = {4, {{0, -10}, {10, 0}, {0, 10}, {-10, 0}}},
	[SHAPE_UP] = {3, {{0, -10}, {10, 8}, {-10, 8}}},
	[SHAPE_DOWN] = {3, {{-10, -8}, {10, -8}, {0, 10}}},
	[SHAPE_RIGHT] = {3, {{-8, -10}, {10, 0}, {-8, 10}}},
};

/* Append n as "%lld" does, without printf (ids, for every event). */
static int html_int_add(struct buf *b, long long n)
{
	char out[24], *p = out + sizeof(out);
	unsigned long long u =
		n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	return buf_add(b, p, (size_t)(out + sizeof(out) - p));
}

/* Append n tenths of a unit as html_dec() writes it, without printf
 * (marks are drawn for every event). */
static int html_dec_add(struct buf *b, long long n)
{
	char out[24], *p = out + sizeof(out);
	long long whole = n / 10;

	if (n < 0)
		return buf_adds(b, html_dec(out, n));
	*--p = (char)('0' + n % 10);
	*--p = '.';
	do
		*--p = (char)('0' + whole % 10);
	while ((whole /= 10) > 0);
	return buf_add(b, p, (size_t)(out + sizeof(out) - p));
}

/* Append the path data of shape centred on (x, y) with radius r, all in
 * tenths of a unit (integers: the same bytes on every machine). */
static int html_shape_path(struct buf *b, enum html_shape shape, long long x,
			   long long y, long long r)
{
	const struct html_polygon *p = &html_polygons[shape];
	int i, rc = 0;

	if (shape == SHAPE_CIRCLE) { /* two half arcs */
		rc |= buf_addc(b, 'M');
		rc |= html_dec_add(b, x - r);
		rc |= buf_addc(b, ' ');
		rc |= html_dec_add(b, y);
		rc |= buf_addc(b, 'a');
		rc |= html_dec_add(b, r);
		rc |= buf_addc(b, ' ');
		rc |= html_dec_add(b, r);
		rc |= buf_adds(b, " 0 1 0 ");
		rc |= html_dec_add(b, 2 * r);
		rc |= buf_adds(b, " 0a");
		rc |= html_dec_add(b, r);
		rc |= buf_addc(b, ' ');
		rc |= html_dec_add(b, r);
		rc |= buf_adds(b, " 0 1 0 -");
		rc |= html_dec_add(b, 2 * r);
		rc |= buf_adds(b, " 0Z");
		return rc ? -1 : 0;
	}
	for (i = 0; i < p->n; i++) {
		rc |= buf_addc(b, i ? 'L' : 'M');
		rc |= html_dec_add(b, x + r * p->pt[i][0] / 10);
		rc |= buf_addc(b, ' ');
		rc |= html_dec_add(b, y + r * p->pt[i][1] / 10);
	}
	rc |= buf_addc(b, 'Z');
	return rc ? -1 : 0;
}

/* Append a mark of action a at (x10, y10): a path element. */
static int html_mark_shape(struct buf *b, const struct html_action *a,
			   long long x, long long y)
{
	int rc = 0;

	rc |= buf_adds(b, "<path d=\"");
	rc |= html_shape_path(b, a->shape, x, y, MARK_R * 10);
	if (a->hollow) {
		rc |= buf_adds(b, "\" fill=\"#fff\" stroke=\"");
		rc |= buf_adds(b, a->colour);
		rc |= buf_adds(b, "\" stroke-width=\"2\"/>");
	} else {
		rc |= buf_adds(b, "\" fill=\"");
		rc |= buf_adds(b, a->colour);
		rc |= buf_adds(b, "\" stroke=\"#fff\" stroke-width=\"1\"/>");
	}
	return rc ? -1 : 0;
}

/* The x of a day since the epoch, in tenths: where it starts, or its
 * middle when mid is set. */
static long long html_x(const struct html_chart *c, long long day, int mid)
{
	return PLOT_X * 10LL + ((day - c->start) * 2 + (mid ? 1 : 0)) * PLOT_W *
				       10LL / ((c->end - c->start) * 2);
}

/* Spool the mark of a dated event: its day, lane and tooltip. */
static int html_mark_spool(struct html_chart *c, const struct store_event *ev,
			   const struct html_texts *t)
{
	struct buf *b = &c->x->line;
	const char *company = t->company, *action = t->action,
		   *title = t->title;
	struct html_spooled m;
	int rc = 0, written;

	if (!html_day(ev->day, &m.day))
		return 0;
	b->len = 0;
	rc |= buf_adds(b, "<a href=\"#e");
	rc |= html_int_add(b, ev->id);
	rc |= buf_adds(b, "\" class=\"mark\"><title>");
	rc |= buf_adds(b, ev->day);
	rc |= buf_addc(b, ' ');
	rc |= html_text(b, company);
	rc |= buf_addc(b, ' ');
	rc |= html_text(b, action);
	rc |= buf_adds(b, ": ");
	rc |= html_text_cut(b, title, TIP_MAX);
	rc |= buf_adds(b, "</title>");
	if (rc)
		return err_set(c->x->e, "out of memory");
	m.action = html_action(ev->action);
	m.clen = strlen(company);
	m.tlen = b->len;
	written = fwrite(&m, sizeof(m), 1, c->marks) == 1 &&
		  fwrite(company, 1, m.clen, c->marks) == m.clen &&
		  fwrite(b->data, 1, m.tlen, c->marks) == m.tlen;
	b->len = 0;
	if (!written)
		return err_set(c->x->e, "cannot write a temporary file: %s",
			       strerror(errno));
	return 0;
}

/* Append n bytes read from f to b. 0/-1. */
static int html_read(FILE *f, struct buf *b, size_t n)
{
	char chunk[4096];

	while (n) {
		size_t k = n < sizeof(chunk) ? n : sizeof(chunk);

		if (fread(chunk, 1, k, f) != k || buf_add(b, chunk, k) < 0)
			return -1;
		n -= k;
	}
	return 0;
}

/* Draw the spooled marks, in the order of the events. */
static int html_marks(struct html_chart *c)
{
	static const int stack_dy[] = {0, -8, 8};
	struct export_ctx *x = c->x;
	struct buf *b = &x->line, company;
	struct html_spooled m;
	int rc = 0;

	if (fflush(c->marks) != 0)
		return err_set(x->e, "cannot write a temporary file: %s",
			       strerror(errno));
	rewind(c->marks);
	buf_init(&company, 0);
	while (!rc && fread(&m, sizeof(m), 1, c->marks) == 1) {
		struct html_lane *lane;
		long long px, y;
		size_t at, start;

		company.len = 0;
		start = b->len;
		if (buf_add(&company, "", 0) < 0 ||
		    html_read(c->marks, &company, m.clen) < 0 ||
		    html_read(c->marks, b, m.tlen) < 0) {
			rc = err_set(x->e, "cannot read a temporary file");
			break;
		}
		if (!html_find(c->companies, c->ncompanies, company.data,
			       &at)) {
			b->len = start; /* cannot happen: scanned */
			continue;
		}
		lane = &c->lanes[at];
		px = html_x(c, m.day, 1);
		/* marks closer than a mark's width stack up and down */
		if (lane->used && px - lane->x10 < MARK_R * 10) {
			lane->stack++;
		} else {
			lane->x10 = px;
			lane->stack = 0;
			lane->used = 1;
		}
		y = (AXIS_H + (long long)at * LANE_H + LANE_H / 2 +
		     stack_dy[lane->stack % 3]) *
		    10LL;
		if (html_mark_shape(b, &html_actions[m.action], px, y) < 0 ||
		    buf_adds(b, "</a>\n") < 0)
			rc = err_set(x->e, "out of memory");
		else if (b->len >= 65536)
			rc = export_flush(x);
	}
	buf_release(&company);
	if (!rc && ferror(c->marks))
		rc = err_set(x->e, "cannot read a temporary file: %s",
			     strerror(errno));
	return rc;
}

/* The axis: labelled ticks with grid lines at months or years, minor
 * ticks at months (or years when months would crowd). */
static int html_axis(struct buf *b, const struct html_chart *c, int height)
{
	static const int steps[] = {1,	 2,   3,   6,	 12,   24,   60,
				    120, 240, 600, 1200, 6000, 12000};
	int step = 0, k, rc = 0;
	char sx[24];
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		step = steps[i];
		if (c->months / step <= MAX_TICKS)
			break;
	}
	rc |= buf_adds(b, "<g class=\"axis\" fill=\"#333\" stroke=\"#bbb\">\n");
	for (k = 0; k <= c->months; k++) {
		int y = c->sy + (c->sm - 1 + k) / 12, m = (c->sm - 1 + k) % 12;
		long long x = html_x(c, html_month_start(y, m + 1), 0);
		int major = step < 12 ? m % step == 0
				      : m == 0 && y % (step / 12) == 0;

		/* minor ticks at months, at years when months crowd, none
		 * when years do */
		if (!major && (c->months > 1200 || (c->months > 120 && m)))
			continue;
		html_dec(sx, x);
		rc |= buf_addf(
			b,
			"<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\"%s/>\n",
			sx, major ? AXIS_H - 6 : AXIS_H - 3, sx,
			major ? height : AXIS_H,
			major ? "" : " stroke=\"#888\"");
		if (!major || k == c->months)
			continue;
		rc |= buf_addf(b, "<text x=\"%s\" y=\"%d\" stroke=\"none\">",
			       html_dec(sx, x + 20), AXIS_H - 10);
		if (step < 12)
			rc |= buf_addf(b, "%s %d", html_months[m], y);
		else
			rc |= buf_addf(b, "%d", y);
		rc |= buf_adds(b, "</text>\n");
	}
	rc |= buf_adds(b, "</g>\n");
	return rc ? -1 : 0;
}

/* The lanes: a band and a label per company. */
static int html_lanes(struct buf *b, const struct html_chart *c)
{
	size_t i;
	int rc = 0;

	rc |= buf_adds(b, "<g class=\"lanes\">\n");
	for (i = 0; i < c->ncompanies; i++) {
		int y = AXIS_H + (int)i * LANE_H;

		if (i % 2 == 0)
			rc |= buf_addf(b,
				       "<rect x=\"0\" y=\"%d\" width=\"%d\" "
				       "height=\"%d\" fill=\"#f3f3f3\"/>\n",
				       y, SVG_W, LANE_H);
		rc |= buf_addf(b,
			       "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			       "font-weight=\"bold\">",
			       LABEL_X, y + LANE_H / 2 + 4);
		if (strlen(c->companies[i]) > LABEL_MAX) {
			/* the whole name as the label's tooltip */
			rc |= buf_adds(b, "<title>");
			rc |= html_text(b, c->companies[i]);
			rc |= buf_adds(b, "</title>");
		}
		rc |= html_text_cut(b, c->companies[i], LABEL_MAX);
		rc |= buf_adds(b, "</text>\n");
	}
	rc |= buf_adds(b, "</g>\n");
	return rc ? -1 : 0;
}

/* The legend: the actions drawn, in a row below the lanes. */
static int html_legend(struct buf *b, const struct html_chart *c, int top)
{
	size_t i;
	int rc = 0, x = PLOT_X;

	rc |= buf_adds(b, "<g class=\"legend\">\n");
	rc |= buf_addf(b,
		       "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
		       "Actions:</text>\n",
		       LABEL_X, top + 20);
	for (i = 0; i < HTML_NACTIONS; i++) {
		if (!(c->actions & 1u << i))
			continue;
		rc |= html_mark_shape(b, &html_actions[i], (x + MARK_R) * 10LL,
				      (top + 16) * 10LL);
		rc |= buf_addf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n",
			       x + 2 * MARK_R + 4, top + 20,
			       html_actions[i].slug);
		x += 92;
	}
	rc |= buf_adds(b, "</g>\n");
	return rc ? -1 : 0;
}

/* The line saying what was drawn, then the chart with the spooled marks. */
static int html_chart(struct export_ctx *x, struct html_chart *c)
{
	struct buf *b = &x->line;
	int height, ey, em, rc = 0;
	char day[21]; /* date_format_utc() needs 21 */

	rc |= buf_adds(b, "<p class=\"generated\">Generated ");
	date_format_utc(x->o->generated, day);
	rc |= buf_addf(b, "%.10s %.5s UTC", day, day + 11);
	rc |= buf_addf(b, " from %zu source%s: %ld event%s", c->nsources,
		       c->nsources == 1 ? "" : "s", c->nevents,
		       c->nevents == 1 ? "" : "s");
	if (c->ncompanies)
		rc |= buf_addf(b, " of %zu compan%s", c->ncompanies,
			       c->ncompanies == 1 ? "y" : "ies");
	if (c->ndated) {
		date_day(c->first * 86400, 0, day);
		rc |= buf_addf(b, ", %s", day);
		date_day(c->last * 86400, 0, day);
		rc |= buf_addf(b, " to %s", day);
	}
	rc |= buf_addc(b, '.');
	if (x->o->filters) {
		char *f = html_clean(x->o->filters);

		rc |= buf_adds(b, " Filters: ");
		rc |= f ? html_text(b, f) : -1;
		rc |= buf_addc(b, '.');
		free(f);
	}
	rc |= buf_adds(b, "</p>\n");
	if (rc)
		return err_set(x->e, "out of memory");
	if (!c->ndated)
		return export_flush(x);

	html_month_of(c->first, &c->sy, &c->sm);
	html_month_of(c->last, &ey, &em);
	c->months = (ey - c->sy) * 12 + em - c->sm + 1;
	c->start = html_month_start(c->sy, c->sm);
	c->end = html_month_start(ey, em + 1);
	c->lanes = calloc(c->ncompanies ? c->ncompanies : 1, sizeof(*c->lanes));
	if (!c->lanes)
		return err_set(x->e, "out of memory");
	height = AXIS_H + (int)c->ncompanies * LANE_H;
	rc |= buf_addf(
		b,
		"<div class=\"chart\">\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"font-family=\"sans-serif\" "
		"font-size=\"11\">\n"
		"<title>Timeline: %ld event%s by company and day</title>\n",
		SVG_W, height + LEGEND_H, SVG_W, height + LEGEND_H, c->ndated,
		c->ndated == 1 ? "" : "s");
	rc |= html_lanes(b, c);
	rc |= html_axis(b, c, height);
	rc |= buf_adds(b, "<g class=\"marks\">\n");
	if (rc)
		return err_set(x->e, "out of memory");
	if (export_flush(x) < 0 || html_marks(c) < 0)
		return -1;
	rc |= buf_adds(b, "</g>\n");
	rc |= html_legend(b, c, height);
	rc |= buf_adds(b, "</svg>\n</div>\n");
	if (rc)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

static int html_begin(struct export_ctx *x)
{
	struct html_chart *c;
	struct buf *b = &x->line;
	size_t i;
	int rc = 0;

	rc |= buf_adds(
		b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n"
		   /* nothing runs, nothing loads, whatever a title
		    * holds */
		   "<meta http-equiv=\"Content-Security-Policy\" "
		   "content=\"default-src 'none'; "
		   "style-src 'unsafe-inline'\">\n"
		   "<meta name=\"viewport\" "
		   "content=\"width=device-width, initial-scale=1\">\n"
		   "<meta name=\"generator\" content=\"annals " ANNALS_VERSION
		   "\">\n"
		   "<title>annals timeline</title>\n<style>\n");
	rc |= buf_adds(b, html_style);
	for (i = 0; i < HTML_NACTIONS; i++)
		rc |= buf_addf(b, ".a-%s{color:%s}\n", html_actions[i].slug,
			       html_actions[i].colour);
	rc |= buf_adds(b, "</style>\n</head>\n<body>\n"
			  "<h1>annals timeline</h1>\n");
	if (rc)
		return err_set(x->e, "out of memory");
	c = calloc(1, sizeof(*c));
	if (!c)
		return err_set(x->e, "out of memory");
	c->x = x;
	c->marks = tmpfile();
	c->rows = c->marks ? tmpfile() : NULL;
	if (!c->rows) {
		err_set(x->e, "cannot create a temporary file: %s",
			strerror(errno));
		html_chart_release(c);
		return -1;
	}
	x->state = c;
	return export_flush(x);
}

/* The sources cell: a link for each http(s) source, named after its
 * source; other URLs are not linked. */
static int html_sources(struct buf *b, const struct store_event *ev)
{
	size_t i;
	int rc = 0;

	if (!ev->nsources && ev->url) {
		if (export_link_ok(ev->url)) {
			rc |= buf_adds(b, "<a href=\"");
			rc |= html_href(b, ev->url);
			rc |= buf_adds(b, "\" rel=\"noopener\">link</a>");
		} else {
			rc |= buf_adds(b, "link not shown");
		}
	}
	for (i = 0; i < ev->nsources; i++) {
		const struct store_event_source *src = &ev->sources[i];
		char *name = html_clean(src->source);

		if (!name)
			return -1;
		rc |= buf_adds(b, "<div>");
		if (export_link_ok(src->url)) {
			rc |= buf_adds(b, "<a href=\"");
			rc |= html_href(b, src->url);
			rc |= buf_adds(b, "\" rel=\"noopener\">");
		}
		rc |= html_text(b, *name ? name : "source");
		if (export_link_ok(src->url))
			rc |= buf_adds(b, "</a>");
		rc |= buf_adds(b, "</div>");
		free(name);
	}
	return rc ? -1 : 0;
}

/* A row of the table, into the line buffer. */
static int html_row(struct export_ctx *x, const struct store_event *ev,
		    const struct html_texts *t)
{
	struct buf *b = &x->line;
	const char *company = t->company, *action = t->action;
	const char *title = t->title, *summary = t->summary;
	const char *until = t->until, *until_text = t->until_text;
	const char *day = t->day;
	int rc = 0;

	rc |= buf_adds(b, "<tr id=\"e");
	rc |= html_int_add(b, ev->id);
	rc |= buf_adds(b, "\"><td class=\"day\">");
	rc |= html_text(b, day);
	rc |= buf_adds(b, "</td><td>");
	rc |= html_text(b, company);
	rc |= buf_adds(b, "</td><td class=\"act a-");
	rc |= buf_adds(b, html_actions[html_action(ev->action)].slug);
	rc |= buf_adds(b, "\">");
	rc |= html_text(b, action);
	rc |= buf_adds(b, "</td><td>");
	if (*until) {
		rc |= buf_adds(b, "until ");
		rc |= html_text(b, until);
	}
	if (*until_text) {
		rc |= buf_adds(b, *until ? " (" : "");
		rc |= html_text(b, until_text);
		rc |= buf_adds(b, *until ? ")" : "");
	}
	rc |= buf_adds(b, "</td><td>");
	rc |= html_text(b, title);
	if (ev->starred)
		rc |= buf_adds(b,
			       " <span title=\"starred\">\xE2\x98\x85</span>");
	if (*summary) {
		rc |= buf_adds(b, "<div class=\"summary\">");
		rc |= html_text(b, summary);
		rc |= buf_adds(b, "</div>");
	}
	if (ev->follows)
		rc |= buf_addf(b,
			       "<div class=\"follows\">Follows "
			       "<a href=\"#e%lld\">event %lld</a></div>",
			       ev->follows, ev->follows);
	rc |= buf_adds(b, "</td><td class=\"src\">");
	rc |= html_sources(b, ev);
	rc |= buf_adds(b, "</td></tr>\n");
	return rc ? err_set(x->e, "out of memory") : 0;
}

/* Each event: noted for the chart, its mark and its row spooled. */
static int html_event(struct export_ctx *x, const struct store_event *ev)
{
	struct html_chart *c = x->state;
	struct html_texts t;

	memset(&t, 0, sizeof(t));
	if (html_texts_init(&t, ev) < 0) {
		err_set(x->e, "out of memory");
		goto fail;
	}
	if (html_scan(c, ev, &t) < 0 || html_mark_spool(c, ev, &t) < 0)
		goto fail;
	x->line.len = 0;
	if (html_row(x, ev, &t) < 0)
		goto fail;
	if (fwrite(x->line.data, 1, x->line.len, c->rows) != x->line.len) {
		err_set(x->e, "cannot write a temporary file: %s",
			strerror(errno));
		goto fail;
	}
	x->line.len = 0;
	html_texts_release(&t);
	return 0;
fail:
	html_texts_release(&t);
	/* end() will not run: give back what begin() took */
	html_chart_release(c);
	x->state = NULL;
	return -1;
}

/* Copy the spooled rows to the output. */
static int html_unspool(struct export_ctx *x, FILE *f)
{
	char chunk[65536];
	size_t n;

	if (fflush(f) != 0)
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

static int html_end(struct export_ctx *x)
{
	struct html_chart *c = x->state;
	int rc = -1;

	x->line.len = 0;
	if (html_chart(x, c) < 0)
		goto out;
	if (buf_adds(&x->line,
		     "<table>\n<thead><tr><th>Day</th><th>Company</th>"
		     "<th>Action</th><th>Period</th><th>Event</th>"
		     "<th>Sources</th></tr></thead>\n<tbody>\n") < 0) {
		err_set(x->e, "out of memory");
		goto out;
	}
	if (export_flush(x) < 0 || html_unspool(x, c->rows) < 0)
		goto out;
	if (buf_adds(&x->line, "</tbody>\n</table>\n</body>\n</html>\n") < 0) {
		err_set(x->e, "out of memory");
		goto out;
	}
	rc = export_flush(x);
out:
	html_chart_release(c);
	x->state = NULL;
	return rc;
}

static void html_release(struct export_ctx *x)
{
	html_chart_release(x->state);
	x->state = NULL;
}

const struct export_writer export_html_writer = {html_begin, html_event,
						 html_end, html_release};
