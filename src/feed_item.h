/* feed_item.h - internal to the feed module: SAX events to item fields
 *
 * feed.c drives the SAX parser (open elements, contexts, captures),
 * feed_item.c maps elements to item fields, feed_attr.c reads attributes,
 * namespaces and xml:base as the tree libxml2 would build held them.
 */
#ifndef ANNALS_FEED_ITEM_H
#define ANNALS_FEED_ITEM_H

#include <stddef.h>

#include <libxml/parser.h>

#include "buf.h"
#include "feed.h"
#include "feed_repair.h"

struct err;

/* Namespace classes: elements are matched by local name within these. */
enum feed_ns {
	NS_NONE, /* no namespace, or RSS's own */
	NS_IS_ATOM,
	NS_IS_DC,
	NS_IS_CONTENT,
	NS_IS_MEDIA,
	NS_IS_ITUNES,
	NS_IS_FEEDBURNER,
	NS_OTHER,
};

enum text_kind { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML, TEXT_GUESS };

/* What the text of an element becomes. */
enum feed_field {
	F_NONE,
	F_TITLE,
	F_SUMMARY,
	F_CONTENT,
	F_ID,	      /* Atom id: the item's id */
	F_GUID,	      /* RSS guid or atom:id in RSS: the id unless ... */
	F_LINK,	      /* RSS link text, resolved */
	F_PUBLISHED,  /* a date */
	F_UPDATED,    /* a date */
	F_CREATED,    /* Atom 0.3: published when nothing else says */
	F_AUTHOR_SET, /* first one wins */
	F_AUTHOR_ADD, /* joined with ", " */
	F_CATEGORY,
	F_AUTHOR_LAST, /* itunes:author: the author if nothing else says */
	F_MEDIA_TITLE,
	F_MEDIA_DESC,
	F_ORIG_LINK,	/* feedburner:origLink: the page behind a proxy link */
	F_PERSON,	/* Atom author element: its text if it has no child */
	F_PERSON_NAME,	/* its first name child */
	F_PERSON_EMAIL, /* its email child: the name when it has none */
	F_META_TITLE,
	F_META_LINK,
	F_META_SUBTITLE,
	F_META_UPDATED,
};

/* What an open element is to us. */
enum feed_role {
	R_NONE,
	R_ROOT,
	R_ITEM,	     /* an item or entry: a context of its own */
	R_MEDIA,     /* media:group or media:content holding titles */
	R_FIELD,     /* its text is captured */
	R_LINK,	     /* an Atom link of an item, weighed when it ends */
	R_META_LINK, /* an Atom link of the feed */
};

/* One open element; strings are the parser dictionary's. */
struct feed_frame {
	const xmlChar *name;  /* local name, "prefix:local" if undeclared */
	const xmlChar *local; /* the name without any prefix */
	const xmlChar *href;  /* namespace URI or NULL */
	const xmlChar *prefix;
	char *base; /* xml:base, owned, NULL if none */
	char *url;  /* R_LINK: the resolved href, owned */
	int rank;   /* R_LINK: its rank */
	unsigned char ns;
	unsigned char role;
	unsigned char mdepth; /* R_MEDIA nesting */
	unsigned char meta;   /* a feed-level element: only its end counts */
	int ns_start;	      /* its namespace declarations in p->ns */
};

/* A namespace declaration (the dictionary's strings). */
struct feed_nsdecl {
	const xmlChar *prefix;
	const xmlChar *uri;
};

/* The text of one element being gathered. */
struct feed_capture {
	int depth; /* of the element; 0: none */
	enum feed_field field;
	enum text_kind kind;
	unsigned char raw_only; /* RSS link: raw text, no conversion */
	unsigned char b64;	/* mode="base64" */
	unsigned char has_child;
	unsigned char markup;	/* gathering the children's markup */
	unsigned char open_tag; /* markup: "<name" not yet closed */
	struct buf text;
	xmlNodePtr tree; /* base64 HTML: the element as a tree, as it was */
};

