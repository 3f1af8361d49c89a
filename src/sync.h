/* sync.h - the one pipeline: parse -> extract -> store */
#ifndef ANNALS_SYNC_H
#define ANNALS_SYNC_H

#include <stddef.h>

struct err;
struct store;

/* The source a document belongs to; strings borrowed. */
struct sync_source {
	const char *name;
	const char *company;
	const char *kind; /* "feed" (default when NULL) */
	const char *url;  /* where the document came from, for links */
};

struct sync_stats {
	long items;   /* items read from the document */
	long added;   /* items new to the database */
	long revised; /* items whose title or text changed */
	long events;  /* events written */
	int warnings; /* recoverable damage in the document */
};

/*
 * Ingest one document (len bytes; charset from HTTP or NULL) for src:
 * parse it, extract events and store both in one transaction. On error
 * nothing of it is stored. Adds to *st. Returns 0, or -1 with e set.
 */
int sync_document(struct store *s, const struct sync_source *src,
		  const char *data, size_t len, const char *charset,
		  struct sync_stats *st, struct err *e);

/* sync_document() on the contents of a local file ("-": stdin), as if
 * fetched. Returns 0, or -1 with e naming the file. */
int sync_file(struct store *s, const struct sync_source *src, const char *path,
	      struct sync_stats *st, struct err *e);

#endif
