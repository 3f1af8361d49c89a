/* sync.c - the one pipeline: fetch -> parse -> extract -> store */
#include "sync.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "page.h"
#include "store.h"
#include "sync_page.h"
#include "text.h"

/* Local files larger than this are refused. */
#define SYNC_MAX_DOCUMENT (64u * 1024 * 1024)
#define SYNC_EVERY 3600
#define SYNC_MAX_BACKOFF 86400

/* The stored events k[] as the extractor sees them (borrowed). */
static struct extract_known *as_known(const struct store_known_list *kl)
{
	struct extract_known *k = calloc(kl->n + 1, sizeof(*k));
	size_t i;

	for (i = 0; k && i < kl->n; i++) {
		const struct store_known *s = &kl->v[i];

		k[i].id = s->id;
		k[i].day = s->day;
		k[i].company = s->company;
		k[i].action = s->action ? s->action : "other";
		k[i].policy = s->policy;
		k[i].title = s->title;
		k[i].summary = s->summary;
		k[i].topics = (const char *const *)s->topics;
		k[i].ntopics = s->ntopics;
		k[i].links = (const char *const *)s->links;
		k[i].nlinks = s->nlinks;
	}
	return k;
}

/*
 * An extend or resume event stored before what it follows (feeds list
 * newest first, files come in any order) gets its link once the earlier
 * move is there: look again around day.
 */
static int link_followups(struct store *s, const char *company, const char *day,
			  struct err *e)
{
	struct store_known_list kl;
	struct extract_known *k = NULL;
	size_t i;
	int rc = -1;

	if (store_orphan_followups(s, company, e) == 0)
		return 0; /* (or -1: the next call fails the same way) */
	if (store_known_events(s, company, day, true, &kl, e) < 0)
		return -1;
	k = as_known(&kl);
	if (!k) {
		err_set(e, "out of memory");
		goto out;
	}
	for (i = 0; i < kl.n; i++) {
		struct event ev;
		enum action act;
		long f;

		if (kl.v[i].follows || !kl.v[i].policy ||
		    action_from_slug(k[i].action, &act) < 0 ||
		    (act != ACTION_EXTEND && act != ACTION_RESUME))
			continue;
		memset(&ev, 0, sizeof(ev));
		memcpy(ev.day, kl.v[i].day, 11);
		ev.company = kl.v[i].company;
		ev.action = act;
		ev.policy = true;
		ev.title = kl.v[i].title;
		ev.summary = kl.v[i].summary;
		ev.topics = kl.v[i].topics;
		ev.ntopics = kl.v[i].ntopics;
		f = extract_follows(&ev, k, kl.n);
		if (f >= 0 &&
		    store_event_set_follows(s, kl.v[i].id, k[f].id, e) < 0)
			goto out;
	}
	rc = 0;
out:
	free(k);
	store_known_release(&kl);
	return rc;
}

/* The key of an event whose first item is guid of source (as the store
 * makes it, store_event_upsert), in b; NULL on out of memory (the store
 * then reads it). */
static const char *event_key(struct buf *b, const char *source,
			     const char *guid)
{
	b->len = 0;
	if (buf_adds(b, source) < 0 || buf_addc(b, '/') < 0 ||
	    buf_adds(b, guid) < 0)
		return NULL;
	return b->data;
}

/* A new item's event: a cross-post's, a cluster's, or its own (key: of
 * the item, as for store_event_upsert). */
static int place_event(struct store *s, struct event *ev, long long item_id,
		       const char *link, const char *key, struct sync_stats *st,
		       struct err *e)
{
	struct store_known_list kl;
	struct extract_known *k = NULL;
	long long other;
	long idx;
	bool created = false;
	int rc = -1;

