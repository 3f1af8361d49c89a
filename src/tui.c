/* tui.c - the terminal interface: setup, the key table, the main loop */
#include "tui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "text.h"
#include "tui_act.h"
#include "tui_impl.h"

/* Set by the signal handler, read by the loop. */
static volatile sig_atomic_t tui_signalled;

static void on_signal(int sig)
{
	tui_signalled = sig;
}

int tui_interrupted(void)
{
	return tui_signalled != 0;
}

#define CTRL(c) ((c)&0x1f)

const struct tui_key tui_keys[] = {
	{'j', "j, Down", TUI_LIST | TUI_DETAIL | TUI_HELP | TUI_LANES, ACT_DOWN,
	 "next event (Lanes: next company)"},
	{KEY_DOWN, NULL, TUI_ALL, ACT_DOWN, NULL},
	{'k', "k, Up", TUI_LIST | TUI_DETAIL | TUI_HELP | TUI_LANES, ACT_UP,
	 "previous event (Lanes: previous company)"},
	{KEY_UP, NULL, TUI_ALL, ACT_UP, NULL},
	{KEY_NPAGE, "PgDn, Space", TUI_LIST | TUI_DETAIL | TUI_HELP, ACT_PGDN,
	 "one screen down"},
	{' ', NULL, TUI_LIST | TUI_DETAIL | TUI_HELP, ACT_PGDN, NULL},
	{CTRL('f'), NULL, TUI_LIST | TUI_DETAIL | TUI_HELP, ACT_PGDN, NULL},
	{KEY_PPAGE, "PgUp", TUI_LIST | TUI_DETAIL | TUI_HELP, ACT_PGUP,
	 "one screen up"},
	{CTRL('b'), NULL, TUI_LIST | TUI_DETAIL | TUI_HELP, ACT_PGUP, NULL},
	{'g', "g, Home", TUI_ALL, ACT_TOP, "first event (top)"},
	{KEY_HOME, NULL, TUI_ALL, ACT_TOP, NULL},
	{'G', "G, End", TUI_ALL, ACT_BOTTOM, "last event (bottom)"},
	{KEY_END, NULL, TUI_ALL, ACT_BOTTOM, NULL},
	{KEY_LEFT, "Left, <", TUI_LANES, ACT_LEFT, "Lanes: earlier event"},
	{'<', NULL, TUI_LANES, ACT_LEFT, NULL},
	{KEY_RIGHT, "Right, >", TUI_LANES, ACT_RIGHT, "Lanes: later event"},
	{'>', NULL, TUI_LANES, ACT_RIGHT, NULL},
	{'+', "+", TUI_LANES, ACT_ZOOM_IN, "Lanes: zoom in (years to weeks)"},
	{'=', NULL, TUI_LANES, ACT_ZOOM_IN, NULL},
	{'-', "-", TUI_LANES, ACT_ZOOM_OUT, "Lanes: zoom out (weeks to years)"},
	{'\n', "Enter", TUI_LIST | TUI_LANES, ACT_OPEN,
	 "open the event (Detail)"},
	{'\r', NULL, TUI_LIST | TUI_LANES, ACT_OPEN, NULL},
	{KEY_ENTER, NULL, TUI_LIST | TUI_LANES, ACT_OPEN, NULL},
	{'v', "v", TUI_LIST | TUI_LANES, ACT_LANES,
	 "Lanes: one lane per company (again: back to the Timeline)"},
	{'O', "O", TUI_LIST, ACT_ORDER, "order: newest or oldest first"},
	{'/', "/", TUI_LIST, ACT_SEARCH, "search the items' text (FTS5)"},
	{'n', "n", TUI_LIST, ACT_NEXT, "next match of the search"},
	{'N', "N", TUI_LIST | TUI_DETAIL, ACT_PREV_OR_NOTE,
	 "previous match after a search; else (and in Detail) the note"},
	{'c', "c", TUI_LIST | TUI_LANES, ACT_COMPANY, "filter: company"},
	{'a', "a", TUI_LIST | TUI_LANES, ACT_ACTION, "filter: action"},
	{'t', "t", TUI_LIST | TUI_LANES, ACT_TOPIC, "filter: topic"},
	{'d', "d", TUI_LIST | TUI_LANES, ACT_DATES,
	 "filter: date range (2020, 2020-06..2021-03)"},
	{'p', "p", TUI_LIST | TUI_LANES, ACT_POLICY,
	 "policy moves only, or everything (hidden too)"},
	{'C', "C", TUI_LIST | TUI_LANES, ACT_CLEAR, "clear every filter"},
	{'s', "s, *", TUI_LIST | TUI_DETAIL | TUI_LANES, ACT_STAR,
	 "star or unstar"},
	{'*', NULL, TUI_LIST | TUI_DETAIL | TUI_LANES, ACT_STAR, NULL},
	{'h', "h", TUI_LIST | TUI_DETAIL | TUI_LANES, ACT_HIDE,
	 "hide or unhide (hidden events show with p)"},
	{'e', "e", TUI_LIST | TUI_DETAIL | TUI_LANES, ACT_EDIT,
	 "edit action, topics, day or title (kept by reextract)"},
	{'m', "m", TUI_LIST | TUI_DETAIL | TUI_LANES, ACT_NOTE,
	 "note (also N when no search is active)"},
	{'A', "A", TUI_LIST | TUI_LANES, ACT_ADD, "add an event by hand"},
	{'o', "o", TUI_LIST | TUI_DETAIL | TUI_LANES, ACT_BROWSE,
	 "open the source in $BROWSER (else xdg-open)"},
	{'x', "x", TUI_LIST | TUI_LANES, ACT_EXPORT,
	 "export the view to a Markdown file"},
	{'r', "r", TUI_ALL, ACT_RELOAD, "reload from the database"},
	{CTRL('l'), NULL, TUI_ALL, ACT_RELOAD, NULL},
	{'F', "F", TUI_LIST | TUI_LANES | TUI_DETAIL, ACT_FETCH,
	 "fetch in the background (progress in the status line)"},
	{'f', "f", TUI_DETAIL, ACT_FOLLOWS,
	 "Detail: go to the event it follows"},
	{'b', "b", TUI_DETAIL, ACT_FOLLOWED,
	 "Detail: go to the event that follows it (a menu if several)"},
	{'?', "?", TUI_ALL, ACT_HELP, "this help"},
	{'q', "q", TUI_ALL, ACT_QUIT, "close the screen (Timeline: quit)"},
	{27, NULL, TUI_DETAIL | TUI_HELP | TUI_LANES, ACT_QUIT, NULL},
	{KEY_BACKSPACE, NULL, TUI_DETAIL | TUI_HELP, ACT_QUIT, NULL},
};
const size_t tui_nkeys = sizeof(tui_keys) / sizeof(tui_keys[0]);

