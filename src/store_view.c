/* store_view.c - the TUI's queries and curation writes */
#include "store_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "store_impl.h"

struct store_view {
	struct store *s;
	bool day_override; /* some curation moves a day: order by it */
	bool curated;	   /* the curation table has rows */
};

int store_view_new(struct store *s, struct store_view **out, struct err *e)
{
	struct store_view *v = calloc(1, sizeof(*v));

	*out = NULL;
	if (!v)
		return err_set(e, "out of memory");
	v->s = s;
	/* events -> the curation row that applies: the one keyed by the
	 * event's key, else one keyed by any of its items (the key may have
	 * changed with a re-extraction); temp, so a read-only file works */
	if (store_exec(s,
		       "CREATE TEMP TABLE IF NOT EXISTS view_cur ("
		       " event_id INTEGER PRIMARY KEY, key TEXT NOT NULL)",
		       e) < 0 ||
	    store_view_refresh(v, e) < 0) {
		free(v);
		return -1;
	}
	*out = v;
	return 0;
}

void store_view_free(struct store_view *v)
{
	free(v);
}

int store_view_refresh(struct store_view *v, struct err *e)
{
	long long n = 0, days = 0;

	if (store_exec(v->s,
		       "DELETE FROM temp.view_cur;"
		       "INSERT OR IGNORE INTO temp.view_cur"
		       " SELECT e.id, e.key FROM curation c"
		       " JOIN events e ON e.key = c.key;"
		       /* source names hold no '/', so the key splits there */
		       "INSERT OR IGNORE INTO temp.view_cur"
		       " SELECT ei.event_id, c.key FROM curation c"
		       " JOIN sources src"
		       "  ON src.name = substr(c.key, 1, instr(c.key, '/') - 1)"
		       " JOIN items i ON i.source_id = src.id"
		       "  AND i.guid = substr(c.key, instr(c.key, '/') + 1)"
		       " JOIN event_items ei ON ei.item_id = i.id"
		       " ORDER BY c.key;",
		       e) < 0 ||
	    store_query_int(v->s, "SELECT count(*) FROM curation", &n, e) < 0 ||
	    store_query_int(v->s,
			    "SELECT EXISTS (SELECT 1 FROM curation"
			    " WHERE day IS NOT NULL)",
			    &days, e) < 0)
		return -1;
	v->curated = n > 0;
	v->day_override = days != 0;
	return 0;
}

int store_view_data_version(struct store_view *v, long long *out, struct err *e)
{
	return store_query_int(v->s, "PRAGMA data_version", out, e);
}

/* The day an event sorts and filters by. */
static const char *day_expr(const struct store_view *v)
{
	return v->day_override ? "coalesce(c.day, e.day)" : "e.day";
}

/*
 * Append FROM ... WHERE ... for filter f to sql. Parameters: ?1 since,
 * ?2 until, ?3 company, ?4 action, ?5 topic, ?6 search. Clauses are only
 * written for the filters set, so that SQLite can walk the day index.
 */
static int where_sql(const struct store_view *v, const struct store_filter *f,
		     struct buf *sql)
{
	const char *d = day_expr(v);
	int rc = 0;

