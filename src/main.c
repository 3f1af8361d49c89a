/* main.c - global options, the subcommand table, exit status */
#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "err.h"
#include "feed.h"
#include "rules.h"
#include "store.h"
#include "text.h"

#ifndef ANNALS_VERSION
#define ANNALS_VERSION "0.1.0"
#endif
#ifndef ANNALS_FEEDSDIR
#define ANNALS_FEEDSDIR "/usr/local/share/annals/feeds"
#endif

static const struct cmd commands[] = {
	{"import", cmd_import, "[--source NAME | --company NAME] [-q] FILE...",
	 "ingest local feed files as if fetched",
	 "  -s, --source NAME   the files belong to source NAME\n"
	 "  -c, --company NAME  source named after each file, of company NAME\n"
	 "  -q, --quiet         print nothing but errors\n"},
	{"fetch", cmd_fetch, "[-fqv] [--report] [-j N] [-s NAME]...",
	 "poll the sources that are due and store what is new",
	 "  -f, --force         poll every source, due or not, and read bodies\n"
	 "                      even when the same as last time\n"
	 "  -j, --jobs N        transfers at once (default 8)\n"
	 "  -s, --source NAME   poll only this source (repeatable)\n"
	 "  -q, --quiet         for cron: speak only of persistent failures\n"
	 "  -v, --verbose       one status line per source\n"
	 "      --report        print the new policy events as Markdown\n"},
	{"list", cmd_list,
	 "[--json] [-r] [--all] [--starred] [--since DAY] [--until DAY]\n"
	 "                   [--company NAME] [--action SLUG] [--topic SLUG] [--search TEXT]",
	 "print the timeline",
	 "  -j, --json          one JSON object per event and line\n"
	 "  -r, --reverse       newest first\n"
	 "  -a, --all           include events that are not policy moves\n"
	 "      --starred       only starred events\n"
	 "      --since DAY     from DAY (YYYY, YYYY-MM, YYYY-MM-DD or a date)\n"
	 "      --until DAY     up to and including DAY\n"
	 "      --company NAME  only this company\n"
	 "      --action SLUG   only this action (exit, moratorium, restrict, ...)\n"
	 "      --topic SLUG    only events with this topic\n"
	 "      --search TEXT   full-text search of the items (FTS5 syntax)\n"},
	{"export", cmd_export,
	 "[-f md|jsonl|csv|html|ics] [-o FILE] [--by-topic] [--compare]\n"
	 "                   [--mermaid] [filters as for list]",
	 "write the timeline as Markdown, JSON Lines, CSV, HTML or iCalendar",
	 "  -f, --format FMT    md (default), jsonl, csv, html or ics\n"
	 "  -o, --output FILE   write there (replaced whole) instead of stdout\n"
	 "      --by-topic      md: group by topic instead of by date\n"
	 "      --compare       md: add a table of topics x companies\n"
	 "      --mermaid       md: add a Mermaid timeline block\n"
	 "  -a, --all, --starred, --since, --until, --company, --action,\n"
	 "  --topic, --search   filters, as for list\n"},
	{"parse", cmd_parse, "[--source NAME] [--url URL] FILE|-",
	 "print what annals reads from a feed, page or sitemap, as JSON",
	 "  -s, --source NAME   read it as source NAME: its kind and selectors;\n"
	 "                      its url resolves links\n"
	 "  -u, --url URL       the address it came from, to resolve links\n"},
	{"reextract", cmd_reextract, "[-q]",
	 "recompute every event from the stored items with the current rules",
	 "  -q, --quiet         print nothing but errors\n"},
	{"show", cmd_show, "ID", "show one event and the evidence behind it",
	 ""},
	{"add", cmd_add,
	 "--company NAME --day DAY --title TEXT [--action SLUG] [--topic SLUG]...\n"
	 "                   [--summary TEXT] [--url URL] [--until DAY|TEXT] [--follows ID]",
	 "add an event by hand, for a move no source carried",
	 "  -c, --company NAME  the company that moved\n"
	 "  -d, --day DAY       YYYY-MM-DD\n"
	 "  -t, --title TEXT    what happened\n"
	 "  -a, --action SLUG   exit, moratorium, restrict, extend, resume,\n"
	 "                      pledge, advocate, standard or other (default)\n"
	 "  -T, --topic SLUG    a topic (repeatable)\n"
	 "  -s, --summary TEXT  a longer description\n"
	 "  -u, --url URL       where it was announced\n"
	 "      --until DAY|TEXT  the end of its period, or words for it\n"
	 "      --follows ID    the event it extends or resumes\n"},
	{"sources", cmd_sources, "[--json] [--check] [--test NAME]",
	 "list the sources and how their polls fare, or check the config",
	 "  -j, --json          one JSON object per source and line\n"
	 "  -c, --check         validate the sources and rules files only\n"
	 "  -t, --test NAME     fetch source NAME once and print its items as\n"
	 "                      parse does, storing nothing\n"},
	{"init", cmd_init, "[-q]",
	 "create the database and import the bundled history",
	 "  -q, --quiet         print nothing but errors\n"},
	{"opml", cmd_opml,
	 "import FILE [--company NAME] [-o FILE] | export [-o FILE]",
	 "turn an OPML subscription list into sources, or the sources into OPML",
	 "  -c, --company NAME  import: the company of every feed\n"
	 "  -o, --output FILE   write there instead of standard output\n"},
	{"tui", cmd_tui,
	 "[--all] [--starred] [--since DAY] [--until DAY] [--company NAME]\n"
	 "                   [--action SLUG] [--topic SLUG] [--search TEXT]",
	 "browse, filter, read and curate the timeline in a terminal",
	 "  -a, --all, --starred, --since, --until, --company, --action,\n"
	 "  --topic, --search   initial filters, as for list (? in it lists the keys)\n"},
	{"date", cmd_date, "STRING",
	 "print a date in UTC (YYYY-MM-DDTHH:MM:SSZ)", ""},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

void cmd_warn(const char *fmt, ...)
{
	char msg[4096], *clean;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* messages quote files, config values and what servers said: one
	 * line, no terminal control (a value may hold "\033]2;...") */
	clean = text_clean(msg, strlen(msg));
	fprintf(stderr, "annals: %s\n", clean ? clean : msg);
	free(clean);
}

static void usage_line(const struct cmd *c, FILE *out)
{
	fprintf(out,
		"usage: annals [--db PATH] [--sources PATH] [--rules PATH] %s %s\n",
		c->name, c->synopsis);
}

int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "annals: %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_line(c, stderr);
	return EXIT_USAGE;
}

