/* date.c - dates as feeds, pages and texts write them
 *
 * Each written form has a scanner that reads a date at the start of a
 * string and returns where it stopped (NULL: not this form). date_parse()
 * asks for a scanner that reads the whole string; date_find() tries them
 * at every word start of a text. Scanners check the shape; fields_valid()
 * checks the calendar, so "30 Feb" is never rolled into March.
 */
#include "date.h"
#include "date_zone.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* The largest zone offset read, in minutes: "+2400" is a day ahead, as
 * feedparser, Go and Python's email package read it; "+2500" is no zone. */
#define MAX_OFFSET (24 * 60 + 59)

struct fields {
	long long year;
	int mon, day, hour, min, sec;
	int offset; /* minutes east */
	int zoned;  /* the string named its zone */
	int us_dst; /* a generic US zone ("ET"): offset is standard time,
		     * daylight saving follows from the date */
};

static int fields_valid(const struct fields *f)
{
	return f->year >= 1 && f->year <= 9999 && f->mon >= 1 && f->mon <= 12 &&
	       f->day >= 1 && f->day <= days_in_month(f->year, f->mon) &&
	       f->hour >= 0 && f->hour <= 24 && f->min >= 0 && f->min <= 59 &&
	       f->sec >= 0 && f->sec <= 60 &&
	       (f->hour < 24 || (f->min == 0 && f->sec == 0)) &&
	       f->offset >= -MAX_OFFSET && f->offset <= MAX_OFFSET;
}

/* Store f as UTC seconds and offset; -1 if f is no date. */
static int fields_put(const struct fields *f, long long *utc, int *offset)
{
	int sec = f->sec == 60 ? 59 : f->sec; /* leap second */
	int off = f->offset;
	long long t;

	if (!fields_valid(f))
		return -1;
	if (f->us_dst && date_zone_us_dst(f->year, f->mon, f->day, f->hour))
		off += 60;
	t = days_from_civil(f->year, f->mon, f->day) * 86400LL +
	    f->hour * 3600LL + f->min * 60LL + sec - off * 60LL;
	/* the offset may carry a date past the years written as 4 digits:
	 * "9999-12-31T23:59:59-01:00" */
	if (t < days_from_civil(1, 1, 1) * 86400LL ||
	    t >= days_from_civil(10000, 1, 1) * 86400LL)
		return -1;
	if (utc)
		*utc = t;
	if (offset)
		*offset = off;
	return 0;
}

/* ASCII classes: locale-independent, and never true for UTF-8 bytes. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

/* Length of one white-space character at s: ASCII, or the UTF-8 no-break
 * and narrow spaces pages put between "June" and "10" or "9:30" and
 * "PM" (U+00A0, U+2000..U+200A, U+202F); 0 if none. */
static size_t space_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == ' ' || (*u >= '\t' && *u <= '\r'))
		return 1;
	if (u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (u[0] == 0xe2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xaf))
		return 3;
	return 0;
}

/* Length of a dash at s: '-', or U+2010..U+2015 (en and em dashes). */
static size_t dash_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == '-')
		return 1;
	if (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95)
		return 3;
	return 0;
}

static void skip_space(const char **p)
{
	size_t n;

	while ((n = space_len(*p)) > 0)
		*p += n;
}

/* Read exactly n digits at *p. */
static int digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* One or two digits, not followed by a third: "6", "06", "10". */
static const char *number(const char *s, int *out)
{
	if (!is_digit(*s))
		return NULL;
	*out = *s++ - '0';
	if (is_digit(*s))
		*out = *out * 10 + (*s++ - '0');
	return is_digit(*s) ? NULL : s;
}

/* Skip a run of letters at *p; returns its length. */
static size_t word(const char **p)
{
	const char *s = *p;

	while (is_alpha(**p))
		(*p)++;
	return (size_t)(*p - s);
}

/* Is the word at s exactly w (any case)? */
static int word_is(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(s, w, n) == 0 && !is_alpha(s[n]);
}

int date_month_name(const char *s, size_t n)
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

int date_weekday_name(const char *s, size_t n)
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

/* "+05:30", "+0530" or (unless whole is set) "-07" at s; the end, or
 * NULL. */
static const char *numeric_zone(const char *s, int *off, int whole)
{
	int sign, h, m = 0;

	if (*s != '+' && *s != '-')
		return NULL;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &h) < 0)
		return NULL;
	if (*s == ':' && is_digit(s[1]))
		s++;
	if (is_digit(*s)) {
		if (digits(&s, 2, &m) < 0)
			return NULL;
	} else if (whole) {
		return NULL;
	}
	if (is_digit(*s) || h * 60 + m > MAX_OFFSET || m > 59)
		return NULL;
	*off = sign * (h * 60 + m);
	return s;
}

