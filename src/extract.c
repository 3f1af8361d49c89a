/* extract.c - items to dated events
 *
 * For now every item becomes its own event that is not a policy move,
 * dated by its publication day in the publisher's offset; the rules-driven
 * classifier replaces this body without changing the interface.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int extract_events(const struct extract_source *src,
		   const struct item_list *items, long long now,
		   struct event_list *out, struct err *e)
{
	size_t i;

	for (i = 0; i < items->n; i++) {
		const struct item *it = &items->v[i];
		const struct stamp *when =
			it->published.set ? &it->published : &it->updated;
		struct event *ev = event_list_add(out);

		if (!ev)
			return err_set(e, "out of memory");
		if (when->set)
			date_day(when->utc, when->offset, ev->day);
		else
			date_day(now, 0, ev->day);
		ev->company = dup_or_null(
			src->company && strcmp(src->company, "auto") != 0
				? src->company
				: NULL);
		ev->action = ACTION_OTHER;
		ev->title = dup_or_null(it->title ? it->title : it->link);
		ev->summary = dup_or_null(it->summary);
		ev->policy = false;
		ev->items = malloc(sizeof(*ev->items));
		if (!ev->items)
			return err_set(e, "out of memory");
		ev->items[0] = i;
		ev->nitems = 1;
	}
	return 0;
}
