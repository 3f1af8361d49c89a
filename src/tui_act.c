/* tui_act.c - the TUI's actions: filters, curation, export, fetch, open */
#include "tui_act.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "export.h"
#include "item.h"
#include "text.h"

static const char *const actions[] = {
	"exit",	  "moratorium", "restrict", "extend", "resume",
	"pledge", "advocate",	"standard", "other",
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

void tui_filter_words(const struct tui *t, struct buf *b)
{
	const struct store_filter *f = &t->f;
	size_t start = b->len;

#define SEP() (b->len > start ? buf_adds(b, ", ") : 0)
	if (f->company && SEP() == 0)
		buf_adds(b, f->company);
	if (f->action && SEP() == 0)
		buf_adds(b, f->action);
	if (f->topic && SEP() == 0)
		buf_addf(b, "#%s", f->topic);
	if ((f->since || f->until) && SEP() == 0)
		buf_addf(b, "%s..%s", f->since ? f->since : "",
			 f->until ? f->until : "");
	if (f->search && SEP() == 0)
		buf_addf(b, "search \"%s\"", f->search);
	if (f->starred && SEP() == 0)
		buf_adds(b, "starred");
	if (f->all && SEP() == 0)
		buf_adds(b, "all items");
#undef SEP
}

/* A filter changed: back to the top of the new view. */
static void refilter(struct tui *t)
{
	t->lanes.dirty = true;
	tui_list_load(t, NULL);
}

static void set_str(char **slot, const char **field, const char *v)
{
	free(*slot);
	*slot = v ? strdup(v) : NULL;
	*field = *slot;
}

/* A menu of "(any)" and the values of field among the events that the
 * other filters let through. */
static void filter_values(struct tui *t, const char *field)
{
	struct store_filter f = t->f;
	bool topic = strcmp(field, "topic") == 0;
	char **vals = NULL;
	const char **items;
	size_t n = 0, i, cur = 0;
	struct err e;
	long r;

	if (topic)
		f.topic = NULL;
	else
		f.company = NULL;
	if (store_view_values(t->v, &f, field, &vals, &n, &e) < 0) {
		tui_status(t, true, "%s", e.msg);
		return;
	}
	items = calloc(n + 1, sizeof(*items));
	if (!items)
		goto out;
	items[0] = "(any)";
	for (i = 0; i < n; i++) {
		items[i + 1] = vals[i];
		if ((topic ? t->topic : t->company) &&
		    strcmp(vals[i], topic ? t->topic : t->company) == 0)
			cur = i + 1;
	}
	r = tui_menu(t, topic ? "Topic" : "Company", items, n + 1, cur);
	if (r >= 0) {
		if (topic)
			set_str(&t->topic, &t->f.topic, r ? items[r] : NULL);
		else
			set_str(&t->company, &t->f.company,
				r ? items[r] : NULL);
		refilter(t);
	}
out:
	free(items);
	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
}

static void filter_action(struct tui *t)
{
	const char *items[NACTIONS + 1];
	size_t i, cur = 0;
	long r;

	items[0] = "(any)";
	for (i = 0; i < NACTIONS; i++) {
		items[i + 1] = actions[i];
		if (t->action && strcmp(t->action, actions[i]) == 0)
			cur = i + 1;
	}
	r = tui_menu(t, "Action", items, NACTIONS + 1, cur);
	if (r < 0)
		return;
	set_str(&t->action, &t->f.action, r ? items[r] : NULL);
	refilter(t);
}

/* "2020", "2020-06..2021-03", "2020..", "..2019-12-31"; empty: any. */
static void filter_dates(struct tui *t)
{
	char *in = NULL, *dots, since[11] = "", until[11] = "";
	char init[32];

	snprintf(init, sizeof(init), "%s%s%s", t->f.since ? t->since : "",
		 t->f.since || t->f.until ? ".." : "",
		 t->f.until ? t->until : "");
	if (!tui_prompt(t, "dates (2020, 2020-06..2021-03, empty: any): ", init,
			&in))
		return;
	dots = strstr(in, "..");
	if (dots) {
		*dots = '\0';
		if ((*in && date_day_bound(in, 0, since) < 0) ||
		    (dots[2] && date_day_bound(dots + 2, 1, until) < 0))
			goto bad;
	} else if (*in) {
		if (date_day_bound(in, 0, since) < 0 ||
		    date_day_bound(in, 1, until) < 0)
			goto bad;
	}
	memcpy(t->since, since, sizeof(since));
	memcpy(t->until, until, sizeof(until));
	t->f.since = since[0] ? t->since : NULL;
	t->f.until = until[0] ? t->until : NULL;
	free(in);
	refilter(t);
	return;
bad:
	tui_status(t, true, "not a day or a range of days");
	free(in);
}

static void clear_filters(struct tui *t)
{
	set_str(&t->company, &t->f.company, NULL);
	set_str(&t->action, &t->f.action, NULL);
	set_str(&t->topic, &t->f.topic, NULL);
	set_str(&t->fsearch, &t->f.search, NULL);
	t->f.since = t->f.until = NULL;
	t->f.all = t->f.starred = false;
	refilter(t);
	tui_status(t, false, "filters cleared");
}

/* The current event in full, for edits and o. Returns 1 when loaded. */
static int current(struct tui *t, struct store_view_detail *d)
{
	long long id = tui_current_id(t);
	struct err e;
	int r;

	memset(d, 0, sizeof(*d));
	if (!id) {
		tui_status(t, true, "no event selected");
		return 0;
	}
	r = store_view_detail(t->v, id, d, &e);
	if (r < 0)
		tui_status(t, true, "%s", e.msg);
	return r > 0;
}

static void curate(struct tui *t, long long id, enum store_view_field fld,
		   const char *value, const char *done)
{
	struct err e;

	if (store_view_curate(t->v, id, fld, value, &e) < 0) {
		tui_status(t, true, "%s", e.msg);
		return;
	}
	tui_reload(t);
	if (t->screen == TUI_LIST && fld == STORE_VIEW_DAY && value)
		tui_list_goto(t, id, value); /* the cursor follows it */
	tui_status(t, false, "#%lld %s", id, done);
}

static void toggle(struct tui *t, enum store_view_field fld)
{
	struct store_view_detail d;
	bool was;

	if (!current(t, &d))
		return;
	was = fld == STORE_VIEW_STAR ? d.starred : d.hidden;
	curate(t, d.id, fld, NULL,
	       fld == STORE_VIEW_STAR ? (was ? "unstarred" : "starred")
				      : (was ? "shown again" : "hidden"));
	store_view_detail_release(&d);
}

static void note(struct tui *t)
{
	struct store_view_detail d;
	char *in = NULL;

	if (!current(t, &d))
		return;
	if (tui_prompt(t, "note (empty: none): ", d.note ? d.note : "", &in))
		curate(t, d.id, STORE_VIEW_NOTE, in,
		       *in ? "note saved" : "note removed");
	free(in);
	store_view_detail_release(&d);
}

/* Topics typed as "a, b c" -> a JSON array; NULL when out of memory. */
static char *topics_json(const char *in)
{
	char *copy = strdup(in), *tok, *save = NULL;
	const char *v[64];
	size_t n = 0;
	struct buf b;

	if (!copy)
		return NULL;
	for (tok = strtok_r(copy, ", ", &save); tok && n < 64;
	     tok = strtok_r(NULL, ", ", &save))
		v[n++] = tok;
	buf_init(&b, 0);
	text_json_array(&b, v, n);
	free(copy);
	return buf_detach(&b);
}

static void edit_action(struct tui *t, const struct store_view_detail *d)
{
	const char *items[NACTIONS];
	size_t i, cur = 0;
	long r;

	for (i = 0; i < NACTIONS; i++) {
		items[i] = actions[i];
		if (d->action && strcmp(d->action, actions[i]) == 0)
			cur = i;
	}
	r = tui_menu(t, "Action", items, NACTIONS, cur);
	if (r >= 0)
		curate(t, d->id, STORE_VIEW_ACTION, items[r], "action set");
}

static void edit(struct tui *t)
{
	static const char *const fields[] = {"action", "topics", "day",
					     "title"};
	struct store_view_detail d;
	struct buf cur;
	char *in = NULL, day[11];
	size_t i;
	long r;

	if (!current(t, &d))
		return;
	r = tui_menu(t, "Edit", fields, 4, 0);
	buf_init(&cur, 0);
	switch (r) {
	case 0:
		edit_action(t, &d);
		break;
	case 1:
		for (i = 0; i < d.ntopics; i++)
			buf_addf(&cur, "%s%s", i ? ", " : "", d.topics[i]);
		if (tui_prompt(t, "topics (comma-separated): ",
			       cur.data ? cur.data : "", &in)) {
			char *json = topics_json(in);

			if (json)
				curate(t, d.id, STORE_VIEW_TOPICS, json,
				       "topics set");
			free(json);
		}
		break;
	case 2:
		if (!tui_prompt(t, "day (YYYY-MM-DD): ", d.day, &in))
			break;
		if (date_day_bound(in, 0, day) < 0)
			tui_status(t, true, "'%s' is not a day", in);
		else
			curate(t, d.id, STORE_VIEW_DAY, day, "day set");
		break;
	case 3:
		if (!tui_prompt(t, "title (empty: as extracted): ",
				d.title ? d.title : "", &in))
			break;
		{
			char *clean = tui_clean(in);

			curate(t, d.id, STORE_VIEW_TITLE, *clean ? clean : NULL,
			       *clean ? "title set" : "title restored");
			free(clean);
		}
		break;
	default:
		break;
	}
	free(in);
	buf_release(&cur);
	store_view_detail_release(&d);
}

static void add(struct tui *t)
{
	struct event ev;
	char *company = NULL, *dayin = NULL, *title = NULL, *url = NULL;
	char today[11];
	long long id;
	struct err e;
	long r;

	memset(&ev, 0, sizeof(ev));
	date_day((long long)time(NULL), 0, today);
	if (!tui_prompt(t, "add: company: ",
			t->sel < t->win.n && t->win.v[t->sel].company
				? t->win.v[t->sel].company
				: "",
			&company) ||
	    !*company || !tui_prompt(t, "add: day: ", today, &dayin) ||
	    !tui_prompt(t, "add: title: ", "", &title) || !*title)
		goto out;
	if (date_day_bound(dayin, 0, ev.day) < 0) {
		tui_status(t, true, "'%s' is not a day", dayin);
		goto out;
	}
	r = tui_menu(t, "Action", actions, NACTIONS, NACTIONS - 1);
	if (r < 0)
		goto out;
	if (!tui_prompt(t, "add: source url (optional): ", "", &url))
		goto out;
	if (*url && strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		tui_status(t, true, "the url must be http or https");
		goto out;
	}
	ev.company = tui_clean(company);
	ev.title = tui_clean(title);
	action_from_slug(actions[r], &ev.action);
	ev.policy = true;
	if (store_event_add_manual(t->s, &ev, *url ? url : NULL, &id, &e) < 0)
		tui_status(t, true, "%s", e.msg);
	else {
		tui_reload(t);
		tui_status(t, false, "added event #%lld", id);
	}
	free(ev.company);
	free(ev.title);
out:
	free(company);
	free(dayin);
	free(title);
	free(url);
}

/* Run $BROWSER (else xdg-open) on url, the terminal handed over. */
static void browse(struct tui *t)
{
	struct store_view_detail d;
	struct sigaction ign, old[2];
	const char *url = NULL, *prog = getenv("BROWSER");
	int status = 0;
	size_t i;
	pid_t pid;

	if (!current(t, &d))
		return;
	for (i = 0; i < d.nsources && !url; i++)
		if (d.sources[i].url &&
		    (!strncmp(d.sources[i].url, "http://", 7) ||
		     !strncmp(d.sources[i].url, "https://", 8)))
			url = d.sources[i].url;
	if (!url && d.url &&
	    (!strncmp(d.url, "http://", 7) || !strncmp(d.url, "https://", 8)))
		url = d.url;
	if (!url) {
		tui_status(t, true, "no http or https link to open");
		goto out;
	}
	if (!prog || !*prog)
		prog = "xdg-open";
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	def_prog_mode();
	endwin();
	sigaction(SIGINT, &ign, &old[0]);
	sigaction(SIGQUIT, &ign, &old[1]);
	pid = fork();
	if (pid == 0) {
		char *list = strdup(prog), *p, *save = NULL;

		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* $BROWSER may list several, separated by ':'; the url is one
		 * argument, no shell sees it */
		for (p = list ? strtok_r(list, ":", &save) : NULL; p;
		     p = strtok_r(NULL, ":", &save))
			execlp(p, p, url, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGQUIT, &old[1], NULL);
	reset_prog_mode();
	clearok(stdscr, TRUE);
	if (pid < 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 127))
		tui_status(t, true, "cannot run '%s'", prog);
	else
		tui_status(t, false, "opened %s", url);
out:
	store_view_detail_release(&d);
}

static void export_md(struct tui *t)
{
	struct export_opts eo;
	struct buf words;
	char *path = NULL;
	FILE *fp;
	struct err e;

	if (!tui_prompt(t, "export Markdown to: ", "annals-timeline.md",
			&path) ||
	    !*path)
		goto out;
	if (access(path, F_OK) == 0) {
		char q[600];

		snprintf(q, sizeof(q), "'%.500s' exists: replace it? (y/n)",
			 path);
		if (!tui_confirm(t, q)) {
			tui_status(t, false, "not exported");
			goto out;
		}
	}
	fp = fopen(path, "w");
	if (!fp) {
		tui_status(t, true, "'%s': %s", path, strerror(errno));
		goto out;
	}
	if (t->count_stale)
		tui_list_count(t, false);
	memset(&eo, 0, sizeof(eo));
	buf_init(&words, 0);
	tui_filter_words(t, &words);
	eo.format = EXPORT_MD;
	eo.generated = (long long)time(NULL);
	eo.filters = words.data;
	if (export_write(t->s, &t->f, &eo, fp, &e) < 0) {
		fclose(fp);
		tui_status(t, true, "%s", e.msg);
	} else if (fclose(fp) != 0) {
		tui_status(t, true, "'%s': %s", path, strerror(errno));
	} else {
		tui_status(t, false, "exported %lld events to %s", t->total,
			   path);
	}
	buf_release(&words);
out:
	free(path);
}

static void fetch_start(struct tui *t)
{
	const char *argv[12];
	int p[2], n = 0, null;
	pid_t pid;

	if (t->fetch_pid > 0) {
		tui_status(t, false, "a fetch is already running");
		return;
	}
	if (pipe(p) < 0) {
		tui_status(t, true, "fetch: %s", strerror(errno));
		return;
	}
	argv[n++] = "annals";
	argv[n++] = "--db";
	argv[n++] = t->o->db_path;
	if (t->o->sources_path) {
		argv[n++] = "--sources";
		argv[n++] = t->o->sources_path;
	}
	if (t->o->rules_path) {
		argv[n++] = "--rules";
		argv[n++] = t->o->rules_path;
	}
	argv[n++] = "fetch";
	argv[n++] = "-v";
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		/* the child never touches the terminal */
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		signal(SIGINT, SIG_IGN); /* Ctrl-C quits the TUI, not it */
		execv("/proc/self/exe", (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		tui_status(t, true, "fetch: %s", strerror(errno));
		return;
	}
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	t->fetch_pid = pid;
	t->fetch_fd = p[0];
	t->fetch_len = 0;
	tui_status(t, false, "fetch: started");
}

void tui_act_fetch_poll(struct tui *t)
{
	char chunk[512], *nl;
	ssize_t r;
	int status;

	if (t->fetch_pid <= 0)
		return;
	while ((r = read(t->fetch_fd, chunk, sizeof(chunk))) > 0) {
		size_t i;

		for (i = 0; i < (size_t)r; i++) {
			if (chunk[i] == '\r')
				chunk[i] = '\n';
			if (t->fetch_len + 1 >= sizeof(t->fetch_buf))
				t->fetch_len = 0;
			t->fetch_buf[t->fetch_len++] = chunk[i];
		}
		t->fetch_buf[t->fetch_len] = '\0';
		/* the last complete line is the progress */
		while ((nl = strchr(t->fetch_buf, '\n'))) {
			*nl = '\0';
			if (*t->fetch_buf)
				tui_status(t, false, "fetch: %s", t->fetch_buf);
			t->fetch_len -= (size_t)(nl + 1 - t->fetch_buf);
			memmove(t->fetch_buf, nl + 1, t->fetch_len + 1);
		}
	}
	if (waitpid(t->fetch_pid, &status, WNOHANG) != t->fetch_pid)
		return;
	close(t->fetch_fd);
	t->fetch_fd = -1;
	t->fetch_pid = 0;
	tui_reload(t);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 75)
		tui_status(t, true, "fetch: another fetch is running");
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		tui_status(t, true, "fetch: ended with errors (%s)",
			   t->status[0] ? t->status : "see annals fetch -v");
	else if (!t->status[0] || !strstr(t->status, "sources"))
		tui_status(t, false, "fetch: done");
}

void tui_act_fetch_stop(struct tui *t)
{
	if (t->fetch_fd >= 0)
		close(t->fetch_fd);
	t->fetch_fd = -1;
	t->fetch_pid = 0;
}

static void search(struct tui *t)
{
	char *in = NULL;

	if (!tui_prompt(t, "search: ", t->search ? t->search : "", &in))
		return;
	free(t->search);
	t->search = NULL;
	if (!*in) {
		free(in);
		tui_status(t, false, "search cleared");
		return;
	}
	t->search = in;
	tui_list_find(t, false);
}

bool tui_act(struct tui *t, enum tui_action a)
{
	switch (a) {
	case ACT_COMPANY:
		filter_values(t, "company");
		return true;
	case ACT_TOPIC:
		filter_values(t, "topic");
		return true;
	case ACT_ACTION:
		filter_action(t);
		return true;
	case ACT_DATES:
		filter_dates(t);
		return true;
	case ACT_POLICY:
		t->f.all = !t->f.all;
		refilter(t);
		tui_status(t, false, "%s",
			   t->f.all ? "all events, hidden ones too"
				    : "policy moves only");
		return true;
	case ACT_CLEAR:
		clear_filters(t);
		return true;
	case ACT_STAR:
		toggle(t, STORE_VIEW_STAR);
		return true;
	case ACT_HIDE:
		toggle(t, STORE_VIEW_HIDE);
		return true;
	case ACT_NOTE:
		note(t);
		return true;
	case ACT_PREV_OR_NOTE:
		if (t->screen == TUI_LIST && t->search)
			tui_list_find(t, true);
		else
			note(t);
		return true;
	case ACT_NEXT:
		if (t->search)
			tui_list_find(t, false);
		else
			tui_status(t, false, "no search yet: / to search");
		return true;
	case ACT_SEARCH:
		search(t);
		return true;
	case ACT_EDIT:
		edit(t);
		return true;
	case ACT_ADD:
		add(t);
		return true;
	case ACT_BROWSE:
		browse(t);
		return true;
	case ACT_EXPORT:
		export_md(t);
		return true;
	case ACT_FETCH:
		fetch_start(t);
		return true;
	default:
		return false;
	}
}
