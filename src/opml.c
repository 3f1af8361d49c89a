/* opml.c - OPML subscription lists: read into sources, written from them */
#include "opml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "config.h"
#include "err.h"
#include "text.h"

#define SLUG_MAX 40 /* bytes of a name made from a title */
#define OWN_MAX 100 /* bytes of a name kept from our own export */
/* libinih as packaged reads lines of at most 198 bytes ("url = " is 6) */
#define URL_MAX 192
#define COMPANY_MAX 100
#define TITLE_MAX 120 /* bytes of a title kept for the comment */
#define LABEL_MAX 80  /* bytes of a title or url quoted in a warning */

/* An open-addressing set of borrowed strings. val is the next suffix to
 * try for a name (so that many equal titles stay linear) or the index of
 * the feed of a url. */
struct slot {
	const char *key;
	size_t val;
};

struct set {
	struct slot *v;
	size_t cap; /* 0 or a power of two */
	size_t n;
};

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot holding key, or the empty one where it would go. */
static struct slot *set_slot(const struct set *s, const char *key)
{
	size_t i, mask = s->cap - 1;

	for (i = hash(key) & mask; s->v[i].key; i = (i + 1) & mask)
		if (strcmp(s->v[i].key, key) == 0)
			break;
	return &s->v[i];
}

static struct slot *set_get(const struct set *s, const char *key)
{
	struct slot *sl;

	if (!s->cap)
		return NULL;
	sl = set_slot(s, key);
	return sl->key ? sl : NULL;
}

/* Add key (not in s; borrowed until s is freed) with val. Returns 0/-1. */
static int set_add(struct set *s, const char *key, size_t val)
{
	struct slot *sl;

	if ((s->n + 1) * 2 > s->cap) {
		struct set big = {NULL, s->cap ? s->cap * 2 : 64, 0};
		size_t i;

		big.v = calloc(big.cap, sizeof(*big.v));
		if (!big.v)
			return -1;
		for (i = 0; i < s->cap; i++)
			if (s->v[i].key)
				*set_slot(&big, s->v[i].key) = s->v[i];
		big.n = s->n;
		free(s->v);
		*s = big;
	}
	sl = set_slot(s, key);
	sl->key = key;
	sl->val = val;
	s->n++;
	return 0;
}

/* State of one opml_read(). */
struct reader {
	struct opml *o;
	const char *company; /* given by the caller, or NULL */
	opml_warn_fn warn;
	void *warn_ctx;
	struct set names;
	struct set urls;
};

/* The folders around an outline, innermost first. */
struct folder {
	const char *name;
	const struct folder *up;
};

__attribute__((format(printf, 2, 3))) static void warn(struct reader *r,
						       const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!r->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->warn(r->warn_ctx, msg);
}

/* Cut s to at most max bytes on a character boundary. */
static void clip(char *s, size_t max)
{
	if (strlen(s) <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	while (max > 0 && s[max - 1] == ' ')
		max--;
	s[max] = '\0';
}

/* s as one clean line of at most max bytes; "" for NULL. Caller frees;
 * NULL when out of memory. */
static char *clean(const char *s, size_t max)
{
	char *c = text_clean(s ? s : "", s ? strlen(s) : 0);

	if (c)
		clip(c, max);
	return c;
}

static int is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static const xmlNode *child_elem(const xmlNode *n, const char *name)
{
	for (n = n->children; n; n = n->next)
		if (is_elem(n, name))
			return n;
	return NULL;
}

/* The text children of n, concatenated: references to entities of a DTD
 * stay unexpanded, so that neither a billion laughs nor an external file
 * gets in. Returns 0 with *out (caller frees; NULL if n is NULL) or -1. */
static int text_of(const xmlNode *n, char **out)
{
	struct buf b;

	*out = NULL;
	if (!n)
		return 0;
	buf_init(&b, 0);
	for (n = n->children; n; n = n->next)
		if (n->type == XML_TEXT_NODE && n->content &&
		    buf_adds(&b, (const char *)n->content) < 0) {
			buf_release(&b);
			return -1;
		}
	*out = buf_detach(&b);
	return *out ? 0 : -1;
}

/* The attribute name of n, in any case and without a namespace: 0 with
 * *out (caller frees; NULL if absent) or -1. */
static int attr(const xmlNode *n, const char *name, char **out)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (!a->ns &&
		    xmlStrcasecmp(a->name, (const xmlChar *)name) == 0)
			return text_of((const xmlNode *)a, out);
	*out = NULL;
	return 0;
}

