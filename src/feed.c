/* feed.c - RSS and Atom documents to items, read as a stream of SAX events */
#include "feed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "buf.h"
#include "err.h"
#include "feed_item.h"
#include "feed_repair.h"
#include "feed_text.h"
#include "text.h"

#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"

/* Text below this many levels inside a field still counts (markup aside). */
#define FEED_TEXT_DEPTH 64

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

static int is_atom(const struct feed *f)
{
	return f->format == FEED_ATOM03 || f->format == FEED_ATOM10;
}

static enum feed_format detect(struct feed_parser *p,
			       const struct feed_frame *root,
			       const xmlChar **attrs, int nb)
{
	const char *name = (const char *)root->name;
	const char *ns = (const char *)root->href;
	char *v = feed_attr(p, root, attrs, nb, "version");
	enum feed_format fmt = FEED_UNKNOWN;

	if (strcasecmp(name, "rss") == 0)
		fmt = v && strncmp(v, "0.9", 3) == 0 ? FEED_RSS09X : FEED_RSS20;
	else if (strcmp(name, "RDF") == 0)
		fmt = FEED_RSS10; /* refined by the channel's namespace */
	else if (strcmp(name, "feed") == 0)
		fmt = (ns && strcmp(ns, NS_ATOM03) == 0) ||
				      (v && strcmp(v, "0.3") == 0)
			      ? FEED_ATOM03
			      : FEED_ATOM10;
	free(v);
	return fmt;
}

/* Stop at the first failure: not a feed, out of memory, fn said stop. */
static void fail(struct feed_parser *p, const char *msg)
{
	if (msg)
		err_set(p->e, "%s", msg);
	p->failed = 1;
	xmlStopParser(p->ctxt);
}

static struct feed_frame *frame_push(struct feed_parser *p)
{
	struct feed_frame *fr;

	if (p->depth == p->nframes) {
		int n = p->nframes ? p->nframes * 2 : 32;

		fr = realloc(p->frames, (size_t)n * sizeof(*fr));
		if (!fr)
			return NULL;
		p->frames = fr;
		p->nframes = n;
	}
	fr = &p->frames[p->depth++];
	memset(fr, 0, sizeof(*fr));
	return fr;
}

/* A new context on top (its state is clean: zeroed or reset). */
static struct feed_ctx *ctx_push(struct feed_parser *p)
{
	if (p->nctx == p->ctx_cap) {
		int n = p->ctx_cap ? p->ctx_cap * 2 : 4;
		struct feed_ctx *v = realloc(p->ctxs, (size_t)n * sizeof(*v));

		if (!v)
			return NULL;
		memset(v + p->ctx_cap, 0,
		       (size_t)(n - p->ctx_cap) * sizeof(*v));
		p->ctxs = v;
		p->ctx_cap = n;
	}
	return &p->ctxs[p->nctx++];
}

/* Keep the namespace declarations of the element being pushed. */
static int ns_push(struct feed_parser *p, const xmlChar **namespaces, int n)
{
	int i;

	if (p->nns + n > p->ns_cap) {
		int cap = p->ns_cap ? p->ns_cap : 16;
		struct feed_nsdecl *v;

		while (cap < p->nns + n)
			cap *= 2;
		v = realloc(p->ns, (size_t)cap * sizeof(*v));
		if (!v)
			return -1;
		p->ns = v;
		p->ns_cap = cap;
	}
	for (i = 0; i < n; i++) {
		p->ns[p->nns].prefix = namespaces[2 * i];
		p->ns[p->nns++].uri = namespaces[2 * i + 1];
	}
	return 0;
}

/*
 * The namespace the tree gave the top element (prefix, URI as the parser
 * resolved them): its own declaration, else the nearest on the elements
 * below it, as xmlSearchNs() looks. It is the parser's URI unless an
 * element was taken off the node stack early (see on_error); then the
 * tree may find none (NULL).
 */
