/* sync_page.c - the pipeline's part for page and sitemap sources */
#include "sync_page.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "err.h"
#include "feed.h"
#include "fetch.h"
#include "meta.h"
#include "page.h"
#include "robots.h"
#include "sitemap.h"
#include "store_page.h"
#include "sync.h"

#define ROBOTS_MAX_SIZE (512u * 1024)
#define ROBOTS_TTL 86400
#define SITEMAP_MAX_CHILDREN 10 /* child sitemaps read per run */
#define MAX_ORIGINS 64

/* One origin ("https://host:port") seen in this run. */
struct origin {
	char name[300];
	struct robots *rules; /* NULL until read */
	char failed[128];     /* why robots.txt could not be read, or "" */
	long long last_ms;    /* when the last request started, 0: never */
};

/* What the sources of one run share: robots.txt and request times per
 * origin, so that politeness holds across sources of one host. */
struct sync_page_run {
	struct store *s;
	volatile sig_atomic_t *stop;
	struct origin origins[MAX_ORIGINS];
	size_t norigins;
};

/* One page or sitemap source being collected. */
struct collect {
	struct sync_page_run *run;
	struct store *s;
	const struct sync_source *src;
	struct page_conf pc; /* the source's keys with defaults applied */
	int follow;
	volatile sig_atomic_t *stop;
	const char *why; /* why allowed() said no */
	char whybuf[200];
	struct err *e;
};

struct sync_page_run *sync_page_run_new(struct store *s,
					volatile sig_atomic_t *stop)
{
	struct sync_page_run *r = calloc(1, sizeof(*r));

	if (r) {
		r->s = s;
		r->stop = stop;
	}
	return r;
}

void sync_page_run_free(struct sync_page_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->norigins; i++)
		robots_free(r->origins[i].rules);
	free(r);
}

/* The entry of origin name, made if new (the oldest is forgotten when
 * the table is full). */
static struct origin *origin_of(struct sync_page_run *r, const char *name)
{
	struct origin *o;
	size_t i;

	for (i = 0; i < r->norigins; i++)
		if (!strcmp(r->origins[i].name, name))
			return &r->origins[i];
	if (r->norigins == MAX_ORIGINS) {
		robots_free(r->origins[0].rules);
		memmove(&r->origins[0], &r->origins[1],
			(MAX_ORIGINS - 1) * sizeof(r->origins[0]));
		r->norigins--;
	}
	o = &r->origins[r->norigins++];
	memset(o, 0, sizeof(*o));
	snprintf(o->name, sizeof(o->name), "%s", name);
	return o;
}

/* The entry of url's origin, or NULL for a URL that has none. */
static struct origin *origin_of_url(struct sync_page_run *r, const char *url)
{
	char origin[300], path[4096];

	if (robots_split(url, origin, sizeof(origin), path, sizeof(path)) < 0)
		return NULL;
	return origin_of(r, origin);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait out the delay since the last request to url's origin, and note
 * this one; -1 when interrupted. */
static int pause_polite(struct collect *c, const char *url)
{
	struct origin *o = origin_of_url(c->run, url);
	long long until;

	if (!o)
		return 0;
	until = o->last_ms + c->pc.delay_ms;
	if (o->last_ms)
		while (now_ms() < until) {
			struct timespec ts = {0, 50 * 1000000L};
			long long left = until - now_ms();

			if (c->stop && *c->stop)
				return err_set(c->e, "interrupted");
			if (left < 50)
				ts.tv_nsec = (left > 0 ? left : 0) * 1000000L;
			nanosleep(&ts, NULL);
		}
	o->last_ms = now_ms();
	return 0;
}

static int take_result(const struct fetch_request *req,
		       struct fetch_result *res, void *ctx)
{
	struct fetch_result *dst = ctx;

	(void)req;
	*dst = *res;
	memset(res, 0, sizeof(*res));
	return 0;
}

static void request_init(const struct collect *c, struct fetch_request *q,
			 const char *url, size_t max_size)
{
	memset(q, 0, sizeof(*q));
	q->url = url;
	q->user_agent = c->src->user_agent;
	q->timeout = c->src->timeout;
	q->max_size = max_size ? max_size : c->src->max_size;
}

static void opts_polite(const struct collect *c, struct fetch_opts *o)
{
	fetch_opts_default(o);
	o->jobs = 1;
	o->per_host = 1;
	o->spacing_ms = c->pc.delay_ms;
}

/* Fetch one URL after the delay. Returns 0 (res filled, whatever came
 * back), -1 when the run cannot go on. */
static int fetch_one(struct collect *c, const struct fetch_request *q,
		     struct fetch_result *res)
{
	struct fetch_opts o;