/* scan_zone() flags */
enum {
	ZONE_MILITARY = 1, /* RFC 822 single letters ("A" .. "Z") */
	ZONE_TEXT = 2,	   /* in running text: "+hhmm" and upper case only */
};

/* A zone at s: numeric, a name from zones[] ("GMT+01:00" too) or a
 * military letter; sets f's offset and returns the end, or NULL. */
static const char *scan_zone(const char *s, struct fields *f, int flags)
{
	const char *w = s, *t;
	size_t n, i;
	int off, extra, us_dst = 0;

	if (*s == '+' || *s == '-') {
		if (!(s = numeric_zone(s, &off, flags & ZONE_TEXT)))
			return NULL;
		goto done;
	}
	/* tz database names of UTC: "Etc/GMT", "Etc/UTC" (not "Etc/GMT+5",
	 * whose sign is POSIX's, the reverse of ISO's) */
	if (!(flags & ZONE_TEXT) && strncasecmp(s, "etc/", 4) == 0) {
		w = s += 4;
		n = word(&s);
		if (n == 0 || date_zone_named(w, n, &off, NULL) < 0 ||
		    off != 0 || *s == '+' || *s == '-')
			return NULL;
		goto done;
	}
	n = word(&s);
	for (i = 0; (flags & ZONE_TEXT) && i < n; i++)
		if (w[i] < 'A' || w[i] > 'Z')
			return NULL;
	if (n == 0)
		return NULL;
	if (date_zone_named(w, n, &off, &us_dst) < 0) {
		/* RFC 1123 5.2.14: RFC 822 gave military zones the wrong
		 * sign, so they carry no information; read as UTC. */
		if (!(flags & ZONE_MILITARY) || n != 1 || (*w | 0x20) == 'j')
			return NULL;
		off = 0;
	}
	/* "GMT+0100", "UTC-05:00", "GMT+1" */
	if (off == 0 && n > 1 && (t = numeric_zone(s, &extra, 0)) != NULL) {
		off = extra;
		s = t;
	} else if (off == 0 && n > 1 && (*s == '+' || *s == '-') &&
		   is_digit(s[1]) && !is_digit(s[2]) && s[2] != ':') {
		off = (s[1] - '0') * (*s == '-' ? -60 : 60);
		s += 2;
	}
done:
	f->offset = off;
	f->us_dst = us_dst;
	f->zoned = 1;
	return s;
}

/* Skip a decimal fraction of a second: ".5", ",123". */
static const char *skip_fraction(const char *s)
{
	if ((*s == '.' || *s == ',') && is_digit(s[1]))
		for (s++; is_digit(*s); s++)
			;
	return s;
}

/* "am", "PM", "a.m.", "p.m." at s: its length (and *pm), or 0. */
static size_t meridiem(const char *s, int *pm)
{
	char c = (char)(*s | 0x20);

	if (c != 'a' && c != 'p')
		return 0;
	*pm = c == 'p';
	if (s[1] == '.' && (s[2] | 0x20) == 'm')
		return s[3] == '.' ? 4 : is_alpha(s[3]) ? 0 : 3;
	return (s[1] | 0x20) == 'm' && !is_alpha(s[2]) ? 2 : 0;
}

/* Minutes or seconds after a ':': two digits, or (when loose) one not
 * followed by another. */
static int clock_part(const char **p, int loose, int *out)
{
	if (digits(p, 2, out) == 0)
		return 0;
	if (!loose || !is_digit(**p))
		return -1;
	*out = *(*p)++ - '0';
	return 0;
}

/* A time of day: "21:30", "21:30:00.5", "9:30 PM", "9pm", "9 a.m."; when
 * loose also "1:2:3" (feedparser reads single-digit minutes and seconds
 * in RFC 822 dates); the end, or NULL. */
static const char *scan_clock(const char *s, struct fields *f, int loose)
{
	const char *p;
	int h, m = 0, sec = 0, colon = 0, pm;
	size_t n;

	if (!(s = number(s, &h)))
		return NULL;
	if (*s == ':') {
		s++;
		if (clock_part(&s, loose, &m) < 0)
			return NULL;
		colon = 1;
		if (*s == ':' && is_digit(s[1])) {
			s++;
			if (clock_part(&s, loose, &sec) < 0)
				return NULL;
			s = skip_fraction(s);
		}
	}
	if (is_digit(*s))
		return NULL;
	p = s;
	skip_space(&p);
	if ((n = meridiem(p, &pm)) > 0) {
		if (h < 1 || h > 12)
			return NULL;
		h = h % 12 + (pm ? 12 : 0);
		s = p + n;
	} else if (!colon) {
		return NULL; /* "2020 21" is no time */
	}
	f->hour = h;
	f->min = m;
	f->sec = sec;
	return s;
}

