/* cmd_opml.c - annals opml: subscription lists in and out */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "err.h"
#include "opml.h"

#define WARN_MAX 20 /* skipped outlines named one by one */

/* The subcommands, for their usage lines and --help. */
static const struct cmd sub_import = {
	"opml import", cmd_opml, "FILE|- [--company NAME] [--output FILE]",
	"write the feeds of an OPML subscription list as a sources file",
	"  -c, --company NAME  every feed is of company NAME (default: from\n"
	"                      the folder or category, else auto)\n"
	"  -o, --output FILE   write to FILE instead of standard output\n"};

static const struct cmd sub_export = {
	"opml export", cmd_opml, "[--output FILE]",
	"write the feed sources as an OPML 2.0 subscription list",
	"  -o, --output FILE   write to FILE instead of standard output\n"};

static void on_skip(void *ctx, const char *msg)
{
	long *n = ctx;

	if (++*n <= WARN_MAX)
		cmd_warn("%s", msg);
}

/* Write b to path, or to standard output when path is NULL. Returns 0,
 * or prints why and returns -1. */
static int write_out(const char *path, const struct buf *b)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	int rc = 0;

	if (!f) {
		cmd_warn("'%s': %s", path, strerror(errno));
		return -1;
	}
	if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
		rc = -1;
	if (fflush(f) != 0)
		rc = -1;
	if (path && fclose(f) != 0)
		rc = -1;
	if (rc < 0)
		cmd_warn("'%s': %s", path ? path : "standard output",
			 strerror(errno));
	return rc;
}

static int run_import(const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"company", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *company = NULL, *output = NULL, *path, *origin;
	struct opml o;
	struct buf text;
	struct err e;
	long skipped = 0;
	int ch, rc = EXIT_FAIL;

	while ((ch = cmd_getopt(self, argc, argv, ":c:o:h", opts, &rc)) > 0) {
		if (ch == 'c')
			company = optarg;
		else
			output = optarg;
	}
	if (ch == 0)
		return rc;
	if (optind >= argc)
		return cmd_usage_error(self, "no OPML file");
	if (optind + 1 < argc)
		return cmd_usage_error(self, "one OPML file at a time");
	if (company && !opml_company_valid(company))
		return cmd_usage_error(
			self,
			"--company needs a name of one line, without ';' or surrounding spaces");
	if (output && !*output)
		return cmd_usage_error(self, "--output needs a file name");
	path = argv[optind];
	memset(&o, 0, sizeof(o));
	buf_init(&text, 0);
	if (opml_read(path, company, &o, on_skip, &skipped, &e) < 0) {
		cmd_warn("%s", e.msg);
		goto out;
	}
	if (skipped > WARN_MAX)
		cmd_warn("%ld more outlines skipped", skipped - WARN_MAX);
	origin = strcmp(path, "-") ? path : NULL;
	if (!o.n)
		cmd_warn("'%s': no feeds found", origin ? origin : "-");
	if (opml_sources(&o, origin, &text) < 0) {
		cmd_warn("out of memory");
		goto out;
	}
	if (write_out(output, &text) < 0)
		goto out;
	if (output)
		printf("%s: %zu sources, %ld outlines skipped\n", output, o.n,
		       skipped);
	rc = EXIT_OK;
out:
	opml_release(&o);
	buf_release(&text);
	return rc;
}

/* SOURCE_DATE_EPOCH as the OPML's creation date, or -1 when unset; -2
 * when it is not a number of seconds. */
static long long created_at(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (!s || !*s)
		return -1;
	errno = 0;
	t = strtoll(s, &end, 10);
	if (errno || *end || t < 0 || *s < '0' || *s > '9')
		return -2;
	return t;
}

static int run_export(struct app *app, const struct cmd *self, int argc,
		      char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL;
	struct buf xml;
	struct err e;
	long long created;
	int ch, rc = EXIT_FAIL;

	while ((ch = cmd_getopt(self, argc, argv, ":o:h", opts, &rc)) > 0)
		output = optarg; /* -o, the only option left */
	if (ch == 0)
		return rc;
	if (optind < argc)
		return cmd_extra_arg(self, argv);
	if (output && !*output)
		return cmd_usage_error(self, "--output needs a file name");
	created = created_at();
	if (created == -2) {
		cmd_warn("SOURCE_DATE_EPOCH '%s' is not a number of seconds",
			 getenv("SOURCE_DATE_EPOCH"));
		return EXIT_USAGE;
	}
	if (app_prepare(app, APP_CONFIG) != EXIT_OK)
		return EXIT_USAGE;
	if (!app->sources_path)
		cmd_warn("no sources found (see --sources); the list is empty");
	buf_init(&xml, 0);
	if (opml_export(&app->cfg, created, &xml, &e) < 0) {
		cmd_warn("%s", e.msg);
		goto out;
	}
	if (write_out(output, &xml) < 0)
		goto out;
	rc = EXIT_OK;
out:
	buf_release(&xml);
	return rc;
}

int cmd_opml(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *sub;
	int rc;

	/* options before the subcommand are opml's own */
	if (cmd_getopt(self, argc, argv, "+:h", opts, &rc) == 0)
		return rc;
	if (optind >= argc)
		return cmd_usage_error(self, "import or export?");
	sub = argv[optind];
	argc -= optind;
	argv += optind;
	optind = 0; /* glibc: reinitialise getopt for the subcommand */
	if (strcmp(sub, "import") == 0)
		return run_import(&sub_import, argc, argv);
	if (strcmp(sub, "export") == 0)
		return run_export(app, &sub_export, argc, argv);
	return cmd_usage_error(self, "no subcommand '%s' (import or export)",
			       sub);
}
