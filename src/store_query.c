/* store_query.c - the timeline read back, with filters */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store_impl.h"
#include "text.h"

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

/* The strings of a JSON array that SQLite or annals wrote (["a", "b"]),
 * without a query per row; 0, or -1 if it is not such an array. */
static int parse_strings(const char *p, struct strv *out)
{
	struct buf b;
	char **v;

	while (*p == ' ')
		p++;
	if (*p++ != '[')
		return -1;
	buf_init(&b, 0);
	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == ']')
			break;
		if (*p++ != '"')
			goto fail;
		b.len = 0;
		for (; *p && *p != '"'; p++) {
			if (*p == '\\') {
				p++;
				if (*p == 'u' || !*p)
					goto fail; /* rare: let SQLite do it */
				buf_addc(&b, *p == 'n'	 ? '\n'
					     : *p == 't' ? '\t'
							 : *p);
			} else {
				buf_addc(&b, *p);
			}
		}
		if (*p++ != '"')
			goto fail;
		v = realloc(out->v, (out->n + 1) * sizeof(*v));
		if (!v)
			goto fail;
		out->v = v;
		v[out->n++] = strdup(b.data ? b.data : "");
	}
	buf_release(&b);
	return 0;
fail:
	buf_release(&b);
	strv_release(out);
	return -1;
}

static int json_strings(struct store *s, sqlite3_stmt **st, const char *json,
			struct strv *out, struct err *e)
{
	if (json && parse_strings(json, out) == 0)
		return 0;
	char **v;

	if (store_prepare(s, st, "SELECT value FROM json_each(?1)", e) < 0)
		return -1;
	store_bind_text(*st, 1, json && *json ? json : "[]");
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

static int event_sources(struct store *s, sqlite3_stmt **st, long long id,
			 struct srcv *out, struct err *e)
{
	if (store_prepare(
		    s, st,
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
		strs[2 * k] = store_col_dup(*st, 0);
		strs[2 * k + 1] = store_col_dup(*st, 1);
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
		" e.follows, e.policy, e.origin, coalesce(c.starred, 0),"
		" e.evidence, e.key, e.url, c.note"
		" FROM events e LEFT JOIN curation c ON %s"
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
		" AND e.created >= ?9"
		"%s" /* the id: a rowid lookup, not a scan */
		" AND (?11 = 0 OR e.follows = ?11)"
		" ORDER BY coalesce(c.day, e.day) %s, e.id %s";
	sqlite3_stmt *st = NULL, *topics_st = NULL, *src_st = NULL;
	char sql[sizeof(sql_fmt) + 512];
	long long curated;
	int rc = -1, step;

	if (store_query_int(s, "SELECT EXISTS (SELECT 1 FROM curation)",
			    &curated, e) < 0)
		return -1;
	snprintf(
		sql, sizeof(sql), sql_fmt,
		/* curation is keyed by an item: whichever of the event's
		 * items it names, after any re-extraction; without any, the
		 * join costs nothing */
		curated ? "c.key = coalesce("
			  " (SELECT key FROM curation WHERE key = e.key),"
			  " (SELECT cu.key FROM event_items ei"
			  "  JOIN items i ON i.id = ei.item_id"
			  "  JOIN sources src ON src.id = i.source_id"
			  "  JOIN curation cu ON cu.key = src.name || '/' || i.guid"
			  "  WHERE ei.event_id = e.id LIMIT 1))"
			: "0",
		f->id ? " AND e.id = ?10" : " AND ?10 = 0",
		newest ? "DESC" : "ASC", newest ? "DESC" : "ASC");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_db_err(s, e, "query");
		goto out;
	}
	store_bind_text(st, 1, f->since);
	store_bind_text(st, 2, f->until);
	store_bind_text(st, 3, f->company);
	store_bind_text(st, 4, f->action);
	store_bind_text(st, 5, f->topic);
	store_bind_text(st, 6, f->search);
	sqlite3_bind_int(st, 7, f->all);
	sqlite3_bind_int(st, 8, f->starred);
	sqlite3_bind_int64(st, 9, f->created_since);
	sqlite3_bind_int64(st, 10, f->id);
	sqlite3_bind_int64(st, 11, f->follows);
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
		ev.evidence = (const char *)sqlite3_column_text(st, 13);
		ev.key = (const char *)sqlite3_column_text(st, 14);
		ev.url = (const char *)sqlite3_column_text(st, 15);
		ev.note = (const char *)sqlite3_column_text(st, 16);
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
		store_db_err(s, e, "query");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(topics_st);
	sqlite3_finalize(src_st);
	return rc;
}

void store_known_release(struct store_known_list *l)
{
	size_t i, j;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		struct store_known *k = &l->v[i];

		free(k->company);
		free(k->action);
		free(k->title);
		free(k->summary);
		for (j = 0; j < k->ntopics; j++)
			free(k->topics[j]);
		free(k->topics);
		for (j = 0; j < k->nlinks; j++)
			free(k->links[j]);
		free(k->links);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Append the values of a one-column query with ?1 = id. */
static int column_list(sqlite3_stmt *st, long long id, char ***out, size_t *n)
{
	char **v;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = realloc(*out, (*n + 1) * sizeof(*v));
		if (!v)
			return -1;
		*out = v;
		v[(*n)++] = store_col_dup(st, 0);
	}
	return 0;
}

int store_known_events(struct store *s, const char *company, const char *day,
		       bool history, struct store_known_list *out,
		       struct err *e)
{
	sqlite3_stmt *st = NULL, *topics = NULL, *links = NULL;
	int rc = -1, step;

