/* test_extract.c - items to dated events */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

/* 2021-03-04T05:06:07Z: the day items without dates get. */
#define NOW 1614834367LL

/* An item as a row: NULL strings are absent; a stamp is set when its
 * offset is not NOSTAMP. */
#define NOSTAMP 9999

static const struct {
	const char *title;
	const char *link;
	const char *summary;
	long long pub;
	int pub_off;
	long long upd;
	int upd_off;
	const char *day;    /* of the event */
	const char *etitle; /* of the event */
} rows[] = {
	/* 2020-12-09T05:12:00Z published in California: the day before */
	{"Pacific", "https://x.test/1", "s1", 1607490720, -480, 0, NOSTAMP,
	 "2020-12-08", "Pacific"},
	/* the same instant published in UTC and in Tokyo */
	{"UTC", "https://x.test/2", NULL, 1607490720, 0, 0, NOSTAMP,
	 "2020-12-09", "UTC"},
	{"Tokyo", NULL, NULL, 1607540400, 540, 0, NOSTAMP, "2020-12-10",
	 "Tokyo"},
	/* published wins over updated */
	{"both", "https://x.test/4", NULL, 1591849800, -420, 1609459200, 0,
	 "2020-06-10", "both"},
	/* no published: updated, in its own offset */
	{"updated only", "https://x.test/5", NULL, 0, NOSTAMP, 1609461000, -60,
	 "2020-12-31", "updated only"},
	/* neither: now, in UTC */
	{"undated", "https://x.test/6", NULL, 0, NOSTAMP, 0, NOSTAMP,
	 "2021-03-04", "undated"},
	/* no title: the link stands in */
	{NULL, "https://x.test/7", NULL, 0, -300, 0, NOSTAMP, "1969-12-31",
	 "https://x.test/7"},
	/* neither title nor link */
	{NULL, NULL, "only a summary", -1, 0, 0, NOSTAMP, "1969-12-31", NULL},
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

static void fill(struct item_list *l)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < NROWS; i++) {
		struct item *it = item_list_add(l);

		assert_non_null(it);
		if (rows[i].title)
			it->title = strdup(rows[i].title);
		if (rows[i].link)
			it->link = strdup(rows[i].link);
		if (rows[i].summary)
			it->summary = strdup(rows[i].summary);
		if (rows[i].pub_off != NOSTAMP) {
			it->published.set = true;
			it->published.utc = rows[i].pub;
			it->published.offset = rows[i].pub_off;
		}
		if (rows[i].upd_off != NOSTAMP) {
			it->updated.set = true;
			it->updated.utc = rows[i].upd;
			it->updated.offset = rows[i].upd_off;
		}
	}
}

static void test_one_event_per_item(void **state)
{
	struct extract_source src = {"aws-ml-blog", "Amazon"};
	struct item_list items;
	struct event_list out = {0};
	struct err e = {{0}};
	size_t i, bad = 0;

	(void)state;
	fill(&items);
	assert_int_equal(extract_events(NULL, &src, &items, NOW, &out, &e), 0);
	assert_int_equal(out.n, NROWS);
	for (i = 0; i < out.n; i++) {
		const struct event *ev = &out.v[i];

		assert_int_equal(ev->nitems, 1);
		assert_non_null(ev->items);
		assert_int_equal(ev->items[0], i);
		assert_false(ev->policy);
		assert_int_equal(ev->action, ACTION_OTHER);
		assert_string_equal(ev->company, "Amazon");
		assert_string_equal(ev->until, "");
		assert_null(ev->until_text);
		if (strcmp(ev->day, rows[i].day) != 0) {
			print_error("row %zu: day %s, want %s\n", i, ev->day,
				    rows[i].day);
			bad++;
		}
		if (rows[i].etitle)
			assert_string_equal(ev->title, rows[i].etitle);
		else
			assert_null(ev->title);
		if (rows[i].summary)
			assert_string_equal(ev->summary, rows[i].summary);
		else
			assert_null(ev->summary);
	}
	assert_int_equal(bad, 0);
	event_list_release(&out);
	item_list_release(&items);
}

