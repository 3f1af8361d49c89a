/* page.c - HTML listing pages to items, with XPath selectors */
#include "page.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xpathInternals.h>

#include "date.h"
#include "err.h"
#include "page_impl.h"
#include "text.h"

#define HEADING "(self::h1 or self::h2 or self::h3 or self::h4)"

/* An element whose class names a date ("wd_date", "post-date"). */
#define DATED "contains(translate(@class, 'DATE', 'date'), 'date')"

/*
 * The defaults: tried in order, the first giving a value wins. They fit
 * common markup: <article>s or list entries with a <time>, blocks with a
 * link and a child whose class names a date (as press-release services
 * lay out newsrooms: <div class="wd_item"><div class="wd_date">), a
 * heading with a link, a <time datetime>.
 */
static const struct {
	const char *xpath;
	int min; /* nodes it must match to be taken */
} def_items[] = {
	{"//article[.//a[@href]]", 1},
	{"//li[.//time][.//a[@href]]", 1},
	/* two at least: one is more likely a footer's "last updated" */
	{"//*[./*[" DATED "]][.//a[@href]]", 2},
	{"//*[" HEADING "][.//a[@href]]", 1},
	{NULL, 0},
};
static const char *const def_title[] = {
	"self::*[" HEADING "]",
	"(.//*[" HEADING "])[1]",
	"(.//a[@href][normalize-space(.)])[1]",
	NULL,
};
static const char *const def_link[] = {
	"(self::*[" HEADING "]//a[@href])[1]",
	"(.//*[" HEADING "]//a[@href])[1]",
	"self::a[@href]",
	"(.//a[@href])[1]",
	NULL,
};
static const char *const def_date[] = {
	"(.//time[@datetime])[1]",
	"(.//time)[1]",
	"(.//*[@itemprop='datePublished'])[1]",
	"(.//*[" DATED "])[1]",
	NULL,
};
static const char *const def_summary[] = {
	"(.//p[normalize-space(.)])[1]",
	NULL,
};
static const char *const def_next[] = {
	"(//link[@rel='next'])[1]",
	"(//a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')])[1]",
	NULL,
};

int page_kind(const char *kind)
{
	return kind && (!strcmp(kind, "page") || !strcmp(kind, "sitemap"));
}

static void quiet(void *ctx, const xmlError *err)
{
	(void)ctx;
	(void)err;
}

xmlDoc *page_html_read(const char *data, size_t len, const char *url,
		       const char *charset)
{
	if (len > (size_t)0x7fffffff)
		return NULL;
	return htmlReadMemory(data, (int)len, url, charset,
			      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				      HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				      HTML_PARSE_COMPACT);
}

xmlXPathContext *page_xpath_new(xmlDoc *doc)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);

	if (ctx) {
		/* a bad expression is the caller's error value, not a line
		 * on stderr */
		ctx->error = (xmlStructuredErrorFunc)quiet;
		ctx->userData = NULL;
	}
	return ctx;
}

char *page_node_text(xmlNode *n)
{
	xmlChar *c;
	char *out;

	if (!n)
		return NULL;
	c = xmlNodeGetContent(n);
	if (!c)
		return NULL;
	out = text_clean((const char *)c, strlen((const char *)c));
	xmlFree(c);
	if (out && !*out) {
		free(out);
		out = NULL;
	}
	return out;
}

/* A URL fit to store and show: bounded, valid UTF-8, no white space,
 * controls or bidi reordering characters. */
