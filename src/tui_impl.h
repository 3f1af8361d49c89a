/* tui_impl.h - what the tui_*.c files share; nothing else includes it */
#ifndef ANNALS_TUI_IMPL_H
#define ANNALS_TUI_IMPL_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "store.h"
#include "store_view.h"
#include "tui.h"

struct buf;

/* Screens; also bit masks in the key table. */
enum tui_screen {
	TUI_LIST = 1,
	TUI_LANES = 2,
	TUI_DETAIL = 4,
	TUI_HELP = 8,
};
#define TUI_ALL (TUI_LIST | TUI_LANES | TUI_DETAIL | TUI_HELP)

enum tui_action {
	ACT_NONE,
	ACT_DOWN,
	ACT_UP,
	ACT_PGDN,
	ACT_PGUP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_OPEN,
	ACT_QUIT,
	ACT_HELP,
	ACT_LANES,
	ACT_ORDER,
	ACT_SEARCH,
	ACT_NEXT,
	ACT_PREV_OR_NOTE,
	ACT_COMPANY,
	ACT_ACTION,
	ACT_TOPIC,
	ACT_DATES,
	ACT_POLICY,
	ACT_CLEAR,
	ACT_STAR,
	ACT_HIDE,
	ACT_EDIT,
	ACT_NOTE,
	ACT_ADD,
	ACT_BROWSE,
	ACT_EXPORT,
	ACT_RELOAD,
	ACT_FETCH,
	ACT_ZOOM_IN,
	ACT_ZOOM_OUT,
	ACT_FOLLOWS,
	ACT_FOLLOWED,
	ACT_WHEEL_UP,
	ACT_WHEEL_DOWN,
};

/* One key binding: the table dispatch and the Help screen both read. */
struct tui_key {
	int key;	  /* a character or a KEY_* code */
	const char *name; /* as Help shows it */
	unsigned screens; /* where it works (enum tui_screen bits) */
	enum tui_action act;
	const char *help; /* NULL: an alias that Help does not list */
};

/* The key table and its length (tui.c). */
extern const struct tui_key tui_keys[];
extern const size_t tui_nkeys;

enum tui_zoom { ZOOM_WEEK, ZOOM_MONTH, ZOOM_QUARTER, ZOOM_YEAR };

struct tui_lanes {
	enum tui_zoom zoom;
	char **companies; /* the lanes, sorted */
	size_t ncompanies;
	size_t lane_top;	   /* first lane shown */
	struct store_view_row cur; /* the cursor's event (id 0: none) */
	long start;		   /* first unit shown */
	struct store_view_rows ev; /* weeks: events in [start, start + width) */
	long loaded_start, loaded_width;
	int loaded_zoom;
	bool dirty;
	bool truncated;
};

/* Events in a month, for the header's sparkline. */
struct tui_month {
	char month[8]; /* "YYYY-MM" */
	long long n;
};

/* A line of the Detail screen. */
struct tui_line {
	char *text; /* clean UTF-8 */
	int attr;   /* curses attributes */
	int pair;   /* colour pair, 0 none */
};

struct tui {
	const struct tui_opts *o;
	struct store *s;
	struct store_view *v;

	/* the filters; strings owned (since/until in the buffers) */
	struct store_filter f;
	char since[11], until[11];
	char *company, *action, *topic, *fsearch;
	bool desc;    /* newest first */
	char *search; /* for n/N */

	enum tui_screen screen, back; /* back: where Detail/Help return */
	int rows, cols;
	bool colour;
	bool quit;

	/* Timeline: a window of rows around the cursor */
	struct store_view_rows win;
	size_t sel, top;
	bool at_start, at_end;
	long long total_db, total;
	struct tui_month *months;
	size_t nmonths;
	struct store_view_rows cells; /* events per company and month */
	bool count_stale;	      /* total and months to be read again */

	struct tui_lanes lanes;

	/* Detail */
	struct store_view_detail det;
	struct tui_line *lines;
	size_t nlines;
	size_t det_scroll;
	int det_width; /* the lines were wrapped for */

