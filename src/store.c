/* store.c - the database: the only user of sqlite3 */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "buf.h"
#include "err.h"
#include "text.h"

struct store {
	sqlite3 *db;
	char *path;
	int version;
	sqlite3_stmt *item_get, *item_ins, *item_upd, *item_meta, *rev_ins;
	sqlite3_stmt *src_upsert, *ev_upsert, *ev_link;
};

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
};

static int db_err(struct store *s, struct err *e, const char *what)
{
	return err_set(e, "'%s': %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(struct store *s, const char *sql, struct err *e)
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

static int prepare(struct store *s, sqlite3_stmt **st, const char *sql,
		   struct err *e)
{
	if (*st) {
		sqlite3_reset(*st);
		sqlite3_clear_bindings(*st);
		return 0;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
			       NULL) != SQLITE_OK)
		return db_err(s, e, "prepare");
	return 0;
}

/* One integer from a query without parameters. */
static int query_int(struct store *s, const char *sql, long long *out,
		     struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, e, "read");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_err(s, e, "read");
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

	if (exec(s, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	if (query_int(s, "PRAGMA user_version", &v, e) < 0)
		goto fail;
	for (i = (int)v; i < STORE_SCHEMA_VERSION; i++) {
		char sql[64];

		if (exec(s, steps[i], e) < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (exec(s, sql, e) < 0)
			goto fail;
	}
	if (exec(s, "COMMIT", e) < 0)
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

int store_open(const char *path, enum store_mode mode, struct store **out,
	       struct err *e)
{
	struct store *s;
	struct stat st;
	long long v, tables = 0;
	int flags = SQLITE_OPEN_READWRITE, rc;

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
		rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
	}
	if (rc != SQLITE_OK) {
		open_err(s, e);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 10000);
	/* reading the version is the first touch: a non-SQLite file fails
	 * here, before anything could be written to it */
	if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL,
			 NULL, NULL) != SQLITE_OK) {
		open_err(s, e);
		goto fail;
	}
	if (query_int(s, "PRAGMA user_version", &v, e) < 0)
		goto fail;
	if (v > STORE_SCHEMA_VERSION) {
		err_set(e,
			"'%s': database schema version %lld is newer than this annals understands (%d); upgrade annals",
			path, v, STORE_SCHEMA_VERSION);
		goto fail;
	}
	s->version = (int)v;
	/* a file with someone else's tables is not ours to change */
	if (v == 0 && (query_int(s, "SELECT count(*) FROM sqlite_master",
				 &tables, e) < 0 ||
		       tables > 0)) {
		if (tables > 0)
			err_set(e,
				"'%s': not an annals database (it has other tables and no annals schema)",
				path);
		goto fail;
	}
	if (exec(s, "PRAGMA foreign_keys = ON", e) < 0)
		goto fail;
	if (mode == STORE_READ) {
		if (v < STORE_SCHEMA_VERSION) {
			err_set(e, "'%s': %s", path,
				v == 0 ? "not an annals database"
				       : "old schema; run 'annals import' or 'annals fetch' to upgrade it");
			goto fail;
		}
	} else {
		if (exec(s, "PRAGMA journal_mode = WAL", e) < 0 ||
		    exec(s, "PRAGMA synchronous = NORMAL", e) < 0)
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
	if (!s)
		return;
	sqlite3_finalize(s->item_get);
	sqlite3_finalize(s->item_ins);
	sqlite3_finalize(s->item_upd);
	sqlite3_finalize(s->item_meta);
	sqlite3_finalize(s->rev_ins);
	sqlite3_finalize(s->src_upsert);
	sqlite3_finalize(s->ev_upsert);
	sqlite3_finalize(s->ev_link);
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
	return exec(s, "BEGIN IMMEDIATE", e);
}

int store_commit(struct store *s, struct err *e)
{
	return exec(s, "COMMIT", e);
}

void store_rollback(struct store *s)
{
	if (s && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int step_done(struct store *s, sqlite3_stmt *st, struct err *e,
		     const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_err(s, e, what);
	return 0;
}

int store_source_upsert(struct store *s, const struct store_source *src,
			long long *id, struct err *e)
{
	if (prepare(s, &s->src_upsert,
		    "INSERT INTO sources (name, company, kind, url)"
		    " VALUES (?1, ?2, coalesce(?3, 'feed'), ?4)"
		    " ON CONFLICT (name) DO UPDATE SET"
		    "  company = coalesce(excluded.company, company),"
		    "  kind = excluded.kind,"
		    "  url = coalesce(excluded.url, url)"
		    " RETURNING id",
		    e) < 0)
		return -1;
	bind_text(s->src_upsert, 1, src->name);
	bind_text(s->src_upsert, 2, src->company);
	bind_text(s->src_upsert, 3, src->kind);
	bind_text(s->src_upsert, 4, src->url);
	if (sqlite3_step(s->src_upsert) != SQLITE_ROW)
		return db_err(s, e, "source");
	*id = sqlite3_column_int64(s->src_upsert, 0);
	sqlite3_reset(s->src_upsert);
	return 0;
}

static char *col_dup(sqlite3_stmt *st, int col);

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
		return db_err(s, e, "read source");
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*company = col_dup(st, 0);
		*url = col_dup(st, 1);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_err(s, e, "read source");
	}
	sqlite3_finalize(st);
	return rc;
}

static void bind_stamp(sqlite3_stmt *st, int i, const struct stamp *t)
{
	if (t->set) {
		sqlite3_bind_int64(st, i, t->utc);
		sqlite3_bind_int(st, i + 1, t->offset);
	} else {
		sqlite3_bind_null(st, i);
		sqlite3_bind_null(st, i + 1);
	}
	bind_text(st, i + 2, t->raw);
}

static int same_text(sqlite3_stmt *st, int col, const char *v)
{
	const char *old = (const char *)sqlite3_column_text(st, col);

	if (!old || !v)
		return !old && !v;
	return strcmp(old, v) == 0;
}

/* Bind the item's columns as ?3..?14 (shared by insert and updates). */
static void bind_item(sqlite3_stmt *st, const struct item *it, const char *cats)
{
	bind_text(st, 3, it->link);
	bind_text(st, 4, it->title);
	bind_text(st, 5, it->summary);
	bind_text(st, 6, it->content);
	bind_text(st, 7, it->author);
	bind_text(st, 8, cats);
	bind_stamp(st, 9, &it->published);
	bind_stamp(st, 12, &it->updated);
}

int store_item_upsert(struct store *s, long long source_id,
		      const struct item *it, long long now, long long *id,
		      enum store_item_result *res, struct err *e)
{
	struct buf cats;
	sqlite3_stmt *up;
	int rc = -1, changed;

	buf_init(&cats, 0);
	if (text_json_array(&cats, (const char *const *)it->categories,
			    it->ncategories) < 0) {
		err_set(e, "out of memory");
		goto out;
	}
	if (prepare(s, &s->item_get,
		    "SELECT id, title, summary, content FROM items"
		    " WHERE source_id = ?1 AND guid = ?2",
		    e) < 0)
		goto out;
	sqlite3_bind_int64(s->item_get, 1, source_id);
	bind_text(s->item_get, 2, it->id);
	rc = sqlite3_step(s->item_get);
	if (rc == SQLITE_DONE) {
		rc = -1;
		if (prepare(s, &s->item_ins,
			    "INSERT INTO items (source_id, guid, link, title,"
			    " summary, content, author, categories, published,"
			    " published_offset, published_raw, updated,"
			    " updated_offset, updated_raw, first_seen, last_seen)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			    " ?11, ?12, ?13, ?14, ?15, ?15) RETURNING id",
			    e) < 0)
			goto out;
		sqlite3_bind_int64(s->item_ins, 1, source_id);
		bind_text(s->item_ins, 2, it->id);
		bind_item(s->item_ins, it, cats.data);
		sqlite3_bind_int64(s->item_ins, 15, now);
		if (sqlite3_step(s->item_ins) != SQLITE_ROW) {
			db_err(s, e, "insert item");
			goto out;
		}
		*id = sqlite3_column_int64(s->item_ins, 0);
		sqlite3_reset(s->item_ins);
		*res = STORE_ITEM_NEW;
		rc = 0;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		rc = db_err(s, e, "read item");
		goto out;
	}
	rc = -1;
	*id = sqlite3_column_int64(s->item_get, 0);
	changed = !same_text(s->item_get, 1, it->title) ||
		  !same_text(s->item_get, 2, it->summary) ||
		  !same_text(s->item_get, 3, it->content);
	sqlite3_reset(s->item_get);
	if (changed) {
		/* keep what the source said before, then overwrite */
		if (prepare(s, &s->rev_ins,
			    "INSERT INTO item_revisions (item_id, title, summary,"
			    " content, updated, updated_raw, replaced_at)"
			    " SELECT id, title, summary, content, updated,"
			    " updated_raw, ?2 FROM items WHERE id = ?1",
			    e) < 0)
			goto out;
		sqlite3_bind_int64(s->rev_ins, 1, *id);
		sqlite3_bind_int64(s->rev_ins, 2, now);
		if (step_done(s, s->rev_ins, e, "insert revision") < 0)
			goto out;
		if (prepare(s, &s->item_upd,
			    "UPDATE items SET link = ?3, title = ?4,"
			    " summary = ?5, content = ?6, author = ?7,"
			    " categories = ?8, published = ?9,"
			    " published_offset = ?10, published_raw = ?11,"
			    " updated = ?12, updated_offset = ?13,"
			    " updated_raw = ?14, last_seen = ?15"
			    " WHERE id = ?1",
			    e) < 0)
			goto out;
		up = s->item_upd;
	} else {
		/* metadata may change without being a revision */
		if (prepare(s, &s->item_meta,
			    "UPDATE items SET link = ?3, author = ?7,"
			    " categories = ?8, published = ?9,"
			    " published_offset = ?10, published_raw = ?11,"
			    " updated = ?12, updated_offset = ?13,"
			    " updated_raw = ?14, last_seen = ?15"
			    " WHERE id = ?1",
			    e) < 0)
			goto out;
		up = s->item_meta;
	}
	sqlite3_bind_int64(up, 1, *id);
	bind_text(up, 2, it->id);
	bind_item(up, it, cats.data);
	sqlite3_bind_int64(up, 15, now);
	if (step_done(s, up, e, "update item") < 0)
		goto out;
	sqlite3_reset(up);
	*res = changed ? STORE_ITEM_REVISED : STORE_ITEM_SAME;
	rc = 0;
out:
	if (s->item_get)
		sqlite3_reset(s->item_get);
	buf_release(&cats);
	return rc;
}

int store_event_upsert(struct store *s, const struct event *ev,
		       const long long *item_ids, size_t n, struct err *e)
{
	struct buf topics;
	size_t i;
	int rc = -1;

	if (n == 0)
		return err_set(e, "an event needs an item");
	buf_init(&topics, 0);
	if (text_json_array(&topics, (const char *const *)ev->topics,
			    ev->ntopics) < 0) {
		err_set(e, "out of memory");
		goto out;
	}
	/* the key is the stable id of the first item, so curation and
	 * re-extraction find the same event again */
	if (prepare(s, &s->ev_upsert,
		    "INSERT INTO events (key, day, company, action, topics, title,"
		    " summary, until, until_text, policy, created, updated)"
		    " SELECT src.name || '/' || i.guid, ?2, ?3, ?4, ?5, ?6, ?7,"
		    "  ?8, ?9, ?10, strftime('%s', 'now'), strftime('%s', 'now')"
		    " FROM items i JOIN sources src ON src.id = i.source_id"
		    " WHERE i.id = ?1"
		    " ON CONFLICT (key) DO UPDATE SET day = excluded.day,"
		    "  company = excluded.company, action = excluded.action,"
		    "  topics = excluded.topics, title = excluded.title,"
		    "  summary = excluded.summary, until = excluded.until,"
		    "  until_text = excluded.until_text,"
		    "  policy = excluded.policy, updated = excluded.updated"
		    " WHERE (day, company, action, topics, title, summary, until,"
		    "  until_text, policy) IS NOT (excluded.day, excluded.company,"
		    "  excluded.action, excluded.topics, excluded.title,"
		    "  excluded.summary, excluded.until, excluded.until_text,"
		    "  excluded.policy)",
		    e) < 0)
		goto out;
	sqlite3_bind_int64(s->ev_upsert, 1, item_ids[0]);
	bind_text(s->ev_upsert, 2, ev->day);
	bind_text(s->ev_upsert, 3, ev->company);
	bind_text(s->ev_upsert, 4, action_slug(ev->action));
	bind_text(s->ev_upsert, 5, topics.data);
	bind_text(s->ev_upsert, 6, ev->title);
	bind_text(s->ev_upsert, 7, ev->summary);
	bind_text(s->ev_upsert, 8, ev->until[0] ? ev->until : NULL);
	bind_text(s->ev_upsert, 9, ev->until_text);
	sqlite3_bind_int(s->ev_upsert, 10, ev->policy);
	if (step_done(s, s->ev_upsert, e, "write event") < 0)
		goto out;
	sqlite3_reset(s->ev_upsert);
	if (prepare(s, &s->ev_link,
		    "INSERT INTO event_items (event_id, item_id)"
		    " SELECT e.id, ?2 FROM events e JOIN items i ON i.id = ?1"
		    " JOIN sources src ON src.id = i.source_id"
		    " WHERE e.key = src.name || '/' || i.guid"
		    " ON CONFLICT (item_id) DO UPDATE SET event_id = excluded.event_id"
		    " WHERE event_id IS NOT excluded.event_id",
		    e) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		sqlite3_reset(s->ev_link);
		sqlite3_bind_int64(s->ev_link, 1, item_ids[0]);
		sqlite3_bind_int64(s->ev_link, 2, item_ids[i]);
		if (step_done(s, s->ev_link, e, "link event") < 0)
			goto out;
	}
	sqlite3_reset(s->ev_link);
	rc = 0;
out:
	buf_release(&topics);
	return rc;
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
		if (query_int(s, sql, &n, e) < 0)
			return -1;
		return n;
	}
	return err_set(e, "no table '%s'", table);
}

