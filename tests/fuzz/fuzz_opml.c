/* fuzz_opml.c - OPML files on any bytes, and their round trips: what
 * opml_read() reads, written by opml_sources(), is read back by
 * config_load() exactly (opml.h's contract); those sources written by
 * opml_export() are read back by opml_read() as the same feeds. */
#include "fuzz.h"

#include "buf.h"
#include "config.h"
#include "err.h"
#include "opml.h"

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	FUZZ_ASSERT(!fuzz_has_controls(msg, strlen(msg)));
	FUZZ_ASSERT(!strchr(msg, '\n'));
}

static void check_feed(const struct opml_feed *f)
{
	FUZZ_ASSERT(f->name && *f->name && f->title && f->company && f->url);
	FUZZ_ASSERT(!strncmp(f->url, "http://", 7) ||
		    !strncmp(f->url, "https://", 8));
	FUZZ_ASSERT(!fuzz_has_controls(f->title, strlen(f->title)));
	FUZZ_ASSERT(!strchr(f->title, '\n') && !strchr(f->url, '\n'));
	FUZZ_ASSERT(opml_company_valid(f->company) ||
		    !strcmp(f->company, "auto"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml o, back;
	struct config c;
	struct buf b, x;
	struct err e;
	const char *path;
	size_t i;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	path = fuzz_file("in.opml", data, size);
	memset(&o, 0, sizeof(o));
	memset(&back, 0, sizeof(back));
	memset(&c, 0, sizeof(c));
	buf_init(&b, 0);
	buf_init(&x, 0);
	if (opml_read(path, NULL, &o, warn, NULL, &e) < 0) {
		FUZZ_ASSERT(o.n == 0);
		goto out;
	}
	for (i = 0; i < o.n; i++)
		check_feed(&o.v[i]);

	/* the sources file it makes reads back as exactly these feeds */
	FUZZ_ASSERT(opml_sources(&o, "fuzz \n\x1b[31m", &b) == 0);
	path = fuzz_file("out.conf", (const uint8_t *)(b.data ? b.data : ""),
			 b.len);
	if (config_load(path, &c, &e) < 0) {
		fprintf(stderr, "config_load: %s\n", e.msg);
		FUZZ_ASSERT(!"opml_sources() output reads back");
	}
	FUZZ_ASSERT(c.n == o.n);
	for (i = 0; i < o.n; i++) {
		FUZZ_ASSERT(!strcmp(c.v[i].name, o.v[i].name));
		FUZZ_ASSERT(!strcmp(c.v[i].company, o.v[i].company));
		FUZZ_ASSERT(!strcmp(c.v[i].url, o.v[i].url));
		FUZZ_ASSERT(!strcmp(c.v[i].kind, "feed"));
	}

	/* and exported as OPML, those sources read back the same */
	FUZZ_ASSERT(opml_export(&c, -1, &x, &e) == 0);
	path = fuzz_file("in.opml", (const uint8_t *)(x.data ? x.data : ""),
			 x.len);
	if (opml_read(path, NULL, &back, warn, NULL, &e) < 0) {
		fprintf(stderr, "opml_read: %s\n", e.msg);
		FUZZ_ASSERT(!"opml_export() output reads back");
	}
	FUZZ_ASSERT(back.own && back.n == c.n);
	for (i = 0; i < back.n; i++) {
		const struct config_source *s = config_find(&c, back.v[i].name);

		FUZZ_ASSERT(s);
		FUZZ_ASSERT(!strcmp(s->url, back.v[i].url));
		FUZZ_ASSERT(!strcmp(s->company, back.v[i].company));
	}
out:
	opml_release(&o);
	opml_release(&back);
	config_release(&c);
	buf_release(&b);
	buf_release(&x);
	fuzz_unlink(fuzz_file("in.opml", NULL, 0));
	fuzz_unlink(fuzz_file("out.conf", NULL, 0));
	return 0;
}
