/* feed_repair.c - real-world feed bytes made parseable, as a stream */
#include "feed_repair.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif
#include <string.h>
#include <strings.h>

#include <libxml/encoding.h>

#include "text.h"

/* Held-back bytes are let through anyway past this size (a document
 * without any '>' for a megabyte). */
#define REPAIR_MAX_CARRY (1024 * 1024)

void repair_init(struct repair *r, const char *charset)
{
	memset(r, 0, sizeof(*r));
	r->charset = charset;
	buf_init(&r->carry, 0);
	buf_init(&r->out, 0);
}

void repair_release(struct repair *r)
{
	if (!r)
		return;
	buf_release(&r->carry);
	buf_release(&r->out);
}

/* The encoding named in the XML declaration, copied into out. */
static int declared_encoding(const char *d, size_t len, char *out, size_t n)
{
	const char *end, *p;
	size_t i = 0;
	char q;

	if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
		d += 3;
		len -= 3;
	}
	if (len < 6 || memcmp(d, "<?xml", 5) != 0)
		return -1;
	end = memchr(d, '>', len < 512 ? len : 512);
	if (!end)
		return -1;
	for (p = d; p + 8 < end; p++)
		if (memcmp(p, "encoding", 8) == 0)
			break;
	if (p + 8 >= end)
		return -1;
	p += 8;
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return -1;
	q = *p++;
	while (p < end && *p != q && i + 1 < n)
		out[i++] = *p++;
	out[i] = '\0';
	return 0;
}

static int is_utf8_name(const char *s)
{
	return strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0;
}

const char *repair_charset(const char *name)
{
	static const char *const as_utf8[] = {
		"utf-8",	  "utf8",      "ascii",
		"us-ascii",	  "us_ascii",  "usascii",
		"ansi_x3.4-1968", "iso646-us", "unicode-1-1-utf-8",
	};
	/* ISO-8859-1 and its aliases too, as browsers read them (the
	 * WHATWG encoding standard): feeds labelled so use 0x80-0x9F for
	 * Windows-1252's quotes and dashes, not for C1 controls */
	static const char *const as_1252[] = {
		"win-1252",
		"win1252",
		"cp-1252",
		"windows1252",
		"x-cp1252",
		"ms-ansi",
		"ansi",
		"iso-8859-1",
		"iso8859-1",
		"iso_8859-1",
		"iso88591",
		"latin1",
		"latin-1",
		"l1",
		"cp819",
		"ibm819",
		"iso-ir-100",
		"csisolatin1",
		"iso_8859-1:1987",
	};
	xmlCharEncodingHandlerPtr h;
	size_t i;

	if (!name || !*name)
		return NULL;
	for (i = 0; i < sizeof(as_utf8) / sizeof(as_utf8[0]); i++)
		if (strcasecmp(name, as_utf8[i]) == 0)
			return "UTF-8";
	for (i = 0; i < sizeof(as_1252) / sizeof(as_1252[0]); i++)
		if (strcasecmp(name, as_1252[i]) == 0)
			return "windows-1252";
	/* 8-bit bytes cannot be UTF-16; "unicode" is a guess at best */
	if (strncasecmp(name, "utf-16", 6) == 0 ||
	    strncasecmp(name, "utf-32", 6) == 0 ||
	    strncasecmp(name, "ucs", 3) == 0 ||
	    strcasecmp(name, "unicode") == 0)
		return NULL;
	h = xmlFindCharEncodingHandler(name);
	if (!h)
		return NULL;
	xmlCharEncCloseFunc(h);
	return name;
}

/* Text a server printed before the XML declaration (a PHP notice, "<br />
 * <b>Warning</b>: ..." before "<?xml"): the length to drop, or 0. Only
 * text that holds no root element of a feed goes. */
