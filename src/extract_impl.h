/* extract_impl.h - word tests shared by extract.c and extract_link.c */
#ifndef ANNALS_EXTRACT_IMPL_H
#define ANNALS_EXTRACT_IMPL_H

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "date.h"

/* Does text tell of a pause company (may be NULL) made before day
 * (YYYY-MM-DD): a past-tense verb of pause ("suspended", "halted") after
 * the company or "it", in a past perfect or in a sentence that names an
 * earlier month or year, or says "earlier"? In extract.c. */
int extract_earlier_pause(const char *text, const char *day,
			  const char *company);

/* Does s hold needle, ASCII case aside? */
static inline int extract_holds(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

/* A month's number (1-12) if the token names one, as date.c reads it,
 * else 0. */
static inline int extract_month_of(const char *w)
{
	return date_month_name(w, strlen(w));
}

/* Does the token name a weekday? */
static inline int extract_is_weekday(const char *w)
{
	return date_weekday_name(w, strlen(w));
}

/* Is the token digits only (and not empty)? */
static inline int extract_all_digits(const char *w)
{
	if (!*w)
		return 0;
	for (; *w; w++)
		if (!isdigit((unsigned char)*w))
			return 0;
	return 1;
}

/* Is the token one of list[0..n-1]? */
static inline int extract_in_list(const char *w, const char *const *list,
				  size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

#define EXTRACT_IN(w, list)                                                    \
	extract_in_list((w), (list), sizeof(list) / sizeof(*(list)))

#endif
