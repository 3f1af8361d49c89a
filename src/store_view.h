/* store_view.h - what the TUI reads and writes: keyset pages of the
 * filtered timeline, counts per month, one event in full, curation */
#ifndef ANNALS_STORE_VIEW_H
#define ANNALS_STORE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

struct err;
struct store;
struct store_filter;
struct store_view;

/*
 * A view over the open store s (borrowed: close the view first). It keeps
 * a small temporary map from events to their curation rows, rebuilt by
 * store_view_refresh(). Returns 0 and *out (free with store_view_free),
 * or -1.
 */
int store_view_new(struct store *s, struct store_view **out, struct err *e);

/* Free a view; NULL-safe. */
void store_view_free(struct store_view *v);

/* Rebuild the curation map after the database changed (another process
 * wrote, or this one curated). Returns 0/-1. */
int store_view_refresh(struct store_view *v, struct err *e);

/* PRAGMA data_version: it changes when another connection commits.
 * Returns 0 and *out, or -1. */
int store_view_data_version(struct store_view *v, long long *out,
			    struct err *e);

/* A place in the timeline's order (day, then id). */
struct store_view_pos {
	char day[11];
	long long id;
};

/* One timeline row, as the list and the lanes draw it. Owned strings
 * (NULL when absent); release with store_view_rows_release(). */
struct store_view_row {
	long long id;
	char day[11];
	char *company;
	char *action;
	char *title;
	char *until; /* "YYYY-MM-DD", or NULL */
	char *until_text;
	long long follows; /* 0: none */
	int nsources;
	bool policy;
	bool starred;
	bool hidden;
	bool noted;
	bool manual;
};

struct store_view_rows {
	struct store_view_row *v;
	size_t n;
};

/* Release the rows and zero r; NULL-safe. */
void store_view_rows_release(struct store_view_rows *r);

/*
 * Up to limit events matching f, in (day, id) order, newest first when
 * desc, starting after the place after (at it too when inclusive; NULL:
 * from the first). Fills out (zeroed by the caller; appended to). Only
 * the rows asked for are read: a page costs the same on 100 or 100,000
 * events. Returns 0/-1 (an FTS5 syntax error in f->search is reported).
 */
int store_view_page(struct store_view *v, const struct store_filter *f,
		    bool desc, const struct store_view_pos *after,
		    bool inclusive, size_t limit, struct store_view_rows *out,
		    struct err *e);

/* Up to limit events matching f, oldest first, as light rows: id, day,
 * company and action only (for the Lanes). Returns 0/-1. */
int store_view_points(struct store_view *v, const struct store_filter *f,
		      size_t limit, struct store_view_rows *out, struct err *e);

/*
 * The events matching f per company and month (the header's counts, the
 * sparkline, the Lanes zoomed out): rows whose day is the month's first,
 * with the action and id of its newest event and, in nsources, the number
 * of events. Fills out (zeroed by the caller). It reads every matching
 * event: stop (may be NULL) is called now and then with ctx and cuts the
 * query short by returning non-zero. Returns 0, 1 when stopped (out
 * empty), or -1.
 */
int store_view_lane_months(struct store_view *v, const struct store_filter *f,
			   int (*stop)(void *), void *ctx,
			   struct store_view_rows *out, struct err *e);

/* Number of events in the database, whatever the filters (0: the
 * first-run screen), or -1 with e set. */
long long store_view_total(struct store_view *v, struct err *e);

/* The distinct values of field ("company" or "topic") among events
 * matching f, sorted. Fills *out (each string and the array owned by the
 * caller) and *n. Returns 0/-1. */
int store_view_values(struct store_view *v, const struct store_filter *f,
		      const char *field, char ***out, size_t *n, struct err *e);

/* A revision of an item: its text before it was replaced. */
struct store_view_rev {
	char *title;
	char *summary;
	long long replaced_at; /* UTC epoch */
};

/* A source (item) behind an event, with the revisions of its text. */
struct store_view_source {
	char *source;
	char *url;
	char *title; /* the current text */
	char *summary;
	long long published;
	bool has_published;
	struct store_view_rev *revs; /* oldest first */
	size_t nrevs;
};

/* An event one links to (follows / followed by). */
struct store_view_link {
	long long id;
	char day[11];
	char *title;
};

/* One event in full, as the Detail screen shows it. Everything owned;
 * release with store_view_detail_release(). */
struct store_view_detail {
	long long id;
	char day[11];
	char *key;
	char *company;
	char *action;
	char **topics;
	size_t ntopics;
	char *title;
	char *summary;
	char *until;
	char *until_text;
	char *origin;
	char *evidence; /* JSON */
	char *note;
	char *url; /* of a manual event */
	bool policy;
	bool starred;
	bool hidden;
	struct store_view_link follows; /* id 0: none */
	struct store_view_link *followed_by;
	size_t nfollowed_by;
	struct store_view_source *sources;
	size_t nsources;
};

/* Read event id into out (zeroed first). Returns 1, 0 when there is no
 * such event, or -1. */
int store_view_detail(struct store_view *v, long long id,
		      struct store_view_detail *out, struct err *e);

/* Release what d owns and zero it; NULL-safe. */
void store_view_detail_release(struct store_view_detail *d);

/* What a curation write changes. */
enum store_view_field {
	STORE_VIEW_STAR,   /* toggles */
	STORE_VIEW_HIDE,   /* toggles */
	STORE_VIEW_NOTE,   /* value: text, NULL or "" clears */
	STORE_VIEW_ACTION, /* value: an action slug, NULL clears */
	STORE_VIEW_TOPICS, /* value: a JSON array of slugs, NULL clears */
	STORE_VIEW_DAY,	   /* value: "YYYY-MM-DD", NULL clears */
	STORE_VIEW_TITLE,  /* value: text, NULL clears */
};

/*
 * Write the user's correction of event id to the curation table, keyed by
 * the event's stable key (so it survives re-extraction), then refresh the
 * view. The value is validated by the caller. Returns 0/-1 (a database
 * locked longer than the busy timeout is an error the caller may retry).
 */
int store_view_curate(struct store_view *v, long long id,
		      enum store_view_field field, const char *value,
		      struct err *e);

#endif
