/* item.h - the model: items read from sources, events made from them */
#ifndef ANNALS_ITEM_H
#define ANNALS_ITEM_H

#include <stdbool.h>
#include <stddef.h>

/* A point in time as a source gave it. */
struct stamp {
	bool set;      /* false: the source gave none, or it did not parse */
	long long utc; /* seconds since the epoch, UTC */
	int offset;    /* the source's UTC offset in minutes east */
	char *raw;     /* the string as found (owned), NULL if none */
};

/*
 * One entry of a feed or page. All strings are owned, plain UTF-8 text
 * without control characters (the parser cleans them), NULL when absent.
 */
struct item {
	char *id;   /* stable: guid/id, else canonical link, else a hash */
	char *link; /* absolute URL */
	char *title;
	char *summary;
	char *content;
	char *author;
	char **categories;
	size_t ncategories;
	struct stamp published;
	struct stamp updated;
};

struct item_list {
	struct item *v;
	size_t n;
	size_t cap;
};

/* Release everything an item owns and zero it; NULL-safe. */
void item_release(struct item *it);

/* Append a zeroed item to l; returns it, or NULL on out of memory. The
 * pointer is valid until the next append. */
struct item *item_list_add(struct item_list *l);

/* Release every item and the array; NULL-safe. */
void item_list_release(struct item_list *l);

/*
 * Make the ids of l unique, in order, as a careless feed may repeat a
 * guid: a later item with an earlier one's id, link and title is the same
 * entry listed twice (removed); any other is a different entry (its id
 * becomes its link, else the id with "#" and a hash of its text). Returns
 * how many items were removed or renamed, or -1 on out of memory (l is
 * then as it was, but for renames already made).
 */
int item_list_unique_ids(struct item_list *l);

/* Add a copy of category c to it unless already present. Returns 0/-1. */
int item_add_category(struct item *it, const char *c);

/* Release what a stamp owns and zero it. */
void stamp_release(struct stamp *s);

/* Action slugs, one per event (DESIGN.md). */
enum action {
	ACTION_EXIT,
	ACTION_MORATORIUM,
	ACTION_RESTRICT,
	ACTION_EXTEND,
	ACTION_RESUME,
	ACTION_PLEDGE,
	ACTION_ADVOCATE,
	ACTION_STANDARD,
	ACTION_OTHER,
};

/* The slug of a (valid) action, e.g. "moratorium". */
const char *action_slug(enum action a);

/* The action for a slug; returns 0 and sets *a, or -1 if unknown. */
int action_from_slug(const char *slug, enum action *a);

/*
 * A dated move derived from one or more items. Strings are owned.
 * items[] are indexes into the item list the event was extracted from.
 */
struct event {
	char day[11]; /* YYYY-MM-DD in the publisher's offset */
	char *company;
	enum action action;
	char **topics;
	size_t ntopics;
	char *title;
	char *summary;
	char until[11];	  /* "" when open-ended */
	char *until_text; /* "one-year", "until a national law", or NULL */
	bool policy;
	char *evidence;	   /* JSON: the phrases that decided, or NULL */
	long long follows; /* the stored event this one extends, or 0 */
	size_t *items;
	size_t nitems;
};

struct event_list {
	struct event *v;
	size_t n;
	size_t cap;
};

/* Release what an event owns and zero it; NULL-safe. */
void event_release(struct event *ev);

/* Append a zeroed event; NULL on out of memory. Valid until next append. */
struct event *event_list_add(struct event_list *l);

/* Release every event and the array; NULL-safe. */
void event_list_release(struct event_list *l);

#endif
