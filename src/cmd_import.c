/* cmd_import.c - annals import: local files through the sync pipeline */
#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"
#include "store.h"
#include "sync.h"

/* "dir/amazon-press.xml" -> "amazon-press" in out. */
static void base_name(const char *path, char *out, size_t n)
{
	const char *b = strrchr(path, '/');
	char *dot;

	snprintf(out, n, "%s", b ? b + 1 : path);
	dot = strrchr(out, '.');
	if (dot && dot != out)
		*dot = '\0';
}

/* Where one file's items go. Strings owned. */
struct import_source {
	char *name;
	char *company;
	char *url;
	const struct config_source *cs; /* configured: its kind (borrowed) */
};

static void import_source_release(struct import_source *is)
{
	free(is->name);
	free(is->company);
	free(is->url);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The source of path: --company names a new one after the file, --source
 * or the file's base name must be in the sources config or the database. */
static int resolve_source(struct app *app, const struct config *cfg,
			  struct store *s, const char *source,
			  const char *company, const char *path,
			  struct import_source *out)
{
	const struct config_source *cs;
	char name[256];
	struct err e;
	int found;

	if (source)
		snprintf(name, sizeof(name), "%s", source);
	else
		base_name(path, name, sizeof(name));
	out->name = strdup(name);
	if (company) {
		out->company = strdup(company);
		return EXIT_OK;
	}
	cs = config_find(cfg, name);
	if (cs) {
		out->company = dup_or_null(cs->company);
		out->url = dup_or_null(cs->url);
		out->cs = cs;
		return EXIT_OK;
	}
	found = store_source_find(s, name, &out->company, &out->url, &e);
	if (found < 0) {
		cmd_warn("%s", e.msg);
		return EXIT_FAIL;
	}
	if (found)
		return EXIT_OK;
	cmd_warn(
		"%s: no source named '%s' in %s or the database; use --source NAME or --company NAME",
		path, name,
		app->sources_path ? app->sources_path
				  : "the sources (none found)");
	return EXIT_USAGE;
}

int cmd_import(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"company", required_argument, NULL, 'c'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *source = NULL, *company = NULL;
	struct import_source *srcs;
	int ch, i, quiet = 0, failed = 0, rc = EXIT_OK;

	while ((ch = cmd_getopt(self, argc, argv, ":s:c:qh", opts, &rc)) > 0) {
		if (ch == 's')
			source = optarg;
		else if (ch == 'c')
			company = optarg;
		else
			quiet = 1;
	}
	if (ch == 0)
		return rc;
	if (source && company)
		return cmd_usage_error(
			self, "--source and --company exclude each other");
	if (optind >= argc)
		return cmd_usage_error(self, "no file to import");
	if (company && !*company)
		return cmd_usage_error(self, "--company needs a name");
	for (i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && !source && !company)
			return cmd_usage_error(
				self,
				"standard input needs --source or --company");
	srcs = calloc((size_t)(argc - optind), sizeof(*srcs));
	if (!srcs) {
		cmd_warn("out of memory");
		return EXIT_FAIL;
	}
	rc = app_prepare(app, APP_CONFIG | APP_RULES | APP_WRITE);
	if (rc != EXIT_OK) {
		free(srcs);
		return rc;
	}
	/* every file's source must be known before anything is written */
	for (i = optind; i < argc && rc == EXIT_OK; i++) {
		rc = resolve_source(app, &app->cfg, app->store, source, company,
				    argv[i], &srcs[i - optind]);
		if (source)
			break; /* one source for all files */
	}
	for (i = optind; i < argc && rc == EXIT_OK; i++) {
		const struct import_source *is = &srcs[source ? 0 : i - optind];
		struct sync_source src;
		struct sync_stats st;
		struct err e;

		memset(&src, 0, sizeof(src));
		memset(&st, 0, sizeof(st));
		src.name = is->name;
		src.company = is->company;
		src.kind = is->cs ? is->cs->kind : "feed";
		src.page = is->cs ? &is->cs->page : NULL;
		src.url = is->url;
		if (sync_file(app->store, app->rules, &src, argv[i], &st, &e) <
		    0) {
			cmd_warn("%s", e.msg);
			failed = 1;
			continue;
		}
		if (!quiet)
			printf("%s: %ld items, %ld new, %ld revised (source %s)%s\n",
			       argv[i], st.items, st.added, st.revised,
			       is->name,
			       st.warnings ? ", damaged input recovered" : "");
	}
	if (rc == EXIT_OK && failed)
		rc = EXIT_FAIL;
	for (i = 0; i < argc - optind; i++)
		import_source_release(&srcs[i]);
	free(srcs);
	return rc;
}
