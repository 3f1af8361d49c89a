/* meta.c - what an article page says about itself */
#include "meta.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "page_impl.h"
#include "text.h"

/* Bounds on JSON-LD, which is as hostile as the rest of a page. */
#define LD_MAX_SCRIPTS 16
#define LD_MAX_SIZE (1024u * 1024)
#define LD_MAX_DEPTH 32
#define LD_MAX_STRING (64u * 1024)

/* What one JSON-LD object says, strings owned. */
struct ld_obj {
	char *published, *modified, *headline, *description;
	int article; /* an @type that is an article, post or release */
};

/* The objects chosen so far: the first article, else the first dated. */
struct ld_pick {
	struct ld_obj article, first;
};

struct jscan {
	const char *p, *end;
	int depth;
};

static void obj_release(struct ld_obj *o)
{
	free(o->published);
	free(o->modified);
	free(o->headline);
	free(o->description);
	memset(o, 0, sizeof(*o));
}

static void ws(struct jscan *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
				 *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* A string at j->p (the opening quote); *out gets it decoded when out
 * is not NULL (caller frees). Returns 0, or -1 when malformed. */
static int jstring(struct jscan *j, char **out)
{
	struct buf b;
	unsigned cp, lo;

	buf_init(&b, LD_MAX_STRING);
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		char c = *j->p++;

		if (c != '\\') {
			if (out)
				buf_addc(&b, c); /* past the cap: cut */
			continue;
		}
		if (j->p >= j->end)
			break;
		c = *j->p++;
		switch (c) {
		case 'n':
		case 'r':
		case 't':
		case 'b':
		case 'f':
			c = ' ';
			break;
		case 'u':
			if (j->end - j->p < 4 || hex4(j->p, &cp) < 0)
				goto bad;
			j->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u' &&
			    hex4(j->p + 2, &lo) == 0 && lo >= 0xdc00 &&
			    lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				j->p += 6;
			}
			if (cp >= 0xd800 && cp < 0xe000)
				cp = 0xfffd;
			if (out)
				text_utf8_put(&b, cp ? cp : 0xfffd);
			continue;
		default:
			break; /* '"', '\\', '/' and anything else: itself */
		}
		if (out)
			buf_addc(&b, c);
	}
	if (j->p >= j->end)
		goto bad;
	j->p++;
	if (out) {
		*out = buf_detach(&b);
		return *out ? 0 : -1;
	}
	buf_release(&b);
	return 0;
bad:
	buf_release(&b);
	return -1;
}

static int article_type(const char *t)
{
	return strstr(t, "Article") || strstr(t, "Posting") ||
	       strstr(t, "Release") || strstr(t, "Report");
}

static int jvalue(struct jscan *j, struct ld_pick *pick, char **str,
		  int *article);

/* An object: its own keys, then what is nested in it. */
static int jobject(struct jscan *j, struct ld_pick *pick)
{
	struct ld_obj o;
	int rc = -1;

	memset(&o, 0, sizeof(o));
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	while (j->p < j->end) {
		char *key = NULL, *val = NULL, **slot = NULL;
		int art = 0;

		ws(j);
		if (j->p >= j->end || *j->p != '"' || jstring(j, &key) < 0)
			goto out;
		ws(j);
		if (j->p >= j->end || *j->p != ':') {
			free(key);
			goto out;
		}
		j->p++;
		ws(j);
		if (!strcmp(key, "datePublished"))
			slot = &o.published;
		else if (!strcmp(key, "dateModified"))
			slot = &o.modified;
		else if (!strcmp(key, "headline"))
			slot = &o.headline;
		else if (!strcmp(key, "description"))
			slot = &o.description;
		if (jvalue(j, pick, slot || !strcmp(key, "@type") ? &val : NULL,
			   !strcmp(key, "@type") ? &art : NULL) < 0) {
			free(key);
			free(val);
			goto out;
		}
		if (!strcmp(key, "@type"))
			o.article |= art || (val && article_type(val));
		if (slot && val && !*slot) {
			*slot = val;
			val = NULL;
		}
		free(key);
		free(val);
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			rc = 0;
			break;
		}
		goto out;
	}
	if (rc == 0 && (o.published || o.headline)) {
		if (o.article && !pick->article.published &&
		    !pick->article.headline) {
			pick->article = o;
			memset(&o, 0, sizeof(o));
		} else if (!pick->first.published && !pick->first.headline) {
			pick->first = o;
			memset(&o, 0, sizeof(o));
		}
	}
out:
	obj_release(&o);
	return rc;
}

/* An array; strings in it may be @types (article set when one is). */
static int jarray(struct jscan *j, struct ld_pick *pick, int *article)
{
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	while (j->p < j->end) {
		char *s = NULL;

		if (jvalue(j, pick, article ? &s : NULL, NULL) < 0)
			return -1;
		if (s && article_type(s))
			*article = 1;
		free(s);
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return 0;
		}
		return -1;
	}
	return -1;
}

/* Any value; a string goes to *str when str is set. */
static int jvalue(struct jscan *j, struct ld_pick *pick, char **str,
		  int *article)
{
	int rc;

	ws(j);
	if (j->p >= j->end)
		return -1;
	if (*j->p == '"')
		return jstring(j, str);
	if (*j->p == '{' || *j->p == '[') {
		if (++j->depth > LD_MAX_DEPTH)
			return -1;
		rc = *j->p == '{' ? jobject(j, pick) : jarray(j, pick, article);
		j->depth--;
		return rc;
	}
	/* numbers, true, false, null */
	while (j->p < j->end && !strchr(",}] \t\r\n", *j->p))
		j->p++;
	return 0;
}