	other = store_event_by_link(s, link, item_id, e);
	if (other < 0)
		return -1;
	if (other > 0)
		return store_event_add_item(s, other, item_id, ev->day, e);
	memset(&kl, 0, sizeof(kl));
	/* policy moves cluster; other items are their own events */
	if (ev->policy) {
		if (store_known_events(s, ev->company, ev->day, false, &kl, e) <
		    0)
			return -1;
		k = as_known(&kl);
		if (!k) {
			err_set(e, "out of memory");
			goto out;
		}
		idx = extract_cluster(ev, link, k, kl.n);
		if (idx >= 0) {
			rc = store_event_add_item(s, k[idx].id, item_id,
						  ev->day, e);
			goto out;
		}
	}
	if (ev->policy &&
	    (ev->action == ACTION_EXTEND || ev->action == ACTION_RESUME)) {
		free(k);
		store_known_release(&kl);
		if (store_known_events(s, ev->company, ev->day, true, &kl, e) <
		    0)
			return -1;
		k = as_known(&kl);
		if (!k) {
			err_set(e, "out of memory");
			goto out;
		}
		idx = extract_follows(ev, k, kl.n);
		if (idx >= 0)
			ev->follows = k[idx].id;
	}
	if (store_event_upsert(s, ev, &item_id, 1, key, &created, e) < 0)
		goto out;
	st->new_policy += created && ev->policy;
	st->events++;
	rc = 0;
out:
	free(k);
	store_known_release(&kl);
	return rc;
}

/* Events are placed oldest first, so that clusters and follow-ups find
 * what came before; a feed lists its newest first. */
struct by_day {
	const char *day;
	size_t index;
};

static int cmp_day(const void *a, const void *b)
{
	const struct by_day *x = a, *y = b;
	int c = strcmp(x->day, y->day);

	if (c)
		return c;
	return x->index < y->index ? 1 : -1;
}

/* Was link_followups() run for the company and day of v[i] already
 * (asked[j] set for a j < i)? Running it again would find the same. */
static int asked_before(const struct event *v, const char *asked, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (asked[j] && !strcmp(v[j].day, v[i].day) &&
		    (v[j].company && v[i].company
			     ? !strcmp(v[j].company, v[i].company)
			     : v[j].company == v[i].company))
			return 1;
	return 0;
}

/* What was made of a body before it came to be stored. */
struct prepared {
	struct feed *feed;	   /* parsed (taken over), or NULL */
	struct event_list *events; /* of feed (taken over), or NULL */
	const char *error;	   /* why the body could not be, or NULL */
	const char *hash; /* the body's digest (unchanged()), or NULL */
	bool same;	  /* with hash: the body read last time */
};

/* Parse, extract and store inside the caller's transaction; pre (may be
 * NULL) has done the first steps. */
static int ingest(struct store *s, const struct rules *rules,
		  const struct sync_source *src, const char *data, size_t len,
		  const char *charset, struct prepared *pre, long long now,
		  struct sync_stats *st, struct err *e)
{
	struct extract_source xs = {src->name, src->company};
	struct store_source ss = {src->name, src->company, src->kind, src->url};
	struct event_list events = {NULL, 0, 0};
	enum store_item_result *res = NULL;
	struct feed f;
	long long source_id, *ids = NULL;
	struct by_day *order = NULL;
	char *asked = NULL; /* link_followups() was run for event i */
	struct buf key;	    /* of an event */
	size_t i;
	int rc = -1;

