/* text.h - UTF-8 cleanup, control-character stripping, HTML to text */
#ifndef ANNALS_TEXT_H
#define ANNALS_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * Make untrusted text safe and plain: invalid UTF-8 is read as
 * Windows-1252, control characters (C0, C1, DEL), bidi overrides and other
 * invisible format characters are dropped, runs of white space become one
 * space, leading and trailing space is trimmed. Returns a new string the
 * caller frees (never NULL unless out of memory); s may be NULL (gives NULL).
 */
char *text_clean(const char *s, size_t n);

/*
 * Convert an HTML fragment (entities, tags, comments, scripts) to plain
 * text as text_clean() does; block elements become spaces. Returns a new
 * string the caller frees, or NULL for NULL input or out of memory.
 */
char *text_from_html(const char *html, size_t n);

/* True if the n bytes at s are valid UTF-8. */
int text_utf8_valid(const char *s, size_t n);

/* A NUL-terminated copy of s in valid UTF-8: invalid bytes are read as
 * Windows-1252 (NUL bytes and undefined ones are dropped); nothing else
 * changes. The caller frees it; NULL on out of memory. */
char *text_utf8_fix(const char *s, size_t n);

/* Length of the terminal escape sequence at s (ESC or a C1 control in
 * UTF-8, with its parameters or string), or 0 if none starts there. */
size_t text_escape_len(const unsigned char *s, size_t n);

/* True if s holds C0 controls other than tab and newlines, or C1 ones. */
int text_has_controls(const char *s, size_t n);

/* A NUL-terminated copy of s without control characters and the escape
 * sequences they start (tab and newlines stay). Caller frees; NULL on out
 * of memory. */
char *text_strip_controls(const char *s, size_t n);

/* Append code point c as UTF-8. Returns 0/-1. */
int text_utf8_put(struct buf *b, unsigned c);

/* The code point of the HTML named entity name ("mdash"), or 0. */
unsigned text_entity(const char *name);

/* True if s contains markup or character references worth an HTML parse. */
int text_looks_html(const char *s, size_t n);

/* Append s as a JSON string literal ("null" when s is NULL). Returns 0/-1. */
int text_json(struct buf *b, const char *s);

/* Append the n strings v[] as a JSON array of strings. Returns 0/-1. */
int text_json_array(struct buf *b, const char *const *v, size_t n);

/* Terminal width of UTF-8 text s in columns (wcwidth; needs a UTF-8
 * LC_CTYPE, falls back to one column per character). */
int text_width(const char *s);

/*
 * Append s to b, cut on a character boundary so that it takes at most cols
 * terminal columns (an ellipsis marks a cut), padded with spaces to cols
 * when pad is set. s must already be clean. Returns 0/-1.
 */
int text_fit(struct buf *b, const char *s, int cols, int pad);

/* text_fit() for an ASCII terminal: '~' marks a cut. */
int text_fit_ascii(struct buf *b, const char *s, int cols, int pad);

/*
 * s (clean UTF-8) for a terminal that shows ASCII only: line drawing,
 * common punctuation and Latin letters with marks (U+00C0-U+017F) by
 * ASCII look-alikes, combining marks dropped, any other character as one
 * '?'. Caller frees; NULL when out of memory.
 */
char *text_ascii(const char *s);

/* Is the character set of the locale (LC_CTYPE) UTF-8? */
int text_locale_utf8(void);

/* The 64-bit FNV-1a offset basis: the h to start text_fnv1a() from. */
#define TEXT_FNV_BASIS 0xcbf29ce484222325ULL

/* FNV-1a over the n bytes at p, from h: a digest for ids and change
 * detection, not a defence. */
uint64_t text_fnv1a(uint64_t h, const void *p, size_t n);

/* Decode one UTF-8 sequence at s (n bytes available). Returns its length
 * and stores the code point in *cp, or 0 if the bytes are not valid
 * (overlong, surrogate, out of range, truncated). */
size_t text_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

#endif