void tui_status(struct tui *t, bool err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_err = err;
}

char *tui_clean_n(const char *s, size_t max)
{
	struct buf b;
	size_t len = s ? strnlen(s, max) : 0;
	/* escape sequences go whole first (an OSC title may hold spaces),
	 * then each word through text_clean (controls, bidi overrides and
	 * invisible characters dropped), the spaces between words kept */
	char *stripped = text_strip_controls(s ? s : "", len);
	const char *p = stripped ? stripped : "";

	buf_init(&b, 0);
	buf_adds(&b, "");
	while (*p) {
		size_t n = strcspn(p, " ");
		char *w;

		if (!n) {
			buf_addc(&b, ' ');
			p++;
			continue;
		}
		w = text_clean(p, n);
		if (w)
			buf_adds(&b, w);
		free(w);
		p += n;
	}
	free(stripped);
	return buf_detach(&b);
}

char *tui_clean(const char *s)
{
	return tui_clean_n(s, (size_t)-1);
}

/* Set from the locale: the terminal takes ASCII only. */
static bool tui_ascii_only;

void tui_locale(void)
{
	tui_ascii_only = !text_locale_utf8();
}

char *tui_screen_text(char *s)
{
	char *a;

	if (!s || !tui_ascii_only)
		return s;
	a = text_ascii(s);
	if (!a)
		return s;
	free(s);
	return a;
}

