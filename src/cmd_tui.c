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
	struct err e;
	char since[11], until[11];
	int ch, r, rc;

	memset(&o, 0, sizeof(o));
	while ((ch = cmd_getopt(self, argc, argv, ":ah", opts, &rc)) > 0) {
		r = cmd_filter_option(self, ch, optarg, &o.filter, since,
				      until);
		if (r != 1)
			return r ? r : cmd_bad_option(self, ch, argv);
	}
	if (ch == 0)
		return rc;
	if (optind < argc)
		return cmd_extra_arg(self, argv);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_warn(
			"tui needs a terminal; 'annals list' prints the timeline");
		return EXIT_USAGE;
	}
	/* created here (and its directory) so that a first run can fetch;
	 * the interface opens its own */
	rc = app_prepare(app, APP_WRITE);
	if (rc != EXIT_OK)
		return rc;
	app_release(app);
	o.db_path = app->db_path;
	o.sources_path = app->sources_path;
	o.rules_path = app->rules_path;
	if (tui_run(&o, &e) < 0) {
		cmd_warn("%s", e.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
