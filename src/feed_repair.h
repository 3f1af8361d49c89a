/* feed_repair.h - real-world feed bytes made parseable, as a stream */
#ifndef ANNALS_FEED_REPAIR_H
#define ANNALS_FEED_REPAIR_H

#include <stddef.h>

#include "buf.h"

/* What was repaired, as bits of struct repair's fixed. */
enum {
	REPAIR_ENCODING =
		1, /* bytes that were not UTF-8, read as Windows-1252 */
	REPAIR_CONTROLS = 2, /* control characters and escape sequences */
	REPAIR_REFS = 4,     /* bare '&' and HTML named entities */
	REPAIR_MARKUP = 8,   /* tags inside text-only elements */
	REPAIR_PROLOG = 16,  /* text before the XML declaration */
};

/*
 * A filter between the bytes of a document and the XML parser. It holds
 * back the bytes after the last '>' of each piece so that no character,
 * reference or escape sequence is cut, and keeps whether it is inside a
 * CDATA section or comment across pieces. Internal to the feed module.
 */
struct repair {
	const char *charset; /* borrowed: the HTTP charset, or NULL */
	int decided;	     /* the encoding has been looked at */
	int wide;	     /* UTF-16/32: passed through untouched */
	int utf8;	     /* invalid bytes are repaired */
	int in_cdata;
	int in_comment;
	int in_text;	      /* inside text_elements[in_text - 1] */
	char text_name[16];   /* its name as the start tag wrote it, if
			       * not as text_elements[] does; or "" */
	int has_doctype;      /* entities may be declared */
	const char *encoding; /* static or charset: read the document in
			       * it, ignoring its declaration; or NULL */
	unsigned fixed;	      /* REPAIR_* bits seen so far */
	struct buf carry;     /* bytes held back */
	size_t used;	      /* carry bytes handed out by the last call */
	struct buf out;	      /* the last repaired piece */
};

/*
 * The charset name to read a document declared (or served) as name in:
 * "UTF-8" for UTF-8 and ASCII (whose 8-bit bytes are UTF-8 in practice),
 * "windows-1252" for its common misspellings, name itself when libxml2
 * knows it, NULL when nobody does (or it is 16/32-bit, which 8-bit
 * bytes cannot be). Static or name.
 */
const char *repair_charset(const char *name);

/* Start a filter; charset is borrowed for its lifetime. */
void repair_init(struct repair *r, const char *charset);

/* Free what the filter holds; NULL-safe. */
void repair_release(struct repair *r);

/*
 * Feed n bytes (final: no more will come, flush everything). Sets *seg and
 * *seglen to the repaired bytes ready for the parser (possibly none),
 * valid until the next call. Returns 0, or -1 when out of memory.
 */
int repair_push(struct repair *r, const char *data, size_t n, int final,
		const char **seg, size_t *seglen);

#endif