static size_t junk_before_decl(const char *s, size_t len)
{
	static const char *const roots[] = {"<rss", "<feed",   "<rdf",
					    "<RDF", "<urlset", "<sitemapindex",
					    "<opml"};
	const char *decl = NULL, *p;
	size_t i, skip = 0;

	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		skip = 3;
	while (skip < len && isspace((unsigned char)s[skip]))
		skip++;
	if (skip >= len || !strncmp(s + skip, "<?xml", 5))
		return 0;
	for (p = s + skip; p + 5 <= s + len; p++)
		if (!memcmp(p, "<?xml", 5)) {
			decl = p;
			break;
		}
	if (!decl)
		return 0;
	for (i = 0; i < sizeof(roots) / sizeof(*roots); i++)
		for (p = s; p + strlen(roots[i]) <= decl; p++)
			if (!memcmp(p, roots[i], strlen(roots[i])))
				return 0;
	return (size_t)(decl - s);
}

static void decide(struct repair *r)
{
	const unsigned char *u = (const unsigned char *)r->carry.data;
	size_t len = r->carry.len;
	const char *cs = r->charset, *known;
	char decl[64];

	r->decided = 1;
	if ((len = junk_before_decl(r->carry.data, r->carry.len)) > 0) {
		memmove(r->carry.data, r->carry.data + len, r->carry.len - len);
		r->carry.len -= len;
		r->fixed |= REPAIR_PROLOG;
	}
	u = (const unsigned char *)r->carry.data;
	len = r->carry.len;
	r->wide = (cs && (strncasecmp(cs, "utf-16", 6) == 0 ||
			  strncasecmp(cs, "utf-32", 6) == 0 ||
			  strncasecmp(cs, "ucs", 3) == 0)) ||
		  (len >= 2 &&
		   (u[0] == 0xFE || u[0] == 0xFF || u[0] == 0 || u[1] == 0));
	if (r->wide) {
		r->utf8 = 0;
		return;
	}
	/* an HTTP charset nobody knows: as if there were none */
	cs = repair_charset(cs);
	if (len &&
	    declared_encoding(r->carry.data, len, decl, sizeof(decl)) == 0) {
		/* a declaration the parser would misread or refuse: the
		 * parser is told to ignore it and read as below */
		known = repair_charset(decl);
		if (!known || strcasecmp(known, decl) != 0)
			r->encoding = cs ? cs : known ? known : "UTF-8";
		if (!cs)
			cs = known ? known : "UTF-8";
	}
	r->utf8 = !cs || is_utf8_name(cs);
}

/* Length of a well-formed reference "&...;" at s, or 0. *name gets the
 * entity name's start for named references (NULL for numeric ones). */
static size_t ref_len(const char *s, size_t n, const char **name)
{
	size_t i = 1;

	*name = NULL;
	if (i < n && s[i] == '#') {
		i++;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			i++;
			while (i < n && isxdigit((unsigned char)s[i]))
				i++;
		} else {
			while (i < n && isdigit((unsigned char)s[i]))
				i++;
		}
		return i < n && s[i] == ';' && i > 2 ? i + 1 : 0;
	}
	if (i >= n ||
	    !(isalpha((unsigned char)s[i]) || s[i] == '_' || s[i] == ':'))
		return 0;
	*name = s + 1;
	while (i < n && i < 64 &&
	       (isalnum((unsigned char)s[i]) || strchr("._:-", s[i])))
		i++;
	return i < n && s[i] == ';' ? i + 1 : 0;
}

/* The common references, "&lt;" "&gt;" "&amp;" "&quot;" "&apos;" and
 * numeric ones, need no repair: their length, or 0 to look closer. */
static size_t plain_ref_len(const char *s, size_t n)
{
	if (n >= 4 && s[3] == ';' && s[2] == 't' &&
	    (s[1] == 'l' || s[1] == 'g'))
		return 4;
	if (n >= 5 && s[1] == 'a' && s[2] == 'm' && s[3] == 'p' && s[4] == ';')
		return 5;
	return 0;
}

static int is_xml_entity(const char *name, size_t n)
{
	static const char *const predefined[] = {"amp", "lt", "gt", "quot",
						 "apos"};
	size_t i;

	for (i = 0; i < 5; i++)
		if (strlen(predefined[i]) == n &&
		    memcmp(name, predefined[i], n) == 0)
			return 1;
	return 0;
}

