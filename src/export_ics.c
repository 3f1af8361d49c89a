/* export_ics.c - the timeline as an RFC 5545 iCalendar: one all-day
 * VEVENT per event */
#include "export_impl.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "store.h"
#include "text.h"

/* RFC 5545 3.1: lines of at most 75 octets, CRLF, not counting the CRLF. */
enum { ICS_LINE_MAX = 75 };

/*
 * Append the content line s (n bytes, without CRLF) to b, folded: a line
 * longer than 75 octets goes on in continuation lines that start with a
 * space (which counts). Cuts fall between UTF-8 characters, never inside
 * one. Returns 0/-1.
 */
static int ics_fold(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, room = ICS_LINE_MAX;
	int rc = 0;

	while (n - i > room) {
		size_t cut = i + room;

		/* back to the start of the character at the cut */
		while (cut > i && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		rc |= buf_add(b, s + i, cut - i);
		rc |= buf_add(b, "\r\n ", 3);
		i = cut;
		room = ICS_LINE_MAX - 1;
	}
	rc |= buf_add(b, s + i, n - i);
	rc |= buf_add(b, "\r\n", 2);
	return rc ? -1 : 0;
}

/* Append s (clean text, or raw: control characters are dropped) as an
 * RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped. */
static int ics_text(struct buf *b, const char *s)
{
	int rc = 0;

	while (s && *s) {
		const char *run = s;
		unsigned char c;

		/* the common case: a run of bytes that stay as they are */
		while ((unsigned char)*s >= 0x20 && *s != 0x7f && *s != '\\' &&
		       *s != ';' && *s != ',')
			s++;
		rc |= buf_add(b, run, (size_t)(s - run));
		c = (unsigned char)*s;
		if (!c)
			break;
		if (c == '\\' || c == ';' || c == ',') {
			rc |= buf_addc(b, '\\');
			rc |= buf_addc(b, (char)c);
		} else if (c == '\n') {
			rc |= buf_add(b, "\\n", 2);
		}
		s++;
	}
	return rc ? -1 : 0;
}

/* Append url as a URI value: bytes a URI may not hold (space, controls,
 * quotes, angle brackets, non-ASCII ...) percent-encoded. */
static int ics_uri(struct buf *b, const char *url)
{
	const unsigned char *p;
	int rc = 0;

	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
			rc |= buf_addf(b, "%%%02X", *p);
		else
			rc |= buf_addc(b, (char)*p);
	return rc ? -1 : 0;
}

/* A text_clean()ed copy of s ("" for NULL); NULL on out of memory. */
static char *ics_clean(const char *s)
{
	return text_clean(s ? s : "", s ? strlen(s) : 0);
}

/* Is s a real day written "YYYY-MM-DD"? Sets *t to its 00:00 UTC. */
static int ics_day(const char *s, long long *t)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	if (!s || strlen(s) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	/* the day after must have four digits of year too */
	return strcmp(s, "9999-12-31") < 0 && date_parse(s, t, NULL) == 0;
}

/* Append "YYYYMMDD" for the day of UTC epoch t (from 0000 to 9999). */
static int ics_date(struct buf *b, long long t)
{
	/* days to civil (Howard Hinnant's civil_from_days), without the
	 * printf of date_day(): this runs twice per event */
	long long z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	long long y = (long long)yoe + era * 400 + (m <= 2);
	char out[8];

	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = (char)('0' + m / 10);
	out[5] = (char)('0' + m % 10);
	out[6] = (char)('0' + d / 10);
	out[7] = (char)('0' + d % 10);
	return buf_add(b, out, sizeof(out));
}

/* Fold the property in p into x->line and empty p. */
static int ics_put(struct export_ctx *x, struct buf *p)
{
	int rc = ics_fold(&x->line, p->data ? p->data : "", p->len);

	p->len = 0;
	return rc;
}

static int ics_begin(struct export_ctx *x)
{
	struct buf p, *stamp = malloc(sizeof(*stamp));
	char when[21];
	int rc = 0;

	if (!stamp)
		return err_set(x->e, "out of memory");
	/* the same DTSTAMP on every event: "YYYY-MM-DDTHH:MM:SSZ" ->
	 * "DTSTAMP:YYYYMMDDTHHMMSSZ", made once */
	buf_init(stamp, 0);
	date_format_utc(x->o->generated, when);
	if (buf_addf(stamp, "DTSTAMP:%.4s%.2s%.2sT%.2s%.2s%.2sZ", when,
		     when + 5, when + 8, when + 11, when + 14, when + 17) < 0) {
		free(stamp);
		return err_set(x->e, "out of memory");
	}
	x->state = stamp;
	buf_init(&p, 0);
	rc |= buf_adds(&p, "BEGIN:VCALENDAR");
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "VERSION:2.0");
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "PRODID:-//annals//annals " ANNALS_VERSION "//EN");
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "CALSCALE:GREGORIAN");
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "METHOD:PUBLISH");
	rc |= ics_put(x, &p);
	/* the calendar's name in Apple, Google and Outlook calendars */
	rc |= buf_adds(&p, "X-WR-CALNAME:annals timeline");
	rc |= ics_put(x, &p);
	buf_release(&p);
	if (rc)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

/* The URL of an event: its first http(s) source, else a manual event's
 * own, else NULL. */
static const char *ics_link(const struct store_event *ev)
{
	size_t i;

	for (i = 0; i < ev->nsources; i++)
		if (export_link_ok(ev->sources[i].url))
			return ev->sources[i].url;
	return export_link_ok(ev->url) ? ev->url : NULL;
}

