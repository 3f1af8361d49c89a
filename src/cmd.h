/* cmd.h - what main.c and the cmd_*.c files share */
#ifndef ANNALS_CMD_H
#define ANNALS_CMD_H

#include <stdio.h>

struct config;
struct rules;
struct store;
struct store_event;

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,	 /* runtime failure */
	EXIT_USAGE = 2,	 /* usage or configuration error */
	EXIT_LOCKED = 75 /* another fetch holds the lock */
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

/* Print the command's full help to stdout; returns EXIT_OK. */
int cmd_help(const struct cmd *c);

/* Open the database (STORE_WRITE creates it, and the default directory).
 * Returns 0 and *out, or prints why and returns -1. */
int app_open_store(struct app *app, int write, struct store **out);

/* Load the sources config into c (zeroed by caller); no config is an empty
 * one. Returns 0, or prints the file:line error and returns -1. */
int app_load_config(struct app *app, struct config *c);

/*
 * Load the rules file into r (zeroed by caller): --rules, $ANNALS_RULES,
 * rules.conf beside the sources, $XDG_CONFIG_HOME/annals/rules.conf, the
 * installed one. Returns 1 (loaded), 0 (none found: a warning is printed
 * and nothing will be a policy move) or -1 (an error, printed).
 */
int app_load_rules(struct app *app, struct rules *r);

/* Take the database's writer lock (one fetch or reextract at a time).
 * Returns EXIT_OK and *fd (close it to release), or prints why and returns
 * EXIT_LOCKED or EXIT_FAIL. */
int app_lock(struct app *app, int *fd);

/* Import the bundled history (archive/ beside the sources, else the
 * installed one) for the configured sources. Returns 0 or -1 (printed). */
int app_import_archive(struct app *app, struct store *s,
		       const struct rules *rules, const struct config *cfg,
		       int quiet);

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
