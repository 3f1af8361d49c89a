/* date_zone.c - zone names and US daylight saving, for date.c */
#include "date_zone.h"

#include <string.h>
#include <strings.h>

/*
 * Zone abbreviations. Where one is ambiguous the RFC 822 meaning or the
 * most common use in English-language news wins: CST is US Central (not
 * China), IST is India (not Ireland or Israel), BST is British Summer
 * Time, AST is Atlantic. The generic US names ("9:30 a.m. ET") come
 * last, at their standard offset: the date says whether DST applies.
 */
static const struct {
	const char *name;
	int offset;
} zones[] = {
	{"UT", 0},	{"UTC", 0},	{"GMT", 0},    {"Z", 0},
	{"EST", -300},	{"EDT", -240},	{"CST", -360}, {"CDT", -300},
	{"MST", -420},	{"MDT", -360},	{"PST", -480}, {"PDT", -420},
	{"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"HDT", -540},
	{"AST", -240},	{"ADT", -180},	{"NST", -210}, {"NDT", -150},
	{"BRT", -180},	{"ART", -180},	{"WET", 0},    {"WEST", 60},
	{"BST", 60},	{"CET", 60},	{"CEST", 120}, {"MET", 60},
	{"MEST", 120},	{"MEZ", 60},	{"MESZ", 120}, {"NZT", 720},
	{"EET", 120},	{"EEST", 180},	{"MSK", 180},  {"WAT", 60},
	{"CAT", 120},	{"SAST", 120},	{"EAT", 180},  {"IDT", 180},
	{"GST", 240},	{"PKT", 300},	{"IST", 330},  {"NPT", 345},
	{"ICT", 420},	{"WIB", 420},	{"HKT", 480},  {"SGT", 480},
	{"PHT", 480},	{"AWST", 480},	{"KST", 540},  {"JST", 540},
	{"ACST", 570},	{"ACDT", 630},	{"AEST", 600}, {"AEDT", 660},
	{"NZST", 720},	{"NZDT", 780},
};

/* Generic US zones: standard offsets, daylight saving by date. */
static const struct {
	const char *name;
	int offset;
} us_zones[] = {
	{"ET", -300}, {"CT", -360}, {"MT", -420}, {"PT", -480}, {"AT", -240},
};

int date_zone_named(const char *s, size_t n, int *off, int *us_dst)
{
	size_t i;

	if (us_dst)
		*us_dst = 0;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (strlen(zones[i].name) == n &&
		    strncasecmp(s, zones[i].name, n) == 0) {
			*off = zones[i].offset;
			return 0;
		}
	}
	for (i = 0; n == 2 && i < sizeof(us_zones) / sizeof(us_zones[0]); i++) {
		if (strncasecmp(s, us_zones[i].name, 2) == 0) {
			*off = us_zones[i].offset;
			if (us_dst)
				*us_dst = 1;
			return 0;
		}
	}
	return -1;
}

/* Day of the week of a Gregorian date, 0 for Sunday (Sakamoto). */
static int weekday(long long y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	long long r;

	if (m < 3)
		y--;
	r = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
	return (int)(r < 0 ? r + 7 : r);
}

/* The day of the month of its nth Sunday (n = 1, 2). */
static int nth_sunday(long long y, int m, int n)
{
	return 1 + (7 - weekday(y, m, 1)) % 7 + 7 * (n - 1);
}

/* The day of the month of its last Sunday (last: its number of days). */
static int last_sunday(long long y, int m, int last)
{
	return last - weekday(y, m, last);
}

int date_zone_us_dst(long long year, int mon, int day, int hour)
{
	int smon, sday, emon, eday;

	if (year >= 2007) {
		smon = 3;
		sday = nth_sunday(year, 3, 2);
		emon = 11;
		eday = nth_sunday(year, 11, 1);
	} else if (year >= 1967) {
		smon = 4;
		sday = year >= 1987 ? nth_sunday(year, 4, 1)
				    : last_sunday(year, 4, 30);
		emon = 10;
		eday = last_sunday(year, 10, 31);
	} else {
		return 0;
	}
	if (mon < smon || mon > emon)
		return 0;
	if (mon == smon && day != sday)
		return day > sday;
	if (mon == smon)
		return hour >= 2;
	if (mon == emon && day != eday)
		return day < eday;
	if (mon == emon)
		return hour < 2;
	return 1;
}