/* May a date end at p? Not inside a word or a number ("2020-06-10.1"). */
static int ends_token(const char *p)
{
	if (is_alnum(*p))
		return 0;
	return !(*p && strchr(".-/:", *p) && is_digit(p[1]));
}

/* What may follow a date: "[,] [at] time [zone] [(comment)]", or in a
 * whole date also " - time" and " | time" (Drupal's "Monday, June 8,
 * 2020 - 10:00", newsroom pages). Returns the end of what was read: s
 * itself when no time follows. */
static const char *scan_tail(const char *s, struct fields *f, int find)
{
	const char *p = s, *t;
	size_t sep;
	int numeric;

	skip_space(&p);
	if (*p == ',')
		p++;
	else if (!find && p > s && (sep = *p == '|' ? 1 : dash_len(p)) > 0 &&
		 space_len(p + sep))
		p += sep;
	skip_space(&p);
	if (word_is(p, "at"))
		p += 2;
	skip_space(&p);
	if (!(p = scan_clock(p, f, !find)))
		return s;
	t = p;
	skip_space(&t);
	numeric = *t == '+' || *t == '-';
	/* in running text a sign right after a time starts a range */
	if (!find || t > p || !numeric) {
		t = scan_zone(t, f, find ? ZONE_TEXT : ZONE_MILITARY);
		p = t ? t : p;
	}
	/* nor is a time that runs on into a number ("9:30-10:30") */
	if (find)
		return ends_token(p) ? p : s;
	/* a name after an offset repeats it: "-0700 PDT", "+0000 GMT"; the
	 * offset wins */
	t = p;
	skip_space(&t);
	if (numeric && f->zoned && t > p) {
		const char *w = t;
		size_t n = word(&t);
		int off;

		if (n > 1 && date_zone_named(w, n, &off, NULL) == 0)
			p = t;
	}
	/* RFC 2822 comment: "+0000 (UTC)" */
	t = p;
	skip_space(&t);
	if (*t == '(') {
		t += 1 + strcspn(t + 1, "()");
		if (*t == ')')
			p = t + 1;
	}
	return p;
}

/* A word that may hold UTF-8 letters ("février", "März"): ASCII
 * letters and bytes of multibyte characters other than spaces. */
static size_t utf8_word(const char **p)
{
	const char *s = *p;

	while (is_alpha(**p) ||
	       ((unsigned char)**p >= 0x80 && !space_len(*p) && !dash_len(*p)))
		(*p)++;
	return (size_t)(*p - s);
}

/* Is the n bytes at s the name w (lower case, UTF-8), its letters in
 * any case ("MÄRZ" for "märz")? */
static int same_name(const char *s, size_t n, const char *w)
{
	const unsigned char *a = (const unsigned char *)s;
	const unsigned char *b = (const unsigned char *)w;
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = a[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (i > 0 && a[i - 1] == 0xc3 && c >= 0x80 && c <= 0x9e)
			c |= 0x20; /* a Latin-1 capital: its small letter */
		if (c != b[i])
			return 0;
	}
	return 1;
}

/* Is the n bytes at s one of the blank-separated names of list? */
static int in_names(const char *s, size_t n, const char *list)
{
	while (*list) {
		size_t len = strcspn(list, " ");
		char one[24];

		if (len < sizeof(one)) {
			memcpy(one, list, len);
			one[len] = '\0';
			if (same_name(s, n, one))
				return 1;
		}
		list += len;
		list += *list == ' ';
	}
	return 0;
}

/* A weekday name, its "." and ",", and the space after: skipped when
 * present (whether it fits the date or not). Other words stay. */
