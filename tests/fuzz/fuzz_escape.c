/* fuzz_escape.c - the CSV, iCalendar, Markdown and JSON Lines writers on
 * an event whose every field is fuzzed: a CSV row reads back (RFC 4180)
 * as the cleaned fields, formulas defused; iCalendar lines are folded at
 * 75 octets, hold no control character and their SUMMARY unescapes to
 * the cleaned text; a Markdown bullet is one line whose only links are
 * http(s) and whose '<' are escaped; nothing holds a raw control. */
#include "fuzz.h"

#include <stdbool.h>

#include "buf.h"
#include "err.h"
#include "export.h"
#include "export_impl.h"
#include "store.h"
#include "text.h"

enum { NFIELDS = 16 };

/* Run a writer over one event into b. */
static void write_one(const struct export_writer *w,
		      const struct store_event *ev, struct buf *b)
{
	struct export_opts o;
	struct export_ctx x;
	struct err e;
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);

	FUZZ_ASSERT(f);
	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	o.generated = 1591747200; /* 2020-06-10 */
	x.o = &o;
	x.out = f;
	x.e = &e;
	buf_init(&x.line, 0);
	FUZZ_ASSERT(!w->begin || w->begin(&x) == 0);
	FUZZ_ASSERT(w->event(&x, ev) == 0);
	FUZZ_ASSERT(!w->end || w->end(&x) == 0);
	buf_release(&x.line);
	FUZZ_ASSERT(fclose(f) == 0);
	FUZZ_ASSERT(buf_add(b, mem, len) == 0);
	free(mem);
}

/* What csv_cell() must hold for s: cleaned, a formula start defused. */
static char *csv_expect(const char *s)
{
	char *c = text_clean(s ? s : "", s ? strlen(s) : 0), *q;

	FUZZ_ASSERT(c);
	if (!c[0] || !strchr("=+-@\t\r", c[0]))
		return c;
	q = malloc(strlen(c) + 2);
	FUZZ_ASSERT(q);
	q[0] = '\'';
	strcpy(q + 1, c);
	free(c);
	return q;
}

/* Read one RFC 4180 record from *p into cells (at most max), each a new
 * string; returns the count and moves *p past the CRLF. */
static size_t csv_record(const char **p, char **cells, size_t max)
{
	const char *s = *p;
	size_t n = 0;

	for (;;) {
		struct buf c;

		buf_init(&c, 0);
		if (*s == '"') {
			for (s++;; s++) {
				FUZZ_ASSERT(*s); /* an unterminated quote */
				if (*s == '"' && s[1] == '"')
					buf_addc(&c, *s++);
				else if (*s == '"')
					break;
				else
					buf_addc(&c, *s);
			}
			s++;
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n';
			     s++) {
				FUZZ_ASSERT(*s != '"'); /* bare quote */
				buf_addc(&c, *s);
			}
		}
		FUZZ_ASSERT(n < max);
		cells[n++] = c.data ? buf_detach(&c) : strdup("");
		buf_release(&c);
		if (*s == ',') {
			s++;
			continue;
		}
		FUZZ_ASSERT(s[0] == '\r' && s[1] == '\n');
		*p = s + 2;
		return n;
	}
}

static void check_csv(const struct store_event *ev, const struct buf *b)
{
	const char *p = b->data;
	char *cells[32], *want;
	size_t n, i;

	FUZZ_ASSERT(p && text_utf8_valid(b->data, b->len));
	n = csv_record(&p, cells, 32);
	FUZZ_ASSERT(n == 14);
	for (i = 0; i < n; i++)
		free(cells[i]);
	n = csv_record(&p, cells, 32);
	FUZZ_ASSERT(n == 14 && *p == '\0');
	want = csv_expect(ev->title);
	FUZZ_ASSERT(strcmp(cells[5], want) == 0);
	free(want);
	want = csv_expect(ev->company);
	FUZZ_ASSERT(strcmp(cells[2], want) == 0);
	free(want);
	want = csv_expect(ev->summary);
	FUZZ_ASSERT(strcmp(cells[6], want) == 0);
	free(want);
	for (i = 0; i < n; i++) {
		/* no cell a spreadsheet would read as a formula */
		FUZZ_ASSERT(!strchr("=+-@", cells[i][0]) || !cells[i][0]);
		free(cells[i]);
	}
}

/* The value of the first unfolded line starting with name, unescaped. */
static char *ics_value(const struct buf *b, const char *name)
{
	struct buf u, v;
	const char *s;
	char *line, *out;
	size_t i;

	/* unfold: CRLF followed by a space joins lines */
	buf_init(&u, 0);
	for (i = 0; i < b->len; i++) {
		if (b->data[i] == '\r' && i + 2 < b->len &&
		    b->data[i + 1] == '\n' && b->data[i + 2] == ' ') {
			i += 2;
			continue;
		}
		buf_addc(&u, b->data[i]);
	}
	line = strstr(u.data, name);
	FUZZ_ASSERT(line);
	buf_init(&v, 0);
	for (s = line + strlen(name); *s && *s != '\r'; s++) {
		if (*s == '\\') {
			s++;
			FUZZ_ASSERT(*s == '\\' || *s == ';' || *s == ',' ||
				    *s == 'n');
			buf_addc(&v, *s == 'n' ? '\n' : *s);
		} else {
			/* an unescaped separator would split the value */
			FUZZ_ASSERT(*s != ';' && *s != ',');
			buf_addc(&v, *s);
		}
	}
	out = v.data ? buf_detach(&v) : strdup("");
	buf_release(&v);
	buf_release(&u);
	return out;
}

