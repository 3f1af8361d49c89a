/* store_item.c - items, revisions and events written */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "store_impl.h"
#include "text.h"

static void bind_stamp(sqlite3_stmt *st, int i, const struct stamp *t)
{
	if (t->set) {
		sqlite3_bind_int64(st, i, t->utc);
		sqlite3_bind_int(st, i + 1, t->offset);
	} else {
		sqlite3_bind_null(st, i);
		sqlite3_bind_null(st, i + 1);
	}
	store_bind_text(st, i + 2, t->raw);
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
	store_bind_text(st, 3, it->link);
	store_bind_text(st, 4, it->title);
	store_bind_text(st, 5, it->summary);
	store_bind_text(st, 6, it->content);
	store_bind_text(st, 7, it->author);
	store_bind_text(st, 8, cats);
	bind_stamp(st, 9, &it->published);
	bind_stamp(st, 12, &it->updated);
}

/* Run one statement about item id (full-text index, pending list). */
static int fts_item(struct store *s, sqlite3_stmt **st, long long id,
		    const char *sql, struct err *e)
{
	int rc;

	if (store_prepare(s, st, sql, e) < 0)
		return -1;
	sqlite3_bind_int64(*st, 1, id);
	rc = store_step_done(s, *st, e, "index item");
	sqlite3_reset(*st);
	return rc;
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
	/* most items a poll stores are new: try the insert first, in one
	 * statement, and read the stored item only when it is there */
	if (store_prepare(s, &s->item_ins,
			  "INSERT INTO items (source_id, guid, link, title,"
			  " summary, content, author, categories, published,"
			  " published_offset, published_raw, updated,"
			  " updated_offset, updated_raw, first_seen, last_seen)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			  " ?11, ?12, ?13, ?14, ?15, ?15)"
			  " ON CONFLICT (source_id, guid) DO NOTHING",
			  e) < 0)
		goto out;
	sqlite3_bind_int64(s->item_ins, 1, source_id);
	store_bind_text(s->item_ins, 2, it->id);
	bind_item(s->item_ins, it, cats.data);
	sqlite3_bind_int64(s->item_ins, 15, now);
	rc = sqlite3_step(s->item_ins);
	sqlite3_reset(s->item_ins);
	if (rc != SQLITE_DONE) {
		rc = store_db_err(s, e, "insert item");
		goto out;
	}
	/* the row count and rowid, not RETURNING: that would build a
	 * temporary table for every item */
	if (sqlite3_changes(s->db) == 1) {
		*id = sqlite3_last_insert_rowid(s->db);
		/* indexed at the end of the run (store_fts.c) */
		if (fts_item(s, &s->fts_pend, *id,
			     "INSERT INTO fts_pending (id) VALUES (?1)", e) < 0)
			goto out;
		s->fts_added = true;
		*res = STORE_ITEM_NEW;
		rc = 0;
		goto out;
	}
	if (store_prepare(s, &s->item_get,
			  "SELECT id, title, summary, content FROM items"
			  " WHERE source_id = ?1 AND guid = ?2",
			  e) < 0)
		goto out;
	sqlite3_bind_int64(s->item_get, 1, source_id);
	store_bind_text(s->item_get, 2, it->id);
	rc = sqlite3_step(s->item_get);
	if (rc != SQLITE_ROW) {
		rc = store_db_err(s, e, "read item");
		goto out;
	}
	rc = -1;
	*id = sqlite3_column_int64(s->item_get, 0);
	changed = !same_text(s->item_get, 1, it->title) ||
		  !same_text(s->item_get, 2, it->summary) ||
		  !same_text(s->item_get, 3, it->content);
	sqlite3_reset(s->item_get);
	/* an item indexed before must leave the index with its old text
	 * (one still pending is indexed with its new text at catch-up) */
	if (changed &&
	    fts_item(s, &s->fts_del, *id,
		     "INSERT INTO items_fts (items_fts, rowid, title, summary,"
		     " content) SELECT 'delete', id, title, summary, content"
		     " FROM items WHERE id = ?1"
		     " AND id NOT IN (SELECT id FROM fts_pending)",
		     e) < 0)
		goto out;
	if (changed) {
		/* keep what the source said before, then overwrite */
		if (store_prepare(
			    s, &s->rev_ins,
			    "INSERT INTO item_revisions (item_id, title, summary,"
			    " content, updated, updated_raw, replaced_at)"
			    " SELECT id, title, summary, content, updated,"
			    " updated_raw, ?2 FROM items WHERE id = ?1",
			    e) < 0)
			goto out;
		sqlite3_bind_int64(s->rev_ins, 1, *id);
		sqlite3_bind_int64(s->rev_ins, 2, now);
		if (store_step_done(s, s->rev_ins, e, "insert revision") < 0)
			goto out;
		if (store_prepare(
			    s, &s->item_upd,
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
		if (store_prepare(
			    s, &s->item_meta,
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
	store_bind_text(up, 2, it->id);
	bind_item(up, it, cats.data);
	sqlite3_bind_int64(up, 15, now);
	if (store_step_done(s, up, e, "update item") < 0)
		goto out;
	sqlite3_reset(up);
	if (changed &&
	    fts_item(
		    s, &s->fts_one, *id,
		    "INSERT INTO items_fts (rowid, title, summary, content)"
		    " SELECT id, title, summary, content FROM items"
		    " WHERE id = ?1 AND id NOT IN (SELECT id FROM fts_pending)",
		    e) < 0)
		goto out;
	*res = changed ? STORE_ITEM_REVISED : STORE_ITEM_SAME;
	rc = 0;
out:
	if (s->item_get)
		sqlite3_reset(s->item_get);
	buf_release(&cats);
	return rc;
}

/* Bind the event's columns as ?2..?13 (shared by insert and update). */
static void bind_event(sqlite3_stmt *st, const struct event *ev,
		       const char *topics, long long now)
{
	store_bind_text(st, 2, ev->day);
	store_bind_text(st, 3, ev->company);
	store_bind_text(st, 4, action_slug(ev->action));
	store_bind_text(st, 5, topics);
	store_bind_text(st, 6, ev->title);
	store_bind_text(st, 7, ev->summary);
	store_bind_text(st, 8, ev->until[0] ? ev->until : NULL);
	store_bind_text(st, 9, ev->until_text);
	sqlite3_bind_int(st, 10, ev->policy);
	store_bind_text(st, 11, ev->evidence);
	if (ev->follows)
		sqlite3_bind_int64(st, 12, ev->follows);
	else
		sqlite3_bind_null(st, 12);
	sqlite3_bind_int64(st, 13, now);
}

/* The key of an event, made from its first item: the item's source
 * name and stable id. */
#define EVENT_KEY_OF_ITEM                                                      \
	" (SELECT src.name || '/' || i.guid FROM items i"                      \
	"  JOIN sources src ON src.id = i.source_id WHERE i.id = ?1)"

int store_event_upsert(struct store *s, const struct event *ev,
		       const long long *item_ids, size_t n, const char *key,
		       bool *created, struct err *e)
{
	struct buf topics;
	long long id = 0, now = (long long)time(NULL);
	size_t i;
	int rc = -1, step, inserted;

	if (n == 0)
		return err_set(e, "an event needs an item");
	buf_init(&topics, 0);
	if (text_json_array(&topics, (const char *const *)ev->topics,
			    ev->ntopics) < 0) {
		err_set(e, "out of memory");
		goto out;
	}
	/* the key is the stable id of the first item, so curation and
	 * re-extraction find the same event again; a new event (the
	 * common case) is written by this one statement */
	if (store_prepare(
		    s, &s->ev_new,
		    "INSERT INTO events (key, day, company, action, topics, title,"
		    " summary, until, until_text, policy, evidence, follows,"
		    " created, updated)"
		    " VALUES (coalesce(?14," EVENT_KEY_OF_ITEM "), ?2, ?3, ?4,"
		    "  ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)"
		    " ON CONFLICT (key) DO NOTHING",
		    e) < 0)
		goto out;
	sqlite3_bind_int64(s->ev_new, 1, item_ids[0]);
	bind_event(s->ev_new, ev, topics.data, now);
	store_bind_text(s->ev_new, 14, key);
	step = sqlite3_step(s->ev_new);
	sqlite3_reset(s->ev_new);
	if (step != SQLITE_DONE) {
		store_db_err(s, e, "write event");
		goto out;
	}
	inserted = sqlite3_changes(s->db) == 1;
	if (inserted)
		id = sqlite3_last_insert_rowid(s->db);
	if (created)
		*created = inserted;
	if (!inserted) {
		/* it was there: update what changed, then find it */
		if (store_prepare(
			    s, &s->ev_upsert,
			    "UPDATE events SET day = ?2, company = ?3,"
			    " action = ?4, topics = ?5, title = ?6,"
			    " summary = ?7, until = ?8, until_text = ?9,"
			    " policy = ?10, evidence = ?11,"
			    " follows = coalesce(?12, follows), updated = ?13"
			    " WHERE key =" EVENT_KEY_OF_ITEM
			    " AND (day, company, action, topics, title, summary,"
			    "  until, until_text, policy, evidence) IS NOT"
			    "  (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			    e) < 0)
			goto out;
		sqlite3_bind_int64(s->ev_upsert, 1, item_ids[0]);
		bind_event(s->ev_upsert, ev, topics.data, now);
		if (store_step_done(s, s->ev_upsert, e, "write event") < 0)
			goto out;
		sqlite3_reset(s->ev_upsert);
		if (store_prepare(
			    s, &s->ev_exists,
			    "SELECT id FROM events WHERE key =" EVENT_KEY_OF_ITEM,
			    e) < 0)
			goto out;
		sqlite3_bind_int64(s->ev_exists, 1, item_ids[0]);
		step = sqlite3_step(s->ev_exists);
		if (step == SQLITE_ROW)
			id = sqlite3_column_int64(s->ev_exists, 0);
		sqlite3_reset(s->ev_exists);
		if (step != SQLITE_ROW) {
			if (step == SQLITE_DONE)
				err_set(e, "item %lld: no such item",
					item_ids[0]);
			else
				store_db_err(s, e, "read event");
			goto out;
		}
	}
	if (store_prepare(
		    s, &s->ev_link,
		    "INSERT INTO event_items (event_id, item_id) VALUES (?1, ?2)"
		    " ON CONFLICT (item_id) DO UPDATE SET event_id = excluded.event_id"
		    " WHERE event_id IS NOT excluded.event_id",
		    e) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		sqlite3_reset(s->ev_link);
		sqlite3_bind_int64(s->ev_link, 1, id);
		sqlite3_bind_int64(s->ev_link, 2, item_ids[i]);
		if (store_step_done(s, s->ev_link, e, "link event") < 0)
			goto out;
	}
	sqlite3_reset(s->ev_link);
	rc = 0;
out:
	buf_release(&topics);
	return rc;
}

int store_item_event(struct store *s, long long item_id, long long *event_id,
		     bool *is_key, struct err *e)
{
	int rc;

	*event_id = 0;
	*is_key = false;
	if (store_prepare(
		    s, &s->item_event,
		    "SELECT ei.event_id, e.key = src.name || '/' || i.guid"
		    " FROM event_items ei JOIN events e ON e.id = ei.event_id"
		    " JOIN items i ON i.id = ei.item_id"
		    " JOIN sources src ON src.id = i.source_id"
		    " WHERE ei.item_id = ?1",
		    e) < 0)
		return -1;
	sqlite3_bind_int64(s->item_event, 1, item_id);
	rc = sqlite3_step(s->item_event);
	if (rc == SQLITE_ROW) {
		*event_id = sqlite3_column_int64(s->item_event, 0);
		*is_key = sqlite3_column_int(s->item_event, 1) != 0;
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? 0 : store_db_err(s, e, "read event");
	}
	sqlite3_reset(s->item_event);
	return rc;
}

int store_event_add_item(struct store *s, long long event_id, long long item_id,
			 const char *day, struct err *e)
{
	if (store_prepare(s, &s->add_link,
			  "INSERT INTO event_items (item_id, event_id)"
			  " VALUES (?1, ?2) ON CONFLICT (item_id) DO UPDATE"
			  " SET event_id = excluded.event_id",
			  e) < 0)
		return -1;
	sqlite3_bind_int64(s->add_link, 1, item_id);
	sqlite3_bind_int64(s->add_link, 2, event_id);
	if (store_step_done(s, s->add_link, e, "link event") < 0)
		return -1;
	sqlite3_reset(s->add_link);
	/* the earliest report of a move sets its day */
	if (store_prepare(s, &s->add_day,
			  "UPDATE events SET day = ?2,"
			  " updated = strftime('%s', 'now')"
			  " WHERE id = ?1 AND day > ?2",
			  e) < 0)
		return -1;
	sqlite3_bind_int64(s->add_day, 1, event_id);
	store_bind_text(s->add_day, 2, day);
	if (store_step_done(s, s->add_day, e, "update event") < 0)
		return -1;
	sqlite3_reset(s->add_day);
	/* the key is the smallest of its items' keys, whatever order they
	 * came in: exports (ICS UIDs) stay stable across re-extraction */
	if (store_prepare(
		    s, &s->add_key,
		    "UPDATE events SET key = (SELECT src.name || '/' || i.guid"
		    "  FROM items i JOIN sources src ON src.id = i.source_id"
		    "  WHERE i.id = ?2)"
		    " WHERE id = ?1 AND key > (SELECT src.name || '/' || i.guid"
		    "  FROM items i JOIN sources src ON src.id = i.source_id"
		    "  WHERE i.id = ?2)",
		    e) < 0)
		return -1;
	sqlite3_bind_int64(s->add_key, 1, event_id);
	sqlite3_bind_int64(s->add_key, 2, item_id);
	if (store_step_done(s, s->add_key, e, "update event") < 0)
		return -1;
	sqlite3_reset(s->add_key);
	return 0;
}

long long store_event_by_link(struct store *s, const char *link,
			      long long except_item, struct err *e)
{
	long long id = 0;
	int rc;

	if (!link)
		return 0;
	if (store_prepare(s, &s->by_link,
			  "SELECT ei.event_id FROM items i"
			  " JOIN event_items ei ON ei.item_id = i.id"
			  " WHERE i.link = ?1 AND i.id != ?2 LIMIT 1",
			  e) < 0)
		return -1;
	store_bind_text(s->by_link, 1, link);
	sqlite3_bind_int64(s->by_link, 2, except_item);
	rc = sqlite3_step(s->by_link);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s->by_link, 0);
	else if (rc != SQLITE_DONE)
		id = store_db_err(s, e, "read items");
	sqlite3_reset(s->by_link);
	return id;
}

int store_event_add_manual(struct store *s, const struct event *ev,
			   const char *url, long long *id, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct buf topics;
	int rc = -1;

	buf_init(&topics, 0);
	if (text_json_array(&topics, (const char *const *)ev->topics,
			    ev->ntopics) < 0) {
		buf_release(&topics);
		return err_set(e, "out of memory");
	}
	/* the key only has to be unique and stable: the next free number */
	if (sqlite3_prepare_v2(
		    s->db,
		    "INSERT INTO events (key, day, company, action, topics, title,"
		    " summary, until, until_text, follows, policy, origin, url,"
		    " created, updated)"
		    " SELECT 'manual:' || (coalesce(max(id), 0) + 1), ?1, ?2, ?3,"
		    "  ?4, ?5, ?6, ?7, ?8, ?9, 1, 'manual', ?10,"
		    "  strftime('%s', 'now'), strftime('%s', 'now') FROM events"
		    " RETURNING id",
		    -1, &st, NULL) != SQLITE_OK) {
		store_db_err(s, e, "add event");
		goto out;
	}
	store_bind_text(st, 1, ev->day);
	store_bind_text(st, 2, ev->company);
	store_bind_text(st, 3, action_slug(ev->action));
	store_bind_text(st, 4, topics.data);
	store_bind_text(st, 5, ev->title);
	store_bind_text(st, 6, ev->summary);
	store_bind_text(st, 7, ev->until[0] ? ev->until : NULL);
	store_bind_text(st, 8, ev->until_text);
	if (ev->follows)
		sqlite3_bind_int64(st, 9, ev->follows);
	store_bind_text(st, 10, url);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_db_err(s, e, "add event");
		goto out;
	}
	*id = sqlite3_column_int64(st, 0);
	rc = 0;
out:
	sqlite3_finalize(st);
	buf_release(&topics);
	return rc;
}