static const char *skip_weekday(const char *s)
{
	/* other languages' ("Di,", "lun.,", "mié,"): only before a comma */
	static const char foreign[] =
		"mo di mi do fr sa so montag dienstag mittwoch donnerstag "
		"freitag samstag sonntag lun mar mer jeu ven sam dim lundi "
		"mardi mercredi jeudi vendredi samedi dimanche mi\303\251 mie "
		"jue vie s\303\241b sab dom lunes martes mi\303\251rcoles "
		"jueves viernes s\303\241bado domingo gio luned\303\254 "
		"marted\303\254 mercoled\303\254 gioved\303\254 "
		"venerd\303\254 sabato domenica seg ter qua qui sex segunda "
		"ter\303\247a quarta quinta sexta ma wo vr za zo maandag "
		"dinsdag woensdag donderdag vrijdag zaterdag zondag";
	const char *p = s, *c;

	if (!date_weekday_name(s, word(&p))) {
		p = s;
		if (!in_names(s, utf8_word(&p), foreign))
			return s;
		c = p + (*p == '.');
		skip_space(&c);
		if (*c != ',')
			return s;
		c++;
		skip_space(&c);
		return c;
	}
	if (*p == '.')
		p++;
	c = p;
	skip_space(&c);
	if (*c == ',')
		p = c + 1;
	skip_space(&p);
	return p;
}

/* A day of the month, "10", "1", "10th", "1st"; the end, or NULL. */
static const char *scan_day(const char *s, int *day)
{
	static const char *const ord[] = {"st", "nd", "rd", "th"};
	size_t i;

	if (!(s = number(s, day)))
		return NULL;
	for (i = 0; i < 4; i++)
		if (word_is(s, ord[i]))
			s += 2;
	return is_alpha(*s) ? NULL : s;
}

/*
 * Month names of the languages whose sites write pubDate in their own
 * (RFC 822 wants English, and some send "08 juin 2020" or "Di, 09 Jun
 * 2020"): German, French, Spanish, Italian, Portuguese and Dutch, whole
 * and abbreviated. Only in dates a feed gives, not in running text,
 * where "mars" or "ago" are words.
 */
static int foreign_month(const char *s, size_t n)
{
	static const char *const names[12] = {
		/* Jan */
		"januar janv janvier enero ene gennaio gen janeiro januari",
		/* Feb */
		"februar f\303\251v f\303\251vr f\303\251vrier febrero febbraio "
		"fevereiro fev februari",
		/* Mar */
		"m\303\244rz m\303\244r mrz mars marzo mar\303\247o maart mrt",
		/* Apr */
		"avril avr abril abr aprile",
		/* May */
		"mai mayo maggio mag maio mei",
		/* Jun */
		"juni juin junio giugno giu junho",
		/* Jul */
		"juli juil juillet julio luglio lug julho",
		/* Aug */
		"ao\303\273t agosto ago augustus",
		/* Sep */
		"septembre septiembre setiembre settembre setembro set",
		/* Oct */
		"oktober okt octobre octubre ottobre ott outubro out",
		/* Nov */
		"novembre noviembre novembro",
		/* Dec */
		"dezember dez d\303\251c d\303\251cembre diciembre dic dicembre "
		"dezembro",
	};
	int i;

	for (i = 0; i < 12; i++)
		if (in_names(s, n, names[i]))
			return i + 1;
	return 0;
}

/* A month name, "Jun", "June", "Jun.", "SEPT"; outside running text
 * (find unset) also one of another language ("juin", "Dez."); the end,
 * or NULL. */
static const char *scan_month(const char *s, int *mon, int find)
{
	const char *w = s;

	*mon = date_month_name(w, word(&s));
	if (!*mon && !find) {
		s = w;
		*mon = foreign_month(w, utf8_word(&s));
	}
	if (!*mon)
		return NULL;
	return *s == '.' ? s + 1 : s;
}

/* Between day, month and year: white space, or one '-' (RFC 850). */
static const char *date_sep(const char *s)
{
	const char *p = s;

	if (*s == '-')
		return s + 1;
	skip_space(&p);
	return p > s ? p : NULL;
}

/* A year after a day and month: four digits; in a whole string also two
 * (RFC 2822 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999). Three digits
 * (RFC 2822 adds 1900) are read as what they are today: a typo. */
static const char *scan_year(const char *s, long long *year, int find)
{
	int n, v = 0;

	for (n = 0; n < 5 && is_digit(s[n]); n++)
		v = v * 10 + (s[n] - '0');
	if (n != 4) {
		/* "10 Jun 21:30" is a time, not the year 2021 */
		if (find || n != 2 || s[n] == ':')
			return NULL;
		v += v >= 50 ? 1900 : 2000;
	}
	*year = v;
	return s + n;
}

/* Day first: "Wed, 10 Jun 2020 21:30:00 -0700" (RFC 822, 1123, 2822),
 * "Wednesday, 10-Jun-20 21:30:00 GMT" (RFC 850), "10th of June, 2020". */