int cmd_bad_option(const struct cmd *c, int ch, char **argv)
{
	const char *arg = argv[optind - 1];

	if (ch == ':')
		return cmd_usage_error(c, "option '%s' needs a value", arg);
	if (optopt)
		return cmd_usage_error(c, "unknown option '-%c'", optopt);
	return cmd_usage_error(c, "unknown option '%s'", arg);
}

int cmd_getopt(const struct cmd *c, int argc, char **argv,
	       const char *optstring, const struct option *opts, int *rc)
{
	int ch = getopt_long(argc, argv, optstring, opts, NULL);

	if (ch == 'h')
		*rc = cmd_help(c);
	else if (ch == ':' || ch == '?')
		*rc = cmd_bad_option(c, ch, argv);
	else
		return ch;
	return 0;
}

int cmd_extra_arg(const struct cmd *c, char **argv)
{
	return cmd_usage_error(c, "unexpected argument '%s'", argv[optind]);
}

int cmd_quiet_only(const struct cmd *c, int argc, char **argv, int *quiet)
{
	static const struct option opts[] = {
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch, rc = EXIT_OK;

	*quiet = 0;
	while ((ch = cmd_getopt(c, argc, argv, ":qh", opts, &rc)) > 0)
		*quiet = 1; /* -q, the only option left */
	if (ch == 0)
		return rc;
	if (optind < argc)
		return cmd_extra_arg(c, argv);
	return -1;
}

int cmd_help(const struct cmd *c)
{
	usage_line(c, stdout);
	printf("\n%s.\n", c->summary);
	if (c->options[0])
		printf("\nOptions:\n%s", c->options);
	printf("  -h, --help          show this help\n");
	printf("\nSee annals(1) for details.\n");
	return EXIT_OK;
}

static void main_usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: annals [--db PATH] [--sources PATH] [--rules PATH] COMMAND [ARGS...]\n"
		"       annals --help | --version\n\n"
		"Turn what companies announce into a dated timeline of policy moves.\n\n"
		"Commands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "show help for a command");
	fprintf(out,
		"\nGlobal options:\n"
		"  --db PATH       database (default $ANNALS_DB, else\n"
		"                  $XDG_DATA_HOME/annals/annals.db)\n"
		"  --sources PATH  sources file or directory (default\n"
		"                  $XDG_CONFIG_HOME/annals/, else the installed feeds/)\n"
		"  --rules PATH    rules file (default $ANNALS_RULES, else rules.conf\n"
		"                  beside the sources, else the installed one)\n"
		"  -h, --help      show this help\n"
		"  -V, --version   show the version\n\n"
		"'annals COMMAND --help' describes a command; man annals for more.\n");
}