	memset(res, 0, sizeof(*res));
	if (pause_polite(c, q->url) < 0)
		return -1;
	opts_polite(c, &o);
	return fetch_run(&o, q, 1, take_result, res, c->stop, c->e);
}

/* The rules for url's origin: cached in the database for a day, else
 * fetched. NULL (with c->e set) when the run cannot go on. */
static struct robots *robots_for(struct collect *c, const char *origin)
{
	struct origin *o;
	struct fetch_request q;
	struct fetch_result res;
	char *body = NULL, url[340];
	long long fetched = 0, now = time(NULL);
	int have = 0;

	o = origin_of(c->run, origin);
	if (o->rules)
		return o->rules;
	if (c->s) {
		have = store_robots_get(c->s, origin, &body, &fetched, c->e);
		if (have < 0)
			return NULL;
		if (have && fetched + ROBOTS_TTL <= now) {
			/* re-read daily */
			free(body);
			body = NULL;
			have = 0;
		}
	}
	if (have) {
		o->rules = robots_parse(body, strlen(body));
	} else {
		snprintf(url, sizeof(url), "%s/robots.txt", origin);
		request_init(c, &q, url, ROBOTS_MAX_SIZE);
		if (fetch_one(c, &q, &res) < 0)
			return NULL;
		if (res.status == FETCH_OK) {
			o->rules = robots_parse(res.body.data, res.body.len);
			if (c->s &&
			    store_robots_put(c->s, origin,
					     res.body.data ? res.body.data : "",
					     now, c->e) < 0) {
				fetch_result_release(&res);
				robots_free(o->rules);
				o->rules = NULL;
				return NULL;
			}
		} else if (res.status == FETCH_HTTP_ERROR && res.http >= 400 &&
			   res.http < 500) {
			/* no robots.txt: everything is allowed */
			o->rules = robots_parse(NULL, 0);
			if (c->s && store_robots_put(c->s, origin, NULL, now,
						     c->e) < 0) {
				fetch_result_release(&res);
				robots_free(o->rules);
				o->rules = NULL;
				return NULL;
			}
		} else {
			/* unreachable: take it as a complete disallow, for
			 * this run only */
			o->rules = robots_deny_all();
			snprintf(o->failed, sizeof(o->failed), "%.100s",
				 res.error[0] ? res.error : "no answer");
		}
		fetch_result_release(&res);
	}
	free(body);
	if (!o->rules)
		err_set(c->e, "out of memory");
	return o->rules;
}

/* 1 when robots.txt lets annals fetch url, 0 when not, -1 when the run
 * cannot go on. */
static int allowed(struct collect *c, const char *url)
{
	char origin[300], path[4096];
	struct robots *r;
	struct origin *o;

	c->why = "disallowed by robots.txt";
	if (robots_split(url, origin, sizeof(origin), path, sizeof(path)) < 0) {
		c->why = "not an http(s) URL of at most 4 KB";
		return 0;
	}
	r = robots_for(c, origin);
	if (!r)
		return -1;
	o = origin_of(c->run, origin);
	if (o->failed[0]) {
		snprintf(c->whybuf, sizeof(c->whybuf),
			 "robots.txt could not be read (%s)", o->failed);
		c->why = c->whybuf;
	}
	return robots_allowed(r, path);
}

/* 1 when the item is not stored yet. */
static int is_new(struct collect *c, const char *id)
{
	int k;

	if (!c->s || !id)
		return 1;
	k = store_item_known(c->s, c->src->name, id, c->e);
	return k < 0 ? -1 : !k;
}

/* Fill what the listing lacked from the article's own metadata. */
static void apply_meta(struct item *it, struct meta *m)
{
	if (!it->title && m->title) {
		it->title = m->title;
		m->title = NULL;
	}
	if (!it->summary && m->summary) {
		it->summary = m->summary;
		m->summary = NULL;
	}
	if (m->published.set &&
	    (!it->published.set || !it->published.raw ||
	     (it->link && !strcmp(it->published.raw, it->link)))) {
		/* the article's own date beats one read off its URL */
		stamp_release(&it->published);
		it->published = m->published;
		memset(&m->published, 0, sizeof(m->published));
	}
	if (!it->updated.set && m->updated.set) {
		it->updated = m->updated;
		memset(&m->updated, 0, sizeof(m->updated));
	}
}

/* Items to follow: index into f->items, and how it went. */
struct follow {
	struct collect *c;
	struct feed *f;
	size_t *idx;
	int *done;
	struct fetch_request *reqs;
};

static int on_article(const struct fetch_request *req, struct fetch_result *res,
		      void *ctx)
{
	struct follow *fw = ctx;
	size_t k = (size_t)(req - fw->reqs);
	struct item *it = &fw->f->items.v[fw->idx[k]];
	struct meta m;
	struct err e;

	fw->done[k] = 1;
	if (res->status != FETCH_OK) {
		fw->f->warnings++;
		return 0;
	}
	if (meta_read(res->body.data, res->body.len,
		      res->effective_url ? res->effective_url : req->url,
		      res->charset, &m, &e) == 0)
		apply_meta(it, &m);
	else
		fw->f->warnings++;
	meta_release(&m);
	return 0;
}

/* Drop items[k] for which drop[k] is set, keeping the order. */
static void drop_items(struct feed *f, const char *drop)
{
	size_t i, o = 0;

	for (i = 0; i < f->items.n; i++) {
		if (drop[i]) {
			item_release(&f->items.v[i]);
			continue;
		}
		if (o != i)
			f->items.v[o] = f->items.v[i];
		o++;
	}
	f->items.n = o;
}

/*
 * With follow on: read the pages of the new items that lack a date, a
 * title or a summary (at most max_follow, in list order) and fill those
 * in. New items without a date that were not read for lack of budget
 * wait for a later run; stored items that lack something are left out
 * (they were stored with what their pages said).
 */
static int follow_items(struct collect *c, struct feed *f)
{
	struct follow fw = {c, f, NULL, NULL, NULL};
	struct fetch_opts o;
	size_t i, n = 0, max = (size_t)c->pc.max_follow;
	char *drop = calloc(f->items.n + 1, 1);
	int rc = -1, k;

	if (!c->follow) {
		free(drop);
		return 0;
	}
	fw.idx = calloc(max + 1, sizeof(*fw.idx));
	fw.done = calloc(max + 1, sizeof(*fw.done));
	fw.reqs = calloc(max + 1, sizeof(*fw.reqs));
	if (!drop || !fw.idx || !fw.done || !fw.reqs) {
		err_set(c->e, "out of memory");
		goto out;
	}
	for (i = 0; i < f->items.n; i++) {
		struct item *it = &f->items.v[i];
		int lacks = !it->published.set || !it->title || !it->summary ||
			    (it->link && it->published.raw &&
			     !strcmp(it->published.raw, it->link));

		if (!lacks)
			continue; /* stored or not, the listing says it all */
		k = is_new(c, it->id);
		if (k < 0)
			goto out;
		if (!k) {
			/* stored with what its article said: the listing
			 * alone would look like an edit taking that away */
			drop[i] = 1;
			continue;
		}
		if (n == max) {
			drop[i] = !it->published.set;
			continue;
		}
		k = allowed(c, it->link);
		if (k < 0)
			goto out;
		if (!k)
			continue;
		fw.idx[n] = i;
		request_init(c, &fw.reqs[n], it->link, 0);
		n++;
	}
	if (n) {
		/* fetch_run spaces the requests per host; the first waits
		 * here after what came before (the listing) */
		if (pause_polite(c, fw.reqs[0].url) < 0)
			goto out;
		opts_polite(c, &o);
		if (fetch_run(&o, fw.reqs, n, on_article, &fw, c->stop, c->e) <
		    0)
			goto out;
		for (i = 0; i < n; i++) {
			struct origin *og =
				origin_of_url(c->run, fw.reqs[i].url);

			if (og)
				og->last_ms = now_ms();
		}
	}
	drop_items(f, drop);
	rc = 0;
out:
	free(drop);
	free(fw.idx);
	free(fw.done);
	free(fw.reqs);
	return rc;
}

/* Move the items of l to the end of f, skipping links already there. */
static int append_items(struct feed *f, struct page_listing *l, long *fresh,
			struct collect *c)
{
	size_t i, j;