static int url_ok(const char *u)
{
	const unsigned char *p = (const unsigned char *)u;
	size_t n = strlen(u);

	if (n > PAGE_MAX_URL || !text_utf8_valid(u, n) ||
	    text_has_controls(u, n) || strpbrk(u, " \t\r\n"))
		return 0;
	for (; *p; p++)
		if (p[0] == 0xe2 &&
		    ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return 0;
	return 1;
}

char *page_resolve(xmlNode *n, const char *href)
{
	xmlChar *base = NULL, *full = NULL, *abs = NULL;
	char *h, *out = NULL, *hash;
	size_t len;

	if (!href)
		return NULL;
	while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
		href++;
	len = strlen(href);
	if (!len || len > PAGE_MAX_URL)
		return NULL;
	h = strdup(href);
	if (!h)
		return NULL;
	while (len && strchr(" \t\r\n", h[len - 1]))
		h[--len] = '\0';
	if (n && n->doc) {
		/* <base href> may itself be relative to the document URL */
		base = xmlNodeGetBase(n->doc, n);
		if (base && n->doc->URL)
			full = xmlBuildURI(base, n->doc->URL);
	}
	abs = xmlBuildURI(
		(const xmlChar *)h,
		full ? full
		     : (base ? base : (n && n->doc ? n->doc->URL : NULL)));
	if (!abs)
		goto out;
	if (strncasecmp((const char *)abs, "http://", 7) &&
	    strncasecmp((const char *)abs, "https://", 8))
		goto out;
	if (!url_ok((const char *)abs))
		goto out;
	out = strdup((const char *)abs);
	if (out && (hash = strchr(out, '#')))
		*hash = '\0';
out:
	xmlFree(base);
	xmlFree(full);
	xmlFree(abs);
	free(h);
	return out;
}

/* The first node of a result, or NULL. */
static xmlNode *first_node(xmlXPathObject *o)
{
	if (!o || o->type != XPATH_NODESET || !o->nodesetval ||
	    o->nodesetval->nodeNr < 1)
		return NULL;
	return o->nodesetval->nodeTab[0];
}

/* Evaluate expr with node as the context node; NULL on a bad expression
 * (ctx->lastError tells) or out of memory. */
static xmlXPathObject *eval(xmlXPathContext *ctx, xmlNode *node,
			    const char *expr)
{
	ctx->node = node;
	return xmlXPathEvalExpression((const xmlChar *)expr, ctx);
}

/* What a value of kind want is, from the first thing expr finds. */
enum want { W_TEXT, W_LINK, W_DATE };

static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *out = NULL;

	if (v) {
		out = text_clean((const char *)v, strlen((const char *)v));
		xmlFree(v);
		if (out && !*out) {
			free(out);
			out = NULL;
		}
	}
	return out;
}

static char *node_value(xmlXPathContext *ctx, xmlNode *n, enum want w)
{
	char *v = NULL;

	if (n->type != XML_ELEMENT_NODE)
		return page_node_text(n);
	if (w == W_LINK) {
		xmlXPathObject *o;

		v = attr(n, "href");
		if (v)
			return v;
		/* a heading or a box around the link */
		o = eval(ctx, n, "(.//a[@href])[1]");
		if (first_node(o))
			v = attr(first_node(o), "href");
		xmlXPathFreeObject(o);
		return v;
	}
	if (w == W_DATE) {
		v = attr(n, "datetime");
		if (!v)
			v = attr(n, "content");
		if (v)
			return v;
	}
	return page_node_text(n);
}

/* The value of one expression; *bad set when it does not compile. */
static char *eval_value(xmlXPathContext *ctx, xmlNode *node, const char *expr,
			enum want w, int *bad)
{
	xmlXPathObject *o = eval(ctx, node, expr);
	xmlChar *s;
	char *v = NULL;

	if (!o) {
		if (bad)
			*bad = 1;
		return NULL;
	}
	if (o->type == XPATH_NODESET) {
		if (first_node(o))
			v = node_value(ctx, first_node(o), w);
	} else {
		s = xmlXPathCastToString(o);
		if (s) {
			v = text_clean((const char *)s,
				       strlen((const char *)s));
			xmlFree(s);
		}
		if (v && !*v) {
			free(v);
			v = NULL;
		}
	}
	xmlXPathFreeObject(o);
	return v;
}

