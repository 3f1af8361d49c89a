/* export.c - timelines written for other tools and people: the dispatch,
 * the shared event JSON, and the JSON Lines writer */
#include "export.h"

#include <errno.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "export_impl.h"
#include "store.h"
#include "text.h"

/* The writers by format; NULL: not available in this build. Each writer
 * lives in its own export_<format>.c. */
static const struct export_writer *const writers[] = {
	[EXPORT_MD] = &export_md_writer,
	[EXPORT_JSONL] = &export_jsonl_writer,
	[EXPORT_CSV] = &export_csv_writer,
	[EXPORT_HTML] = &export_html_writer,
	[EXPORT_ICS] = &export_ics_writer,
};

static const char *const names[] = {
	[EXPORT_MD] = "md",	[EXPORT_JSONL] = "jsonl", [EXPORT_CSV] = "csv",
	[EXPORT_HTML] = "html", [EXPORT_ICS] = "ics",
};

int export_format_from(const char *name, enum export_format *f)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i])) {
			*f = (enum export_format)i;
			return 0;
		}
	return -1;
}

int export_flush(struct export_ctx *x)
{
	if (x->line.len &&
	    fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len)
		return err_set(x->e, "cannot write the export: %s",
			       strerror(errno));
	x->line.len = 0;
	return 0;
}

int export_link_ok(const char *url)
{
	return url &&
	       (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7));
}

int export_event_json(struct buf *b, const struct store_event *ev)
{
	char when[21];
	size_t i;
	int rc = 0;

	rc |= buf_addf(b, "{\"id\": %lld, \"day\": ", ev->id);
	rc |= text_json(b, ev->day);
	rc |= buf_adds(b, ", \"company\": ");
	rc |= text_json(b, ev->company);
	rc |= buf_adds(b, ", \"action\": ");
	rc |= text_json(b, ev->action);
	rc |= buf_adds(b, ", \"topics\": ");
	rc |= text_json_array(b, ev->topics, ev->ntopics);
	rc |= buf_adds(b, ", \"title\": ");
	rc |= text_json(b, ev->title);
	rc |= buf_adds(b, ", \"summary\": ");
	rc |= text_json(b, ev->summary);
	rc |= buf_adds(b, ", \"until\": ");
	rc |= text_json(b, ev->until);
	rc |= buf_adds(b, ", \"until_text\": ");
	rc |= text_json(b, ev->until_text);
	if (ev->follows)
		rc |= buf_addf(b, ", \"follows\": %lld", ev->follows);
	else
		rc |= buf_adds(b, ", \"follows\": null");
	rc |= buf_addf(b, ", \"policy\": %s, \"origin\": ",
		       ev->policy ? "true" : "false");
	rc |= text_json(b, ev->origin);
	rc |= buf_addf(b, ", \"starred\": %s, \"sources\": [",
		       ev->starred ? "true" : "false");
	if (ev->nsources == 0 && ev->url) {
		/* a manual event: its url is its source */
		rc |= buf_adds(b, "{\"source\": \"manual\", \"url\": ");
		rc |= text_json(b, ev->url);
		rc |= buf_adds(b, ", \"published\": null}");
	}
	for (i = 0; i < ev->nsources; i++) {
		const struct store_event_source *src = &ev->sources[i];

		rc |= buf_adds(b, i ? ", {\"source\": " : "{\"source\": ");
		rc |= text_json(b, src->source);
		rc |= buf_adds(b, ", \"url\": ");
		rc |= text_json(b, src->url);
		rc |= buf_adds(b, ", \"published\": ");
		if (src->has_published) {
			date_format_utc(src->published, when);
			rc |= text_json(b, when);
		} else {
			rc |= buf_adds(b, "null");
		}
		rc |= buf_addc(b, '}');
	}
	rc |= buf_adds(b, "]}\n");
	return rc ? -1 : 0;
}

static int jsonl_event(struct export_ctx *x, const struct store_event *ev)
{
	if (export_event_json(&x->line, ev) < 0)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

const struct export_writer export_jsonl_writer = {NULL, jsonl_event, NULL,
						  NULL};

static int on_event(const struct store_event *ev, void *arg)
{
	struct export_ctx *x = arg;
	const struct export_writer *w = writers[x->o->format];

	if (w->event(x, ev) < 0)
		return -1;
	x->count++;
	return 0;
}

int export_write(struct store *s, const struct store_filter *f,
		 const struct export_opts *o, FILE *out, struct err *e)
{
	const struct export_writer *w =
		(unsigned)o->format < sizeof(writers) / sizeof(writers[0])
			? writers[o->format]
			: NULL;
	struct export_ctx x;
	int rc = -1, r;

	if (!w)
		return err_set(e, "the %s format is not available yet",
			       (unsigned)o->format <
					       sizeof(names) / sizeof(*names)
				       ? names[o->format]
				       : "?");
	memset(&x, 0, sizeof(x));
	x.s = s;
	x.f = f;
	x.o = o;
	x.out = out;
	x.e = e;
	buf_init(&x.line, 0);
	if (w->begin && w->begin(&x) < 0)
		goto out;
	r = store_events(s, f, false, on_event, &x, e);
	if (r != 0)
		goto out;
	if (w->end && w->end(&x) < 0)
		goto out;
	if (export_flush(&x) < 0 || fflush(out) != 0) {
		err_set(e, "cannot write the export: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (x.state && w->release)
		w->release(&x);
	buf_release(&x.line);
	return rc;
}
