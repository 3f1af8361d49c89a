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
#include <sys/stat.h>
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
	/* the key is read when the caller does not give it... */
	assert_int_equal(store_event_upsert(s, &ev, &id, 1, NULL, NULL, &e), 0);
	/* re-extraction updates the same event, with or without it */
	assert_int_equal(store_event_upsert(s, &ev, &id, 1, NULL, NULL, &e), 0);
	assert_int_equal(store_event_upsert(s, &ev, &id, 1, "src/g1", NULL, &e),
			 0);
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

/* One integer from the test database, through the sqlite3 shell. */
static long long sql_int(const char *query)
{
	char cmd[512];
	long long v = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", path, query);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%lld", &v), 1);
	pclose(f);
	return v;
}

/* The items in the full-text index, counted from its terms (it keeps no
 * table of documents: columnsize=0). */
#define FTS_VOCAB                                                              \
	"CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, items_fts,"         \
	" instance);"
#define FTS_DOCS FTS_VOCAB "SELECT count(DISTINCT doc) FROM temp.v"

/* PRAGMA integrity_check and FTS5's own check pass. */
static void check_integrity(void)
{
	char cmd[512];

	assert_int_equal(sql_int("SELECT count(*) FROM pragma_integrity_check"
				 " WHERE integrity_check != 'ok'"),
			 0);
	snprintf(cmd, sizeof(cmd),
		 "sqlite3 '%s' \"INSERT INTO items_fts (items_fts)"
		 " VALUES ('integrity-check')\"",
		 path);
	assert_int_equal(system(cmd), 0);
}

/* Events of s that a search for q finds. */
static int found(struct store *s, const char *q)
{
	struct store_filter f;
	struct collected c;
	struct err e;

	memset(&f, 0, sizeof(f));
	memset(&c, 0, sizeof(c));
	f.all = true;
	f.search = q;
	assert_int_equal(store_events(s, &f, false, collect, &c, &e), 0);
	return c.n;
}

/* Store item id with title in its own transaction, with its event. */
static void add(struct store *s, long long sid, const char *id,
		const char *title, enum store_item_result want)
{
	enum store_item_result res;
	struct event ev;
	struct item it;
	struct err e;
	long long iid;

	make_item(&it, id, title);
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.day, "2020-06-10");
	ev.title = it.title;
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_item_upsert(s, sid, &it, 1, &iid, &res, &e), 0);
	assert_int_equal(res, want);
	assert_int_equal(store_event_upsert(s, &ev, &iid, 1, NULL, NULL, &e),
			 0);
	assert_int_equal(store_commit(s, &e), 0);
	item_release(&it);
}

/* New items wait outside the full-text index until a catch-up, and every
 * search finds them all the same: revisions, other readers, a kill. */
