/* feed.c - RSS and Atom documents to items, read as a stream */
#include "feed.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "feed_repair.h"
#include "text.h"

#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS10 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"

static const char *const format_names[] = {
	[FEED_UNKNOWN] = "unknown", [FEED_RSS09X] = "rss0.9x",
	[FEED_RSS10] = "rss1.0",    [FEED_RSS20] = "rss2.0",
	[FEED_ATOM03] = "atom0.3",  [FEED_ATOM10] = "atom1.0",
};

const char *feed_format_name(enum feed_format fmt)
{
	if ((unsigned)fmt >= sizeof(format_names) / sizeof(format_names[0]))
		return "unknown";
	return format_names[fmt];
}

void feed_release(struct feed *f)
{
	if (!f)
		return;
	free(f->meta.title);
	free(f->meta.link);
	free(f->meta.subtitle);
	free(f->meta.author);
	stamp_release(&f->meta.updated);
	item_list_release(&f->items);
	memset(f, 0, sizeof(*f));
}

/* Namespace classes: elements are matched by local name within these. */
enum ns {
	NS_NONE, /* no namespace, or RSS's own */
	NS_IS_ATOM,
	NS_IS_DC,
	NS_IS_CONTENT,
	NS_IS_MEDIA,
	NS_OTHER,
};

/* The class of a prefix used without (or with a misspelt) namespace. */
static enum ns prefix_ns(const char *p, size_t n)
{
	static const struct {
		const char *prefix;
		enum ns ns;
	} known[] = {
		{"dc", NS_IS_DC},
		{"content", NS_IS_CONTENT},
		{"media", NS_IS_MEDIA},
		{"atom", NS_IS_ATOM},
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].prefix) == n &&
		    memcmp(p, known[i].prefix, n) == 0)
			return known[i].ns;
	return NS_OTHER;
}

static enum ns node_ns(const xmlNode *n)
{
	const char *href, *colon;

	if (!n->ns || !n->ns->href) {
		/* "atom:link" with the prefix never declared */
		colon = strchr((const char *)n->name, ':');
		return colon ? prefix_ns(
				       (const char *)n->name,
				       (size_t)(colon - (const char *)n->name))
			     : NS_NONE;
	}
	href = (const char *)n->ns->href;
	if (strcmp(href, NS_ATOM10) == 0 || strcmp(href, NS_ATOM03) == 0)
		return NS_IS_ATOM;
	if (strcmp(href, NS_DC) == 0)
		return NS_IS_DC;
	if (strcmp(href, NS_CONTENT) == 0)
		return NS_IS_CONTENT;
	if (strcmp(href, NS_MEDIA) == 0)
		return NS_IS_MEDIA;
	if (strcmp(href, NS_RSS10) == 0 || strcmp(href, NS_RSS090) == 0)
		return NS_NONE;
	/* some feeds put dc or content under a misspelt URI: go by prefix */
	if (n->ns->prefix)
		return prefix_ns((const char *)n->ns->prefix,
				 strlen((const char *)n->ns->prefix));
	return NS_OTHER;
}

/* Is n the element called name (its local name, whatever the prefix)? */
static int is(const xmlNode *n, const char *name)
{
	const char *local, *colon;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	local = (const char *)n->name;
	if (!n->ns && (colon = strchr(local, ':')))
		local = colon + 1;
	return strcmp(local, name) == 0;
}

/* Append the UTF-8 of an HTML named entity (feeds use &nbsp; and friends
 * without declaring them); unknown names are kept as written. */
static int add_entity(struct buf *b, const char *name)
{
	unsigned c = text_entity(name);

	return c ? text_utf8_put(b, c) : buf_addf(b, "&%s;", name);
}

/* The character data under n (text, CDATA, undeclared entities). */
static int node_text_buf(struct buf *b, const xmlNode *n, int depth)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (buf_adds(b, (const char *)c->content) < 0)
				return -1;
		} else if (c->type == XML_ENTITY_REF_NODE) {
			/* never expand declared entities: no bombs */
			if (add_entity(b, (const char *)c->name) < 0)
				return -1;
		} else if (c->type == XML_ELEMENT_NODE && depth < 64) {
			if (node_text_buf(b, c, depth + 1) < 0)
				return -1;
		}
	}
	return 0;
}