	buf_init(&key, 0);
	/* pre: the items a page or sitemap source collected (sync_page.c),
	 * or the storer's feed parsed in the loop's thread */
	if (pre && pre->feed) {
		f = *pre->feed;
		memset(pre->feed, 0, sizeof(*pre->feed));
	} else if (sync_page_parse(src, data, len, charset, &f, NULL, e) < 0) {
		return -1;
	}
	if (pre && pre->events) {
		events = *pre->events;
		memset(pre->events, 0, sizeof(*pre->events));
	} else if (extract_events(rules, &xs, &f.items, now, &events, e) < 0) {
		goto out;
	}
	ids = calloc(f.items.n + 1, sizeof(*ids));
	res = calloc(f.items.n + 1, sizeof(*res));
	order = calloc(f.items.n + 1, sizeof(*order));
	asked = calloc(events.n + 1, 1);
	if (!ids || !res || !order || !asked) {
		err_set(e, "out of memory");
		goto out;
	}
	if (store_source_upsert(s, &ss, &source_id, e) < 0)
		goto out;
	for (i = 0; i < f.items.n; i++) {
		if (store_item_upsert(s, source_id, &f.items.v[i], now, &ids[i],
				      &res[i], e) < 0)
			goto out;
		st->added += res[i] == STORE_ITEM_NEW;
		st->revised += res[i] == STORE_ITEM_REVISED;
		order[i].day = events.v[i].day;
		order[i].index = i;
	}
	/* every item gets one event of its own or a cluster's */
	qsort(order, f.items.n, sizeof(*order), cmp_day);
	for (i = 0; i < f.items.n; i++) {
		size_t k = order[i].index;
		struct event *ev = &events.v[k];
		long long evid;
		bool is_key;

		/* a new item has no event yet: no need to ask */
		evid = 0;
		is_key = false;
		if (res[k] != STORE_ITEM_NEW &&
		    store_item_event(s, ids[k], &evid, &is_key, e) < 0)
			goto out;
		if (evid && res[k] == STORE_ITEM_SAME)
			continue;
		if (evid) {
			/* a changed text: its own event follows it; an
			 * item of someone else's cluster leaves it be */
			if (is_key && store_event_upsert(s, ev, &ids[k], 1,
							 NULL, NULL, e) < 0)
				goto out;
			continue;
		}
		if (place_event(s, ev, ids[k], f.items.v[k].link,
				event_key(&key, src->name, f.items.v[k].id), st,
				e) < 0)
			goto out;
	}
	for (i = 0; i < events.n; i++) {
		const struct event *ev = &events.v[i];

		if (res[i] == STORE_ITEM_SAME || !ev->policy ||
		    (ev->action != ACTION_EXTEND &&
		     ev->action != ACTION_RESUME && ev->follows) ||
		    asked_before(events.v, asked, i))
			continue;
		asked[i] = 1;
		if (link_followups(s, ev->company, ev->day, e) < 0)
			goto out;
	}
	st->items += (long)f.items.n;
	st->warnings += f.warnings;
	rc = 0;
out:
	free(ids);
	free(res);
	free(order);
	free(asked);
	buf_release(&key);
	event_list_release(&events);
	feed_release(&f);
	return rc;
}

int sync_document(struct store *s, const struct rules *rules,
		  const struct sync_source *src, const char *data, size_t len,
		  const char *charset, struct sync_stats *st, struct err *e)
{
	struct sync_stats tmp = *st;

	if (store_begin(s, e) < 0)
		return -1;
	if (ingest(s, rules, src, data, len, charset, NULL, time(NULL), &tmp,
		   e) < 0 ||
	    store_commit(s, e) < 0) {
		store_rollback(s);
		return -1;
	}
	*st = tmp;
	return 0;
}

int sync_file(struct store *s, const struct rules *rules,
	      const struct sync_source *src, const char *path,
	      struct sync_stats *st, struct err *e)
{
	struct buf b;
	int rc;

	buf_init(&b, SYNC_MAX_DOCUMENT);
	if (buf_read_file(&b, path, e) < 0) {
		buf_release(&b);
		return -1;
	}
	rc = sync_document(s, rules, src, b.data, b.len, NULL, st, e);
	if (rc < 0)
		err_wrap(e, "'%s'", path);
	buf_release(&b);
	return rc;
}

/* One source of a fetch run. */
struct polled {
	const struct sync_source *src;
	struct store_poll_state state;
};

struct run {
	struct store *s;
	const struct rules *rules;
	const struct sync_fetch_opts *o;
	sync_report_fn report;
	void *ctx;
	struct err *e; /* a database failure that ends the run */
};