static const xmlChar *tree_ns(struct feed_parser *p, const xmlChar *prefix,
			      const xmlChar *uri)
{
	const struct feed_frame *fr = &p->frames[p->depth - 1];
	const xmlChar *own = NULL;
	int i, level;

	if (!uri || !p->popped)
		return uri;
	for (i = fr->ns_start; i < p->nns; i++)
		if (p->ns[i].prefix == prefix)
			own = p->ns[i].uri;
	if (own)
		return own;
	if (prefix && xmlStrEqual(prefix, BAD_CAST "xml"))
		return XML_XML_NAMESPACE;
	for (level = p->depth - 2; level >= 0; level--) {
		int end = p->frames[level + 1].ns_start;

		for (i = p->frames[level].ns_start; i < end; i++)
			if (p->ns[i].uri &&
			    (prefix ? p->ns[i].prefix &&
					      xmlStrEqual(p->ns[i].prefix,
							  prefix)
				    : !p->ns[i].prefix))
				return p->ns[i].uri;
	}
	return NULL;
}

/* Markup gathering: the last start tag gets its '>' once it has content. */
static int close_tag(struct feed_capture *cap)
{
	if (!cap->open_tag)
		return 0;
	cap->open_tag = 0;
	return buf_addc(&cap->text, '>');
}

/* Append text escaped as markup. */
static int add_escaped(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	const char *esc;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<':
			esc = "&lt;";
			break;
		case '>':
			esc = "&gt;";
			break;
		case '&':
			esc = "&amp;";
			break;
		default:
			continue;
		}
		if (buf_add(b, s + run, i - run) < 0 || buf_adds(b, esc) < 0)
			return -1;
		run = i + 1;
	}
	return buf_add(b, s + run, n - run);
}

/* The markup of the field's children is needed (HTML or XHTML content
 * with elements in it): what was gathered so far was text. */
static int start_markup(struct feed_capture *cap)
{
	char *was = cap->text.len ? strdup(cap->text.data) : NULL;
	int rc = 0;

	if (cap->text.len && !was)
		return -1;
	cap->markup = 1;
	cap->text.len = 0;
	if (was)
		rc = add_escaped(&cap->text, was, strlen(was));
	free(was);
	return rc;
}

static int add_qname(struct buf *b, const xmlChar *prefix, const xmlChar *local)
{
	if (prefix &&
	    (buf_adds(b, (const char *)prefix) < 0 || buf_addc(b, ':') < 0))
		return -1;
	return buf_adds(b, (const char *)local);
}

/* An element inside a captured field. */
static int capture_child(struct feed_capture *cap, const xmlChar *prefix,
			 const xmlChar *localname)
{
	if (!cap->has_child) {
		cap->has_child = 1;
		if (!cap->raw_only && cap->kind != TEXT_PLAIN &&
		    start_markup(cap) < 0)
			return -1;
	}
	if (!cap->markup)
		return 0;
	if (close_tag(cap) < 0 || buf_addc(&cap->text, '<') < 0 ||
	    add_qname(&cap->text, prefix, localname) < 0)
		return -1;
	cap->open_tag = 1;
	return 0;
}

/*
 * libxml2 drops every entity reference, "&amp;" and "&lt;" too, once the
 * document is known not to be well-formed, though it reads on in recovery
 * mode: "Q &amp; A" after a stray "&#0;" would read "Q  A". The errors
 * are counted (on_error); the flag is raised again at the next event.
 */
static void keep_references(struct feed_parser *p)
{
	if (p->errors)
		p->ctxt->wellFormed = 1;
}