/* Raw character data of n; caller frees. */
static char *node_raw(const xmlNode *n)
{
	struct buf b;

	buf_init(&b, 0);
	if (node_text_buf(&b, n, 0) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int has_element_child(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* Markup of n's children, for inline XHTML; caller frees. */
static char *node_markup(xmlNode *n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlNode *c;
	char *out = NULL;

	if (!xb)
		return NULL;
	for (c = n->children; c; c = c->next)
		xmlNodeDump(xb, n->doc, c, 0, 0);
	out = strdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	return out;
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decode base64 in place (Atom 0.3 mode="base64"); returns the length. */
static size_t base64_decode(char *s)
{
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0, v;
	char *p;

	for (p = s; *p; p++) {
		v = b64val((unsigned char)*p);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			s[o++] = (char)((acc >> bits) & 0xFF);
		}
	}
	s[o] = '\0';
	return o;
}

enum text_kind { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML, TEXT_GUESS };

/* Plain text of an element: HTML is stripped, entities decoded, white
 * space collapsed, controls removed. Caller frees; NULL if empty. */
static char *node_text(xmlNode *n, enum text_kind kind)
{
	xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
	xmlChar *mode = xmlGetProp(n, (const xmlChar *)"mode");
	char *raw = NULL, *out = NULL;
	size_t len;

	if (type) {
		const char *t = (const char *)type;

		if (strcmp(t, "html") == 0 || strcmp(t, "text/html") == 0)
			kind = TEXT_HTML;
		else if (strcmp(t, "xhtml") == 0 ||
			 strcmp(t, "application/xhtml+xml") == 0)
			kind = TEXT_XHTML;
		else if (strcmp(t, "text") == 0 || strcmp(t, "text/plain") == 0)
			kind = kind == TEXT_GUESS ? TEXT_GUESS : TEXT_PLAIN;
	}
	if (mode && strcmp((const char *)mode, "escaped") == 0)
		kind = TEXT_HTML;
	if (has_element_child(n) && kind != TEXT_PLAIN) {
		raw = node_markup(n);
		kind = TEXT_HTML;
	} else {
		raw = node_raw(n);
	}
	if (!raw)
		goto out;
	len = strlen(raw);
	if (mode && strcmp((const char *)mode, "base64") == 0)
		len = base64_decode(raw);
	if (kind == TEXT_PLAIN)
		out = text_clean(raw, len);
	else if (kind == TEXT_GUESS && !text_looks_html(raw, len))
		out = text_clean(raw, len);
	else
		out = text_from_html(raw, len);
	if (out && !*out) {
		free(out);
		out = NULL;
	}
out:
	free(raw);
	xmlFree(type);
	xmlFree(mode);
	return out;
}

/* Resolve href against n's xml:base chain and the document URL; caller
 * frees. Only the result's control characters and spaces are trimmed. */
/* Has n an xml:base of its own? */
static int has_base(xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	       xmlHasNsProp(n, (const xmlChar *)"base", XML_XML_NAMESPACE);
}

/*
 * The base URI for links under n. Most entries carry no xml:base of their
 * own, so the base of the feed element is computed once and kept on the
 * document (doc->_private, freed with the parser).
 */
static xmlChar *base_of(xmlNode *n)
{
	xmlNode *a;
	xmlDoc *doc = n->doc;

	for (a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
		if (a->parent && a->parent->type == XML_DOCUMENT_NODE)
			break; /* the root: cacheable */
		if (has_base(a))
			return xmlNodeGetBase(doc, n);
	}
	if (!a || a->type != XML_ELEMENT_NODE)
		return xmlNodeGetBase(doc, n);
	if (!doc->_private)
		doc->_private = xmlNodeGetBase(doc, a);
	return doc->_private ? xmlStrdup(doc->_private) : NULL;
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

/* Resolve href against n's xml:base chain and the document URL; caller
 * frees. Only the result's control characters and spaces are trimmed. */
static char *resolve(xmlNode *n, const char *href)
{
	xmlChar *base = NULL, *abs = NULL;
	char *clean = text_clean(href, strlen(href)), *out = NULL;

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
	base = base_of(n);
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

static void set_str(char **dst, char *val)
{
	if (!val)
		return;
	if (*dst) {
		free(val);
		return;
	}
	*dst = val;
}

static void set_stamp(struct stamp *st, xmlNode *n, int *warnings)
{
	char *raw;
	long long t;
	int off;

	if (st->set)
		return;
	raw = node_text(n, TEXT_PLAIN);
	if (!raw)
		return;
	free(st->raw);
	st->raw = raw;
	if (date_parse(raw, &t, &off) == 0) {
		st->set = true;
		st->utc = t;
		st->offset = off;
	} else {
		(*warnings)++;
	}
}

/* An Atom <link>: 2 for rel=alternate (or none), 1 for others we could
 * fall back on, 0 for links that are never the item's page. */
static int link_rank(xmlNode *n)
{
	xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
	int rank = 2;

	if (rel && strcmp((const char *)rel, "alternate") != 0) {
		const char *r = (const char *)rel;

		rank = (strcmp(r, "self") == 0 || strcmp(r, "enclosure") == 0 ||
			strcmp(r, "replies") == 0 || strcmp(r, "edit") == 0 ||
			strcmp(r, "hub") == 0)
			       ? 0
			       : 1;
	}
	xmlFree(rel);
	return rank;
}

struct link_pick {
	char *url;
	int rank;
};

static void pick_link(struct link_pick *lp, xmlNode *n)
{
	xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
	int rank = link_rank(n);

	if (href && rank > lp->rank) {
		char *url = resolve(n, (const char *)href);

		if (url) {
			free(lp->url);
			lp->url = url;
			lp->rank = rank;
		}
	}
	xmlFree(href);
}

/* Join author names: "A, B". */
static void add_author(struct item *it, char *name)
{
	char *joined;
	size_t n;

	if (!name)
		return;
	if (!it->author) {
		it->author = name;
		return;
	}
	n = strlen(it->author) + strlen(name) + 3;
	joined = malloc(n);
	if (joined) {
		snprintf(joined, n, "%s, %s", it->author, name);
		free(it->author);
		it->author = joined;
	}
	free(name);
}

static void add_category(struct item *it, char *c)
{
	if (c && *c)
		item_add_category(it, c);
	free(c);
}

/* 64-bit FNV-1a, for ids of items that have neither guid nor link. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void finish_item(struct item *it)
{
	char tmp[32];
	uint64_t h;

	if (it->id && *it->id)
		return;
	free(it->id);
	it->id = NULL;
	if (it->link) {
		it->id = strdup(it->link);
		return;
	}
	h = fnv1a(0xcbf29ce484222325ULL, it->title);
	h = fnv1a(fnv1a(h, "\x1f"), it->published.raw);
	snprintf(tmp, sizeof(tmp), "hash:%016llx", (unsigned long long)h);
	it->id = strdup(tmp);
}

/* media:title and media:description, at item level or inside
 * media:group and media:content (Media RSS allows all three). */
static void media_text(xmlNode *n, char **title, char **desc, int depth)
{
	xmlNode *c;

	if (is(n, "title")) {
		set_str(title, node_text(n, TEXT_GUESS));
	} else if (is(n, "description")) {
		set_str(desc, node_text(n, TEXT_GUESS));
	} else if ((is(n, "group") || is(n, "content")) && depth < 2) {
		for (c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    node_ns(c) == NS_IS_MEDIA)
				media_text(c, title, desc, depth + 1);
	}
}

static void parse_rss_item(xmlNode *node, struct item *it, int *warnings)
{
	struct link_pick alt = {NULL, 0};
	char *guid = NULL, *media_title = NULL, *media_desc = NULL;
	int guid_link = 0;
	xmlNode *n;

	for (n = node->children; n; n = n->next) {
		enum ns ns;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = node_ns(n);
		if (ns == NS_IS_ATOM) {
			if (is(n, "link"))
				pick_link(&alt, n);
			else if (is(n, "updated"))
				set_stamp(&it->updated, n, warnings);
			else if (is(n, "published"))
				set_stamp(&it->published, n, warnings);
			else if (is(n, "id"))
				set_str(&guid, node_text(n, TEXT_PLAIN));
			else if (is(n, "summary"))
				set_str(&it->summary, node_text(n, TEXT_PLAIN));
			else if (is(n, "author") || is(n, "name"))
				set_str(&it->author, node_text(n, TEXT_PLAIN));
		} else if (ns == NS_IS_DC) {
			if (is(n, "date"))
				set_stamp(&it->published, n, warnings);
			else if (is(n, "creator"))
				add_author(it, node_text(n, TEXT_GUESS));
			else if (is(n, "subject"))
				add_category(it, node_text(n, TEXT_GUESS));
			else if (is(n, "title"))
				set_str(&it->title, node_text(n, TEXT_GUESS));
			else if (is(n, "description"))
				set_str(&it->summary, node_text(n, TEXT_HTML));
			else if (is(n, "modified"))
				set_stamp(&it->updated, n, warnings);
		} else if (ns == NS_IS_CONTENT) {
			if (is(n, "encoded"))
				set_str(&it->content, node_text(n, TEXT_HTML));
		} else if (ns == NS_IS_MEDIA) {
			media_text(n, &media_title, &media_desc, 0);
		} else if (ns == NS_NONE) {
			if (is(n, "title")) {
				set_str(&it->title, node_text(n, TEXT_GUESS));
			} else if (is(n, "link")) {
				char *raw = node_raw(n);

				if (raw && !it->link)
					it->link = resolve(n, raw);
				free(raw);
			} else if (is(n, "description")) {
				set_str(&it->summary, node_text(n, TEXT_HTML));
			} else if (is(n, "guid")) {
				xmlChar *pl = xmlGetProp(
					n, (const xmlChar *)"isPermaLink");

				guid_link = !pl || strcasecmp((const char *)pl,
							      "false") != 0;
				xmlFree(pl);
				set_str(&guid, node_text(n, TEXT_PLAIN));
			} else if (is(n, "pubDate")) {
				set_stamp(&it->published, n, warnings);
			} else if (is(n, "author")) {
				add_author(it, node_text(n, TEXT_GUESS));
			} else if (is(n, "category")) {
				add_category(it, node_text(n, TEXT_GUESS));
			}
		}
	}
	if (!it->link && alt.url) {
		it->link = alt.url;
		alt.url = NULL;
	}
	if (!it->link && guid && guid_link &&
	    (strncmp(guid, "http://", 7) == 0 ||
	     strncmp(guid, "https://", 8) == 0))
		it->link = strdup(guid);
	set_str(&it->title, media_title);
	set_str(&it->summary, media_desc);
	set_str(&it->id, guid);
	free(alt.url);
	finish_item(it);
}

static void parse_atom_person(xmlNode *node, struct item *it)
{
	xmlNode *n;

	for (n = node->children; n; n = n->next) {
		if (is(n, "name")) {
			add_author(it, node_text(n, TEXT_PLAIN));
			return;
		}
	}
	/* Atom 0.3 feeds in the wild: <author>Name</author> */
	if (!has_element_child(node))
		add_author(it, node_text(node, TEXT_PLAIN));
}

static void parse_atom_entry(xmlNode *node, struct item *it, int *warnings)
{
	struct link_pick alt = {NULL, 0};
	xmlNode *n, *created = NULL;

	for (n = node->children; n; n = n->next) {
		enum ns ns;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = node_ns(n);
		if (ns == NS_IS_DC) {
			if (is(n, "date"))
				set_stamp(&it->published, n, warnings);
			else if (is(n, "creator"))
				add_author(it, node_text(n, TEXT_PLAIN));
			else if (is(n, "subject"))
				add_category(it, node_text(n, TEXT_PLAIN));
			continue;
		}
		/* foreign elements are not Atom's, whatever their name */
		if (ns != NS_IS_ATOM && ns != NS_NONE)
			continue;
		if (is(n, "id")) {
			set_str(&it->id, node_text(n, TEXT_PLAIN));
		} else if (is(n, "title")) {
			set_str(&it->title, node_text(n, TEXT_PLAIN));
		} else if (is(n, "link")) {
			pick_link(&alt, n);
		} else if (is(n, "summary")) {
			set_str(&it->summary, node_text(n, TEXT_PLAIN));
		} else if (is(n, "content")) {
			set_str(&it->content, node_text(n, TEXT_PLAIN));
		} else if (is(n, "published") || is(n, "issued")) {
			set_stamp(&it->published, n, warnings);
		} else if (is(n, "created")) {
			/* Atom 0.3: when the entry was made, not published */
			if (!created)
				created = n;
		} else if (is(n, "updated") || is(n, "modified")) {
			set_stamp(&it->updated, n, warnings);
		} else if (is(n, "author")) {
			parse_atom_person(n, it);
		} else if (is(n, "category")) {
			xmlChar *label =
				xmlGetProp(n, (const xmlChar *)"label");
			xmlChar *term = xmlGetProp(n, (const xmlChar *)"term");
			const xmlChar *c = label ? label : term;

			if (c)
				add_category(
					it,
					text_clean((const char *)c,
						   strlen((const char *)c)));
			xmlFree(label);
			xmlFree(term);
		}
	}
	if (!it->published.set && created)
		set_stamp(&it->published, created, warnings);
	it->link = alt.url;
	finish_item(it);
}

/* Feed-level element (child of channel or feed). */
static void parse_meta(xmlNode *n, struct feed *f)
{
	enum ns ns = node_ns(n);
	int atom = f->format == FEED_ATOM03 || f->format == FEED_ATOM10;

	if (ns == NS_IS_DC) {
		if (is(n, "date"))
			set_stamp(&f->meta.updated, n, &f->warnings);
		return;
	}
	/* foreign elements are not the feed's, whatever their name */
	if (ns != NS_NONE && !(ns == NS_IS_ATOM && (atom || is(n, "link"))))
		return;
	if (atom && is(n, "author")) {
		struct item who;

		/* entries without an author inherit it (RFC 4287 4.2.1) */
		memset(&who, 0, sizeof(who));
		parse_atom_person(n, &who);
		set_str(&f->meta.author, who.author);
		who.author = NULL;
		item_release(&who);
		return;
	}
	if (is(n, "title")) {
		set_str(&f->meta.title,
			node_text(n, atom ? TEXT_PLAIN : TEXT_GUESS));
	} else if (is(n, "link")) {
		if (atom || ns == NS_IS_ATOM) {
			struct link_pick lp = {NULL, 0};

			pick_link(&lp, n);
			if (lp.rank == 2)
				set_str(&f->meta.link, lp.url);
			else
				free(lp.url);
		} else {
			char *raw = node_raw(n);

			if (raw && !f->meta.link)
				f->meta.link = resolve(n, raw);
			free(raw);
		}
	} else if (is(n, "description") || is(n, "subtitle") ||
		   is(n, "tagline")) {
		set_str(&f->meta.subtitle,
			node_text(n, atom ? TEXT_PLAIN : TEXT_HTML));
	} else if (is(n, "updated") || is(n, "modified") ||
		   is(n, "lastBuildDate") || is(n, "pubDate")) {
		set_stamp(&f->meta.updated, n, &f->warnings);
	}
}

static enum feed_format detect(xmlNode *root)
{
	const char *name = (const char *)root->name;
	const char *ns = root->ns ? (const char *)root->ns->href : NULL;
	xmlChar *v = xmlGetProp(root, (const xmlChar *)"version");
	enum feed_format fmt = FEED_UNKNOWN;

	if (strcmp(name, "rss") == 0)
		fmt = v && strncmp((const char *)v, "0.9", 3) == 0 ? FEED_RSS09X
								   : FEED_RSS20;
	else if (strcmp(name, "RDF") == 0)
		fmt = FEED_RSS10; /* refined by the channel's namespace */
	else if (strcmp(name, "feed") == 0)
		fmt = (ns && strcmp(ns, NS_ATOM03) == 0) ||
				      (v && strcmp((const char *)v, "0.3") == 0)
			      ? FEED_ATOM03
			      : FEED_ATOM10;
	xmlFree(v);
	return fmt;
}

/* A parser at work; the SAX callbacks reach it through ctxt->_private. */
struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct repair repair;
	struct feed f;	 /* format, meta and warnings; items stay empty */
	struct item cur; /* the item handed to fn */
	feed_item_fn fn;
	void *fn_ctx;
	char *url;
	char *charset;
	struct err *e; /* of the call in progress */
	int root_seen;
	int failed;	 /* not a feed, or fn said stop: parsing ended */
	int errors;	 /* well-formedness errors recovered from */
	char first[256]; /* the first of them, for "not XML" */
};

static int is_atom(const struct feed *f)
{
	return f->format == FEED_ATOM03 || f->format == FEED_ATOM10;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *URI, int nb_namespaces,
		     const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	xmlNode *node;

	xmlSAX2StartElementNs(ctx, localname, prefix, URI, nb_namespaces,
			      namespaces, nb_attributes, nb_defaulted,
			      attributes);
	node = ctxt->node;
	if (p->root_seen || !node)
		return;
	p->root_seen = 1;
	p->f.format = detect(node);
	if (p->f.format == FEED_UNKNOWN) {
		err_set(p->e, "not a feed: the root element is <%s>%s",
			(const char *)localname,
			strcasecmp((const char *)localname, "html") == 0
				? " (an HTML page)"
				: "");
		p->failed = 1;
		xmlStopParser(ctxt);
	}
}

static int parent_is(const xmlNode *n, const char *name)
{
	return n->parent && n->parent->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->parent->name, name) == 0;
}

static int parent_is_root(const xmlNode *n)
{
	return n->parent && n->parent->type == XML_ELEMENT_NODE &&
	       n->parent->parent &&
	       n->parent->parent->type == XML_DOCUMENT_NODE;
}

/* Hand a finished item to the caller. */
static void emit(struct feed_parser *p, xmlParserCtxtPtr ctxt, xmlNode *node)
{
	memset(&p->cur, 0, sizeof(p->cur));
	if (is_atom(&p->f))
		parse_atom_entry(node, &p->cur, &p->f.warnings);
	else
		parse_rss_item(node, &p->cur, &p->f.warnings);
	if (!p->cur.author && p->f.meta.author)
		p->cur.author = strdup(p->f.meta.author);
	if (p->fn(&p->cur, p->fn_ctx) != 0) {
		err_set(p->e, "stopped");
		p->failed = 1;
		xmlStopParser(ctxt);
	}
	item_release(&p->cur);
}

/* An element just ended: items and feed-level elements are read and then
 * freed, so that memory stays flat however long the feed. */
static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *URI)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	struct feed *f = &p->f;
	xmlNode *node = ctxt->node;
	int done = 0;

	xmlSAX2EndElementNs(ctx, localname, prefix, URI);
	if (!node || p->failed || node->type != XML_ELEMENT_NODE ||
	    !node->parent || node->parent->type != XML_ELEMENT_NODE)
		return;
	if (is_atom(f)) {
		if (parent_is_root(node) && is(node, "entry"))
			emit(p, ctxt, node);
		else if (parent_is_root(node))
			parse_meta(node, f);
		done = parent_is_root(node);
	} else if (is(node, "item") && node_ns(node) == NS_NONE &&
		   (parent_is(node, "channel") || parent_is_root(node))) {
		emit(p, ctxt, node);
		done = 1;
	} else if (parent_is(node, "channel") && parent_is_root(node->parent)) {
		if (f->format == FEED_RSS10 && node->parent->ns &&
		    node->parent->ns->href &&
		    strcmp((const char *)node->parent->ns->href, NS_RSS090) ==
			    0)
			f->format = FEED_RSS09X;
		if (!is(node, "items"))
			parse_meta(node, f);
		done = 1;
	}
	if (done) {
		xmlUnlinkNode(node);
		xmlFreeNode(node);
		/* xmlSAX2Characters appends in place to the last text node
		 * it made; that bookkeeping must not outlive our freeing */
		ctxt->nodelen = 0;
		ctxt->nodemem = 0;
	}
}

static void on_error(void *arg, xmlErrorPtr xe)
{
	xmlParserCtxtPtr ctxt = arg;
	struct feed_parser *p = ctxt ? ctxt->_private : NULL;
	size_t n;

	if (!p || xe->level < XML_ERR_ERROR)
		return;
	if (p->errors++ == 0 && xe->message) {
		snprintf(p->first, sizeof(p->first), "line %d: %s", xe->line,
			 xe->message);
		n = strlen(p->first);
		while (n && p->first[n - 1] == '\n')
			p->first[--n] = '\0';
	}
}

void feed_parser_free(struct feed_parser *p)
{
	if (!p)
		return;
	if (p->ctxt) {
		if (p->ctxt->myDoc) {
			xmlFree(p->ctxt->myDoc->_private);
			p->ctxt->myDoc->_private = NULL;
		}
		xmlFreeDoc(p->ctxt->myDoc);
		p->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(p->ctxt);
	}
	repair_release(&p->repair);
	feed_release(&p->f);
	item_release(&p->cur);
	free(p->url);
	free(p->charset);
	free(p);
}

struct feed_parser *feed_parser_new(const char *url, const char *charset,
				    feed_item_fn fn, void *ctx)
{
	struct feed_parser *p = calloc(1, sizeof(*p));
	xmlSAXHandler sax;
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
		   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

	if (!p)
		return NULL;
	p->fn = fn;
	p->fn_ctx = ctx;
	if ((url && !(p->url = strdup(url))) ||
	    (charset && !(p->charset = strdup(charset))))
		goto fail;
	repair_init(&p->repair, p->charset);
	memset(&sax, 0, sizeof(sax));
	xmlSAXVersion(&sax, 2);
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.serror = on_error;
	p->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, p->url);
	if (!p->ctxt)
		goto fail;
	xmlCtxtUseOptions(p->ctxt, opts);
	p->ctxt->sax->serror = on_error; /* NOERROR cleared the others only */
	p->ctxt->_private = p;
	if (p->charset && strcasecmp(p->charset, "utf-8") != 0) {
		xmlCharEncodingHandlerPtr h =
			xmlFindCharEncodingHandler(p->charset);

		if (h)
			xmlSwitchToEncoding(p->ctxt, h);
	}
	return p;
fail:
	feed_parser_free(p);
	return NULL;
}