char *page_eval_text(xmlXPathContext *ctx, xmlNode *node, const char *expr)
{
	return eval_value(ctx, node, expr, W_TEXT, NULL);
}

/* The user's expression, else the defaults in order. */
static char *value(xmlXPathContext *ctx, xmlNode *node, const char *given,
		   const char *const *defs, enum want w, int *bad)
{
	char *v;

	if (given)
		return eval_value(ctx, node, given, w, bad);
	for (; *defs; defs++)
		if ((v = eval_value(ctx, node, *defs, w, bad)))
			return v;
	return NULL;
}

/* A date from the selector's text, else from the link. */
static int set_date(struct item *it, char *raw)
{
	long long t;
	int off;

	if (raw &&
	    (date_parse(raw, &t, &off) == 0 || date_find(raw, &t, &off) == 0)) {
		it->published.set = true;
		it->published.utc = t;
		it->published.offset = off;
		it->published.raw = raw;
		return 0;
	}
	free(raw);
	if (it->link && date_from_url(it->link, &t, &off) == 0) {
		it->published.set = true;
		it->published.utc = t;
		it->published.offset = off;
		it->published.raw = strdup(it->link);
		if (!it->published.raw)
			return -1;
	}
	return 0;
}

static int seen_link(const struct item_list *l, const char *link)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].link, link))
			return 1;
	return 0;
}

/* One item node to an item (or nothing, when it has no usable link). */
static int read_item(xmlXPathContext *ctx, xmlNode *node,
		     const struct page_conf *pc, struct page_listing *out,
		     int *bad)
{
	char *href, *link;
	struct item *it;

	href = value(ctx, node, pc->link, def_link, W_LINK, bad);
	link = page_resolve(node, href);
	free(href);
	if (!link || seen_link(&out->items, link)) {
		out->warnings += !link;
		free(link);
		return 0;
	}
	it = item_list_add(&out->items);
	if (!it) {
		free(link);
		return -1;
	}
	it->link = link;
	it->id = strdup(link);
	it->title = value(ctx, node, pc->title, def_title, W_TEXT, bad);
	it->summary = value(ctx, node, pc->summary, def_summary, W_TEXT, bad);
	if (!it->id ||
	    set_date(it, value(ctx, node, pc->date, def_date, W_DATE, bad)) < 0)
		return -1;
	/* a summary that only repeats the title says nothing */
	if (it->summary && it->title && !strcmp(it->summary, it->title)) {
		free(it->summary);
		it->summary = NULL;
	}
	return 0;
}

/* The item nodes: the user's selector, or the first default that
 * matches. NULL with *bad set for a bad expression. */
static xmlXPathObject *item_nodes(xmlXPathContext *ctx, xmlDoc *doc,
				  const struct page_conf *pc, int *bad)
{
	xmlXPathObject *o;
	size_t i;

	if (pc->items) {
		o = eval(ctx, xmlDocGetRootElement(doc), pc->items);
		if (!o)
			*bad = 1;
		return o;
	}
	for (i = 0; def_items[i].xpath; i++) {
		o = eval(ctx, xmlDocGetRootElement(doc), def_items[i].xpath);
		if ((first_node(o) &&
		     o->nodesetval->nodeNr >= def_items[i].min) ||
		    !def_items[i + 1].xpath)
			return o;
		xmlXPathFreeObject(o);
	}
	return NULL;
}

static int bad_selector(const struct page_conf *pc, struct err *e)
{
	return err_set(e,
		       "a selector of this source is not valid XPath"
		       " (items '%s', title '%s', link '%s', date '%s', "
		       "summary '%s', next '%s')",
		       pc->items ? pc->items : "-", pc->title ? pc->title : "-",
		       pc->link ? pc->link : "-", pc->date ? pc->date : "-",
		       pc->summary ? pc->summary : "-",
		       pc->next ? pc->next : "-");
}

