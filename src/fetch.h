/* fetch.h - HTTP: concurrency, politeness, conditional GET, limits */
#ifndef ANNALS_FETCH_H
#define ANNALS_FETCH_H

#include <signal.h>
#include <stddef.h>

#include "buf.h"

struct err;

/* Defaults the issue and annals(1) promise. */
#define FETCH_TIMEOUT 60		   /* whole transfer, s */
#define FETCH_MAX_SIZE (20u * 1024 * 1024) /* body after decoding */

/* One URL to poll. Strings are borrowed for the duration of fetch_run(). */
struct fetch_request {
	const char *url;
	const char *etag;	   /* sent back as If-None-Match, or NULL */
	const char *last_modified; /* sent back as If-Modified-Since, or NULL */
	const char *user_agent;	   /* NULL: annals/VERSION */
	long timeout;		   /* s; 0: FETCH_TIMEOUT */
	size_t max_size;	   /* bytes; 0: FETCH_MAX_SIZE */
	void *user;		   /* the caller's */
};

enum fetch_status {
	FETCH_OK,	    /* 2xx with a body */
	FETCH_NOT_MODIFIED, /* 304 */
	FETCH_HTTP_ERROR,   /* a response, but not 2xx/304 */
	FETCH_FAILED,	    /* no usable response: DNS, TLS, timeout, cap ... */
};

/* What came back. Owned strings; release with fetch_result_release(). */
struct fetch_result {
	enum fetch_status status;
	long http;	 /* last HTTP status, 0 if none */
	char error[256]; /* for FETCH_HTTP_ERROR and FETCH_FAILED */
	struct buf body; /* decoded (gzip, br, zstd ...) */
	char *charset;	 /* of the Content-Type, or NULL */
	char *etag;	 /* validators of the last response, or NULL */
	char *last_modified;
	char *effective_url; /* after redirects */
	char *moved_to;	     /* where leading 301/308 redirects led, or NULL */
	long retry_after;    /* s from Retry-After, -1 if none */
	double seconds;	     /* total time */
};

/* Release what r owns and zero it; NULL-safe. */
void fetch_result_release(struct fetch_result *r);

struct fetch_opts {
	int jobs;	      /* transfers at once (8) */
	int per_host;	      /* at once per host (2) */
	long spacing_ms;      /* between request starts to one host (250) */
	long connect_timeout; /* s (10) */
	long low_speed_limit; /* bytes/s (1024) ... */
	long low_speed_time;  /* ... for this many s (20) aborts */
	long max_redirs;      /* (5), only to http and https */
};

/* Fill o with the defaults above. */
void fetch_opts_default(struct fetch_opts *o);

/*
 * Called in the caller's thread as each transfer ends, in completion
 * order. It may take res (or just res->body) over, leaving what it took
 * zeroed; the rest of res is released after it returns. Return non-zero
 * to stop the run.
 */
typedef int (*fetch_done_fn)(const struct fetch_request *req,
			     struct fetch_result *res, void *ctx);

/*
 * Poll reqs[0..n-1] with the libcurl multi interface, politely, and call
 * done for each. Failures of single requests go to done, never end the
 * run. *stop (may be NULL), set from a signal handler, ends the run early.
 * Returns 0, or -1 with e set when the run itself could not go on
 * (libcurl could not start, interrupted, done asked to stop).
 */
int fetch_run(const struct fetch_opts *o, const struct fetch_request *reqs,
	      size_t n, fetch_done_fn done, void *ctx,
	      volatile sig_atomic_t *stop, struct err *e);

#endif
