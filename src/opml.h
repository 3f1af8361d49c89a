/* opml.h - OPML subscription lists: read into sources, written from them */
#ifndef ANNALS_OPML_H
#define ANNALS_OPML_H

#include <stddef.h>

struct buf;
struct config;
struct err;

/* The largest OPML file read, in bytes. */
#define OPML_MAX_SIZE (10u * 1024 * 1024)

/* The <head><title> of what opml_export() writes; a file carrying it is
 * read back as it was written (see opml_read()). */
#define OPML_OWN_TITLE "annals sources"

/* One feed of an OPML file, ready for a sources file. All strings are
 * owned, single lines without control characters. */
struct opml_feed {
	char *name;	/* a valid source name, unique in the list */
	char *title;	/* the outline's title or text; "" if none */
	char *html_url; /* the site's address, NULL if none or unusable */
	char *company;	/* a company name, or "auto" */
	char *url;	/* http or https */
};

/* The feeds of an OPML file in document order. */
struct opml {
	struct opml_feed *v;
	size_t n;
	size_t cap;
	int own; /* the file was written by opml_export() */
};

/* Called with one line (no newline, already clean) for each outline that
 * is skipped, and why. */
typedef void (*opml_warn_fn)(void *ctx, const char *msg);

/*
 * Read the OPML file at path ("-": standard input), at most OPML_MAX_SIZE
 * bytes, into o (zeroed by the caller). Every <outline> with an xmlUrl
 * (any case; else url, unless the outline is a link or an include) is a
 * feed, at any depth of folders. Names come from the title (else text,
 * else the url): lower-case letters, digits and '-', at most 40 bytes,
 * made unique with -2, -3, .... The company is company if not NULL (the
 * caller checks it with opml_company_valid()), else the category
 * attribute or the nearest enclosing folder naming Amazon or AWS, Microsoft
 * or Azure, or IBM (as words, in any case), else "auto". A url that is not
 * http or https, or that cannot be one line of a sources file, and a second
 * outline of a url already read, are skipped and reported through warn
 * (may be NULL). A file of opml_export() (head title OPML_OWN_TITLE) keeps
 * its titles as names when they are valid ones and its categories as
 * companies, and its repeated urls. DTDs are neither loaded nor expanded.
 * Returns 0 (o may hold no feed), or -1 with e set (unreadable, too large,
 * not well-formed, not OPML, out of memory) and o empty.
 */
int opml_read(const char *path, const char *company, struct opml *o,
	      opml_warn_fn warn, void *ctx, struct err *e);

/* Free everything o owns and leave it empty; NULL-safe. */
void opml_release(struct opml *o);

/* True if s can be the company of a source written by opml_sources():
 * non-empty, at most 100 bytes, one line of printable text without ';'
 * and without white space at either end. */
int opml_company_valid(const char *s);

/*
 * Append o as a sources file (annals-sources(5)) to out: a header naming
 * origin (any text; NULL for none), then per feed a comment with its title
 * and a [name] section with company, kind = feed and url. What config_load()
 * reads back is exactly o. Returns 0, or -1 when out of memory or out's cap.
 */
int opml_sources(const struct opml *o, const char *origin, struct buf *out);

/*
 * Append the feed sources of c (enabled or not) to out as OPML 2.0: one
 * <outline> per source, sorted by name, with its name as text and title,
 * type "rss", its url as xmlUrl and its company as category. created is the
 * <dateCreated> in seconds since the epoch, or negative for none (the
 * output then depends on c alone). Returns 0, or -1 with e set.
 */
int opml_export(const struct config *c, long long created, struct buf *out,
		struct err *e);

#endif
