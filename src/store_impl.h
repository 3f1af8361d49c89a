/* store_impl.h - what the store_*.c files share; nothing else includes it */
#ifndef ANNALS_STORE_IMPL_H
#define ANNALS_STORE_IMPL_H

#include <sqlite3.h>

#include "store.h"

/* Log pages between the writer's own checkpoints (PRAGMA
 * wal_autocheckpoint). */
#define STORE_WAL_AUTOCHECKPOINT 8192

struct store_ckpt;

/* An open database and its prepared statements (each made on first use). */
struct store {
	sqlite3 *db;
	char *path;
	int version;
	sqlite3_stmt *item_get, *item_ins, *item_upd, *item_meta, *rev_ins;
	sqlite3_stmt *src_upsert, *ev_new, *ev_upsert, *ev_link, *ev_exists;
	sqlite3_stmt *fts_pend, *fts_del, *fts_one, *item_event, *by_link;
	sqlite3_stmt *add_link, *add_day, *add_key, *known, *known_json;
	sqlite3_stmt *orphans, *poll_get, *poll_rec;
	bool fts_added;		   /* this connection added pending items */
	bool fts_new_made;	   /* temp.fts_new exists */
	long long fts_new_version; /* PRAGMA data_version it was filled at */
	long long fts_new_changes; /* total_changes it was filled at, -1 */
	struct store_ckpt *ckpt;   /* checkpoints on a thread, or NULL */
};

/*
 * The items a search must look at: a subquery of item ids matching the
 * FTS5 query in the SQL parameter param, from the index and from the
 * items not indexed yet. store_fts_search_prepare() first.
 */
#define STORE_FTS_IDS(param)                                                   \
	"(SELECT rowid FROM items_fts WHERE items_fts MATCH " param            \
	" UNION ALL SELECT rowid FROM temp.fts_new WHERE fts_new MATCH " param \
	")"

/* Make temp.fts_new hold the items not yet in items_fts (fts_pending),
 * for STORE_FTS_IDS. Call before each search query. Returns 0/-1. */
int store_fts_search_prepare(struct store *s, struct err *e);

/* Fill e with "'path': what: sqlite message"; returns -1. */
int store_db_err(struct store *s, struct err *e, const char *what);

/* Run SQL without results. Returns 0/-1. */
int store_exec(struct store *s, const char *sql, struct err *e);

/* Prepare *st once (persistent) or reset it for reuse. Returns 0/-1. */
int store_prepare(struct store *s, sqlite3_stmt **st, const char *sql,
		  struct err *e);

/* One integer from a query without parameters. Returns 0/-1. */
int store_query_int(struct store *s, const char *sql, long long *out,
		    struct err *e);

/* Bind v (NULL binds NULL); the string must outlive the step. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);

/* Step a statement that returns no row we need. Returns 0/-1. */
int store_step_done(struct store *s, sqlite3_stmt *st, struct err *e,
		    const char *what);

/* A copy of a text column (NULL stays NULL); caller frees. */
char *store_col_dup(sqlite3_stmt *st, int col);

/* --- one-shot statements (store.c's last block) --------------------- */

/* Prepare sql into *st for one use; sqlite3_finalize() it (NULL-safe).
 * Returns 0, or -1 with *st NULL and e "'path': what: message". */
int store_stmt(struct store *s, sqlite3_stmt **st, const char *sql,
	       struct err *e, const char *what);

/* Step st once. Returns 1 (a row: its columns can be read), 0 (no more
 * rows) or -1 with e "'path': what: message". */
int store_step_row(struct store *s, sqlite3_stmt *st, struct err *e,
		   const char *what);

/* Step st, which returns no row we need, and finalize it. Returns 0, or
 * -1 with e "'path': what: message". */
int store_stmt_run(struct store *s, sqlite3_stmt *st, struct err *e,
		   const char *what);

#endif