/* The length of the http:// or https:// that s starts with, or 0. */
static size_t scheme_len(const char *s)
{
	if (strncasecmp(s, "https://", 8) == 0)
		return 8;
	if (strncasecmp(s, "http://", 7) == 0)
		return 7;
	return 0;
}

/*
 * Why raw cannot be the url of a source (a phrase for a warning), or NULL
 * with *out set to it without surrounding white space and with a
 * lower-case scheme (caller frees; NULL when out of memory).
 */
static const char *check_url(const char *raw, char **out)
{
	const char *s = raw, *end;
	size_t n, i, skip;

	*out = NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n' || end[-1] == '\r'))
		end--;
	n = (size_t)(end - s);
	skip = scheme_len(s);
	if (!skip || skip > n)
		return "is not http or https";
	if (n == skip)
		return "has no host";
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F)
			return "holds white space or control characters";
	if (!text_utf8_valid(s, n) || text_has_controls(s, n))
		return "holds control characters";
	if (n > URL_MAX)
		return "is longer than a line of a sources file allows (192 bytes)";
	*out = malloc(n + 1);
	if (!*out)
		return NULL;
	for (i = 0; i < n; i++)
		(*out)[i] = i + 3 < skip ? (char)(s[i] | 0x20) : s[i];
	(*out)[n] = '\0';
	return NULL;
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The ASCII letter of U+00C0..U+00FF ("Café" names "cafe"), '-' for the
 * signs among them. */
static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
			     "aaaaaaaceeeeiiiidnooooo-ouuuuyty";

/* s (clean UTF-8) as a name: lower-case letters and digits, any other run
 * one '-', none at either end, at most max bytes (out holds max + 1). */
static void slug(const char *s, char *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, len, left = strlen(s);
	int dash = 0;
	unsigned cp;

	while (left) {
		unsigned char c = *p;

		len = 1;
		if (c >= 0x80) {
			len = text_utf8_decode(p, left, &cp);
			if (!len)
				len = 1;
			c = len > 1 && cp >= 0xC0 && cp <= 0xFF
				    ? (unsigned char)latin1[cp - 0xC0]
				    : '-';
		}
		p += len;
		left -= len;
		if (!is_alnum(c)) {
			dash = 1;
			continue;
		}
		if (dash && n) {
			if (n + 2 > max)
				break;
			out[n++] = '-';
		}
		if (n + 1 > max)
			break;
		dash = 0;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
	}
	out[n] = '\0';
}

/* As the sources loader wants a name. */
static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_alnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

/* A unique name for a feed of this (clean) title and url. Returns 0 with
 * *out (caller frees) or -1. */
static int make_name(struct reader *r, const char *title, const char *url,
		     char **out)
{
	char base[OWN_MAX + 1], cand[OWN_MAX + 1];
	size_t max = SLUG_MAX;
	struct slot *sl;

	if (r->o->own && valid_name(title) && strlen(title) <= OWN_MAX) {
		snprintf(base, sizeof(base), "%s", title);
		max = OWN_MAX;
	} else {
		slug(title, base, SLUG_MAX);
		if (!*base)
			slug(url + scheme_len(url), base, SLUG_MAX);
		if (!*base)
			snprintf(base, sizeof(base), "feed");
	}
	sl = set_get(&r->names, base);
	if (!sl) {
		*out = strdup(base);
		return *out ? 0 : -1;
	}
	for (;;) {
		char suffix[24];
		size_t keep = strlen(base);
		int len = snprintf(suffix, sizeof(suffix), "-%zu", sl->val++);

		if (keep > max - (size_t)len)
			keep = max - (size_t)len;
		while (keep && base[keep - 1] == '-')
			keep--;
		snprintf(cand, sizeof(cand), "%.*s%s", (int)keep, base, suffix);
		if (!set_get(&r->names, cand))
			break;
	}
	*out = strdup(cand);
	return *out ? 0 : -1;
}

int opml_company_valid(const char *s)
{
	size_t n = strlen(s);
	char *c;
	int ok;

	if (!n || n > COMPANY_MAX || strchr(s, ';'))
		return 0;
	/* clean text is one line, trimmed, without controls or bidi tricks */
	c = text_clean(s, n);
	ok = c && strcmp(c, s) == 0;
	free(c);
	return ok;
}