static const char *scan_dmy(const char *s, struct fields *f, int find)
{
	const char *p;

	s = skip_weekday(s);
	if (!(s = scan_day(s, &f->day)))
		return NULL;
	p = s;
	skip_space(&p);
	if (word_is(p, "of"))
		s = p + 2;
	if (!(s = date_sep(s)) || !(s = scan_month(s, &f->mon, find)))
		return NULL;
	if (*s == ',')
		s++;
	if (!(s = date_sep(s)) || !(s = scan_year(s, &f->year, find)))
		return NULL;
	return scan_tail(s, f, find);
}

/* Does a time ("9:", "21:") start at s? */
static int clock_next(const char *s)
{
	return is_digit(s[0]) &&
	       (s[1] == ':' || (is_digit(s[1]) && s[2] == ':'));
}

/* After "Sun Nov  6": "08:49:37 1994" (asctime) or "21:30:00 PDT 2020"
 * (date(1)). */
static const char *scan_clock_year(const char *s, struct fields *f, int find)
{
	const char *p, *z;
	int y;

	if (!(s = scan_clock(s, f, 0)))
		return NULL;
	p = s;
	skip_space(&p);
	if (p > s && (z = scan_zone(p, f, find ? ZONE_TEXT : 0)) != NULL) {
		s = z;
		p = s;
		skip_space(&p);
	}
	if (p == s || digits(&p, 4, &y) < 0 || is_digit(*p))
		return NULL;
	f->year = y;
	return p;
}

/* Month first: "June 10, 2020", "Jun. 10, 2020 9:30 PM PDT", "Wednesday,
 * June 10th, 2020", "Jun 10 2020", JavaScript's "Wed Jun 10 2020 21:30:00
 * GMT-0700 (...)", and asctime. The year has four digits. */
static const char *scan_mdy(const char *s, struct fields *f, int find)
{
	const char *p;
	int y;

	s = skip_weekday(s);
	if (!(p = scan_month(s, &f->mon, find)))
		return NULL;
	if (!space_len(p) && p[-1] != '.')
		return NULL; /* "June10" */
	skip_space(&p);
	if (!(s = scan_day(p, &f->day)))
		return NULL;
	p = s;
	skip_space(&p);
	if (*p == ',')
		p++;
	skip_space(&p);
	if (p == s)
		return NULL;
	if (clock_next(p))
		return scan_clock_year(p, f, find);
	if (digits(&p, 4, &y) < 0 || is_digit(*p))
		return NULL;
	f->year = y;
	return scan_tail(p, f, find);
}

/* Year first with slashes: "2020/06/10", "2020/6/1 21:30". Day-first and
 * month-first numbers ("10/06/2020") are ambiguous and never read. */
static const char *scan_ymd(const char *s, struct fields *f, int find)
{
	int y;

	if (digits(&s, 4, &y) < 0 || *s != '/' ||
	    !(s = number(s + 1, &f->mon)) || *s != '/' ||
	    !(s = number(s + 1, &f->day)))
		return NULL;
	f->year = y;
	return scan_tail(s, f, find);
}

/* The time of an ISO 8601 date: "T21:30:00.5+05:30", " 21:30Z",
 * "T21:30:00 UTC". Returns the end (s itself when no time follows). */
static const char *scan_iso_time(const char *s, struct fields *f, int find)
{
	const char *p, *z;

	if ((*s != 'T' && *s != 't' && *s != ' ') || !is_digit(s[1]) ||
	    !is_digit(s[2]) || !(p = scan_clock(s + 1, f, 0)))
		return s;
	z = p;
	skip_space(&z);
	z = scan_zone(z, f, find && z > p ? ZONE_TEXT : 0);
	/* RFC 3339's offset hours are 00-23 */
	if (z && (f->offset >= 24 * 60 || f->offset <= -24 * 60))
		return NULL;
	return z ? z : p;
}

/* Three digits after "YYYY-" (two read into f->mon, the third at s):
 * an ordinal date, whole strings only ("2020-162", as feedparser reads
 * them), or Google's month with an extra zero ("2020-006-10"). */
static const char *scan_iso_3(const char *s, struct fields *f, int find)
{
	int n = f->mon * 10 + (*s++ - '0'), m;

	if (*s == '-' && n < 13) {
		s++;
		f->mon = n;
		if (digits(&s, 2, &f->day) < 0 || is_digit(*s))
			return NULL;
		return scan_iso_time(s, f, find);
	}
	if (find || n < 1)
		return NULL;
	for (m = 1; m <= 12 && n > days_in_month(f->year, m); m++)
		n -= days_in_month(f->year, m);
	if (m > 12)
		return NULL;
	f->mon = m;
	f->day = n;
	return scan_iso_time(s, f, find);
}

