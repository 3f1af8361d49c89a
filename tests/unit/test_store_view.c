/* test_store_view.c - the TUI's queries: keyset pages, counts, curation */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "item.h"
#include "store.h"

static char dir[64];
static char path[128];

/* A database of manual events: (day, company, action) as in the table,
 * ids in table order. */
static const struct {
	const char *day, *company, *action;
} rows[] = {
	{"2020-06-10", "Amazon", "moratorium"},
	{"2020-06-08", "IBM", "exit"},
	{"2020-06-11", "Microsoft", "restrict"},
	{"2020-06-10", "Zeta", "pledge"},
	{"2021-05-18", "Amazon", "extend"},
	{"2019-02-07", "Amazon", "advocate"},
	{"2020-06-10", "IBM", "pledge"},
	{"2024-05-21", "Amazon", "pledge"},
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static int setup(void **state)
{
	struct store *s;
	struct err e;
	size_t i;

	snprintf(dir, sizeof(dir), "/tmp/annals-view-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (store_open(path, STORE_WRITE, &s, &e) < 0)
		return -1;
	for (i = 0; i < NROWS; i++) {
		struct event ev;
		long long id;
		char title[64];

		memset(&ev, 0, sizeof(ev));
		snprintf(ev.day, sizeof(ev.day), "%s", rows[i].day);
		ev.company = (char *)rows[i].company;
		action_from_slug(rows[i].action, &ev.action);
		snprintf(title, sizeof(title), "event %zu", i + 1);
		ev.title = title;
		if (store_event_add_manual(s, &ev, NULL, &id, &e) < 0)
			return -1;
	}
	store_close(s);
	*state = NULL;
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void open_view(struct store **s, struct store_view **v)
{
	struct err e;

	assert_int_equal(store_open(path, STORE_WRITE, s, &e), 0);
	assert_int_equal(store_view_new(*s, v, &e), 0);
}

/* Pages of every size walk the whole timeline, in order, without a
 * duplicate, both ways. */
static void test_pages(void **state)
{
	struct store *s;
	struct store_view *v;
	struct store_filter f;
	struct err e;
	size_t limit, i;
	int desc;

	(void)state;
	memset(&f, 0, sizeof(f));
	open_view(&s, &v);
	for (desc = 0; desc <= 1; desc++) {
		for (limit = 1; limit <= NROWS + 1; limit++) {
			struct store_view_rows all = {NULL, 0};
			struct store_view_pos p;

			assert_int_equal(store_view_page(v, &f, desc, NULL,
							 false, limit, &all,
							 &e),
					 0);
			while (all.n % limit == 0 && all.n < NROWS) {
				size_t had = all.n;

				memcpy(p.day, all.v[had - 1].day,
				       sizeof(p.day));
				p.id = all.v[had - 1].id;
				assert_int_equal(
					store_view_page(v, &f, desc, &p, false,
							limit, &all, &e),
					0);
				if (all.n == had)
					break;
			}
			assert_int_equal(all.n, NROWS);
			for (i = 1; i < all.n; i++) {
				int c = strcmp(all.v[i - 1].day, all.v[i].day);

				if (c == 0)
					c = all.v[i - 1].id < all.v[i].id ? -1
									  : 1;
				assert_true(desc ? c > 0 : c < 0);
			}
			store_view_rows_release(&all);
		}
	}
	store_view_free(v);
	store_close(s);
}

/* inclusive starts at the place itself; a place past the end gives none */
static void test_inclusive(void **state)
{
	struct store *s;
	struct store_view *v;
	struct store_filter f;
	struct store_view_rows r = {NULL, 0};
	struct store_view_pos p = {"2020-06-10", 4};
	struct err e;

	(void)state;
	memset(&f, 0, sizeof(f));
	open_view(&s, &v);
	assert_int_equal(store_view_page(v, &f, true, &p, true, 2, &r, &e), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].id, 4);
	assert_string_equal(r.v[0].company, "Zeta");
	assert_int_equal(r.v[1].id, 1);
	store_view_rows_release(&r);
	memcpy(p.day, "1999-01-01", 11);
	assert_int_equal(store_view_page(v, &f, true, &p, true, 5, &r, &e), 0);
	assert_int_equal(r.n, 0);
	store_view_free(v);
	store_close(s);
}

static void test_filters_and_values(void **state)
{
	struct store *s;
	struct store_view *v;
	struct store_filter f;
	struct store_view_rows r = {NULL, 0};
	char **vals;
	size_t n, i;
	struct err e;

	(void)state;
	memset(&f, 0, sizeof(f));
	open_view(&s, &v);
	f.company = "amazon"; /* any case, as list does */
	f.since = "2020-01-01";
	assert_int_equal(store_view_page(v, &f, false, NULL, false, 50, &r, &e),
			 0);
	assert_int_equal(r.n, 3);
	store_view_rows_release(&r);
	memset(&f, 0, sizeof(f));
	f.action = "pledge";
	assert_int_equal(store_view_values(v, &f, "company", &vals, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(vals[0], "Amazon");
	assert_string_equal(vals[1], "IBM");
	assert_string_equal(vals[2], "Zeta");
	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	f.search = "\"unbalanced";
	assert_int_equal(store_view_page(v, &f, false, NULL, false, 5, &r, &e),
			 -1);
	assert_non_null(strstr(e.msg, "search"));
	store_view_free(v);
	store_close(s);
}

/* Counts per company and month add up to the events. */
static void test_lane_months(void **state)
{
	struct store *s;
	struct store_view *v;
	struct store_filter f;
	struct store_view_rows r = {NULL, 0};
	struct err e;
	long long total = 0;
	size_t i, june_ibm = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	open_view(&s, &v);
	assert_int_equal(store_view_lane_months(v, &f, NULL, NULL, &r, &e), 0);
	for (i = 0; i < r.n; i++) {
		total += r.v[i].nsources;
		if (!strcmp(r.v[i].company, "IBM") &&
		    !strcmp(r.v[i].day, "2020-06-01")) {
			june_ibm = (size_t)r.v[i].nsources;
			/* the newest event's action */
			assert_string_equal(r.v[i].action, "pledge");
		}
	}
	assert_int_equal(total, NROWS);
	assert_int_equal(june_ibm, 2);
	assert_int_equal(store_view_total(v, &e), NROWS);
	store_view_rows_release(&r);
	store_view_free(v);
	store_close(s);
}

static int always(void *ctx)
{
	(void)ctx;
	return 1;
}

static void test_lane_months_stopped(void **state)
{
	struct store *s;
	struct store_view *v;
	struct store_filter f;
	struct store_view_rows r = {NULL, 0};
	struct err e;

	(void)state;
	memset(&f, 0, sizeof(f));
	open_view(&s, &v);
	/* too small to reach the progress handler: it simply completes,
	 * or it is stopped and says so; never half a result */
	switch (store_view_lane_months(v, &f, always, NULL, &r, &e)) {
	case 0:
		assert_true(r.n > 0);
		break;
	case 1:
		assert_int_equal(r.n, 0);
		break;
	default:
		fail();
	}
	store_view_rows_release(&r);
	store_view_free(v);
	store_close(s);
}

/* Curation: toggles, overrides and the order they change, kept in the
 * curation table by the event's key, seen by a new connection. */
static void test_curate(void **state)
{
	struct store *s;
	struct store_view *v;
	struct store_filter f;
	struct store_view_rows r = {NULL, 0};
	struct store_view_detail d;
	struct err e;

	(void)state;
	memset(&f, 0, sizeof(f));
	open_view(&s, &v);
	assert_int_equal(store_view_curate(v, 2, STORE_VIEW_STAR, NULL, &e), 0);
	assert_int_equal(store_view_curate(v, 3, STORE_VIEW_HIDE, NULL, &e), 0);
	assert_int_equal(
		store_view_curate(v, 6, STORE_VIEW_DAY, "2025-01-01", &e), 0);
	assert_int_equal(
		store_view_curate(v, 6, STORE_VIEW_TITLE, "Renamed", &e), 0);
	assert_int_equal(
		store_view_curate(v, 6, STORE_VIEW_TOPICS, "[\"privacy\"]", &e),
		0);
	assert_int_equal(store_view_curate(v, 6, STORE_VIEW_NOTE, "a note", &e),
			 0);
	assert_int_equal(store_view_curate(v, 99, STORE_VIEW_STAR, NULL, &e),
			 -1);
	store_view_free(v);
	store_close(s);

	open_view(&s, &v);
	assert_int_equal(store_view_page(v, &f, true, NULL, false, 50, &r, &e),
			 0);
	assert_int_equal(r.n, NROWS - 1); /* #3 hidden */
	assert_int_equal(r.v[0].id, 6);	  /* moved to 2025 */
	assert_string_equal(r.v[0].day, "2025-01-01");
	assert_string_equal(r.v[0].title, "Renamed");
	assert_true(r.v[0].noted);
	store_view_rows_release(&r);
	f.starred = true;
	assert_int_equal(store_view_page(v, &f, true, NULL, false, 50, &r, &e),
			 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].id, 2);
	store_view_rows_release(&r);
	f.starred = false;
	f.all = true;
	assert_int_equal(store_view_page(v, &f, true, NULL, false, 50, &r, &e),
			 0);
	assert_int_equal(r.n, NROWS);
	store_view_rows_release(&r);
	assert_int_equal(store_view_detail(v, 6, &d, &e), 1);
	assert_int_equal(d.ntopics, 1);
	assert_string_equal(d.topics[0], "privacy");
	assert_string_equal(d.note, "a note");
	assert_string_equal(d.day, "2025-01-01");
	store_view_detail_release(&d);
	assert_int_equal(store_view_detail(v, 99, &d, &e), 0);
	/* toggles toggle; an empty note and a NULL title clear */
	assert_int_equal(store_view_curate(v, 2, STORE_VIEW_STAR, NULL, &e), 0);
	assert_int_equal(store_view_curate(v, 6, STORE_VIEW_NOTE, "", &e), 0);
	assert_int_equal(store_view_curate(v, 6, STORE_VIEW_TITLE, NULL, &e),
			 0);
	assert_int_equal(store_view_detail(v, 6, &d, &e), 1);
	assert_null(d.note);
	assert_string_equal(d.title, "event 6");
	store_view_detail_release(&d);
	assert_int_equal(store_view_detail(v, 2, &d, &e), 1);
	assert_false(d.starred);
	store_view_detail_release(&d);
	store_view_free(v);
	store_close(s);
}

/* Another connection's commit changes data_version; one's own does not. */
static void test_data_version(void **state)
{
	struct store *s, *other;
	struct store_view *v;
	struct event ev;
	long long a, b, id;
	struct err e;

	(void)state;
	open_view(&s, &v);
	assert_int_equal(store_view_data_version(v, &a, &e), 0);
	assert_int_equal(store_view_curate(v, 1, STORE_VIEW_STAR, NULL, &e), 0);
	assert_int_equal(store_view_data_version(v, &b, &e), 0);
	assert_int_equal(a, b);
	assert_int_equal(store_open(path, STORE_WRITE, &other, &e), 0);
	memset(&ev, 0, sizeof(ev));
	memcpy(ev.day, "2022-02-02", 11);
	ev.company = (char *)"IBM";
	ev.title = (char *)"elsewhere";
	assert_int_equal(store_event_add_manual(other, &ev, NULL, &id, &e), 0);
	store_close(other);
	assert_int_equal(store_view_data_version(v, &b, &e), 0);
	assert_true(a != b);
	store_view_free(v);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inclusive, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_filters_and_values, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lane_months, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lane_months_stopped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_curate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_version, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
