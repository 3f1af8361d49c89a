/* feed_text.h - internal to the feed module: fast plain-text conversion */
#ifndef ANNALS_FEED_TEXT_H
#define ANNALS_FEED_TEXT_H

#include <stddef.h>

/* Exactly text_clean(s, n), faster on the common ASCII text. Caller
 * frees; NULL on out of memory (s must not be NULL). */
char *ftext_clean(const char *s, size_t n);

/* Exactly text_from_html(html, n), in one pass when it can. Caller
 * frees; NULL on out of memory. */
char *ftext_from_html(const char *html, size_t n);

#endif