void tui_glyph(int y, int x, const char *g)
{
	const char *a = tui_ascii_only ? NULL : g;
	char *owned = a ? NULL : text_ascii(g);

	mvaddstr(y, x, a ? a : owned ? owned : "?");
	free(owned);
}

void tui_put(int y, int x, const char *s, int cols, bool pad, int attr,
	     int pair)
{
	char *clean;
	struct buf b;

	if (cols <= 0)
		return;
	/* a screen line needs the start of a long text only */
	clean = tui_screen_text(tui_clean_n(s, 16 * (size_t)cols + 256));
	buf_init(&b, 0);
	if (clean &&
	    (tui_ascii_only ? text_fit_ascii(&b, clean, cols, pad)
			    : text_fit(&b, clean, cols, pad)) == 0 &&
	    b.data) {
		attron(attr | COLOR_PAIR(pair));
		mvaddstr(y, x, b.data);
		attroff(attr | COLOR_PAIR(pair));
	}
	buf_release(&b);
	free(clean);
}

void tui_hline(int y, int x, int n)
{
	int i;

	/* UTF-8 rather than the ACS: the same bytes on every terminal
	 * (ASCII where the locale is not UTF-8) */
	for (i = 0; i < n; i++)
		mvaddstr(y, x + i, tui_ascii_only ? "-" : "─");
}

/* Colour pairs: 1-6 companies (as annals list colours them), 7-12
 * actions by kind, 13 headers, 14 errors. */
enum { PAIR_HEAD = 13, PAIR_ERR = 14, PAIR_DIM = 15 };

int tui_company_pair(const struct tui *t, const char *company)
{
	unsigned h = 5381;

	if (!t->colour)
		return 0;
	for (; company && *company; company++)
		h = h * 33 + (unsigned char)*company;
	return 1 + (int)(h % 6);
}

int tui_action_pair(const struct tui *t, const char *a)
{
	static const struct {
		const char *slug;
		int pair;
	} kinds[] = {
		{"exit", 7},	  {"moratorium", 8}, {"restrict", 9},
		{"extend", 10},	  {"resume", 10},    {"pledge", 11},
		{"advocate", 11}, {"standard", 12},
	};
	size_t i;

	if (!t->colour || !a)
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(a, kinds[i].slug) == 0)
			return kinds[i].pair;
	return 0;
}

