/* store_query.c - the timeline read back, with filters */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store_impl.h"
#include "text.h"

/* The text columns of an event row (day .. note) */
#define EV_NTEXT 13

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
				/* rare ones (\u, \r, \b, \f): let SQLite */
				if (!*p || !strchr("\"\\/nt", *p))
					goto fail;
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

/* One event being read: its columns copied out of the statement (the
 * rows of its sources come after its first row), and its sources. The
 * buffers are reused from event to event, so memory stays flat. */
struct evrow {
	long long id;
	struct buf text;    /* the event's text columns, NUL-separated */
	long off[EV_NTEXT]; /* where each starts in text, -1 for NULL */
	struct buf names;   /* the sources' names and urls */
	struct store_event_source *src;
	long *src_off;	     /* 2 per source: name and url in names, -1 NULL */
	long long *src_item; /* the item of each source */
	size_t nsrc, capsrc;
};

/* Append column col of st to b (NUL-terminated); its offset, or -1 for
 * NULL, or -2 when out of memory. */
static long col_copy(struct buf *b, sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	long at = (long)b->len;

	if (!v)
		return -1;
	if (buf_add(b, v, (size_t)sqlite3_column_bytes(st, col) + 1) < 0)
		return -2;
	return at;
}

/* The columns of store_events' query, in order. */
enum {
	Q_ID,
	Q_DAY, /* text columns Q_DAY .. Q_NOTE, as copied */
	Q_COMPANY,
	Q_ACTION,
	Q_TOPICS,
	Q_TITLE,
	Q_SUMMARY,
	Q_UNTIL,
	Q_UNTIL_TEXT,
	Q_ORIGIN,
	Q_EVIDENCE,
	Q_KEY,
	Q_URL,
	Q_NOTE,
	Q_FOLLOWS,
	Q_POLICY,
	Q_STARRED,
	Q_SOURCE,
	Q_LINK,
	Q_PUBLISHED,
	Q_ITEM,
};

/* Start ev over with the event of the current row. 0/-1. */
static int evrow_start(struct evrow *ev, sqlite3_stmt *st)
{
	int i;

	ev->id = sqlite3_column_int64(st, Q_ID);
	ev->text.len = 0;
	ev->names.len = 0;
	ev->nsrc = 0;
	for (i = 0; i < EV_NTEXT; i++)
		if ((ev->off[i] = col_copy(&ev->text, st, Q_DAY + i)) == -2)
			return -1;
	return 0;
}

/* Add the source of the current row to ev, if the row has one. 0/-1. */
static int evrow_source(struct evrow *ev, sqlite3_stmt *st)
{
	struct store_event_source *v;
	long *off;
	long long *item;
	size_t k = ev->nsrc;

	/* an event without items (a manual one) has a row of NULLs */
	if (sqlite3_column_type(st, Q_SOURCE) == SQLITE_NULL)
		return 0;
	if (k == ev->capsrc) {
		size_t cap = k ? 2 * k : 4;

		v = realloc(ev->src, cap * sizeof(*v));
		if (!v)
			return -1;
		ev->src = v;
		off = realloc(ev->src_off, cap * 2 * sizeof(*off));
		if (!off)
			return -1;
		ev->src_off = off;
		item = realloc(ev->src_item, cap * sizeof(*item));
		if (!item)
			return -1;
		ev->src_item = item;
		ev->capsrc = cap;
	}
	ev->src_off[2 * k] = col_copy(&ev->names, st, Q_SOURCE);
	ev->src_off[2 * k + 1] = col_copy(&ev->names, st, Q_LINK);
	if (ev->src_off[2 * k] == -2 || ev->src_off[2 * k + 1] == -2)
		return -1;
	ev->src[k].has_published =
		sqlite3_column_type(st, Q_PUBLISHED) != SQLITE_NULL;
	ev->src[k].published = sqlite3_column_int64(st, Q_PUBLISHED);
	ev->src_item[k] = sqlite3_column_int64(st, Q_ITEM);
	ev->nsrc++;
	return 0;
}