	for (i = 0; i < l->items.n; i++) {
		struct item *src = &l->items.v[i], *dst;
		int dup = 0, k;

		for (j = 0; j < f->items.n && !dup; j++)
			dup = !strcmp(f->items.v[j].link, src->link);
		if (dup)
			continue;
		k = is_new(c, src->id);
		if (k < 0)
			return -1;
		*fresh += k;
		dst = item_list_add(&f->items);
		if (!dst)
			return err_set(c->e, "out of memory");
		*dst = *src;
		memset(src, 0, sizeof(*src));
	}
	f->warnings += l->warnings;
	return 0;
}

/* The listing came, but the source failed: why (cut to fit). */
static void fail_source(struct fetch_result *res, const char *msg)
{
	size_t n = strlen(msg);

	res->status = FETCH_FAILED;
	buf_release(&res->body);
	if (n >= sizeof(res->error))
		n = sizeof(res->error) - 1;
	memcpy(res->error, msg, n);
	res->error[n] = '\0';
}

/* Further listing pages, while they bring new items. */
static int more_pages(struct collect *c, struct feed *f, char *next, long fresh)
{
	int page, k;

	/* bounded in all, as each page is: the duplicate checks are
	 * quadratic */
	for (page = 1; page < c->pc.pages && next && fresh > 0 &&
		       f->items.n < PAGE_MAX_ITEMS;
	     page++) {
		struct fetch_request q;
		struct fetch_result r;
		struct page_listing l;
		struct err pe;
		size_t i;
		int seen = 0;

		/* a loop back to a page read already ends it */
		for (i = 0; i < f->items.n && !seen; i++)
			seen = !strcmp(f->items.v[i].link, next);
		k = allowed(c, next);
		if (k < 0)
			goto fail;
		if (!k || seen)
			break;
		request_init(c, &q, next, 0);
		if (fetch_one(c, &q, &r) < 0)
			goto fail;
		if (r.status != FETCH_OK ||
		    page_parse(r.body.data, r.body.len,
			       r.effective_url ? r.effective_url : next,
			       r.charset, &c->pc, &l, &pe) < 0) {
			/* what the first pages gave still counts */
			f->warnings++;
			fetch_result_release(&r);
			break;
		}
		fetch_result_release(&r);
		free(next);
		next = l.next;
		l.next = NULL;
		fresh = 0;
		k = append_items(f, &l, &fresh, c);
		page_listing_release(&l);
		if (k < 0)
			goto fail;
	}
	free(next);
	return 0;
fail:
	free(next);
	return -1;
}

static int collect_page(struct collect *c, struct fetch_result *res,
			struct feed *f)
{
	struct page_listing l;
	struct err pe;
	long fresh = 0;
	char *next;

