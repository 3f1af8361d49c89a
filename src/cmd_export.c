/* cmd_export.c - annals export: the timeline for reports, wikis and
 * calendars */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "export.h"
#include "store.h"

/* The filters in words, for the export's header. */
static void describe(const struct store_filter *f, struct buf *b)
{
	if (f->since)
		buf_addf(b, "%ssince %s", b->len ? ", " : "", f->since);
	if (f->until)
		buf_addf(b, "%suntil %s", b->len ? ", " : "", f->until);
	if (f->company)
		buf_addf(b, "%scompany %s", b->len ? ", " : "", f->company);
	if (f->action)
		buf_addf(b, "%saction %s", b->len ? ", " : "", f->action);
	if (f->topic)
		buf_addf(b, "%stopic %s", b->len ? ", " : "", f->topic);
	if (f->search)
		buf_addf(b, "%ssearch \"%s\"", b->len ? ", " : "", f->search);
	if (f->starred)
		buf_addf(b, "%sstarred", b->len ? ", " : "");
	if (f->all)
		buf_addf(b, "%sall items, not only policy moves",
			 b->len ? ", " : "");
}

/* SOURCE_DATE_EPOCH makes the output reproducible. */
static int generated_at(long long *t)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (!v || !*v) {
		*t = time(NULL);
		return 0;
	}
	errno = 0;
	*t = strtoll(v, &end, 10);
	return errno || *end || *t < 0 ? -1 : 0;
}

int cmd_export(struct app *app, const struct cmd *self, int argc, char **argv)
{
	enum { OPT_BY_TOPIC = 300, OPT_COMPARE, OPT_MERMAID };
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"by-topic", no_argument, NULL, OPT_BY_TOPIC},
		{"compare", no_argument, NULL, OPT_COMPARE},
		{"mermaid", no_argument, NULL, OPT_MERMAID},
		CMD_FILTER_OPTIONS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct export_opts o;
	struct store_filter f;
	struct buf words;
	struct err e;
	const char *output = NULL;
	char since[11], until[11], tmp[4200];
	FILE *out = stdout;
	int ch, r, rc = EXIT_FAIL;

	memset(&o, 0, sizeof(o));
	memset(&f, 0, sizeof(f));
	o.format = EXPORT_MD;
	while ((ch = cmd_getopt(self, argc, argv, ":f:o:ah", opts, &rc)) > 0) {
		switch (ch) {
		case 'f':
			if (export_format_from(optarg, &o.format) < 0)
				return cmd_usage_error(
					self,
					"-f '%s': use md, jsonl, csv, html or ics",
					optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_BY_TOPIC:
			o.by_topic = true;
			break;
		case OPT_COMPARE:
			o.compare = true;
			break;
		case OPT_MERMAID:
			o.mermaid = true;
			break;
		default:
			r = cmd_filter_option(self, ch, optarg, &f, since,
					      until);
			if (r != 1)
				return r ? r : cmd_bad_option(self, ch, argv);
		}
	}
	if (ch == 0)
		return rc;
	if (optind < argc)
		return cmd_extra_arg(self, argv);
	if ((o.by_topic || o.compare || o.mermaid) && o.format != EXPORT_MD)
		return cmd_usage_error(
			self,
			"--by-topic, --compare and --mermaid are for -f md");
	if (generated_at(&o.generated) < 0) {
		cmd_warn("SOURCE_DATE_EPOCH is not a number of seconds");
		return EXIT_USAGE;
	}
	buf_init(&words, 0);
	describe(&f, &words);
	o.filters = words.len ? words.data : NULL;
	if (app_prepare(app, APP_READ) != EXIT_OK)
		goto out;
	if (output) {
		/* write beside, then rename: a failed export leaves no half */
		snprintf(tmp, sizeof(tmp), "%s.tmp", output);
		out = fopen(tmp, "w");
		if (!out) {
			cmd_warn("'%s': %s", tmp, strerror(errno));
			out = stdout;
			goto out;
		}
	}
	if (export_write(app->store, &f, &o, out, &e) < 0) {
		cmd_warn("%s", e.msg);
		if (output)
			remove(tmp);
		goto out;
	}
	if (output) {
		if (fclose(out) != 0 || rename(tmp, output) != 0) {
			cmd_warn("'%s': %s", output, strerror(errno));
			out = stdout;
			remove(tmp);
			goto out;
		}
		out = stdout;
	}
	rc = EXIT_OK;
out:
	if (out != stdout)
		fclose(out);
	buf_release(&words);
	return rc;
}
