/* feed_attr.c - attributes, namespaces and xml:base as the tree had them */
#include "feed_item.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/valid.h>

#include "feed_text.h"

#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS10 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_FEEDBURNER "http://rssnamespace.org/feedburner/ext/1.0"
/* any of UserLand's RSS namespaces, http://backend.userland.com/rss2 ... */
#define NS_USERLAND "http://backend.userland.com/rss"

/* The class of a prefix used without (or with a misspelt) namespace. */
static enum feed_ns prefix_ns(const char *p, size_t n)
{
	static const struct {
		const char *prefix;
		enum feed_ns ns;
	} known[] = {
		{"dc", NS_IS_DC},
		{"content", NS_IS_CONTENT},
		{"media", NS_IS_MEDIA},
		{"atom", NS_IS_ATOM},
		{"dcterms", NS_IS_DC},
		{"itunes", NS_IS_ITUNES},
		{"feedburner", NS_IS_FEEDBURNER},
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].prefix) == n &&
		    memcmp(p, known[i].prefix, n) == 0)
			return known[i].ns;
	return NS_OTHER;
}

/* Does href name uri, but for case and a trailing '/' or '#'? */
static int same_uri(const char *href, const char *uri)
{
	size_t n = strlen(uri), m;

	while (n && (uri[n - 1] == '/' || uri[n - 1] == '#'))
		n--;
	if (strncasecmp(href, uri, n) != 0)
		return 0;
	for (m = n; href[m] == '/' || href[m] == '#'; m++)
		;
	return href[m] == '\0' && m - n <= 1;
}

int feed_ns_of_uri(const xmlChar *uri)
{
	const char *href = (const char *)uri;

	if (strcmp(href, NS_ATOM10) == 0 || strcmp(href, NS_ATOM03) == 0)
		return NS_IS_ATOM;
	if (strcmp(href, NS_DC) == 0)
		return NS_IS_DC;
	if (strcmp(href, NS_CONTENT) == 0)
		return NS_IS_CONTENT;
	if (strcmp(href, NS_MEDIA) == 0)
		return NS_IS_MEDIA;
	if (strcmp(href, NS_DCTERMS) == 0)
		return NS_IS_DC; /* its date, creator, subject... are dc's */
	if (strcmp(href, NS_ITUNES) == 0)
		return NS_IS_ITUNES;
	if (strcmp(href, NS_FEEDBURNER) == 0)
		return NS_IS_FEEDBURNER;
	if (strcmp(href, NS_RSS10) == 0 || strcmp(href, NS_RSS090) == 0)
		return NS_NONE;
	/* the same written otherwise, as feedparser takes them */
	if (same_uri(href, NS_ATOM10) || same_uri(href, NS_ATOM03))
		return NS_IS_ATOM;
	if (same_uri(href, NS_DC) || same_uri(href, NS_DCTERMS))
		return NS_IS_DC;
	if (same_uri(href, NS_CONTENT))
		return NS_IS_CONTENT;
	if (same_uri(href, NS_MEDIA))
		return NS_IS_MEDIA;
	if (same_uri(href, NS_RSS10) || same_uri(href, NS_RSS090) ||
	    strncasecmp(href, NS_USERLAND, strlen(NS_USERLAND)) == 0)
		return NS_NONE;
	return -1;
}

enum feed_ns feed_ns_class(const xmlChar *name, const xmlChar *prefix,
			   const xmlChar *uri)
{
	const char *colon;
	int k;

	if (!uri) {
		/* "atom:link" with the prefix never declared */
		colon = strchr((const char *)name, ':');
		return colon ? prefix_ns((const char *)name,
					 (size_t)(colon - (const char *)name))
			     : NS_NONE;
	}
	if ((k = feed_ns_of_uri(uri)) >= 0)
		return (enum feed_ns)k;
	/* some feeds put dc or content under a misspelt URI: go by prefix */
	if (prefix)
		return prefix_ns((const char *)prefix,
				 strlen((const char *)prefix));
	return NS_OTHER;
}