/* RFC 3339, ISO 8601 extended format and W3C-DTF: "2020-06-10T21:30:00Z",
 * "2020-06-10"; in a whole string also "2020-06" and "2020". */
static const char *scan_iso(const char *s, struct fields *f, int find)
{
	int y;

	if (digits(&s, 4, &y) < 0 || is_digit(*s))
		return NULL;
	f->year = y;
	f->mon = f->day = 1;
	if (*s != '-' || !is_digit(s[1]))
		return find ? NULL : s;
	s++;
	if (digits(&s, 2, &f->mon) < 0)
		return NULL;
	if (is_digit(*s) && !is_digit(s[1]))
		return scan_iso_3(s, f, find);
	if (is_digit(*s))
		return NULL;
	if (*s != '-' || !is_digit(s[1]))
		return find ? NULL : s;
	s++;
	if (digits(&s, 2, &f->day) < 0 || is_digit(*s))
		return NULL;
	return scan_iso_time(s, f, find);
}

/* ISO 8601 basic format, whole strings only: "20200610",
 * "20200610T1830Z", "20200610T183000+0200". */
static const char *scan_basic(const char *s, struct fields *f, int find)
{
	const char *z;
	int y;

	if (find || digits(&s, 4, &y) < 0 || digits(&s, 2, &f->mon) < 0 ||
	    digits(&s, 2, &f->day) < 0 || is_digit(*s))
		return NULL;
	f->year = y;
	if (*s != 'T' && *s != 't')
		return s;
	s++;
	if (digits(&s, 2, &f->hour) < 0 || digits(&s, 2, &f->min) < 0 ||
	    (is_digit(*s) && digits(&s, 2, &f->sec) < 0))
		return NULL;
	s = skip_fraction(s);
	z = scan_zone(s, f, 0);
	return z ? z : s;
}

typedef const char *scan_fn(const char *s, struct fields *f, int find);

static scan_fn *const scanners[] = {
	scan_iso, scan_basic, scan_ymd, scan_dmy, scan_mdy,
};

#define NSCANNERS (sizeof(scanners) / sizeof(scanners[0]))

/* 1 when a scanner reads all of s (bar white space) into valid fields,
 * -1 when it reads a date that cannot exist ("30 Feb 2020"), else 0. */
static int scan_whole(const char *s, struct fields *f)
{
	const char *end;
	size_t i;

	for (i = 0; i < NSCANNERS; i++) {
		memset(f, 0, sizeof(*f));
		end = scanners[i](s, f, 0);
		if (!end)
			continue;
		skip_space(&end);
		if (*end == '\0')
			return fields_valid(f) ? 1 : -1;
	}
	return 0;
}

/* May a date start at p in text? Not inside a word, nor inside a number
 * such as a version ("2.0.2020", "1.2020-06-10"). */
static int starts_token(const char *text, const char *p)
{
	if (!is_alnum(*p))
		return 0;
	if (p == text)
		return 1;
	if (is_alnum(p[-1]))
		return 0;
	return !(p - 1 > text && strchr(".-/:+", p[-1]) && is_digit(p[-2]));
}

/* The first date in text: fills f, sets *start (if start is not NULL)
 * and returns its end, or NULL. A time without a zone is dropped: in
 * running text its zone is anyone's guess, the day is not. */
static const char *find_date(const char *text, struct fields *f,
			     const char **start)
{
	const char *p, *end;
	size_t i;

	for (p = text; *p; p++) {
		if (!starts_token(text, p))
			continue;
		for (i = 0; i < NSCANNERS; i++) {
			memset(f, 0, sizeof(*f));
			end = scanners[i](p, f, 1);
			if (!end || !ends_token(end) || !fields_valid(f))
				continue;
			if (!f->zoned)
				f->hour = f->min = f->sec = 0;
			if (start)
				*start = p;
			return end;
		}
	}
	return NULL;
}

/* Text before the date of a dateline ("SEATTLE--(BUSINESS WIRE)--",
 * "ARMONK, N.Y., "): a place and a wire service, no digits, ending in a
 * separator. 0: not so; 1: ends in a comma, or is empty; 2: ends in a
 * dash, ':' or '|'. */
static int dateline_head(const char *s, const char *end)
{
	int kind = 1;
	size_t n;

	if (end - s > 160)
		return 0;
	while (s < end) {
		if ((n = space_len(s)) > 0) {
			s += n;
			continue;
		}
		if (is_digit(*s))
			return 0;
		n = dash_len(s);
		if (n == 1 && s[1] == '-')
			n = 2;
		kind = n || strchr(":|", *s) ? 2 : *s == ',' ? 1 : 0;
		if (n == 1 && s + 1 == end)
			kind = 0; /* a hyphen joins: "A-2020-06-10" */
		s += n ? n : 1;
	}
	return kind;
}