/* The item being read (or the feed itself, for context 0). */
struct feed_ctx {
	struct item it;
	char *alt_url; /* best Atom link so far */
	int alt_rank;
	char *guid;
	int guid_link;
	char *about;	   /* RSS 1.0 rdf:about, trimmed; or NULL */
	char *author_last; /* F_AUTHOR_LAST */
	char *media_title;
	char *media_desc;
	char *orig_link; /* F_ORIG_LINK */
	int created_seen;
	char *created;
	int depth;	    /* of the item element */
	int person_depth;   /* of an open Atom author element, or 0 */
	int person_child;   /* it has an element child */
	int person_named;   /* its first name was read */
	char *person_email; /* F_PERSON_EMAIL, or NULL */
	int warnings;	    /* dates that did not parse */
	struct feed_capture cap;
};

/* A parser at work; the SAX callbacks reach it through ctxt->_private. */
struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct repair repair;
	struct feed f; /* format, meta and warnings; items stay empty */
	feed_item_fn fn;
	void *fn_ctx;
	char *url;
	char *charset;
	struct err *e; /* of the call in progress */
	int root_seen;
	int failed;	 /* not a feed, or fn said stop: parsing ended */
	int errors;	 /* well-formedness errors recovered from */
	char first[256]; /* the first of them, for "not XML" */
	/* open elements: frames[0] is the root */
	struct feed_frame *frames;
	int depth;
	int nframes;
	/* ctxs[0] is the feed; ctxs[1..nctx-1] open items */
	struct feed_ctx *ctxs;
	int nctx;
	int ctx_cap;
	xmlChar *root_base; /* base under the root, cached */
	int root_base_done;
	/* declarations of the open elements, frames[i].ns_start on */
	struct feed_nsdecl *ns;
	int nns;
	int ns_cap;
	int enc_done;	    /* repair.encoding has been applied */
	int rss_seen;	    /* an RSS channel or item element, for RDF */
	int meta_link_rank; /* of the Atom link that gave f.meta.link */
	int popped;	    /* elements libxml2 took off its node stack early */
	const xmlChar *ns_uri; /* the last known URI seen (dictionary's) */
	int ns_class;	       /* and its class */
};

/* The class of a namespace URI we know, or -1. */
int feed_ns_of_uri(const xmlChar *uri);

/* Class of an element's namespace (URI may be NULL). */
enum feed_ns feed_ns_class(const xmlChar *name, const xmlChar *prefix,
			   const xmlChar *uri);

/* The value of attribute name as xmlGetProp() gives it (any namespace,
 * entities as the tree would hold them, DTD defaults); NULL if absent.
 * Caller frees with free(). */
char *feed_attr(struct feed_parser *p, const struct feed_frame *fr,
		const xmlChar **attrs, int nb, const char *name);

/* Resolve href against the xml:base chain of frames[level] and the
 * document URL, as xmlNodeGetBase() and xmlBuildURI() would. Caller
 * frees; NULL if href is empty. Only the result's control characters
 * and spaces are trimmed. */
char *feed_resolve(struct feed_parser *p, int level, const char *href);

/* The xml:base attribute among attrs, decoded; caller frees. */
char *feed_attr_base(struct feed_parser *p, const xmlChar **attrs, int nb);

/*
 * An element starts at p->depth (its frame is pushed, the capture of
 * the current context is not active): decide what it is, start a
 * capture or act on its attributes.
 */
void feed_item_start(struct feed_parser *p, struct feed_frame *fr,
		     const xmlChar **attrs, int nb);

/* The captured element of context c ends: turn the text into its field. */
void feed_item_field_end(struct feed_parser *p, struct feed_ctx *c);

/* Drop the capture of context c without a result. */
void feed_item_field_drop(struct feed_parser *p, struct feed_ctx *c);

/* An Atom author element of context c ends. */
void feed_item_person_end(struct feed_parser *p, struct feed_ctx *c);

/* An Atom link element (frame fr, role R_LINK) of context c ends. */
void feed_item_link_end(struct feed_parser *p, struct feed_ctx *c,
			struct feed_frame *fr);

/* The xml:base default the internal subset gives the element, if any;
 * caller frees. */
char *feed_dtd_base(struct feed_parser *p, const struct feed_frame *fr);

/* Item context c is complete: fill in ids and links. */
void feed_item_finish(struct feed_parser *p, struct feed_ctx *c);

/* Free what context c holds and zero its item state (the capture buffer
 * stays for reuse). */
void feed_ctx_reset(struct feed_ctx *c);

#endif