static void colours_init(struct tui *t)
{
	static const short company[] = {COLOR_RED,  COLOR_GREEN,   COLOR_YELLOW,
					COLOR_BLUE, COLOR_MAGENTA, COLOR_CYAN};
	static const short action[] = {COLOR_RED,  COLOR_YELLOW, COLOR_MAGENTA,
				       COLOR_CYAN, COLOR_GREEN,	 COLOR_BLUE};
	const char *nc = getenv("NO_COLOR");
	short i;

	t->colour = has_colors() && !(nc && *nc);
	if (!t->colour)
		return;
	start_color();
	use_default_colors();
	for (i = 0; i < 6; i++) {
		init_pair((short)(1 + i), company[i], -1);
		init_pair((short)(7 + i), action[i], -1);
	}
	init_pair(PAIR_HEAD, COLOR_CYAN, -1);
	init_pair(PAIR_ERR, COLOR_RED, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
}

long long tui_current_id(struct tui *t)
{
	if (t->screen == TUI_DETAIL)
		return t->det.id;
	if (t->screen == TUI_LANES)
		return t->lanes.cur.id;
	if (t->sel < t->win.n)
		return t->win.v[t->sel].id;
	return 0;
}

/* The status line and the key line. */
static void draw_footer(struct tui *t)
{
	static const char *const keys[] = {
		[TUI_LIST] =
			"q quit  ? help  / search  c a t d p filter  s star  e edit  m note  v lanes",
		[TUI_LANES] =
			"q back  ? help  Left Right time  j k company  + - zoom  Enter detail",
		[TUI_DETAIL] =
			"q back  ? help  f follows  b followed by  o open  s star  e edit  N note",
		[TUI_HELP] = "q back  j k scroll",
	};
	int y = t->rows - 2;

	move(y, 0);
	clrtoeol();
	if (t->fetch_pid > 0 && !t->status[0])
		tui_put(y, 0, "fetching...", t->cols, false, A_BOLD, 0);
	else if (t->status[0])
		tui_put(y, 0, t->status, t->cols, false,
			t->status_err ? A_BOLD : 0,
			t->status_err && t->colour ? PAIR_ERR : 0);
	move(y + 1, 0);
	clrtoeol();
	tui_put(y + 1, 0, keys[t->screen], t->cols, true, A_REVERSE, 0);
}

static void draw_first_run(struct tui *t)
{
	static const char *const text[] = {
		"annals: the database has no events yet.",
		"",
		"Get the bundled history of Amazon, IBM and Microsoft:",
		"    annals init",
		"then poll the live feeds (press F here, or from cron):",
		"    annals fetch",
		"or read files you have:",
		"    annals import --company NAME FILE...",
		"",
		"Press F to fetch now, r to reload, q to quit.",
	};
	size_t i;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if ((int)i + 2 < t->rows - 2)
			tui_put((int)i + 2, 2, text[i], t->cols - 4, false,
				i == 0 ? A_BOLD : 0, 0);
}

void tui_draw(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	erase();
	if (t->rows < 15 || t->cols < 60) {
		tui_put(0, 0,
			"annals: the terminal is too small (60x15 at least)",
			t->cols, false, A_BOLD, 0);
		refresh();
		return;
	}
	if (t->total_db == 0 && t->screen != TUI_HELP) {
		tui_list_header(t);
		draw_first_run(t);
	} else {
		switch (t->screen) {
		case TUI_LIST:
			tui_list_draw(t);
			break;
		case TUI_LANES:
			tui_lanes_draw(t);
			break;
		case TUI_DETAIL:
			tui_detail_draw(t);
			break;
		case TUI_HELP:
			tui_help_draw(t);
			break;
		}
	}
	draw_footer(t);
	refresh();
}

/* Read the database again (filters changed, something was written). */
void tui_reload(struct tui *t)
{
	struct err e;

	if (store_view_refresh(t->v, &e) < 0) {
		tui_status(t, true, "%s", e.msg);
		return;
	}
	if ((t->total_db = store_view_total(t->v, &e)) < 0) {
		t->total_db = 0;
		tui_status(t, true, "%s", e.msg);
	}
	tui_list_keep(t);
	t->lanes.dirty = true;
	if (t->screen == TUI_DETAIL && t->det.id) {
		size_t scroll = t->det_scroll;

		tui_open_detail(t, t->det.id);
		t->det_scroll = scroll; /* a quiet refresh keeps the place */
	}
}

void tui_open_detail(struct tui *t, long long id)
{
	struct err e;
	int r;

	tui_detail_release(t);
	r = store_view_detail(t->v, id, &t->det, &e);
	if (r <= 0) {
		tui_status(t, r < 0, "%s", r < 0 ? e.msg : "no such event");
		if (t->screen == TUI_DETAIL)
			t->screen = t->back;
		return;
	}
	if (t->screen != TUI_DETAIL) {
		t->back = t->screen;
		t->screen = TUI_DETAIL;
	}
	t->det_scroll = 0;
	tui_detail_build(t);
}

static enum tui_action lookup(const struct tui *t, int key)
{
	size_t i;

	for (i = 0; i < tui_nkeys; i++)
		if (tui_keys[i].key == key && (tui_keys[i].screens & t->screen))
			return tui_keys[i].act;
	return ACT_NONE;
}

static void on_list_key(struct tui *t, enum tui_action a)
{
	int page = TUI_BODY(t) - 1;

	switch (a) {
	case ACT_DOWN:
	case ACT_WHEEL_DOWN:
		tui_list_move(t, a == ACT_DOWN ? 1 : 3);
		break;
	case ACT_UP:
	case ACT_WHEEL_UP:
		tui_list_move(t, a == ACT_UP ? -1 : -3);
		break;
	case ACT_PGDN:
		tui_list_move(t, page > 1 ? page : 1);
		break;
	case ACT_PGUP:
		tui_list_move(t, -(page > 1 ? page : 1));
		break;
	case ACT_TOP:
		tui_list_top(t);
		break;
	case ACT_BOTTOM:
		tui_list_end(t);
		break;
	case ACT_OPEN:
		if (t->sel < t->win.n)
			tui_open_detail(t, t->win.v[t->sel].id);
		break;
	case ACT_ORDER:
		t->desc = !t->desc;
		tui_list_keep(t);
		tui_status(t, false, "%s first", t->desc ? "newest" : "oldest");
		break;
	default:
		break;
	}
}

static void dispatch(struct tui *t, int key)
{
	enum tui_action a = lookup(t, key);

	t->status[0] = '\0';
	if (a == ACT_NONE) {
		if (key != ERR && key != KEY_RESIZE && key != KEY_MOUSE)
			tui_status(t, false, "no key %s here; ? for help",
				   keyname(key) ? keyname(key) : "?");
		return;
	}
	switch (a) {
	case ACT_QUIT:
		if (t->screen == TUI_LIST)
			t->quit = true;
		else if (t->screen == TUI_DETAIL || t->screen == TUI_HELP)
			t->screen = t->back;
		else
			t->screen = TUI_LIST;
		if (t->screen == TUI_LIST)
			tui_list_keep(t);
		return;
	case ACT_HELP:
		if (t->screen != TUI_HELP) {
			t->back =
				t->screen == TUI_DETAIL ? TUI_LIST : t->screen;
			if (t->screen == TUI_DETAIL)
				t->back = TUI_DETAIL;
			t->screen = TUI_HELP;
			t->help_scroll = 0;
		}
		return;
	case ACT_LANES:
		if (t->screen == TUI_LANES) {
			t->screen = TUI_LIST;
			tui_list_keep(t);
		} else {
			tui_lanes_enter(t);
		}
		return;
	case ACT_RELOAD:
		tui_reload(t);
		tui_status(t, false, "reloaded");
		return;
	default:
		break;
	}
	if (tui_act(t, a))
		return;
	switch (t->screen) {
	case TUI_LIST:
		on_list_key(t, a);
		break;
	case TUI_LANES:
		tui_lanes_key(t, a);
		break;
	case TUI_DETAIL:
		tui_detail_key(t, a);
		break;
	case TUI_HELP:
		tui_help_key(t, a);
		break;
	}
}

/* A click on the Timeline selects the event under it; a second click
 * on it, or a double click, opens it. */
static void mouse_click(struct tui *t, int y, int twice)
{
	size_t i;

	if (t->screen != TUI_LIST || tui_list_row_at(t, y, &i) < 0)
		return;
	if (twice || i == t->sel) {
		t->sel = i;
		on_list_key(t, ACT_OPEN);
		return;
	}
	t->sel = i;
}

/* Mouse wheel as keys; clicks handled here (ERR returned). */
static int mouse_key(struct tui *t)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return ERR;
	if (me.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) {
		mouse_click(t, me.y, (me.bstate & BUTTON1_DOUBLE_CLICKED) != 0);
		return -4;
	}
	if (me.bstate & BUTTON4_PRESSED)
		return t->screen == TUI_LIST ? -2 : KEY_UP;
#ifdef BUTTON5_PRESSED
	if (me.bstate & BUTTON5_PRESSED)
		return t->screen == TUI_LIST ? -3 : KEY_DOWN;
#endif
	return ERR;
}

