/* store.c - the database: the only user of sqlite3 */
#include "store.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "err.h"
#include "store_impl.h"

/* Schema steps: steps[v] takes a database from version v to v + 1. */
static const char *const steps[] = {
	/* 0 -> 1 */
	"CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  company TEXT,"
	"  kind TEXT NOT NULL DEFAULT 'feed',"
	"  url TEXT,"
	"  effective_url TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_status INTEGER,"
	"  last_error TEXT,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  last_success INTEGER,"
	"  next_due INTEGER,"
	"  disabled INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id),"
	"  guid TEXT NOT NULL,"
	"  link TEXT,"
	"  title TEXT,"
	"  summary TEXT,"
	"  content TEXT,"
	"  author TEXT,"
	"  categories TEXT NOT NULL DEFAULT '[]',"
	"  published INTEGER,"
	"  published_offset INTEGER,"
	"  published_raw TEXT,"
	"  updated INTEGER,"
	"  updated_offset INTEGER,"
	"  updated_raw TEXT,"
	"  first_seen INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  UNIQUE (source_id, guid)"
	");"
	"CREATE TABLE item_revisions ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES items(id),"
	"  title TEXT,"
	"  summary TEXT,"
	"  content TEXT,"
	"  updated INTEGER,"
	"  updated_raw TEXT,"
	"  replaced_at INTEGER NOT NULL"
	");"
	"CREATE INDEX item_revisions_item ON item_revisions(item_id);"
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, summary, content, content='items', content_rowid='id');"
	"CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN"
	"  INSERT INTO items_fts(rowid, title, summary, content)"
	"  VALUES (new.id, new.title, new.summary, new.content);"
	"END;"
	"CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, old.summary, old.content);"
	"END;"
	"CREATE TRIGGER items_fts_au AFTER UPDATE OF title, summary, content"
	"  ON items BEGIN"
	"  INSERT INTO items_fts(items_fts, rowid, title, summary, content)"
	"  VALUES ('delete', old.id, old.title, old.summary, old.content);"
	"  INSERT INTO items_fts(rowid, title, summary, content)"
	"  VALUES (new.id, new.title, new.summary, new.content);"
	"END;"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  day TEXT NOT NULL,"
	"  company TEXT,"
	"  action TEXT NOT NULL DEFAULT 'other',"
	"  topics TEXT NOT NULL DEFAULT '[]',"
	"  title TEXT,"
	"  summary TEXT,"
	"  until TEXT,"
	"  until_text TEXT,"
	"  follows INTEGER REFERENCES events(id) ON DELETE SET NULL,"
	"  policy INTEGER NOT NULL DEFAULT 0,"
	"  origin TEXT NOT NULL DEFAULT 'extracted'"
	"    CHECK (origin IN ('extracted', 'manual')),"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL"
	");"
	"CREATE INDEX events_day ON events(day);"
	"CREATE TABLE event_items ("
	"  item_id INTEGER PRIMARY KEY REFERENCES items(id),"
	"  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE"
	");"
	"CREATE INDEX event_items_event ON event_items(event_id);"
	"CREATE TABLE curation ("
	"  key TEXT PRIMARY KEY,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  hidden INTEGER NOT NULL DEFAULT 0,"
	"  action TEXT,"
	"  topics TEXT,"
	"  day TEXT,"
	"  title TEXT,"
	"  note TEXT,"
	"  updated INTEGER"
	");",
	/* 1 -> 2: the full-text index is kept up to date in one statement
	 * per transaction (store_commit), not by triggers per row: FTS5
	 * flushes at every statement, which made imports 5x slower */
	"DROP TRIGGER IF EXISTS items_fts_ai;"
	"DROP TRIGGER IF EXISTS items_fts_ad;"
	"DROP TRIGGER IF EXISTS items_fts_au;",
	/* 2 -> 3: why extraction decided what it did */
	"ALTER TABLE events ADD COLUMN evidence TEXT;"
	"ALTER TABLE events ADD COLUMN url TEXT;"
	"CREATE INDEX events_company_day ON events(company, day);"
	"CREATE INDEX items_link ON items(link);",
	/* 3 -> 4: what clustering and follow-ups ask after every policy
	 * move: a company's policy moves around a day, and its follow-ups
	 * still looking for what they follow (without these, scans of all
	 * the company's events, most of them not policy moves) */
	"CREATE INDEX events_policy ON events(company, day)"
	" WHERE policy AND origin = 'extracted';"
	"CREATE INDEX events_followups ON events(company)"
	" WHERE policy AND follows IS NULL AND action IN ('extend', 'resume');",
	/* 4 -> 5: a fetch commits once per source. The full-text index of
	 * new items is written once per run (store_fts.c): fts_pending
	 * lists the items not in it yet, which searches read aside. The
	 * companies walk (store_view_values) needs an index on company, not
	 * on (company, day): with day in the key, each commit dirtied a
	 * leaf page per day its source spans */
	"CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);" /* items.id */
	"DROP INDEX events_company_day;"
	"CREATE INDEX events_company ON events(company);",
	/* 5 -> 6: no column sizes in the full-text index. Nothing ranks
	 * by them (no bm25), and their table was a third of the cost of
	 * indexing. The items indexed before are indexed again; those
	 * pending stay pending */
	"DROP TABLE items_fts;"
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, summary, content, content='items', content_rowid='id',"
	"  columnsize=0);"
	"INSERT INTO items_fts (rowid, title, summary, content)"
	" SELECT id, title, summary, content FROM items"
	" WHERE id NOT IN (SELECT id FROM fts_pending);",
	/* 6 -> 7: a digest of the last body read, so that a server that
	 * sends no validators costs no parse when nothing changed */
	"ALTER TABLE sources ADD COLUMN body_hash TEXT;",
};