/* Does source a of ev come after b: undated last, then by publication,
 * then by item? */
static int evrow_after(const struct evrow *ev, size_t a, size_t b)
{
	const struct store_event_source *x = &ev->src[a], *y = &ev->src[b];

	if (x->has_published != y->has_published)
		return !x->has_published;
	if (x->has_published && x->published != y->published)
		return x->published > y->published;
	return ev->src_item[a] > ev->src_item[b];
}

/* Put the sources in order (an insertion sort: there are few). */
static void evrow_sort(struct evrow *ev)
{
	size_t i, j;

	for (i = 1; i < ev->nsrc; i++)
		for (j = i; j > 0 && evrow_after(ev, j - 1, j); j--) {
			struct store_event_source t = ev->src[j];
			long long it = ev->src_item[j];
			long o0 = ev->src_off[2 * j],
			     o1 = ev->src_off[2 * j + 1];

			ev->src[j] = ev->src[j - 1];
			ev->src_item[j] = ev->src_item[j - 1];
			ev->src_off[2 * j] = ev->src_off[2 * j - 2];
			ev->src_off[2 * j + 1] = ev->src_off[2 * j - 1];
			ev->src[j - 1] = t;
			ev->src_item[j - 1] = it;
			ev->src_off[2 * j - 2] = o0;
			ev->src_off[2 * j - 1] = o1;
		}
}

static void evrow_release(struct evrow *ev)
{
	buf_release(&ev->text);
	buf_release(&ev->names);
	free(ev->src);
	free(ev->src_off);
	free(ev->src_item);
}

/* Hand the event read into ev (flags from its first row) to fn. */
static int evrow_emit(struct store *s, sqlite3_stmt **topics_st,
		      struct evrow *ev, const long long *nums,
		      store_event_fn fn, void *ctx, struct err *e)
{
	const char *t[EV_NTEXT];
	struct store_event out;
	struct strv topics = {NULL, 0};
	size_t i;
	int r;

	for (i = 0; i < EV_NTEXT; i++)
		t[i] = ev->off[i] < 0 ? NULL : ev->text.data + ev->off[i];
	evrow_sort(ev);
	for (i = 0; i < ev->nsrc; i++) {
		long a = ev->src_off[2 * i], b = ev->src_off[2 * i + 1];

		ev->src[i].source = a < 0 ? NULL : ev->names.data + a;
		ev->src[i].url = b < 0 ? NULL : ev->names.data + b;
	}
	if (json_strings(s, topics_st, t[Q_TOPICS - Q_DAY], &topics, e) < 0) {
		strv_release(&topics);
		return -1;
	}
	memset(&out, 0, sizeof(out));
	out.id = ev->id;
	out.day = t[Q_DAY - Q_DAY];
	out.company = t[Q_COMPANY - Q_DAY];
	out.action = t[Q_ACTION - Q_DAY];
	out.topics = (const char *const *)topics.v;
	out.ntopics = topics.n;
	out.title = t[Q_TITLE - Q_DAY];
	out.summary = t[Q_SUMMARY - Q_DAY];
	out.until = t[Q_UNTIL - Q_DAY];
	out.until_text = t[Q_UNTIL_TEXT - Q_DAY];
	out.follows = nums[0];
	out.policy = nums[1] != 0;
	out.origin = t[Q_ORIGIN - Q_DAY];
	out.starred = nums[2] != 0;
	out.evidence = t[Q_EVIDENCE - Q_DAY];
	out.key = t[Q_KEY - Q_DAY];
	out.url = t[Q_URL - Q_DAY];
	out.note = t[Q_NOTE - Q_DAY];
	out.sources = ev->src;
	out.nsources = ev->nsrc;
	r = fn(&out, ctx);
	strv_release(&topics);
	return r;
}