/* Another process committed (a cron fetch): refresh quietly. */
static void poll_changes(struct tui *t)
{
	long long dv;
	struct err e;

	if (store_view_data_version(t->v, &dv, &e) < 0)
		return; /* locked for a moment: next time */
	if (dv == t->data_version)
		return;
	t->data_version = dv;
	tui_reload(t);
}

static void setup_signals(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: getch returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
	sigaction(SIGHUP, &sa, &old[2]);
}

static void restore_signals(const struct sigaction *old)
{
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGTERM, &old[1], NULL);
	sigaction(SIGHUP, &old[2], NULL);
}

static void release(struct tui *t)
{
	tui_list_release(t);
	tui_lanes_release(&t->lanes);
	tui_detail_release(t);
	free(t->company);
	free(t->action);
	free(t->topic);
	free(t->fsearch);
	free(t->search);
	store_view_free(t->v);
	store_close(t->s);
}

static int init_filters(struct tui *t, const struct store_filter *f)
{
	t->f = *f;
	if (f->since)
		snprintf(t->since, sizeof(t->since), "%s", f->since);
	if (f->until)
		snprintf(t->until, sizeof(t->until), "%s", f->until);
	t->f.since = f->since ? t->since : NULL;
	t->f.until = f->until ? t->until : NULL;
	t->f.company = t->company = f->company ? strdup(f->company) : NULL;
	t->f.action = t->action = f->action ? strdup(f->action) : NULL;
	t->f.topic = t->topic = f->topic ? strdup(f->topic) : NULL;
	t->f.search = t->fsearch = f->search ? strdup(f->search) : NULL;
	return 0;
}