	memset(out, 0, sizeof(*out));
	if (!company)
		return 0;
	if (sqlite3_prepare_v2(
		    s->db,
		    "SELECT id, day, company, action, policy, title, summary,"
		    " coalesce(follows, 0)"
		    " FROM events WHERE company = ?1 AND origin = 'extracted'"
		    " AND policy AND day BETWEEN date(?2, ?3) AND date(?2, ?4)"
		    " ORDER BY day DESC, id DESC LIMIT 200",
		    -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
		    s->db,
		    "SELECT value FROM events, json_each(events.topics)"
		    " WHERE events.id = ?1",
		    -1, &topics, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "SELECT i.link FROM event_items ei"
			       " JOIN items i ON i.id = ei.item_id"
			       " WHERE ei.event_id = ?1 AND i.link IS NOT NULL",
			       -1, &links, NULL) != SQLITE_OK) {
		store_db_err(s, e, "read events");
		goto out;
	}
	store_bind_text(st, 1, company);
	store_bind_text(st, 2, day);
	store_bind_text(st, 3, history ? "-6 years" : "-3 days");
	store_bind_text(st, 4, history ? "+6 years" : "+3 days");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_known *v =
			realloc(out->v, (out->n + 1) * sizeof(*v));
		struct store_known *k;
		const char *d = (const char *)sqlite3_column_text(st, 1);

		if (!v) {
			err_set(e, "out of memory");
			goto out;
		}
		out->v = v;
		k = &v[out->n++];
		memset(k, 0, sizeof(*k));
		k->id = sqlite3_column_int64(st, 0);
		snprintf(k->day, sizeof(k->day), "%s", d ? d : "");
		k->company = store_col_dup(st, 2);
		k->action = store_col_dup(st, 3);
		k->policy = sqlite3_column_int(st, 4) != 0;
		k->title = store_col_dup(st, 5);
		k->summary = store_col_dup(st, 6);
		k->follows = sqlite3_column_int64(st, 7);
		if (column_list(topics, k->id, &k->topics, &k->ntopics) < 0 ||
		    column_list(links, k->id, &k->links, &k->nlinks) < 0) {
			err_set(e, "out of memory");
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		store_db_err(s, e, "read events");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(topics);
	sqlite3_finalize(links);
	if (rc < 0)
		store_known_release(out);
	return rc;
}

int store_items_each(struct store *s, store_item_fn fn, void *ctx,
		     struct err *e)
{
	sqlite3_stmt *st = NULL, *cats = NULL;
	int rc = -1, step;

	if (sqlite3_prepare_v2(
		    s->db,
		    "SELECT i.id, i.guid, i.link, i.title, i.summary, i.content,"
		    " i.author, i.published, i.published_offset, i.published_raw,"
		    " i.updated, i.updated_offset, i.updated_raw, src.name,"
		    " src.company, i.first_seen"
		    " FROM items i JOIN sources src ON src.id = i.source_id"
		    " ORDER BY coalesce(i.published, i.updated, i.first_seen), i.id",
		    -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
		    s->db,
		    "SELECT value FROM items, json_each(items.categories)"
		    " WHERE items.id = ?1",
		    -1, &cats, NULL) != SQLITE_OK) {
		store_db_err(s, e, "read items");
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct item it;
		int r;

		memset(&it, 0, sizeof(it));
		it.id = store_col_dup(st, 1);
		it.link = store_col_dup(st, 2);
		it.title = store_col_dup(st, 3);
		it.summary = store_col_dup(st, 4);
		it.content = store_col_dup(st, 5);
		it.author = store_col_dup(st, 6);
		if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
			it.published.set = true;
			it.published.utc = sqlite3_column_int64(st, 7);
			it.published.offset = sqlite3_column_int(st, 8);
		}
		it.published.raw = store_col_dup(st, 9);
		if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
			it.updated.set = true;
			it.updated.utc = sqlite3_column_int64(st, 10);
			it.updated.offset = sqlite3_column_int(st, 11);
		}
		it.updated.raw = store_col_dup(st, 12);
		r = column_list(cats, sqlite3_column_int64(st, 0),
				&it.categories, &it.ncategories);
		if (r == 0)
			r = fn(&it, sqlite3_column_int64(st, 0),
			       (const char *)sqlite3_column_text(st, 13),
			       (const char *)sqlite3_column_text(st, 14),
			       sqlite3_column_int64(st, 15), ctx);
		item_release(&it);
		if (r) {
			rc = r;
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		store_db_err(s, e, "read items");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(cats);
	return rc;
}

int store_events_clear(struct store *s, struct err *e)
{
	return store_exec(s,
			  "DELETE FROM event_items WHERE event_id IN"
			  " (SELECT id FROM events WHERE origin = 'extracted');"
			  "UPDATE events SET follows = NULL WHERE follows IN"
			  " (SELECT id FROM events WHERE origin = 'extracted');"
			  "DELETE FROM events WHERE origin = 'extracted';",
			  e);
}

int store_event_set_follows(struct store *s, long long id, long long follows,
			    struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db,
			       "UPDATE events SET follows = ?2 WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_err(s, e, "update event");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, follows);
	rc = store_step_done(s, st, e, "update event");
	sqlite3_finalize(st);
	return rc;
}

long long store_orphan_followups(struct store *s, const char *company,
				 struct err *e)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT count(*) FROM events WHERE company = ?1"
			       " AND policy AND follows IS NULL"
			       " AND action IN ('extend', 'resume')",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_err(s, e, "read events");
	store_bind_text(st, 1, company);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		store_db_err(s, e, "read events");
	sqlite3_finalize(st);
	return n;
}
