/* fuzz_date.c - every date reader on any string: no crash, and what
 * date_parse() accepts it writes back in a form it reads as the same
 * instant; day bounds are real YYYY-MM-DD days. */
#include "fuzz.h"

#include "date.h"

static int is_day(const char *d)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	if (strlen(d) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? d[i] < '0' || d[i] > '9' : d[i] != '-')
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[64], day[16];
	long long t, t2;
	int off;

	if (size > 4096)
		return 0;
	s = fuzz_str(data, size);
	if (date_parse(s, &t, &off) == 0) {
		/* offsets are bounded: RFC 2822's four digits up to +2459,
		 * which feedparser and Go read too (the hour may be 24) */
		FUZZ_ASSERT(off >= -(24 * 60 + 59) && off <= 24 * 60 + 59);
		/* years 0001..9999 print as four digits and read back */
		if (t >= -62135596800LL && t <= 253402300799LL) {
			date_format_utc(t, out);
			FUZZ_ASSERT(date_parse(out, &t2, NULL) == 0);
			FUZZ_ASSERT(t2 == t);
			date_day(t, off, day);
		}
	}
	if (date_from_url(s, &t, &off) == 0)
		FUZZ_ASSERT(off == 0);
	(void)date_find(s, &t, &off);
	if (date_day_bound(s, 0, day) == 0)
		FUZZ_ASSERT(is_day(day));
	if (date_day_bound(s, 1, day) == 0)
		FUZZ_ASSERT(is_day(day));
	(void)date_month_name(s, strlen(s));
	(void)date_weekday_name(s, strlen(s));
	free(s);
	return 0;
}