/* An RSS 1.0 item's rdf:about, trimmed; NULL if none or empty. */
static char *item_about(struct feed_parser *p, const struct feed_frame *fr,
			const xmlChar **attrs, int nb)
{
	char *v = feed_attr(p, fr, attrs, nb, "about"), *t;

	if (!v)
		return NULL;
	t = ftext_clean(v, strlen(v));
	free(v);
	if (t && !*t) {
		free(t);
		t = NULL;
	}
	return t;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *URI, int nb_namespaces,
		     const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	struct feed_frame *fr;
	const struct feed_frame *parent;
	struct feed_ctx *c;
	const char *colon;
	int nb = nb_attributes, atom;

	if (ctxt != p->ctxt) {
		/* the content of an entity, parsed once to check it: kept
		 * on the entity as a tree, as libxml2 expects */
		xmlSAX2StartElementNs(ctx, localname, prefix, URI,
				      nb_namespaces, namespaces, nb_attributes,
				      nb_defaulted, attributes);
		return;
	}
	keep_references(p);
	if (p->failed)
		return;
	/* attributes defaulted by the DTD are not the document's */
	if (!(ctxt->loadsubset & XML_COMPLETE_ATTRS))
		nb -= nb_defaulted;
	fr = frame_push(p);
	if (!fr) {
		fail(p, "out of memory");
		return;
	}
	fr->name = localname;
	if (prefix && !URI) {
		/* an undeclared prefix stays part of the name */
		fr->name = xmlDictQLookup(ctxt->dict, prefix, localname);
		if (!fr->name)
			fr->name = localname;
	}
	fr->local = localname;
	if (!URI && (colon = strchr((const char *)fr->name, ':')))
		fr->local = (const xmlChar *)colon + 1;
	fr->ns_start = p->nns;
	if (nb_namespaces > 0 && ns_push(p, namespaces, nb_namespaces) < 0) {
		fail(p, "out of memory");
		return;
	}
	fr->href = tree_ns(p, prefix, URI);
	fr->prefix = prefix;
	if (fr->href && fr->href == p->ns_uri) {
		/* the same string from the parser's dictionary */
		fr->ns = (unsigned char)p->ns_class;
	} else {
		fr->ns = (unsigned char)feed_ns_class(fr->name, prefix,
						      fr->href);
		if (fr->href && feed_ns_of_uri(fr->href) >= 0) {
			p->ns_uri = fr->href;
			p->ns_class = fr->ns;
		}
	}
	if (nb > 0)
		fr->base = feed_attr_base(p, attributes, nb);
	if (!fr->base)
		fr->base = feed_dtd_base(p, fr);
	if (p->depth == 1) {
		fr->role = R_ROOT;
		if (p->root_seen)
			return;
		p->root_seen = 1;
		p->f.format = detect(p, fr, attributes, nb);
		if (p->f.format == FEED_UNKNOWN) {
			err_set(p->e, "not a feed: the root element is <%s>%s",
				(const char *)localname,
				strcasecmp((const char *)localname, "html") == 0
					? " (an HTML page)"
					: "");
			fail(p, NULL);
		}
		return;
	}
	parent = &p->frames[p->depth - 2];
	atom = is_atom(&p->f);
	if (p->depth == 2 && fr->ns == NS_NONE &&
	    (strcasecmp((const char *)fr->local, "channel") == 0 ||
	     strcasecmp((const char *)fr->local, "item") == 0))
		p->rss_seen = 1;
	/* an item or entry is a context of its own, wherever it is: its
	 * text is never part of a field around it */
	if (atom ? p->depth == 2 &&
			    strcmp((const char *)fr->local, "entry") == 0
		 : fr->ns == NS_NONE && (fr->local[0] | 0x20) == 'i' &&
			    strcasecmp((const char *)fr->local, "item") == 0 &&
			    (p->depth == 2 ||
			     strcasecmp((const char *)parent->name,
					"channel") == 0)) {
		c = ctx_push(p);
		if (!c) {
			fail(p, "out of memory");
			return;
		}
		c->depth = p->depth;
		fr->role = R_ITEM;
		if (!atom && nb > 0)
			c->about = item_about(p, fr, attributes, nb);
		return;
	}
	c = &p->ctxs[p->nctx - 1];
	if (c->cap.depth && c->cap.tree) {
		xmlSAX2StartElementNs(ctx, localname, prefix, URI,
				      nb_namespaces, namespaces, nb_attributes,
				      nb_defaulted, attributes);
	} else if (c->cap.depth) {
		if (c->cap.field == F_PERSON && p->depth == c->cap.depth + 1) {
			/* an author with elements: only a name child counts */
			c->cap.depth = 0;
			feed_item_start(p, fr, attributes, nb);
		} else if (capture_child(&c->cap, prefix, localname) < 0) {
			fail(p, "out of memory");
		}
		return;
	}
	feed_item_start(p, fr, attributes, nb);
}

