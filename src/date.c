/* date.c - dates as feeds, pages and texts write them */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(long long y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30,
				 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

struct fields {
	long long year;
	int mon, day, hour, min, sec;
	int offset; /* minutes east */
};

static int fields_valid(const struct fields *f)
{
	return f->year >= 1 && f->year <= 9999 && f->mon >= 1 && f->mon <= 12 &&
	       f->day >= 1 && f->day <= days_in_month(f->year, f->mon) &&
	       f->hour >= 0 && f->hour <= 24 && f->min >= 0 && f->min <= 59 &&
	       f->sec >= 0 && f->sec <= 60 &&
	       (f->hour < 24 || (f->min == 0 && f->sec == 0)) &&
	       f->offset > -24 * 60 && f->offset < 24 * 60;
}

static long long fields_epoch(const struct fields *f)
{
	int sec = f->sec == 60 ? 59 : f->sec; /* leap second */

	return days_from_civil(f->year, f->mon, f->day) * 86400LL +
	       f->hour * 3600LL + f->min * 60LL + sec - f->offset * 60LL;
}

/* Read exactly n digits at *p. */
static int digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static void skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
}

/* Skip a run of letters at *p; returns its length. */
static size_t word(const char **p)
{
	const char *s = *p;

	while (isalpha((unsigned char)**p))
		(*p)++;
	return (size_t)(*p - s);
}

/* A day of the month, one or two digits, at *p. */
static int day_number(const char **p, int *day)
{
	if (!isdigit((unsigned char)**p))
		return -1;
	*day = *(*p)++ - '0';
	if (isdigit((unsigned char)**p))
		*day = *day * 10 + (*(*p)++ - '0');
	return 0;
}

/* "Z", "+05:30", "+0530", "-07" at *p; 0 and *off, or -1. */
static int numeric_zone(const char **p, int *off)
{
	const char *s = *p;
	int sign, h, m = 0;

	if (*s == 'Z' || *s == 'z') {
		*off = 0;
		*p = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (digits(&s, 2, &h) < 0)
		return -1;
	if (*s == ':')
		s++;
	if (isdigit((unsigned char)*s) && digits(&s, 2, &m) < 0)
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	*p = s;
	return 0;
}

/* RFC 3339 and the ISO 8601 forms feeds use. */
static int parse_iso(const char *s, struct fields *f)
{
	int y;

	memset(f, 0, sizeof(*f));
	if (digits(&s, 4, &y) < 0 || *s++ != '-' ||
	    digits(&s, 2, &f->mon) < 0 || *s++ != '-' ||
	    digits(&s, 2, &f->day) < 0)
		return -1;
	f->year = y;
	if (*s == 'T' || *s == 't' ||
	    (*s == ' ' && isdigit((unsigned char)s[1]))) {
		s++;
		if (digits(&s, 2, &f->hour) < 0 || *s++ != ':' ||
		    digits(&s, 2, &f->min) < 0)
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &f->sec) < 0)
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				if (!isdigit((unsigned char)*s))
					return -1;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		skip_space(&s);
		if (*s && numeric_zone(&s, &f->offset) < 0) {
			if (strncasecmp(s, "UTC", 3) == 0 ||
			    strncasecmp(s, "GMT", 3) == 0)
				s += 3;
			else
				return -1;
		}
	}
	skip_space(&s);
	return *s ? -1 : 0;
}

static int month_number(const char *s, size_t n)
{
	static const char *const names[] = {
		"january",   "february", "march",    "april",
		"may",	     "june",	 "july",     "august",
		"september", "october",	 "november", "december",
	};
	int i;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++) {
		if (strncasecmp(s, names[i], 3) != 0)
			continue;
		/* "Jun", "June", "Sept" */
		if (n == 3 ||
		    (n <= strlen(names[i]) &&
		     strncasecmp(s, names[i], n) == 0) ||
		    (i == 8 && n == 4 && strncasecmp(s, "sept", 4) == 0))
			return i + 1;
	}
	return 0;
}

static int is_weekday(const char *s, size_t n)
{
	static const char *const names[] = {"monday",	"tuesday", "wednesday",
					    "thursday", "friday",  "saturday",
					    "sunday"};
	size_t i;

	if (n < 3)
		return 0;
	for (i = 0; i < 7; i++)
		if (n <= strlen(names[i]) && strncasecmp(s, names[i], n) == 0)
			return 1;
	/* "Tues", "Thur", "Thurs" */
	return (n == 4 && strncasecmp(s, "tues", 4) == 0) ||
	       (n >= 4 && n <= 5 && strncasecmp(s, "thurs", n) == 0);
}

