/* extract.h - items to dated events */
#ifndef ANNALS_EXTRACT_H
#define ANNALS_EXTRACT_H

#include "item.h"

struct err;

/* What the extractor knows of where items came from. Borrowed strings. */
struct extract_source {
	const char *name;
	const char *company; /* NULL or "auto": unknown until detected */
};

/*
 * Turn items into events: every item ends up in exactly one event.
 * now (UTC epoch) dates items that carry no date of their own.
 * Appends to out. Returns 0, or -1 with e set (out of memory).
 */
int extract_events(const struct extract_source *src,
		   const struct item_list *items, long long now,
		   struct event_list *out, struct err *e);

#endif