/* Hand a finished item to the caller. */
static void emit(struct feed_parser *p, struct feed_ctx *c)
{
	feed_item_finish(p, c);
	p->f.warnings += c->warnings;
	if (!c->it.author && p->f.meta.author)
		c->it.author = strdup(p->f.meta.author);
	if (p->fn(&c->it, p->fn_ctx) != 0)
		fail(p, "stopped");
	feed_ctx_reset(c);
	p->nctx--;
}

/*
 * The element on top ends: emit an item, finish a field, close markup.
 * silent: libxml2 took it off its node stack at once, as a start tag that
 * never ended (it stays in the tree as an empty element, never the node
 * an end event is about): items are not emitted then and feed-level
 * elements not read, as with the tree this parser once built.
 */
static void end_top(struct feed_parser *p, const xmlChar *localname,
		    const xmlChar *prefix, const xmlChar *URI, int silent)
{
	struct feed_frame *fr = &p->frames[p->depth - 1];
	struct feed_ctx *c = &p->ctxs[p->nctx - 1];
	struct feed_capture *cap = &c->cap;

	if (fr->role == R_ITEM && p->nctx > 1 && c->depth == p->depth) {
		if (silent) {
			feed_ctx_reset(c);
			p->nctx--;
		} else {
			emit(p, c);
		}
	} else if (cap->depth && p->depth > cap->depth) {
		if (cap->tree) {
			if (!silent)
				xmlSAX2EndElementNs(p->ctxt, localname, prefix,
						    URI);
		} else if (cap->markup) {
			int rc = 0;

			if (cap->open_tag) {
				cap->open_tag = 0;
				rc = buf_adds(&cap->text, "/>");
			} else {
				rc |= buf_adds(&cap->text, "</");
				rc |= add_qname(&cap->text, prefix, localname);
				rc |= buf_addc(&cap->text, '>');
			}
			if (rc)
				fail(p, "out of memory");
		}
	} else if (cap->depth == p->depth) {
		if (silent && fr->meta)
			feed_item_field_drop(p, c);
		else
			feed_item_field_end(p, c);
	}
	if (c->person_depth == p->depth)
		feed_item_person_end(p, c);
	if (fr->role == R_LINK || fr->role == R_META_LINK) {
		if (silent && fr->meta)
			fr->rank = 0;
		feed_item_link_end(p, c, fr);
	}
	/* RSS 0.90 is RSS 1.0's shape under another namespace */
	if (!silent && p->f.format == FEED_RSS10 && p->depth == 3 &&
	    fr->role != R_ITEM &&
	    strcmp((const char *)p->frames[1].name, "channel") == 0 &&
	    p->frames[1].href &&
	    strcmp((const char *)p->frames[1].href, NS_RSS090) == 0)
		p->f.format = FEED_RSS09X;
	free(fr->base);
	free(fr->url);
	fr->base = fr->url = NULL;
	p->nns = fr->ns_start;
	p->depth--;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *URI)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;

	if (ctxt != p->ctxt) {
		xmlSAX2EndElementNs(ctx, localname, prefix, URI);
		return;
	}
	keep_references(p);
	/* the top frame is the node libxml2's tree would end (see
	 * on_error: the two may differ from the element named here) */
	if (p->failed || p->depth == 0)
		return;
	end_top(p, p->frames[p->depth - 1].local,
		p->frames[p->depth - 1].prefix, p->frames[p->depth - 1].href,
		0);
}

/* The capture of the current context, if character data counts there. */
static struct feed_capture *text_capture(struct feed_parser *p)
{
	struct feed_capture *cap = &p->ctxs[p->nctx - 1].cap;

	if (!cap->depth || p->failed)
		return NULL;
	if (cap->tree)
		return cap;
	if (!cap->markup && p->depth - cap->depth > FEED_TEXT_DEPTH)
		return NULL;
	return cap;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	struct feed_capture *cap;
	int rc;

