/* page_impl.h - what page.c, meta.c and sitemap.c share; nothing else
 * includes it */
#ifndef ANNALS_PAGE_IMPL_H
#define ANNALS_PAGE_IMPL_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

/* Longest URL kept; longer ones are dropped as damage. */
#define PAGE_MAX_URL 2048

/* Parse HTML with recovery and without network access; NULL when the
 * bytes are not a document at all. Free with xmlFreeDoc(). */
xmlDoc *page_html_read(const char *data, size_t len, const char *url,
		       const char *charset);

/* An XPath context on doc that reports errors nowhere (they are returned
 * as failures instead). Free with xmlXPathFreeContext(). */
xmlXPathContext *page_xpath_new(xmlDoc *doc);

/* Clean text of node n (element, attribute or text); NULL if empty.
 * Caller frees. */
char *page_node_text(xmlNode *n);

/* href resolved against n's <base href> and document URL: an absolute
 * http(s) URL without fragment, or NULL. Caller frees. */
char *page_resolve(xmlNode *n, const char *href);

/* Evaluate expr relative to node; the string of the first node found
 * (an attribute's value, an element's text) or of a non-node result.
 * NULL when nothing or empty. Caller frees. */
char *page_eval_text(xmlXPathContext *ctx, xmlNode *node, const char *expr);

#endif