/* The DESCRIPTION of an event, as plain text with newlines: the summary,
 * the period, what it follows, the sources. */
static int ics_description(struct buf *d, const struct store_event *ev)
{
	char *summary = ics_clean(ev->summary), *until = ics_clean(ev->until);
	char *until_text = ics_clean(ev->until_text);
	size_t i;
	int rc = 0;

	if (!summary || !until || !until_text) {
		rc = -1;
		goto out;
	}
	rc |= buf_adds(d, summary);
	if (*until || *until_text) {
		rc |= buf_adds(d, d->len ? "\n\nUntil " : "Until ");
		rc |= buf_adds(d, *until ? until : until_text);
		if (*until && *until_text)
			rc |= buf_addf(d, " (%s)", until_text);
	}
	if (ev->follows)
		rc |= buf_addf(d, "%sFollows event %lld.", d->len ? "\n\n" : "",
			       ev->follows);
	if (ev->nsources || ev->url)
		rc |= buf_adds(d, d->len ? "\n\nSources:" : "Sources:");
	/* calendars make links of URLs in the text: http(s) ones only */
	if (!ev->nsources && ev->url) {
		char *u = ics_clean(export_link_ok(ev->url) ? ev->url : "");

		rc |= u ? buf_addf(d, "\n%s", *u ? u : "(link not shown)") : -1;
		free(u);
	}
	for (i = 0; i < ev->nsources; i++) {
		const struct store_event_source *src = &ev->sources[i];
		char *name = ics_clean(src->source);
		char *u = ics_clean(export_link_ok(src->url) ? src->url : "");

		if (name && u) {
			rc |= buf_addc(d, '\n');
			rc |= buf_adds(d, name);
			rc |= buf_adds(d, *u ? ": " : "");
			rc |= buf_adds(d, u);
		} else {
			rc = -1;
		}
		free(name);
		free(u);
	}
out:
	free(summary);
	free(until);
	free(until_text);
	return rc ? -1 : 0;
}

static int ics_event(struct export_ctx *x, const struct store_event *ev)
{
	char *company = ics_clean(ev->company), *action = ics_clean(ev->action);
	char *title = ics_clean(ev->title);
	const char *link = ics_link(ev), *k;
	const struct buf *stamp = x->state;
	struct buf p, d;
	long long day;
	size_t i;
	int rc = 0;

	/* a day that is not one cannot be put in a calendar */
	if (!ics_day(ev->day, &day)) {
		free(company);
		free(action);
		free(title);
		return 0;
	}
	buf_init(&p, 0);
	buf_init(&d, 0);
	if (!company || !action || !title) {
		rc = -1;
		goto out;
	}
	rc |= buf_adds(&p, "BEGIN:VEVENT");
	rc |= ics_put(x, &p);
	/* the stable key percent-encoded: unique, and safe as a TEXT value */
	rc |= buf_adds(&p, "UID:");
	if (ev->key && *ev->key) {
		for (k = ev->key; *k;) {
			size_t run = strspn(
				k,
				"abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/:");

			rc |= buf_add(&p, k, run);
			k += run;
			if (*k)
				rc |= buf_addf(&p, "%%%02X",
					       (unsigned char)*k++);
		}
	} else {
		rc |= buf_addf(&p, "event-%lld", ev->id);
	}
	rc |= buf_adds(&p, "@annals");
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, stamp->data);
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "DTSTART;VALUE=DATE:");
	rc |= ics_date(&p, day);
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "DTEND;VALUE=DATE:");
	rc |= ics_date(&p, day + 86400);
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "SUMMARY:");
	rc |= ics_text(&p, *company ? company : "-");
	if (*action) {
		rc |= buf_addc(&p, ' ');
		rc |= ics_text(&p, action);
	}
	rc |= buf_adds(&p, ": ");
	rc |= ics_text(&p, title);
	rc |= ics_put(x, &p);
	if (link) {
		rc |= buf_adds(&p, "URL:");
		rc |= ics_uri(&p, link);
		rc |= ics_put(x, &p);
	}
	rc |= ics_description(&d, ev);
	if (d.len) {
		rc |= buf_adds(&p, "DESCRIPTION:");
		rc |= ics_text(&p, d.data);
		rc |= ics_put(x, &p);
	}
	for (i = 0; i < ev->ntopics; i++) {
		char *t = ics_clean(ev->topics[i]);

		if (t && *t) {
			rc |= buf_adds(&p, p.len ? "," : "CATEGORIES:");
			rc |= ics_text(&p, t);
		}
		rc |= t ? 0 : -1;
		free(t);
	}
	if (p.len)
		rc |= ics_put(x, &p);
	/* an all-day mark, not a busy day */
	rc |= buf_adds(&p, "TRANSP:TRANSPARENT");
	rc |= ics_put(x, &p);
	rc |= buf_adds(&p, "END:VEVENT");
	rc |= ics_put(x, &p);
out:
	free(company);
	free(action);
	free(title);
	buf_release(&p);
	buf_release(&d);
	if (rc)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

static void ics_release(struct export_ctx *x)
{
	buf_release(x->state);
	free(x->state);
	x->state = NULL;
}

static int ics_end(struct export_ctx *x)
{
	ics_release(x);
	if (buf_add(&x->line, "END:VCALENDAR\r\n", 15) < 0)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

const struct export_writer export_ics_writer = {ics_begin, ics_event, ics_end,
						ics_release};