	size_t help_scroll;

	char status[512];
	bool status_err;
	long long data_version;

	/* F: a fetch running in the background */
	pid_t fetch_pid;
	int fetch_fd;
	char fetch_buf[512];
	size_t fetch_len;
};

/* Body lines between the header (2) and the status and key lines (2). */
#define TUI_BODY(t) ((t)->rows - 4)

/* tui.c */
/* True once SIGINT, SIGTERM or SIGHUP arrived: leave at once. */
int tui_interrupted(void);
void tui_status(struct tui *t, bool err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_draw(struct tui *t);
long long tui_current_id(struct tui *t);
/* Colour pair of a company and of an action (0 without colour). */
int tui_company_pair(const struct tui *t, const char *company);
int tui_action_pair(const struct tui *t, const char *action);
/* Draw s (untrusted: cleaned here) at y, x in at most cols columns,
 * padded when pad. */
void tui_put(int y, int x, const char *s, int cols, bool pad, int attr,
	     int pair);
/* A horizontal line of n cells at y, x (U+2500, or '-'). */
void tui_hline(int y, int x, int n);
/* Read the locale: where its character set is not UTF-8 the screens
 * draw in ASCII (tui_put, tui_glyph, tui_screen_text). */
void tui_locale(void);
/* s (owned, cleaned text) as the terminal can show it: s itself, or
 * freed and replaced by text_ascii(s). NULL stays NULL. */
char *tui_screen_text(char *s);
/* One drawing character g (a UTF-8 literal) at y, x. */
void tui_glyph(int y, int x, const char *g);
/* Clean untrusted text for the screen; caller frees; never NULL. */
char *tui_clean(const char *s);
/* The same for at most the first max bytes of s. */
char *tui_clean_n(const char *s, size_t max);
void tui_reload(struct tui *t);
void tui_open_detail(struct tui *t, long long id);

/* tui_list.c */
void tui_list_load(struct tui *t, const struct store_view_pos *at);
void tui_list_keep(struct tui *t);
/* The row of the Timeline drawn at screen line y: 0 with *idx its index
 * in t->win, -1 when y shows no event (a header, a month line). */
int tui_list_row_at(struct tui *t, int y, size_t *idx);
/* The window at event id, now on day (after an edit moved it). */
void tui_list_goto(struct tui *t, long long id, const char *day);
void tui_list_move(struct tui *t, long delta);
void tui_list_end(struct tui *t);
void tui_list_top(struct tui *t);
/* Read the total and the months for the header (a full pass); when
 * interruptible, a key pressed meanwhile stops it (still stale). */
void tui_list_count(struct tui *t, bool interruptible);
void tui_list_draw(struct tui *t);
void tui_list_header(struct tui *t);
int tui_list_find(struct tui *t, bool backwards);
void tui_list_release(struct tui *t);

/* tui_lanes.c */
void tui_lanes_enter(struct tui *t);
void tui_lanes_key(struct tui *t, enum tui_action a);
void tui_lanes_draw(struct tui *t);
void tui_lanes_release(struct tui_lanes *l);

/* tui_detail.c */
void tui_detail_build(struct tui *t);
void tui_detail_draw(struct tui *t);
void tui_detail_key(struct tui *t, enum tui_action a);
void tui_detail_release(struct tui *t);

/* tui_help.c */
void tui_help_draw(struct tui *t);
void tui_help_key(struct tui *t, enum tui_action a);

/* tui_prompt.c */
/* Read a line on the status line. Returns 1 and *out (caller frees), or 0
 * when cancelled (Esc, Ctrl-G). */
int tui_prompt(struct tui *t, const char *label, const char *initial,
	       char **out);
/* A menu of n items in a box; returns the index chosen or -1. */
long tui_menu(struct tui *t, const char *title, const char *const *items,
	      size_t n, size_t initial);
/* Ask y/n; returns 1 for yes. */
int tui_confirm(struct tui *t, const char *question);

#endif
