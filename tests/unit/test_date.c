/* test_date.c - date parsing and formatting */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "date.h"

#include <string.h>

/* A date string, the UTC form date_format_utc() gives of what date_parse()
 * reads (NULL: date_parse() must fail) and the string's own offset. */
struct parse_case {
	const char *in;
	const char *utc;
	int offset;
};

static const struct parse_case parse_cases[] = {
	/* RFC 822/1123; the first is DESIGN.md's example */
	{"Wed, 10 Jun 2020 21:30:00 -0700", "2020-06-11T04:30:00Z", -420},
	{"10 Jun 2020 21:30:00 -0700", "2020-06-11T04:30:00Z", -420},
	{"Wed, 10 Jun 20 21:30:00 -0700", "2020-06-11T04:30:00Z", -420},
	{"Wed 10 Jun 2020 21:30:00 -0700", "2020-06-11T04:30:00Z", -420},
	{"Wednesday, 10 Jun 2020 21:30:00 -0700", "2020-06-11T04:30:00Z", -420},
	{"Wed,10 Jun 2020 21:30:00 -0700", "2020-06-11T04:30:00Z", -420},
	{"Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z", 0},
	{"Tue, 9 Jun 2020 08:05:09 GMT", "2020-06-09T08:05:09Z", 0},
	{"Tue, 09 Jun 2020 08:05:09 GMT", "2020-06-09T08:05:09Z", 0},
	{"Tue, 9 Jun 2020 8:05:09 GMT", "2020-06-09T08:05:09Z", 0},
	{"Tue, 09 Jun 2020 08:05 GMT", "2020-06-09T08:05:00Z", 0},
	{"Tue, 09 Jun 2020 08:05 +0200", "2020-06-09T06:05:00Z", 120},
	{"9 Jun 2020 9:05 EST", "2020-06-09T14:05:00Z", -300},
	{"Tue, 09 Jun 2020 08:05:09", "2020-06-09T08:05:09Z", 0},
	{"10 Jun 2020", "2020-06-10T00:00:00Z", 0},
	{"1 Jun 2020", "2020-06-01T00:00:00Z", 0},
	/* named zones */
	{"Mon, 01 Jun 2020 12:00:00 GMT", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 UT", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 UTC", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 Z", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 EST", "2020-06-01T17:00:00Z", -300},
	{"Mon, 01 Jun 2020 12:00:00 EDT", "2020-06-01T16:00:00Z", -240},
	{"Mon, 01 Jun 2020 12:00:00 CST", "2020-06-01T18:00:00Z", -360},
	{"Mon, 01 Jun 2020 12:00:00 CDT", "2020-06-01T17:00:00Z", -300},
	{"Mon, 01 Jun 2020 12:00:00 MST", "2020-06-01T19:00:00Z", -420},
	{"Mon, 01 Jun 2020 12:00:00 MDT", "2020-06-01T18:00:00Z", -360},
	{"Mon, 01 Jun 2020 12:00:00 PST", "2020-06-01T20:00:00Z", -480},
	{"Mon, 01 Jun 2020 12:00:00 PDT", "2020-06-01T19:00:00Z", -420},
	{"Mon, 01 Jun 2020 12:00:00 gmt", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 pst", "2020-06-01T20:00:00Z", -480},
	{"Mon, 01 Jun 2020 12:00:00 BST", "2020-06-01T11:00:00Z", 60},
	{"Mon, 01 Jun 2020 12:00:00 CET", "2020-06-01T11:00:00Z", 60},
	{"Mon, 01 Jun 2020 12:00:00 CEST", "2020-06-01T10:00:00Z", 120},
	{"Mon, 01 Jun 2020 12:00:00 IST", "2020-06-01T06:30:00Z", 330},
	{"Mon, 01 Jun 2020 12:00:00 JST", "2020-06-01T03:00:00Z", 540},
	{"Mon, 01 Jun 2020 12:00:00 AEST", "2020-06-01T02:00:00Z", 600},
	{"Mon, 01 Jun 2020 12:00:00 AEDT", "2020-06-01T01:00:00Z", 660},
	/* numeric zones */
	{"Mon, 01 Jun 2020 12:00:00 +0000", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 -0000", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 -0700", "2020-06-01T19:00:00Z", -420},
	{"Mon, 01 Jun 2020 12:00:00 +0530", "2020-06-01T06:30:00Z", 330},
	{"Mon, 01 Jun 2020 12:00:00 +0545", "2020-06-01T06:15:00Z", 345},
	{"Mon, 01 Jun 2020 12:00:00 -0930", "2020-06-01T21:30:00Z", -570},
	{"Mon, 01 Jun 2020 12:00:00 +1400", "2020-05-31T22:00:00Z", 840},
	{"Mon, 01 Jun 2020 12:00:00 -1200", "2020-06-02T00:00:00Z", -720},
	{"Mon, 01 Jun 2020 12:00:00 +0100", "2020-06-01T11:00:00Z", 60},
	{"Mon, 01 Jun 2020 12:00:00 -07:00", "2020-06-01T19:00:00Z", -420},
	{"Mon, 01 Jun 2020 12:00:00 +05:30", "2020-06-01T06:30:00Z", 330},
	{"Mon, 01 Jun 2020 12:00:00 -07", "2020-06-01T19:00:00Z", -420},
	{"Mon, 01 Jun 2020 12:00:00 +09", "2020-06-01T03:00:00Z", 540},
	/* a named zone with an offset, trailing comments, military */
	{"Mon, 01 Jun 2020 12:00:00 GMT+0100", "2020-06-01T11:00:00Z", 60},
	{"Mon, 01 Jun 2020 12:00:00 GMT-0500", "2020-06-01T17:00:00Z", -300},
	{"Mon, 01 Jun 2020 12:00:00 UTC+05:30", "2020-06-01T06:30:00Z", 330},
	{"Mon, 01 Jun 2020 12:00:00 +0000 (UTC)", "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 GMT (Coordinated Universal Time)",
	 "2020-06-01T12:00:00Z", 0},
	{"Mon, 01 Jun 2020 12:00:00 -0700 (PDT)", "2020-06-01T19:00:00Z", -420},
	{"Mon, 01 Jun 2020 12:00:00 A", "2020-06-01T12:00:00Z", 0},
	/* month names */
	{"15 Jan 2021 10:00:00 GMT", "2021-01-15T10:00:00Z", 0},
	{"15 Feb 2021 10:00:00 GMT", "2021-02-15T10:00:00Z", 0},
	{"15 Mar 2021 10:00:00 GMT", "2021-03-15T10:00:00Z", 0},
	{"15 Apr 2021 10:00:00 GMT", "2021-04-15T10:00:00Z", 0},
	{"15 May 2021 10:00:00 GMT", "2021-05-15T10:00:00Z", 0},
	{"15 Jun 2021 10:00:00 GMT", "2021-06-15T10:00:00Z", 0},
	{"15 Jul 2021 10:00:00 GMT", "2021-07-15T10:00:00Z", 0},
	{"15 Aug 2021 10:00:00 GMT", "2021-08-15T10:00:00Z", 0},
	{"15 Sep 2021 10:00:00 GMT", "2021-09-15T10:00:00Z", 0},
	{"15 Oct 2021 10:00:00 GMT", "2021-10-15T10:00:00Z", 0},
	{"15 Nov 2021 10:00:00 GMT", "2021-11-15T10:00:00Z", 0},
	{"15 Dec 2021 10:00:00 GMT", "2021-12-15T10:00:00Z", 0},
	{"15 January 2021", "2021-01-15T00:00:00Z", 0},
	{"15 February 2021", "2021-02-15T00:00:00Z", 0},
	{"15 March 2021", "2021-03-15T00:00:00Z", 0},
	{"15 April 2021", "2021-04-15T00:00:00Z", 0},
	{"15 May 2021", "2021-05-15T00:00:00Z", 0},
	{"15 June 2021", "2021-06-15T00:00:00Z", 0},
	{"15 July 2021", "2021-07-15T00:00:00Z", 0},
	{"15 August 2021", "2021-08-15T00:00:00Z", 0},
	{"15 September 2021", "2021-09-15T00:00:00Z", 0},
	{"15 October 2021", "2021-10-15T00:00:00Z", 0},
	{"15 November 2021", "2021-11-15T00:00:00Z", 0},
	{"15 December 2021", "2021-12-15T00:00:00Z", 0},
	{"10 Sept 2020 12:00 GMT", "2020-09-10T12:00:00Z", 0},
	{"10 jun 2020 21:30 gmt", "2020-06-10T21:30:00Z", 0},
	{"10 JUN 2020 21:30 GMT", "2020-06-10T21:30:00Z", 0},
	{"10 Jun. 2020 21:30 GMT", "2020-06-10T21:30:00Z", 0},
	/* RFC 850 and two-digit years (< 50: 20xx) */
	{"Wednesday, 10-Jun-20 21:30:00 GMT", "2020-06-10T21:30:00Z", 0},
	{"10-Jun-2020 21:30:00 GMT", "2020-06-10T21:30:00Z", 0},
	{"01 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z", 0},
	{"01 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z", 0},
	{"01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z", 0},
	{"01 Jan 00 00:00:00 GMT", "2000-01-01T00:00:00Z", 0},
	/* leap days, day and year boundaries, before 1970, white space */
	{"Sat, 29 Feb 2020 12:00:00 GMT", "2020-02-29T12:00:00Z", 0},
	{"29 Feb 2000", "2000-02-29T00:00:00Z", 0},
	{"Thu, 31 Dec 2020 23:30:00 -0100", "2021-01-01T00:30:00Z", -60},
	{"Wed, 01 Jan 2020 00:00:00 +0100", "2019-12-31T23:00:00Z", 60},
	{"Wed, 01 Jan 1969 00:00:00 GMT", "1969-01-01T00:00:00Z", 0},
	{"  Wed, 10 Jun 2020 21:30:00 GMT  ", "2020-06-10T21:30:00Z", 0},
	{"\tWed, 10 Jun 2020 21:30:00 GMT\n", "2020-06-10T21:30:00Z", 0},
	{"Wed, 10  Jun  2020  21:30:00  GMT", "2020-06-10T21:30:00Z", 0},
	/* shapes only curl_getdate() reads (asctime) */
	{"Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z", 0},
	{"Jun 10 2020", "2020-06-10T00:00:00Z", 0},
	/* RFC 3339 / ISO 8601 */
	{"2020-06-10T21:30:00Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10t21:30:00Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00+05:30", "2020-06-10T16:00:00Z", 330},
	{"2020-06-10T21:30:00+0530", "2020-06-10T16:00:00Z", 330},
	{"2020-06-10T21:30:00-0700", "2020-06-11T04:30:00Z", -420},
	{"2020-06-10T21:30:00-07:00", "2020-06-11T04:30:00Z", -420},
	{"2020-06-10T21:30:00-07", "2020-06-11T04:30:00Z", -420},
	{"2020-06-10T21:30:00+00:00", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00-00:00", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00+23:59", "2020-06-09T21:31:00Z", 1439},
	{"2020-06-10T21:30:00-14:00", "2020-06-11T11:30:00Z", -840},
	/* fractions are dropped */
	{"2020-06-10T21:30:00.5Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00.123Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00.123456789Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00,5Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00.999+01:00", "2020-06-10T20:30:00Z", 60},
	/* space for T, no seconds, no zone (UTC), named zone */
	{"2020-06-10 21:30:00Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10 21:30:00", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10 21:30:00 +02:00", "2020-06-10T19:30:00Z", 120},
	{"2020-06-10T21:30", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30Z", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30+02:00", "2020-06-10T19:30:00Z", 120},
	{"2020-06-10T21:30:00 UTC", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00 GMT", "2020-06-10T21:30:00Z", 0},
	{"2020-06-10T21:30:00 Z", "2020-06-10T21:30:00Z", 0},
	/* date only, leap days, range */
	{"2020-06-10", "2020-06-10T00:00:00Z", 0},
	{" 2020-06-10 ", "2020-06-10T00:00:00Z", 0},
	{"2020-02-29", "2020-02-29T00:00:00Z", 0},
	{"2020-02-29T23:59:59Z", "2020-02-29T23:59:59Z", 0},
	{"2000-02-29T12:00:00Z", "2000-02-29T12:00:00Z", 0},
	{"2020-12-31T23:59:59Z", "2020-12-31T23:59:59Z", 0},
	{"2020-06-10T24:00:00Z", "2020-06-11T00:00:00Z", 0},
	{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", 0},
	{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", 0},
	{"1969-07-20T20:17:40Z", "1969-07-20T20:17:40Z", 0},
	{"1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z", 0},
	{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 0},
	{"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", 0},
	{"2038-01-19T03:14:08Z", "2038-01-19T03:14:08Z", 0},
	{"2020-01-01T00:30:00+01:00", "2019-12-31T23:30:00Z", 60},
	/* leap seconds read as :59 */
	{"2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z", 0},
	{"Sat, 31 Dec 2016 23:59:60 GMT", "2016-12-31T23:59:59Z", 0},
	/* rejected */
	{"", NULL, 0},
	{"   ", NULL, 0},
	{"yesterday", NULL, 0},
	{"hello world", NULL, 0},
	{"2020-13-01", NULL, 0},
	{"32 Jan 2020", NULL, 0},
	{"2021-02-29", NULL, 0},
	{"2021-02-29T10:00:00Z", NULL, 0},
	{"1900-02-29", NULL, 0},
	{"2020-02-30", NULL, 0},
	{"2020-04-31", NULL, 0},
	{"2020-00-10", NULL, 0},
	{"2020-06-00", NULL, 0},
	{"0000-01-01", NULL, 0},
	{"2020-06-10T25:00:00Z", NULL, 0},
	{"2020-06-10T24:30:00Z", NULL, 0},
	{"2020-06-10T23:60:00Z", NULL, 0},
	{"2020-06-10T23:59:61Z", NULL, 0},
	{"2020-06-10T21:30:00+24:00", NULL, 0},
	{"2020-06-10T21:30:00+05:60", NULL, 0},
	{"2020-06-10T21", NULL, 0},
	{"2020-06-10T", NULL, 0},
	{"2020-06-10T21:30:00.Z", NULL, 0},
	{"2020-06-10T21:30:00+05:30:00", NULL, 0},
	{"2020-06-10T21:30:00 junk", NULL, 0},
	{"Wed, 10 Jun 2020 25:00:00 GMT", NULL, 0},
	{"Wed, 10 Jun 2020 21:60:00 GMT", NULL, 0},
	{"Wed, 10 Jun 2020 21:30:61 GMT", NULL, 0},
	{"Wed, 10 Jun 2020 21:30:00 +2500", NULL, 0},
	{"Wed, 10 Jun 2020 21:30:00 XYZ", NULL, 0},
	{"Wed, 10 Jun 2020 21:30:00 GMTX", NULL, 0},
	{"10 Juni 2020", NULL, 0},
	{"0 Jun 2020", NULL, 0},
	{"Wed, 10 Foo 2020", NULL, 0},
	{"Wed, 10 Jun", NULL, 0},
	{"10/06/2020", NULL, 0},
	{"not a date 2020", NULL, 0},
	{"T", NULL, 0},
	{"Z", NULL, 0},
	{"-0700", NULL, 0},
};

/*
 * Regression: a day that does not exist in its month must be rejected; the
 * curl_getdate() fallback once rolled it over into the next month
 * ("30 Feb 2020" -> 2020-03-01).
 */
static const struct parse_case parse_impossible_cases[] = {
	{"30 Feb 2020", NULL, 0},
	{"29 Feb 2021", NULL, 0},
	{"29 Feb 1900", NULL, 0},
	{"31 Apr 2020", NULL, 0},
	{"Sun, 31 Apr 2020 10:00:00 GMT", NULL, 0},
	{"31 Jun 2020 10:00 GMT", NULL, 0},
	{"Sat, 31 Jun 20 10:00:00 GMT", NULL, 0},
	{"31-Jun-2020", NULL, 0},
	{"Jun 31 2020", NULL, 0},
	{"Feb 29 2021", NULL, 0},
};

/* Run a table, printing every row that goes wrong; returns their number. */
static size_t run_parse(const struct parse_case *t, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		long long utc = 0x5eed;
		int off = 12345, rc = date_parse(t[i].in, &utc, &off);
		char got[32] = "";

		if (rc == 0)
			date_format_utc(utc, got);
		if (!t[i].utc && rc != -1) {
			print_error("date_parse(\"%s\"): got %s %+d, want "
				    "failure\n",
				    t[i].in, got, off);
			bad++;
		} else if (t[i].utc && rc != 0) {
			print_error("date_parse(\"%s\"): failed, want %s "
				    "%+d\n",
				    t[i].in, t[i].utc, t[i].offset);
			bad++;
		} else if (t[i].utc &&
			   (strcmp(got, t[i].utc) || off != t[i].offset)) {
			print_error("date_parse(\"%s\"): got %s %+d, want "
				    "%s %+d\n",
				    t[i].in, got, off, t[i].utc, t[i].offset);
			bad++;
		}
	}
	return bad;
}

static void test_parse(void **state)
{
	size_t n = sizeof(parse_cases) / sizeof(parse_cases[0]);

	(void)state;
	assert_true(n >= 120);
	assert_int_equal(run_parse(parse_cases, n), 0);
}

static void test_parse_impossible_days(void **state)
{
	(void)state;
	assert_int_equal(run_parse(parse_impossible_cases,
				   sizeof(parse_impossible_cases) /
					   sizeof(parse_impossible_cases[0])),
			 0);
}

static void test_parse_args(void **state)
{
	char longdate[300];
	long long utc = 0;
	int off = 0;

	(void)state;
	/* either result pointer may be NULL */
	assert_int_equal(date_parse("2020-06-10T21:30:00+02:00", NULL, NULL),
			 0);
	assert_int_equal(date_parse("2020-06-10T21:30:00+02:00", &utc, NULL),
			 0);
	assert_int_equal(utc, 1591817400LL);
	assert_int_equal(date_parse("2020-06-10T21:30:00+02:00", NULL, &off),
			 0);
	assert_int_equal(off, 120);
	assert_int_equal(date_parse(NULL, &utc, &off), -1);
	assert_int_equal(date_parse("junk", NULL, NULL), -1);

	/* a failure leaves the outputs alone */
	utc = 7;
	off = 7;
	assert_int_equal(date_parse("not a date", &utc, &off), -1);
	assert_int_equal(utc, 7);
	assert_int_equal(off, 7);

	/* long input: no overflow, no date */
	memset(longdate, '9', sizeof(longdate) - 1);
	longdate[sizeof(longdate) - 1] = '\0';
	assert_int_equal(date_parse(longdate, &utc, &off), -1);
	/* surrounding white space does not count against a date */
	memset(longdate, ' ', sizeof(longdate) - 1);
	memcpy(longdate + 140, "2020-06-10", 10);
	assert_int_equal(date_parse(longdate, &utc, &off), 0);
	assert_int_equal(utc, 1591747200LL);
	assert_int_equal(off, 0);
}

/* Parsing and formatting agree on the epoch itself. */
static void test_parse_epoch(void **state)
{
	static const struct {
		const char *in;
		long long utc;
	} t[] = {
		{"1970-01-01T00:00:00Z", 0},
		{"1970-01-01T00:00:01Z", 1},
		{"1969-12-31T23:59:59Z", -1},
		{"1969-12-31T00:00:00Z", -86400},
		{"1969-07-20T20:17:40Z", -14182940},
		{"1900-01-01T00:00:00Z", -2208988800LL},
		{"2000-02-29T00:00:00Z", 951782400},
		{"Wed, 10 Jun 2020 21:30:00 -0700", 1591849800},
		{"2038-01-19T03:14:08Z", 2147483648LL},
		{"9999-12-31T23:59:59Z", 253402300799LL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long long utc;

		assert_int_equal(date_parse(t[i].in, &utc, NULL), 0);
		assert_int_equal(utc, t[i].utc);
	}
}

static void test_format_utc(void **state)
{
	static const struct {
		long long t;
		const char *want;
	} t[] = {
		{0, "1970-01-01T00:00:00Z"},
		{1, "1970-01-01T00:00:01Z"},
		{-1, "1969-12-31T23:59:59Z"},
		{-59, "1969-12-31T23:59:01Z"},
		{-86399, "1969-12-31T00:00:01Z"},
		{-86400, "1969-12-31T00:00:00Z"},
		{-86401, "1969-12-30T23:59:59Z"},
		{-14182940, "1969-07-20T20:17:40Z"},
		{-31536000, "1969-01-01T00:00:00Z"},
		{-2208988800LL, "1900-01-01T00:00:00Z"},
		{-62135596800LL, "0001-01-01T00:00:00Z"},
		{86399, "1970-01-01T23:59:59Z"},
		{951782400, "2000-02-29T00:00:00Z"},
		{951868799, "2000-02-29T23:59:59Z"},
		{1582934400, "2020-02-29T00:00:00Z"},
		{1591849800, "2020-06-11T04:30:00Z"},
		{1609459199, "2020-12-31T23:59:59Z"},
		{1609459200, "2021-01-01T00:00:00Z"},
		{2147483647, "2038-01-19T03:14:07Z"},
		{2147483648LL, "2038-01-19T03:14:08Z"},
		{4102444800LL, "2100-01-01T00:00:00Z"},
		{253402300799LL, "9999-12-31T23:59:59Z"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char out[32];

		memset(out, 'x', sizeof(out));
		date_format_utc(t[i].t, out);
		assert_string_equal(out, t[i].want);
		assert_int_equal(strlen(out), 20);
	}
}

static void test_day(void **state)
{
	static const struct {
		long long t;
		int offset;
		const char *want;
	} t[] = {
		/* 2020-12-09T05:12:00Z, published in California */
		{1607490720, -480, "2020-12-08"},
		{1607490720, 0, "2020-12-09"},
		{1607490720, 60, "2020-12-09"},
		{1607490720, -312, "2020-12-09"}, /* 00:00 local */
		{1607490720, -313, "2020-12-08"}, /* 23:59 local */
		/* 2020-12-09T23:30:00Z */
		{1607556600, 0, "2020-12-09"},
		{1607556600, 30, "2020-12-10"},
		{1607556600, 29, "2020-12-09"},
		{1607556600, 840, "2020-12-10"},
		/* year and leap-day boundaries */
		{1609457400, 60, "2021-01-01"},	 /* 2020-12-31T23:30Z */
		{1609461000, -60, "2020-12-31"}, /* 2021-01-01T00:30Z */
		{1582930800, 60, "2020-02-29"},	 /* 2020-02-28T23:00Z */
		{1583017200, 60, "2020-03-01"},	 /* 2020-02-29T23:00Z */
		{1583017200, -720, "2020-02-29"},
		/* around the epoch */
		{0, 0, "1970-01-01"},
		{0, -1, "1969-12-31"},
		{-1, 0, "1969-12-31"},
		{-1, 1, "1970-01-01"},
		{-86400, 0, "1969-12-31"},
		{-86401, 0, "1969-12-30"},
		{-86400, -1, "1969-12-30"},
		{-14182940, -300, "1969-07-20"},
		{-14182940, 240, "1969-07-21"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char out[16];

		date_day(t[i].t, t[i].offset, out);
		if (strcmp(out, t[i].want) != 0)
			print_error("date_day(%lld, %d): got %s, want %s\n",
				    t[i].t, t[i].offset, out, t[i].want);
		assert_string_equal(out, t[i].want);
	}
}

/* The day of a parsed date, in the offset it was written in. */
static void test_parse_then_day(void **state)
{
	static const struct {
		const char *in;
		const char *want;
	} t[] = {
		{"2020-12-08T21:12:00-08:00", "2020-12-08"},
		{"Tue, 08 Dec 2020 21:12:00 PST", "2020-12-08"},
		{"Wed, 10 Jun 2020 21:30:00 -0700", "2020-06-10"},
		{"2020-06-11T01:00:00+09:00", "2020-06-11"},
		{"2020-06-10T23:59:59Z", "2020-06-10"},
		{"Thu, 31 Dec 2020 23:30:00 -0100", "2020-12-31"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long long utc;
		int off;
		char out[16];

		assert_int_equal(date_parse(t[i].in, &utc, &off), 0);
		date_day(utc, off, out);
		assert_string_equal(out, t[i].want);
	}
}

static void test_day_bound(void **state)
{
	static const struct {
		const char *in;
		int end;
		const char *want; /* NULL: -1 */
	} t[] = {
		{"2020", 0, "2020-01-01"},
		{"2020", 1, "2020-12-31"},
		{"1969", 1, "1969-12-31"},
		{"2020-02", 0, "2020-02-01"},
		{"2020-02", 1, "2020-02-29"},
		{"2021-02", 1, "2021-02-28"},
		{"2000-02", 1, "2000-02-29"},
		{"1900-02", 1, "1900-02-28"},
		{"2020-01", 1, "2020-01-31"},
		{"2020-04", 1, "2020-04-30"},
		{"2020-06", 0, "2020-06-01"},
		{"2020-06", 1, "2020-06-30"},
		{"2020-12", 1, "2020-12-31"},
		/* a full date is itself, whatever end says */
		{"2020-06-08", 0, "2020-06-08"},
		{"2020-06-08", 1, "2020-06-08"},
		{"2020-02-29", 1, "2020-02-29"},
		/* any date_parse() string, seen in its own offset */
		{"2020-06-08T23:00:00-05:00", 0, "2020-06-08"},
		{"2020-06-08T01:00:00+02:00", 1, "2020-06-08"},
		{"Wed, 10 Jun 2020 21:30:00 -0700", 0, "2020-06-10"},
		{"10 Jun 2020", 1, "2020-06-10"},
		/* rejected */
		{"", 0, NULL},
		{"20", 0, NULL},
		{"0000", 0, NULL},
		{"2020-00", 0, NULL},
		{"2020-13", 1, NULL},
		{"2020-1", 0, NULL},
		{"2020-06-", 0, NULL},
		{"2020-02-30", 0, NULL},
		{"2021-02-29", 1, NULL},
		{"yesterday", 0, NULL},
		{"hello world", 1, NULL},
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char out[16] = "unset";
		int rc = date_day_bound(t[i].in, t[i].end, out);

		if (t[i].want ? rc != 0 || strcmp(out, t[i].want) != 0
			      : rc != -1) {
			print_error("date_day_bound(\"%s\", %d): got %d %s, "
				    "want %s\n",
				    t[i].in, t[i].end, rc, out,
				    t[i].want ? t[i].want : "failure");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_impossible_days),
		cmocka_unit_test(test_parse_args),
		cmocka_unit_test(test_parse_epoch),
		cmocka_unit_test(test_format_utc),
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_parse_then_day),
		cmocka_unit_test(test_day_bound),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
