/* robots.h - robots.txt: which paths a crawler may fetch */
#ifndef ANNALS_ROBOTS_H
#define ANNALS_ROBOTS_H

#include <stddef.h>

/* The product token annals obeys (besides "*"). */
#define ROBOTS_AGENT "annals"

struct robots;

/*
 * Parse robots.txt (len bytes, may be NULL/0: everything is allowed) for
 * the agent ROBOTS_AGENT: its own group if there is one, else the "*"
 * group. Returns a new object (free with robots_free()), NULL when out
 * of memory.
 */
struct robots *robots_parse(const char *txt, size_t len);

/* A robots that allows nothing (for a robots.txt that failed with a
 * server error, RFC 9309 2.3.1.4). NULL when out of memory. */
struct robots *robots_deny_all(void);

/*
 * May path (path and query of a URL, starting with '/') be fetched? The
 * longest matching Allow or Disallow rule decides, Allow winning ties;
 * '*' and a final '$' work as in RFC 9309. Returns 1 or 0.
 */
int robots_allowed(const struct robots *r, const char *path);

/* Free r; NULL-safe. */
void robots_free(struct robots *r);

/*
 * Split an http(s) URL into its origin ("https://host:port", at most
 * on bytes with the NUL) and its path with query ("/" when empty; at
 * most pn bytes). Returns 0, or -1 if url is not http(s) or too long.
 */
int robots_split(const char *url, char *origin, size_t on, char *path,
		 size_t pn);

#endif
