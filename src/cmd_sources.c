/* cmd_sources.c - annals sources (what is watched, and how it fares) and
 * annals init (a first database, with the bundled history) */
#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "feed.h"
#include "fetch.h"
#include "page.h"
#include "store.h"
#include "sync.h"
#include "sync_page.h"
#include "text.h"

/* "3h ago", "in 2d", "never", "now" */
static void relative(long long t, long long now, int future, char *out,
		     size_t n)
{
	long long d = future ? t - now : now - t;

	if (!t) {
		snprintf(out, n, "%s", future ? "now" : "never");
		return;
	}
	if (future && d <= 0) {
		snprintf(out, n, "now");
		return;
	}
	if (d < 0)
		d = 0;
	if (d < 3600)
		snprintf(out, n, future ? "in %lldm" : "%lldm ago", d / 60);
	else if (d < 172800)
		snprintf(out, n, future ? "in %lldh" : "%lldh ago", d / 3600);
	else
		snprintf(out, n, future ? "in %lldd" : "%lldd ago", d / 86400);
}

static int json_source(struct buf *b, const struct config_source *cs,
		       const struct store_source_stats *st)
{
	char when[21];
	int rc = 0;

	rc |= buf_adds(b, "{\"name\": ");
	rc |= text_json(b, cs->name);
	rc |= buf_adds(b, ", \"company\": ");
	rc |= text_json(b, cs->company);
	rc |= buf_adds(b, ", \"kind\": ");
	rc |= text_json(b, cs->kind);
	rc |= buf_adds(b, ", \"url\": ");
	rc |= text_json(b, cs->url);
	rc |= buf_adds(b, ", \"effective_url\": ");
	rc |= text_json(b, st->effective_url);
	rc |= buf_addf(b, ", \"enabled\": %s, \"disabled_gone\": %s",
		       cs->enabled ? "true" : "false",
		       st->disabled ? "true" : "false");
	rc |= buf_adds(b, ", \"last_success\": ");
	if (st->last_success) {
		date_format_utc(st->last_success, when);
		rc |= text_json(b, when);
	} else {
		rc |= buf_adds(b, "null");
	}
	if (st->last_status)
		rc |= buf_addf(b, ", \"last_status\": %ld", st->last_status);
	else
		rc |= buf_adds(b, ", \"last_status\": null");
	rc |= buf_adds(b, ", \"last_error\": ");
	rc |= text_json(b, st->last_error);
	rc |= buf_addf(b,
		       ", \"failures\": %d, \"items\": %lld, \"events\": %lld",
		       st->failures, st->items, st->events);
	rc |= buf_adds(b, ", \"next_due\": ");
	if (st->next_due) {
		date_format_utc(st->next_due, when);
		rc |= text_json(b, when);
	} else {
		rc |= buf_adds(b, "null");
	}
	rc |= buf_adds(b, "}\n");
	return rc ? -1 : 0;
}

static int text_source(struct buf *b, const struct config_source *cs,
		       const struct store_source_stats *st, long long now)
{
	char ok[32], due[32], status[64];
	char *err = st->last_error
			    ? text_clean(st->last_error, strlen(st->last_error))
			    : NULL;
	int rc = 0;

	relative(st->last_success, now, 0, ok, sizeof(ok));
	relative(st->next_due, now, 1, due, sizeof(due));
	if (st->disabled)
		snprintf(status, sizeof(status), "gone (410)");
	else if (err)
		snprintf(status, sizeof(status), "%.60s", err);
	else if (st->last_status)
		snprintf(status, sizeof(status), "%ld", st->last_status);
	else
		snprintf(status, sizeof(status), "-");
	rc |= text_fit(b, cs->name, 24, 1);
	rc |= buf_adds(b, " ");
	rc |= text_fit(b, cs->company, 10, 1);
	rc |= buf_addf(b, " %-7s %-3s %-9s %-6d %-6lld %-6lld %-8s ", cs->kind,
		       cs->enabled ? "yes" : "no", ok, st->failures, st->items,
		       st->events, cs->enabled ? due : "-");
	rc |= buf_adds(b, status);
	rc |= buf_addc(b, '\n');
	free(err);
	return rc ? -1 : 0;
}

static int take_result(const struct fetch_request *req,
		       struct fetch_result *res, void *ctx)
{
	struct fetch_result *dst = ctx;

	(void)req;
	*dst = *res;
	memset(res, 0, sizeof(*res));
	return 0;
}

/* annals sources --test NAME: fetch the source once as fetch would
 * (robots.txt, pages, articles) and print its items; store nothing. */