/* Reads the topics JSON array of an event into a borrowed vector. */
struct strv {
	char **v;
	size_t n;
};

static void strv_release(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

static int json_strings(struct store *s, sqlite3_stmt **st, const char *json,
			struct strv *out, struct err *e)
{
	char **v;

	if (prepare(s, st, "SELECT value FROM json_each(?1)", e) < 0)
		return -1;
	bind_text(*st, 1, json && *json ? json : "[]");
	while (sqlite3_step(*st) == SQLITE_ROW) {
		const char *val = (const char *)sqlite3_column_text(*st, 0);

		v = realloc(out->v, (out->n + 1) * sizeof(*v));
		if (!v)
			return err_set(e, "out of memory");
		out->v = v;
		if (!(out->v[out->n] = strdup(val ? val : "")))
			return err_set(e, "out of memory");
		out->n++;
	}
	sqlite3_reset(*st);
	return 0;
}

struct srcv {
	struct store_event_source *v;
	char **strs;
	size_t n;
};

static void srcv_release(struct srcv *sv)
{
	size_t i;

	for (i = 0; i < sv->n * 2; i++)
		free(sv->strs[i]);
	free(sv->strs);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

static char *col_dup(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);

	return v ? strdup(v) : NULL;
}

static int event_sources(struct store *s, sqlite3_stmt **st, long long id,
			 struct srcv *out, struct err *e)
{
	if (prepare(s, st,
		    "SELECT src.name, i.link, i.published FROM event_items ei"
		    " JOIN items i ON i.id = ei.item_id"
		    " JOIN sources src ON src.id = i.source_id"
		    " WHERE ei.event_id = ?1"
		    " ORDER BY i.published IS NULL, i.published, i.id",
		    e) < 0)
		return -1;
	sqlite3_bind_int64(*st, 1, id);
	while (sqlite3_step(*st) == SQLITE_ROW) {
		struct store_event_source *v;
		char **strs;
		size_t k = out->n;

		v = realloc(out->v, (k + 1) * sizeof(*v));
		if (!v)
			return err_set(e, "out of memory");
		out->v = v;
		strs = realloc(out->strs, (k + 1) * 2 * sizeof(*strs));
		if (!strs)
			return err_set(e, "out of memory");
		out->strs = strs;
		strs[2 * k] = col_dup(*st, 0);
		strs[2 * k + 1] = col_dup(*st, 1);
		out->n++;
		v[k].source = strs[2 * k];
		v[k].url = strs[2 * k + 1];
		v[k].has_published = sqlite3_column_type(*st, 2) != SQLITE_NULL;
		v[k].published = sqlite3_column_int64(*st, 2);
	}
	sqlite3_reset(*st);
	return 0;
}

int store_events(struct store *s, const struct store_filter *f, bool newest,
		 store_event_fn fn, void *ctx, struct err *e)
{
	/* curation overrides what extraction said */
	static const char sql_fmt[] =
		"SELECT e.id, coalesce(c.day, e.day), e.company,"
		" coalesce(c.action, e.action), coalesce(c.topics, e.topics),"
		" coalesce(c.title, e.title), e.summary, e.until, e.until_text,"
		" e.follows, e.policy, e.origin, coalesce(c.starred, 0)"
		" FROM events e LEFT JOIN curation c ON c.key = e.key"
		" WHERE (?1 IS NULL OR coalesce(c.day, e.day) >= ?1)"
		" AND (?2 IS NULL OR coalesce(c.day, e.day) <= ?2)"
		" AND (?3 IS NULL OR e.company = ?3 COLLATE NOCASE)"
		" AND (?4 IS NULL OR coalesce(c.action, e.action) = ?4)"
		" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM"
		"  json_each(coalesce(c.topics, e.topics)) WHERE value = ?5))"
		" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM event_items ei"
		"  JOIN items_fts ON items_fts.rowid = ei.item_id"
		"  WHERE ei.event_id = e.id AND items_fts MATCH ?6))"
		" AND (?7 OR (e.policy AND NOT coalesce(c.hidden, 0)))"
		" AND (NOT ?8 OR coalesce(c.starred, 0))"
		" ORDER BY coalesce(c.day, e.day) %s, e.id %s";
	sqlite3_stmt *st = NULL, *topics_st = NULL, *src_st = NULL;
	char sql[sizeof(sql_fmt) + 16];
	int rc = -1, step;

	snprintf(sql, sizeof(sql), sql_fmt, newest ? "DESC" : "ASC",
		 newest ? "DESC" : "ASC");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_err(s, e, "query");
		goto out;
	}
	bind_text(st, 1, f->since);
	bind_text(st, 2, f->until);
	bind_text(st, 3, f->company);
	bind_text(st, 4, f->action);
	bind_text(st, 5, f->topic);
	bind_text(st, 6, f->search);
	sqlite3_bind_int(st, 7, f->all);
	sqlite3_bind_int(st, 8, f->starred);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_event ev;
		struct strv topics = {NULL, 0};
		struct srcv srcs = {NULL, NULL, 0};
		int r;

		memset(&ev, 0, sizeof(ev));
		ev.id = sqlite3_column_int64(st, 0);
		if (json_strings(s, &topics_st,
				 (const char *)sqlite3_column_text(st, 4),
				 &topics, e) < 0 ||
		    event_sources(s, &src_st, ev.id, &srcs, e) < 0) {
			strv_release(&topics);
			srcv_release(&srcs);
			goto out;
		}
		ev.day = (const char *)sqlite3_column_text(st, 1);
		ev.company = (const char *)sqlite3_column_text(st, 2);
		ev.action = (const char *)sqlite3_column_text(st, 3);
		ev.topics = (const char *const *)topics.v;
		ev.ntopics = topics.n;
		ev.title = (const char *)sqlite3_column_text(st, 5);
		ev.summary = (const char *)sqlite3_column_text(st, 6);
		ev.until = (const char *)sqlite3_column_text(st, 7);
		ev.until_text = (const char *)sqlite3_column_text(st, 8);
		ev.follows = sqlite3_column_int64(st, 9);
		ev.policy = sqlite3_column_int(st, 10) != 0;
		ev.origin = (const char *)sqlite3_column_text(st, 11);
		ev.starred = sqlite3_column_int(st, 12) != 0;
		ev.sources = srcs.v;
		ev.nsources = srcs.n;
		r = fn(&ev, ctx);
		strv_release(&topics);
		srcv_release(&srcs);
		if (r) {
			rc = r;
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		db_err(s, e, "query");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(topics_st);
	sqlite3_finalize(src_st);
	return rc;
}