static long long interval(const struct sync_source *src)
{
	return src->every > 0 ? src->every : SYNC_EVERY;
}

/* When to try again after the failures-th failure in a row. */
static long long backoff(const struct sync_source *src, int failures,
			 long retry_after)
{
	long long d = interval(src);
	int i;

	for (i = 1; i < failures && d < SYNC_MAX_BACKOFF; i++)
		d *= 2;
	if (d > SYNC_MAX_BACKOFF)
		d = SYNC_MAX_BACKOFF;
	if (retry_after > d)
		d = retry_after;
	return d;
}

/* Is a 200's body the one the last poll read (unless --force)? Then it
 * is not read again: a server that sends no validators costs what a
 * 304 does. hash gets the body's digest as sources.body_hash keeps it
 * (FNV-1a in hex: a change between two polls, not a defence). */
static bool unchanged(const struct run *r, const struct polled *p,
		      const struct fetch_result *res, char hash[17])
{
	uint64_t h = TEXT_FNV_BASIS;

	if (res->body.data)
		h = text_fnv1a(h, res->body.data, res->body.len);
	snprintf(hash, 17, "%016llx", (unsigned long long)h);
	return !r->o->force && p->state.body_hash &&
	       !strcmp(hash, p->state.body_hash);
}

/* Store what came back, and the poll, inside the caller's transaction,
 * in a savepoint of their own: a body that cannot be stored is undone
 * alone and the poll recorded as a failure. -1: the database failed (the
 * caller rolls back). */
static int record(struct run *r, struct polled *p, struct fetch_result *res,
		  struct prepared *pre, struct sync_outcome *out, char *errbuf,
		  size_t errlen)
{
	const char *perr = pre ? pre->error : NULL;
	struct store_poll poll;
	struct err e;
	long long now = r->o->now;
	int ingested = 0;
	bool same = false; /* a 200 with the body read last time */
	char hash[17];

	memset(&poll, 0, sizeof(poll));
	/* the loop's thread has read the digest already, or here */
	if (res->status == FETCH_OK && pre && pre->hash) {
		same = pre->same;
		poll.body_hash = pre->hash;
	} else if (res->status == FETCH_OK) {
		same = unchanged(r, p, res, hash);
		poll.body_hash = hash;
	}
	poll.http = res->http;
	poll.now = now;
	poll.not_modified = res->status == FETCH_NOT_MODIFIED || same;
	poll.etag = res->etag;
	poll.last_modified = res->last_modified;
	if (store_savepoint(r->s, r->e) < 0)
		return -1;
	if (res->status == FETCH_OK && !same) {
		if (!perr &&
		    ingest(r->s, r->rules, p->src,
			   res->body.data ? res->body.data : "", res->body.len,
			   res->charset, pre, now, &out->stats, &e) == 0) {
			ingested = 1;
		} else {
			/* nothing of it is kept; the poll is a failure */
			store_savepoint_rollback(r->s);
			memset(&out->stats, 0, sizeof(out->stats));
			snprintf(errbuf, errlen, "%.400s", perr ? perr : e.msg);
		}
	} else if (res->status != FETCH_NOT_MODIFIED && !same) {
		snprintf(errbuf, errlen, "%s", res->error);
	}
	if (ingested || res->status == FETCH_NOT_MODIFIED || same) {
		out->result = ingested ? SYNC_OK : SYNC_NOT_MODIFIED;
		poll.moved_to = res->moved_to;
		out->moved_to = res->moved_to;
		poll.next_due = now + interval(p->src);
	} else {
		out->result = SYNC_FAILED;
		out->error = errbuf;
		poll.error = errbuf;
		poll.failures = p->state.failures + 1;
		poll.gone = res->http == 410;
		out->gone = poll.gone;
		poll.next_due =
			now + backoff(p->src, poll.failures, res->retry_after);
	}
	out->failures = poll.failures;
	out->last_success =
		out->result == SYNC_FAILED ? p->state.last_success : now;
	if (store_poll_record(r->s, p->src->name, &poll, r->e) < 0 ||
	    store_savepoint_release(r->s, r->e) < 0)
		return -1;
	return 0;
}

