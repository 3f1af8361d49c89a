/* sync.c - the one pipeline: parse -> extract -> store */
#include "sync.h"

#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "extract.h"
#include "feed.h"
#include "store.h"

/* Local files and responses larger than this are refused. */
#define SYNC_MAX_DOCUMENT (64u * 1024 * 1024)

int sync_document(struct store *s, const struct sync_source *src,
		  const char *data, size_t len, const char *charset,
		  struct sync_stats *st, struct err *e)
{
	struct extract_source xs = {src->name, src->company};
	struct store_source ss = {src->name, src->company, src->kind, src->url};
	struct event_list events = {NULL, 0, 0};
	struct feed f;
	long long source_id, *ids = NULL, *ev_ids = NULL, now = time(NULL);
	size_t i, j;
	int rc = -1, in_tx = 0;

	if (feed_parse(data, len, src->url, charset, &f, e) < 0)
		return -1;
	if (extract_events(&xs, &f.items, now, &events, e) < 0)
		goto out;
	ids = calloc(f.items.n + 1, sizeof(*ids));
	if (!ids) {
		err_set(e, "out of memory");
		goto out;
	}
	if (store_begin(s, e) < 0)
		goto out;
	in_tx = 1;
	if (store_source_upsert(s, &ss, &source_id, e) < 0)
		goto out;
	for (i = 0; i < f.items.n; i++) {
		enum store_item_result res;

		if (store_item_upsert(s, source_id, &f.items.v[i], now, &ids[i],
				      &res, e) < 0)
			goto out;
		st->added += res == STORE_ITEM_NEW;
		st->revised += res == STORE_ITEM_REVISED;
	}
	for (i = 0; i < events.n; i++) {
		const struct event *ev = &events.v[i];
		long long *v = realloc(ev_ids, (ev->nitems + 1) * sizeof(*v));

		if (!v) {
			err_set(e, "out of memory");
			goto out;
		}
		ev_ids = v;
		for (j = 0; j < ev->nitems; j++)
			ev_ids[j] = ids[ev->items[j]];
		if (store_event_upsert(s, ev, ev_ids, ev->nitems, e) < 0)
			goto out;
	}
	if (store_commit(s, e) < 0)
		goto out;
	in_tx = 0;
	st->items += (long)f.items.n;
	st->events += (long)events.n;
	st->warnings += f.warnings;
	rc = 0;
out:
	if (in_tx)
		store_rollback(s);
	free(ids);
	free(ev_ids);
	event_list_release(&events);
	feed_release(&f);
	return rc;
}

int sync_file(struct store *s, const struct sync_source *src, const char *path,
	      struct sync_stats *st, struct err *e)
{
	struct buf b;
	int rc;

	buf_init(&b, SYNC_MAX_DOCUMENT);
	if (buf_read_file(&b, path, e) < 0) {
		buf_release(&b);
		return -1;
	}
	rc = sync_document(s, src, b.data, b.len, NULL, st, e);
	if (rc < 0)
		err_wrap(e, "'%s'", path);
	buf_release(&b);
	return rc;
}
