/* store_source.c - sources and their polling state */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store_impl.h"

int store_source_upsert(struct store *s, const struct store_source *src,
			long long *id, struct err *e)
{
	if (store_prepare(s, &s->src_upsert,
		    "INSERT INTO sources (name, company, kind, url)"
		    " VALUES (?1, ?2, coalesce(?3, 'feed'), ?4)"
		    " ON CONFLICT (name) DO UPDATE SET"
		    "  company = coalesce(excluded.company, company),"
		    "  kind = excluded.kind,"
		    "  url = coalesce(excluded.url, url)"
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

int store_source_find(struct store *s, const char *name, char **company,
		      char **url, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*company = NULL;
	*url = NULL;
	if (sqlite3_prepare_v2(
		    s->db, "SELECT company, url FROM sources WHERE name = ?1",
		    -1, &st, NULL) != SQLITE_OK)
		return store_db_err(s, e, "read source");
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*company = store_col_dup(st, 0);
		*url = store_col_dup(st, 1);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = store_db_err(s, e, "read source");
	}
	sqlite3_finalize(st);
	return rc;
}