/* Parse one JSON-LD script into pick; damage ends it quietly (what was
 * complete before stays). */
static void ld_scan(const char *s, size_t n, struct ld_pick *pick)
{
	struct jscan j = {s, s + n, 0};

	if (n > LD_MAX_SIZE)
		return;
	(void)jvalue(&j, pick, NULL, NULL);
}

/* Take s as the stamp if it is a date and st is not set yet. */
static void try_date(struct stamp *st, const char *s)
{
	long long t;
	int off;

	if (st->set || !s || date_parse(s, &t, &off) < 0)
		return;
	st->raw = strdup(s);
	if (!st->raw)
		return;
	st->set = true;
	st->utc = t;
	st->offset = off;
}

static void try_text(char **dst, const char *s)
{
	if (!*dst && s && *s)
		*dst = text_from_html(s, strlen(s));
	if (*dst && !**dst) {
		free(*dst);
		*dst = NULL;
	}
}

/* The first value of expr on the document, or NULL. */
static char *doc_text(xmlXPathContext *ctx, xmlDoc *doc, const char *expr)
{
	return page_eval_text(ctx, xmlDocGetRootElement(doc), expr);
}

static void from_json_ld(xmlXPathContext *ctx, xmlDoc *doc, struct meta *m)
{
	struct ld_pick pick;
	xmlXPathObject *o;
	const struct ld_obj *best;
	int i;

	memset(&pick, 0, sizeof(pick));
	ctx->node = xmlDocGetRootElement(doc);
	o = xmlXPathEvalExpression(
		(const xmlChar *)"//script[translate(@type, 'LDJSON',"
				 " 'ldjson')='application/ld+json']",
		ctx);
	for (i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr &&
		    i < LD_MAX_SCRIPTS;
	     i++) {
		xmlChar *c = xmlNodeGetContent(o->nodesetval->nodeTab[i]);

		if (c)
			ld_scan((const char *)c, strlen((const char *)c),
				&pick);
		xmlFree(c);
	}
	xmlXPathFreeObject(o);
	best = pick.article.published || pick.article.headline ? &pick.article
							       : &pick.first;
	try_date(&m->published, best->published);
	try_date(&m->updated, best->modified);
	try_text(&m->title, best->headline);
	try_text(&m->summary, best->description);
	obj_release(&pick.article);
	obj_release(&pick.first);
}

/* <meta> whose name or property (any case) is one of names. */
#define META(n)                                                                \
	"//meta[translate(@name|@property|@itemprop, "                         \
	"'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')='" n      \
	"']/@content"

static const char *const date_exprs[] = {
	META("article:published_time"),
	META("og:published_time"),
	META("date"),
	META("pubdate"),
	META("publishdate"),
	META("publish-date"),
	META("dc.date"),
	META("dc.date.issued"),
	META("dcterms.date"),
	META("dcterms.created"),
	META("datepublished"),
	META("sailthru.date"),
	META("parsely-pub-date"),
	"(//time[@datetime])[1]/@datetime",
	NULL,
};
static const char *const updated_exprs[] = {
	META("article:modified_time"),
	META("og:updated_time"),
	META("datemodified"),
	NULL,
};
static const char *const title_exprs[] = {
	META("og:title"), META("twitter:title"), "(//h1)[1]", "//title", NULL,
};
static const char *const summary_exprs[] = {
	META("og:description"),
	META("description"),
	META("twitter:description"),
	NULL,
};

/* The first text that one of exprs finds goes to *dst (if unset). */
static void first_text(xmlXPathContext *ctx, xmlDoc *doc,
		       const char *const *exprs, char **dst)
{
	for (; *exprs && !*dst; exprs++) {
		char *v = doc_text(ctx, doc, *exprs);

		try_text(dst, v);
		free(v);
	}
}

/* The first date that one of exprs finds goes to *st (if unset). */
static void first_date(xmlXPathContext *ctx, xmlDoc *doc,
		       const char *const *exprs, struct stamp *st)
{
	for (; *exprs && !st->set; exprs++) {
		char *v = doc_text(ctx, doc, *exprs);

		try_date(st, v);
		free(v);
	}
}

int meta_read(const char *data, size_t len, const char *url,
	      const char *charset, struct meta *m, struct err *e)
{
	xmlDoc *doc;
	xmlXPathContext *ctx;
	long long t;
	int off;

	memset(m, 0, sizeof(*m));
	doc = page_html_read(data, len, url, charset);
	if (!doc || !xmlDocGetRootElement(doc)) {
		xmlFreeDoc(doc);
		return err_set(e, "'%s': not an HTML page", url ? url : "-");
	}
	ctx = page_xpath_new(doc);
	if (!ctx) {
		xmlFreeDoc(doc);
		return err_set(e, "out of memory");
	}
	from_json_ld(ctx, doc, m);
	first_date(ctx, doc, date_exprs, &m->published);
	first_date(ctx, doc, updated_exprs, &m->updated);
	if (!m->published.set && url && date_from_url(url, &t, &off) == 0) {
		m->published.raw = strdup(url);
		m->published.set = m->published.raw != NULL;
		m->published.utc = t;
		m->published.offset = off;
	}
	first_text(ctx, doc, title_exprs, &m->title);
	first_text(ctx, doc, summary_exprs, &m->summary);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return 0;
}

void meta_release(struct meta *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->summary);
	stamp_release(&m->published);
	stamp_release(&m->updated);
	memset(m, 0, sizeof(*m));
}
