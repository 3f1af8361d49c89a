/* test_item.c - items, events and action slugs */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_list_add_growth(void **state)
{
	struct item_list l = {0};
	size_t i;

	(void)state;
	for (i = 0; i < 100; i++) {
		struct item *it = item_list_add(&l);
		char id[32];

		assert_non_null(it);
		assert_ptr_equal(it, &l.v[i]);
		assert_int_equal(l.n, i + 1);
		assert_true(l.cap >= l.n);
		/* zeroed */
		assert_null(it->id);
		assert_null(it->title);
		assert_int_equal(it->ncategories, 0);
		assert_false(it->published.set);
		assert_false(it->updated.set);
		snprintf(id, sizeof(id), "id-%zu", i);
		it->id = strdup(id);
		it->published.set = true;
		it->published.utc = (long long)i;
		it->published.raw = strdup(id);
		assert_int_equal(item_add_category(it, "cat"), 0);
	}
	/* what was stored survived every reallocation past 16, 32, 64 */
	for (i = 0; i < 100; i++) {
		char id[32];

		snprintf(id, sizeof(id), "id-%zu", i);
		assert_string_equal(l.v[i].id, id);
		assert_string_equal(l.v[i].published.raw, id);
		assert_int_equal(l.v[i].published.utc, (long long)i);
		assert_int_equal(l.v[i].ncategories, 1);
		assert_string_equal(l.v[i].categories[0], "cat");
	}
	item_list_release(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.cap, 0);
	item_list_release(&l); /* twice is fine */
	item_list_release(NULL);
}

static void test_list_add_17(void **state)
{
	struct item_list l = {0};
	size_t i;

	(void)state;
	for (i = 0; i < 16; i++)
		assert_non_null(item_list_add(&l));
	assert_int_equal(l.cap, 16);
	l.v[15].title = strdup("sixteenth");
	assert_non_null(item_list_add(&l));
	assert_int_equal(l.n, 17);
	assert_true(l.cap > 16);
	assert_string_equal(l.v[15].title, "sixteenth");
	assert_null(l.v[16].title);
	item_list_release(&l);
}

static void test_item_release(void **state)
{
	struct item it;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.id = strdup("id");
	it.link = strdup("https://x.test/");
	it.title = strdup("t");
	it.summary = strdup("s");
	it.content = strdup("c");
	it.author = strdup("a");
	it.published.set = true;
	it.published.raw = strdup("raw");
	it.updated.raw = strdup("raw2");
	assert_int_equal(item_add_category(&it, "x"), 0);
	item_release(&it);
	assert_null(it.id);
	assert_null(it.link);
	assert_null(it.categories);
	assert_int_equal(it.ncategories, 0);
	assert_false(it.published.set);
	assert_null(it.published.raw);
	assert_null(it.updated.raw);
	item_release(&it); /* zeroed: releasing again is harmless */
	item_release(NULL);
}

static void test_add_category(void **state)
{
	static const struct {
		const char *add[6];
		const char *want[6];
	} t[] = {
		{{"a", NULL}, {"a", NULL}},
		{{"a", "a", NULL}, {"a", NULL}},
		{{"a", "b", "a", "b", NULL}, {"a", "b", NULL}},
		{{"AI", "ai", "AI", NULL},
		 {"AI", "ai", NULL}}, /* exact match */
		{{"", "", "x", NULL}, {"", "x", NULL}},
		{{"c", "b", "a", "b", "c", NULL}, {"c", "b", "a", NULL}},
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct item it;
		size_t n = 0;

		memset(&it, 0, sizeof(it));
		for (j = 0; t[i].add[j]; j++)
			assert_int_equal(item_add_category(&it, t[i].add[j]),
					 0);
		while (t[i].want[n])
			n++;
		assert_int_equal(it.ncategories, n);
		for (j = 0; j < n; j++)
			assert_string_equal(it.categories[j], t[i].want[j]);
		item_release(&it);
	}
}

/* The category is copied, not borrowed. */
static void test_add_category_copies(void **state)
{
	struct item it;
	char tmp[8] = "policy";

	(void)state;
	memset(&it, 0, sizeof(it));
	assert_int_equal(item_add_category(&it, tmp), 0);
	strcpy(tmp, "other");
	assert_string_equal(it.categories[0], "policy");
	assert_int_equal(item_add_category(&it, "policy"), 0);
	assert_int_equal(it.ncategories, 1);
	item_release(&it);
}

static const struct {
	enum action action;
	const char *slug;
} slugs[] = {
	{ACTION_EXIT, "exit"},	       {ACTION_MORATORIUM, "moratorium"},
	{ACTION_RESTRICT, "restrict"}, {ACTION_EXTEND, "extend"},
	{ACTION_RESUME, "resume"},     {ACTION_PLEDGE, "pledge"},
	{ACTION_ADVOCATE, "advocate"}, {ACTION_STANDARD, "standard"},
	{ACTION_OTHER, "other"},
};

static void test_action_slugs(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(sizeof(slugs) / sizeof(slugs[0]), 9);
	for (i = 0; i < sizeof(slugs) / sizeof(slugs[0]); i++) {
		enum action a = ACTION_OTHER;

		if (slugs[i].action == ACTION_OTHER)
			a = ACTION_EXIT;
		assert_string_equal(action_slug(slugs[i].action),
				    slugs[i].slug);
		assert_int_equal(action_from_slug(slugs[i].slug, &a), 0);
		assert_int_equal(a, slugs[i].action);
		/* round trip */
		assert_string_equal(action_slug(a), slugs[i].slug);
	}
}