/* Repair, then parse; final ends the document. */
static int feed_parser_feed(struct feed_parser *p, const char *data, size_t len,
			    int final, struct err *e)
{
	const char *seg;
	size_t seglen, off, chunk;

	p->e = e;
	if (p->failed)
		return -1;
	if (repair_push(&p->repair, data, len, final, &seg, &seglen) < 0)
		return err_set(e, "out of memory");
	/* in pieces: libxml2 takes an int length */
	for (off = 0; off < seglen && !p->failed; off += chunk) {
		chunk = seglen - off < (1u << 20) ? seglen - off : (1u << 20);
		xmlParseChunk(p->ctxt, seg + off, (int)chunk, 0);
	}
	if (final && !p->failed)
		xmlParseChunk(p->ctxt, NULL, 0, 1);
	return p->failed ? -1 : 0;
}

int feed_parser_push(struct feed_parser *p, const char *data, size_t len,
		     struct err *e)
{
	return feed_parser_feed(p, data, len, 0, e);
}

int feed_parser_finish(struct feed_parser *p, struct err *e)
{
	unsigned fixed;

	if (p->failed)
		return -1;
	if (p->repair.carry.len == 0 && !p->repair.decided && !p->root_seen)
		return err_set(e, "empty document");
	if (feed_parser_feed(p, NULL, 0, 1, e) < 0)
		return -1;
	if (!p->root_seen)
		return err_set(e, "not XML%s%s", p->errors ? ": " : "",
			       p->first);
	for (fixed = p->repair.fixed; fixed; fixed &= fixed - 1)
		p->f.warnings++;
	p->f.warnings += p->errors;
	p->errors = 0;
	p->repair.fixed = 0;
	return 0;
}

