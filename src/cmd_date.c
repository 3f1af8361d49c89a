/* cmd_date.c - annals date: a date string in UTC */
#include "cmd.h"

#include <getopt.h>
#include <string.h>

#include "date.h"

int cmd_date(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char joined[512], out[21];
	size_t n = 0;
	long long t;
	int ch, i, zone_first;

	(void)app;
	/* "-0700" is a zone, not an option: stop at the first non-option;
	 * a string that starts with '-' and a digit is never an option
	 * (getopt would call "-0700" an unknown option "-0") */
	zone_first = argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' &&
		     argv[1][1] <= '9';
	if (zone_first)
		optind = 1;
	while (!zone_first &&
	       (ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cmd_help(self);
		if (optopt || ch == ':')
			return cmd_bad_option(self, ch, argv);
		optind--; /* a negative offset like "-07:00" */
		break;
	}
	if (optind >= argc)
		return cmd_usage_error(self, "no date given");
	/* unquoted "annals date Wed, 10 Jun 2020 ..." works too */
	joined[0] = '\0';
	for (i = optind; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (n + len + 2 > sizeof(joined))
			break;
		if (n)
			joined[n++] = ' ';
		memcpy(joined + n, argv[i], len + 1);
		n += len;
	}
	if (date_parse(joined, &t, NULL) < 0) {
		cmd_warn("'%s': not a date", joined);
		return EXIT_FAIL;
	}
	date_format_utc(t, out);
	puts(out);
	return EXIT_OK;
}
