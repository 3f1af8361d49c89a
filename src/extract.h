/* extract.h - items to dated policy-move events */
#ifndef ANNALS_EXTRACT_H
#define ANNALS_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "item.h"

struct err;
struct rules;

/* What the extractor knows of where items came from. Borrowed strings. */
struct extract_source {
	const char *name;
	const char *company; /* NULL or "auto": detected from the text */
};

/*
 * Turn items into events, one per item: is it a policy move, which
 * company, which action, which topics, which day, for how long; with the
 * evidence for each decision. rules may be NULL (then nothing is a policy
 * move). now (UTC epoch) dates items that carry no date of their own.
 * Clustering and follow-ups, which need the stored events, are
 * extract_cluster() and extract_follows(). Appends to out. Returns 0, or
 * -1 with e set (out of memory).
 */
int extract_events(const struct rules *r, const struct extract_source *src,
		   const struct item_list *items, long long now,
		   struct event_list *out, struct err *e);

/* A stored event, as clustering and follow-ups see it. Borrowed. */
struct extract_known {
	long long id;
	const char *day;
	const char *company;
	const char *action;
	bool policy;
	const char *title;
	const char *summary;
	const char *const *topics;
	size_t ntopics;
	const char *const *links;
	size_t nlinks;
};

/*
 * The index in k[0..n-1] of the event that ev (whose item links to link,
 * may be NULL) reports too: the same company, within three days, the same
 * kind of move and similar words; or the same link. -1 if none.
 */
long extract_cluster(const struct event *ev, const char *link,
		     const struct extract_known *k, size_t n);

/*
 * For an extend or resume event, the index in k[0..n-1] of the most recent
 * earlier policy event of the same company on the same subject (a shared
 * topic and shared key words), or -1.
 */
long extract_follows(const struct event *ev, const struct extract_known *k,
		     size_t n);

#endif