	if (ctxt != p->ctxt) {
		xmlSAX2Characters(ctx, ch, len);
		return;
	}
	keep_references(p);
	if (!(cap = text_capture(p)))
		return;
	if (cap->tree) {
		xmlSAX2Characters(ctx, ch, len);
		return;
	}
	if (!cap->markup && cap->text.len + (size_t)len < cap->text.cap) {
		/* the common case, inline: it fits */
		memcpy(cap->text.data + cap->text.len, ch, (size_t)len);
		cap->text.len += (size_t)len;
		cap->text.data[cap->text.len] = '\0';
		return;
	}
	if (!cap->markup)
		rc = buf_add(&cap->text, ch, (size_t)len);
	else
		rc = close_tag(cap) < 0 ||
		     add_escaped(&cap->text, (const char *)ch, (size_t)len);
	if (rc)
		fail(p, "out of memory");
}

/* A reference to an entity (never expanded: no bombs). HTML names feeds
 * use without declaring them become their characters; others stay as
 * written. */
static void on_reference(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	struct feed_capture *cap;
	unsigned c;
	int rc;

	if (ctxt != p->ctxt) {
		xmlSAX2Reference(ctx, name);
		return;
	}
	if (!(cap = text_capture(p)))
		return;
	if (cap->tree) {
		xmlSAX2Reference(ctx, name);
		return;
	}
	if (cap->markup)
		rc = close_tag(cap) < 0 ||
		     buf_addf(&cap->text, "&%s;", (const char *)name) < 0;
	else if ((c = text_entity((const char *)name)))
		rc = text_utf8_put(&cap->text, c);
	else
		rc = buf_addf(&cap->text, "&%s;", (const char *)name);
	if (rc)
		fail(p, "out of memory");
}

static void on_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	struct feed_capture *cap;

	if (ctxt != p->ctxt) {
		xmlSAX2Comment(ctx, value);
		return;
	}
	/* only markup keeps comments (and text_from_html drops them) */
	cap = text_capture(p);
	if (cap && cap->tree)
		xmlSAX2Comment(ctx, value);
	else if (cap && cap->markup &&
		 (close_tag(cap) < 0 ||
		  buf_addf(&cap->text, "<!--%s-->", (const char *)value) < 0))
		fail(p, "out of memory");
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct feed_parser *p = ctxt->_private;
	struct feed_capture *cap;

	if (ctxt != p->ctxt) {
		xmlSAX2ProcessingInstruction(ctx, target, data);
		return;
	}
	cap = text_capture(p);
	if (cap && cap->tree)
		xmlSAX2ProcessingInstruction(ctx, target, data);
	else if (cap && cap->markup &&
		 (close_tag(cap) < 0 ||
		  buf_addf(&cap->text, "<?%s%s%s?>", (const char *)target,
			   data ? " " : "",
			   data ? (const char *)data : "") < 0))
		fail(p, "out of memory");
}