static int test_source(const struct config_source *cs)
{
	struct sync_source src;
	struct fetch_request q;
	struct fetch_result res;
	struct fetch_opts o;
	struct feed f;
	struct err e;
	int rc = EXIT_FAIL;

	memset(&src, 0, sizeof(src));
	memset(&q, 0, sizeof(q));
	memset(&res, 0, sizeof(res));
	memset(&f, 0, sizeof(f));
	src.name = cs->name;
	src.company = cs->company;
	src.kind = cs->kind;
	src.url = cs->url;
	src.user_agent = cs->user_agent;
	src.timeout = cs->timeout;
	src.max_size = cs->max_size;
	src.page = &cs->page;
	q.url = cs->url;
	q.user_agent = cs->user_agent;
	q.timeout = cs->timeout;
	q.max_size = cs->max_size;
	if (page_kind(cs->kind)) {
		struct sync_page_run *run;

		if (page_conf_check(&cs->page, &e) < 0) {
			cmd_warn("%s:%d: %s", cs->file, cs->line, e.msg);
			return EXIT_USAGE;
		}
		run = sync_page_run_new(NULL, NULL);
		if (!run ||
		    sync_page_collect(run, &src, &q, &res, &f, &e) < 0) {
			cmd_warn("%s: %s", cs->name,
				 run ? e.msg : "out of memory");
			sync_page_run_free(run);
			goto out;
		}
		sync_page_run_free(run);
	} else {
		fetch_opts_default(&o);
		if (fetch_run(&o, &q, 1, take_result, &res, NULL, &e) < 0) {
			cmd_warn("%s: %s", cs->name, e.msg);
			goto out;
		}
		if (res.status == FETCH_OK &&
		    feed_parse(res.body.data ? res.body.data : "", res.body.len,
			       res.effective_url ? res.effective_url : cs->url,
			       res.charset, &f, &e) < 0) {
			cmd_warn("%s: %s", cs->name, e.msg);
			goto out;
		}
	}
	if (res.status != FETCH_OK) {
		cmd_warn("%s: %s", cs->name,
			 res.error[0] ? res.error : "nothing came back");
		goto out;
	}
	if (cmd_print_items(!strcmp(cs->kind, "page") ? "html"
			    : !strcmp(cs->kind, "sitemap")
				    ? "sitemap"
				    : feed_format_name(f.format),
			    res.effective_url ? res.effective_url : cs->url,
			    &f.items) < 0) {
		cmd_warn("cannot write the output: %s", strerror(errno));
		goto out;
	}
	if (f.warnings)
		cmd_warn("%s: %d problem%s recovered from", cs->name,
			 f.warnings, f.warnings == 1 ? "" : "s");
	rc = EXIT_OK;
out:
	fetch_result_release(&res);
	feed_release(&f);
	return rc;
}

/* --check: the selectors of page sources must be XPath. */
static int check_selectors(const struct config *cfg)
{
	struct err e;
	size_t i;

	for (i = 0; i < cfg->n; i++)
		if (page_kind(cfg->v[i].kind) &&
		    page_conf_check(&cfg->v[i].page, &e) < 0) {
			cmd_warn("%s:%d: %s", cfg->v[i].file, cfg->v[i].line,
				 e.msg);
			return -1;
		}
	return 0;
}