	rc |= buf_adds(sql, " FROM events e"
			    " LEFT JOIN temp.view_cur vc ON vc.event_id = e.id"
			    " LEFT JOIN curation c ON c.key = vc.key"
			    " WHERE 1");
	if (f->since)
		rc |= buf_addf(sql, " AND %s >= ?1", d);
	if (f->until)
		rc |= buf_addf(sql, " AND %s <= ?2", d);
	if (f->company)
		rc |= buf_adds(sql, " AND e.company = ?3 COLLATE NOCASE");
	if (f->action)
		rc |= buf_adds(sql, " AND coalesce(c.action, e.action) = ?4");
	if (f->topic)
		rc |= buf_adds(
			sql, " AND EXISTS (SELECT 1 FROM json_each("
			     "coalesce(c.topics, e.topics)) WHERE value = ?5)");
	if (f->search)
		/* one FTS5 query for all rows, not one per row */
		rc |= buf_adds(
			sql,
			" AND e.id IN (SELECT ei.event_id FROM event_items ei"
			" WHERE ei.item_id IN " STORE_FTS_IDS("?6") ")");
	if (!f->all)
		rc |= buf_adds(sql,
			       " AND e.policy AND NOT coalesce(c.hidden, 0)");
	if (f->starred)
		rc |= buf_adds(sql, " AND coalesce(c.starred, 0)");
	if (f->id)
		rc |= buf_addf(sql, " AND e.id = %lld", f->id);
	if (f->follows)
		rc |= buf_addf(sql, " AND e.follows = %lld", f->follows);
	if (f->created_since)
		rc |= buf_addf(sql, " AND e.created >= %lld", f->created_since);
	return rc ? -1 : 0;
}

static void bind_filter(sqlite3_stmt *st, const struct store_filter *f)
{
	store_bind_text(st, 1, f->since);
	store_bind_text(st, 2, f->until);
	store_bind_text(st, 3, f->company);
	store_bind_text(st, 4, f->action);
	store_bind_text(st, 5, f->topic);
	store_bind_text(st, 6, f->search);
}

/* Prepare the query built in sql, which is released. Returns 0/-1. */
static int prepare(struct store_view *v, struct buf *sql, sqlite3_stmt **st,
		   struct err *e)
{
	int rc = sql->data ? store_stmt(v->s, st, sql->data, e, "query")
			   : err_set(e, "out of memory");

	buf_release(sql);
	return rc;
}

/* The message of a failed step: FTS5 syntax errors read as such. */
static int step_err(struct store_view *v, const struct store_filter *f,
		    struct err *e)
{
	const char *m = sqlite3_errmsg(v->s->db);

	if (f->search)
		return err_set(e, "search '%s': %s", f->search, m);
	return store_db_err(v->s, e, "query");
}

void store_view_rows_release(struct store_view_rows *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].company);
		free(r->v[i].action);
		free(r->v[i].title);
		free(r->v[i].until);
		free(r->v[i].until_text);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static void copy_day(char *dst, sqlite3_stmt *st, int col)
{
	const char *d = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, 11, "%s", d ? d : "");
}

/* A new row, zeroed, at the end of out; NULL (e set) when out of memory. */
static struct store_view_row *add_row(struct store_view_rows *out,
				      struct err *e)
{
	struct store_view_row *r = realloc(out->v, (out->n + 1) * sizeof(*r));