int page_parse(const char *data, size_t len, const char *url,
	       const char *charset, const struct page_conf *pc,
	       struct page_listing *out, struct err *e)
{
	static const struct page_conf none = {
		NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, -1, -1, -1};
	xmlDoc *doc = NULL;
	xmlXPathContext *ctx = NULL;
	xmlXPathObject *nodes = NULL;
	char *next = NULL;
	int bad = 0, i, rc = -1;

	memset(out, 0, sizeof(*out));
	if (!pc)
		pc = &none;
	if (page_conf_check(pc, e) < 0)
		return -1;
	doc = page_html_read(data, len, url, charset);
	if (!doc || !xmlDocGetRootElement(doc)) {
		err_set(e, "not an HTML page");
		goto out;
	}
	ctx = page_xpath_new(doc);
	if (!ctx) {
		err_set(e, "out of memory");
		goto out;
	}
	nodes = item_nodes(ctx, doc, pc, &bad);
	if (bad) {
		bad_selector(pc, e);
		goto out;
	}
	if (nodes && nodes->type == XPATH_NODESET && nodes->nodesetval) {
		out->matched = nodes->nodesetval->nodeNr;
		/* a listing is a page of entries: more is hostile or wrong
		 * (and the duplicate check is quadratic) */
		if (out->matched > PAGE_MAX_ITEMS)
			out->warnings++;
		for (i = 0; i < nodes->nodesetval->nodeNr && i < PAGE_MAX_ITEMS;
		     i++)
			if (read_item(ctx, nodes->nodesetval->nodeTab[i], pc,
				      out, &bad) < 0) {
				err_set(e, "out of memory");
				goto out;
			}
	}
	if (bad) {
		bad_selector(pc, e);
		goto out;
	}
	if (!out->items.n) {
		if (pc->items && !out->matched)
			err_set(e,
				"no items: the selector items = %s matched nothing"
				" (has the page's markup changed?)",
				pc->items);
		else if (!out->matched)
			err_set(e, "no items: the default selectors found none"
				   " (set items = XPATH for this page)");
		else
			err_set(e,
				"no items: %ld nodes matched, none with a link"
				" (check the link selector)",
				out->matched);
		goto out;
	}
	next = value(ctx, xmlDocGetRootElement(doc), pc->next, def_next, W_LINK,
		     &bad);
	if (bad) {
		free(next);
		bad_selector(pc, e);
		goto out;
	}
	out->next = page_resolve(xmlDocGetRootElement(doc), next);
	free(next);
	/* a page that names itself as next would loop */
	if (out->next && url && !strcmp(out->next, url)) {
		free(out->next);
		out->next = NULL;
	}
	rc = 0;
out:
	xmlXPathFreeObject(nodes);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	if (rc < 0)
		page_listing_release(out);
	return rc;
}

void page_listing_release(struct page_listing *l)
{
	if (!l)
		return;
	item_list_release(&l->items);
	free(l->next);
	memset(l, 0, sizeof(*l));
}

int page_conf_check(const struct page_conf *pc, struct err *e)
{
	const char *names[] = {"items", "title",   "link",
			       "date",	"summary", "next"};
	const char *v[6];
	xmlXPathContext *ctx;
	size_t i;
	int rc = 0;

	if (!pc)
		return 0;
	v[0] = pc->items;
	v[1] = pc->title;
	v[2] = pc->link;
	v[3] = pc->date;
	v[4] = pc->summary;
	v[5] = pc->next;
	ctx = page_xpath_new(NULL);
	if (!ctx)
		return err_set(e, "out of memory");
	for (i = 0; i < 6 && rc == 0; i++) {
		xmlXPathCompExpr *c;

		if (!v[i])
			continue;
		c = xmlXPathCtxtCompile(ctx, (const xmlChar *)v[i]);
		if (!c)
			rc = err_set(e, "%s '%s' is not valid XPath", names[i],
				     v[i]);
		xmlXPathFreeCompExpr(c);
	}
	xmlXPathFreeContext(ctx);
	return rc;
}