int cmd_sources(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"check", no_argument, NULL, 'c'},
		{"test", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct config *cfg = &app->cfg;
	const char *test = NULL;
	struct buf b;
	struct err e;
	struct stat st;
	long long now = time(NULL);
	int ch, json = 0, check = 0, rc;
	size_t i;

	while ((ch = cmd_getopt(self, argc, argv, ":jct:h", opts, &rc)) > 0) {
		if (ch == 't')
			test = optarg;
		else if (ch == 'j')
			json = 1;
		else
			check = 1;
	}
	if (ch == 0)
		return rc;
	if (optind < argc)
		return cmd_extra_arg(self, argv);
	rc = app_prepare(app, APP_CONFIG);
	if (rc != EXIT_OK)
		return rc;
	if (test) {
		const struct config_source *cs = config_find(cfg, test);

		if (!cs) {
			cmd_warn("no source named '%s'", test);
			return EXIT_USAGE;
		}
		return test_source(cs);
	}
	if (check) {
		/* the rules are configuration too */
		if (app_prepare(app, APP_RULES) != EXIT_OK ||
		    check_selectors(cfg) < 0)
			return EXIT_USAGE;
		printf("%zu sources in %s: ok\n", cfg->n,
		       app->sources_path ? app->sources_path : "(none)");
		return cfg->n || app->sources_path ? EXIT_OK : EXIT_USAGE;
	}
	/* without a database yet there is only the configuration to show */
	if (app->db_path && stat(app->db_path, &st) == 0 &&
	    app_prepare(app, APP_READ) != EXIT_OK)
		return EXIT_FAIL;
	buf_init(&b, 0);
	if (!json)
		printf("%-24s %-10s %-7s %-3s %-9s %-6s %-6s %-6s %-8s %s\n",
		       "SOURCE", "COMPANY", "KIND", "ON", "LAST OK", "FAILS",
		       "ITEMS", "EVENTS", "NEXT", "STATUS");
	for (i = 0; i < cfg->n; i++) {
		struct store_source_stats ss;

		memset(&ss, 0, sizeof(ss));
		if (app->store && store_source_stats(app->store, cfg->v[i].name,
						     &ss, &e) < 0) {
			cmd_warn("%s", e.msg);
			buf_release(&b);
			return EXIT_FAIL;
		}
		b.len = 0;
		if ((json ? json_source(&b, &cfg->v[i], &ss)
			  : text_source(&b, &cfg->v[i], &ss, now)) == 0)
			fwrite(b.data, 1, b.len, stdout);
		store_source_stats_release(&ss);
	}
	buf_release(&b);
	return EXIT_OK;
}

/* The bundled history: archive/ beside the sources, else installed. */
static int archive_dir(struct app *app, char *out, size_t n)
{
	struct stat st;

	if (app->sources_path && stat(app->sources_path, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		snprintf(out, n, "%s/archive", app->sources_path);
		if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
	}
	/* sources of one's own choosing come with their own history or none */
	if (app->sources_given)
		return -1;
	snprintf(out, n, "%s/archive", ANNALS_FEEDSDIR);
	return stat(out, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static int xml_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && !strcmp(d->d_name + n - 4, ".xml");
}

int app_import_archive(struct app *app, int quiet)
{
	struct dirent **list = NULL;
	struct sync_stats st;
	char dir[4200];
	int i, n, rc = 0;
	long total = 0;

	if (archive_dir(app, dir, sizeof(dir)) < 0)
		return 0;
	n = scandir(dir, &list, xml_file, alphasort);
	if (n < 0) {
		cmd_warn("'%s': %s", dir, strerror(errno));
		return -1;
	}
	memset(&st, 0, sizeof(st));
	for (i = 0; i < n; i++) {
		const struct config_source *cs;
		struct sync_source src;
		char name[256], path[4600];
		struct err e;

		snprintf(name, sizeof(name), "%s", list[i]->d_name);
		name[strlen(name) - 4] = '\0';
		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		free(list[i]);
		cs = config_find(&app->cfg, name);
		if (!cs) {
			/* a history for a source the user removed */
			continue;
		}
		memset(&src, 0, sizeof(src));
		src.name = cs->name;
		src.company = cs->company;
		src.kind = cs->kind;
		src.url = cs->url;
		src.page = &cs->page;
		if (sync_file(app->store, app->rules, &src, path, &st, &e) <
		    0) {
			cmd_warn("%s", e.msg);
			rc = -1;
		}
	}
	free(list);
	total = st.items;
	if (!quiet)
		printf("imported the bundled history: %ld items, %ld policy moves\n",
		       total, st.new_policy);
	return rc < 0 ? -1 : 0;
}

int cmd_init(struct app *app, const struct cmd *self, int argc, char **argv)
{
	struct err e;
	char dir[4096];
	int quiet, rc;
	long long items;

	rc = cmd_quiet_only(self, argc, argv, &quiet);
	if (rc >= 0)
		return rc;
	rc = app_prepare(app, APP_CONFIG | APP_RULES);
	if (rc != EXIT_OK)
		return rc;
	if (app_config_dir(dir, sizeof(dir)) == 0 && !quiet)
		printf("your sources and rules go in %s (empty: the installed ones are used)\n",
		       dir);
	rc = app_prepare(app, APP_WRITE);
	if (rc != EXIT_OK)
		return rc;
	items = store_count(app->store, "items", &e);
	if (items < 0) {
		cmd_warn("%s", e.msg);
		return EXIT_FAIL;
	}
	if (items > 0) {
		if (!quiet)
			printf("the database at %s already holds %lld items\n",
			       app->db_path, items);
		return EXIT_OK;
	}
	if (app_import_archive(app, quiet) < 0)
		return EXIT_FAIL;
	if (!quiet)
		printf("database: %s\n", app->db_path);
	return EXIT_OK;
}