/* The company a folder or category name mentions as a word, or NULL. */
static const char *company_word(const char *s)
{
	static const struct {
		const char *word, *company;
	} words[] = {
		{"amazon", "Amazon"},
		{"aws", "Amazon"},
		{"microsoft", "Microsoft"},
		{"azure", "Microsoft"},
		{"ibm", "IBM"},
	};
	size_t i, n;

	while (s && *s) {
		while (*s && !is_alnum((unsigned char)*s))
			s++;
		for (n = 0; is_alnum((unsigned char)s[n]); n++)
			;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (n == strlen(words[i].word) &&
			    strncasecmp(s, words[i].word, n) == 0)
				return words[i].company;
		s += n;
	}
	return NULL;
}

static const char *company_for(const struct reader *r, const char *category,
			       const struct folder *up)
{
	const char *c;

	if (r->company)
		return r->company;
	if (r->o->own && category && opml_company_valid(category))
		return category;
	if ((c = company_word(category)))
		return c;
	for (; up; up = up->up)
		if ((c = company_word(up->name)))
			return c;
	return "auto";
}

static void feed_release(struct opml_feed *f)
{
	free(f->name);
	free(f->title);
	free(f->html_url);
	free(f->company);
	free(f->url);
	memset(f, 0, sizeof(*f));
}

void opml_release(struct opml *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->n; i++)
		feed_release(&o->v[i]);
	free(o->v);
	memset(o, 0, sizeof(*o));
}

/* Take f into o (its strings move; f is left empty). Returns 0/-1. */
static int push_feed(struct reader *r, struct opml_feed *f)
{
	struct opml *o = r->o;

	if (o->n == o->cap) {
		size_t ncap = o->cap ? o->cap * 2 : 32;
		struct opml_feed *v = realloc(o->v, ncap * sizeof(*v));

		if (!v)
			return -1;
		o->v = v;
		o->cap = ncap;
	}
	/* the sets borrow the strings, which do not move with v */
	if (set_add(&r->names, f->name, 2) < 0 ||
	    (!o->own && set_add(&r->urls, f->url, o->n) < 0))
		return -1;
	o->v[o->n++] = *f;
	memset(f, 0, sizeof(*f));
	return 0;
}

/* The title of outline n, else its text: 0 with *out (caller frees; NULL
 * if neither) or -1. */
static int title_attr(const xmlNode *n, char **out)
{
	if (attr(n, "title", out) < 0)
		return -1;
	if (*out && **out)
		return 0;
	free(*out);
	return attr(n, "text", out);
}

/* How a warning names outline n: its title or text, else url. Caller
 * frees; NULL when out of memory. */
static char *label_of(const xmlNode *n, const char *url)
{
	char *raw, *l;

	if (title_attr(n, &raw) < 0)
		return NULL;
	l = clean(raw && *raw ? raw : url ? url : "", LABEL_MAX);
	free(raw);
	return l;
}

/* One outline with a feed's url (raw). Returns 0 (added or skipped) or -1
 * (out of memory). */
static int add_feed(struct reader *r, const xmlNode *n, const char *raw,
		    const struct folder *up)
{
	struct opml_feed f;
	char *title = NULL, *category = NULL, *html = NULL, *label = NULL;
	char *shown = NULL;
	const struct slot *dup;
	const char *why;
	int rc = -1;

	memset(&f, 0, sizeof(f));
	why = check_url(raw, &f.url);
	if (why) {
		if (!(label = label_of(n, raw)) ||
		    !(shown = clean(raw, LABEL_MAX)))
			goto out;
		warn(r, "outline '%s' skipped: url '%s' %s", label, shown, why);
		rc = 0;
		goto out;
	}
	if (!f.url)
		goto out;
	/* a feed in two folders; our own exports may repeat a url */
	dup = r->o->own ? NULL : set_get(&r->urls, f.url);
	if (dup) {
		if (!(label = label_of(n, f.url)) ||
		    !(shown = clean(f.url, LABEL_MAX)))
			goto out;
		warn(r, "outline '%s' skipped: url '%s' already read as [%s]",
		     label, shown, r->o->v[dup->val].name);
		rc = 0;
		goto out;
	}
	if (title_attr(n, &title) < 0)
		goto out;
	if (!(f.title = clean(title, TITLE_MAX)))
		goto out;
	if (attr(n, "category", &category) < 0 || attr(n, "htmlUrl", &html) < 0)
		goto out;
	/* an unusable site address is left out, quietly: it only goes in
	 * the comment (no reason and no copy is out of memory) */
	if (html && !check_url(html, &f.html_url) && !f.html_url)
		goto out;
	if (!(f.company = strdup(company_for(r, category, up))))
		goto out;
	if (make_name(r, f.title, f.url, &f.name) < 0)
		goto out;
	rc = push_feed(r, &f);
out:
	feed_release(&f);
	free(title);
	free(category);
	free(html);
	free(label);
	free(shown);
	return rc;
}