/*
 * An attribute value as the tree held it: the parser leaves references
 * in values it copied (those end with a NUL, the others with a quote),
 * and the tree re-read them into text and entity nodes.
 */
static char *attr_value(struct feed_parser *p, const xmlChar *v,
			const xmlChar *end)
{
	xmlDocPtr doc = p->ctxt->myDoc;
	xmlNodePtr list;
	xmlChar *s;
	char *out;

	if (*end != 0) {
		out = malloc((size_t)(end - v) + 1);
		if (out) {
			memcpy(out, v, (size_t)(end - v));
			out[end - v] = '\0';
		}
		return out;
	}
	list = xmlStringLenGetNodeList(doc, v, (int)(end - v));
	if (list && !list->next && list->type == XML_TEXT_NODE) {
		out = strdup(list->content ? (const char *)list->content : "");
	} else {
		s = xmlNodeListGetString(doc, list, 1);
		out = strdup(s ? (const char *)s : "");
		xmlFree(s);
	}
	xmlFreeNodeList(list);
	return out;
}

char *feed_attr(struct feed_parser *p, const struct feed_frame *fr,
		const xmlChar **attrs, int nb, const char *name)
{
	xmlDocPtr doc = p->ctxt->myDoc;
	xmlAttributePtr decl = NULL;
	int i;

	for (i = 0; i < nb; i++) {
		const xmlChar **a = attrs + 5 * i;

		/* an undeclared prefix stays part of the name */
		if (a[1] && !a[2])
			continue;
		if (strcmp((const char *)a[0], name) == 0)
			return attr_value(p, a[3], a[4]);
	}
	/* xmlGetProp() also returned defaults from the internal subset */
	if (!doc || (!doc->intSubset && !doc->extSubset))
		return NULL;
	if (doc->intSubset)
		decl = xmlGetDtdAttrDesc(doc->intSubset, fr->name,
					 (const xmlChar *)name);
	if (!decl && doc->extSubset)
		decl = xmlGetDtdAttrDesc(doc->extSubset, fr->name,
					 (const xmlChar *)name);
	if (decl && decl->defaultValue)
		return strdup((const char *)decl->defaultValue);
	return NULL;
}

char *feed_dtd_base(struct feed_parser *p, const struct feed_frame *fr)
{
	xmlDocPtr doc = p->ctxt->myDoc;
	xmlAttributePtr decl;
	xmlChar *qname;
	char *out = NULL;

	if (!doc || !doc->intSubset)
		return NULL;
	/* xmlGetNsProp() looks the element up by its qualified name */
	qname = fr->prefix && fr->href
			? xmlBuildQName(fr->local, fr->prefix, NULL, 0)
			: xmlStrdup(fr->name);
	if (!qname)
		return NULL;
	decl = xmlGetDtdQAttrDesc(doc->intSubset, qname, BAD_CAST "base",
				  BAD_CAST "xml");
	if (!decl && doc->extSubset)
		decl = xmlGetDtdQAttrDesc(doc->extSubset, qname,
					  BAD_CAST "base", BAD_CAST "xml");
	if (decl && decl->defaultValue)
		out = strdup((const char *)decl->defaultValue);
	xmlFree(qname);
	return out;
}

char *feed_attr_base(struct feed_parser *p, const xmlChar **attrs, int nb)
{
	int i;

	for (i = 0; i < nb; i++) {
		const xmlChar **a = attrs + 5 * i;

		if (a[2] && strcmp((const char *)a[0], "base") == 0 &&
		    strcmp((const char *)a[2],
			   (const char *)XML_XML_NAMESPACE) == 0)
			return attr_value(p, a[3], a[4]);
	}
	return NULL;
}