enum feed_format feed_parser_format(const struct feed_parser *p)
{
	return p->f.format;
}

const struct feed_meta *feed_parser_meta(const struct feed_parser *p)
{
	return &p->f.meta;
}

int feed_parser_warnings(const struct feed_parser *p)
{
	return p->f.warnings;
}

/* feed_parse() keeps every item: take each one over. */
static int collect(struct item *it, void *ctx)
{
	struct item *dst = item_list_add(ctx);

	if (!dst)
		return -1;
	*dst = *it;
	memset(it, 0, sizeof(*it));
	return 0;
}

int feed_parse(const char *data, size_t len, const char *url,
	       const char *charset, struct feed *f, struct err *e)
{
	struct feed_parser *p;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if (len == 0)
		return err_set(e, "empty document");
	p = feed_parser_new(url, charset, collect, &f->items);
	if (!p)
		return err_set(e, "out of memory");
	if (feed_parser_push(p, data, len, e) == 0 &&
	    feed_parser_finish(p, e) == 0)
		rc = 0;
	f->format = p->f.format;
	f->warnings = p->f.warnings;
	f->meta = p->f.meta;
	memset(&p->f.meta, 0, sizeof(p->f.meta));
	feed_parser_free(p);
	if (rc < 0)
		feed_release(f);
	return rc;
}
