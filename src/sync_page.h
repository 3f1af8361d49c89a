/* sync_page.h - the pipeline's part for page and sitemap sources */
#ifndef ANNALS_SYNC_PAGE_H
#define ANNALS_SYNC_PAGE_H

#include <signal.h>
#include <stddef.h>

struct err;
struct feed;
struct fetch_request;
struct fetch_result;
struct store;
struct sync_source;

/*
 * Read one saved document of src as sync does without fetching: a feed,
 * an HTML listing (kind page) or a sitemap (kind sitemap, entries that
 * match, newest first). f is zeroed first and holds the items; its
 * format stays FEED_UNKNOWN for pages and sitemaps. A sitemap index is
 * an error unless index is set: then its sitemaps become the items and
 * *index is set to 1 (else 0). The items' ids are unique
 * (item_list_unique_ids; each repeat counts as a warning). Returns 0, or
 * -1 with e set (f released).
 */
int sync_page_parse(const struct sync_source *src, const char *data, size_t len,
		    const char *charset, struct feed *f, int *index,
		    struct err *e);

/*
 * What the page and sitemap sources of one run share: robots.txt and the
 * time of the last request per origin, so that the delay holds across
 * sources of one host. s (may be NULL: nothing is cached and every item
 * is new) and stop (may be NULL; set from a signal handler, it ends the
 * run) are borrowed for its life. NULL when out of memory; free with
 * sync_page_run_free() (NULL-safe).
 */
struct sync_page_run;
struct sync_page_run *sync_page_run_new(struct store *s,
					volatile sig_atomic_t *stop);
void sync_page_run_free(struct sync_page_run *r);

/*
 * Fetch what a page or sitemap source needs, politely: robots.txt (cached
 * in the run's database for a day), the listing req->url with req's
 * validators, further listing pages (pages, next; only while a page has
 * new items) or child sitemaps, and the article pages of new items (at
 * most max_follow) for what the listing lacks; one request at a time
 * per host, delay apart. *res gets the listing's response; a source
 * failure (HTTP, robots.txt, markup that matches nothing) leaves it
 * FETCH_FAILED or FETCH_HTTP_ERROR with the reason in res->error. Items
 * go to f (zeroed first). An item is new when the run's database does not
 * hold it. Returns 0, or -1 with e set when the run cannot go on
 * (interrupted, database error, out of memory).
 */
int sync_page_collect(struct sync_page_run *run, const struct sync_source *src,
		      const struct fetch_request *req, struct fetch_result *res,
		      struct feed *f, struct err *e);

#endif
