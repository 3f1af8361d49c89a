/* cmd_fetch.c - annals fetch: poll the sources, for people and for cron */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "err.h"
#include "store.h"
#include "sync.h"
#include "text.h"

/* Failures in a row before --quiet speaks of a source, or a day. */
#define QUIET_FAILURES 3
#define QUIET_SECONDS 86400

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

struct fetch_ctx {
	int quiet, verbose, progress;
	long long now;
	size_t total, done, ok, not_modified, failed, skipped;
	long new_items, new_policy;
	unsigned long long bytes;
};

static void progress(struct fetch_ctx *c)
{
	fprintf(stderr, "\r\033[Kfetch: %zu/%zu sources, %.1f MB, %zu failed",
		c->done, c->total, (double)c->bytes / 1048576.0, c->failed);
	fflush(stderr);
}

/* The error as one safe line: it may quote a server's words. */
static char *safe_line(const char *s)
{
	return text_clean(s ? s : "", s ? strlen(s) : 0);
}

static void on_outcome(const struct sync_outcome *o, void *arg)
{
	struct fetch_ctx *c = arg;
	const char *name = o->src->name;
	char *err = safe_line(o->error);

	switch (o->result) {
	case SYNC_OK:
		c->ok++;
		c->new_items += o->stats.added;
		c->new_policy += o->stats.new_policy;
		if (c->verbose)
			printf("%s ok %ld %ld new\n", name, o->http,
			       o->stats.added);
		break;
	case SYNC_NOT_MODIFIED:
		c->ok++;
		c->not_modified++;
		if (c->verbose)
			printf("%s not-modified %ld\n", name, o->http);
		break;
	case SYNC_FAILED:
		c->failed++;
		if (c->verbose)
			printf("%s fail %s\n", name, err ? err : "");
		else if (!c->quiet || o->failures >= QUIET_FAILURES ||
			 (o->last_success &&
			  c->now - o->last_success >= QUIET_SECONDS))
			cmd_warn("%s: %s (%d failure%s in a row)", name,
				 err ? err : "", o->failures,
				 o->failures == 1 ? "" : "s");
		break;
	case SYNC_DISABLED:
		c->skipped++;
		if (c->verbose)
			printf("%s disabled (410 Gone; change its url to poll it again)\n",
			       name);
		break;
	case SYNC_NOT_DUE:
		c->skipped++;
		if (c->verbose)
			printf("%s not-due\n", name);
		break;
	}
	if (o->result != SYNC_NOT_DUE && o->result != SYNC_DISABLED)
		c->done++;
	c->bytes += o->bytes;
	if (o->moved_to) {
		char *to = safe_line(o->moved_to);

		cmd_warn(
			"%s: moved permanently to %s (recorded; update its url in the sources file)",
			name, to ? to : "");
		free(to);
	}
	if (o->gone)
		cmd_warn("%s: 410 Gone; disabled until its url changes", name);
	if (c->progress)
		progress(c);
	free(err);
}

/* The new policy events of this run, as a Markdown list: the cron mail. */
static int print_report(struct store *s, long long since)
{
	struct store_filter f;
	struct err e = {"cannot write the report"};
	int rc;

	memset(&f, 0, sizeof(f));
	f.created_since = since;
	printf("# New policy events\n\n");
	rc = store_events(s, &f, false, cmd_report_event, &e, &e);
	if (rc != 0)
		cmd_warn("%s", e.msg);
	return rc ? -1 : 0;
}

/* The enabled sources to poll: all of them, or those named. */
static int select_sources(const struct config *cfg, char **names, int nnames,
			  struct sync_source **out, size_t *n)
{
	struct sync_source *v = calloc(cfg->n + 1, sizeof(*v));
	size_t i;
	int k;

	*out = v;
	*n = 0;
	if (!v) {
		cmd_warn("out of memory");
		return EXIT_FAIL;
	}
	for (k = 0; k < nnames; k++)
		if (!config_find(cfg, names[k])) {
			cmd_warn("no source named '%s'", names[k]);
			return EXIT_USAGE;
		}
	for (i = 0; i < cfg->n; i++) {
		const struct config_source *cs = &cfg->v[i];
		int wanted = nnames == 0 && cs->enabled;

		for (k = 0; k < nnames && !wanted; k++)
			wanted = strcmp(names[k], cs->name) == 0;
		if (!wanted)
			continue;
		v[*n].name = cs->name;
		v[*n].company = cs->company;
		v[*n].kind = cs->kind;
		v[*n].url = cs->url;
		v[*n].user_agent = cs->user_agent;
		v[*n].every = cs->every;
		v[*n].timeout = cs->timeout;
		v[*n].max_size = cs->max_size;
		v[*n].page = &cs->page;
		(*n)++;
	}
	return EXIT_OK;
}