static const struct cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* $VAR if set and absolute, else $HOME/fallback. */
static int xdg_dir(const char *var, const char *fallback, char *out, size_t n)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v && v[0] == '/')
		return snprintf(out, n, "%s", v) < (int)n ? 0 : -1;
	if (!home || !*home)
		return -1;
	return snprintf(out, n, "%s/%s", home, fallback) < (int)n ? 0 : -1;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p for the default database's directory. */
static int make_parents(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/* Does dir hold a sources file (*.conf other than rules.conf)? */
static int has_sources(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		size_t n = strlen(de->d_name);

		found = n > 5 && !strcmp(de->d_name + n - 5, ".conf") &&
			strcmp(de->d_name, "rules.conf") != 0;
	}
	closedir(d);
	return found;
}

int app_config_dir(char *out, size_t n)
{
	char dir[4000];

	if (xdg_dir("XDG_CONFIG_HOME", ".config", dir, sizeof(dir)) < 0)
		return -1;
	snprintf(out, n, "%s/annals/", dir);
	return make_parents(out);
}

static void resolve_paths(struct app *app)
{
	char dir[4000];
	const char *env = getenv("ANNALS_DB");

	if (!app->db_path && env && *env)
		app->db_path = env;
	if (!app->db_path &&
	    xdg_dir("XDG_DATA_HOME", ".local/share", dir, sizeof(dir)) == 0) {
		snprintf(app->db_buf, sizeof(app->db_buf),
			 "%s/annals/annals.db", dir);
		app->db_path = app->db_buf;
		app->db_is_default = 1;
	}
	if (app->sources_path)
		return;
	if (xdg_dir("XDG_CONFIG_HOME", ".config", dir, sizeof(dir)) == 0) {
		snprintf(app->sources_buf, sizeof(app->sources_buf),
			 "%s/annals", dir);
		/* an empty one (annals init made it) defers to the installed */
		if (is_dir(app->sources_buf) && has_sources(app->sources_buf)) {
			app->sources_path = app->sources_buf;
			return;
		}
	}
	if (is_dir(ANNALS_FEEDSDIR))
		app->sources_path = ANNALS_FEEDSDIR;
}

/* Open the database (write: create it, and the default directory).
 * Returns 0 and *out, or prints why and returns -1. */
static int app_open_store(struct app *app, int write, struct store **out)
{
	struct err e;

	if (!app->db_path) {
		cmd_warn("no database path: set --db, ANNALS_DB or HOME");
		return -1;
	}
	if (write && app->db_is_default) {
		char tmp[4096];

		snprintf(tmp, sizeof(tmp), "%s", app->db_path);
		if (make_parents(tmp) < 0) {
			cmd_warn("'%s': cannot create its directory: %s",
				 app->db_path, strerror(errno));
			return -1;
		}
	}
	if (store_open(app->db_path, write ? STORE_WRITE : STORE_READ, out,
		       &e) < 0) {
		cmd_warn("%s", e.msg);
		return -1;
	}
	return 0;
}

/* Load the sources config into c; no config is an empty one. Returns 0,
 * or prints the file:line error and returns -1. */
static int app_load_config(struct app *app, struct config *c)
{
	struct err e;

	memset(c, 0, sizeof(*c));
	if (!app->sources_path)
		return 0;
	if (config_load(app->sources_path, c, &e) < 0) {
		cmd_warn("%s", e.msg);
		return -1;
	}
	return 0;
}

static int readable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Load the rules file into r. Returns 1 (loaded), 0 (none found: a
 * warning is printed) or -1 (an error, printed). */