/* Every item is accounted for exactly once across all events. */
static void test_items_covered(void **state)
{
	struct extract_source src = {"s", "IBM"};
	struct item_list items;
	struct event_list out = {0};
	struct err e = {{0}};
	size_t seen[NROWS] = {0}, i, j;

	(void)state;
	fill(&items);
	assert_int_equal(extract_events(NULL, &src, &items, NOW, &out, &e), 0);
	for (i = 0; i < out.n; i++)
		for (j = 0; j < out.v[i].nitems; j++) {
			assert_true(out.v[i].items[j] < NROWS);
			seen[out.v[i].items[j]]++;
		}
	for (i = 0; i < NROWS; i++)
		assert_int_equal(seen[i], 1);
	event_list_release(&out);
	item_list_release(&items);
}

static void test_company(void **state)
{
	static const struct {
		const char *company;
		const char *want;
	} t[] = {
		{"Amazon", "Amazon"}, {"IBM", "IBM"},	{"auto", NULL},
		{NULL, NULL},	      {"Auto", "Auto"}, /* only the exact
							   keyword means
							   "detect" */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct extract_source src = {"s", t[i].company};
		struct item_list items;
		struct event_list out = {0};
		struct err e = {{0}};
		size_t j;

		fill(&items);
		assert_int_equal(
			extract_events(NULL, &src, &items, NOW, &out, &e), 0);
		assert_int_equal(out.n, NROWS);
		for (j = 0; j < out.n; j++) {
			if (t[i].want)
				assert_string_equal(out.v[j].company,
						    t[i].want);
			else
				assert_null(out.v[j].company);
		}
		event_list_release(&out);
		item_list_release(&items);
	}
}

/* Events are appended after what out already holds; item indexes still
 * point into the item list. */
static void test_appends(void **state)
{
	struct extract_source src = {"s", "Microsoft"};
	struct item_list items;
	struct event_list out = {0};
	struct err e = {{0}};
	struct event *first = event_list_add(&out);
	size_t i;

	(void)state;
	assert_non_null(first);
	first->title = strdup("already there");
	fill(&items);
	assert_int_equal(extract_events(NULL, &src, &items, NOW, &out, &e), 0);
	assert_int_equal(out.n, NROWS + 1);
	assert_string_equal(out.v[0].title, "already there");
	for (i = 0; i < NROWS; i++)
		assert_int_equal(out.v[i + 1].items[0], i);
	event_list_release(&out);
	item_list_release(&items);
}

static void test_empty(void **state)
{
	struct extract_source src = {"s", "Amazon"};
	struct item_list items = {0};
	struct event_list out = {0};
	struct err e = {{0}};

	(void)state;
	assert_int_equal(extract_events(NULL, &src, &items, NOW, &out, &e), 0);
	assert_int_equal(out.n, 0);
	event_list_release(&out);
}

/* Undated items take the day of now, in UTC. */
static void test_now(void **state)
{
	static const struct {
		long long now;
		const char *want;
	} t[] = {
		{0, "1970-01-01"},	    {-1, "1969-12-31"},
		{1607490720, "2020-12-09"}, {1609459199, "2020-12-31"},
		{1609459200, "2021-01-01"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct extract_source src = {"s", "Amazon"};
		struct item_list items = {0};
		struct event_list out = {0};
		struct err e = {{0}};
		struct item *it = item_list_add(&items);

		assert_non_null(it);
		it->title = strdup("t");
		assert_int_equal(
			extract_events(NULL, &src, &items, t[i].now, &out, &e),
			0);
		assert_int_equal(out.n, 1);
		assert_string_equal(out.v[0].day, t[i].want);
		event_list_release(&out);
		item_list_release(&items);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_event_per_item),
		cmocka_unit_test(test_items_covered),
		cmocka_unit_test(test_company),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_now),
	};

	return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
