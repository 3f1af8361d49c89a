/* cmd.h - what main.c and the cmd_*.c files share */
#ifndef ANNALS_CMD_H
#define ANNALS_CMD_H

#include <stdio.h>

#include "config.h"
#include "rules.h"

struct option;
struct store;
struct store_event;

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,	 /* runtime failure */
	EXIT_USAGE = 2,	 /* usage or configuration error */
	EXIT_LOCKED = 75 /* another fetch holds the lock */
};

/* What app_prepare() loads, opens and takes, in this order. */
enum {
	APP_CONFIG = 1u << 0, /* the sources config (none found: empty) */
	APP_RULES = 1u << 1,  /* the rules file (none found: a warning) */
	APP_READ = 1u << 2,   /* the database, which must exist */
	APP_WRITE = 1u << 3,  /* the database, created if missing */
	APP_LOCK = 1u << 4,   /* its writer lock (one fetch at a time) */
};

/* Global state of one run; paths are borrowed from argv or the
 * environment, or owned when computed (the _buf fields). */
struct app {
	const char *db_path;	  /* NULL until resolved */
	const char *sources_path; /* NULL: none found */
	int sources_given;	  /* by --sources, not a default */
	const char *rules_path;	  /* --rules, else NULL until resolved */
	int db_is_default;	  /* its directory may be created */
	char db_buf[4096];
	char sources_buf[4096];
	/* what app_prepare() holds for the command until app_release() */
	unsigned held;		   /* APP_* flags */
	struct config cfg;	   /* APP_CONFIG */
	struct rules rules_buf;	   /* APP_RULES */
	const struct rules *rules; /* &rules_buf, or NULL: no rules file */
	struct store *store;	   /* APP_READ or APP_WRITE */
	int lockfd;		   /* APP_LOCK */
};

struct cmd;
typedef int (*cmd_fn)(struct app *app, const struct cmd *self, int argc,
		      char **argv);

/* One subcommand: the same table drives dispatch, usage and --help. */
struct cmd {
	const char *name;
	cmd_fn fn;
	const char *synopsis; /* arguments after "annals NAME" */
	const char *summary;  /* one line for "annals --help" */
	const char *options;  /* option lines for "annals NAME --help" */
};

int cmd_import(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_list(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_parse(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_date(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_fetch(struct app *app, const struct cmd *self, int argc, char **argv);

/* A store_events() callback printing one Markdown bullet per event (the
 * export writer's); ctx, a struct err * or NULL, gets why it failed. */
int cmd_report_event(const struct store_event *ev, void *ctx);

struct item_list;

/* Print items as `annals parse` does (format "html", "sitemap" ...; url
 * the page's address, may be NULL) to stdout. Returns 0, or -1 when the
 * output could not be written. */
int cmd_print_items(const char *format, const char *url,
		    const struct item_list *items);

/* Print "annals: " and the message to stderr. */
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the message and the command's usage line to stderr; returns
 * EXIT_USAGE. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Report a getopt_long failure (optstring starting with ':'), given the
 * option character returned, optopt and argv. Returns EXIT_USAGE. */
int cmd_bad_option(const struct cmd *c, int ch, char **argv);

/*
 * getopt_long() for command c (optstring starts with ':'; opts maps
 * "help" to 'h'). Returns the next option for c to handle, -1 after the
 * last, or 0 when c must return *rc: its help was printed (EXIT_OK) or an
 * option was wrong (EXIT_USAGE, printed).
 */
int cmd_getopt(const struct cmd *c, int argc, char **argv,
	       const char *optstring, const struct option *opts, int *rc);

/* Print that argv[optind] was not expected, and the usage line; returns
 * EXIT_USAGE. */
int cmd_extra_arg(const struct cmd *c, char **argv);

/* The options of a command that takes only -q/--quiet (sets *quiet) and
 * -h, and no arguments. Returns -1 to go on, or the exit status for c to
 * return (help printed, or a usage error). */
int cmd_quiet_only(const struct cmd *c, int argc, char **argv, int *quiet);

/* Print the command's full help to stdout; returns EXIT_OK. */
int cmd_help(const struct cmd *c);

/*
 * Load, open and take what needs (APP_* flags) asks for and app does not
 * hold yet, in the order of the flags, into app->cfg, app->rules,
 * app->store and app->lockfd: the sources config (its file:line error),
 * the rules file (--rules, $ANNALS_RULES, rules.conf beside the sources,
 * $XDG_CONFIG_HOME/annals/rules.conf, the installed one; none found: a
 * warning, app->rules NULL, nothing will be a policy move), the database
 * (APP_WRITE creates it, and the default directory) and its writer lock.
 * Returns EXIT_OK, or prints why and returns EXIT_USAGE (config, rules),
 * EXIT_FAIL (database, lock) or EXIT_LOCKED (another fetch holds it).
 */
int app_prepare(struct app *app, unsigned needs);

/* Close and free what app_prepare() holds (the database before its
 * lock); main() calls it after the command returns. */
void app_release(struct app *app);

/* Import the bundled history (archive/ beside the sources, else the
 * installed one) for the configured sources (app->cfg) into app->store,
 * with app->rules. Returns 0 or -1 (printed). */
int app_import_archive(struct app *app, int quiet);

/* The user's configuration directory ($XDG_CONFIG_HOME/annals), created
 * if missing; 0 and out, or -1. */
int app_config_dir(char *out, size_t n);

int cmd_reextract(struct app *app, const struct cmd *self, int argc,
		  char **argv);
int cmd_show(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_add(struct app *app, const struct cmd *self, int argc, char **argv);
/* The filter options of list, export and tui, for their option tables. */
enum {
	OPT_SINCE = 1000,
	OPT_UNTIL,
	OPT_COMPANY,
	OPT_ACTION,
	OPT_TOPIC,
	OPT_SEARCH,
	OPT_STARRED,
};
#define CMD_FILTER_OPTIONS                                                     \
	{"all", no_argument, NULL, 'a'},                                       \
		{"starred", no_argument, NULL, OPT_STARRED},                   \
		{"since", required_argument, NULL, OPT_SINCE},                 \
		{"until", required_argument, NULL, OPT_UNTIL},                 \
		{"company", required_argument, NULL, OPT_COMPANY},             \
		{"action", required_argument, NULL, OPT_ACTION},               \
		{"topic", required_argument, NULL, OPT_TOPIC},                 \
	{                                                                      \
		"search", required_argument, NULL, OPT_SEARCH                  \
	}

struct store_filter;

/*
 * Apply filter option ch (getopt_long's value) with arg to f; since and
 * until are 11-byte buffers for the normalised days. Returns 1 when ch was
 * a filter option, 0 when it was not, EXIT_USAGE (printed) when its value
 * is wrong.
 */
int cmd_filter_option(const struct cmd *self, int ch, const char *arg,
		      struct store_filter *f, char *since, char *until);

int cmd_export(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_sources(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_init(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_opml(struct app *app, const struct cmd *self, int argc, char **argv);
int cmd_tui(struct app *app, const struct cmd *self, int argc, char **argv);

#endif
