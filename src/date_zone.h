/* date_zone.h - zone names and US daylight saving, for date.c */
#ifndef ANNALS_DATE_ZONE_H
#define ANNALS_DATE_ZONE_H

#include <stddef.h>

/*
 * The zone abbreviation s[0..n) (any case): stores its offset in minutes
 * east of UTC in *off and returns 0, or returns -1 if it is unknown. The
 * generic US zones "ET", "CT", "MT", "PT" and "AT" give their standard
 * offset and set *us_dst (when us_dst is not NULL) to 1: whether daylight
 * saving applies depends on the date (date_zone_us_dst()); every other
 * name sets it to 0.
 */
int date_zone_named(const char *s, size_t n, int *off, int *us_dst);

/*
 * Whether US daylight saving time is in effect at the local clock time
 * year-mon-day hour:xx: 2007 on, the second Sunday of March to the first
 * Sunday of November; 1987-2006, the first Sunday of April to the last
 * Sunday of October; 1967-1986, the last Sunday of April to the last
 * Sunday of October; never before. It starts at 02:00 and ends at 02:00
 * (the repeated hour 01:xx counts as daylight time). Returns 1 or 0.
 */
int date_zone_us_dst(long long year, int mon, int day, int hour);

#endif
