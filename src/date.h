/* date.h - dates as feeds, pages and texts write them */
#ifndef ANNALS_DATE_H
#define ANNALS_DATE_H

/*
 * Parse a date string: RFC 3339 / ISO 8601 (with or without time, zone,
 * fraction), RFC 822/1123 with named or numeric zones, and what
 * curl_getdate() understands. A date without a zone is taken as UTC.
 * On success stores seconds since the epoch (UTC) in *utc and the
 * string's own offset in minutes east of UTC in *offset (either pointer
 * may be NULL) and returns 0; returns -1 if s is not a date.
 */
int date_parse(const char *s, long long *utc, int *offset);

/* Write t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void date_format_utc(long long t, char *out);

/* Write the calendar day of t seen at offset minutes east of UTC as
 * "YYYY-MM-DD" into out (at least 11 bytes). */
void date_day(long long t, int offset, char *out);

/*
 * Normalise a user-given day bound ("2020-06", "2020-06-08", any string
 * date_parse() reads) to "YYYY-MM-DD" in out (11 bytes). A year or a
 * month alone gives its first day, or its last when end is set.
 * Returns 0, or -1 if s is not a date.
 */
int date_day_bound(const char *s, int end, char *out);

#endif
