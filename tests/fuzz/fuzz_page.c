/* fuzz_page.c - the page-source readers on any bytes: HTML listing pages
 * (page_parse with the default selectors), article metadata (meta_read),
 * sitemaps (sitemap_parse) and robots.txt (robots_parse). No crash, leak
 * or hang; every text they return is valid UTF-8 without control
 * characters, sitemap locations are http(s), robots answers are 0 or 1. */
#include "fuzz.h"

#include "err.h"
#include "item.h"
#include "meta.h"
#include "page.h"
#include "robots.h"
#include "sitemap.h"
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char url[] = "https://example.com/news/index.html";
	const char *d = (const char *)data;
	struct page_listing l;
	struct meta m;
	struct sitemap sm;
	struct robots *r;
	struct err e;
	char *path;
	size_t i;

	if (size > FUZZ_MAX_INPUT)
		return 0;

	memset(&l, 0, sizeof(l));
	if (page_parse(d, size, url, NULL, NULL, &l, &e) == 0) {
		for (i = 0; i < l.items.n; i++)
			check_item(&l.items.v[i]);
		check_text(l.next);
		FUZZ_ASSERT(l.items.n <= PAGE_MAX_ITEMS);
	}
	page_listing_release(&l);

	memset(&m, 0, sizeof(m));
	if (meta_read(d, size, url, size & 1 ? "iso-8859-1" : NULL, &m, &e) ==
	    0) {
		check_text(m.title);
		check_text(m.summary);
	}
	meta_release(&m);

	memset(&sm, 0, sizeof(sm));
	if (sitemap_parse(d, size, url, &sm, &e) == 0) {
		for (i = 0; i < sm.n; i++) {
			const char *loc = sm.v[i].loc;

			FUZZ_ASSERT(loc && (!strncmp(loc, "http://", 7) ||
					    !strncmp(loc, "https://", 8)));
			check_text(loc);
			check_text(sm.v[i].title);
		}
		sitemap_sort(&sm);
	}
	sitemap_release(&sm);

	r = robots_parse(d, size);
	FUZZ_ASSERT(r);
	/* the paths a crawler asks about, and the input's own first line */
	path = fuzz_str(data, size < 200 ? size : 200);
	path[strcspn(path, "\r\n")] = '\0';
	FUZZ_ASSERT(robots_allowed(r, "/") <= 1);
	FUZZ_ASSERT(robots_allowed(r, "/news/2020/06/item?x=1") <= 1);
	FUZZ_ASSERT(robots_allowed(r, path) <= 1);
	robots_free(r);
	free(path);
	return 0;
}
