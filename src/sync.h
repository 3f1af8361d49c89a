/* sync.h - the one pipeline: fetch -> parse -> extract -> store */
#ifndef ANNALS_SYNC_H
#define ANNALS_SYNC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct err;
struct page_conf;
struct rules;
struct store;

/* A source as configured; strings borrowed. The polling fields matter
 * only to sync_fetch(). */
struct sync_source {
	const char *name;
	const char *company;
	const char *kind;	/* "feed" (default when NULL) */
	const char *url;	/* where documents come from, for links */
	const char *user_agent; /* NULL: the default */
	int every;		/* poll interval, s (0: one hour) */
	long timeout;		/* s (0: the default) */
	size_t max_size;	/* bytes (0: the default) */
	/* kind page and sitemap: their keys; NULL: the defaults */
	const struct page_conf *page;
};

struct sync_stats {
	long items;	 /* items read from the document */
	long added;	 /* items new to the database */
	long revised;	 /* items whose title or text changed */
	long events;	 /* events written */
	long new_policy; /* events that are new and policy moves */
	int warnings;	 /* recoverable damage in the document */
};

/*
 * Ingest one document (len bytes; charset from HTTP or NULL) for src:
 * parse it, extract events with rules (may be NULL: nothing is a policy
 * move), cluster them with the stored events and store all in one
 * transaction. On error
 * nothing of it is stored. Adds to *st. Returns 0, or -1 with e set.
 */
int sync_document(struct store *s, const struct rules *rules,
		  const struct sync_source *src, const char *data, size_t len,
		  const char *charset, struct sync_stats *st, struct err *e);

/* sync_document() on the contents of a local file ("-": stdin), as if
 * fetched. Returns 0, or -1 with e naming the file. */
int sync_file(struct store *s, const struct rules *rules,
	      const struct sync_source *src, const char *path,
	      struct sync_stats *st, struct err *e);

enum sync_result {
	SYNC_OK,	   /* fetched and stored */
	SYNC_NOT_MODIFIED, /* 304 */
	SYNC_FAILED,	   /* recorded as a failure */
	SYNC_DISABLED,	   /* 410 Gone earlier: not polled */
	SYNC_NOT_DUE,	   /* polled recently enough */
};

/* What happened to one source; borrowed during the report call. */
struct sync_outcome {
	const struct sync_source *src;
	enum sync_result result;
	long http;	   /* 0: no response */
	const char *error; /* for SYNC_FAILED */
	struct sync_stats stats;
	int failures;		/* consecutive, after this poll */
	long long last_success; /* UTC epoch, 0: never */
	const char *moved_to;	/* a new permanent URL, or NULL */
	bool gone;		/* 410 now: the source was disabled */
	double seconds;
	size_t bytes;
};

typedef void (*sync_report_fn)(const struct sync_outcome *o, void *ctx);

struct sync_fetch_opts {
	int jobs;      /* transfers at once (0: 8) */
	bool force;    /* poll sources that are not due yet */
	long long now; /* UTC epoch of this run */
};

/*
 * Poll srcs[0..n-1] (those due, or all with force) concurrently; store
 * each response in its own transaction with its polling state; report
 * every source, in completion order (report is called from one thread at
 * a time, not always the caller's: s is not to be used by the caller
 * until this returns). A failing source never stops the others. The new
 * items are put in the full-text index at the end (store_fts_catchup).
 * *stop (may be NULL) ends the run early from a signal handler.
 * Returns 0, or -1 with e set when the run as a whole failed.
 */
int sync_fetch(struct store *s, const struct rules *rules,
	       const struct sync_source *srcs, size_t n,
	       const struct sync_fetch_opts *o, sync_report_fn report,
	       void *ctx, volatile sig_atomic_t *stop, struct err *e);

/*
 * Recompute every extracted event from the stored items with rules, in one
 * transaction; manual events and the user's curation stay. Returns 0, or
 * -1 with e set (nothing changed).
 */
int sync_reextract(struct store *s, const struct rules *rules,
		   struct sync_stats *st, struct err *e);

#endif
