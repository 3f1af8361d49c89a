/* cmd_events.c - annals reextract, show and add: events as a person sees
 * them */
#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "evidence.h"
#include "item.h"
#include "store.h"
#include "sync.h"
#include "text.h"

int cmd_reextract(struct app *app, const struct cmd *self, int argc,
		  char **argv)
{
	struct sync_stats st;
	struct err e;
	int quiet, rc;
	long long events, policy;

	rc = cmd_quiet_only(self, argc, argv, &quiet);
	if (rc >= 0)
		return rc;
	rc = app_prepare(app, APP_RULES | APP_WRITE | APP_LOCK);
	if (rc != EXIT_OK)
		return rc;
	memset(&st, 0, sizeof(st));
	if (sync_reextract(app->store, app->rules, &st, &e) < 0) {
		cmd_warn("%s", e.msg);
		return EXIT_FAIL;
	}
	events = store_count(app->store, "events", &e);
	policy = st.new_policy;
	if (!quiet)
		printf("%ld items re-extracted into %lld events, %lld of them policy moves\n",
		       st.items, events, policy);
	return EXIT_OK;
}

/* --- show ---------------------------------------------------------------- */

static void line(const char *label, const char *value)
{
	char *v = text_clean(value ? value : "", value ? strlen(value) : 0);

	printf("%-12s %s\n", label, v ? v : "");
	free(v);
}

struct title_ctx {
	const char *label;
	int found;
};

static int print_ref(const struct store_event *ev, void *arg)
{
	struct title_ctx *t = arg;
	struct buf b;

	buf_init(&b, 0);
	buf_addf(&b, "#%lld %s ", ev->id, ev->day);
	buf_adds(&b, ev->title ? ev->title : "");
	line(t->label, b.data);
	buf_release(&b);
	t->found = 1;
	return 0;
}

/* The evidence JSON, one "key  value" per line. */
static void print_evidence(const char *json)
{
	struct evidence_pair pair;
	const char *p = json;

	if (!json || *json != '{')
		return;
	printf("evidence\n");
	while (evidence_next(&p, &pair)) {
		char key[64], val[512];
		char *clean;

		snprintf(key, sizeof(key), "%.*s", pair.key_len, pair.key);
		snprintf(val, sizeof(val), "%.*s", pair.value_len, pair.value);
		clean = text_clean(val, strlen(val));
		printf("  %-18s %s\n", key, clean ? clean : "");
		free(clean);
	}
}

struct show_ctx {
	struct store *s;
	int found;
};