/* The first 3-byte needle in s[0..n), or NULL. */
static const char *find3(const char *s, size_t n, const char *needle)
{
	const char *p = s, *end = s + n;

	while (end - p >= 3) {
		p = memchr(p, needle[0], (size_t)(end - p - 2));
		if (!p)
			return NULL;
		if (p[1] == needle[1] && p[2] == needle[2])
			return p;
		p++;
	}
	return NULL;
}

/* Elements of RSS whose content is text: markup inside is a mistake
 * (raw HTML in a description, "<b>" in a title). Names are matched
 * without regard to case, as feedparser lowercases them. */
#define TEXT_ELEMENT(s)                                                        \
	{                                                                      \
		s, sizeof(s) - 1                                               \
	}
static const struct {
	const char *name;
	size_t len;
} text_elements[] = {
	TEXT_ELEMENT("title"),
	TEXT_ELEMENT("link"),
	TEXT_ELEMENT("guid"),
	TEXT_ELEMENT("pubDate"),
	TEXT_ELEMENT("description"),
	TEXT_ELEMENT("lastBuildDate"),
	TEXT_ELEMENT("category"),
	TEXT_ELEMENT("comments"),
	TEXT_ELEMENT("content:encoded"),
	TEXT_ELEMENT("dc:date"),
	TEXT_ELEMENT("dc:creator"),
};

/* s[0..k) is name (letters, ':') but for ASCII case: 2 if exactly, 1
 * if in another case, else 0. */
static int same_name(const char *s, const char *name, size_t k)
{
	size_t i;
	int exact = 1;

	for (i = 0; i < k; i++) {
		if (s[i] != name[i]) {
			if ((s[i] | 0x20) != (name[i] | 0x20))
				return 0;
			exact = 0;
		}
	}
	return 1 + exact;
}

/* Does a tag name end at c? */
static int name_ends(char c)
{
	return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '/';
}

/* If s (at '<') starts a text-only element, remember to expect its end. */
static void open_text_element(struct repair *r, const char *s, size_t n)
{
	/* the candidates by initial, as indexes into text_elements + 1 */
	static const unsigned char by_initial[26][4] = {
		['c' - 'a'] = {7, 8, 9}, ['d' - 'a'] = {5, 10, 11},
		['g' - 'a'] = {3},	 ['l' - 'a'] = {2, 6},
		['p' - 'a'] = {4},	 ['t' - 'a'] = {1},
	};
	const unsigned char *cand;
	const char *gt;
	size_t i = 0, k = 0;
	int c, same = 0;

	if (n < 2)
		return;
	c = (s[1] | 0x20) - 'a';
	if (c < 0 || c >= 26 || !by_initial[c][0])
		return; /* most tags are none of these */
	for (cand = by_initial[c]; *cand; cand++) {
		i = (size_t)*cand - 1;
		k = text_elements[i].len;
		if (n >= k + 2 && name_ends(s[k + 1]) &&
		    (same = same_name(s + 1, text_elements[i].name, k)) != 0)
			break;
	}
	if (!*cand)
		return;
	/* <link href="..."/> and Atom's typed text are something else */
	if (s[k + 1] != '>' &&
	    (!(gt = memchr(s + k + 1, '>', n - k - 1)) || gt[-1] == '/' ||
	     find3(s, (size_t)(gt - s), "ype") != NULL))
		return;
	r->in_text = (int)i + 1;
	/* its end must match the name as written (kept if unusual) */
	r->text_name[0] = '\0';
	if (same == 1) {
		memcpy(r->text_name, s + 1, k);
		r->text_name[k] = '\0';
	}
}

/* Is s[0..n) (after "</") the end of element el, k bytes long? */
static int end_is(const char *s, size_t n, const char *el, size_t k)
{
	if (n <= k || !same_name(s, el, k))
		return 0;
	for (s += k, n -= k; n && isspace((unsigned char)*s); s++, n--)
		;
	return n && *s == '>';
}

/*
 * Is s (at '<') the end tag of the text element we are in (1)? Or the end
 * of an item or channel (2): feedparser ends an item there even inside
 * its description, and a text element left open must not swallow the
 * rest of the feed. Else 0: markup inside the text.
 */
