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
	struct config cfg;
	struct store *s = NULL;
	int ch, i, quiet = 0, rc = EXIT_OK;

	while ((ch = getopt_long(argc, argv, ":s:c:qh", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			source = optarg;
			break;
		case 'c':
			company = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			return cmd_help(self);
		default:
			return cmd_bad_option(self, ch, argv);
		}
	}
	if (source && company)
		return cmd_usage_error(self, "--source and --company exclude each other");
	if (optind >= argc)
		return cmd_usage_error(self, "no file to import");
	if (company && !*company)
		return cmd_usage_error(self, "--company needs a name");
	for (i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && !source && !company)
			return cmd_usage_error(self, "standard input needs --source or --company");
	if (app_load_config(app, &cfg) < 0)
		return EXIT_USAGE;
	/* every file's source must be known before anything is written */
	for (i = optind; i < argc && !company; i++) {
		char name[256];

		if (source)
			snprintf(name, sizeof(name), "%s", source);
		else
			base_name(argv[i], name, sizeof(name));
		if (!config_find(&cfg, name)) {
			cmd_warn("%s: no source named '%s' in %s; use --source NAME or --company NAME",
				 argv[i], name,
				 app->sources_path ? app->sources_path :
						     "the sources (none found)");
			config_release(&cfg);
			return EXIT_USAGE;
		}
		if (source)
			break;
	}
	if (app_open_store(app, 1, &s) < 0) {
		config_release(&cfg);
		return EXIT_FAIL;
	}
	for (i = optind; i < argc; i++) {
		struct sync_stats st = {0, 0, 0, 0, 0};
		struct sync_source src = {NULL, NULL, "feed", NULL};
		char name[256];
		struct err e;

		if (source)
			snprintf(name, sizeof(name), "%s", source);
		else
			base_name(argv[i], name, sizeof(name));
		src.name = name;
		if (company) {
			src.company = company;
		} else {
			const struct config_source *cs = config_find(&cfg, name);

			src.company = cs->company;
			src.kind = cs->kind;
			src.url = cs->url;
		}
		if (sync_file(s, &src, argv[i], &st, &e) < 0) {
			cmd_warn("%s", e.msg);
			rc = EXIT_FAIL;
			continue;
		}
		if (!quiet)
			printf("%s: %ld items, %ld new, %ld revised (source %s)%s\n",
			       argv[i], st.items, st.added, st.revised, name,
			       st.warnings ? ", damaged input recovered" : "");
	}
	store_close(s);
	config_release(&cfg);
	return rc;
}
