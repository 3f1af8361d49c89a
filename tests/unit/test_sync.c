/* test_sync.c - the pipeline: one transaction per document */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/annals-sync-XXXXXX");
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

static const char feed1[] =
	"<rss version=\"2.0\"><channel><title>T</title>"
	"<item><title>One</title><guid>1</guid>"
	"<pubDate>Mon, 08 Jun 2020 22:30:00 GMT</pubDate></item>"
	"<item><title>Two</title><guid>2</guid>"
	"<pubDate>Wed, 10 Jun 2020 21:30:00 -0700</pubDate></item>"
	"</channel></rss>";

static void test_document_twice(void **state)
{
	struct sync_source src = {
		.name = "s", .company = "Example", .kind = "feed"};
	struct sync_stats st;
	struct store *s;
	struct err e;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	memset(&st, 0, sizeof(st));
	assert_int_equal(sync_document(s, NULL, &src, feed1, strlen(feed1),
				       NULL, &st, &e),
			 0);
	assert_int_equal(st.items, 2);
	assert_int_equal(st.added, 2);
	assert_int_equal(st.events, 2);
	memset(&st, 0, sizeof(st));
	assert_int_equal(sync_document(s, NULL, &src, feed1, strlen(feed1),
				       NULL, &st, &e),
			 0);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.revised, 0);
	assert_int_equal(store_count(s, "items", &e), 2);
	assert_int_equal(store_count(s, "events", &e), 2);
	store_close(s);
}

static void test_bad_document_stores_nothing(void **state)
{
	static const char html[] =
		"<html><body>Service Unavailable</body></html>";
	struct sync_source src = {
		.name = "s", .company = "Example", .kind = "feed"};
	struct sync_stats st;
	struct store *s;
	struct err e;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	memset(&st, 0, sizeof(st));
	assert_int_equal(
		sync_document(s, NULL, &src, html, strlen(html), NULL, &st, &e),
		-1);
	assert_non_null(strstr(e.msg, "not a feed"));
	assert_int_equal(store_count(s, "sources", &e), 0);
	assert_int_equal(store_count(s, "items", &e), 0);
	/* and the store is usable afterwards */
	assert_int_equal(sync_document(s, NULL, &src, feed1, strlen(feed1),
				       NULL, &st, &e),
			 0);
	assert_int_equal(store_count(s, "items", &e), 2);
	store_close(s);
}

static void test_missing_file(void **state)
{
	struct sync_source src = {
		.name = "s", .company = "Example", .kind = "feed"};
	struct sync_stats st;
	struct store *s;
	struct err e;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, &s, &e), 0);
	memset(&st, 0, sizeof(st));
	assert_int_equal(
		sync_file(s, NULL, &src, "/nonexistent/feed.xml", &st, &e), -1);
	assert_non_null(strstr(e.msg, "'/nonexistent/feed.xml'"));
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_document_twice, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_bad_document_stores_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