static const struct {
	const char *name;
	int offset;
} zones[] = {
	{"UT", 0},	  {"UTC", 0},	    {"GMT", 0},	      {"Z", 0},
	{"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60},
	{"MST", -7 * 60}, {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60},
	{"BST", 60},	  {"CET", 60},	    {"CEST", 120},    {"IST", 330},
	{"JST", 9 * 60},  {"AEST", 600},    {"AEDT", 660},
};

static int named_zone(const char *s, size_t n, int *off)
{
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (strlen(zones[i].name) == n &&
		    strncasecmp(s, zones[i].name, n) == 0) {
			*off = zones[i].offset;
			return 0;
		}
	}
	return -1;
}

/* RFC 822/1123 as RSS uses it: "[Wed,] 10 Jun 2020 18:00[:00] [zone]". */
static int parse_rfc822(const char *s, struct fields *f)
{
	const char *w;
	int y, ndig;

	memset(f, 0, sizeof(*f));
	skip_space(&s);
	/* optional day name, with or without a comma */
	if (isalpha((unsigned char)*s)) {
		w = s;
		if (!is_weekday(w, word(&s)))
			return -1;
		if (*s == ',')
			s++;
		skip_space(&s);
	}
	if (day_number(&s, &f->day) < 0)
		return -1;
	if (*s == ' ' || *s == '-')
		s++;
	else
		return -1;
	skip_space(&s);
	w = s;
	f->mon = month_number(w, word(&s));
	if (!f->mon)
		return -1;
	if (*s == '.')
		s++;
	if (*s == ' ' || *s == '-')
		s++;
	else
		return -1;
	skip_space(&s);
	for (ndig = 0, y = 0; ndig < 5 && isdigit((unsigned char)s[ndig]);
	     ndig++)
		y = y * 10 + (s[ndig] - '0');
	if (ndig == 2)
		y += y < 50 ? 2000 : 1900;
	else if (ndig != 4)
		return -1;
	s += ndig;
	f->year = y;
	skip_space(&s);
	if (!*s)
		return 0;
	if (digits(&s, 2, &f->hour) < 0) {
		/* "9:00" */
		if (!isdigit((unsigned char)*s) || s[1] != ':')
			return -1;
		f->hour = *s - '0';
		s++;
	}
	if (*s++ != ':' || digits(&s, 2, &f->min) < 0)
		return -1;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &f->sec) < 0)
			return -1;
	}
	skip_space(&s);
	if (*s == '+' || *s == '-') {
		if (numeric_zone(&s, &f->offset) < 0)
			return -1;
	} else if (isalpha((unsigned char)*s)) {
		w = s;
		while (isalpha((unsigned char)*s))
			s++;
		if (named_zone(w, (size_t)(s - w), &f->offset) < 0) {
			/* military zones are unreliable (RFC 1123): UTC */
			if (s - w != 1)
				return -1;
			f->offset = 0;
		}
		/* "GMT+0100" */
		if (*s == '+' || *s == '-') {
			int extra;

			if (numeric_zone(&s, &extra) < 0)
				return -1;
			f->offset += extra;
		}
	}
	skip_space(&s);
	/* a trailing comment such as "(UTC)" */
	if (*s == '(' && strchr(s, ')'))
		s = strchr(s, ')') + 1;
	skip_space(&s);
	return *s ? -1 : 0;
}

/* Time and zone after a date: "9:30 PM PDT", "21:30:00 -0700", "at 9am".
 * Returns 0 when the rest of s is a time (or nothing), else -1. */
static int parse_time_zone(const char *s, struct fields *f)
{
	const char *w;

	skip_space(&s);
	if (strncasecmp(s, "at ", 3) == 0)
		s += 3;
	skip_space(&s);
	if (!*s)
		return 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	f->hour = *s++ - '0';
	if (isdigit((unsigned char)*s))
		f->hour = f->hour * 10 + (*s++ - '0');
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &f->min) < 0)
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &f->sec) < 0)
				return -1;
		}
	}
	skip_space(&s);
	if (!strncasecmp(s, "am", 2) || !strncasecmp(s, "a.m.", 4) ||
	    !strncasecmp(s, "pm", 2) || !strncasecmp(s, "p.m.", 4)) {
		int pm = tolower((unsigned char)*s) == 'p';

		if (f->hour < 1 || f->hour > 12)
			return -1;
		f->hour = f->hour % 12 + (pm ? 12 : 0);
		s += s[1] == '.' ? 4 : 2;
	}
	skip_space(&s);
	if (*s == '+' || *s == '-') {
		if (numeric_zone(&s, &f->offset) < 0)
			return -1;
	} else if (isalpha((unsigned char)*s)) {
		w = s;
		if (named_zone(w, word(&s), &f->offset) < 0)
			return -1;
	}
	skip_space(&s);
	return *s ? -1 : 0;
}

