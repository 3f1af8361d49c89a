/* date.h - dates as feeds, pages and texts write them */
#ifndef ANNALS_DATE_H
#define ANNALS_DATE_H

#include <stddef.h>

/*
 * Parse a string that is one date, as feed fields and page metadata hold
 * them. Forms read (see tests/unit/test_date.c for each):
 *  - RFC 3339, ISO 8601 extended ("2020-06-10T21:30:00.5+05:30", 'T' or
 *    a space, zone optional) and basic ("20200610T183000Z"), W3C-DTF's
 *    "2020-06" and "2020" (the first day, 00:00 UTC), ordinal dates
 *    ("2020-162") and Google's extra month zero ("2020-006-10");
 *  - RFC 822/850/1123/2822: optional weekday (a wrong one is ignored,
 *    an unknown word is not), one- or two-digit day, month name in any
 *    case, two- or four-digit year, optional seconds (one-digit minutes
 *    and seconds too), numeric (up to "+2400"), named ("Etc/GMT" too) or
 *    military (read as UTC) zone, or a generic US zone
 *    ("ET", "CT", "MT", "PT", "AT") whose daylight saving follows from
 *    the date, a name or "(comment)" after an offset;
 *    asctime, date(1) and JavaScript Date output;
 *  - what pages write: "June 10, 2020", "Jun. 10, 2020 9:30 PM PDT",
 *    "10th June 2020", "2020/06/10" (year first; "10/06/2020" is
 *    ambiguous and rejected);
 *  - failing all those, a URL ("https://...", "//...", "/...") with a
 *    date in its path (see date_from_url()), or a dateline: one date
 *    set off by dashes, ':' or '|' (a comma alone is not enough), with no
 *    digits before it and only dashes and wire tags after it:
 *    "SEATTLE--(BUSINESS WIRE)--Mar. 2, 2022--", "ARMONK, N.Y., June 8,
 *    2020 /PRNewswire/ --".
 * A date without a zone is taken as UTC. Anything else around a date
 * ("... GMT junk"), impossible dates ("30 Feb 2020") and dates whose
 * offset carries them out of the years 1-9999 are rejected, never
 * guessed at.
 * On success stores seconds since the epoch (UTC) in *utc and the
 * string's own offset in minutes east of UTC in *offset (either pointer
 * may be NULL) and returns 0; returns -1 (outputs untouched) if s is
 * NULL or not a date.
 */
int date_parse(const char *s, long long *utc, int *offset);

/*
 * Find the date in a URL or path: "/2020/06/11/slug/", "/2020-06-08-Title",
 * "/2020/jun/10/...", "?date=2020-06-10": year first, starting a path
 * segment or after '-', '_' or '=', ending a segment or a word. The host
 * and the fragment are skipped; a year and month alone ("/2020/06/") are
 * not a day and are not read. On success stores that day at 00:00 UTC in
 * *utc and 0 in *offset (either may be NULL) and returns 0; else -1.
 */
int date_from_url(const char *url, long long *utc, int *offset);

/*
 * Find the first date inside free text (a dateline, an article body):
 * the day-precise forms of date_parse() with a four-digit year, starting
 * and ending on word boundaries. Bare years, year-month, numbers such as
 * versions ("2.0.2020") and day- or month-first numeric dates are not
 * dates here. A time counts only with an explicit zone ("9:30 PM PDT");
 * otherwise the day is stored at 00:00 UTC with offset 0. Same outputs
 * and returns as date_parse(); text NULL gives -1.
 */
int date_find(const char *text, long long *utc, int *offset);

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

/* The month (1-12) that the n letters at s name ("Jun", "June",
 * "Sept", any case), or 0. */
int date_month_name(const char *s, size_t n);

/* True if the n letters at s name a weekday ("Wed", "Thurs", any case). */
int date_weekday_name(const char *s, size_t n);

#endif