	if (page_parse(res->body.data, res->body.len,
		       res->effective_url ? res->effective_url : c->src->url,
		       res->charset, &c->pc, &l, &pe) < 0) {
		fail_source(res, pe.msg);
		return 0;
	}
	if (append_items(f, &l, &fresh, c) < 0) {
		page_listing_release(&l);
		return -1;
	}
	next = l.next;
	l.next = NULL;
	page_listing_release(&l);
	if (more_pages(c, f, next, fresh) < 0)
		return -1;
	return follow_items(c, f);
}

/* An item for a sitemap entry (taken over), dated by news:, the URL or
 * lastmod in that order. */
static int entry_item(struct feed *f, struct sitemap_entry *en)
{
	struct item *it = item_list_add(&f->items);
	long long t;
	int off;

	if (!it)
		return -1;
	it->link = en->loc;
	en->loc = NULL;
	it->id = strdup(it->link);
	it->title = en->title;
	en->title = NULL;
	it->updated = en->lastmod;
	memset(&en->lastmod, 0, sizeof(en->lastmod));
	if (en->published.set) {
		it->published = en->published;
		memset(&en->published, 0, sizeof(en->published));
	} else if (date_from_url(it->link, &t, &off) == 0) {
		it->published.set = true;
		it->published.utc = t;
		it->published.offset = off;
		it->published.raw = strdup(it->link);
	}
	return it->id ? 0 : -1;
}

/* Items still undated take the sitemap's lastmod, a last resort: when
 * the page last changed. Returns 0/-1 (out of memory). */
static int lastmod_dates(struct feed *f)
{
	size_t i;

	for (i = 0; i < f->items.n; i++) {
		struct item *it = &f->items.v[i];

		if (it->published.set || !it->updated.set)
			continue;
		it->published.set = true;
		it->published.utc = it->updated.utc;
		it->published.offset = it->updated.offset;
		if (it->updated.raw &&
		    !(it->published.raw = strdup(it->updated.raw)))
			return -1;
	}
	return 0;
}

/* Keep the entries whose URL matches (all without a pattern). */
static int filter_entries(struct sitemap *sm, const char *match, struct err *e)
{
	regex_t re;
	size_t i, o = 0;

	if (!match)
		return 0;
	if (regcomp(&re, match, REG_EXTENDED | REG_NOSUB) != 0)
		return err_set(e, "match '%s' is not a regular expression",
			       match);
	for (i = 0; i < sm->n; i++) {
		struct sitemap_entry *en = &sm->v[i];

		if (regexec(&re, en->loc, 0, NULL, 0) != 0) {
			free(en->loc);
			free(en->title);
			stamp_release(&en->lastmod);
			stamp_release(&en->published);
			continue;
		}
		sm->v[o++] = *en;
	}
	sm->n = o;
	regfree(&re);
	return 0;
}

/* Entries move from the sitemap m to all (which owns them after). */
static int take_entries(struct sitemap *all, struct sitemap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (all->n == all->cap) {
			size_t ncap = all->cap ? all->cap * 2 : 64;
			struct sitemap_entry *v =
				realloc(all->v, ncap * sizeof(*v));

			if (!v)
				return -1;
			all->v = v;
			all->cap = ncap;
		}
		all->v[all->n++] = m->v[i];
	}
	m->n = 0;
	all->warnings += m->warnings;
	return 0;
}

