/* sitemap.c - sitemaps and sitemap indexes to URLs */
#include "sitemap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "page_impl.h"

#define SITEMAP_MAX_ENTRIES 200000

/* Inflate gzip data into out, at most SITEMAP_MAX_SIZE bytes: a gzip
 * bomb stops at the cap. Returns 0, or -1 with e set. */
static int gunzip(const char *data, size_t len, struct buf *out, struct err *e)
{
	z_stream z;
	char chunk[65536];
	int zr;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return err_set(e, "cannot start gunzip");
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)(len > 0x7fffffffu ? 0x7fffffffu : len);
	do {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof(chunk);
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			inflateEnd(&z);
			return err_set(e, "not valid gzip data");
		}
		if (buf_add(out, chunk, sizeof(chunk) - z.avail_out) < 0) {
			inflateEnd(&z);
			return err_set(e, "larger than %u bytes uncompressed",
				       SITEMAP_MAX_SIZE);
		}
	} while (zr != Z_STREAM_END && (z.avail_in || !z.avail_out));
	inflateEnd(&z);
	if (zr != Z_STREAM_END)
		return err_set(e, "truncated gzip data");
	return 0;
}

static int is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

static xmlNode *child(xmlNode *n, const char *name)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static void set_stamp(struct stamp *st, xmlNode *n)
{
	char *raw = page_node_text(n);
	long long t;
	int off;

	if (!raw)
		return;
	if (date_parse(raw, &t, &off) < 0) {
		free(raw);
		return;
	}
	st->set = true;
	st->utc = t;
	st->offset = off;
	st->raw = raw;
}

static struct sitemap_entry *add_entry(struct sitemap *sm)
{
	struct sitemap_entry *v;

	if (sm->n == sm->cap) {
		size_t ncap = sm->cap ? sm->cap * 2 : 64;

		v = realloc(sm->v, ncap * sizeof(*v));
		if (!v)
			return NULL;
		sm->v = v;
		sm->cap = ncap;
	}
	v = &sm->v[sm->n];
	memset(v, 0, sizeof(*v));
	v->seq = sm->n++;
	return v;
}

/* One <url> or <sitemap> element. */
static int read_entry(struct sitemap *sm, xmlNode *n)
{
	struct sitemap_entry *en;
	xmlNode *news;
	char *loc = page_node_text(child(n, "loc")), *abs;

	abs = page_resolve(n, loc);
	free(loc);
	if (!abs) {
		sm->warnings++;
		return 0;
	}
	en = add_entry(sm);
	if (!en) {
		free(abs);
		return -1;
	}
	en->loc = abs;
	set_stamp(&en->lastmod, child(n, "lastmod"));
	/* Google News sitemaps say more */
	news = child(n, "news");
	if (news) {
		en->title = page_node_text(child(news, "title"));
		set_stamp(&en->published, child(news, "publication_date"));
	}
	return 0;
}

int sitemap_parse(const char *data, size_t len, const char *url,
		  struct sitemap *sm, struct err *e)
{
	struct buf plain;
	xmlDoc *doc = NULL;
	xmlNode *root, *n;
	const char *entry;
	int rc = -1;

	memset(sm, 0, sizeof(*sm));
	buf_init(&plain, SITEMAP_MAX_SIZE);
	if (len >= 2 && (unsigned char)data[0] == 0x1f &&
	    (unsigned char)data[1] == 0x8b) {
		if (gunzip(data, len, &plain, e) < 0)
			goto out;
		data = plain.data ? plain.data : "";
		len = plain.len;
	}
	if (len > SITEMAP_MAX_SIZE || len > 0x7fffffffu) {
		err_set(e, "larger than %u bytes", SITEMAP_MAX_SIZE);
		goto out;
	}
	/* no DTD, no entities, no network: hostile input stays inert */
	doc = xmlReadMemory(data, (int)len, url, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (is(root, "urlset")) {
		entry = "url";
	} else if (is(root, "sitemapindex")) {
		entry = "sitemap";
		sm->index = true;
	} else {
		err_set(e, "not a sitemap (no <urlset> or <sitemapindex>)");
		goto out;
	}
	for (n = root->children; n; n = n->next) {
		if (!is(n, entry))
			continue;
		if (sm->n >= SITEMAP_MAX_ENTRIES) {
			sm->warnings++;
			break;
		}
		if (read_entry(sm, n) < 0) {
			err_set(e, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	buf_release(&plain);
	if (rc < 0)
		sitemap_release(sm);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct sitemap_entry *x = a, *y = b;

	if (x->lastmod.set != y->lastmod.set)
		return x->lastmod.set ? -1 : 1;
	if (x->lastmod.set && x->lastmod.utc != y->lastmod.utc)
		return x->lastmod.utc > y->lastmod.utc ? -1 : 1;
	/* stable: the order of the document */
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

void sitemap_sort(struct sitemap *sm)
{
	if (sm->n > 1)
		qsort(sm->v, sm->n, sizeof(sm->v[0]), cmp_entry);
}

void sitemap_release(struct sitemap *sm)
{
	size_t i;

	if (!sm)
		return;
	for (i = 0; i < sm->n; i++) {
		free(sm->v[i].loc);
		free(sm->v[i].title);
		stamp_release(&sm->v[i].lastmod);
		stamp_release(&sm->v[i].published);
	}
	free(sm->v);
	memset(sm, 0, sizeof(*sm));
}
