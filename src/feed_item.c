/* feed_item.c - RSS and Atom elements to item fields, as SAX events come */
#include "feed_item.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "date.h"
#include "feed_text.h"
#include "text.h"

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
	char *q;

	for (q = s; *q; q++) {
		v = b64val((unsigned char)*q);
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

/* Add the UTF-8 of an HTML named entity (feeds use &nbsp; and friends
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

static int has_element_child(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* Markup of n's children, for inline XHTML, into b. */
static int node_markup(struct buf *b, xmlNode *n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlNode *c;
	int rc;

	if (!xb)
		return -1;
	for (c = n->children; c; c = c->next)
		xmlNodeDump(xb, n->doc, c, 0, 0);
	rc = buf_adds(b, (const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	return rc;
}

/*
 * Base64 content that holds elements is decoded from their markup, as
 * libxml2 writes it: such a field is built as a tree (it is rare), under
 * a stand-in element that the SAX2 handlers fill.
 */
static void tree_start(struct feed_parser *p, struct feed_capture *cap)
{
	xmlParserCtxtPtr ctxt = p->ctxt;
	xmlNodePtr t = xmlNewDocNode(ctxt->myDoc, NULL, BAD_CAST "field", NULL);

	if (!t)
		return;
	xmlAddChild((xmlNodePtr)ctxt->myDoc, t);
	if (nodePush(ctxt, t) < 0) {
		xmlUnlinkNode(t);
		xmlFreeNode(t);
		return;
	}
	ctxt->nodelen = ctxt->nodemem = 0;
	cap->tree = t;
}

/* Take t and what is above it off the parser's node stack, if it is
 * still there (libxml2 pops an element whose start tag never ends). */
static void tree_pop(xmlParserCtxtPtr ctxt, xmlNodePtr t)
{
	int i;

	for (i = ctxt->nodeNr - 1; i >= 0; i--)
		if (ctxt->nodeTab[i] == t)
			break;
	while (i >= 0 && ctxt->nodeNr > i)
		nodePop(ctxt);
}

/* The tree's text (or markup) becomes the captured text. */
static int tree_end(struct feed_parser *p, struct feed_capture *cap)
{
	xmlParserCtxtPtr ctxt = p->ctxt;
	xmlNodePtr t = cap->tree;
	int rc;

	cap->text.len = 0;
	if (has_element_child(t) && cap->kind != TEXT_PLAIN) {
		cap->markup = 1;
		rc = node_markup(&cap->text, t);
	} else {
		rc = node_text_buf(&cap->text, t, 0);
	}
	tree_pop(ctxt, t);
	xmlUnlinkNode(t);
	xmlFreeNode(t);
	/* xmlSAX2Characters appends in place to the last text node it
	 * made; that bookkeeping must not outlive the tree */
	ctxt->nodelen = ctxt->nodemem = 0;
	cap->tree = NULL;
	return rc;
}

/* Plain text of the captured element: HTML is stripped, entities
 * decoded, white space collapsed, controls removed. Caller frees; NULL
 * if empty. */
static char *capture_text(struct feed_capture *cap)
{
	enum text_kind kind = cap->markup ? TEXT_HTML : cap->kind;
	char empty[1] = "";
	char *raw = cap->text.data ? cap->text.data : empty, *out;
	size_t len = strlen(raw);

	if (cap->b64)
		len = base64_decode(raw);
	if (kind == TEXT_PLAIN)
		out = ftext_clean(raw, len);
	else if (kind == TEXT_GUESS && !text_looks_html(raw, len))
		out = ftext_clean(raw, len);
	else
		out = ftext_from_html(raw, len);
	if (out && !*out) {
		free(out);
		out = NULL;
	}
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

static void set_stamp(struct stamp *st, char *raw, int *warnings)
{
	long long t;
	int off;

	if (st->set || !raw) {
		free(raw);
		return;
	}
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

/* Is a link's type one a browser shows as a page (or none at all)? */
static int is_page_type(const char *type)
{
	size_t n;

	if (!type)
		return 1;
	while (*type == ' ' || *type == '\t')
		type++;
	n = strcspn(type, " \t;");
	return n == 0 || (n == 9 && strncasecmp(type, "text/html", 9) == 0) ||
	       (n == 21 && strncasecmp(type, "application/xhtml+xml", 21) == 0);
}

/* An Atom <link>: 3 for rel=alternate (or none) to a page, 2 for other
 * alternates (a feed, a PDF), 1 for others we could fall back on, 0 for
 * links that are never the item's page. */
static int link_rank(const char *rel, const char *type)
{
	if (!rel || strcmp(rel, "alternate") == 0)
		return is_page_type(type) ? 3 : 2;
	return (strcmp(rel, "self") == 0 || strcmp(rel, "enclosure") == 0 ||
		strcmp(rel, "replies") == 0 || strcmp(rel, "edit") == 0 ||
		strcmp(rel, "hub") == 0)
		       ? 0
		       : 1;
}

/* An Atom link element starts at the top frame: resolve its href now,
 * weigh it against the others when it ends (as the tree did). */
static void link_start(struct feed_parser *p, struct feed_frame *fr,
		       const xmlChar **attrs, int nb, enum feed_role role)
{
	char *href = feed_attr(p, fr, attrs, nb, "href");
	char *rel = feed_attr(p, fr, attrs, nb, "rel");
	char *type = rel && strcmp(rel, "alternate") != 0
			     ? NULL
			     : feed_attr(p, fr, attrs, nb, "type");

	fr->role = (unsigned char)role;
	fr->rank = link_rank(rel, type);
	if (href && fr->rank > 0)
		fr->url = feed_resolve(p, p->depth - 1, href);
	free(href);
	free(rel);
	free(type);
}

void feed_item_link_end(struct feed_parser *p, struct feed_ctx *c,
			struct feed_frame *fr)
{
	if (fr->role == R_META_LINK) {
		/* the feed's page: the best alternate, unless the RSS
		 * <link> came first */
		if (fr->url && fr->rank >= 2 &&
		    (!p->f.meta.link ||
		     (p->meta_link_rank && fr->rank > p->meta_link_rank))) {
			free(p->f.meta.link);
			p->f.meta.link = fr->url;
			p->meta_link_rank = fr->rank;
		} else {
			free(fr->url);
		}
	} else if (fr->url && fr->rank > c->alt_rank) {
		free(c->alt_url);
		c->alt_url = fr->url;
		c->alt_rank = fr->rank;
	} else {
		free(fr->url);
	}
	fr->url = NULL;
}

/* Start gathering the text of the top element into field f. */
static void capture(struct feed_parser *p, struct feed_ctx *c,
		    struct feed_frame *fr, const xmlChar **attrs, int nb,
		    enum feed_field f, enum text_kind kind)
{
	struct feed_capture *cap = &c->cap;
	char *type = feed_attr(p, fr, attrs, nb, "type");
	char *mode = feed_attr(p, fr, attrs, nb, "mode");

	if (type) {
		if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
			kind = TEXT_HTML;
		else if (strcmp(type, "xhtml") == 0 ||
			 strcmp(type, "application/xhtml+xml") == 0)
			kind = TEXT_XHTML;
		else if (strcmp(type, "text") == 0 ||
			 strcmp(type, "text/plain") == 0)
			kind = kind == TEXT_GUESS ? TEXT_GUESS : TEXT_PLAIN;
	}
	if (mode && strcmp(mode, "escaped") == 0)
		kind = TEXT_HTML;
	cap->b64 = mode && strcmp(mode, "base64") == 0;
	cap->depth = p->depth;
	cap->field = f;
	cap->kind = kind;
	cap->raw_only = 0;
	cap->has_child = cap->markup = cap->open_tag = 0;
	cap->text.len = 0;
	if (cap->text.data)
		cap->text.data[0] = '\0';
	cap->tree = NULL;
	if (cap->b64 && kind != TEXT_PLAIN && f != F_PERSON)
		tree_start(p, cap);
	fr->role = R_FIELD;
	free(type);
	free(mode);
}

/* Gather the raw character data only (RSS <link>). */
static void capture_raw(struct feed_parser *p, struct feed_ctx *c,
			struct feed_frame *fr, enum feed_field f)
{
	struct feed_capture *cap = &c->cap;

	cap->depth = p->depth;
	cap->field = f;
	cap->kind = TEXT_PLAIN;
	cap->raw_only = 1;
	cap->b64 = cap->has_child = cap->markup = cap->open_tag = 0;
	cap->text.len = 0;
	if (cap->text.data)
		cap->text.data[0] = '\0';
	fr->role = R_FIELD;
}

static int is(const struct feed_frame *fr, const char *name)
{
	return fr->local[0] == (xmlChar)name[0] &&
	       strcmp((const char *)fr->local, name) == 0;
}

/* is() without regard to case: RSS names as feedparser lowercases them */
static int is_ci(const struct feed_frame *fr, const char *name)
{
	const xmlChar *l = fr->local;
	size_t i;

	if (strcmp((const char *)l, name) == 0)
		return 1; /* as written, mostly */
	for (i = 0; name[i]; i++)
		if ((l[i] | 0x20) != (name[i] | 0x20))
			return 0;
	return l[i] == '\0';
}

/* Media RSS titles and descriptions, at item level or inside media:group
 * and media:content (depth counts those). */
static void media_start(struct feed_parser *p, struct feed_ctx *c,
			struct feed_frame *fr, const xmlChar **attrs, int nb,
			int depth)
{
	if (is(fr, "title")) {
		capture(p, c, fr, attrs, nb, F_MEDIA_TITLE, TEXT_GUESS);
	} else if (is(fr, "description")) {
		capture(p, c, fr, attrs, nb, F_MEDIA_DESC, TEXT_GUESS);
	} else if ((is(fr, "group") || is(fr, "content")) && depth < 2) {
		fr->role = R_MEDIA;
		fr->mdepth = (unsigned char)depth;
	}
}

static void rss_item_child(struct feed_parser *p, struct feed_ctx *c,
			   struct feed_frame *fr, const xmlChar **attrs, int nb)
{
	switch (fr->ns) {
	case NS_IS_ATOM:
		if (is(fr, "link"))
			link_start(p, fr, attrs, nb, R_LINK);
		else if (is(fr, "updated"))
			capture(p, c, fr, attrs, nb, F_UPDATED, TEXT_PLAIN);
		else if (is(fr, "published"))
			capture(p, c, fr, attrs, nb, F_PUBLISHED, TEXT_PLAIN);
		else if (is(fr, "id"))
			capture(p, c, fr, attrs, nb, F_GUID, TEXT_PLAIN);
		else if (is(fr, "summary"))
			capture(p, c, fr, attrs, nb, F_SUMMARY, TEXT_PLAIN);
		else if (is(fr, "author") || is(fr, "name"))
			capture(p, c, fr, attrs, nb, F_AUTHOR_SET, TEXT_PLAIN);
		break;
	case NS_IS_DC:
		if (is(fr, "date"))
			capture(p, c, fr, attrs, nb, F_PUBLISHED, TEXT_PLAIN);
		else if (is(fr, "creator"))
			capture(p, c, fr, attrs, nb, F_AUTHOR_ADD, TEXT_GUESS);
		else if (is(fr, "subject"))
			capture(p, c, fr, attrs, nb, F_CATEGORY, TEXT_GUESS);
		else if (is(fr, "title"))
			capture(p, c, fr, attrs, nb, F_TITLE, TEXT_GUESS);
		else if (is(fr, "description"))
			capture(p, c, fr, attrs, nb, F_SUMMARY, TEXT_HTML);
		else if (is(fr, "modified"))
			capture(p, c, fr, attrs, nb, F_UPDATED, TEXT_PLAIN);
		else if (is(fr, "issued"))
			capture(p, c, fr, attrs, nb, F_PUBLISHED, TEXT_PLAIN);
		else if (is(fr, "created"))
			capture(p, c, fr, attrs, nb, F_CREATED, TEXT_PLAIN);
		break;
	case NS_IS_ITUNES:
		if (is(fr, "author"))
			capture(p, c, fr, attrs, nb, F_AUTHOR_LAST, TEXT_GUESS);
		break;
	case NS_IS_CONTENT:
		if (is(fr, "encoded"))
			capture(p, c, fr, attrs, nb, F_CONTENT, TEXT_HTML);
		break;
	case NS_IS_MEDIA:
		media_start(p, c, fr, attrs, nb, 0);
		break;
	case NS_IS_FEEDBURNER:
		if (is(fr, "origLink"))
			capture(p, c, fr, attrs, nb, F_ORIG_LINK, TEXT_PLAIN);
		break;
	case NS_NONE:
		/* one name can match: look at the one with this initial */
		switch (fr->local[0] | 0x20) {
		case 't':
			if (is_ci(fr, "title"))
				capture(p, c, fr, attrs, nb, F_TITLE,
					TEXT_GUESS);
			break;
		case 'l':
			if (is_ci(fr, "link"))
				capture_raw(p, c, fr, F_LINK);
			break;
		case 'd':
			if (is_ci(fr, "description"))
				capture(p, c, fr, attrs, nb, F_SUMMARY,
					TEXT_HTML);
			break;
		case 'g':
			if (is_ci(fr, "guid")) {
				char *pl = feed_attr(p, fr, attrs, nb,
						     "isPermaLink");

				c->guid_link =
					!pl || strcasecmp(pl, "false") != 0;
				free(pl);
				capture(p, c, fr, attrs, nb, F_GUID,
					TEXT_PLAIN);
			}
			break;
		case 'p':
			if (is_ci(fr, "pubDate"))
				capture(p, c, fr, attrs, nb, F_PUBLISHED,
					TEXT_PLAIN);
			break;
		case 'a':
			if (is_ci(fr, "author"))
				capture(p, c, fr, attrs, nb, F_AUTHOR_ADD,
					TEXT_GUESS);
			break;
		case 'c':
			if (is_ci(fr, "category"))
				capture(p, c, fr, attrs, nb, F_CATEGORY,
					TEXT_GUESS);
			break;
		default:
			break;
		}
		break;
	default:
		break;
	}
}

/* An Atom person (author): the first name child, else its own text. */
static void person_start(struct feed_parser *p, struct feed_ctx *c,
			 struct feed_frame *fr, const xmlChar **attrs, int nb)
{
	c->person_depth = p->depth;
	c->person_child = 0;
	c->person_named = 0;
	capture(p, c, fr, attrs, nb, F_PERSON, TEXT_PLAIN);
}

static void atom_entry_child(struct feed_parser *p, struct feed_ctx *c,
			     struct feed_frame *fr, const xmlChar **attrs,
			     int nb)
{
	if (fr->ns == NS_IS_DC) {
		if (is(fr, "date") || is(fr, "issued"))
			capture(p, c, fr, attrs, nb, F_PUBLISHED, TEXT_PLAIN);
		else if (is(fr, "modified"))
			capture(p, c, fr, attrs, nb, F_UPDATED, TEXT_PLAIN);
		else if (is(fr, "creator"))
			capture(p, c, fr, attrs, nb, F_AUTHOR_ADD, TEXT_PLAIN);
		else if (is(fr, "subject"))
			capture(p, c, fr, attrs, nb, F_CATEGORY, TEXT_PLAIN);
		return;
	}
	/* YouTube's media:group holds an entry's description */
	if (fr->ns == NS_IS_MEDIA) {
		media_start(p, c, fr, attrs, nb, 0);
		return;
	}
	if (fr->ns == NS_IS_FEEDBURNER) {
		if (is(fr, "origLink"))
			capture(p, c, fr, attrs, nb, F_ORIG_LINK, TEXT_PLAIN);
		return;
	}
	/* foreign elements are not Atom's, whatever their name */
	if (fr->ns != NS_IS_ATOM && fr->ns != NS_NONE)
		return;
	if (is(fr, "id")) {
		capture(p, c, fr, attrs, nb, F_ID, TEXT_PLAIN);
	} else if (is(fr, "title")) {
		capture(p, c, fr, attrs, nb, F_TITLE, TEXT_PLAIN);
	} else if (is(fr, "link")) {
		link_start(p, fr, attrs, nb, R_LINK);
	} else if (is(fr, "summary")) {
		capture(p, c, fr, attrs, nb, F_SUMMARY, TEXT_PLAIN);
	} else if (is(fr, "content")) {
		capture(p, c, fr, attrs, nb, F_CONTENT, TEXT_PLAIN);
	} else if (is(fr, "published") || is(fr, "issued")) {
		capture(p, c, fr, attrs, nb, F_PUBLISHED, TEXT_PLAIN);
	} else if (is(fr, "created")) {
		/* Atom 0.3: when the entry was made, not published */
		capture(p, c, fr, attrs, nb, F_CREATED, TEXT_PLAIN);
	} else if (is(fr, "updated") || is(fr, "modified")) {
		capture(p, c, fr, attrs, nb, F_UPDATED, TEXT_PLAIN);
	} else if (is(fr, "author")) {
		person_start(p, c, fr, attrs, nb);
	} else if (is(fr, "category")) {
		/* the label, or the term when it is missing or empty */
		char *label = feed_attr(p, fr, attrs, nb, "label");
		char *v = label ? ftext_clean(label, strlen(label)) : NULL;
		char *term;

		if (!v || !*v) {
			free(v);
			term = feed_attr(p, fr, attrs, nb, "term");
			v = term ? ftext_clean(term, strlen(term)) : NULL;
			free(term);
		}
		add_category(&c->it, v);
		free(label);
	}
}

/* Feed-level element (child of channel or feed). */
static void meta_start(struct feed_parser *p, struct feed_frame *fr,
		       const xmlChar **attrs, int nb)
{
	struct feed_ctx *c = &p->ctxs[0];
	struct feed *f = &p->f;
	int atom = f->format == FEED_ATOM03 || f->format == FEED_ATOM10;

	fr->meta = 1;
	if (fr->ns == NS_IS_DC) {
		if (is(fr, "date") || is(fr, "modified"))
			capture(p, c, fr, attrs, nb, F_META_UPDATED,
				TEXT_PLAIN);
		return;
	}
	/* foreign elements are not the feed's, whatever their name */
	if (fr->ns != NS_NONE &&
	    !(fr->ns == NS_IS_ATOM && (atom || is(fr, "link"))))
		return;
	if (atom && is(fr, "author")) {
		/* entries without an author inherit it (RFC 4287 4.2.1) */
		person_start(p, c, fr, attrs, nb);
		return;
	}
	if (!atom) {
		/* RSS: names as feedparser reads them, lowercased */
		if (is_ci(fr, "title"))
			capture(p, c, fr, attrs, nb, F_META_TITLE, TEXT_GUESS);
		else if (is_ci(fr, "link") && fr->ns == NS_IS_ATOM)
			link_start(p, fr, attrs, nb, R_META_LINK);
		else if (is_ci(fr, "link"))
			capture_raw(p, c, fr, F_META_LINK);
		else if (is_ci(fr, "description") || is_ci(fr, "subtitle") ||
			 is_ci(fr, "tagline"))
			capture(p, c, fr, attrs, nb, F_META_SUBTITLE,
				TEXT_HTML);
		else if (is_ci(fr, "updated") || is_ci(fr, "modified") ||
			 is_ci(fr, "lastBuildDate") || is_ci(fr, "pubDate"))
			capture(p, c, fr, attrs, nb, F_META_UPDATED,
				TEXT_PLAIN);
		return;
	}
	if (is(fr, "title")) {
		capture(p, c, fr, attrs, nb, F_META_TITLE, TEXT_PLAIN);
	} else if (is(fr, "link")) {
		link_start(p, fr, attrs, nb, R_META_LINK);
	} else if (is(fr, "description") || is(fr, "subtitle") ||
		   is(fr, "tagline")) {
		capture(p, c, fr, attrs, nb, F_META_SUBTITLE, TEXT_PLAIN);
	} else if (is(fr, "updated") || is(fr, "modified") ||
		   is(fr, "lastBuildDate") || is(fr, "pubDate")) {
		capture(p, c, fr, attrs, nb, F_META_UPDATED, TEXT_PLAIN);
	}
}

void feed_item_start(struct feed_parser *p, struct feed_frame *fr,
		     const xmlChar **attrs, int nb)
{
	struct feed_ctx *c = &p->ctxs[p->nctx - 1];
	const struct feed_frame *parent = &p->frames[p->depth - 2];
	int d = p->depth;
	int atom = p->f.format == FEED_ATOM03 || p->f.format == FEED_ATOM10;

	if (p->nctx > 1 && d == c->depth + 1) {
		if (atom)
			atom_entry_child(p, c, fr, attrs, nb);
		else
			rss_item_child(p, c, fr, attrs, nb);
	} else if (parent->role == R_MEDIA && fr->ns == NS_IS_MEDIA) {
		media_start(p, c, fr, attrs, nb, parent->mdepth + 1);
	} else if (c->person_depth && d == c->person_depth + 1) {
		c->person_child = 1;
		if (!c->person_named && is(fr, "name"))
			capture(p, c, fr, attrs, nb, F_PERSON_NAME, TEXT_PLAIN);
		else if (!c->person_email && is(fr, "email"))
			capture(p, c, fr, attrs, nb, F_PERSON_EMAIL,
				TEXT_PLAIN);
	} else if (atom ? d == 2
			: d == 3 && strcasecmp((const char *)parent->name,
					       "channel") == 0) {
		if (atom || !is_ci(fr, "items"))
			meta_start(p, fr, attrs, nb);
	}
}

void feed_item_field_end(struct feed_parser *p, struct feed_ctx *c)
{
	struct feed_capture *cap = &c->cap;
	struct item *it = &c->it;
	struct feed_meta *m = &p->f.meta;
	char *s;

	if (cap->raw_only) {
		/* RSS <link>: the raw text, resolved */
		const char *raw = cap->text.data ? cap->text.data : "";
		char **dst = cap->field == F_LINK ? &it->link : &m->link;

		if (!*dst)
			*dst = feed_resolve(p, p->depth - 1, raw);
		cap->depth = 0;
		return;
	}
	if (cap->tree && tree_end(p, cap) < 0) {
		cap->depth = 0;
		return;
	}
	s = capture_text(cap);
	cap->depth = 0;
	switch (cap->field) {
	case F_TITLE:
		set_str(&it->title, s);
		break;
	case F_SUMMARY:
		set_str(&it->summary, s);
		break;
	case F_CONTENT:
		set_str(&it->content, s);
		break;
	case F_ID:
		set_str(&it->id, s);
		break;
	case F_GUID:
		set_str(&c->guid, s);
		break;
	case F_PUBLISHED:
		set_stamp(&it->published, s, &c->warnings);
		break;
	case F_UPDATED:
		set_stamp(&it->updated, s, &c->warnings);
		break;
	case F_CREATED:
		if (!c->created_seen) {
			c->created_seen = 1;
			c->created = s;
		} else {
			free(s);
		}
		break;
	case F_AUTHOR_SET:
		set_str(&it->author, s);
		break;
	case F_AUTHOR_ADD:
		add_author(it, s);
		break;
	case F_CATEGORY:
		add_category(it, s);
		break;
	case F_AUTHOR_LAST:
		set_str(&c->author_last, s);
		break;
	case F_MEDIA_TITLE:
		set_str(&c->media_title, s);
		break;
	case F_MEDIA_DESC:
		set_str(&c->media_desc, s);
		break;
	case F_ORIG_LINK:
		set_str(&c->orig_link, s);
		break;
	case F_PERSON_NAME:
		c->person_named = 1;
		/* fall through */
	case F_PERSON:
		if (c == p->ctxs)
			set_str(&m->author, s);
		else
			add_author(it, s);
		break;
	case F_PERSON_EMAIL:
		set_str(&c->person_email, s);
		break;
	case F_META_TITLE:
		set_str(&m->title, s);
		break;
	case F_META_SUBTITLE:
		set_str(&m->subtitle, s);
		break;
	case F_META_UPDATED:
		set_stamp(&m->updated, s, &p->f.warnings);
		break;
	default:
		free(s);
	}
}

void feed_item_field_drop(struct feed_parser *p, struct feed_ctx *c)
{
	struct feed_capture *cap = &c->cap;

	if (cap->tree) {
		tree_pop(p->ctxt, cap->tree);
		xmlUnlinkNode(cap->tree);
		xmlFreeNode(cap->tree);
		p->ctxt->nodelen = p->ctxt->nodemem = 0;
		cap->tree = NULL;
	}
	cap->depth = 0;
}

void feed_item_person_end(struct feed_parser *p, struct feed_ctx *c)
{
	/* an author known by address only, as feedparser names them */
	if (!c->person_named && c->person_email) {
		if (c == p->ctxs)
			set_str(&p->f.meta.author, c->person_email);
		else
			add_author(&c->it, c->person_email);
		c->person_email = NULL;
	}
	free(c->person_email);
	c->person_email = NULL;
	c->person_depth = 0;
	c->person_child = 0;
	c->person_named = 0;
}

/* FNV-1a over s (NULL: nothing), for ids of items that have neither
 * guid nor link. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	return s ? text_fnv1a(h, s, strlen(s)) : h;
}

static void finish_id(struct item *it)
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
	h = fnv1a(TEXT_FNV_BASIS, it->title);
	h = fnv1a(fnv1a(h, "\x1f"), it->published.raw);
	snprintf(tmp, sizeof(tmp), "hash:%016llx", (unsigned long long)h);
	it->id = strdup(tmp);
}

/* A feed served through a proxy (FeedBurner) names each item's own page
 * in feedburner:origLink: that is its link. */
static void orig_link(struct feed_ctx *c)
{
	const char *o = c->orig_link;

	if (o &&
	    (strncmp(o, "http://", 7) == 0 || strncmp(o, "https://", 8) == 0)) {
		free(c->it.link);
		c->it.link = c->orig_link;
		c->orig_link = NULL;
	}
}

void feed_item_finish(struct feed_parser *p, struct feed_ctx *c)
{
	struct item *it = &c->it;
	const char *g = c->guid;

	if (p->f.format == FEED_ATOM03 || p->f.format == FEED_ATOM10) {
		if (!it->published.set && c->created_seen) {
			set_stamp(&it->published, c->created, &c->warnings);
			c->created = NULL;
		}
		it->link = c->alt_url;
		c->alt_url = NULL;
		orig_link(c);
		set_str(&it->title, c->media_title);
		set_str(&it->summary, c->media_desc);
		c->media_title = c->media_desc = NULL;
		finish_id(it);
		return;
	}
	if (!it->link && c->alt_url) {
		it->link = c->alt_url;
		c->alt_url = NULL;
	}
	if (!it->link && g && c->guid_link &&
	    (strncmp(g, "http://", 7) == 0 || strncmp(g, "https://", 8) == 0))
		it->link = strdup(g);
	if (!it->published.set && c->created_seen) {
		set_stamp(&it->published, c->created, &c->warnings);
		c->created = NULL;
	}
	if (!it->author || !*it->author) {
		free(it->author);
		it->author = c->author_last;
		c->author_last = NULL;
	}
	/* RSS 1.0: the item's rdf:about names its page */
	if (!it->link && c->about &&
	    (strncmp(c->about, "http://", 7) == 0 ||
	     strncmp(c->about, "https://", 8) == 0))
		it->link = strdup(c->about);
	orig_link(c);
	set_str(&it->title, c->media_title);
	set_str(&it->summary, c->media_desc);
	set_str(&it->id, c->guid);
	if (!it->id || !*it->id) {
		free(it->id);
		it->id = c->about;
	} else {
		free(c->about);
	}
	c->media_title = c->media_desc = c->guid = c->about = NULL;
	finish_id(it);
}

void feed_ctx_reset(struct feed_ctx *c)
{
	item_release(&c->it);
	free(c->alt_url);
	free(c->guid);
	free(c->media_title);
	free(c->media_desc);
	free(c->orig_link);
	free(c->created);
	free(c->about);
	free(c->author_last);
	free(c->person_email);
	c->author_last = c->person_email = NULL;
	c->alt_url = c->guid = c->media_title = c->media_desc = NULL;
	c->orig_link = NULL;
	c->about = NULL;
	c->created = NULL;
	c->alt_rank = c->guid_link = c->created_seen = c->warnings = 0;
	c->depth = c->person_depth = c->person_child = c->person_named = 0;
	c->cap.depth = 0;
}