/* xmlNodeGetBase() over the open elements, from frames[level] up. */
static xmlChar *frames_base(struct feed_parser *p, int level)
{
	xmlDocPtr doc = p->ctxt->myDoc;
	xmlChar *oldbase = NULL, *newbase;
	int i;

	for (i = level; i >= 0; i--) {
		const char *base = p->frames[i].base;

		if (!base)
			continue;
		if (oldbase) {
			newbase = xmlBuildURI(oldbase, (const xmlChar *)base);
			xmlFree(oldbase);
			if (!newbase)
				return NULL;
			oldbase = newbase;
		} else {
			oldbase = xmlStrdup((const xmlChar *)base);
		}
		if (!xmlStrncmp(oldbase, BAD_CAST "http://", 7) ||
		    !xmlStrncmp(oldbase, BAD_CAST "ftp://", 6) ||
		    !xmlStrncmp(oldbase, BAD_CAST "urn:", 4))
			return oldbase;
	}
	if (doc && doc->URL) {
		if (!oldbase)
			return xmlStrdup(doc->URL);
		newbase = xmlBuildURI(oldbase, doc->URL);
		xmlFree(oldbase);
		return newbase;
	}
	return oldbase;
}

/*
 * The base URI for links in frames[level]. Most elements carry no
 * xml:base of their own below the root, so the root's base is computed
 * once and kept.
 */
static xmlChar *base_of(struct feed_parser *p, int level)
{
	int i;

	for (i = level; i > 0; i--)
		if (p->frames[i].base)
			return frames_base(p, level);
	if (!p->root_base_done) {
		p->root_base = frames_base(p, 0);
		p->root_base_done = 1;
	}
	return p->root_base ? xmlStrdup(p->root_base) : NULL;
}

/* Join the common relative forms ("/path", "path", "//host/path") to an
 * http(s) base without a full URI parse; NULL when it is not that simple. */
static char *fast_join(const char *base, const char *href)
{
	const char *auth, *path_end, *slash, *p;
	size_t n;
	char *out;

	if (!base || strncmp(base, "http", 4) != 0 ||
	    !(auth = strstr(base, "://")) || strpbrk(href, ":?#\\ ") ||
	    strstr(href, "./") || strcmp(href, ".") == 0 ||
	    strcmp(href, "..") == 0)
		return NULL;
	auth += 3;
	if (href[0] == '/' && href[1] == '/') {
		n = (size_t)(auth - 3 - base) + 1; /* "https:" */
		p = href;
	} else if (href[0] == '/') {
		n = strcspn(auth, "/?#") + (size_t)(auth - base);
		p = href;
	} else {
		path_end = auth + strcspn(auth, "?#");
		for (slash = NULL, p = auth; p < path_end; p++)
			if (*p == '/')
				slash = p;
		if (!slash)
			return NULL;
		n = (size_t)(slash + 1 - base);
		p = href;
	}
	out = malloc(n + strlen(p) + 1);
	if (!out)
		return NULL;
	memcpy(out, base, n);
	strcpy(out + n, p);
	return out;
}

char *feed_resolve(struct feed_parser *p, int level, const char *href)
{
	xmlChar *base = NULL, *abs = NULL;
	char *clean = ftext_clean(href, strlen(href)), *out = NULL;

	if (!clean || !*clean)
		goto out;
	/* an absolute http(s) URL needs no base (the common case) */
	if ((strncmp(clean, "https://", 8) == 0 ||
	     strncmp(clean, "http://", 7) == 0) &&
	    !strpbrk(clean, " \\")) {
		out = clean;
		clean = NULL;
		goto out;
	}
	base = base_of(p, level);
	/* a document read without its address: the site the channel
	 * links to is the best base there is */
	if (!base && p->f.meta.link &&
	    (strncmp(p->f.meta.link, "https://", 8) == 0 ||
	     strncmp(p->f.meta.link, "http://", 7) == 0))
		base = xmlStrdup((const xmlChar *)p->f.meta.link);
	out = fast_join((const char *)base, clean);
	if (out)
		goto out;
	abs = xmlBuildURI((const xmlChar *)clean, base);
	out = strdup(abs ? (const char *)abs : clean);
out:
	xmlFree(base);
	xmlFree(abs);
	free(clean);
	return out;
}