/* A wire-service tag, "/PRNewswire/" or "(BUSINESS WIRE)": its length,
 * or 0. */
static size_t wire_tag(const char *s)
{
	char close = *s == '(' ? ')' : '/';
	size_t i, letters = 0;

	for (i = 1; s[i] && s[i] != close && i < 64; i++) {
		if (is_alpha(s[i]))
			letters++;
		else if (!strchr(" .&'-", s[i]))
			return 0;
	}
	return s[i] == close && letters ? i + 1 : 0;
}

/* Text after the date of a dateline: dashes, bars and wire tags only
 * (" /PRNewswire/ --", "--", " —"). Their number, or -1. */
static int dateline_tail(const char *s)
{
	int seps = 0;
	size_t n;

	/* a hyphen right after the date joins, it does not separate */
	if (dash_len(s) == 1 && s[1] != '-')
		return -1;
	for (;; seps++) {
		skip_space(&s);
		if (!*s)
			return seps;
		if ((n = dash_len(s)) == 0 && *s == '|')
			n = 1;
		else if (n == 0 && (*s == '/' || *s == '('))
			n = wire_tag(s);
		if (n == 0)
			return -1;
		s += n;
	}
}

/* A dateline: a date set off by separators, with at most a place and a
 * wire service before it. A comma alone does not set a date off: "Foo,
 * 10 Jun 2020" is an unknown word before a date, not a dateline. */
static int parse_dateline(const char *s, struct fields *f)
{
	const char *start, *end;
	int head, tail;

	if (strlen(s) > 256 || !(end = find_date(s, f, &start)))
		return -1;
	head = dateline_head(s, start);
	tail = dateline_tail(end);
	return head && tail >= 0 && (head == 2 || tail > 0) ? 0 : -1;
}

/* Is s a URL ("https://...", "//host/...") or an absolute path: URL
 * characters only (RFC 3986), then at most white space? */
static int url_like(const char *s)
{
	const char *p = s;

	while (is_alpha(*p) ||
	       (p > s && (is_digit(*p) || (*p && strchr("+-.", *p)))))
		p++;
	if (*s != '/' && (p == s || strncmp(p, "://", 3) != 0))
		return 0;
	for (p = s;
	     is_alnum(*p) || (*p && strchr("-._~:/?#[]@!$&'()*+,;=%", *p)); p++)
		;
	skip_space(&p);
	return *p == '\0';
}

/* "2020/06/10", "2020-06-08", "2020_06_10", "2020/jun/10" at s in a URL,
 * up to the end of a path segment or of a word in it. */
static int url_ymd(const char *s, struct fields *f)
{
	const char *w;
	char sep;
	int y;

	memset(f, 0, sizeof(*f));
	if (digits(&s, 4, &y) < 0 || !*s || !strchr("/-_", *s))
		return -1;
	sep = *s++;
	w = s;
	if (is_alpha(*s))
		f->mon = date_month_name(w, word(&s));
	else if (!(s = number(s, &f->mon)))
		return -1;
	if (*s != sep || !(s = number(s + 1, &f->day)) ||
	    (*s && !strchr("/-_.?#&", *s)))
		return -1;
	f->year = y;
	return fields_valid(f) ? 0 : -1;
}

/* The path of url, after "scheme://host[:port]" or "//host" (a host may
 * hold digits that are no date); url itself when it names no host. */
static const char *url_path(const char *url)
{
	const char *p = strstr(url, "://");

	if (p)
		p += 3;
	else if (url[0] == '/' && url[1] == '/')
		p = url + 2;
	else
		return url;
	return p + strcspn(p, "/?#");
}

int date_from_url(const char *url, long long *utc, int *offset)
{
	const char *path, *p;
	struct fields f;

	if (!url)
		return -1;
	path = url_path(url);
	for (p = path; *p && *p != '#'; p++) {
		/* a date starts a path segment or follows a '-', '_', '=' */
		if (p > path && !strchr("/-_=", p[-1]))
			continue;
		if (url_ymd(p, &f) == 0)
			return fields_put(&f, utc, offset);
	}
	return -1;
}

int date_find(const char *text, long long *utc, int *offset)
{
	struct fields f;

	if (!text || !find_date(text, &f, NULL))
		return -1;
	return fields_put(&f, utc, offset);
}

