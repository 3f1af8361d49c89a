/* buf.h - growable byte buffer with an optional size cap */
#ifndef ANNALS_BUF_H
#define ANNALS_BUF_H

#include <stddef.h>

struct err;

/*
 * A growable buffer. data is always NUL-terminated once anything was
 * appended (data may be NULL while len is 0). max caps len (0: no cap);
 * the cap doubles as the download limit in the fetcher.
 */
struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

/* Initialise an empty buffer holding at most max bytes (0: unlimited). */
void buf_init(struct buf *b, size_t max);

/* Free the buffer's memory and leave it empty; NULL-safe. */
void buf_release(struct buf *b);

/* Append n bytes. Returns 0, or -1 (nothing appended) when the cap would be
 * exceeded or memory ran out. */
int buf_add(struct buf *b, const void *p, size_t n);

/* Append a NUL-terminated string (NULL appends nothing). Returns 0 or -1. */
int buf_adds(struct buf *b, const char *s);

/* Append one byte. Returns 0 or -1. */
int buf_addc(struct buf *b, char c);

/* Append printf-formatted text. Returns 0 or -1. */
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Return the NUL-terminated contents (never NULL) and leave b empty; the
 * caller frees the result with free(). NULL on out of memory. */
char *buf_detach(struct buf *b);

/* Read a whole file ("-": standard input) into b, honouring its cap.
 * Returns 0, or -1 with e naming the file. */
int buf_read_file(struct buf *b, const char *path, struct err *e);

#endif