static int closes_text_element(const struct repair *r, const char *s, size_t n)
{
	size_t k = text_elements[r->in_text - 1].len;
	const char *name = r->text_name[0] ? r->text_name
					   : text_elements[r->in_text - 1].name;

	if (n < 4 || s[1] != '/')
		return 0;
	s += 2;
	n -= 2;
	/* the usual case: the end tag as the start tag wrote it */
	if (n > k && s[k] == '>' && same_name(s, name, k) == 2)
		return 1;
	switch (s[0] | 0x20) {
	case 'i':
		return end_is(s, n, "item", 4) ? 2 : 0;
	case 'c':
		if (end_is(s, n, "channel", 7))
			return 2;
		break;
	case 'r':
		return end_is(s, n, "rss", 3) || end_is(s, n, "rdf:RDF", 7) ? 2
									    : 0;
	default:
		break;
	}
	return end_is(s, n, name, k);
}

/*
 * What the '<' at s means: CDATA, a comment, a DOCTYPE, a text element's
 * start or end, or markup inside a text element, which is a mistake (*bad;
 * "<b>" in an RSS title would swallow the rest of the feed). Updates the
 * state and returns how many bytes were understood.
 */
static size_t on_lt(struct repair *r, const char *s, size_t n, int *bad)
{
	*bad = 0;
	if (n > 1 && s[1] != '!' && !r->in_text) {
		open_text_element(r, s, n);
		return 1;
	}
	if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		r->in_cdata = 1;
		return 9;
	}
	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		r->in_comment = 1;
		return 4;
	}
	if (r->in_text) {
		switch (closes_text_element(r, s, n)) {
		case 1:
			r->in_text = 0;
			break;
		case 2: /* the text element's end goes in first */
			*bad = 2;
			r->in_text = 0;
			break;
		default:
			*bad = 1;
		}
		return 1;
	}
	if (n >= 9 && memcmp(s, "<!DOCTYPE", 9) == 0)
		r->has_doctype = 1;
	else
		open_text_element(r, s, n);
	return 1;
}

/*
 * Feeds write "AT&T" and "&nbsp;" as if they were HTML; an XML parser
 * drops both. Escape bare ampersands and turn HTML named entities into
 * numeric references, outside CDATA sections and comments. Appends the
 * result to out.
 */
static int fix_references(struct repair *r, const char *s, size_t n,
			  struct buf *out)
{
	size_t i = 0, done = 0, len;
	const char *name, *end;

	while (i < n) {
		if (r->in_cdata || r->in_comment) {
			end = find3(s + i, n - i, r->in_cdata ? "]]>" : "-->");
			if (!end) {
				i = n;
				break;
			}
			i = (size_t)(end - s) + 3;
			r->in_cdata = r->in_comment = 0;
			continue;
		}
		if (s[i] == '<') {
			int bad, was = r->in_text;

			len = on_lt(r, s + i, n - i, &bad);
			if (bad == 2) {
				const char *el =
					r->text_name[0]
						? r->text_name
						: text_elements[was - 1].name;

				if (buf_add(out, s + done, i - done) < 0 ||
				    buf_addf(out, "</%s>", el) < 0)
					return -1;
				done = i;
				r->fixed |= REPAIR_MARKUP;
			} else if (bad) {
				if (buf_add(out, s + done, i - done) < 0 ||
				    buf_adds(out, "&lt;") < 0)
					return -1;
				done = i + 1;
				r->fixed |= REPAIR_MARKUP;
			}
			i += len;
			continue;
		}
		if (s[i] != '&') {
			i++;
			continue;
		}
		len = ref_len(s + i, n - i, &name);
		if (len && (!name || is_xml_entity(name, len - 2))) {
			i += len;
			continue;
		}
		if (buf_add(out, s + done, i - done) < 0)
			return -1;
		if (len) {
			unsigned c;
			char ent[64];

			memcpy(ent, name, len - 2);
			ent[len - 2] = '\0';
			c = text_entity(ent);
			/* unknown names may be declared in a DOCTYPE; without
			 * one they are text, as a browser would show them */
			if ((c ? buf_addf(out, "&#%u;", c)
			     : r->has_doctype
				     ? buf_add(out, s + i, len)
				     : buf_addf(out, "&amp;%.*s", (int)len - 1,
						s + i + 1)) < 0)
				return -1;
			i += len;
		} else {
			if (buf_adds(out, "&amp;") < 0)
				return -1;
			i++;
		}
		done = i;
		r->fixed |= REPAIR_REFS;
	}
	return buf_add(out, s + done, n - done);
}

