/* export.h - timelines written for other tools and people */
#ifndef ANNALS_EXPORT_H
#define ANNALS_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

struct err;
struct store;
struct store_event;
struct store_filter;
struct buf;

enum export_format {
	EXPORT_MD,
	EXPORT_JSONL,
	EXPORT_CSV,
	EXPORT_HTML,
	EXPORT_ICS,
};

struct export_opts {
	enum export_format format;
	bool by_topic;	     /* md: group by topic instead of by date */
	bool compare;	     /* md: add the topics x companies table */
	bool mermaid;	     /* md: add a Mermaid timeline block */
	long long generated; /* UTC epoch of the export (SOURCE_DATE_EPOCH) */
	const char *filters; /* the filters in words, for headers, or NULL */
};

/* The format called name ("md", "jsonl", "csv", "html", "ics"); 0 and *f,
 * or -1. */
int export_format_from(const char *name, enum export_format *f);

/*
 * Write the events matching f to out in o->format, oldest first, streamed
 * from the database (memory does not grow with the number of events).
 * The same database and options give the same bytes. Returns 0, or -1
 * with e set (a database or write error).
 */
int export_write(struct store *s, const struct store_filter *f,
		 const struct export_opts *o, FILE *out, struct err *e);

/* Append one event as the JSON Lines object of DESIGN.md (with the
 * newline). Returns 0/-1. Shared by list --json and -f jsonl. */
int export_event_json(struct buf *b, const struct store_event *ev);

/*
 * Append one event as the Markdown bullet of -f md (with the newline):
 * day, company in bold, action and period, the title, each source as a
 * link (http/https only), all text escaped. A follow-up names the event
 * it follows, looked up in s; s may be NULL (it is then named by id).
 * Shared by -f md and fetch --report. Returns 0, or -1 with e set.
 */
int export_md_bullet(struct buf *b, struct store *s,
		     const struct store_event *ev, struct err *e);

#endif
