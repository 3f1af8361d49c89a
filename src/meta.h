/* meta.h - what an article page says about itself */
#ifndef ANNALS_META_H
#define ANNALS_META_H

#include <stddef.h>

#include "item.h"

struct err;

/* An article's metadata; strings owned and clean, NULL if absent. */
struct meta {
	char *title;
	char *summary;
	struct stamp published;
	struct stamp updated;
};

/*
 * Read the metadata of the article page data (len bytes) fetched from
 * url, each field from the first place that has it, in this order:
 * JSON-LD (datePublished, dateModified, headline, description; objects,
 * arrays and @graph), OpenGraph (article:published_time,
 * article:modified_time, og:title, og:description), <meta name="date">
 * and its kin, <time datetime>, the date in url, then <title> and
 * <meta name="description">. charset (may be NULL) is the HTTP one.
 * Returns 0 (m filled, fields may be absent), or -1 with e set when data
 * is not an HTML page. Release m with meta_release() either way.
 */
int meta_read(const char *data, size_t len, const char *url,
	      const char *charset, struct meta *m, struct err *e);

/* Release what m owns and zero it; NULL-safe. */
void meta_release(struct meta *m);

#endif
