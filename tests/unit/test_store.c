/* test_store.c - schema, migrations, upserts, revisions, queries */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "item.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/annals-test-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *p, const char *content)
{
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static void make_item(struct item *it, const char *id, const char *title)
{
	memset(it, 0, sizeof(*it));
	it->id = strdup(id);
	it->title = strdup(title);
	it->link = strdup("https://x.test/1");
	it->published.set = true;
	it->published.utc = 1591812000; /* 2020-06-10T18:00:00Z */
	it->published.raw = strdup("Wed, 10 Jun 2020 18:00:00 GMT");
	item_add_category(it, "Policy");
}

static void test_create_and_reopen(void **state)
{
	struct store *s;
	struct err e;

	(void)state;
	assert_int_equal(store_open(path, STORE_READ, &s, &e), -1);
	assert_non_null(strstr(e.msg, "no database yet"));
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	assert_int_equal(store_open(path, STORE_READ, &s, &e), 0);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_count(s, "items", &e), 0);
	assert_int_equal(store_count(s, "nope", &e), -1);
	store_close(s);
}

static void test_v0_file_is_migrated(void **state)
{
	char cmd[256];
	struct store *s;
	struct err e;

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 "sqlite3 '%s' 'CREATE TABLE t (x); DROP TABLE t;'", path);
	assert_int_equal(system(cmd), 0);
	/* reading a v0 file is refused; writing migrates it */
	assert_int_equal(store_open(path, STORE_READ, &s, &e), -1);
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_count(s, "events", &e), 0);
	store_close(s);
}

static void test_newer_and_foreign_refused(void **state)
{
	char cmd[256];
	struct store *s;
	struct err e;

	(void)state;
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' 'PRAGMA user_version = 9;'",
		 path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), -1);
	assert_non_null(strstr(e.msg, "schema version 9 is newer"));
	unlink(path);
	write_file(path, "not sqlite at all, just text\n");
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), -1);
	assert_non_null(strstr(e.msg, "not an SQLite database"));
}

static void test_item_upsert(void **state)
{
	struct store *s;
	struct store_source src = {"src", "Example", "feed", NULL};
	struct item it;
	struct err e;
	long long sid, id1, id2;
	enum store_item_result res;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_source_upsert(s, &src, &sid, &e), 0);
	make_item(&it, "g1", "First title");
	assert_int_equal(store_item_upsert(s, sid, &it, 100, &id1, &res, &e),
			 0);
	assert_int_equal(res, STORE_ITEM_NEW);
	/* the same item again: same row, no revision */
	assert_int_equal(store_item_upsert(s, sid, &it, 200, &id2, &res, &e),
			 0);
	assert_int_equal(res, STORE_ITEM_SAME);
	assert_int_equal(id1, id2);
	assert_int_equal(store_count(s, "item_revisions", &e), 0);
	/* a new title: a revision */
	free(it.title);
	it.title = strdup("Second title");
	assert_int_equal(store_item_upsert(s, sid, &it, 300, &id2, &res, &e),
			 0);
	assert_int_equal(res, STORE_ITEM_REVISED);
	assert_int_equal(id1, id2);
	assert_int_equal(store_count(s, "items", &e), 1);
	assert_int_equal(store_count(s, "item_revisions", &e), 1);
	/* a summary appearing is a revision too */
	it.summary = strdup("Now with a summary");
	assert_int_equal(store_item_upsert(s, sid, &it, 400, &id2, &res, &e),
			 0);
	assert_int_equal(res, STORE_ITEM_REVISED);
	assert_int_equal(store_count(s, "item_revisions", &e), 2);
	assert_int_equal(store_commit(s, &e), 0);
	/* the same source name is the same source */
	assert_int_equal(store_source_upsert(s, &src, &id2, &e), 0);
	assert_int_equal(id2, sid);
	item_release(&it);
	store_close(s);
}

struct collected {
	int n;
	char title[128];
	char source[32];
	int nsources;
	int policy;
};

static int collect(const struct store_event *ev, void *arg)
{
	struct collected *c = arg;

	c->n++;
	snprintf(c->title, sizeof(c->title), "%s", ev->title);
	c->nsources = (int)ev->nsources;
	c->policy = ev->policy;
	if (ev->nsources)
		snprintf(c->source, sizeof(c->source), "%s",
			 ev->sources[0].source);
	return 0;
}

static void test_events(void **state)
{
	struct store *s;
	struct store_source src = {"src", "Example", "feed", NULL};
	struct store_filter f;
	struct collected c;
	struct event ev;
	struct item it;
	struct err e;
	long long sid, id;
	enum store_item_result res;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_source_upsert(s, &src, &sid, &e), 0);
	make_item(&it, "g1", "Moratorium on police use");
	assert_int_equal(store_item_upsert(s, sid, &it, 1, &id, &res, &e), 0);
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.day, "2020-06-10");
	ev.company = strdup("Example");
	ev.action = ACTION_MORATORIUM;
	ev.title = strdup("Moratorium on police use");
	ev.policy = true;
	assert_int_equal(store_event_upsert(s, &ev, &id, 1, NULL, &e), 0);
	/* re-extraction updates the same event */
	assert_int_equal(store_event_upsert(s, &ev, &id, 1, NULL, &e), 0);
	assert_int_equal(store_commit(s, &e), 0);
	assert_int_equal(store_count(s, "events", &e), 1);
	assert_int_equal(store_count(s, "event_items", &e), 1);

	memset(&f, 0, sizeof(f));
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_events(s, &f, false, collect, &c, &e), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.title, "Moratorium on police use");
	assert_string_equal(c.source, "src");
	assert_int_equal(c.nsources, 1);
	assert_true(c.policy);

	/* filters */
	f.since = "2020-06-11";
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_events(s, &f, false, collect, &c, &e), 0);
	assert_int_equal(c.n, 0);
	f.since = NULL;
	f.company = "EXAMPLE";
	f.action = "moratorium";
	f.search = "police";
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_events(s, &f, false, collect, &c, &e), 0);
	assert_int_equal(c.n, 1);
	f.search = "\"unbalanced";
	assert_int_equal(store_events(s, &f, false, collect, &c, &e), -1);
	f.search = NULL;
	f.action = "exit";
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_events(s, &f, false, collect, &c, &e), 0);
	assert_int_equal(c.n, 0);

	event_release(&ev);
	item_release(&it);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_reopen, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_v0_file_is_migrated, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_newer_and_foreign_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_upsert, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
