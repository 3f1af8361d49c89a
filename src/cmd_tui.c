/* cmd_tui.c - annals tui: the timeline in a terminal */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "store.h"
#include "tui.h"

int cmd_tui(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_FILTER_OPTIONS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct tui_opts o;
	struct store *s = NULL;
	struct err e;
	char since[11], until[11];
	int ch, r;

	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, ":ah", opts, NULL)) != -1) {
		if (ch == 'h')
			return cmd_help(self);
		r = cmd_filter_option(self, ch, optarg, &o.filter, since,
				      until);
		if (r != 1)
			return r ? r : cmd_bad_option(self, ch, argv);
	}
	if (optind < argc)
		return cmd_usage_error(self, "unexpected argument '%s'",
				       argv[optind]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_warn(
			"tui needs a terminal; 'annals list' prints the timeline");
		return EXIT_USAGE;
	}
	/* created here (and its directory) so that a first run can fetch */
	if (app_open_store(app, 1, &s) < 0)
		return EXIT_FAIL;
	store_close(s);
	o.db_path = app->db_path;
	o.sources_path = app->sources_path;
	o.rules_path = app->rules_path;
	if (tui_run(&o, &e) < 0) {
		cmd_warn("%s", e.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