/* The outlines under parent, at any depth. Returns 0 or -1 (out of
 * memory). */
static int walk(struct reader *r, const xmlNode *parent,
		const struct folder *up)
{
	const xmlNode *n;

	for (n = parent->children; n; n = n->next) {
		char *url = NULL, *type = NULL, *name = NULL, *label = NULL;
		struct folder here;
		int link, rc = -1;

		if (!is_elem(n, "outline"))
			continue;
		if (attr(n, "xmlUrl", &url) < 0 || attr(n, "type", &type) < 0)
			goto next;
		/* without an xmlUrl, url is a feed's unless the type says
		 * it is a web page or another OPML file */
		link = !url && type &&
		       (!strcasecmp(type, "link") ||
			!strcasecmp(type, "include"));
		if (!url && attr(n, "url", &url) < 0)
			goto next;
		if (link && url) {
			if (!(label = label_of(n, url)))
				goto next;
			warn(r, "outline '%s' skipped: not a feed (type '%s')",
			     label,
			     !strcasecmp(type, "link") ? "link" : "include");
		} else if (url && add_feed(r, n, url, up) < 0) {
			goto next;
		}
		rc = 0;
		if (n->children) {
			if (title_attr(n, &name) < 0) {
				rc = -1;
				goto next;
			}
			here.name = name;
			here.up = up;
			rc = walk(r, n, &here);
		}
	next:
		free(url);
		free(type);
		free(name);
		free(label);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* A libxml2 parse failure into e. */
static int parse_error(xmlParserCtxtPtr x, const char *path, struct err *e)
{
	const xmlError *er = x ? xmlCtxtGetLastError(x) : NULL;
	char *msg;

	if (!er || !er->message)
		return err_set(e, "'%s': not well-formed XML", path);
	msg = clean(er->message, 200);
	err_set(e, "'%s': not well-formed XML (line %d: %s)", path, er->line,
		msg ? msg : "out of memory");
	free(msg);
	return -1;
}

int opml_read(const char *path, const char *company, struct opml *o,
	      opml_warn_fn warn_fn, void *ctx, struct err *e)
{
	struct reader r;
	struct buf b;
	xmlParserCtxtPtr x = NULL;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *body;
	char *title = NULL;
	int rc = -1;

	memset(o, 0, sizeof(*o));
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.company = company;
	r.warn = warn_fn;
	r.warn_ctx = ctx;
	buf_init(&b, OPML_MAX_SIZE);
	if (buf_read_file(&b, path, e) < 0)
		goto out;
	x = xmlNewParserCtxt();
	if (!x) {
		err_set(e, "out of memory");
		goto out;
	}
	/* no NOENT, no DTDLOAD: nothing outside the file is read */
	doc = xmlCtxtReadMemory(x, b.data, (int)b.len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (!doc) {
		parse_error(x, path, e);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !is_elem(root, "opml")) {
		char *name = clean(root ? (const char *)root->name : "", 40);

		err_set(e, "'%s': not OPML (the root element is <%s>)", path,
			name ? name : "?");
		free(name);
		goto out;
	}
	body = child_elem(root, "head");
	if (text_of(body ? child_elem(body, "title") : NULL, &title) < 0) {
		err_set(e, "out of memory");
		goto out;
	}
	o->own = title && strcmp(title, OPML_OWN_TITLE) == 0;
	body = child_elem(root, "body");
	if (walk(&r, body ? body : root, NULL) < 0) {
		err_set(e, "out of memory");
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		opml_release(o);
	free(r.names.v);
	free(r.urls.v);
	free(title);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(x);
	buf_release(&b);
	return rc;
}

int opml_sources(const struct opml *o, const char *origin, struct buf *out)
{
	char *from = NULL;
	size_t i;
	int rc = 0;

	if (origin && !(from = clean(origin, 200)))
		return -1;
	rc |= buf_adds(out, "# Sources");
	if (from && *from)
		rc |= buf_addf(out, " from '%s'", from);
	rc |= buf_adds(
		out, ", written by annals opml import.\n"
		     "# See annals-sources(5) for every, tags and enabled.\n");
	for (i = 0; i < o->n; i++) {
		const struct opml_feed *f = &o->v[i];

		/* every string is one clean line: a title in a comment
		 * cannot end it, and the names are made of [a-z0-9._-] */
		rc |= buf_addc(out, '\n');
		if (f->title[0] && f->html_url)
			rc |= buf_addf(out, "# %s <%s>\n", f->title,
				       f->html_url);
		else if (f->title[0] || f->html_url)
			rc |= buf_addf(out, "# %s\n",
				       f->title[0] ? f->title : f->html_url);
		rc |= buf_addf(out,
			       "[%s]\ncompany = %s\nkind = feed\nurl = %s\n",
			       f->name, f->company, f->url);
	}
	free(from);
	return rc ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	const struct config_source *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* RFC 822, as OPML wants dates, in English whatever the locale. */
static int rfc822(long long t, char out[40])
{
	static const char days[][4] = {"Sun", "Mon", "Tue", "Wed",
				       "Thu", "Fri", "Sat"};
	static const char months[][4] = {"Jan", "Feb", "Mar", "Apr",
					 "May", "Jun", "Jul", "Aug",
					 "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;

	if ((long long)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year < -1899 ||
	    tm.tm_year > 8099)
		return -1;
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}

/* s fit for XML: as it is if valid UTF-8 without control characters,
 * else cleaned. Caller frees; NULL when out of memory. */
static char *xml_text(const char *s)
{
	size_t n = strlen(s);

	if (text_utf8_valid(s, n) && !text_has_controls(s, n) &&
	    !strpbrk(s, "\t\n\r"))
		return strdup(s);
	return text_clean(s, n);
}

static int write_outline(xmlTextWriterPtr w, const struct config_source *s)
{
	char *name = xml_text(s->name), *url = xml_text(s->url);
	char *company = xml_text(s->company ? s->company : "auto");
	int bad = !name || !url || !company;

	if (!bad) {
		bad |= xmlTextWriterStartElement(w, BAD_CAST "outline") < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "text",
						   BAD_CAST name) < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "title",
						   BAD_CAST name) < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "type",
						   BAD_CAST "rss") < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlUrl",
						   BAD_CAST url) < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "category",
						   BAD_CAST company) < 0;
		bad |= xmlTextWriterEndElement(w) < 0;
	}
	free(name);
	free(url);
	free(company);
	return bad ? -1 : 0;
}

int opml_export(const struct config *c, long long created, struct buf *out,
		struct err *e)
{
	const struct config_source **v = NULL;
	xmlBufferPtr xb = NULL;
	xmlTextWriterPtr w = NULL;
	char date[40];
	size_t i, n = 0;
	int rc = -1, bad = 0;

	if (created >= 0 && rfc822(created, date) < 0)
		return err_set(e, "date %lld is out of range", created);
	v = malloc((c->n ? c->n : 1) * sizeof(*v));
	if (!v) {
		err_set(e, "out of memory");
		goto out;
	}
	for (i = 0; i < c->n; i++)
		if (!c->v[i].kind || strcmp(c->v[i].kind, "feed") == 0)
			v[n++] = &c->v[i];
	qsort(v, n, sizeof(*v), by_name);
	xb = xmlBufferCreate();
	w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
	if (!w) {
		err_set(e, "out of memory");
		goto out;
	}
	bad |= xmlTextWriterSetIndent(w, 1) < 0;
	bad |= xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0;
	bad |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "opml") < 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "version",
					   BAD_CAST "2.0") < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "head") < 0;
	bad |= xmlTextWriterWriteElement(w, BAD_CAST "title",
					 BAD_CAST OPML_OWN_TITLE) < 0;
	if (created >= 0)
		bad |= xmlTextWriterWriteElement(w, BAD_CAST "dateCreated",
						 BAD_CAST date) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "body") < 0;
	for (i = 0; i < n && !bad; i++)
		bad |= write_outline(w, v[i]) < 0;
	bad |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w); /* flushes into xb */
	w = NULL;
	if (bad) {
		err_set(e, "cannot write OPML: out of memory");
		goto out;
	}
	if (buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb)) <
	    0) {
		err_set(e, "out of memory");
		goto out;
	}
	rc = 0;
out:
	xmlFreeTextWriter(w);
	if (xb)
		xmlBufferFree(xb);
	free(v);
	return rc;
}