static void test_fts_pending(void **state)
{
	struct store *s, *r;
	struct store_source src = {"src", "Example", "feed", NULL};
	struct err e;
	long long sid;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_source_upsert(s, &src, &sid, &e), 0);
	assert_int_equal(store_commit(s, &e), 0);
	add(s, sid, "g1", "alpha words", STORE_ITEM_NEW);
	add(s, sid, "g2", "gamma words", STORE_ITEM_NEW);
	/* committed, not indexed: as a killed run leaves them */
	assert_int_equal(sql_int("SELECT count(*) FROM fts_pending"), 2);
	assert_int_equal(sql_int(FTS_DOCS), 0);
	check_integrity();
	assert_int_equal(found(s, "alpha"), 1);
	assert_int_equal(found(s, "words"), 2);
	/* another connection, a reader, finds them too */
	assert_int_equal(store_open(path, STORE_READ, &r, &e), 0);
	assert_int_equal(found(r, "gamma"), 1);
	/* and nothing else */
	assert_int_equal(found(r, "beta"), 0);

	assert_int_equal(store_fts_catchup(s, &e), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM items_fts"
				 " WHERE items_fts MATCH 'words'"),
			 2);
	assert_int_equal(found(r, "alpha"), 1);
	assert_int_equal(store_fts_catchup(s, &e), 0); /* nothing to do */

	/* an indexed item revised: out of the index with its old text, in
	 * with the new one at once */
	add(s, sid, "g1", "delta words", STORE_ITEM_REVISED);
	assert_int_equal(sql_int("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(found(r, "alpha"), 0);
	assert_int_equal(found(r, "delta"), 1);
	/* a pending item revised: indexed with its last text */
	add(s, sid, "g3", "epsilon words", STORE_ITEM_NEW);
	assert_int_equal(found(r, "epsilon"), 1);
	add(s, sid, "g3", "zeta words", STORE_ITEM_REVISED);
	assert_int_equal(found(r, "epsilon"), 0);
	assert_int_equal(found(r, "zeta"), 1);
	assert_int_equal(found(r, "words"), 3);
	assert_int_equal(store_fts_catchup(s, &e), 0);
	assert_int_equal(found(r, "zeta"), 1);
	assert_int_equal(found(r, "epsilon"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM items_fts"
				 " WHERE items_fts MATCH 'epsilon OR alpha'"),
			 0);

	/* closing a writer indexes what it added */
	add(s, sid, "g4", "omega words", STORE_ITEM_NEW);
	assert_int_equal(found(r, "omega"), 1);
	store_close(s);
	assert_int_equal(sql_int("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM items_fts"
				 " WHERE items_fts MATCH 'omega'"),
			 1);
	assert_int_equal(found(r, "omega"), 1);
	assert_int_equal(found(r, "words"), 4);
	store_close(r);
	assert_int_equal(sql_int(FTS_DOCS), 4);
	assert_int_equal(sql_int(FTS_VOCAB
				 "SELECT count(*) FROM items WHERE"
				 " id NOT IN (SELECT doc FROM temp.v)"),
			 0);
	check_integrity();
}

/* A fetch's way of writing skips foreign-key checks only while it is on:
 * a link to an item and an event that do not exist is refused before,
 * taken during (and rolled back), refused again after. */
static void test_bulk(void **state)
{
	struct store *s;
	struct err e;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_event_add_item(s, 4242, 4343, "2020-06-10", &e),
			 -1);
	store_rollback(s);
	assert_int_equal(store_bulk(s, true, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_event_add_item(s, 4242, 4343, "2020-06-10", &e),
			 0);
	store_rollback(s);
	assert_int_equal(store_bulk(s, false, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_event_add_item(s, 4242, 4343, "2020-06-10", &e),
			 -1);
	store_rollback(s);
	assert_int_equal(store_count(s, "event_items", &e), 0);
	store_close(s);
}

/* With checkpoints on their thread, the log goes back into the database
 * file while the writer goes on: the file grows before it closes. */
static void test_checkpoints(void **state)
{
	struct store *s;
	struct store_source src = {"src", "Example", "feed", NULL};
	enum store_item_result res;
	struct item it;
	struct stat st;
	struct err e;
	long long sid, iid;
	char *big = malloc(60001), id[16];
	int i, k;

	(void)state;
	assert_non_null(big);
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	assert_int_equal(store_checkpoints_start(s, &e), 0);
	assert_int_equal(store_checkpoints_start(s, &e), 0); /* once */
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_source_upsert(s, &src, &sid, &e), 0);
	assert_int_equal(store_commit(s, &e), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size < 1000000);
	/* some 6000 pages of log (a checkpoint is due every 4096), in
	 * commits of 20 items */
	for (i = 0; i < 20; i++) {
		assert_int_equal(store_begin(s, &e), 0);
		for (k = 0; k < 20; k++) {
			memset(big, 'a' + (i + k) % 26, 60000);
			big[60000] = '\0';
			snprintf(id, sizeof(id), "g%d-%d", i, k);
			make_item(&it, id, "Title");
			it.content = strdup(big);
			assert_int_equal(store_item_upsert(s, sid, &it, 1, &iid,
							   &res, &e),
					 0);
			item_release(&it);
		}
		assert_int_equal(store_commit(s, &e), 0);
	}
	for (i = 0; i < 500; i++) {
		assert_int_equal(stat(path, &st), 0);
		if (st.st_size > 10000000)
			break;
		usleep(10000);
	}
	assert_true(st.st_size > 10000000);
	store_checkpoints_stop(s);
	store_checkpoints_stop(s); /* idempotent */
	assert_int_equal(store_count(s, "items", &e), 400);
	store_close(s);
	free(big);
	check_integrity();
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
		cmocka_unit_test_setup_teardown(test_fts_pending, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bulk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkpoints, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
