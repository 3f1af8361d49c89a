/* cmd_list.c - annals list: the timeline for a terminal or a script */
#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "export.h"
#include "item.h"
#include "store.h"
#include "text.h"

struct list_ctx {
	int json;
	int colour; /* a terminal, and NO_COLOR unset */
	int width;  /* terminal columns, 0: do not cut */
	int ascii;  /* a terminal whose locale is not UTF-8 */
	long shown;
	struct buf line;
};

/* Text from the database, made safe for a terminal once more: the
 * database may have been written by something other than annals. */
static char *safe(const char *s)
{
	return text_clean(s ? s : "", s ? strlen(s) : 0);
}

/* safe(), then in ASCII for a terminal that shows nothing else. */
static char *shown(const char *s, int ascii)
{
	char *c = safe(s), *a;

	if (!c || !ascii)
		return c;
	a = text_ascii(c);
	free(c);
	return a;
}

enum { COL_COMPANY = 10, COL_ACTION = 10 };

/* A stable colour per company: the same name, the same colour, always. */
static int company_colour(const char *name)
{
	static const int colours[] = {31, 32, 33, 34, 35, 36};
	unsigned h = 5381;

	for (; name && *name; name++)
		h = h * 33 + (unsigned char)*name;
	return colours[h % (sizeof(colours) / sizeof(colours[0]))];
}

static int text_event(struct buf *b, const struct store_event *ev,
		      const struct list_ctx *ctx)
{
	int width = ctx->width, colour = ctx->colour, ascii = ctx->ascii;
	int (*fit)(struct buf *, const char *, int, int) =
		ascii ? text_fit_ascii : text_fit;
	char *company = shown(ev->company ? ev->company : "-", ascii);
	char *action = shown(ev->action, ascii);
	char *title = shown(ev->title, ascii);
	struct buf tail;
	int rc = 0, room;

	buf_init(&tail, 0);
	if (!company || !action || !title) {
		rc = -1;
		goto out;
	}
	if (ev->until && *ev->until)
		rc |= buf_addf(&tail, " [until %s]", ev->until);
	else if (ev->until_text && *ev->until_text) {
		char *u = shown(ev->until_text, ascii);

		rc |= buf_addf(&tail, " [%s]", u ? u : "");
		free(u);
	}
	if (ev->nsources > 1)
		rc |= buf_addf(&tail, ascii ? " [x%zu]" : " [\xC3\x97%zu]",
			       ev->nsources);
	if (ev->starred)
		rc |= buf_adds(&tail, " *");
	rc |= buf_adds(b, ev->day);
	rc |= buf_adds(b, "  ");
	if (colour)
		rc |= buf_addf(b, "\033[%dm", company_colour(ev->company));
	rc |= fit(b, company, COL_COMPANY, 1);
	if (colour)
		rc |= buf_adds(b, "\033[0m");
	rc |= buf_adds(b, "  ");
	rc |= fit(b, action, COL_ACTION, 1);
	rc |= buf_adds(b, "  ");
	room = width - (10 + 2 + COL_COMPANY + 2 + COL_ACTION + 2) -
	       text_width(tail.data ? tail.data : "");
	if (width > 0 && room > 8)
		rc |= fit(b, title, room, 0);
	else
		rc |= buf_adds(b, title);
	rc |= buf_adds(b, tail.data);
	rc |= buf_addc(b, '\n');
out:
	buf_release(&tail);
	free(company);
	free(action);
	free(title);
	return rc ? -1 : 0;
}

static int on_event(const struct store_event *ev, void *arg)
{
	struct list_ctx *ctx = arg;
	int rc;

	ctx->line.len = 0;
	rc = ctx->json ? export_event_json(&ctx->line, ev)
		       : text_event(&ctx->line, ev, ctx);
	if (rc < 0)
		return -1;
	if (fwrite(ctx->line.data, 1, ctx->line.len, stdout) != ctx->line.len)
		return -1;
	ctx->shown++;
	return 0;
}

int cmd_report_event(const struct store_event *ev, void *ctx)
{
	struct err *out = ctx;
	struct buf b;
	struct err e;
	int rc;

	buf_init(&b, 0);
	rc = export_md_bullet(&b, NULL, ev, &e);
	if (rc == 0 && fwrite(b.data, 1, b.len, stdout) != b.len) {
		err_set(&e, "cannot write the report");
		rc = -1;
	}
	if (rc < 0 && out)
		*out = e;
	buf_release(&b);
	return rc;
}

static int terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int cmd_filter_option(const struct cmd *self, int ch, const char *arg,
		      struct store_filter *f, char *since, char *until)
{
	enum action act;

	switch (ch) {
	case 'a':
		f->all = true;
		return 1;
	case OPT_STARRED:
		f->starred = true;
		return 1;
	case OPT_SINCE:
		if (date_day_bound(arg, 0, since) < 0)
			return cmd_usage_error(
				self, "--since '%s' is not a day", arg);
		f->since = since;
		return 1;
	case OPT_UNTIL:
		if (date_day_bound(arg, 1, until) < 0)
			return cmd_usage_error(
				self, "--until '%s' is not a day", arg);
		f->until = until;
		return 1;
	case OPT_COMPANY:
		f->company = arg;
		return 1;
	case OPT_ACTION:
		if (action_from_slug(arg, &act) < 0)
			return cmd_usage_error(
				self,
				"--action '%s': use exit, moratorium, restrict, extend, resume, pledge, advocate, standard or other",
				arg);
		f->action = arg;
		return 1;
	case OPT_TOPIC:
		f->topic = arg;
		return 1;
	case OPT_SEARCH:
		f->search = arg;
		return 1;
	default:
		return 0;
	}
}

int cmd_list(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"reverse", no_argument, NULL, 'r'},
		CMD_FILTER_OPTIONS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct store_filter f;
	struct list_ctx ctx;
	struct err e;
	char since[11], until[11];
	int ch, reverse = 0, r, rc;

	memset(&f, 0, sizeof(f));
	memset(&ctx, 0, sizeof(ctx));
	while ((ch = cmd_getopt(self, argc, argv, ":jrah", opts, &rc)) > 0) {
		switch (ch) {
		case 'j':
			ctx.json = 1;
			break;
		case 'r':
			reverse = 1;
			break;
		default:
			r = cmd_filter_option(self, ch, optarg, &f, since,
					      until);
			if (r != 1)
				return r ? r : cmd_bad_option(self, ch, argv);
		}
	}
	if (ch == 0)
		return rc;
	if (optind < argc)
		return cmd_extra_arg(self, argv);
	rc = app_prepare(app, APP_READ);
	if (rc != EXIT_OK)
		return rc;
	rc = EXIT_FAIL;
	ctx.width = ctx.json ? 0 : terminal_width();
	ctx.colour =
		ctx.width > 0 && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	ctx.ascii = ctx.width > 0 && !text_locale_utf8();
	buf_init(&ctx.line, 0);
	r = store_events(app->store, &f, reverse, on_event, &ctx, &e);
	if (r < 0) {
		cmd_warn("%s", e.msg);
		goto out;
	}
	if (r > 0) {
		cmd_warn("cannot write the list");
		goto out;
	}
	if (fflush(stdout) != 0) {
		cmd_warn("cannot write the list");
		goto out;
	}
	if (ctx.shown == 0 && !f.all && isatty(STDERR_FILENO)) {
		long long n = store_count(app->store, "events", &e);

		if (n > 0)
			cmd_warn(
				"no policy events match; 'annals list --all' shows all %lld events",
				n);
	}
	rc = EXIT_OK;
out:
	buf_release(&ctx.line);
	return rc;
}