/* What a source's poll came to, for its report once it is committed. */
static void outcome_init(struct sync_outcome *out, const struct polled *p,
			 const struct fetch_result *res)
{
	memset(out, 0, sizeof(*out));
	out->src = p->src;
	out->http = res->http;
	out->seconds = res->seconds;
	out->bytes = res->body.len;
}

/* Record one source's poll in a transaction of its own, and report it;
 * pre as for ingest(). */
static int done_one(struct run *r, struct polled *p, struct fetch_result *res,
		    struct prepared *pre)
{
	struct sync_outcome out;
	char errbuf[512];

	outcome_init(&out, p, res);
	if (store_begin(r->s, r->e) < 0)
		return -1;
	if (record(r, p, res, pre, &out, errbuf, sizeof(errbuf)) < 0 ||
	    store_commit(r->s, r->e) < 0) {
		store_rollback(r->s);
		return -1;
	}
	r->report(&out, r->ctx);
	return 0;
}

/*
 * The storer: a thread that stores the finished transfers while the
 * multi loop keeps transferring and parses and extracts the next ones
 * (before, every transfer stalled while a source was stored). It alone
 * uses the database while the loop runs; reports come from it, in
 * completion order, once what they report is committed. Page sources,
 * whose parsing schedules more requests, stay in the caller's thread
 * (poll_pages).
 *
 * Group commit: when sources wait in the queue, the storer commits them
 * together, each in a savepoint of its own (kept or undone whole, with
 * its poll state), up to STORER_GROUP sources or STORER_GROUP_MS. A
 * commit writes every page it changed to the log, and sources share
 * most of those pages (the index of days, of companies): one commit for
 * many was 6 times fewer pages written. A storer that keeps up commits
 * each source alone, as soon as it is stored. A run killed before a
 * commit has recorded neither the items nor the poll of its sources:
 * the next run fetches them again, whole.
 */
#define STORER_MAX_QUEUED (32u * 1024 * 1024) /* bytes of bodies waiting */
#define STORER_GROUP 32			      /* sources in one commit */
#define STORER_GROUP_MS 200		      /* longest write transaction */

struct job {
	struct job *next;
	struct polled *p;
	struct fetch_result res; /* owned */
	struct feed f;		 /* its body parsed, when parsed */
	struct event_list ev;	 /* and its events, when extracted */
	bool parsed, extracted;
	struct err perr; /* why not, when the body did not parse */
	bool perr_set;
	char hash[17]; /* of a 200's body (unchanged()) */
	bool same;     /* it is the body the last poll read: not parsed */
	struct sync_outcome out; /* once stored: reported after the commit */
	char errbuf[512];	 /* out.error */
};

struct storer {
	struct run *r;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond; /* a job came, a job was taken, or closing */
	struct job *head, **tail;
	size_t queued; /* bytes of the bodies in the queue */
	bool threaded; /* else on_done() stores in the loop's thread */
	bool closing;  /* no job will come any more */
	bool failed;   /* the database failed: the run stops */
	bool oom;      /* on_done() could not queue a job: so does it */
	struct err e;  /* why, when failed */
};