static int print_event(const struct store_event *ev, void *arg)
{
	struct show_ctx *c = arg;
	struct store_filter f;
	struct title_ctx t = {"followed by", 0};
	struct buf b;
	struct err e;
	char when[21];
	size_t i;

	c->found = 1;
	buf_init(&b, 0);
	printf("#%lld\n", ev->id);
	line("title", ev->title);
	line("day", ev->day);
	line("company", ev->company ? ev->company : "unknown");
	line("action", ev->action);
	line("policy", ev->policy ? "yes" : "no (hidden from the timeline)");
	for (i = 0; i < ev->ntopics; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", ev->topics[i]);
	line("topics", b.len ? b.data : "none");
	if (ev->until || ev->until_text) {
		b.len = 0;
		if (ev->until)
			buf_addf(&b, "until %s%s%s%s", ev->until,
				 ev->until_text ? " (" : "",
				 ev->until_text ? ev->until_text : "",
				 ev->until_text ? ")" : "");
		else
			buf_adds(&b, ev->until_text);
		line("period", b.data);
	}
	if (ev->follows) {
		struct title_ctx ft = {"follows", 0};

		memset(&f, 0, sizeof(f));
		f.all = true;
		f.id = ev->follows;
		store_events(c->s, &f, false, print_ref, &ft, &e);
	}
	memset(&f, 0, sizeof(f));
	f.all = true;
	f.follows = ev->id;
	store_events(c->s, &f, false, print_ref, &t, &e);
	line("origin", ev->origin);
	if (ev->starred)
		line("starred", "yes");
	if (ev->note)
		line("note", ev->note);
	if (ev->summary)
		line("summary", ev->summary);
	for (i = 0; i < ev->nsources; i++) {
		b.len = 0;
		buf_adds(&b, ev->sources[i].source);
		if (ev->sources[i].has_published) {
			date_format_utc(ev->sources[i].published, when);
			buf_addf(&b, " %s", when);
		}
		buf_addf(&b, " %s",
			 ev->sources[i].url ? ev->sources[i].url : "");
		line("source", b.data);
	}
	if (ev->url)
		line("source", ev->url);
	print_evidence(ev->evidence);
	buf_release(&b);
	return 0;
}

int cmd_show(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct store_filter f;
	struct show_ctx c = {NULL, 0};
	struct err e;
	char *end;
	long long id;
	int rc;

	if (cmd_getopt(self, argc, argv, ":h", opts, &rc) == 0)
		return rc;
	if (optind != argc - 1)
		return cmd_usage_error(self, "give one event id");
	id = strtoll(argv[optind], &end, 10);
	if (*end || id <= 0)
		return cmd_usage_error(self, "'%s' is not an event id",
				       argv[optind]);
	rc = app_prepare(app, APP_READ);
	if (rc != EXIT_OK)
		return rc;
	c.s = app->store;
	memset(&f, 0, sizeof(f));
	f.all = true;
	f.id = id;
	if (store_events(c.s, &f, false, print_event, &c, &e) < 0)
		cmd_warn("%s", e.msg);
	else if (!c.found)
		cmd_warn("no event #%lld", id);
	else
		return EXIT_OK;
	return EXIT_FAIL;
}

/* --- add ----------------------------------------------------------------- */

int cmd_add(struct app *app, const struct cmd *self, int argc, char **argv)
{
	enum { OPT_ADD_UNTIL = 256, OPT_FOLLOWS };
	static const struct option opts[] = {
		{"company", required_argument, NULL, 'c'},
		{"day", required_argument, NULL, 'd'},
		{"action", required_argument, NULL, 'a'},
		{"title", required_argument, NULL, 't'},
		{"summary", required_argument, NULL, 's'},
		{"url", required_argument, NULL, 'u'},
		{"topic", required_argument, NULL, 'T'},
		{"until", required_argument, NULL, OPT_ADD_UNTIL},
		{"follows", required_argument, NULL, OPT_FOLLOWS},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct event ev;
	struct err e;
	const char *url = NULL;
	char *end, **topics;
	long long id;
	int ch, rc = EXIT_USAGE;

	memset(&ev, 0, sizeof(ev));
	ev.action = ACTION_OTHER;
	ev.policy = true;
	while ((ch = cmd_getopt(self, argc, argv, ":c:d:a:t:s:u:T:h", opts,
				&rc)) > 0) {
		switch (ch) {
		case 'c':
			ev.company = optarg;
			break;
		case 'd':
			if (date_day_bound(optarg, 0, ev.day) < 0 ||
			    strlen(optarg) < 8) {
				rc = cmd_usage_error(self,
						     "--day '%s' is not a day",
						     optarg);
				goto out;
			}
			break;
		case 'a':
			if (action_from_slug(optarg, &ev.action) < 0) {
				rc = cmd_usage_error(
					self,
					"--action '%s': use exit, moratorium, restrict, extend, resume, pledge, advocate, standard or other",
					optarg);
				goto out;
			}
			break;
		case 't':
			ev.title = optarg;
			break;
		case 's':
			ev.summary = optarg;
			break;
		case 'u':
			if (strncmp(optarg, "http://", 7) &&
			    strncmp(optarg, "https://", 8)) {
				rc = cmd_usage_error(
					self, "--url must be http or https");
				goto out;
			}
			url = optarg;
			break;
		case 'T':
			topics = realloc(ev.topics,
					 (ev.ntopics + 1) * sizeof(*topics));
			if (!topics) {
				rc = EXIT_FAIL;
				goto out;
			}
			ev.topics = topics;
			ev.topics[ev.ntopics++] = optarg;
			break;
		case OPT_ADD_UNTIL:
			if (date_day_bound(optarg, 0, ev.until) < 0)
				ev.until_text =
					optarg; /* "until a national law" */
			break;
		case OPT_FOLLOWS:
			ev.follows = strtoll(optarg, &end, 10);
			if (*end || ev.follows <= 0) {
				rc = cmd_usage_error(
					self,
					"--follows '%s' is not an event id",
					optarg);
				goto out;
			}
			break;
		}
	}
	if (ch == 0)
		goto out;
	if (optind < argc) {
		rc = cmd_extra_arg(self, argv);
		goto out;
	}
	if (!ev.company || !ev.day[0] || !ev.title) {
		rc = cmd_usage_error(
			self, "--company, --day and --title are required");
		goto out;
	}
	rc = app_prepare(app, APP_WRITE);
	if (rc != EXIT_OK)
		goto out;
	rc = EXIT_FAIL;
	if (store_event_add_manual(app->store, &ev, url, &id, &e) < 0) {
		cmd_warn("%s", e.msg);
		goto out;
	}
	printf("added event #%lld\n", id);
	rc = EXIT_OK;
out:
	free(ev.topics);
	return rc;
}