/* The value of n digits at s, or -1. */
static int dec(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (!is_digit(*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* "+hhmm" or "+hh:mm" (colon given) and the end of the string: the
 * offset in minutes, or 0 with *ok cleared. */
static int fast_offset(const char *s, int colon, int *ok)
{
	int h, m;

	*ok = 0;
	if ((*s != '+' && *s != '-') || (h = dec(s + 1, 2)) < 0 || h > 23)
		return 0;
	if (colon && s[3] != ':')
		return 0;
	m = dec(s + 3 + (colon != 0), 2);
	if (m < 0 || m > 59 || s[5 + (colon != 0)])
		return 0;
	*ok = 1;
	return (*s == '-' ? -1 : 1) * (h * 60 + m);
}

/*
 * The two forms nearly every feed writes, read without the general
 * scanner: "Wed, 10 Jun 2020 21:30:00 -0700" (or GMT) and
 * "2020-06-10T21:30:00(.fraction)(Z|-07:00)". Gives what scan_whole()
 * gives for them: 1 with f filled, 0 for anything else.
 */
static int scan_fast(const char *s, struct fields *f)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const char days[] = "MonTueWedThuFriSatSun";
	const char *z;
	int i, ok;

	size_t n = strnlen(s, 32);

	memset(f, 0, sizeof(*f));
	f->zoned = 1;
	if (is_digit(s[0])) {
		if (n < 20)
			return 0;
		if (s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		    s[13] != ':' || s[16] != ':')
			return 0;
		f->year = dec(s, 4);
		f->mon = dec(s + 5, 2);
		f->day = dec(s + 8, 2);
		f->hour = dec(s + 11, 2);
		f->min = dec(s + 14, 2);
		f->sec = dec(s + 17, 2);
		z = s + 19;
		if (*z == '.' && is_digit(z[1]))
			for (z++; is_digit(*z); z++)
				;
		if (z[0] == 'Z' && !z[1])
			ok = 1;
		else
			f->offset = fast_offset(z, 1, &ok);
	} else {
		if (n < 29)
			return 0;
		for (i = 0; i < 21 && memcmp(s, days + i, 3) != 0; i += 3)
			;
		if (i == 21 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' ||
		    s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
		    s[22] != ':' || s[25] != ' ')
			return 0;
		for (i = 0; i < 36 && memcmp(s + 8, months + i, 3) != 0; i += 3)
			;
		if (i == 36)
			return 0;
		f->mon = i / 3 + 1;
		f->day = dec(s + 5, 2);
		f->year = dec(s + 12, 4);
		f->hour = dec(s + 17, 2);
		f->min = dec(s + 20, 2);
		f->sec = dec(s + 23, 2);
		z = s + 26;
		if (memcmp(z, "GMT", 4) == 0)
			ok = 1;
		else
			f->offset = fast_offset(z, 0, &ok);
	}
	return ok && f->year >= 0 && f->mon >= 0 && f->day >= 0 &&
	       f->hour >= 0 && f->min >= 0 && f->sec >= 0;
}

int date_parse(const char *s, long long *utc, int *offset)
{
	struct fields f;
	int rc;

	if (!s)
		return -1;
	skip_space(&s);
	if (scan_fast(s, &f) && fields_put(&f, utc, offset) == 0)
		return 0;
	rc = scan_whole(s, &f);
	if (rc > 0)
		return fields_put(&f, utc, offset);
	/* a date of impossible fields is not a date, nor a URL */
	if (rc < 0)
		return -1;
	if (url_like(s))
		return date_from_url(s, utc, offset);
	if (parse_dateline(s, &f) == 0)
		return fields_put(&f, utc, offset);
	return -1;
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
	snprintf(out, 21, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", y, m, d,
		 secs / 3600, secs / 60 % 60, secs % 60);
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
	struct fields f;
	const char *p;
	ptrdiff_t n = 0;
	long long t;
	int off;

	/* "2020" and "2020-06" are spans: their first or last day */
	memset(&f, 0, sizeof(f));
	skip_space(&s);
	if ((p = scan_iso(s, &f, 0)) != NULL) {
		n = p - s;
		skip_space(&p);
	}
	if (p && !*p && n <= 7) {
		if (!fields_valid(&f))
			return -1;
		if (end) {
			f.mon = n == 4 ? 12 : f.mon;
			f.day = days_in_month(f.year, f.mon);
		}
		snprintf(out, 11, "%04lld-%02d-%02d", f.year, f.mon, f.day);
		return 0;
	}
	if (date_parse(s, &t, &off) < 0)
		return -1;
	date_day(t, off, out);
	return 0;
}