static void check_ics(const struct store_event *ev, const struct buf *b)
{
	const char *p = b->data, *eol;
	char *company, *action, *title, *got;
	struct buf want;

	FUZZ_ASSERT(p);
	while (*p) {
		eol = strstr(p, "\r\n");
		FUZZ_ASSERT(eol);	    /* every line ends CRLF */
		FUZZ_ASSERT(eol - p <= 75); /* RFC 5545 3.1 */
		FUZZ_ASSERT(text_utf8_valid(
			p, (size_t)(eol - p))); /* no cut char */
		FUZZ_ASSERT(!fuzz_has_controls(p, (size_t)(eol - p)));
		FUZZ_ASSERT(!memchr(p, '\n', (size_t)(eol - p)));
		p = eol + 2;
	}
	if (!strstr(b->data, "BEGIN:VEVENT"))
		return; /* the day was not a day: no event, rightly */
	company = text_clean(ev->company, strlen(ev->company));
	action = text_clean(ev->action, strlen(ev->action));
	title = text_clean(ev->title, strlen(ev->title));
	buf_init(&want, 0);
	buf_addf(&want, "%s%s%s: %s", *company ? company : "-",
		 *action ? " " : "", action, title);
	got = ics_value(b, "\r\nSUMMARY:");
	FUZZ_ASSERT(strcmp(got, want.data) == 0);
	free(got);
	free(company);
	free(action);
	free(title);
	buf_release(&want);
}

static void check_md(const struct buf *b)
{
	const char *p;

	FUZZ_ASSERT(b->len && b->data[b->len - 1] == '\n');
	FUZZ_ASSERT(memchr(b->data, '\n', b->len) == b->data + b->len - 1);
	FUZZ_ASSERT(text_utf8_valid(b->data, b->len));
	FUZZ_ASSERT(!fuzz_has_controls(b->data, b->len - 1));
	/* outside backslash escapes: no '<', and "](" opens http(s) only */
	for (p = b->data; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		FUZZ_ASSERT(*p != '<');
		if (p[0] == ']' && p[1] == '(')
			FUZZ_ASSERT(!strncmp(p + 2, "http://", 7) ||
				    !strncmp(p + 2, "https://", 8));
	}
}

static void check_json(const struct buf *b)
{
	size_t i;

	FUZZ_ASSERT(b->len && b->data[b->len - 1] == '\n');
	FUZZ_ASSERT(text_utf8_valid(b->data, b->len));
	for (i = 0; i + 1 < b->len; i++)
		FUZZ_ASSERT((unsigned char)b->data[i] >= 0x20);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *f[NFIELDS];
	struct store_event ev;
	struct store_event_source src[2];
	const char *topics[2];
	char *copy;
	struct buf b;
	struct err e;
	size_t i, k = 0;

	if (size > 64 * 1024)
		return 0;
	/* fields separated by NUL bytes; missing ones are "" */
	copy = malloc(size + 1);
	FUZZ_ASSERT(copy);
	memcpy(copy, data, size);
	copy[size] = '\0';
	f[k++] = copy;
	for (i = 0; i < size && k < NFIELDS; i++)
		if (!copy[i])
			f[k++] = copy + i + 1;
	for (; k < NFIELDS; k++)
		f[k] = "";

	memset(&ev, 0, sizeof(ev));
	memset(src, 0, sizeof(src));
	ev.id = 7;
	ev.day = f[0];
	ev.company = f[1];
	ev.action = f[2];
	ev.title = f[3];
	ev.summary = f[4];
	ev.until = *f[5] ? f[5] : NULL;
	ev.until_text = *f[6] ? f[6] : NULL;
	ev.origin = f[7];
	ev.key = f[8];
	ev.url = *f[9] ? f[9] : NULL;
	ev.note = f[10];
	topics[0] = f[11];
	topics[1] = f[12];
	ev.topics = topics;
	ev.ntopics = 2;
	src[0].source = f[13];
	src[0].url = f[14];
	src[1].source = f[15];
	src[1].url = "javascript:alert(1)";
	ev.sources = src;
	ev.nsources = size % 3; /* none, one or two */
	ev.follows = size % 5 == 0 ? 3 : 0;
	ev.policy = size & 1;
	ev.starred = size & 2;

	buf_init(&b, 0);
	write_one(&export_csv_writer, &ev, &b);
	check_csv(&ev, &b);
	b.len = 0;
	write_one(&export_ics_writer, &ev, &b);
	check_ics(&ev, &b);
	b.len = 0;
	FUZZ_ASSERT(export_md_bullet(&b, NULL, &ev, &e) == 0);
	check_md(&b);
	b.len = 0;
	FUZZ_ASSERT(export_event_json(&b, &ev) == 0);
	check_json(&b);
	buf_release(&b);
	free(copy);
	return 0;
}