static void loop(struct tui *t)
{
	int key;

	tui_draw(t);
	while (!t->quit && !tui_signalled) {
		if (t->count_stale) {
			/* the counts after the screen, unless a key waits */
			timeout(0);
			key = getch();
			timeout(500);
			if (key == ERR) {
				tui_list_count(t, true);
				tui_draw(t);
				continue;
			}
		} else {
			key = getch();
		}
		if (tui_signalled)
			break;
		if (key == KEY_MOUSE) {
			key = mouse_key(t);
			if (key == -2 || key == -3) {
				on_list_key(t, key == -2 ? ACT_WHEEL_UP
							 : ACT_WHEEL_DOWN);
				tui_draw(t);
				continue;
			}
			if (key == -4) {
				tui_draw(t);
				continue;
			}
		}
		if (key == ERR) {
			/* idle: a background fetch, a concurrent writer */
			tui_act_fetch_poll(t);
			poll_changes(t);
			tui_draw(t);
			continue;
		}
		if (key == KEY_RESIZE) {
			if (t->screen == TUI_DETAIL)
				t->det_width = 0;
			tui_draw(t);
			continue;
		}
		dispatch(t, key);
		if (!t->quit)
			tui_draw(t);
	}
}

int tui_run(const struct tui_opts *o, struct err *e)
{
	struct sigaction old[3];
	struct tui t;
	SCREEN *scr = NULL;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	t.o = o;
	t.desc = true;
	t.screen = t.back = TUI_LIST;
	t.fetch_fd = -1;
	t.lanes.zoom = ZOOM_MONTH;
	tui_signalled = 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, "annals tui needs a terminal");
	if (store_open(o->db_path, STORE_WRITE, &t.s, e) < 0 ||
	    store_view_new(t.s, &t.v, e) < 0 ||
	    init_filters(&t, &o->filter) < 0)
		goto out;
	if ((t.total_db = store_view_total(t.v, e)) < 0 ||
	    store_view_data_version(t.v, &t.data_version, e) < 0)
		goto out;
	setup_signals(old);
	tui_locale();
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		restore_signals(old);
		err_set(e, "cannot use the terminal '%s'",
			getenv("TERM") ? getenv("TERM") : "");
		goto out;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(500);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
		  ,
		  NULL);
	colours_init(&t);
	getmaxyx(stdscr, t.rows, t.cols);
	tui_list_load(&t, NULL);
	loop(&t);
	tui_act_fetch_stop(&t);
	endwin();
	delscreen(scr);
	restore_signals(old);
	rc = 0;
out:
	release(&t);
	return rc;
}
