/* config.h - the sources files: reading and validating */
#ifndef ANNALS_CONFIG_H
#define ANNALS_CONFIG_H

#include <stddef.h>

#include "page_conf.h"

struct err;

/* One [section] of a sources file. Strings are owned. */
struct config_source {
	char *name;
	char *company; /* canonical company, or "auto" */
	char *kind;    /* "feed", "page" or "sitemap" */
	char *url;
	char *tags;
	int every; /* poll interval in seconds */
	int enabled;
	int timeout;	  /* whole transfer, s; 0: the default */
	size_t max_size;  /* body cap in bytes; 0: the default */
	char *user_agent; /* NULL: the default */
	char *file;	  /* where it was defined */
	int line;
	/* kind page and sitemap: selectors and the rest */
	struct page_conf page;
};

struct config {
	struct config_source *v;
	size_t n;
	size_t cap;
};

/*
 * Read a sources file, or every *.conf in a directory (in name order),
 * into c (zeroed by the caller). Errors name file:line. Returns 0, or -1
 * with e set; c is left empty on error.
 */
int config_load(const char *path, struct config *c, struct err *e);

/* The source called name, or NULL; borrowed from c. */
const struct config_source *config_find(const struct config *c,
					const char *name);

/* Release everything c owns; NULL-safe. */
void config_release(struct config *c);

/* Parse an interval such as "30m", "6h", "1d", "90s" or "3600" into
 * seconds. Returns 0, or -1 if s is not one. */
int config_interval(const char *s, int *seconds);

/* Parse a size such as "512K", "20M", "1G" or "65536" into bytes.
 * Returns 0, or -1 if s is not one. */
int config_size(const char *s, size_t *bytes);

#endif