int store_events(struct store *s, const struct store_filter *f, bool newest,
		 store_event_fn fn, void *ctx, struct err *e)
{
	/* curation overrides what extraction said; the sources of an event
	 * come in the same query, a row each (so the events stream from one
	 * cursor, without a query each), and are put in the order they
	 * published here, not by a sort in SQLite for every event */
	static const char select_fmt[] =
		"SELECT e.id, %s, e.company,"
		" coalesce(c.action, e.action), coalesce(c.topics, e.topics),"
		" coalesce(c.title, e.title), e.summary, e.until, e.until_text,"
		" e.origin, e.evidence, e.key, e.url, c.note, e.follows,"
		" e.policy, coalesce(c.starred, 0),"
		" src.name, i.link, i.published, i.id"
		" FROM events e LEFT JOIN curation c ON %s"
		" LEFT JOIN event_items ei ON ei.event_id = e.id"
		" LEFT JOIN items i ON i.id = ei.item_id"
		" LEFT JOIN sources src ON src.id = i.source_id"
		" WHERE 1";
	sqlite3_stmt *st = NULL, *topics_st = NULL;
	struct buf sql;
	struct evrow ev;
	long long curated, nums[3] = {0, 0, 0};
	const char *day;
	int rc = -1, step, have = 0, oom = 0;

	memset(&ev, 0, sizeof(ev));
	buf_init(&ev.text, 0);
	buf_init(&ev.names, 0);
	buf_init(&sql, 0);
	/* 1: some curation, 3: some of it moves an event to another day */
	if (store_query_int(s,
			    "SELECT EXISTS (SELECT 1 FROM curation)"
			    " + 2 * EXISTS (SELECT 1 FROM curation"
			    " WHERE day IS NOT NULL)",
			    &curated, e) < 0)
		return -1;
	/* without moved days, the day index gives the order */
	day = curated & 2 ? "coalesce(c.day, e.day)" : "e.day";
	oom |= buf_addf(
		&sql, select_fmt, day,
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
			: "0");
	/* only the filters in use: each term is evaluated on every row */
	if (f->since)
		oom |= buf_addf(&sql, " AND %s >= ?1", day);
	if (f->until)
		oom |= buf_addf(&sql, " AND %s <= ?2", day);
	if (f->company)
		oom |= buf_adds(&sql, " AND e.company = ?3 COLLATE NOCASE");
	if (f->action)
		oom |= buf_adds(&sql, " AND coalesce(c.action, e.action) = ?4");
	if (f->topic)
		oom |= buf_adds(&sql, " AND EXISTS (SELECT 1 FROM"
				      " json_each(coalesce(c.topics, e.topics))"
				      " WHERE value = ?5)");
	if (f->search)
		oom |= buf_adds(&sql,
				" AND EXISTS (SELECT 1 FROM event_items ei"
				" WHERE ei.event_id = e.id"
				" AND ei.item_id IN " STORE_FTS_IDS("?6") ")");
	if (!f->all)
		oom |= buf_adds(&sql,
				" AND e.policy AND NOT coalesce(c.hidden, 0)");
	if (f->starred)
		oom |= buf_adds(&sql, " AND coalesce(c.starred, 0)");
	if (f->created_since)
		oom |= buf_adds(&sql, " AND e.created >= ?9");
	if (f->id) /* a rowid lookup, not a scan */
		oom |= buf_adds(&sql, " AND e.id = ?10");
	if (f->follows)
		oom |= buf_adds(&sql, " AND e.follows = ?11");
	oom |= buf_addf(&sql, " ORDER BY %s %s, e.id %s", day,
			newest ? "DESC" : "ASC", newest ? "DESC" : "ASC");
	if (oom) {
		err_set(e, "out of memory");
		goto out;
	}
	/* a search reads the items not indexed yet too (store_fts.c) */
	if (f->search && store_fts_search_prepare(s, e) < 0)
		goto out;
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		store_db_err(s, e, "query");
		goto out;
	}
	/* a parameter the query does not use is not bound (SQLITE_RANGE) */
	store_bind_text(st, 1, f->since);
	store_bind_text(st, 2, f->until);
	store_bind_text(st, 3, f->company);
	store_bind_text(st, 4, f->action);
	store_bind_text(st, 5, f->topic);
	store_bind_text(st, 6, f->search);
	sqlite3_bind_int64(st, 9, f->created_since);
	sqlite3_bind_int64(st, 10, f->id);
	sqlite3_bind_int64(st, 11, f->follows);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int r;

		if (!have || sqlite3_column_int64(st, Q_ID) != ev.id) {
			if (have) {
				r = evrow_emit(s, &topics_st, &ev, nums, fn,
					       ctx, e);
				if (r) {
					rc = r;
					goto out;
				}
			}
			if (evrow_start(&ev, st) < 0) {
				err_set(e, "out of memory");
				goto out;
			}
			nums[0] = sqlite3_column_int64(st, Q_FOLLOWS);
			nums[1] = sqlite3_column_int(st, Q_POLICY);
			nums[2] = sqlite3_column_int(st, Q_STARRED);
			have = 1;
		}
		if (evrow_source(&ev, st) < 0) {
			err_set(e, "out of memory");
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		store_db_err(s, e, "query");
		goto out;
	}
	if (have) {
		rc = evrow_emit(s, &topics_st, &ev, nums, fn, ctx, e);
		if (rc)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(topics_st);
	evrow_release(&ev);
	buf_release(&sql);
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

/* A JSON array of strings from column col into *out (owned strings). */
static int known_strings(struct store *s, sqlite3_stmt *st, int col,
			 char ***out, size_t *n, struct err *e)
{
	struct strv sv = {NULL, 0};

	if (json_strings(s, &s->known_json,
			 (const char *)sqlite3_column_text(st, col), &sv,
			 e) < 0) {
		strv_release(&sv);
		return -1;
	}
	*out = sv.v;
	*n = sv.n;
	return 0;
}

int store_known_events(struct store *s, const char *company, const char *day,
		       bool history, struct store_known_list *out,
		       struct err *e)
{
	sqlite3_stmt *st;
	int rc = -1, step;

	memset(out, 0, sizeof(*out));
	if (!company)
		return 0;
	/* asked for each new policy move: prepared once per connection,
	 * one query (each event's topics and links come with it) */
	if (store_prepare(
		    s, &s->known,
		    "SELECT id, day, company, action, policy, title, summary,"
		    " coalesce(follows, 0), topics,"
		    " (SELECT json_group_array(i.link) FROM event_items ei"
		    "  JOIN items i ON i.id = ei.item_id"
		    "  WHERE ei.event_id = events.id AND i.link IS NOT NULL)"
		    " FROM events WHERE company = ?1 AND origin = 'extracted'"
		    " AND policy AND day BETWEEN date(?2, ?3) AND date(?2, ?4)"
		    " ORDER BY day DESC, id DESC LIMIT 200",
		    e) < 0)
		return -1;
	st = s->known;
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
		if (known_strings(s, st, 8, &k->topics, &k->ntopics, e) < 0 ||
		    known_strings(s, st, 9, &k->links, &k->nlinks, e) < 0)
			goto out;
	}
	if (step != SQLITE_DONE) {
		store_db_err(s, e, "read events");
		goto out;
	}
	rc = 0;
out:
	sqlite3_reset(st);
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
	long long n = -1;

	if (store_prepare(s, &s->orphans,
			  "SELECT count(*) FROM events WHERE company = ?1"
			  " AND policy AND follows IS NULL"
			  " AND action IN ('extend', 'resume')",
			  e) < 0)
		return -1;
	store_bind_text(s->orphans, 1, company);
	if (sqlite3_step(s->orphans) == SQLITE_ROW)
		n = sqlite3_column_int64(s->orphans, 0);
	else
		store_db_err(s, e, "read events");
	sqlite3_reset(s->orphans);
	return n;
}
