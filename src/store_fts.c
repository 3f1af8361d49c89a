/* store_fts.c - the full-text index: written once per run, read aside */
#include "store.h"

#include "err.h"
#include "store_impl.h"

/*
 * Why: FTS5 writes a new segment (and merges older ones) each time a
 * transaction that added rows commits; a fetch commits once per source,
 * so indexing each source's items in its own transaction cost a fifth of
 * a cold fetch. New items are listed in fts_pending instead (in the
 * source's transaction, so nothing is lost by a kill) and indexed here
 * in one go. An item already indexed whose text changes leaves the index
 * and comes back at once (store_item.c): FTS5 needs the old text to
 * remove it, and a revision is rare.
 */

int store_fts_catchup(struct store *s, struct err *e)
{
	long long pending;

	if (store_query_int(s, "SELECT EXISTS (SELECT 1 FROM fts_pending)",
			    &pending, e) < 0)
		return -1;
	if (pending) {
		if (store_begin(s, e) < 0)
			return -1;
		/* in id order: FTS5 appends to its doclists */
		if (store_exec(s,
			       "INSERT INTO items_fts (rowid, title, summary,"
			       " content) SELECT i.id, i.title, i.summary,"
			       " i.content FROM fts_pending p"
			       " JOIN items i ON i.id = p.id ORDER BY p.id;"
			       "DELETE FROM fts_pending;",
			       e) < 0 ||
		    store_commit(s, e) < 0) {
			store_rollback(s);
			return err_wrap(e, "indexing new items");
		}
	}
	s->fts_added = false;
	return 0;
}

int store_fts_search_prepare(struct store *s, struct err *e)
{
	long long version, pending;

	/* temp: a reader of a file it may not write has one too */
	if (!s->fts_new_made) {
		if (store_exec(s,
			       "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_new"
			       " USING fts5(title, summary, content)",
			       e) < 0)
			return -1;
		s->fts_new_made = true;
		s->fts_new_changes = -1;
	}
	/* refilled only when this or another connection wrote since */
	if (store_query_int(s, "PRAGMA data_version", &version, e) < 0)
		return -1;
	if (version == s->fts_new_version &&
	    sqlite3_total_changes64(s->db) == s->fts_new_changes)
		return 0;
	if (store_query_int(s, "SELECT EXISTS (SELECT 1 FROM fts_pending)",
			    &pending, e) < 0)
		return -1;
	if (store_exec(s, "DELETE FROM temp.fts_new", e) < 0 ||
	    (pending && store_exec(s,
				   "INSERT INTO temp.fts_new (rowid, title,"
				   " summary, content) SELECT i.id, i.title,"
				   " i.summary, i.content FROM fts_pending p"
				   " JOIN items i ON i.id = p.id",
				   e) < 0))
		return -1;
	s->fts_new_version = version;
	s->fts_new_changes = sqlite3_total_changes64(s->db);
	return 0;
}