/* Where to cut the held bytes: after the last '>', or everything. */
static size_t cut_point(const struct repair *r, int final)
{
	const char *d = r->carry.data;
	size_t i = r->carry.len;

	if (final || r->wide)
		return r->carry.len;
	while (i > 0 && d[i - 1] != '>')
		i--;
	if (i == 0 && r->carry.len > REPAIR_MAX_CARRY) {
		/* no tag end in sight: cut before a partial UTF-8 sequence */
		i = r->carry.len;
		while (i > 0 && ((unsigned char)d[i - 1] & 0xC0) == 0x80 &&
		       r->carry.len - i < 3)
			i--;
		if (i > 0 && (unsigned char)d[i - 1] >= 0xC0)
			i--;
	}
	return i;
}

/* Byte classes for the scan of clean input. */
enum { CL_PLAIN, CL_HIGH, CL_CTRL, CL_AMP, CL_LT };

static unsigned char byte_class[256];
static pthread_once_t classes_once = PTHREAD_ONCE_INIT;

static void init_classes(void)
{
	int c;

	for (c = 0; c < 0x20; c++)
		byte_class[c] = CL_CTRL;
	byte_class['\t'] = byte_class['\n'] = byte_class['\r'] = CL_PLAIN;
	for (c = 0x80; c < 0x100; c++)
		byte_class[c] = CL_HIGH;
	byte_class['&'] = CL_AMP;
	byte_class['<'] = CL_LT;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Past the bytes of s[i..n) that need no look: not controls, not
 * non-ASCII, not '&' or '<'. Sixteen or eight at a time while it can. */
static size_t skip_plain(const unsigned char *s, size_t i, size_t n)
{
	for (;;) {
#if defined(__SSE2__) && defined(__GNUC__)
		const __m128i lo = _mm_set1_epi8(0x20);
		const __m128i amp = _mm_set1_epi8('&');
		const __m128i lt = _mm_set1_epi8('<');

		while (i + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			/* signed: below 0x20 or from 0x80 */
			__m128i m = _mm_or_si128(
				_mm_cmplt_epi8(v, lo),
				_mm_or_si128(_mm_cmpeq_epi8(v, amp),
					     _mm_cmpeq_epi8(v, lt)));
			int bits = _mm_movemask_epi8(m);

			if (bits) {
				i += (size_t)__builtin_ctz((unsigned)bits);
				break;
			}
			i += 16;
		}
#else
		while (i + 8 <= n) {
			uint64_t w, a, l;

			memcpy(&w, s + i, 8);
			a = w ^ (ONES * '&');
			l = w ^ (ONES * '<');
			if ((((w - ONES * 0x20) & ~w) | w | ((a - ONES) & ~a) |
			     ((l - ONES) & ~l)) &
			    HIGHS)
				break;
			i += 8;
		}
#endif
		while (i < n && byte_class[s[i]] == CL_PLAIN) {
			i++;
			/* past a tab or newline: wide again */
			if (s[i - 1] < 0x20)
				break;
		}
		if (i >= n || byte_class[s[i]] != CL_PLAIN)
			return i;
	}
}

/*
 * Most documents need no repair: check that in one pass and track the
 * CDATA/comment state as fix_references() would. Returns 1 when s[0..n)
 * can go to the parser as it is; 0 (state untouched) when it needs work.
 */
static int is_clean(struct repair *r, const unsigned char *s, size_t n)
{
	struct repair saved = *r; /* only its state fields change here */
	const char *name, *end;
	size_t i = 0, len;
	unsigned c;
	int bad;

	pthread_once(&classes_once, init_classes);
	while (i < n) {
		if (r->in_cdata || r->in_comment) {
			end = find3((const char *)s + i, n - i,
				    r->in_cdata ? "]]>" : "-->");
			if (!end) {
				/* control bytes inside still need stripping */
				for (; i < n; i++)
					if (byte_class[s[i]] == CL_CTRL ||
					    (r->utf8 && s[i] >= 0x80))
						goto dirty;
				break;
			}
			for (; i < (size_t)((const unsigned char *)end - s);
			     i++)
				if (byte_class[s[i]] == CL_CTRL ||
				    (r->utf8 && s[i] >= 0x80))
					goto dirty;
			i += 3;
			r->in_cdata = r->in_comment = 0;
			continue;
		}
		i = skip_plain(s, i, n);
		if (i >= n)
			break;
		switch (byte_class[s[i]]) {
		case CL_HIGH:
			len = text_utf8_decode(s + i, n - i, &c);
			if (r->utf8 && (!len || (c >= 0x80 && c <= 0x9F)))
				goto dirty;
			i += len ? len : 1;
			break;
		case CL_CTRL:
			goto dirty;
		case CL_AMP:
			len = plain_ref_len((const char *)s + i, n - i);
			if (len) {
				i += len;
				break;
			}
			len = ref_len((const char *)s + i, n - i, &name);
			if (!len || (name && !is_xml_entity(name, len - 2)))
				goto dirty;
			i += len;
			break;
		default: /* '<' */
			i += on_lt(r, (const char *)s + i, n - i, &bad);
			if (bad)
				goto dirty;
		}
	}
	return 1;
dirty:
	*r = saved;
	return 0;
}

int repair_push(struct repair *r, const char *data, size_t n, int final,
		const char **seg, size_t *seglen)
{
	char *fixed = NULL, *stripped = NULL;
	const char *p;
	size_t cut, m;
	int rc = -1;

	*seg = NULL;
	*seglen = 0;
	r->out.len = 0;
	/* what the last call handed out is no longer needed */
	if (r->used) {
		memmove(r->carry.data, r->carry.data + r->used,
			r->carry.len - r->used);
		r->carry.len -= r->used;
		r->used = 0;
	}
	if (r->decided && !r->wide && !final && r->carry.len == 0 && n) {
		/* nothing held back: a clean piece goes out as it is, and
		 * only what follows its last '>' is kept */
		cut = n;
		while (cut > 0 && data[cut - 1] != '>')
			cut--;
		if (cut > 0 && is_clean(r, (const unsigned char *)data, cut)) {
			if (buf_add(&r->carry, data + cut, n - cut) < 0)
				return -1;
			*seg = data;
			*seglen = cut;
			return 0;
		}
	}
	if (n && buf_add(&r->carry, data, n) < 0)
		return -1;
	if (!r->decided) {
		if (r->carry.len < 1024 && !final)
			return 0;
		decide(r);
	}
	cut = cut_point(r, final);
	if (cut == 0)
		return 0;
	p = r->carry.data;
	m = cut;
	if (r->wide || is_clean(r, (const unsigned char *)p, m)) {
		*seg = p;
		*seglen = m;
		r->used = cut;
		return 0;
	}
	if (r->utf8 && !text_utf8_valid(p, m)) {
		if (!(fixed = text_utf8_fix(p, m)))
			goto out;
		p = fixed;
		m = strlen(fixed);
		r->fixed |= REPAIR_ENCODING;
	}
	if (text_has_controls(p, m)) {
		if (!(stripped = text_strip_controls(p, m)))
			goto out;
		p = stripped;
		m = strlen(stripped);
		r->fixed |= REPAIR_CONTROLS;
	}
	if (fix_references(r, p, m, &r->out) < 0)
		goto out;
	r->used = cut;
	*seg = r->out.data;
	*seglen = r->out.len;
	rc = 0;
out:
	free(fixed);
	free(stripped);
	return rc;
}
