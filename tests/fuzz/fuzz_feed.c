/* fuzz_feed.c - feed_parse() and the streaming parser on any bytes: no
 * crash, leak or hang, and every text field of every item is valid UTF-8
 * without control characters (item.h's contract). */
#include "fuzz.h"

#include "err.h"
#include "feed.h"
#include "item.h"
#include "text.h"

static void check_text(const char *s)
{
	if (!s)
		return;
	FUZZ_ASSERT(text_utf8_valid(s, strlen(s)));
	FUZZ_ASSERT(!fuzz_has_controls(s, strlen(s)));
}

static void check_item(const struct item *it)
{
	size_t i;

	check_text(it->id);
	check_text(it->link);
	check_text(it->title);
	check_text(it->summary);
	check_text(it->content);
	check_text(it->author);
	for (i = 0; i < it->ncategories; i++)
		check_text(it->categories[i]);
	if (it->published.raw)
		FUZZ_ASSERT(text_utf8_valid(it->published.raw,
					    strlen(it->published.raw)));
}

static void check_meta(const struct feed_meta *m)
{
	check_text(m->title);
	check_text(m->link);
	check_text(m->subtitle);
	check_text(m->author);
}

struct count {
	size_t n;
};

static int on_item(struct item *it, void *ctx)
{
	check_item(it);
	((struct count *)ctx)->n++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = {NULL, "utf-8", "iso-8859-1",
					       "windows-1252", "utf-16"};
	struct feed f;
	struct feed_parser *p;
	struct count c = {0};
	struct err e;
	const char *charset;
	size_t i, step;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	/* the last byte picks an HTTP charset and the pieces of the stream */
	charset = size ? charsets[data[size - 1] % 5] : NULL;
	step = size ? (size_t)data[size - 1] % 97 + 1 : 1;

	memset(&f, 0, sizeof(f));
	if (feed_parse((const char *)data, size, "http://example.com/a/feed",
		       charset, &f, &e) == 0) {
		check_meta(&f.meta);
		for (i = 0; i < f.items.n; i++)
			check_item(&f.items.v[i]);
	}
	feed_release(&f);

	/* the same bytes as a stream in pieces of step bytes */
	p = feed_parser_new("http://example.com/a/feed", charset, on_item, &c);
	if (!p)
		return 0;
	for (i = 0; i < size; i += step) {
		size_t n = size - i < step ? size - i : step;

		if (feed_parser_push(p, (const char *)data + i, n, &e) < 0)
			break;
	}
	if (i >= size && feed_parser_finish(p, &e) == 0)
		check_meta(feed_parser_meta(p));
	feed_parser_free(p);
	return 0;
}