static double storer_clock(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void job_free(struct job *j)
{
	fetch_result_release(&j->res);
	feed_release(&j->f);
	event_list_release(&j->ev);
	free(j);
}

/* Take the next job off the queue (lock held), or NULL. */
static struct job *storer_take(struct storer *w)
{
	struct job *j = w->head;

	if (!j)
		return NULL;
	if (!(w->head = j->next))
		w->tail = &w->head;
	j->next = NULL;
	w->queued -= j->res.body.len;
	pthread_cond_broadcast(&w->cond);
	return j;
}

/* Store the group that begins with first (the lock not held): the jobs
 * that wait, up to the group's bounds, in one transaction. Returns the
 * group's jobs, stored and committed (to be reported), or NULL when the
 * database failed (w->e says why; the group is rolled back and freed). */
static struct job *storer_group(struct storer *w, struct job *first)
{
	struct run *r = w->r;
	struct job *group = first, **tail = &first->next, *j = first;
	double start = storer_clock();
	int n = 1;

	if (store_begin(r->s, r->e) < 0)
		goto fail;
	while (j) {
		struct prepared pp;

		pp.feed = j->parsed ? &j->f : NULL;
		pp.events = j->extracted ? &j->ev : NULL;
		pp.error = j->perr_set ? j->perr.msg : NULL;
		pp.hash = j->res.status == FETCH_OK ? j->hash : NULL;
		pp.same = j->same;
		outcome_init(&j->out, j->p, &j->res);
		if (record(r, j->p, &j->res, &pp, &j->out, j->errbuf,
			   sizeof(j->errbuf)) < 0)
			goto fail;
		/* what the group holds until its commit is what its
		 * reports point to (the URL moved to), not the body */
		feed_release(&j->f);
		event_list_release(&j->ev);
		buf_release(&j->res.body);
		j = NULL;
		if (n < STORER_GROUP &&
		    storer_clock() - start < STORER_GROUP_MS / 1e3) {
			pthread_mutex_lock(&w->lock);
			j = storer_take(w);
			pthread_mutex_unlock(&w->lock);
		}
		if (j) {
			*tail = j;
			tail = &j->next;
			n++;
		}
	}
	if (store_commit(r->s, r->e) < 0)
		goto fail;
	return group;
fail:
	store_rollback(r->s);
	while (group) {
		j = group;
		group = j->next;
		job_free(j);
	}
	return NULL;
}

static void *storer_main(void *arg)
{
	struct storer *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct job *j, *group;
		bool failed;

		while (!w->head && !w->closing)
			pthread_cond_wait(&w->cond, &w->lock);
		if (!(j = storer_take(w)))
			break;
		if (w->failed) {
			job_free(j);
			continue;
		}
		pthread_mutex_unlock(&w->lock);
		/* a group is never empty: NULL is a failed database */
		group = storer_group(w, j);
		failed = !group;
		while (group) {
			j = group;
			group = j->next;
			w->r->report(&j->out, w->r->ctx);
			job_free(j);
		}
		pthread_mutex_lock(&w->lock);
		if (failed) {
			w->failed = true;
			pthread_cond_broadcast(&w->cond);
		}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Start the thread, with no signals: they are for the loop's thread. */
static void storer_start(struct storer *w, struct run *r)
{
	sigset_t all, old;

	memset(w, 0, sizeof(*w));
	w->r = r;
	w->tail = &w->head;
	if (pthread_mutex_init(&w->lock, NULL) != 0)
		return;
	if (pthread_cond_init(&w->cond, NULL) != 0) {
		pthread_mutex_destroy(&w->lock);
		return;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	w->threaded = pthread_create(&w->thread, NULL, storer_main, w) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!w->threaded) {
		pthread_cond_destroy(&w->cond);
		pthread_mutex_destroy(&w->lock);
	}
}

/* Store what is queued, end the thread. Returns 0, or -1 with e set
 * when the database failed. */
static int storer_finish(struct storer *w, struct err *e)
{
	if (!w->threaded)
		return 0;
	pthread_mutex_lock(&w->lock);
	w->closing = true;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->lock);
	w->threaded = false;
	if (w->failed) {
		*e = w->e;
		return -1;
	}
	return w->oom ? err_set(e, "out of memory") : 0;
}

/* A transfer ended: parse it here, in the loop's thread, extract it too
 * if the storer is behind (else the storer does), and queue it for the
 * storer, which takes res over; wait while too much is queued. Non-zero
 * stops the run. */
static int on_done(const struct fetch_request *req, struct fetch_result *res,
		   void *ctx)
{
	struct storer *w = ctx;
	struct job *j;
	bool failed, behind;

	if (!w->threaded)
		return done_one(w->r, req->user, res, NULL);
	if (!(j = calloc(1, sizeof(*j)))) {
		w->oom = true;
		return -1;
	}
	j->p = req->user;
	if (res->status == FETCH_OK &&
	    !(j->same = unchanged(w->r, j->p, res, j->hash))) {
		struct extract_source xs = {j->p->src->name,
					    j->p->src->company};

		if (sync_page_parse(j->p->src,
				    res->body.data ? res->body.data : "",
				    res->body.len, res->charset, &j->f, NULL,
				    &j->perr) < 0) {
			j->perr_set = true;
		} else {
			j->parsed = true;
			pthread_mutex_lock(&w->lock);
			behind = w->head != NULL;
			pthread_mutex_unlock(&w->lock);
			if (behind &&
			    extract_events(w->r->rules, &xs, &j->f.items,
					   w->r->o->now, &j->ev, &j->perr) < 0)
				j->perr_set = true;
			else
				j->extracted = behind;
		}
	}
	j->res = *res;
	memset(res, 0, sizeof(*res));
	pthread_mutex_lock(&w->lock);
	while (w->head && w->queued + j->res.body.len > STORER_MAX_QUEUED &&
	       !w->failed)
		pthread_cond_wait(&w->cond, &w->lock);
	*w->tail = j;
	w->tail = &j->next;
	w->queued += j->res.body.len;
	failed = w->failed;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return failed ? -1 : 0;
}

/* Page and sitemap sources, after the feeds: one at a time, politely,
 * with robots.txt, further pages and articles (sync_page.c). */
static int poll_pages(struct run *r, const struct fetch_request *reqs, size_t n,
		      volatile sig_atomic_t *stop, struct err *e)
{
	struct sync_page_run *run = sync_page_run_new(r->s, stop);
	size_t i;
	int rc = 0;

	if (!run)
		return err_set(e, "out of memory");
	for (i = 0; i < n && rc == 0; i++) {
		struct fetch_result res;
		struct feed f;
		struct prepared pp = {&f, NULL, NULL, NULL, false};

		if (sync_page_collect(run, ((struct polled *)reqs[i].user)->src,
				      &reqs[i], &res, &f, e) < 0) {
			rc = -1;
			break;
		}
		rc = done_one(r, reqs[i].user, &res, &pp);
		fetch_result_release(&res);
		feed_release(&f);
	}
	sync_page_run_free(run);
	return rc;
}

/* Register every source and read its state, in one short transaction. */
static int prepare(struct store *s, const struct sync_source *srcs,
		   struct polled *ps, size_t n, struct err *e)
{
	size_t i;

	if (store_begin(s, e) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct store_source ss = {srcs[i].name, srcs[i].company,
					  srcs[i].kind, srcs[i].url};
		long long id;

		ps[i].src = &srcs[i];
		if (store_source_upsert(s, &ss, &id, e) < 0 ||
		    store_poll_state_get(s, srcs[i].name, &ps[i].state, e) <
			    0) {
			store_rollback(s);
			return -1;
		}
	}
	return store_commit(s, e);
}

int sync_fetch(struct store *s, const struct rules *rules,
	       const struct sync_source *srcs, size_t n,
	       const struct sync_fetch_opts *o, sync_report_fn report,
	       void *ctx, volatile sig_atomic_t *stop, struct err *e)
{
	struct run r = {s, rules, o, report, ctx, e};
	struct storer w;
	struct err ce;
	struct polled *ps = calloc(n ? n : 1, sizeof(*ps));
	/* feeds from reqs[0], pages and sitemaps from reqs[n] */
	struct fetch_request *reqs = calloc(n ? 2 * n : 1, sizeof(*reqs));
	struct fetch_opts fo;
	size_t i, nreq = 0, npage = 0;
	int rc = -1;

	if (!ps || !reqs) {
		err_set(e, "out of memory");
		goto out;
	}
	if (prepare(s, srcs, ps, n, e) < 0 || store_bulk(s, true, e) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		struct polled *p = &ps[i];
		struct fetch_request *q;
		struct sync_outcome skip;

		if (p->state.disabled ||
		    (!o->force && p->state.next_due > o->now)) {
			memset(&skip, 0, sizeof(skip));
			skip.src = p->src;
			skip.result = p->state.disabled ? SYNC_DISABLED
							: SYNC_NOT_DUE;
			skip.failures = p->state.failures;
			report(&skip, ctx);
			continue;
		}
		q = page_kind(p->src->kind) ? &reqs[n + npage++]
					    : &reqs[nreq++];
		q->url = p->state.effective_url ? p->state.effective_url
						: p->src->url;
		q->etag = p->state.etag;
		q->last_modified = p->state.last_modified;
		q->user_agent = p->src->user_agent;
		q->timeout = p->src->timeout;
		q->max_size = p->src->max_size;
		q->user = p;
	}
	fetch_opts_default(&fo);
	if (o->jobs > 0)
		fo.jobs = o->jobs;
	/* a thread to store and one to checkpoint; without them (they
	 * could not start, or nothing to fetch) the loop's thread stores
	 * and the writer checkpoints itself, as before */
	memset(&w, 0, sizeof(w));
	w.r = &r;
	if (nreq > 0 && store_checkpoints_start(s, &ce) < 0)
		memset(&ce, 0, sizeof(ce));
	if (nreq > 0)
		storer_start(&w, &r);
	r.e = w.threaded ? &w.e : e;
	rc = fetch_run(&fo, reqs, nreq, on_done, &w, stop, e);
	if (storer_finish(&w, e) < 0)
		rc = -1; /* the database's message, not "stopped" */
	r.e = e;
	if (rc == 0 && npage)
		rc = poll_pages(&r, &reqs[n], npage, stop, e);
	/* the new items of every source into the full-text index, in one
	 * transaction (until then searches read them aside), while the
	 * thread copies back what the storer wrote: what is left for
	 * the checkpoint at close is the index */
	if (rc == 0)
		rc = store_fts_catchup(s, e);
	store_checkpoints_stop(s);
	if (store_bulk(s, false, rc == 0 ? e : &ce) < 0)
		rc = -1;
out:
	for (i = 0; ps && i < n; i++)
		store_poll_state_release(&ps[i].state);
	free(ps);
	free(reqs);
	return rc;
}

/* Re-extraction: every stored item again, oldest first. */
struct again {
	struct store *s;
	const struct rules *rules;
	long long now;
	struct sync_stats *st;
	struct err *e;
};

static int extract_again(const struct item *it, long long item_id,
			 const char *source, const char *company,
			 long long first_seen, void *arg)
{
	struct again *a = arg;
	struct extract_source xs = {source, company};
	struct item_list one = {(struct item *)it, 1, 1};
	struct event_list events = {NULL, 0, 0};
	struct buf key;
	int rc;

	if (extract_events(a->rules, &xs, &one, first_seen, &events, a->e) < 0)
		return -1;
	buf_init(&key, 0);
	rc = place_event(a->s, &events.v[0], item_id, it->link,
			 event_key(&key, source, it->id), a->st, a->e);
	buf_release(&key);
	a->st->items++;
	if (rc == 0 && events.v[0].policy)
		rc = link_followups(a->s, events.v[0].company, events.v[0].day,
				    a->e);
	event_list_release(&events);
	return rc ? -1 : 0;
}

int sync_reextract(struct store *s, const struct rules *rules,
		   struct sync_stats *st, struct err *e)
{
	struct again a = {s, rules, time(NULL), st, e};

	if (store_begin(s, e) < 0)
		return -1;
	if (store_events_clear(s, e) < 0 ||
	    store_items_each(s, extract_again, &a, e) != 0 ||
	    store_commit(s, e) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}
