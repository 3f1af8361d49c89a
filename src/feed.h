/* feed.h - RSS and Atom documents to items */
#ifndef ANNALS_FEED_H
#define ANNALS_FEED_H

#include <stddef.h>

#include "item.h"

struct err;

enum feed_format {
	FEED_UNKNOWN,
	FEED_RSS09X,
	FEED_RSS10,
	FEED_RSS20,
	FEED_ATOM03,
	FEED_ATOM10,
};

/* What a feed says about itself; strings owned, cleaned, NULL if absent. */
struct feed_meta {
	char *title;
	char *link;
	char *subtitle;
	char *author; /* Atom: the default for entries without one */
	struct stamp updated;
};

struct feed {
	enum feed_format format;
	struct feed_meta meta;
	struct item_list items;
	int warnings; /* recoverable damage seen while parsing */
};

/*
 * Parse the feed document data (len bytes) into f, which the caller has
 * zeroed. url (may be NULL) is where the document came from, used to
 * resolve relative links; charset (may be NULL) is the HTTP Content-Type
 * charset. The document is read as a stream; entities are never
 * substituted from DTDs and nothing is loaded from the network.
 * Recoverable damage gives a best-effort result and bumps f->warnings.
 * Returns 0, or -1 with e set when the input is not a feed (f is then
 * released). Release f with feed_release() in either case.
 */
int feed_parse(const char *data, size_t len, const char *url,
	       const char *charset, struct feed *f, struct err *e);

/* Set up the XML library once, before any thread parses or cleans text
 * (libxml2 asks for this in threaded programs); safe to call again. */
void feed_init(void);

/*
 * The streaming interface: bytes go in as they arrive, items come out as
 * soon as each is complete and are not kept. fn is called for each item
 * in document order; the item belongs to the parser, but fn may take its
 * contents over (and leave it zeroed). fn returns non-zero to stop.
 */
struct feed_parser;
typedef int (*feed_item_fn)(struct item *it, void *ctx);

/* A new parser (url and charset as for feed_parse(), copied). Free with
 * feed_parser_free(); NULL when out of memory. */
struct feed_parser *feed_parser_new(const char *url, const char *charset,
				    feed_item_fn fn, void *ctx);

/* Parse len more bytes. Returns 0, or -1 with e set when the document is
 * not a feed or fn asked to stop; the parser is then done. */
int feed_parser_push(struct feed_parser *p, const char *data, size_t len,
		     struct err *e);

/* End of the document. Returns 0, or -1 with e set when it held no feed. */
int feed_parser_finish(struct feed_parser *p, struct err *e);

/* What the document said of itself so far (borrowed from p). */
enum feed_format feed_parser_format(const struct feed_parser *p);
const struct feed_meta *feed_parser_meta(const struct feed_parser *p);

/* Recoverable damage seen (complete after feed_parser_finish()). */
int feed_parser_warnings(const struct feed_parser *p);

/* Free the parser; NULL-safe. */
void feed_parser_free(struct feed_parser *p);

/* Release what f owns and zero it; NULL-safe. */
void feed_release(struct feed *f);

/* The contract name of a format: "rss2.0", "atom1.0", ... */
const char *feed_format_name(enum feed_format fmt);

#endif