/* The child sitemaps of an index, newest first, a bounded number. */
static int read_children(struct collect *c, struct sitemap *idx,
			 struct sitemap *all, struct feed *f)
{
	size_t i;
	int k;

	sitemap_sort(idx);
	for (i = 0; i < idx->n && i < SITEMAP_MAX_CHILDREN; i++) {
		struct fetch_request q;
		struct fetch_result r;
		struct sitemap child;
		struct err pe;

		k = allowed(c, idx->v[i].loc);
		if (k < 0)
			return -1;
		if (!k)
			continue;
		request_init(c, &q, idx->v[i].loc, SITEMAP_MAX_SIZE);
		if (fetch_one(c, &q, &r) < 0)
			return -1;
		if (r.status != FETCH_OK ||
		    sitemap_parse(r.body.data, r.body.len, idx->v[i].loc,
				  &child, &pe) < 0 ||
		    child.index) {
			f->warnings++;
		} else if (take_entries(all, &child) < 0) {
			sitemap_release(&child);
			fetch_result_release(&r);
			return err_set(c->e, "out of memory");
		}
		sitemap_release(&child);
		fetch_result_release(&r);
	}
	return 0;
}

static int collect_sitemap(struct collect *c, struct fetch_result *res,
			   struct feed *f)
{
	struct sitemap sm, all;
	struct err pe;
	size_t i, max = (size_t)c->pc.max_follow;
	int rc = -1, k;

	memset(&all, 0, sizeof(all));
	if (sitemap_parse(res->body.data, res->body.len,
			  res->effective_url ? res->effective_url : c->src->url,
			  &sm, &pe) < 0) {
		fail_source(res, pe.msg);
		sitemap_release(&sm);
		return 0;
	}
	if (sm.index) {
		if (read_children(c, &sm, &all, f) < 0)
			goto out;
	} else if (take_entries(&all, &sm) < 0) {
		err_set(c->e, "out of memory");
		goto out;
	}
	if (filter_entries(&all, c->pc.match, c->e) < 0)
		goto out;
	if (!all.n) {
		err_set(&pe,
			"no URLs: the sitemap lists none%s%s"
			" (has the site changed?)",
			c->pc.match ? " that match " : "",
			c->pc.match ? c->pc.match : "");
		fail_source(res, pe.msg);
		rc = 0;
		goto out;
	}
	sitemap_sort(&all);
	/* the newest new URLs, as many as may be followed this run */
	for (i = 0; i < all.n; i++) {
		k = is_new(c, all.v[i].loc);
		if (k < 0)
			goto out;
		if (!k)
			continue;
		if ((c->follow && f->items.n >= max) ||
		    f->items.n >= PAGE_MAX_ITEMS)
			break;
		if (entry_item(f, &all.v[i]) < 0) {
			err_set(c->e, "out of memory");
			goto out;
		}
	}
	if (follow_items(c, f) < 0)
		goto out;
	if (lastmod_dates(f) < 0) {
		err_set(c->e, "out of memory");
		goto out;
	}
	rc = 0;
out:
	sitemap_release(&sm);
	sitemap_release(&all);
	return rc;
}

