/* cmd_parse.c - annals parse: the JSON debug view of a feed */
#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "feed.h"
#include "text.h"

static int json_stamp(struct buf *b, const struct stamp *s)
{
	char out[21];

	if (!s->set)
		return buf_adds(b, "null");
	date_format_utc(s->utc, out);
	return text_json(b, out);
}

static int json_feed(struct buf *b, const struct feed *f)
{
	size_t i;
	int rc = 0;

	rc |= buf_adds(b, "{\"format\": ");
	rc |= text_json(b, feed_format_name(f->format));
	rc |= buf_adds(b, ", \"feed\": {\"title\": ");
	rc |= text_json(b, f->meta.title);
	rc |= buf_adds(b, ", \"link\": ");
	rc |= text_json(b, f->meta.link);
	rc |= buf_adds(b, ", \"subtitle\": ");
	rc |= text_json(b, f->meta.subtitle);
	rc |= buf_adds(b, ", \"updated\": ");
	rc |= json_stamp(b, &f->meta.updated);
	rc |= buf_adds(b, "},\n \"items\": [");
	for (i = 0; i < f->items.n; i++) {
		const struct item *it = &f->items.v[i];

		rc |= buf_adds(b, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
		rc |= text_json(b, it->id);
		rc |= buf_adds(b, ", \"title\": ");
		rc |= text_json(b, it->title);
		rc |= buf_adds(b, ", \"link\": ");
		rc |= text_json(b, it->link);
		rc |= buf_adds(b, ", \"published\": ");
		rc |= json_stamp(b, &it->published);
		rc |= buf_adds(b, ", \"updated\": ");
		rc |= json_stamp(b, &it->updated);
		rc |= buf_adds(b, ", \"summary\": ");
		rc |= text_json(b, it->summary);
		rc |= buf_adds(b, ", \"content\": ");
		rc |= text_json(b, it->content);
		rc |= buf_adds(b, ", \"author\": ");
		rc |= text_json(b, it->author);
		rc |= buf_adds(b, ", \"categories\": ");
		rc |= text_json_array(b, (const char *const *)it->categories,
				      it->ncategories);
		rc |= buf_addc(b, '}');
	}
	rc |= buf_adds(b, f->items.n ? "\n ]}\n" : "]}\n");
	return rc ? -1 : 0;
}

int cmd_parse(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"url", required_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *source = NULL, *url = NULL, *path;
	struct config cfg = {NULL, 0, 0};
	struct buf in, out;
	struct feed f;
	struct err e;
	int ch, rc = EXIT_FAIL;

	while ((ch = getopt_long(argc, argv, ":s:u:h", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			source = optarg;
			break;
		case 'u':
			url = optarg;
			break;
		case 'h':
			return cmd_help(self);
		default:
			return cmd_bad_option(self, ch, argv);
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error(self, optind >= argc
						     ? "no file given"
						     : "one file at a time");
	path = argv[optind];
	if (source) {
		const struct config_source *cs;

		if (app_load_config(app, &cfg) < 0)
			return EXIT_USAGE;
		cs = config_find(&cfg, source);
		if (!cs) {
			cmd_warn("no source named '%s'", source);
			config_release(&cfg);
			return EXIT_USAGE;
		}
		if (!url)
			url = cs->url;
	}
	buf_init(&in, 64u * 1024 * 1024);
	buf_init(&out, 0);
	if (buf_read_file(&in, path, &e) < 0) {
		cmd_warn("%s", e.msg);
		goto out;
	}
	if (feed_parse(in.data, in.len, url, NULL, &f, &e) < 0) {
		cmd_warn("'%s': %s", path, e.msg);
		goto out;
	}
	if (json_feed(&out, &f) < 0) {
		cmd_warn("out of memory");
	} else {
		fwrite(out.data, 1, out.len, stdout);
		rc = EXIT_OK;
	}
	if (f.warnings)
		cmd_warn("'%s': recovered from %d problem%s in the document",
			 path, f.warnings, f.warnings == 1 ? "" : "s");
	feed_release(&f);
out:
	buf_release(&in);
	buf_release(&out);
	config_release(&cfg);
	return rc;
}
