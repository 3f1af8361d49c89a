/* store_page.h - what page and sitemap sources keep in the database */
#ifndef ANNALS_STORE_PAGE_H
#define ANNALS_STORE_PAGE_H

struct err;
struct store;

/* Is the item guid of source already stored? Returns 1 or 0, or -1 with
 * e set. */
int store_item_known(struct store *s, const char *source, const char *guid,
		     struct err *e);

/*
 * The cached robots.txt of origin ("https://host:port"): returns 1 and
 * *body (caller frees; "" for none) and *fetched (UTC epoch), 0 when not
 * cached, -1 with e set.
 */
int store_robots_get(struct store *s, const char *origin, char **body,
		     long long *fetched, struct err *e);

/* Cache body (may be NULL: the site has none) for origin, fetched at
 * now. Returns 0, or -1 with e set. */
int store_robots_put(struct store *s, const char *origin, const char *body,
		     long long now, struct err *e);

#endif
