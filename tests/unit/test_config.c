/* test_config.c - reading and validating sources files */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

/* A temporary directory per test, removed with what it holds. */
struct tmp {
	char dir[64];
	char path[256]; /* the last file written */
};

static int setup_tmp(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	strcpy(t->dir, "/tmp/annals-test-config-XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown_tmp(void **state)
{
	struct tmp *t = *state;
	struct dirent *d;
	DIR *dir = opendir(t->dir);
	char path[512];

	while (dir && (d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", t->dir, d->d_name);
		unlink(path);
	}
	if (dir)
		closedir(dir);
	rmdir(t->dir);
	free(t);
	return 0;
}

/* Write text to dir/name; t->path names it. */
static const char *put(struct tmp *t, const char *name, const char *text)
{
	FILE *f;

	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
	f = fopen(t->path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return t->path;
}

/* want with every '@' replaced by path. */
static void expand(char *out, size_t size, const char *want, const char *path)
{
	size_t n = 0, plen = strlen(path);

	for (; *want && n + plen + 1 < size; want++) {
		if (*want == '@') {
			memcpy(out + n, path, plen);
			n += plen;
		} else {
			out[n++] = *want;
		}
	}
	out[n] = '\0';
}

static void test_valid(void **state)
{
	static const char text[] =
		"# two sources\n"
		"; another comment\n"
		"\n"
		"[aws-ml-blog]\n"
		"company = Amazon\n"
		"url = https://aws.amazon.com/blogs/machine-learning/feed/\n"
		"\n"
		"[microsoft.on_the-issues]\n"
		"  company   =   Microsoft   ; inline comment\n"
		"kind = page\n"
		"url = http://blogs.microsoft.com/on-the-issues/a;b\n"
		"every = 6h\n"
		"tags = policy, privacy\n"
		"enabled = no\n";
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	const struct config_source *s;
	const char *path = put(t, "companies.conf", text);

	assert_int_equal(config_load(path, &c, &e), 0);
	assert_int_equal(c.n, 2);

	s = &c.v[0];
	assert_string_equal(s->name, "aws-ml-blog");
	assert_string_equal(s->company, "Amazon");
	assert_string_equal(s->kind, "feed"); /* defaults */
	assert_int_equal(s->every, 3600);
	assert_int_equal(s->enabled, 1);
	assert_null(s->tags);
	assert_string_equal(
		s->url, "https://aws.amazon.com/blogs/machine-learning/feed/");
	assert_string_equal(s->file, path);
	assert_int_equal(s->line, 4);

	s = &c.v[1];
	assert_string_equal(s->name, "microsoft.on_the-issues");
	assert_string_equal(s->company, "Microsoft");
	assert_string_equal(s->kind, "page");
	assert_string_equal(s->url,
			    "http://blogs.microsoft.com/on-the-issues/a;b");
	assert_int_equal(s->every, 6 * 3600);
	assert_string_equal(s->tags, "policy, privacy");
	assert_int_equal(s->enabled, 0);
	assert_string_equal(s->file, path);
	assert_int_equal(s->line, 8);

	config_release(&c);
	assert_null(c.v);
	assert_int_equal(c.n, 0);
	config_release(&c);
	config_release(NULL);
}

static void test_values(void **state)
{
	static const struct {
		const char *line;
		int every;
		int enabled;
		const char *kind;
	} t[] = {
		{"every = 30m", 1800, 1, "feed"},
		{"every = 90s", 90, 1, "feed"},
		{"every = 1d", 86400, 1, "feed"},
		{"every = 3600", 3600, 1, "feed"},
		{"enabled = yes", 3600, 1, "feed"},
		{"enabled = true", 3600, 1, "feed"},
		{"enabled = 1", 3600, 1, "feed"},
		{"enabled = on", 3600, 1, "feed"},
		{"enabled = no", 3600, 0, "feed"},
		{"enabled = false", 3600, 0, "feed"},
		{"enabled = 0", 3600, 0, "feed"},
		{"enabled = off", 3600, 0, "feed"},
		{"kind = feed", 3600, 1, "feed"},
		{"kind = page", 3600, 1, "page"},
		{"kind = sitemap", 3600, 1, "sitemap"},
		{"tags = policy, ai", 3600, 1, "feed"},
	};
	struct tmp *ts = *state;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char text[256];
		struct config c;
		struct err e = {{0}};

		snprintf(text, sizeof(text),
			 "[s]\ncompany = X\nurl = https://x.test/\n%s\n",
			 t[i].line);
		put(ts, "one.conf", text);
		if (config_load(ts->path, &c, &e) != 0)
			print_error("'%s': %s\n", t[i].line, e.msg);
		assert_int_equal(c.n, 1);
		assert_int_equal(c.v[0].every, t[i].every);
		assert_int_equal(c.v[0].enabled, t[i].enabled);
		assert_string_equal(c.v[0].kind, t[i].kind);
		config_release(&c);
	}
}

static void test_interval(void **state)
{
	static const struct {
		const char *in;
		int want; /* -1: rejected */
	} t[] = {
		{"30m", 1800},
		{"6h", 21600},
		{"1d", 86400},
		{"90s", 90},
		{"3600", 3600},
		{"1", 1},
		{"1s", 1},
		{"2 h", 7200},
		{"365d", 365 * 86400},
		{"8760h", 365 * 86400},
		{"0", -1},
		{"6x", -1},
		{"-1h", -1},
		{"", -1},
		{"h", -1},
		{"0m", -1},
		{"1.5h", -1},
		{"6hh", -1},
		{"6h ", -1},
		{"m30", -1},
		{"366d", -1},
		{"99999999999", -1},
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int secs = -7, rc = config_interval(t[i].in, &secs);

		if (t[i].want < 0 ? rc != -1 : rc != 0 || secs != t[i].want) {
			print_error("config_interval(\"%s\"): got %d %d, want "
				    "%d\n",
				    t[i].in, rc, secs, t[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* A file, and the error it gives ('@' stands for its path). */
struct error_case {
	const char *text;
	const char *want;
};

static const struct error_case error_cases[] = {
	{"[a]\ncompny = Amazon\nurl = https://x.test/\n",
	 "@:2: unknown key 'compny' (did you mean 'company'?)"},
	{"[a]\ncompany = X\nurll = https://x.test/\n",
	 "@:3: unknown key 'urll' (did you mean 'url'?)"},
	{"[a]\ncompany = X\nurl = https://x.test/\nevry = 1h\n",
	 "@:4: unknown key 'evry' (did you mean 'every'?)"},
	{"[a]\ncompany = X\nurl = https://x.test/\nenable = no\n",
	 "@:4: unknown key 'enable' (did you mean 'enabled'?)"},
	{"[a]\ncompany = X\nurl = https://x.test/\nfrobnicate = 1\n",
	 "@:4: unknown key 'frobnicate'"},
	{"[a]\ncompany = X\nurl = ftp://x.test/feed\n",
	 "@:3: url 'ftp://x.test/feed' is not http or https"},
	{"[a]\ncompany = X\nurl = x.test/feed\n",
	 "@:3: url 'x.test/feed' is not http or https"},
	{"[a]\ncompany = X\nurl = https://x.test/\nkind = rss\n",
	 "@:4: kind 'rss' is not feed, page or sitemap"},
	{"company = X\n[a]\nurl = https://x.test/\n",
	 "@:1: 'company' outside of a [source] section"},
	{"# comment\n\nurl = https://x.test/\n",
	 "@:3: 'url' outside of a [source] section"},
	{"[a]\ncompany = X\n", "@:1: source 'a' has no url"},
	{"[a]\nurl = https://x.test/\n", "@:1: source 'a' has no company"},
	{"[a]\n", "@:1: source 'a' has no company"},
	{"[a]\ncompany = X\nurl = https://x.test/\n\n[b]\nurl = https://y/\n",
	 "@:5: source 'b' has no company"},
	{"[a]\ncompany = \nurl = https://x.test/\n", "@:2: empty company"},
	{"[bad name!]\ncompany = X\nurl = https://x.test/\n",
	 "@:1: bad source name 'bad name!' (letters, digits, '-', '_', '.')"},
	{"[a/b]\n",
	 "@:1: bad source name 'a/b' (letters, digits, '-', '_', '.')"},
	{"[]\n", "@:1: bad source name '' (letters, digits, '-', '_', '.')"},
	{"[a]\ncompany = X\nurl = https://x.test/\n\n[a]\ncompany = Y\n",
	 "@:5: source 'a' is already defined at @:1"},
	{"[a]\ncompany = X\nurl = https://x.test/\nno equals here\n",
	 "@:4: syntax error (expected [name] or key = value)"},
	{"[a]\ncompany = X\nurl = https://x.test/\nevery = 6x\n",
	 "@:4: every '6x' is not an interval such as 30m, 6h or 1d"},
	{"[a]\ncompany = X\nurl = https://x.test/\nevery = 0\n",
	 "@:4: every '0' is not an interval such as 30m, 6h or 1d"},
	{"[a]\ncompany = X\nurl = https://x.test/\nevery = -1h\n",
	 "@:4: every '-1h' is not an interval such as 30m, 6h or 1d"},
	{"[a]\ncompany = X\nurl = https://x.test/\nevery =\n",
	 "@:4: every '' is not an interval such as 30m, 6h or 1d"},
	{"[a]\ncompany = X\nurl = https://x.test/\nenabled = maybe\n",
	 "@:4: enabled 'maybe' is not yes or no"},
	{"[a]\ncompany = X\ncompany = Y\nurl = https://x.test/\n",
	 "@:3: 'company' given twice in [a]"},
	/* the first error is the one reported */
	{"[a]\nkind = rss\ncompny = X\n",
	 "@:2: kind 'rss' is not feed, page or sitemap"},
	{"[a]\ncompany = X\nurl = https://x.test/\n[b c]\nwhat\n",
	 "@:4: bad source name 'b c' (letters, digits, '-', '_', '.')"},
};

/*
 * Regressions (once wrong): only the "file:N: " prefix of an error is
 * checked; N must be the first malformed line.
 */

/* Start of e's message, or -1 (after printing both) if it is not want. */
static int check_prefix(const struct err *e, const char *want)
{
	if (strncmp(e->msg, want, strlen(want)) == 0)
		return 0;
	print_error("got \"%s\", want it to start \"%s\"\n", e->msg, want);
	return -1;
}

/* 1. An unclosed section header is reported at the next key, as
 * "'company' outside of a [source] section", not as the syntax error on
 * line 1 that it is. */
static void test_regress_unclosed_section(void **state)
{
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	char want[512];

	put(t, "a.conf", "[a\ncompany = X\nurl = https://x.test/\n");
	assert_int_equal(config_load(t->path, &c, &e), -1);
	snprintf(want, sizeof(want), "%s:1: ", t->path);
	assert_int_equal(check_prefix(&e, want), 0);
}

/* 2. Lines longer than inih's 200-byte buffer are read in pieces: the
 * rest of a long url becomes a line of its own, reported one line too
 * far as "unknown key '000...?a'". A long url must be read whole, or
 * rejected at its own line. */
static void test_regress_long_url(void **state)
{
	char longurl[400], text[600], want[512];
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};

	memset(longurl, 0, sizeof(longurl));
	strcpy(longurl, "https://example.com/");
	memset(longurl + strlen(longurl), '0', 260);
	strcat(longurl, "?a=b");
	snprintf(text, sizeof(text), "[a]\ncompany = X\nurl = %s\n", longurl);
	put(t, "b.conf", text);
	if (config_load(t->path, &c, &e) == 0) {
		assert_int_equal(c.n, 1);
		assert_string_equal(c.v[0].url, longurl);
		config_release(&c);
	} else {
		snprintf(want, sizeof(want), "%s:3: ", t->path);
		assert_int_equal(check_prefix(&e, want), 0);
	}
}

/* 3. The same with a comment: its tail is read as a malformed line. */
static void test_regress_long_comment(void **state)
{
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	char text[600];

	memset(text, 0, sizeof(text));
	text[0] = '#';
	memset(text + 1, 'x', 300);
	strcat(text, "\n[a]\ncompany = X\nurl = https://x.test/\n");
	put(t, "c.conf", text);
	if (config_load(t->path, &c, &e) != 0)
		print_error("got \"%s\", want no error\n", e.msg);
	assert_int_equal(c.n, 1);
	config_release(&c);
}

/*
 * 4. Under valgrind, feeds/pages.conf failed with "'every' given twice":
 * config.c forks a child to time a match pattern's compile, and valgrind
 * runs libc's exit cleanup in that child, which moves the offset it shares
 * with the parent back to where the parent's stdio stream had got to, so
 * the parent read the rest of the file twice. A child that leaves through
 * exit() does the same without valgrind.
 */
static int child_exits; /* the atfork handler below is on */

static void flush_before_fork(void)
{
	fflush(stdout); /* or the child would print it again */
	fflush(stderr);
}

static void exit_in_child(void)
{
	if (child_exits)
		exit(0);
}

static void test_regress_fork_exit(void **state)
{
	static int registered;
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};

	if (!registered) {
		assert_int_equal(
			pthread_atfork(flush_before_fork, NULL, exit_in_child),
			0);
		registered = 1;
	}
	put(t, "fork.conf",
	    "[map]\ncompany = X\nkind = sitemap\n"
	    "url = https://x.test/sitemap.xml\nmatch = /news/[0-9]{4}/\n"
	    "[page]\ncompany = X\nkind = page\nurl = https://x.test/\n"
	    "items = //li\nevery = 1d\n");
	child_exits = 1;
	if (config_load(t->path, &c, &e) != 0)
		print_error("got \"%s\", want no error\n", e.msg);
	child_exits = 0;
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[1].name, "page");
	assert_int_equal(c.v[1].line, 6);
	assert_int_equal(c.v[1].every, 86400);
	config_release(&c);
}

static void test_errors(void **state)
{
	struct tmp *t = *state;
	size_t i, bad = 0;

	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		struct config c;
		struct err e = {{0}};
		char want[1024];
		int rc;

		put(t, "err.conf", error_cases[i].text);
		expand(want, sizeof(want), error_cases[i].want, t->path);
		rc = config_load(t->path, &c, &e);
		if (rc != -1 || strcmp(e.msg, want) != 0) {
			print_error("row %zu: got %d \"%s\"\n    want -1 "
				    "\"%s\"\n",
				    i, rc, e.msg, want);
			bad++;
		}
		/* c is left empty on error */
		assert_int_equal(c.n, 0);
		assert_null(c.v);
		config_release(&c);
	}
	assert_int_equal(bad, 0);
}

static void test_missing(void **state)
{
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	char path[256], want[512];

	snprintf(path, sizeof(path), "%s/nope.conf", t->dir);
	assert_int_equal(config_load(path, &c, &e), -1);
	snprintf(want, sizeof(want), "'%s': No such file or directory", path);
	assert_string_equal(e.msg, want);
	assert_int_equal(c.n, 0);
}

static void test_empty(void **state)
{
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};

	/* an empty directory, then an empty file */
	assert_int_equal(config_load(t->dir, &c, &e), 0);
	assert_int_equal(c.n, 0);
	config_release(&c);
	put(t, "empty.conf", "");
	assert_int_equal(config_load(t->path, &c, &e), 0);
	assert_int_equal(c.n, 0);
	config_release(&c);
	put(t, "comments.conf", "# nothing\n; here\n\n");
	assert_int_equal(config_load(t->path, &c, &e), 0);
	assert_int_equal(c.n, 0);
	config_release(&c);
}

static void test_directory(void **state)
{
	static const char junk[] = "this is not = a sources file\n[[[\n";
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	char want[512];

	put(t, "b.conf",
	    "[two]\ncompany = IBM\nurl = https://b.test/\n"
	    "[three]\ncompany = auto\nurl = https://c.test/\n");
	put(t, "a.conf", "[one]\ncompany = Amazon\nurl = https://a.test/\n");
	/* none of these is read */
	put(t, "rules.conf", junk);
	put(t, "notes.txt", junk);
	put(t, ".hidden.conf", junk);
	put(t, "old.conf.bak", junk);
	put(t, "conf", junk);
	put(t, ".conf", junk);

	if (config_load(t->dir, &c, &e) != 0)
		print_error("%s\n", e.msg);
	assert_int_equal(c.n, 3);
	/* in name order: a.conf, then b.conf */
	assert_string_equal(c.v[0].name, "one");
	assert_string_equal(c.v[1].name, "two");
	assert_string_equal(c.v[2].name, "three");
	snprintf(want, sizeof(want), "%s/a.conf", t->dir);
	assert_string_equal(c.v[0].file, want);
	assert_int_equal(c.v[0].line, 1);
	snprintf(want, sizeof(want), "%s/b.conf", t->dir);
	assert_string_equal(c.v[1].file, want);
	assert_string_equal(c.v[2].file, want);
	assert_int_equal(c.v[2].line, 4);
	assert_string_equal(c.v[2].company, "auto");
	config_release(&c);
}

static void test_directory_duplicate(void **state)
{
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	char want[1024];

	put(t, "a.conf",
	    "# first\n[same]\ncompany = Amazon\nurl = https://a.test/\n");
	put(t, "b.conf",
	    "[other]\ncompany = IBM\nurl = https://b.test/\n"
	    "[same]\ncompany = IBM\nurl = https://c.test/\n");
	assert_int_equal(config_load(t->dir, &c, &e), -1);
	snprintf(want, sizeof(want),
		 "%s/b.conf:4: source 'same' is already defined at "
		 "%s/a.conf:2",
		 t->dir, t->dir);
	assert_string_equal(e.msg, want);
	assert_int_equal(c.n, 0);
	assert_null(c.v);
}

/* An error in a later file names that file. */
static void test_directory_error(void **state)
{
	struct tmp *t = *state;
	struct config c;
	struct err e = {{0}};
	char want[1024];

	put(t, "a.conf", "[one]\ncompany = Amazon\nurl = https://a.test/\n");
	put(t, "b.conf", "[two]\ncompany = IBM\nurl = gopher://b.test/\n");
	assert_int_equal(config_load(t->dir, &c, &e), -1);
	snprintf(want, sizeof(want),
		 "%s/b.conf:3: url 'gopher://b.test/' is not http or https",
		 t->dir);
	assert_string_equal(e.msg, want);
	assert_int_equal(c.n, 0);
}

static void test_find(void **state)
{
	struct tmp *t = *state;
	struct config c, none = {0};
	struct err e = {{0}};
	const struct config_source *s;

	put(t, "a.conf",
	    "[one]\ncompany = Amazon\nurl = https://a.test/\n"
	    "[two]\ncompany = IBM\nurl = https://b.test/\n"
	    "[one.two]\ncompany = MS\nurl = https://c.test/\n");
	assert_int_equal(config_load(t->path, &c, &e), 0);
	s = config_find(&c, "two");
	assert_non_null(s);
	assert_ptr_equal(s, &c.v[1]);
	assert_string_equal(s->company, "IBM");
	s = config_find(&c, "one.two");
	assert_non_null(s);
	assert_string_equal(s->company, "MS");
	assert_null(config_find(&c, "three"));
	assert_null(config_find(&c, "ONE"));
	assert_null(config_find(&c, "on"));
	assert_null(config_find(&c, ""));
	assert_null(config_find(&none, "one"));
	config_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_values, setup_tmp,
						teardown_tmp),
		cmocka_unit_test(test_interval),
		cmocka_unit_test_setup_teardown(test_errors, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_regress_unclosed_section,
						setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_regress_long_url,
						setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_regress_long_comment,
						setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_regress_fork_exit,
						setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_missing, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_empty, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_directory, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_directory_duplicate,
						setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_directory_error, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_find, setup_tmp,
						teardown_tmp),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
