/* item.c - the model */
#include "item.h"

#include <stdlib.h>
#include <string.h>

void stamp_release(struct stamp *s)
{
	free(s->raw);
	memset(s, 0, sizeof(*s));
}

void item_release(struct item *it)
{
	size_t i;

	if (!it)
		return;
	free(it->id);
	free(it->link);
	free(it->title);
	free(it->summary);
	free(it->content);
	free(it->author);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	stamp_release(&it->published);
	stamp_release(&it->updated);
	memset(it, 0, sizeof(*it));
}

/* Grow an array of elements of size sz so that one more fits. */
static void *grow(void *v, size_t n, size_t *cap, size_t sz)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(v, ncap * sz);
	if (!p)
		return NULL;
	*cap = ncap;
	return p;
}

struct item *item_list_add(struct item_list *l)
{
	struct item *v = grow(l->v, l->n, &l->cap, sizeof(*l->v));

	if (!v)
		return NULL;
	l->v = v;
	memset(&v[l->n], 0, sizeof(v[0]));
	return &v[l->n++];
}

void item_list_release(struct item_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		item_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int item_add_category(struct item *it, const char *c)
{
	char **v, *dup;
	size_t i;

	for (i = 0; i < it->ncategories; i++)
		if (strcmp(it->categories[i], c) == 0)
			return 0;
	dup = strdup(c);
	if (!dup)
		return -1;
	v = realloc(it->categories, (it->ncategories + 1) * sizeof(*v));
	if (!v) {
		free(dup);
		return -1;
	}
	v[it->ncategories++] = dup;
	it->categories = v;
	return 0;
}

static const char *const action_slugs[] = {
	[ACTION_EXIT] = "exit",		[ACTION_MORATORIUM] = "moratorium",
	[ACTION_RESTRICT] = "restrict", [ACTION_EXTEND] = "extend",
	[ACTION_RESUME] = "resume",	[ACTION_PLEDGE] = "pledge",
	[ACTION_ADVOCATE] = "advocate", [ACTION_STANDARD] = "standard",
	[ACTION_OTHER] = "other",
};

const char *action_slug(enum action a)
{
	if ((unsigned)a >= sizeof(action_slugs) / sizeof(action_slugs[0]))
		return "other";
	return action_slugs[a];
}

int action_from_slug(const char *slug, enum action *a)
{
	size_t i;

	for (i = 0; i < sizeof(action_slugs) / sizeof(action_slugs[0]); i++) {
		if (strcmp(slug, action_slugs[i]) == 0) {
			*a = (enum action)i;
			return 0;
		}
	}
	return -1;
}

void event_release(struct event *ev)
{
	size_t i;

	if (!ev)
		return;
	free(ev->company);
	for (i = 0; i < ev->ntopics; i++)
		free(ev->topics[i]);
	free(ev->topics);
	free(ev->title);
	free(ev->summary);
	free(ev->until_text);
	free(ev->evidence);
	free(ev->items);
	memset(ev, 0, sizeof(*ev));
}

struct event *event_list_add(struct event_list *l)
{
	struct event *v = grow(l->v, l->n, &l->cap, sizeof(*l->v));

	if (!v)
		return NULL;
	l->v = v;
	memset(&v[l->n], 0, sizeof(v[0]));
	return &v[l->n++];
}

void event_list_release(struct event_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		event_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
