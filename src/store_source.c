/* store_source.c - sources and their polling state */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store_impl.h"

int store_source_upsert(struct store *s, const struct store_source *src,
			long long *id, struct err *e)
{
	if (store_prepare(
		    s, &s->src_upsert,
		    "INSERT INTO sources (name, company, kind, url)"
		    " VALUES (?1, ?2, coalesce(?3, 'feed'), ?4)"
		    " ON CONFLICT (name) DO UPDATE SET"
		    "  company = coalesce(excluded.company, company),"
		    "  kind = excluded.kind,"
		    "  url = coalesce(excluded.url, url),"
		    /* a new url in the config: what we knew no longer holds */
		    "  (etag, last_modified, effective_url, failures, disabled,"
		    "   next_due) = (SELECT CASE WHEN moved THEN NULL ELSE etag END,"
		    "   CASE WHEN moved THEN NULL ELSE last_modified END,"
		    "   CASE WHEN moved THEN NULL ELSE effective_url END,"
		    "   CASE WHEN moved THEN 0 ELSE failures END,"
		    "   CASE WHEN moved THEN 0 ELSE disabled END,"
		    "   CASE WHEN moved THEN NULL ELSE next_due END"
		    "   FROM (SELECT excluded.url IS NOT NULL"
		    "         AND excluded.url IS NOT url AS moved))"
		    " RETURNING id",
		    e) < 0)
		return -1;
	store_bind_text(s->src_upsert, 1, src->name);
	store_bind_text(s->src_upsert, 2, src->company);
	store_bind_text(s->src_upsert, 3, src->kind);
	store_bind_text(s->src_upsert, 4, src->url);
	if (sqlite3_step(s->src_upsert) != SQLITE_ROW)
		return store_db_err(s, e, "source");
	*id = sqlite3_column_int64(s->src_upsert, 0);
	sqlite3_reset(s->src_upsert);
	return 0;
}

/* Prepare sql for one use, bind name to ?1 and step: store_step_row(),
 * with *st to finalize in every case. */
static int source_row(struct store *s, sqlite3_stmt **st, const char *sql,
		      const char *name, struct err *e)
{
	if (store_stmt(s, st, sql, e, "read source") < 0)
		return -1;
	store_bind_text(*st, 1, name);
	return store_step_row(s, *st, e, "read source");
}

int store_source_find(struct store *s, const char *name, char **company,
		      char **url, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*company = NULL;
	*url = NULL;
	rc = source_row(s, &st,
			"SELECT company, url FROM sources WHERE name = ?1",
			name, e);
	if (rc == 1) {
		*company = store_col_dup(st, 0);
		*url = store_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	return rc;
}

void store_poll_state_release(struct store_poll_state *st)
{
	if (!st)
		return;
	free(st->effective_url);
	free(st->etag);
	free(st->last_modified);
	free(st->last_error);
	free(st->body_hash);
	memset(st, 0, sizeof(*st));
}

int store_poll_state_get(struct store *s, const char *name,
			 struct store_poll_state *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	/* kept: a fetch asks once for every source */
	if (store_prepare(s, &s->poll_get,
			  "SELECT id, effective_url, etag, last_modified,"
			  " last_error, failures, next_due, last_success,"
			  " disabled, body_hash FROM sources WHERE name = ?1",
			  e) < 0)
		return -1;
	st = s->poll_get;
	store_bind_text(st, 1, name);
	rc = store_step_row(s, st, e, "read source");
	if (rc == 1) {
		out->id = sqlite3_column_int64(st, 0);
		out->effective_url = store_col_dup(st, 1);
		out->etag = store_col_dup(st, 2);
		out->last_modified = store_col_dup(st, 3);
		out->last_error = store_col_dup(st, 4);
		out->failures = sqlite3_column_int(st, 5);
		out->next_due = sqlite3_column_int64(st, 6);
		out->last_success = sqlite3_column_int64(st, 7);
		out->disabled = sqlite3_column_int(st, 8) != 0;
		out->body_hash = store_col_dup(st, 9);
	}
	sqlite3_reset(st);
	return rc;
}

int store_poll_record(struct store *s, const char *name,
		      const struct store_poll *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* kept: a fetch records once for every source */
	if (store_prepare(
		    s, &s->poll_rec,
		    "UPDATE sources SET last_status = ?2, last_error = ?3,"
		    " etag = CASE WHEN ?3 IS NOT NULL THEN etag"
		    "  WHEN ?4 THEN coalesce(?5, etag) ELSE ?5 END,"
		    " last_modified = CASE WHEN ?3 IS NOT NULL THEN last_modified"
		    "  WHEN ?4 THEN coalesce(?6, last_modified) ELSE ?6 END,"
		    " effective_url = coalesce(?7, effective_url),"
		    " disabled = disabled OR ?8, failures = ?9, next_due = ?10,"
		    " last_success = CASE WHEN ?3 IS NULL THEN ?11"
		    "  ELSE last_success END,"
		    " body_hash = CASE WHEN ?3 IS NULL THEN coalesce(?12, body_hash)"
		    "  ELSE body_hash END"
		    " WHERE name = ?1",
		    e) < 0)
		return -1;
	st = s->poll_rec;
	store_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, p->http);
	store_bind_text(st, 3, p->error);
	sqlite3_bind_int(st, 4, p->not_modified);
	store_bind_text(st, 5, p->etag);
	store_bind_text(st, 6, p->last_modified);
	store_bind_text(st, 7, p->moved_to);
	sqlite3_bind_int(st, 8, p->gone);
	sqlite3_bind_int(st, 9, p->failures);
	sqlite3_bind_int64(st, 10, p->next_due);
	sqlite3_bind_int64(st, 11, p->now);
	store_bind_text(st, 12, p->body_hash);
	rc = store_step_done(s, st, e, "record poll");
	sqlite3_reset(st);
	return rc;
}

void store_source_stats_release(struct store_source_stats *st)
{
	if (!st)
		return;
	free(st->last_error);
	free(st->effective_url);
	memset(st, 0, sizeof(*st));
}

int store_source_stats(struct store *s, const char *name,
		       struct store_source_stats *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = source_row(
		s, &st,
		"SELECT coalesce(last_status, 0), last_error, failures,"
		" coalesce(last_success, 0), coalesce(next_due, 0), disabled,"
		" effective_url,"
		" (SELECT count(*) FROM items WHERE source_id = sources.id),"
		" (SELECT count(DISTINCT ei.event_id) FROM items i"
		"  JOIN event_items ei ON ei.item_id = i.id"
		"  WHERE i.source_id = sources.id)"
		" FROM sources WHERE name = ?1",
		name, e);
	if (rc == 1) {
		out->known = true;
		out->last_status = sqlite3_column_int(st, 0);
		out->last_error = store_col_dup(st, 1);
		out->failures = sqlite3_column_int(st, 2);
		out->last_success = sqlite3_column_int64(st, 3);
		out->next_due = sqlite3_column_int64(st, 4);
		out->disabled = sqlite3_column_int(st, 5) != 0;
		out->effective_url = store_col_dup(st, 6);
		out->items = sqlite3_column_int64(st, 7);
		out->events = sqlite3_column_int64(st, 8);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}