static void on_error(void *arg, xmlErrorPtr xe)
{
	xmlParserCtxtPtr ctxt = arg;
	struct feed_parser *p = ctxt ? ctxt->_private : NULL;
	size_t n;

	if (!p || xe->level < XML_ERR_ERROR)
		return;
	/* "Couldn't find end of Start Tag": the push parser pops the node
	 * it just made, and the tree goes on one level up */
	if (ctxt == p->ctxt && xe->code == XML_ERR_GT_REQUIRED && xe->message &&
	    strncmp(xe->message, "Couldn't find end of Start Tag", 30) == 0 &&
	    p->depth > 0 && !p->failed) {
		p->popped++;
		end_top(p, p->frames[p->depth - 1].local,
			p->frames[p->depth - 1].prefix,
			p->frames[p->depth - 1].href, 1);
	}
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
	int i;

	if (!p)
		return;
	if (p->ctxt) {
		xmlFreeDoc(p->ctxt->myDoc);
		p->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(p->ctxt);
	}
	for (i = 0; i < p->depth; i++) {
		free(p->frames[i].base);
		free(p->frames[i].url);
	}
	free(p->frames);
	for (i = 0; i < p->ctx_cap; i++) {
		feed_ctx_reset(&p->ctxs[i]);
		buf_release(&p->ctxs[i].cap.text);
	}
	free(p->ctxs);
	free(p->ns);
	xmlFree(p->root_base);
	repair_release(&p->repair);
	feed_release(&p->f);
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
	const char *cs;

	if (!p)
		return NULL;
	p->fn = fn;
	p->fn_ctx = ctx;
	if ((url && !(p->url = strdup(url))) ||
	    (charset && !(p->charset = strdup(charset))))
		goto fail;
	repair_init(&p->repair, p->charset);
	if (!ctx_push(p)) /* the feed's own context */
		goto fail;
	memset(&sax, 0, sizeof(sax));
	xmlSAXVersion(&sax, 2);
	/* no tree: items are read from the events as they come */
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;
	sax.reference = on_reference;
	sax.comment = on_comment;
	sax.processingInstruction = on_pi;
	sax.serror = on_error;
	p->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, p->url);
	if (!p->ctxt)
		goto fail;
	xmlCtxtUseOptions(p->ctxt, opts);
	p->ctxt->sax->serror = on_error; /* NOERROR cleared the others only */
	p->ctxt->_private = p;
	/* an HTTP charset of 16 or 32 bits is believed: the repair filter
	 * passes such documents through untouched */
	cs = p->charset && (strncasecmp(p->charset, "utf-16", 6) == 0 ||
			    strncasecmp(p->charset, "utf-32", 6) == 0 ||
			    strncasecmp(p->charset, "ucs", 3) == 0)
		     ? p->charset
		     : repair_charset(p->charset);
	if (cs && strcasecmp(cs, "utf-8") != 0) {
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(cs);

		if (h)
			xmlSwitchToEncoding(p->ctxt, h);
	}
	return p;
fail:
	feed_parser_free(p);
	return NULL;
}

/* Repair, then parse one piece; final ends the document. */
static int feed_piece(struct feed_parser *p, const char *data, size_t len,
		      int final, struct err *e)
{
	const char *seg;
	size_t seglen, off, chunk;

	p->e = e;
	if (p->failed)
		return -1;
	if (repair_push(&p->repair, data, len, final, &seg, &seglen) < 0)
		return err_set(e, "out of memory");
	if (p->repair.encoding && !p->enc_done) {
		/* the declaration names an encoding to ignore */
		p->enc_done = 1;
		p->ctxt->options |= XML_PARSE_IGNORE_ENC;
		if (!repair_charset(p->charset) &&
		    strcasecmp(p->repair.encoding, "utf-8") != 0) {
			xmlCharEncodingHandlerPtr h =
				xmlFindCharEncodingHandler(p->repair.encoding);

			if (h)
				xmlSwitchToEncoding(p->ctxt, h);
		}
	}
	/* in pieces: libxml2 takes an int length */
	for (off = 0; off < seglen && !p->failed; off += chunk) {
		chunk = seglen - off < (1u << 20) ? seglen - off : (1u << 20);
		xmlParseChunk(p->ctxt, seg + off, (int)chunk, 0);
		keep_references(p);
	}
	if (final && !p->failed)
		xmlParseChunk(p->ctxt, NULL, 0, 1);
	return p->failed ? -1 : 0;
}

/*
 * As feed_piece(). A large piece is cut after its first '>': the bytes
 * the filter held back from the last piece end there, and the rest can
 * then go to the parser without a copy.
 */
static int feed_parser_feed(struct feed_parser *p, const char *data, size_t len,
			    int final, struct err *e)
{
	const char *gt = NULL;
	size_t head;

	if (len >= 4096 && !final)
		gt = memchr(data, '>', len);
	if (!gt)
		return feed_piece(p, data, len, final, e);
	head = (size_t)(gt - data) + 1;
	if (feed_piece(p, data, head, 0, e) < 0)
		return -1;
	return feed_piece(p, data + head, len - head, 0, e);
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
	if (p->f.format == FEED_RSS10 && !p->rss_seen)
		return err_set(e, "not a feed: <rdf:RDF> without an RSS "
				  "channel or item");
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

void feed_init(void)
{
	xmlInitParser();
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
