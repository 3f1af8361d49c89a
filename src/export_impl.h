/* export_impl.h - what the export_*.c writers share; nothing else
 * includes it */
#ifndef ANNALS_EXPORT_IMPL_H
#define ANNALS_EXPORT_IMPL_H

#include <stdio.h>

#include "buf.h"
#include "export.h"

struct store_event;

/* One export in progress. */
struct export_ctx {
	struct store *s;
	const struct store_filter *f;
	const struct export_opts *o;
	FILE *out;
	struct buf line; /* scratch, emptied by the writer as it likes */
	struct err *e;
	long count;  /* events written so far */
	void *state; /* the writer's own */
};

/* A format: begin, then event for each event oldest first, then end.
 * Each returns 0, or -1 with ctx->e set. begin and end may be NULL.
 * release (may be NULL) frees ctx->state when the export stopped before
 * end() could (a database or write error); a writer that frees its state
 * itself sets ctx->state to NULL. */
struct export_writer {
	int (*begin)(struct export_ctx *x);
	int (*event)(struct export_ctx *x, const struct store_event *ev);
	int (*end)(struct export_ctx *x);
	void (*release)(struct export_ctx *x);
};

extern const struct export_writer export_jsonl_writer;
extern const struct export_writer export_md_writer;
extern const struct export_writer export_csv_writer;
extern const struct export_writer export_html_writer;
extern const struct export_writer export_ics_writer;

/* Write the line buffer to out and empty it; 0, or -1 with e set. */
int export_flush(struct export_ctx *x);

/* Is url an http(s) URL that may be linked? */
int export_link_ok(const char *url);

#endif
