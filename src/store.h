/* store.h - the database: the only user of sqlite3 */
#ifndef ANNALS_STORE_H
#define ANNALS_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "item.h"

struct err;
struct store;

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 7

enum store_mode {
	STORE_READ,  /* the database must exist; nothing is written */
	STORE_WRITE, /* created (with its schema) if missing */
};

/*
 * Open the database at path. STORE_WRITE creates the file (not its
 * directory) and migrates an older schema; a newer schema, a file that is
 * not SQLite, or a missing file in STORE_READ mode is an error and the file
 * is left untouched. Returns 0 and *out (free with store_close), or -1.
 */
int store_open(const char *path, enum store_mode mode, struct store **out,
	       struct err *e);

/* Close the database; NULL-safe. Items this connection added are put in
 * the full-text index first (store_fts_catchup), unless a transaction is
 * open; a failure there leaves them pending, and still searchable. */
void store_close(struct store *s);

/* The schema version of the open database. */
int store_version(struct store *s);

/* Transactions: one per source or file. Each returns 0 or -1. begin takes
 * the write lock at once (BEGIN IMMEDIATE). rollback is NULL-safe and
 * never fails loudly. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

/*
 * A fetch's way of writing, on this connection (off after store_open()):
 * no foreign-key enforcement, for a fetch writes no reference it has not
 * just read or written in the same transaction and deletes nothing (the
 * checks, and the statement journal each checked insert opens, were a
 * sixth of a cold fetch's time); a page cache of 16 MB rather than 2, for
 * the commits that hold many sources; savepoints' pages kept in memory.
 * Not inside a transaction. 0 or -1.
 */
int store_bulk(struct store *s, bool on, struct err *e);

/* A savepoint inside the open transaction, so that several sources can
 * share one commit and each still be kept or undone whole: what is
 * written after store_savepoint() is undone alone by
 * store_savepoint_rollback() (the savepoint stays open) and kept, with
 * the transaction, after store_savepoint_release(). Savepoints do not
 * nest here. 0 or -1; rollback never fails loudly. */
int store_savepoint(struct store *s, struct err *e);
int store_savepoint_release(struct store *s, struct err *e);
void store_savepoint_rollback(struct store *s);

/*
 * New items are not put in the full-text index by the transaction that
 * adds them (a flush per source is most of a commit's index work): they
 * are listed as pending, which searches read aside, and indexed together
 * by this, in one transaction of its own; call it outside a transaction
 * at the end of a run. Pending items left by a killed run are indexed by
 * the next call. Returns 0 (nothing pending is fine) or -1 with e set,
 * the items then still pending.
 */
int store_fts_catchup(struct store *s, struct err *e);

/*
 * For a run of many transactions (a fetch): until store_checkpoints_stop()
 * (or store_close), the write-ahead log is copied back into the database
 * by a thread with a connection of its own, so that commits never wait
 * for the disk. No-op on a read-only database. Returns 0, or -1 with e
 * set (checkpoints then stay with the writer, as before).
 */
int store_checkpoints_start(struct store *s, struct err *e);

/* End what store_checkpoints_start() began; NULL-safe, idempotent. */
void store_checkpoints_stop(struct store *s);

/* A source row; strings borrowed. */
struct store_source {
	const char *name;
	const char *company;
	const char *kind;
	const char *url;
};

/* Insert or update the source called src->name; sets *id. A changed url
 * starts its polling state afresh (validators, failures, redirect,
 * disabled). Returns 0/-1. */
int store_source_upsert(struct store *s, const struct store_source *src,
			long long *id, struct err *e);

/*
 * Look up the source called name. Returns 1 and sets *company and *url
 * (each a new string the caller frees, NULL when not recorded), 0 if there
 * is no such source, or -1 with e set.
 */
int store_source_find(struct store *s, const char *name, char **company,
		      char **url, struct err *e);

/* A source's polling state. Strings owned; release with
 * store_poll_state_release(). */