int store_db_err(struct store *s, struct err *e, const char *what)
{
	return err_set(e, "'%s': %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

int store_exec(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, "'%s': %s", s->path,
			msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_prepare(struct store *s, sqlite3_stmt **st, const char *sql,
		  struct err *e)
{
	if (*st) {
		sqlite3_reset(*st);
		sqlite3_clear_bindings(*st);
		return 0;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
			       NULL) != SQLITE_OK)
		return store_db_err(s, e, "prepare");
	return 0;
}

/* One integer from a query without parameters. */
int store_query_int(struct store *s, const char *sql, long long *out,
		    struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_err(s, e, "read");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_db_err(s, e, "read");
		sqlite3_finalize(st);
		return -1;
	}
	*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int migrate(struct store *s, struct err *e)
{
	long long v;
	int i;

	if (store_exec(s, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	if (store_query_int(s, "PRAGMA user_version", &v, e) < 0)
		goto fail;
	for (i = (int)v; i < STORE_SCHEMA_VERSION; i++) {
		char sql[64];

		if (store_exec(s, steps[i], e) < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (store_exec(s, sql, e) < 0)
			goto fail;
	}
	if (store_exec(s, "COMMIT", e) < 0)
		goto fail;
	s->version = STORE_SCHEMA_VERSION;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Why a file could not be opened, in words a user can act on. */
static int open_err(struct store *s, struct err *e)
{
	int sys = s->db ? sqlite3_system_errno(s->db) : 0;
	int code = s->db ? sqlite3_errcode(s->db) : SQLITE_NOMEM;

	if (code == SQLITE_NOTADB)
		return err_set(e, "'%s': not an SQLite database", s->path);
	if (code == SQLITE_CORRUPT)
		return err_set(e, "'%s': the database file is corrupt",
			       s->path);
	if (sys)
		return err_set(e, "'%s': %s", s->path, strerror(sys));
	return err_set(e, "'%s': %s", s->path,
		       s->db ? sqlite3_errmsg(s->db) : "out of memory");
}

/*
 * A reader of a WAL database in a directory it may not write cannot create
 * the shared-memory file: SQLite then reads the file only as immutable
 * (a writer would need that directory too). Reopens s->db so; returns the
 * SQLite code of the first read.
 */
static int reopen_immutable(struct store *s)
{
	struct buf uri;
	const unsigned char *p;
	int rc = SQLITE_NOMEM, bad = 0;

	buf_init(&uri, 0);
	bad |= buf_adds(&uri, "file:");
	for (p = (const unsigned char *)s->path; *p; p++) {
		if (isalnum(*p) || strchr("/._-~", *p))
			bad |= buf_addc(&uri, (char)*p);
		else
			bad |= buf_addf(&uri, "%%%02X", *p);
	}
	bad |= buf_adds(&uri, "?immutable=1");
	if (bad)
		goto out;
	sqlite3_close(s->db);
	s->db = NULL;
	rc = sqlite3_open_v2(uri.data, &s->db,
			     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(s->db, 0);
		rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master",
				  NULL, NULL, NULL);
	}
out:
	buf_release(&uri);
	return rc;
}

int store_open(const char *path, enum store_mode mode, struct store **out,
	       struct err *e)
{
	struct store *s;
	struct stat st;
	long long v, tables = 0;
	/* a connection is used by one thread: no mutex on every call */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, rc;

	*out = NULL;
	if (stat(path, &st) < 0) {
		if (mode == STORE_READ)
			return err_set(
				e,
				"'%s': no database yet (import or fetch first)",
				path);
		if (errno != ENOENT)
			return err_set(e, "'%s': %s", path, strerror(errno));
		flags |= SQLITE_OPEN_CREATE;
	} else if (S_ISDIR(st.st_mode)) {
		return err_set(e, "'%s': is a directory", path);
	}
	/* no process-wide memory statistics: they take a mutex on every
	 * allocation; refused (harmlessly) once SQLite is initialised */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return err_set(e, "out of memory");
	}
	rc = sqlite3_open_v2(path, &s->db, flags, NULL);
	if (rc != SQLITE_OK && mode == STORE_READ) {
		/* a database we may read but not write */
		sqlite3_close(s->db);
		s->db = NULL;
		rc = sqlite3_open_v2(path, &s->db,
				     SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
				     NULL);
	}
	if (rc != SQLITE_OK) {
		open_err(s, e);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 10000);
	/* reading the version is the first touch: a non-SQLite file fails
	 * here, before anything could be written to it */
	rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL,
			  NULL, NULL);
	if ((rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN) &&
	    mode == STORE_READ)
		rc = reopen_immutable(s);
	if (rc != SQLITE_OK) {
		open_err(s, e);
		goto fail;
	}
	if (store_query_int(s, "PRAGMA user_version", &v, e) < 0)
		goto fail;
	if (v > STORE_SCHEMA_VERSION) {
		err_set(e,
			"'%s': database schema version %lld is newer than this annals understands (%d); upgrade annals",
			path, v, STORE_SCHEMA_VERSION);
		goto fail;
	}
	s->version = (int)v;
	/* a file with someone else's tables is not ours to change */
	if (v == 0 && (store_query_int(s, "SELECT count(*) FROM sqlite_master",
				       &tables, e) < 0 ||
		       tables > 0)) {
		if (tables > 0)
			err_set(e,
				"'%s': not an annals database (it has other tables and no annals schema)",
				path);
		goto fail;
	}
	if (store_exec(s, "PRAGMA foreign_keys = ON", e) < 0)
		goto fail;
	if (mode == STORE_READ) {
		/* an older schema is upgraded by readers too, when they may
		 * write: updating annals must not break 'list' until the
		 * next fetch (the migration is one short transaction) */
		if (v < STORE_SCHEMA_VERSION &&
		    (v == 0 || sqlite3_db_readonly(s->db, "main") != 0)) {
			err_set(e, "'%s': %s", path,
				v == 0 ? "not an annals database"
				       : "old schema and the file is read-only; run 'annals import' or 'annals fetch' with write access to upgrade it");
			goto fail;
		}
		if (v < STORE_SCHEMA_VERSION && migrate(s, e) < 0)
			goto fail;
	} else {
		/* a fetch commits once per source (or per group of them),
		 * and each commit dirties index pages all over (days,
		 * links): checkpoint every 32 MB of log rather than every
		 * 4, so that a page rewritten by many commits is copied
		 * back (and synced) once */
		if (store_exec(s, "PRAGMA journal_mode = WAL", e) < 0 ||
		    store_exec(s, "PRAGMA synchronous = NORMAL", e) < 0 ||
		    (sqlite3_wal_autocheckpoint(
			     s->db, STORE_WAL_AUTOCHECKPOINT) != SQLITE_OK &&
		     store_db_err(s, e, "wal_autocheckpoint") < 0))
			goto fail;
		if (v < STORE_SCHEMA_VERSION && migrate(s, e) < 0)
			goto fail;
	}
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	struct err e;

	if (!s)
		return;
	store_checkpoints_stop(s);
	/* items this connection added are indexed before it goes; should
	 * that fail, they stay pending and searchable (store_fts.c) */
	if (s->fts_added && sqlite3_get_autocommit(s->db))
		store_fts_catchup(s, &e);
	sqlite3_finalize(s->item_get);
	sqlite3_finalize(s->item_ins);
	sqlite3_finalize(s->item_upd);
	sqlite3_finalize(s->item_meta);
	sqlite3_finalize(s->rev_ins);
	sqlite3_finalize(s->src_upsert);
	sqlite3_finalize(s->ev_new);
	sqlite3_finalize(s->ev_upsert);
	sqlite3_finalize(s->ev_link);
	sqlite3_finalize(s->ev_exists);
	sqlite3_finalize(s->fts_pend);
	sqlite3_finalize(s->fts_del);
	sqlite3_finalize(s->fts_one);
	sqlite3_finalize(s->item_event);
	sqlite3_finalize(s->by_link);
	sqlite3_finalize(s->add_link);
	sqlite3_finalize(s->add_day);
	sqlite3_finalize(s->add_key);
	sqlite3_finalize(s->known);
	sqlite3_finalize(s->known_json);
	sqlite3_finalize(s->orphans);
	sqlite3_finalize(s->poll_get);
	sqlite3_finalize(s->poll_rec);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_version(struct store *s)
{
	return s->version;
}

int store_begin(struct store *s, struct err *e)
{
	return store_exec(s, "BEGIN IMMEDIATE", e);
}

int store_commit(struct store *s, struct err *e)
{
	return store_exec(s, "COMMIT", e);
}

void store_rollback(struct store *s)
{
	if (s && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_bulk(struct store *s, bool on, struct err *e)
{
	return store_exec(s,
			  on ? "PRAGMA foreign_keys = OFF;"
			       "PRAGMA cache_size = -16384;"
			       "PRAGMA temp_store = MEMORY;"
			     : "PRAGMA foreign_keys = ON;"
			       "PRAGMA cache_size = -2000;"
			       "PRAGMA temp_store = DEFAULT;",
			  e);
}

int store_savepoint(struct store *s, struct err *e)
{
	return store_exec(s, "SAVEPOINT source", e);
}

int store_savepoint_release(struct store *s, struct err *e)
{
	return store_exec(s, "RELEASE source", e);
}

void store_savepoint_rollback(struct store *s)
{
	if (s && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK TO source", NULL, NULL, NULL);
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int store_step_done(struct store *s, sqlite3_stmt *st, struct err *e,
		    const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_db_err(s, e, what);
	return 0;
}

char *store_col_dup(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);

	return v ? strdup(v) : NULL;
}

long long store_count(struct store *s, const char *table, struct err *e)
{
	static const char *const tables[] = {
		"sources", "items", "item_revisions", "events", "event_items",
	};
	char sql[96];
	long long n;
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (strcmp(table, tables[i]) != 0)
			continue;
		/* table names come from the list above, never from input */
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s",
			 tables[i]);
		if (store_query_int(s, sql, &n, e) < 0)
			return -1;
		return n;
	}
	return err_set(e, "no table '%s'", table);
}

/* --- one-shot statements: store_source.c, store_page.c, store_view.c --- */

int store_stmt(struct store *s, sqlite3_stmt **st, const char *sql,
	       struct err *e, const char *what)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_db_err(s, e, what);
	return 0;
}

int store_step_row(struct store *s, sqlite3_stmt *st, struct err *e,
		   const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_db_err(s, e, what);
}

int store_stmt_run(struct store *s, sqlite3_stmt *st, struct err *e,
		   const char *what)
{
	int rc = store_step_done(s, st, e, what);

	sqlite3_finalize(st);
	return rc;
}