/* Month first, as pages write it: "June 10, 2020", "Jun. 10, 2020 9:30 PM
 * PDT", "Wednesday, June 10, 2020". */
static int parse_mdy(const char *s, struct fields *f)
{
	const char *w;
	size_t n;
	int y;

	memset(f, 0, sizeof(*f));
	skip_space(&s);
	w = s;
	n = word(&s);
	f->mon = month_number(w, n);
	if (!f->mon) {
		if (!is_weekday(w, n))
			return -1;
		if (*s == ',')
			s++;
		skip_space(&s);
		w = s;
		f->mon = month_number(w, word(&s));
		if (!f->mon)
			return -1;
	}
	if (*s == '.')
		s++;
	skip_space(&s);
	if (day_number(&s, &f->day) < 0)
		return -1;
	if (!strncasecmp(s, "st", 2) || !strncasecmp(s, "nd", 2) ||
	    !strncasecmp(s, "rd", 2) || !strncasecmp(s, "th", 2))
		s += 2;
	if (*s == ',')
		s++;
	skip_space(&s);
	if (digits(&s, 4, &y) < 0 || isdigit((unsigned char)*s))
		return -1;
	f->year = y;
	if (*s == ',')
		s++;
	return parse_time_zone(s, f);
}

int date_parse(const char *s, long long *utc, int *offset)
{
	struct fields f;
	char tmp[128];
	size_t n;
	time_t t;

	if (!s)
		return -1;
	skip_space(&s);
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (parse_iso(tmp, &f) == 0 || parse_rfc822(tmp, &f) == 0 ||
	    parse_mdy(tmp, &f) == 0) {
		/* a recognised shape with impossible fields (30 Feb) is not
		 * a date; curl_getdate() would roll it into March */
		if (!fields_valid(&f))
			return -1;
		if (utc)
			*utc = fields_epoch(&f);
		if (offset)
			*offset = f.offset;
		return 0;
	}
	/* curl_getdate() knows more shapes; it returns -1 for junk and has
	 * no notion of the original offset. */
	t = curl_getdate(tmp, NULL);
	if (t == -1)
		return -1;
	if (utc)
		*utc = (long long)t;
	if (offset)
		*offset = 0;
	return 0;
}

/* Write v as n digits at out (v >= 0). */
static void put_digits(char *out, long long v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format_utc(long long t, char *out)
{
	long long days = t / 86400, secs = t % 86400, y;
	int m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(out, 21, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", y,
			 m, d, secs / 3600, secs / 60 % 60, secs % 60);
		return;
	}
	/* by hand: this runs for every date of every item written */
	memcpy(out, "0000-00-00T00:00:00Z", 21);
	put_digits(out, y, 4);
	put_digits(out + 5, m, 2);
	put_digits(out + 8, d, 2);
	put_digits(out + 11, secs / 3600, 2);
	put_digits(out + 14, secs / 60 % 60, 2);
	put_digits(out + 17, secs % 60, 2);
}

void date_day(long long t, int offset, char *out)
{
	long long local = t + offset * 60LL, days = local / 86400, y;
	int m, d;

	if (local % 86400 < 0)
		days--;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04lld-%02d-%02d", y, m, d);
}

int date_day_bound(const char *s, int end, char *out)
{
	const char *p = s;
	long long t;
	int y, m = 0, off;

	if (digits(&p, 4, &y) == 0 && (*p == '\0' || *p == '-')) {
		if (*p == '-') {
			p++;
			if (digits(&p, 2, &m) < 0 || m < 1 || m > 12)
				goto full;
			if (*p != '\0')
				goto full;
		}
		if (y < 1 || y > 9999 || m < 0 || m > 12)
			return -1;
		if (m == 0)
			snprintf(out, 11, "%04d-%02d-%02d", y, end ? 12 : 1,
				 end ? 31 : 1);
		else
			snprintf(out, 11, "%04d-%02d-%02d", y, m,
				 end ? days_in_month(y, m) : 1);
		return 0;
	}
full:
	if (date_parse(s, &t, &off) < 0)
		return -1;
	date_day(t, off, out);
	return 0;
}