struct store_poll_state {
	long long id;
	char *effective_url; /* after a permanent redirect, or NULL */
	char *etag;	     /* validators to send back, or NULL */
	char *last_modified;
	char *last_error;   /* of the last poll, NULL if it succeeded */
	int failures;	    /* consecutive */
	long long next_due; /* UTC epoch; 0: due now */
	long long last_success;
	bool disabled;	 /* 410 Gone: not polled until its url changes */
	char *body_hash; /* of the last body read (sync_body_hash), or NULL */
};

/* Read the polling state of source name. Returns 1 (found), 0 (no such
 * source; *out zeroed) or -1 with e set. */
int store_poll_state_get(struct store *s, const char *name,
			 struct store_poll_state *out, struct err *e);

/* Release what st owns and zero it; NULL-safe. */
void store_poll_state_release(struct store_poll_state *st);

/* What annals sources shows of a source. Owned strings. */
struct store_source_stats {
	bool known; /* in the database at all */
	long long items;
	long long events;
	long last_status; /* HTTP status of the last poll, 0 none */
	char *last_error; /* NULL if the last poll succeeded */
	int failures;
	long long last_success; /* UTC epoch, 0 never */
	long long next_due;	/* UTC epoch, 0 due now */
	bool disabled;
	char *effective_url; /* after a permanent redirect, or NULL */
};

/* Fill out for source name. Returns 0/-1; release with
 * store_source_stats_release(). */
int store_source_stats(struct store *s, const char *name,
		       struct store_source_stats *out, struct err *e);

/* Release what st owns and zero it; NULL-safe. */
void store_source_stats_release(struct store_source_stats *st);

/* The outcome of one poll, as recorded. Strings borrowed. */
struct store_poll {
	long http;	   /* 0: no response */
	const char *error; /* NULL: success (200 or 304) */
	bool not_modified; /* 304: validators kept unless new ones came */
	const char *etag;  /* of the response; on 200 they replace ... */
	const char *last_modified; /* ... the stored ones, even with NULL */
	const char *moved_to;	   /* new permanent URL, or NULL */
	bool gone;		   /* 410: disable the source */
	int failures;		   /* consecutive, after this poll */
	long long next_due;
	long long now;
	const char *body_hash; /* of a body read (200), or NULL: kept */
};

/* Record the outcome of a poll of source name (which must exist). Only
 * the sources row is written. Returns 0/-1. */
int store_poll_record(struct store *s, const char *name,
		      const struct store_poll *p, struct err *e);

enum store_item_result {
	STORE_ITEM_NEW,
	STORE_ITEM_SAME,
	STORE_ITEM_REVISED, /* title or text changed: old version kept */
};

/*
 * Insert the item, or update the stored item with the same source and id.
 * When its title, summary or content changed, the old version goes to
 * item_revisions with now as the time it was replaced. An item is never
 * deleted. Sets *id and *res. Returns 0/-1.
 */
int store_item_upsert(struct store *s, long long source_id,
		      const struct item *it, long long now, long long *id,
		      enum store_item_result *res, struct err *e);

/*
 * Insert or update an extracted event backed by the stored items
 * item_ids[0..n-1] (n >= 1; the first is its key, so that re-extraction
 * updates the same event). key (may be NULL: it is then read) is that
 * key as the caller knows it: the first item's source name, '/', its
 * guid. *created (may be NULL) tells whether the event is new. Returns
 * 0/-1.
 */
int store_event_upsert(struct store *s, const struct event *ev,
		       const long long *item_ids, size_t n, const char *key,
		       bool *created, struct err *e);

/* The event of a stored item: *event_id (0: none) and whether the item is
 * its key (first) item. Returns 0/-1. */
int store_item_event(struct store *s, long long item_id, long long *event_id,
		     bool *is_key, struct err *e);

/* Put item_id into the event event_id (a cluster), which takes day when
 * that is earlier than its own. Returns 0/-1. */
int store_event_add_item(struct store *s, long long event_id, long long item_id,
			 const char *day, struct err *e);

/* The event of another item with this link (a cross-post), 0 if none, or
 * -1 with e set. */
long long store_event_by_link(struct store *s, const char *link,
			      long long except_item, struct err *e);

