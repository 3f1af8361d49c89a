/* item.c - the model */
#include "item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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

static int cmp_id(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;
	int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");

	/* the earlier item first: it keeps the id */
	return c ? c : (x < y ? -1 : x > y);
}

static int same_text(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/* FNV-1a over s (NULL: nothing), then a separator. */
static uint64_t fnv(uint64_t h, const char *s)
{
	if (s)
		h = text_fnv1a(h, s, strlen(s));
	return text_fnv1a(h, "\xff", 1);
}

/* Is id taken by an item of l other than it? */
static int id_taken(const struct item_list *l, const struct item *it,
		    const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (&l->v[i] != it && l->v[i].id && !strcmp(l->v[i].id, id))
			return 1;
	return 0;
}

/* A new id for it, a different entry with another's id; 0/-1. */
static int rename_item(const struct item_list *l, struct item *it)
{
	uint64_t h = TEXT_FNV_BASIS;
	char *id;
	size_t n;

	if (it->link && !id_taken(l, it, it->link)) {
		id = strdup(it->link);
	} else {
		h = fnv(fnv(fnv(fnv(h, it->id), it->link), it->title),
			it->summary);
		n = strlen(it->id ? it->id : "") + 18;
		if ((id = malloc(n)) != NULL)
			snprintf(id, n, "%s#%016llx", it->id ? it->id : "",
				 (unsigned long long)h);
	}
	if (!id)
		return -1;
	free(it->id);
	it->id = id;
	return 0;
}

int item_list_unique_ids(struct item_list *l)
{
	struct item **by;
	unsigned char *drop;
	size_t i, j, first = 0;
	int changed = 0;

	if (l->n < 2)
		return 0;
	by = malloc(l->n * sizeof(*by));
	drop = calloc(l->n, 1);
	if (!by || !drop) {
		free(by);
		free(drop);
		return -1;
	}
	for (i = 0; i < l->n; i++)
		by[i] = &l->v[i];
	qsort(by, l->n, sizeof(*by), cmp_id);
	for (i = 1; i < l->n; i++) {
		/* sorted: the items with one id follow the first of them */
		if (!same_text(by[first]->id, by[i]->id)) {
			first = i;
			continue;
		}
		if (same_text(by[first]->link, by[i]->link) &&
		    same_text(by[first]->title, by[i]->title)) {
			drop[by[i] - l->v] = 1;
		} else if (rename_item(l, by[i]) < 0) {
			free(by);
			free(drop);
			return -1;
		}
		changed++;
	}
	for (i = j = 0; i < l->n; i++) {
		if (drop[i]) {
			item_release(&l->v[i]);
			continue;
		}
		if (i != j)
			l->v[j] = l->v[i];
		j++;
	}
	l->n = j;
	free(by);
	free(drop);
	return changed;
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
