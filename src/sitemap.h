/* sitemap.h - sitemaps and sitemap indexes to URLs */
#ifndef ANNALS_SITEMAP_H
#define ANNALS_SITEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "item.h"

struct err;

/* Largest sitemap after gunzip (the protocol's own limit is 50 MB). */
#define SITEMAP_MAX_SIZE (64u * 1024 * 1024)

/* One <url> or <sitemap>. Strings owned. */
struct sitemap_entry {
	char *loc;		/* absolute http(s) URL */
	struct stamp lastmod;	/* <lastmod> */
	char *title;		/* news:title, or NULL */
	struct stamp published; /* news:publication_date */
	size_t seq;		/* document order */
};

struct sitemap {
	bool index; /* a <sitemapindex>: entries are sitemaps */
	struct sitemap_entry *v;
	size_t n;
	size_t cap;
	int warnings; /* entries dropped: no usable loc */
};

/*
 * Parse a sitemap or sitemap index (data, len bytes; gzip-compressed
 * ones are recognised by their magic and inflated, at most
 * SITEMAP_MAX_SIZE) fetched from url into sm (zeroed first). No DTD, no
 * entities, no network. Returns 0, or -1 with e set when it is neither;
 * release sm with sitemap_release() either way.
 */
int sitemap_parse(const char *data, size_t len, const char *url,
		  struct sitemap *sm, struct err *e);

/* Sort newest lastmod first (undated last, otherwise in document order). */
void sitemap_sort(struct sitemap *sm);

/* Release what sm owns and zero it; NULL-safe. */
void sitemap_release(struct sitemap *sm);

#endif