int cmd_fetch(struct app *app, const struct cmd *self, int argc, char **argv)
{
	enum { OPT_REPORT = 256 };
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{"jobs", required_argument, NULL, 'j'},
		{"source", required_argument, NULL, 's'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"report", no_argument, NULL, OPT_REPORT},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct sync_fetch_opts so = {0, false, 0};
	struct fetch_ctx ctx;
	struct sync_source *srcs = NULL;
	struct sigaction sa;
	struct err e;
	char **names = calloc((size_t)argc + 1, sizeof(*names));
	size_t nsrcs = 0;
	int ch, nnames = 0, report = 0, rc = EXIT_FAIL;
	char *end;

	memset(&ctx, 0, sizeof(ctx));
	if (!names) {
		cmd_warn("out of memory");
		return EXIT_FAIL;
	}
	while ((ch = cmd_getopt(self, argc, argv, ":fj:s:qvh", opts, &rc)) >
	       0) {
		switch (ch) {
		case 'f':
			so.force = true;
			break;
		case 'j':
			so.jobs = (int)strtol(optarg, &end, 10);
			if (*end || so.jobs < 1 || so.jobs > 64) {
				free(names);
				return cmd_usage_error(
					self,
					"--jobs '%s' is not a number from 1 to 64",
					optarg);
			}
			break;
		case 's':
			names[nnames++] = optarg;
			break;
		case 'q':
			ctx.quiet = 1;
			break;
		case 'v':
			ctx.verbose = 1;
			break;
		case OPT_REPORT:
			report = 1;
			break;
		}
	}
	if (ch == 0) {
		free(names);
		return rc;
	}
	if (optind < argc) {
		rc = cmd_extra_arg(self, argv);
		goto out;
	}
	rc = app_prepare(app, APP_CONFIG | APP_RULES);
	if (rc != EXIT_OK)
		goto out;
	rc = select_sources(&app->cfg, names, nnames, &srcs, &nsrcs);
	if (rc != EXIT_OK)
		goto out;
	if (nsrcs == 0) {
		cmd_warn("no sources to poll in %s",
			 app->sources_path ? app->sources_path
					   : "the sources (none found)");
		rc = EXIT_USAGE;
		goto out;
	}
	rc = app_prepare(app, APP_WRITE | APP_LOCK);
	if (rc != EXIT_OK)
		goto out;
	rc = EXIT_FAIL;
	/* a new database starts with the bundled history, offline or not */
	if (store_count(app->store, "items", &e) == 0 &&
	    app_import_archive(app, ctx.quiet) < 0)
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ctx.now = so.now = time(NULL);
	ctx.total = nsrcs;
	ctx.progress = !ctx.quiet && !ctx.verbose && isatty(STDERR_FILENO);
	if (sync_fetch(app->store, app->rules, srcs, nsrcs, &so, on_outcome,
		       &ctx, &stop_flag, &e) < 0) {
		if (ctx.progress)
			fputs("\r\033[K", stderr);
		cmd_warn("%s", e.msg);
		goto out;
	}
	if (ctx.progress)
		fputs("\r\033[K", stderr);
	if (!ctx.quiet)
		printf("%zu sources: %zu ok (%zu not modified), %zu failed%s; %ld new items, %ld new policy events\n",
		       ctx.done, ctx.ok, ctx.not_modified, ctx.failed,
		       ctx.skipped ? ", others not due" : "", ctx.new_items,
		       ctx.new_policy);
	if (ctx.done > 0 && ctx.failed == ctx.done && !ctx.quiet)
		cmd_warn(
			"no source could be fetched (offline?); the database keeps what it has");
	if (report && ctx.new_policy > 0 &&
	    print_report(app->store, ctx.now) < 0)
		goto out;
	rc = ctx.failed ? EXIT_FAIL : EXIT_OK;
out:
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		cmd_warn("cannot write the output: %s", strerror(errno));
		rc = EXIT_FAIL;
	}
	free(srcs);
	free(names);
	return rc;
}