	if (!r) {
		err_set(e, "out of memory");
		return NULL;
	}
	out->v = r;
	r = &out->v[out->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* A page of rows; light ones carry only id, day, company and action. */
static int page_query(struct store_view *v, const struct store_filter *f,
		      bool desc, const struct store_view_pos *after,
		      bool inclusive, size_t limit, bool light,
		      struct store_view_rows *out, struct err *e)
{
	const char *d = day_expr(v), *dir = desc ? "DESC" : "ASC";
	sqlite3_stmt *st = NULL;
	struct buf sql;
	int step, rc = -1;

	/* a search reads the items not indexed yet too (store_fts.c) */
	if (f->search && store_fts_search_prepare(v->s, e) < 0)
		return -1;
	buf_init(&sql, 0);
	buf_addf(&sql,
		 "SELECT e.id, %s, e.company, coalesce(c.action, e.action),",
		 d);
	buf_adds(&sql,
		 light ? " NULL, NULL, NULL, 0, e.policy, 0, 0, 0, 0, 0"
		       : " coalesce(c.title, e.title), e.until, e.until_text,"
			 " coalesce(e.follows, 0), e.policy,"
			 " coalesce(c.starred, 0), coalesce(c.hidden, 0),"
			 " c.note IS NOT NULL AND c.note != '',"
			 " (SELECT count(*) FROM event_items ei"
			 "  WHERE ei.event_id = e.id), e.origin = 'manual'");
	if (where_sql(v, f, &sql) < 0) {
		buf_release(&sql);
		return err_set(e, "out of memory");
	}
	if (after)
		buf_addf(&sql, " AND (%s, e.id) %s (?7, ?8)", d,
			 desc ? (inclusive ? "<=" : "<")
			      : (inclusive ? ">=" : ">"));
	buf_addf(&sql, " ORDER BY %s %s, e.id %s LIMIT ?9", d, dir, dir);
	if (prepare(v, &sql, &st, e) < 0)
		return -1;
	bind_filter(st, f);
	if (after) {
		store_bind_text(st, 7, after->day);
		sqlite3_bind_int64(st, 8, after->id);
	}
	sqlite3_bind_int64(st, 9, (long long)limit);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_view_row *r = add_row(out, e);

		if (!r)
			goto out;
		r->id = sqlite3_column_int64(st, 0);
		copy_day(r->day, st, 1);
		r->company = store_col_dup(st, 2);
		r->action = store_col_dup(st, 3);
		r->title = store_col_dup(st, 4);
		r->until = store_col_dup(st, 5);
		r->until_text = store_col_dup(st, 6);
		r->follows = sqlite3_column_int64(st, 7);
		r->policy = sqlite3_column_int(st, 8) != 0;
		r->starred = sqlite3_column_int(st, 9) != 0;
		r->hidden = sqlite3_column_int(st, 10) != 0;
		r->noted = sqlite3_column_int(st, 11) != 0;
		r->nsources = sqlite3_column_int(st, 12);
		r->manual = sqlite3_column_int(st, 13) != 0;
	}
	if (step != SQLITE_DONE) {
		step_err(v, f, e);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_view_page(struct store_view *v, const struct store_filter *f,
		    bool desc, const struct store_view_pos *after,
		    bool inclusive, size_t limit, struct store_view_rows *out,
		    struct err *e)
{
	return page_query(v, f, desc, after, inclusive, limit, false, out, e);
}

int store_view_points(struct store_view *v, const struct store_filter *f,
		      size_t limit, struct store_view_rows *out, struct err *e)
{
	return page_query(v, f, false, NULL, false, limit, true, out, e);
}

int store_view_lane_months(struct store_view *v, const struct store_filter *f,
			   int (*stop)(void *), void *ctx,
			   struct store_view_rows *out, struct err *e)
{
	const char *d = day_expr(v);
	sqlite3_stmt *st = NULL;
	struct buf sql;
	int step, rc = -1;

	/* a search reads the items not indexed yet too (store_fts.c) */
	if (f->search && store_fts_search_prepare(v->s, e) < 0)
		return -1;
	buf_init(&sql, 0);
	/* the bare action column comes from the row of max(e.id) */
	buf_addf(&sql,
		 "SELECT max(e.id), substr(%s, 1, 7) || '-01' AS m, e.company,"
		 " coalesce(c.action, e.action), count(*)",
		 d);
	if (where_sql(v, f, &sql) < 0) {
		buf_release(&sql);
		return err_set(e, "out of memory");
	}
	buf_adds(&sql, " GROUP BY e.company, m");
	if (prepare(v, &sql, &st, e) < 0)
		return -1;
	bind_filter(st, f);
	/* a full pass: the caller may cut it short (a key was pressed) */
	if (stop)
		sqlite3_progress_handler(v->s->db, 20000, stop, ctx);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_view_row *r = add_row(out, e);

		if (!r)
			goto out;
		r->id = sqlite3_column_int64(st, 0);
		copy_day(r->day, st, 1);
		r->company = store_col_dup(st, 2);
		r->action = store_col_dup(st, 3);
		r->nsources = sqlite3_column_int(st, 4);
	}
	if (step == SQLITE_INTERRUPT) {
		rc = 1;
		goto out;
	}
	if (step != SQLITE_DONE) {
		step_err(v, f, e);
		goto out;
	}
	rc = 0;
out:
	if (stop)
		sqlite3_progress_handler(v->s->db, 0, NULL, NULL);
	sqlite3_finalize(st);
	if (rc != 0)
		store_view_rows_release(out);
	return rc;
}

long long store_view_total(struct store_view *v, struct err *e)
{
	long long n;

	if (store_query_int(v->s, "SELECT count(*) FROM events", &n, e) < 0)
		return -1;
	return n;
}

static void free_strings(char **s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/* Append the text values of column 0 of st to *out. */
static int collect(sqlite3_stmt *st, char ***out, size_t *n)
{
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char **s = realloc(*out, (*n + 1) * sizeof(*s));

		if (!s)
			return -1;
		*out = s;
		if (!(s[*n] = store_col_dup(st, 0)))
			continue;
		(*n)++;
	}
	return step == SQLITE_DONE ? 0 : -1;
}

int store_view_values(struct store_view *v, const struct store_filter *f,
		      const char *field, char ***out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct buf sql;
	int topic = strcmp(field, "topic") == 0, rc = -1;

	*out = NULL;
	*n = 0;
	/* a search reads the items not indexed yet too (store_fts.c) */
	if (f->search && store_fts_search_prepare(v->s, e) < 0)
		return -1;
	buf_init(&sql, 0);
	/* companies: walk the company index from one company to the
	 * next, and keep those with an event that passes the filters */
	buf_adds(&sql, topic ? "SELECT DISTINCT j.value"
			     : "WITH RECURSIVE co(x) AS ("
			       " SELECT min(company) FROM events UNION ALL"
			       " SELECT (SELECT min(company) FROM events"
			       "  WHERE company > co.x) FROM co"
			       " WHERE co.x IS NOT NULL)"
			       " SELECT x FROM co WHERE x IS NOT NULL"
			       " AND EXISTS (SELECT 1");
	if (where_sql(v, f, &sql) < 0) {
		buf_release(&sql);
		return err_set(e, "out of memory");
	}
	if (topic) {
		/* the join goes after the other tables: rewrite the WHERE */
		char *w = strstr(sql.data, " WHERE 1");
		struct buf b;

		buf_init(&b, 0);
		buf_add(&b, sql.data, (size_t)(w - sql.data));
		buf_adds(&b, ", json_each(coalesce(c.topics, e.topics)) j");
		buf_adds(&b, w);
		buf_release(&sql);
		sql = b;
		buf_adds(&sql, " ORDER BY 1");
	} else {
		buf_adds(&sql, " AND e.company = co.x)");
	}
	if (prepare(v, &sql, &st, e) < 0)
		return -1;
	bind_filter(st, f);
	if (collect(st, out, n) < 0) {
		step_err(v, f, e);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc < 0) {
		free_strings(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void store_view_detail_release(struct store_view_detail *d)
{
	size_t i, j;

	if (!d)
		return;
	free(d->key);
	free(d->company);
	free(d->action);
	free_strings(d->topics, d->ntopics);
	free(d->title);
	free(d->summary);
	free(d->until);
	free(d->until_text);
	free(d->origin);
	free(d->evidence);
	free(d->note);
	free(d->url);
	free(d->follows.title);
	for (i = 0; i < d->nfollowed_by; i++)
		free(d->followed_by[i].title);
	free(d->followed_by);
	for (i = 0; i < d->nsources; i++) {
		struct store_view_source *src = &d->sources[i];

		free(src->source);
		free(src->url);
		free(src->title);
		free(src->summary);
		for (j = 0; j < src->nrevs; j++) {
			free(src->revs[j].title);
			free(src->revs[j].summary);
		}
		free(src->revs);
	}
	free(d->sources);
	memset(d, 0, sizeof(*d));
}

/* The events that follow id (followed_by) or the one it follows. */
static int detail_links(struct store_view *v, struct store_view_detail *d,
			long long follows, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int step;

	if (store_stmt(v->s, &st,
		       "SELECT e.id, coalesce(c.day, e.day),"
		       " coalesce(c.title, e.title), e.follows = ?1"
		       " FROM events e"
		       " LEFT JOIN temp.view_cur vc ON vc.event_id = e.id"
		       " LEFT JOIN curation c ON c.key = vc.key"
		       " WHERE e.follows = ?1 OR e.id = ?2"
		       " ORDER BY 2, 1",
		       e, "read event") < 0)
		return -1;
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_int64(st, 2, follows);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_view_link *l = &d->follows;

		if (sqlite3_column_int(st, 3)) {
			l = realloc(d->followed_by,
				    (d->nfollowed_by + 1) * sizeof(*l));
			if (!l)
				break;
			d->followed_by = l;
			l = &l[d->nfollowed_by++];
		}
		l->id = sqlite3_column_int64(st, 0);
		copy_day(l->day, st, 1);
		l->title = store_col_dup(st, 2);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : store_db_err(v->s, e, "read event");
}

static int detail_sources(struct store_view *v, struct store_view_detail *d,
			  struct err *e)
{
	sqlite3_stmt *st = NULL, *rev = NULL;
	int step, rc = -1;

	if (store_stmt(v->s, &st,
		       "SELECT i.id, src.name, i.link, i.title,"
		       " i.summary, i.published FROM event_items ei"
		       " JOIN items i ON i.id = ei.item_id"
		       " JOIN sources src ON src.id = i.source_id"
		       " WHERE ei.event_id = ?1"
		       " ORDER BY i.published IS NULL, i.published, i.id",
		       e, "read event") < 0 ||
	    store_stmt(v->s, &rev,
		       "SELECT title, summary, replaced_at"
		       " FROM item_revisions WHERE item_id = ?1"
		       " ORDER BY replaced_at, id",
		       e, "read event") < 0)
		goto out;
	sqlite3_bind_int64(st, 1, d->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_view_source *src =
			realloc(d->sources, (d->nsources + 1) * sizeof(*src));

		if (!src) {
			err_set(e, "out of memory");
			goto out;
		}
		d->sources = src;
		src = &src[d->nsources++];
		memset(src, 0, sizeof(*src));
		src->source = store_col_dup(st, 1);
		src->url = store_col_dup(st, 2);
		src->title = store_col_dup(st, 3);
		src->summary = store_col_dup(st, 4);
		src->has_published = sqlite3_column_type(st, 5) != SQLITE_NULL;
		src->published = sqlite3_column_int64(st, 5);
		sqlite3_reset(rev);
		sqlite3_bind_int64(rev, 1, sqlite3_column_int64(st, 0));
		while (sqlite3_step(rev) == SQLITE_ROW) {
			struct store_view_rev *r = realloc(
				src->revs, (src->nrevs + 1) * sizeof(*r));

			if (!r) {
				err_set(e, "out of memory");
				goto out;
			}
			src->revs = r;
			r = &r[src->nrevs++];
			r->title = store_col_dup(rev, 0);
			r->summary = store_col_dup(rev, 1);
			r->replaced_at = sqlite3_column_int64(rev, 2);
		}
	}
	if (step != SQLITE_DONE) {
		store_db_err(v->s, e, "read event");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(rev);
	return rc;
}

int store_view_detail(struct store_view *v, long long id,
		      struct store_view_detail *out, struct err *e)
{
	sqlite3_stmt *st = NULL, *tp = NULL;
	long long follows = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (store_stmt(
		    v->s, &st,
		    "SELECT e.id, coalesce(c.day, e.day), e.key, e.company,"
		    " coalesce(c.action, e.action),"
		    " coalesce(c.topics, e.topics),"
		    " coalesce(c.title, e.title), e.summary, e.until,"
		    " e.until_text, e.origin, e.evidence, c.note, e.url,"
		    " e.policy, coalesce(c.starred, 0), coalesce(c.hidden, 0),"
		    " coalesce(e.follows, 0)"
		    " FROM events e"
		    " LEFT JOIN temp.view_cur vc ON vc.event_id = e.id"
		    " LEFT JOIN curation c ON c.key = vc.key WHERE e.id = ?1",
		    e, "read event") < 0 ||
	    store_stmt(v->s, &tp, "SELECT value FROM json_each(?1)", e,
		       "read event") < 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	rc = store_step_row(v->s, st, e, "read event");
	if (rc != 1)
		goto out; /* 0: no such event */
	out->id = id;
	copy_day(out->day, st, 1);
	out->key = store_col_dup(st, 2);
	out->company = store_col_dup(st, 3);
	out->action = store_col_dup(st, 4);
	store_bind_text(tp, 1, (const char *)sqlite3_column_text(st, 5));
	if (collect(tp, &out->topics, &out->ntopics) < 0) {
		rc = store_db_err(v->s, e, "read topics");
		goto out;
	}
	out->title = store_col_dup(st, 6);
	out->summary = store_col_dup(st, 7);
	out->until = store_col_dup(st, 8);
	out->until_text = store_col_dup(st, 9);
	out->origin = store_col_dup(st, 10);
	out->evidence = store_col_dup(st, 11);
	out->note = store_col_dup(st, 12);
	out->url = store_col_dup(st, 13);
	out->policy = sqlite3_column_int(st, 14) != 0;
	out->starred = sqlite3_column_int(st, 15) != 0;
	out->hidden = sqlite3_column_int(st, 16) != 0;
	follows = sqlite3_column_int64(st, 17);
	if (detail_links(v, out, follows, e) < 0 ||
	    detail_sources(v, out, e) < 0)
		rc = -1;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(tp);
	if (rc < 0)
		store_view_detail_release(out);
	return rc;
}

int store_view_curate(struct store_view *v, long long id,
		      enum store_view_field field, const char *value,
		      struct err *e)
{
	static const char *const cols[] = {
		[STORE_VIEW_STAR] = "starred",	[STORE_VIEW_HIDE] = "hidden",
		[STORE_VIEW_NOTE] = "note",	[STORE_VIEW_ACTION] = "action",
		[STORE_VIEW_TOPICS] = "topics", [STORE_VIEW_DAY] = "day",
		[STORE_VIEW_TITLE] = "title",
	};
	const char *col = cols[field];
	bool toggle = field == STORE_VIEW_STAR || field == STORE_VIEW_HIDE;
	sqlite3_stmt *st = NULL;
	char sql[512];
	int rc;

	if (field == STORE_VIEW_NOTE && value && !*value)
		value = NULL;
	/* the column name comes from the table above, never from input;
	 * the key: the curation row already in use, else the event's */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO curation (key, %s, updated)"
		 " SELECT coalesce((SELECT key FROM temp.view_cur"
		 "  WHERE event_id = ?1), e.key), %s, strftime('%%s', 'now')"
		 " FROM events e WHERE e.id = ?1"
		 " ON CONFLICT (key) DO UPDATE SET %s = %s%s,"
		 " updated = excluded.updated",
		 col, toggle ? "1" : "?2", col,
		 toggle ? "NOT curation." : "excluded.", col);
	if (store_stmt(v->s, &st, sql, e, "curate") < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (!toggle)
		store_bind_text(st, 2, value);
	rc = store_stmt_run(v->s, st, e, "curate");
	if (rc == 0 && sqlite3_changes(v->s->db) == 0)
		rc = err_set(e, "no event #%lld", id);
	if (rc == 0)
		rc = store_view_refresh(v, e);
	return rc;
}