/* The source's keys, with the defaults of page_conf.h applied. */
static void conf_defaults(const struct sync_source *src, struct page_conf *pc,
			  int *follow)
{
	int sitemap = src->kind && !strcmp(src->kind, "sitemap");

	if (src->page)
		*pc = *src->page;
	else
		memset(pc, 0, sizeof(*pc));
	if (!src->page) {
		pc->follow = -1;
		pc->max_follow = -1;
		pc->delay_ms = -1;
	}
	if (pc->pages <= 0)
		pc->pages = PAGE_PAGES;
	if (pc->max_follow < 0)
		pc->max_follow = PAGE_MAX_FOLLOW;
	if (pc->delay_ms < 0)
		pc->delay_ms = PAGE_DELAY_MS;
	/* a sitemap names URLs only: their titles are on the pages */
	*follow = pc->follow >= 0 ? pc->follow : sitemap;
}

int sync_page_collect(struct sync_page_run *run, const struct sync_source *src,
		      const struct fetch_request *req, struct fetch_result *res,
		      struct feed *f, struct err *e)
{
	struct collect *c = calloc(1, sizeof(*c));
	struct fetch_request q;
	int rc = -1, k;

	memset(res, 0, sizeof(*res));
	memset(f, 0, sizeof(*f));
	if (!c)
		return err_set(e, "out of memory");
	c->run = run;
	c->s = run->s;
	c->src = src;
	c->stop = run->stop;
	c->e = e;
	conf_defaults(src, &c->pc, &c->follow);
	k = allowed(c, req->url);
	if (k < 0)
		goto out;
	if (!k) {
		res->status = FETCH_FAILED;
		snprintf(res->error, sizeof(res->error), "'%.100s': %s",
			 req->url, c->why);
		rc = 0;
		goto out;
	}
	q = *req;
	if (c->follow) {
		/* items may wait for a later run to be followed: a 304
		 * must not hide them */
		q.etag = NULL;
		q.last_modified = NULL;
	}
	if (fetch_one(c, &q, res) < 0)
		goto out;
	if (res->status != FETCH_OK) {
		rc = 0;
		goto out;
	}
	if (src->kind && !strcmp(src->kind, "sitemap"))
		rc = collect_sitemap(c, res, f);
	else
		rc = collect_page(c, res, f);
out:
	free(c);
	if (rc < 0)
		feed_release(f);
	return rc;
}

static int parse_any(const struct sync_source *src, const char *data,
		     size_t len, const char *charset, struct feed *f,
		     int *index, struct err *e)
{
	struct page_conf pc;
	struct page_listing l;
	struct sitemap sm;
	size_t i;
	int follow, rc = -1;

	if (index)
		*index = 0;
	if (!page_kind(src->kind))
		return feed_parse(data, len, src->url, charset, f, e);
	memset(f, 0, sizeof(*f));
	conf_defaults(src, &pc, &follow);
	if (!strcmp(src->kind, "page")) {
		if (page_parse(data, len, src->url, charset, &pc, &l, e) < 0)
			return -1;
		f->items = l.items;
		f->warnings = l.warnings;
		memset(&l.items, 0, sizeof(l.items));
		page_listing_release(&l);
		return 0;
	}
	if (sitemap_parse(data, len, src->url, &sm, e) < 0)
		goto out;
	if (index)
		*index = sm.index;
	if (sm.index && !index) {
		err_set(e, "a sitemap index: its sitemaps are read by fetch");
		goto out;
	}
	if (!sm.index && filter_entries(&sm, pc.match, e) < 0)
		goto out;
	if (!sm.index && !sm.n) {
		err_set(e, "no URLs: the sitemap lists none%s%s",
			pc.match ? " that match " : "",
			pc.match ? pc.match : "");
		goto out;
	}
	sitemap_sort(&sm);
	for (i = 0; i < sm.n; i++)
		if (entry_item(f, &sm.v[i]) < 0) {
			err_set(e, "out of memory");
			goto out;
		}
	if (!sm.index && lastmod_dates(f) < 0) {
		err_set(e, "out of memory");
		goto out;
	}
	f->warnings = sm.warnings;
	rc = 0;
out:
	sitemap_release(&sm);
	if (rc < 0)
		feed_release(f);
	return rc;
}

int sync_page_parse(const struct sync_source *src, const char *data, size_t len,
		    const char *charset, struct feed *f, int *index,
		    struct err *e)
{
	int n;

	if (parse_any(src, data, len, charset, f, index, e) < 0)
		return -1;
	/* one id, one item: a repeated guid would be a revision of itself
	 * at every poll */
	if ((n = item_list_unique_ids(&f->items)) < 0) {
		feed_release(f);
		return err_set(e, "out of memory");
	}
	f->warnings += n;
	return 0;
}
