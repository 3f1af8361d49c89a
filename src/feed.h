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

/* Release what f owns and zero it; NULL-safe. */
void feed_release(struct feed *f);

/* The contract name of a format: "rss2.0", "atom1.0", ... */
const char *feed_format_name(enum feed_format fmt);

#endif