static void test_action_unknown(void **state)
{
	static const char *const bad[] = {
		"",	 "unknown", "Exit",	 "EXIT",
		"exit ", " exit",   "moratoria", "others",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum action a = ACTION_PLEDGE;

		assert_int_equal(action_from_slug(bad[i], &a), -1);
		assert_int_equal(a, ACTION_PLEDGE); /* untouched */
	}
	/* an out-of-range value still has a printable slug */
	assert_string_equal(action_slug((enum action)99), "other");
}

static void test_event_list(void **state)
{
	struct event_list l = {0};
	size_t i;

	(void)state;
	for (i = 0; i < 40; i++) {
		struct event *ev = event_list_add(&l);

		assert_non_null(ev);
		assert_int_equal(l.n, i + 1);
		assert_null(ev->company);
		assert_null(ev->items);
		assert_string_equal(ev->day, "");
		assert_string_equal(ev->until, "");
		assert_false(ev->policy);
		snprintf(ev->day, sizeof(ev->day), "2020-06-%02zu", i % 28 + 1);
		ev->company = strdup("Amazon");
		ev->title = strdup("t");
		ev->items = malloc(2 * sizeof(*ev->items));
		assert_non_null(ev->items);
		ev->items[0] = i;
		ev->items[1] = i + 1;
		ev->nitems = 2;
	}
	for (i = 0; i < 40; i++) {
		char day[11];

		snprintf(day, sizeof(day), "2020-06-%02zu", i % 28 + 1);
		assert_string_equal(l.v[i].day, day);
		assert_int_equal(l.v[i].items[0], i);
		assert_int_equal(l.v[i].items[1], i + 1);
	}
	event_list_release(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	event_list_release(&l);
	event_list_release(NULL);
}

static void test_event_release(void **state)
{
	struct event ev;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.day, "2020-06-10");
	strcpy(ev.until, "2021-06-10");
	ev.company = strdup("Amazon");
	ev.action = ACTION_MORATORIUM;
	ev.topics = malloc(2 * sizeof(*ev.topics));
	assert_non_null(ev.topics);
	ev.topics[0] = strdup("face-recognition");
	ev.topics[1] = strdup("police");
	ev.ntopics = 2;
	ev.title = strdup("one-year moratorium");
	ev.summary = strdup("s");
	ev.until_text = strdup("one-year");
	ev.policy = true;
	ev.items = malloc(sizeof(*ev.items));
	assert_non_null(ev.items);
	ev.items[0] = 3;
	ev.nitems = 1;
	event_release(&ev);
	assert_null(ev.company);
	assert_null(ev.topics);
	assert_int_equal(ev.ntopics, 0);
	assert_null(ev.title);
	assert_null(ev.until_text);
	assert_null(ev.items);
	assert_int_equal(ev.nitems, 0);
	assert_false(ev.policy);
	assert_string_equal(ev.day, "");
	assert_string_equal(ev.until, "");
	event_release(&ev);
	event_release(NULL);
}

/* Append an item with copies of id, link and title (NULL: none). */
static void add(struct item_list *l, const char *id, const char *link,
		const char *title)
{
	struct item *it = item_list_add(l);

	assert_non_null(it);
	it->id = id ? strdup(id) : NULL;
	it->link = link ? strdup(link) : NULL;
	it->title = title ? strdup(title) : NULL;
}

static void test_unique_ids(void **state)
{
	struct item_list l = {0};

	(void)state;
	add(&l, "a", "https://x.test/a", "A");
	add(&l, "dup", "https://x.test/1", "One");
	add(&l, "b", "https://x.test/b", "B");
	/* the same entry twice: left out */
	add(&l, "dup", "https://x.test/1", "One");
	/* another entry with a careless guid: its link */
	add(&l, "dup", "https://x.test/2", "Two");
	/* and one with no link, or a link already an id: a hash */
	add(&l, "dup", NULL, "Three");
	add(&l, "dup", "https://x.test/b", "Four");
	add(&l, "https://x.test/b", "https://x.test/b", "Five");
	assert_int_equal(item_list_unique_ids(&l), 4);
	assert_int_equal(l.n, 7);
	/* the order stays, the first keeps its id */
	assert_string_equal(l.v[0].id, "a");
	assert_string_equal(l.v[1].id, "dup");
	assert_string_equal(l.v[1].title, "One");
	assert_string_equal(l.v[2].id, "b");
	assert_string_equal(l.v[3].id, "https://x.test/2");
	assert_true(!strncmp(l.v[4].id, "dup#", 4) && strlen(l.v[4].id) == 20);
	assert_true(!strncmp(l.v[5].id, "dup#", 4));
	assert_string_not_equal(l.v[4].id, l.v[5].id);
	/* an id that was already unique is kept, even when a renamed
	 * item could have taken it */
	assert_string_equal(l.v[6].id, "https://x.test/b");
	/* the same run again changes nothing: ids are stable */
	assert_int_equal(item_list_unique_ids(&l), 0);
	item_list_release(&l);
}

static void test_stamp_release(void **state)
{
	struct stamp s = {true, 42, -420, NULL};

	(void)state;
	s.raw = strdup("Wed, 10 Jun 2020 21:30:00 -0700");
	stamp_release(&s);
	assert_false(s.set);
	assert_int_equal(s.utc, 0);
	assert_int_equal(s.offset, 0);
	assert_null(s.raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_add_growth),
		cmocka_unit_test(test_list_add_17),
		cmocka_unit_test(test_item_release),
		cmocka_unit_test(test_add_category),
		cmocka_unit_test(test_add_category_copies),
		cmocka_unit_test(test_action_slugs),
		cmocka_unit_test(test_action_unknown),
		cmocka_unit_test(test_event_list),
		cmocka_unit_test(test_event_release),
		cmocka_unit_test(test_stamp_release),
		cmocka_unit_test(test_unique_ids),
	};

	return cmocka_run_group_tests_name("item", tests, NULL, NULL);
}