static int app_load_rules(struct app *app, struct rules *r)
{
	char buf[4200], dir[4000];
	const char *path = app->rules_path;
	struct stat st;
	struct err e;

	memset(r, 0, sizeof(*r));
	if (!path && getenv("ANNALS_RULES") && *getenv("ANNALS_RULES"))
		path = getenv("ANNALS_RULES");
	if (!path && app->sources_path && stat(app->sources_path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			snprintf(buf, sizeof(buf), "%s/rules.conf",
				 app->sources_path);
		else
			snprintf(buf, sizeof(buf), "%.*s/rules.conf",
				 (int)(strrchr(app->sources_path, '/')
					       ? strrchr(app->sources_path,
							 '/') -
							 app->sources_path
					       : 1),
				 strrchr(app->sources_path, '/')
					 ? app->sources_path
					 : ".");
		if (readable(buf))
			path = buf;
	}
	if (!path &&
	    xdg_dir("XDG_CONFIG_HOME", ".config", dir, sizeof(dir)) == 0) {
		snprintf(buf, sizeof(buf), "%s/annals/rules.conf", dir);
		if (readable(buf))
			path = buf;
	}
	if (!path && readable(ANNALS_FEEDSDIR "/rules.conf"))
		path = ANNALS_FEEDSDIR "/rules.conf";
	if (!path) {
		cmd_warn(
			"no rules file found (see --rules); events are not classified");
		return 0;
	}
	if (rules_load(path, r, &e) < 0) {
		cmd_warn("%s", e.msg);
		return -1;
	}
	return 1;
}

/* Take the database's writer lock. Returns EXIT_OK and *fd, or prints why
 * and returns EXIT_LOCKED or EXIT_FAIL (*fd, when not -1, still to close). */
static int app_lock(struct app *app, int *fd)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s.lock", app->db_path);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0) {
		cmd_warn("'%s': %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK) {
			cmd_warn("another fetch is running (lock '%s')", path);
			return EXIT_LOCKED;
		}
		cmd_warn("'%s': %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int app_prepare(struct app *app, unsigned needs)
{
	int have;

	needs &= ~app->held;
	/* held before loading: a failed load leaves it to app_release() */
	if (needs & APP_CONFIG) {
		app->held |= APP_CONFIG;
		if (app_load_config(app, &app->cfg) < 0)
			return EXIT_USAGE;
	}
	if (needs & APP_RULES) {
		app->held |= APP_RULES;
		have = app_load_rules(app, &app->rules_buf);
		if (have < 0)
			return EXIT_USAGE;
		app->rules = have ? &app->rules_buf : NULL;
	}
	if ((needs & (APP_READ | APP_WRITE)) && !app->store) {
		if (app_open_store(app, !!(needs & APP_WRITE), &app->store) < 0)
			return EXIT_FAIL;
		app->held |= needs & (APP_READ | APP_WRITE);
	}
	if (needs & APP_LOCK) {
		app->held |= APP_LOCK;
		return app_lock(app, &app->lockfd);
	}
	return EXIT_OK;
}

void app_release(struct app *app)
{
	store_close(app->store);
	app->store = NULL;
	if ((app->held & APP_LOCK) && app->lockfd >= 0)
		close(app->lockfd);
	if (app->held & APP_CONFIG)
		config_release(&app->cfg);
	if (app->held & APP_RULES)
		rules_release(&app->rules_buf);
	app->rules = NULL;
	app->held = 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"sources", required_argument, NULL, 's'},
		{"rules", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct app app;
	const struct cmd *c;
	int ch, rc;

	setlocale(LC_ALL, "");
	feed_init();
	memset(&app, 0, sizeof(app));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			app.db_path = optarg;
			break;
		case 's':
			app.sources_path = optarg;
			app.sources_given = 1;
			break;
		case 'r':
			app.rules_path = optarg;
			break;
		case 'h':
			main_usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("annals %s\n", ANNALS_VERSION);
			return EXIT_OK;
		case ':':
			cmd_warn("option '%s' needs a value", argv[optind - 1]);
			main_usage(stderr);
			return EXIT_USAGE;
		default:
			cmd_warn("unknown option '%s'", argv[optind - 1]);
			main_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		/* plain annals on a terminal is the interface */
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
		    (c = find_cmd("tui"))) {
			char *tui_argv[] = {(char *)"tui", NULL};

			resolve_paths(&app);
			optind = 0;
			rc = c->fn(&app, c, 1, tui_argv);
			app_release(&app);
			return rc;
		}
		main_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			main_usage(stdout);
			return EXIT_OK;
		}
		c = find_cmd(argv[optind + 1]);
		if (!c) {
			cmd_warn("no command '%s'; see 'annals --help'",
				 argv[optind + 1]);
			return EXIT_USAGE;
		}
		return cmd_help(c);
	}
	c = find_cmd(argv[optind]);
	if (!c) {
		cmd_warn("no command '%s'; see 'annals --help'", argv[optind]);
		return EXIT_USAGE;
	}
	resolve_paths(&app);
	argc -= optind;
	argv += optind;
	optind = 0; /* glibc: reinitialise getopt for the command */
	rc = c->fn(&app, c, argc, argv);
	app_release(&app);
	return rc;
}
