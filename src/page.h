/* page.h - HTML listing pages to items, with XPath selectors */
#ifndef ANNALS_PAGE_H
#define ANNALS_PAGE_H

#include <stddef.h>

#include "item.h"
#include "page_conf.h"

struct err;

/* The most entries read from one listing page; the rest are dropped as
 * damage. */
#define PAGE_MAX_ITEMS 5000

/* What one listing page gave. Strings owned; release with
 * page_listing_release(). */
struct page_listing {
	struct item_list items; /* in page order, one per distinct link */
	char *next;		/* absolute URL of the next page, or NULL */
	long matched;		/* nodes the items selector matched */
	int warnings;		/* items dropped: no usable link */
};

/*
 * Read the HTML listing data (len bytes) fetched from url (absolute; the
 * base for relative links, with the page's <base href>) with the
 * selectors of pc (NULL or NULL fields: the defaults, see
 * annals-sources(5)). charset (may be NULL) is the HTTP one. Items get
 * their link (absolute, without fragment) as id; dates come from the date
 * selector (a datetime or content attribute, else the text), else from
 * the link. Nothing is loaded from the network. Returns 0, or -1 with e
 * set when a selector is not valid XPath or the page gave no item with a
 * link (markup changed?); out is zeroed first and is to be released
 * either way.
 */
int page_parse(const char *data, size_t len, const char *url,
	       const char *charset, const struct page_conf *pc,
	       struct page_listing *out, struct err *e);

/* Release what l owns and zero it; NULL-safe. */
void page_listing_release(struct page_listing *l);

/* Check that the selectors of pc compile as XPath. Returns 0, or -1 with
 * e naming the key and the expression. */
int page_conf_check(const struct page_conf *pc, struct err *e);

/* True if kind (may be NULL) is "page" or "sitemap": sources that sync
 * reads with this module rather than as feeds. */
int page_kind(const char *kind);

#endif
