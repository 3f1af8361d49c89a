/* store_page.c - what page and sitemap sources keep in the database */
#include "store_page.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store_impl.h"

int store_item_known(struct store *s, const char *source, const char *guid,
		     struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (store_stmt(s, &st,
		       "SELECT 1 FROM items JOIN sources"
		       " ON sources.id = items.source_id"
		       " WHERE sources.name = ?1 AND items.guid = ?2",
		       e, "looking up an item") < 0)
		return -1;
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, guid);
	rc = store_step_row(s, st, e, "looking up an item");
	sqlite3_finalize(st);
	return rc;
}

/* The cache is a table of its own, made on first use: losing it costs
 * one request per host, so it needs no schema version. */
static int robots_table(struct store *s, struct err *e)
{
	return store_exec(s,
			  "CREATE TABLE IF NOT EXISTS robots_cache ("
			  "  origin TEXT PRIMARY KEY,"
			  "  body TEXT,"
			  "  fetched INTEGER NOT NULL)",
			  e);
}

int store_robots_get(struct store *s, const char *origin, char **body,
		     long long *fetched, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*body = NULL;
	*fetched = 0;
	if (robots_table(s, e) < 0 ||
	    store_stmt(s, &st,
		       "SELECT coalesce(body, ''), fetched"
		       " FROM robots_cache WHERE origin = ?1",
		       e, "reading robots.txt") < 0)
		return -1;
	store_bind_text(st, 1, origin);
	rc = store_step_row(s, st, e, "reading robots.txt");
	if (rc == 1) {
		*body = store_col_dup(st, 0);
		*fetched = sqlite3_column_int64(st, 1);
		if (!*body)
			rc = err_set(e, "out of memory");
	}
	sqlite3_finalize(st);
	return rc;
}

int store_robots_put(struct store *s, const char *origin, const char *body,
		     long long now, struct err *e)
{
	sqlite3_stmt *st = NULL;

	if (robots_table(s, e) < 0 ||
	    store_stmt(s, &st,
		       "INSERT INTO robots_cache (origin, body, fetched)"
		       " VALUES (?1, ?2, ?3) ON CONFLICT (origin) DO"
		       " UPDATE SET body = ?2, fetched = ?3",
		       e, "caching robots.txt") < 0)
		return -1;
	store_bind_text(st, 1, origin);
	store_bind_text(st, 2, body);
	sqlite3_bind_int64(st, 3, now);
	return store_stmt_run(s, st, e, "caching robots.txt");
}