/* A stored event as clustering and follow-ups need it. Owned strings. */
struct store_known {
	long long id;
	long long follows;
	char day[11];
	char *company;
	char *action;
	bool policy;
	char *title;
	char *summary;
	char **topics;
	size_t ntopics;
	char **links;
	size_t nlinks;
};

struct store_known_list {
	struct store_known *v;
	size_t n;
};

/*
 * The policy events of company that a new event of day may join (day +- 3
 * days) or, with history, follow up or be followed by (+- 6 years). Fills
 * out (zeroed by the caller; release with store_known_release()). Returns
 * 0/-1.
 */
int store_known_events(struct store *s, const char *company, const char *day,
		       bool history, struct store_known_list *out,
		       struct err *e);

/* How many extend/resume policy events of company follow nothing yet, or
 * -1 with e set. */
long long store_orphan_followups(struct store *s, const char *company,
				 struct err *e);

/* Release what l owns and zero it; NULL-safe. */
void store_known_release(struct store_known_list *l);

/* Called per stored item; the item and strings are borrowed for the call.
 * Return non-zero to stop. */
typedef int (*store_item_fn)(const struct item *it, long long item_id,
			     const char *source, const char *company,
			     long long first_seen, void *ctx);

/* Call fn for every stored item, oldest first. Returns 0, fn's non-zero
 * value, or -1 with e set. */
int store_items_each(struct store *s, store_item_fn fn, void *ctx,
		     struct err *e);

/* Delete every extracted event (manual events and curation stay), for
 * re-extraction. Returns 0/-1. */
int store_events_clear(struct store *s, struct err *e);

/*
 * Add a manual event (origin "manual", a policy move, no items) with an
 * optional source url. Sets *id. Returns 0/-1.
 */
int store_event_add_manual(struct store *s, const struct event *ev,
			   const char *url, long long *id, struct err *e);

/* Set the event that event id follows up. Returns 0/-1. */
int store_event_set_follows(struct store *s, long long id, long long follows,
			    struct err *e);

/* Filters shared by list, export and tui; strings borrowed, NULL: any.
 * since/until are "YYYY-MM-DD" days, inclusive. */
struct store_filter {
	const char *since;
	const char *until;
	const char *company;
	const char *action;
	const char *topic;
	const char *search;
	long long created_since; /* only events first written then (0: any) */
	long long id;		 /* only this event (0: any) */
	long long follows;	 /* only events that follow this one (0: any) */
	bool all;		 /* include events that are not policy moves */
	bool starred;
};

/* A source behind an event, as handed to a query callback. */
struct store_event_source {
	const char *source;
	const char *url;
	long long published; /* valid when has_published */
	bool has_published;
};

/* An event row, borrowed for the duration of the callback. */
struct store_event {
	long long id;
	const char *day;
	const char *company;
	const char *action;
	const char *const *topics;
	size_t ntopics;
	const char *title;
	const char *summary;
	const char *until;	/* NULL if none */
	const char *until_text; /* NULL if none */
	long long follows;	/* 0 if none */
	bool policy;
	const char *origin;
	bool starred;
	const char *evidence; /* JSON, NULL if none */
	const char *key;      /* the stable key curation uses */
	const char *url;      /* of a manual event, or NULL */
	const char *note;     /* the user's, or NULL */
	const struct store_event_source *sources;
	size_t nsources;
};

/* Called per event; return non-zero to stop (the query returns that). */
typedef int (*store_event_fn)(const struct store_event *ev, void *ctx);

/*
 * Call fn for each event matching f, oldest day first (newest first when
 * newest is set). Returns 0, fn's non-zero value, or -1 with e set.
 */
int store_events(struct store *s, const struct store_filter *f, bool newest,
		 store_event_fn fn, void *ctx, struct err *e);

/* Number of rows in a table of the schema (for status and tests): one of
 * "sources", "items", "item_revisions", "events", "event_items".
 * Returns the count, or -1 with e set. */
long long store_count(struct store *s, const char *table, struct err *e);

#endif
