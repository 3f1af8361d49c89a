/* cmd_parse.c - annals parse: the JSON debug view of a feed */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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

static int json_meta(struct buf *b, enum feed_format fmt,
		     const struct feed_meta *m)
{
	int rc = 0;

	rc |= buf_adds(b, "{\"format\": ");
	rc |= text_json(b, feed_format_name(fmt));
	rc |= buf_adds(b, ", \"feed\": {\"title\": ");
	rc |= text_json(b, m->title);
	rc |= buf_adds(b, ", \"link\": ");
	rc |= text_json(b, m->link);
	rc |= buf_adds(b, ", \"subtitle\": ");
	rc |= text_json(b, m->subtitle);
	rc |= buf_adds(b, ", \"updated\": ");
	rc |= json_stamp(b, &m->updated);
	rc |= buf_adds(b, "},\n \"items\": [");
	return rc ? -1 : 0;
}

static int json_item(struct buf *b, const struct item *it, int first)
{
	int rc = 0;

	rc |= buf_adds(b, first ? "\n  {\"id\": " : ",\n  {\"id\": ");
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
	return rc ? -1 : 0;
}

/*
 * Items are written as they are parsed to a spool file, so that memory
 * stays flat; the feed's own metadata, which may come last, is written
 * before them at the end.
 */
struct spool {
	FILE *f;
	struct buf line;
	long items;
	int failed;
};

static int spool_item(struct item *it, void *ctx)
{
	struct spool *sp = ctx;

	sp->line.len = 0;
	if (json_item(&sp->line, it, sp->items == 0) < 0 ||
	    fwrite(sp->line.data, 1, sp->line.len, sp->f) != sp->line.len) {
		sp->failed = 1;
		return -1;
	}
	sp->items++;
	return 0;
}

/* Header, spooled items, footer to stdout. */
static int write_output(struct feed_parser *p, struct spool *sp)
{
	char chunk[65536];
	struct buf b;
	size_t n;
	int rc = -1;

	buf_init(&b, 0);
	if (json_meta(&b, feed_parser_format(p), feed_parser_meta(p)) < 0 ||
	    fwrite(b.data, 1, b.len, stdout) != b.len)
		goto out;
	if (fflush(sp->f) != 0 || fseek(sp->f, 0, SEEK_SET) != 0)
		goto out;
	while ((n = fread(chunk, 1, sizeof(chunk), sp->f)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n)
			goto out;
	if (ferror(sp->f))
		goto out;
	fputs(sp->items ? "\n ]}\n" : "]}\n", stdout);
	rc = fflush(stdout) == 0 ? 0 : -1;
out:
	buf_release(&b);
	return rc;
}

/* Feed the file to the parser in pieces. */
static int parse_stream(const char *path, struct feed_parser *p, struct err *e)
{
	char chunk[65536];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!in)
		return err_set(e, "'%s': %s", path, strerror(errno));
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (feed_parser_push(p, chunk, n, e) < 0)
			rc = err_wrap(e, "'%s'", path);
	if (rc == 0 && ferror(in))
		rc = err_set(e, "'%s': %s", path, strerror(errno));
	if (rc == 0 && feed_parser_finish(p, e) < 0)
		rc = err_wrap(e, "'%s'", path);
	if (in != stdin)
		fclose(in);
	return rc;
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
	struct spool sp = {NULL, {NULL, 0, 0, 0}, 0, 0};
	struct feed_parser *p = NULL;
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
	sp.f = tmpfile();
	buf_init(&sp.line, 0);
	p = sp.f ? feed_parser_new(url, NULL, spool_item, &sp) : NULL;
	if (!p) {
		cmd_warn("cannot start: %s",
			 sp.f ? "out of memory" : strerror(errno));
		goto out;
	}
	if (parse_stream(path, p, &e) < 0) {
		if (sp.failed)
			cmd_warn("'%s': cannot write the output: %s", path,
				 strerror(errno));
		else
			cmd_warn("%s", e.msg);
		goto out;
	}
	if (write_output(p, &sp) < 0) {
		cmd_warn("cannot write the output: %s", strerror(errno));
		goto out;
	}
	rc = EXIT_OK;
	if (feed_parser_warnings(p))
		cmd_warn("'%s': recovered from %d problem%s in the document",
			 path, feed_parser_warnings(p),
			 feed_parser_warnings(p) == 1 ? "" : "s");
out:
	feed_parser_free(p);
	if (sp.f)
		fclose(sp.f);
	buf_release(&sp.line);
	config_release(&cfg);
	return rc;
}
