/* text.c - UTF-8 cleanup, control-character stripping, HTML to text */
#include "text.h"

#include <ctype.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <libxml/HTMLparser.h>

#include "buf.h"

/* Windows-1252 bytes 0x80..0x9F; 0 marks the five undefined ones. */
static const unsigned short cp1252[32] = {
	0x20AC, 0,	0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	0x017D, 0,
	0,	0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	0x017E, 0x0178,
};

size_t text_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

/* Read one character at s, taking an invalid byte as Windows-1252.
 * Returns bytes consumed (>= 1); *cp is 0 for a byte that means nothing. */
static size_t next_char(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len = text_utf8_decode(s, n, cp);

	if (len)
		return len;
	if (s[0] >= 0x80 && s[0] <= 0x9F)
		*cp = cp1252[s[0] - 0x80];
	else
		*cp = s[0];
	return 1;
}

static int is_space(unsigned c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters that must never reach a terminal or a document: controls,
 * bidi embeddings/overrides/isolates, invisible format characters. */
static int is_dropped(unsigned c)
{
	return c == 0 || c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C ||
	       c == 0x200B || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF ||
	       (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF;
}

/* Skip a string sequence (OSC, DCS, ...) body up to its terminator:
 * BEL, ESC \\ or the C1 ST. Returns bytes consumed after the introducer. */
static size_t string_seq(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 4096; i++) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1B && i + 1 < n && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0x9C)
			return i + 2;
	}
	return 0; /* unterminated: drop only the introducer */
}

/* Skip CSI parameters, intermediates and the final byte. */
static size_t csi_seq(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= 0x30 && s[i] <= 0x3F)
		i++;
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2F)
		i++;
	if (i < n && s[i] >= 0x40 && s[i] <= 0x7E)
		i++;
	return i;
}

size_t text_escape_len(const unsigned char *s, size_t n)
{
	size_t i;

	if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		switch (s[1]) {
		case 0x9B: /* CSI: a sequence when parameters follow;
			    * else most likely a mis-decoded "›" before a
			    * word, of which only the control goes */
			return n > 2 && s[2] >= 0x30 && s[2] <= 0x3F
				       ? 2 + csi_seq(s + 2, n - 2)
				       : 2;
		case 0x90: /* DCS, SOS, OSC, PM, APC */
		case 0x98:
		case 0x9D:
		case 0x9E:
		case 0x9F:
			return 2 + string_seq(s + 2, n - 2);
		default:
			return 2;
		}
	}
	if (n == 0 || s[0] != 0x1B)
		return 0;
	if (n == 1)
		return 1;
	switch (s[1]) {
	case '[':
		return 2 + csi_seq(s + 2, n - 2);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return 2 + string_seq(s + 2, n - 2);
	default:
		/* ESC, intermediates, one final byte ("ESC ( B", "ESC 7");
		 * an ESC right before a word goes alone: without it the
		 * word is text again */
		for (i = 1; i < n && s[i] >= 0x20 && s[i] <= 0x2F; i++)
			;
		if (i == 1 && i + 1 < n && islower(s[1]) && islower(s[2]))
			return 1;
		return i < n && s[i] >= 0x30 && s[i] <= 0x7E ? i + 1 : i;
	}
}

int text_has_controls(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			return 1;
		if (p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9F)
			return 1;
	}
	return 0;
}

char *text_strip_controls(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	size_t i = 0, len, start;

	buf_init(&b, 0);
	while (i < n) {
		start = i;
		while (i < n &&
		       (p[i] >= 0x20 || p[i] == '\t' || p[i] == '\n' ||
			p[i] == '\r') &&
		       !(p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 &&
			 p[i + 1] <= 0x9F))
			i++;
		if (buf_add(&b, s + start, i - start) < 0)
			goto fail;
		if (i >= n)
			break;
		len = text_escape_len(p + i, n - i);
		i += len ? len : 1;
	}
	return buf_detach(&b);
fail:
	buf_release(&b);
	return NULL;
}

/* Write c as UTF-8 at o; returns the number of bytes. */
static size_t enc_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

int text_utf8_put(struct buf *b, unsigned c)
{
	char u[4];

	return buf_add(b, u, enc_utf8(u, c));
}

/* Make room for a Windows-1252 byte that becomes up to 3 bytes plus a
 * space, with rest input bytes still to come (each at most one byte out). */
static int room(char **out, size_t *cap, size_t o, size_t rest)
{
	char *p;

	if (o + 5 + rest <= *cap)
		return 0;
	*cap = o + 5 + rest + rest / 4 + 16;
	p = realloc(*out, *cap);
	if (!p)
		return -1;
	*out = p;
	return 0;
}

/*
 * One pass, writing straight into the result: valid UTF-8 and white space
 * never grow, so only bytes read as Windows-1252 need a capacity check.
 */
char *text_clean(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = n + 16, o = 0, i = 0, len;
	int pending = 0;
	unsigned c;
	char *out;

	if (!s)
		return NULL;
	out = malloc(cap);
	if (!out)
		return NULL;
	while (i < n) {
		unsigned char ch = p[i];

		if (ch > 0x20 && ch < 0x7F) {
			if (pending) {
				out[o++] = ' ';
				pending = 0;
			}
			/* the common case: a run of printable ASCII */
			do
				out[o++] = (char)p[i++];
			while (i < n && p[i] > 0x20 && p[i] < 0x7F);
			continue;
		}
		if (ch == ' ' || (ch >= 0x09 && ch <= 0x0D)) {
			pending = o > 0;
			i++;
			continue;
		}
		len = text_escape_len(p + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		if (ch < 0x80) { /* other C0 controls, DEL */
			i++;
			continue;
		}
		len = text_utf8_decode(p + i, n - i, &c);
		if (!len) {
			/* not UTF-8: read the byte as Windows-1252 */
			c = ch <= 0x9F ? cp1252[ch - 0x80] : ch;
			len = 1;
		}
		if (is_space(c)) {
			pending = o > 0;
		} else if (!is_dropped(c)) {
			if (room(&out, &cap, o, n - i) < 0) {
				free(out);
				return NULL;
			}
			if (pending) {
				out[o++] = ' ';
				pending = 0;
			}
			if (len > 1) /* valid: the bytes as they are */
				memcpy(out + o, p + i, len);
			o += len > 1 ? len : enc_utf8(out + o, c);
		}
		i += len;
	}
	out[o] = '\0';
	return out;
}

char *text_utf8_fix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = n + 16, o = 0, i = 0, len;
	unsigned c;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	while (i < n) {
		if (p[i] < 0x80) {
			if (p[i])
				out[o++] = (char)p[i];
			i++;
			continue;
		}
		len = text_utf8_decode(p + i, n - i, &c);
		if (len) {
			memcpy(out + o, p + i, len);
			o += len;
			i += len;
			continue;
		}
		c = p[i] >= 0x80 && p[i] <= 0x9F ? cp1252[p[i] - 0x80] : p[i];
		i++;
		if (!c)
			continue;
		if (room(&out, &cap, o, n - i) < 0) {
			free(out);
			return NULL;
		}
		o += enc_utf8(out + o, c);
	}
	out[o] = '\0';
	return out;
}

int text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	unsigned c;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = text_utf8_decode(p + i, n - i, &c);
		if (!len)
			return 0;
		i += len;
	}
	return 1;
}

int text_looks_html(const char *s, size_t n)
{
	return memchr(s, '<', n) != NULL || memchr(s, '&', n) != NULL;
}

static int is_block(const char *name)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "br",
		"dd",	   "div",     "dl",    "dt",	     "figcaption",
		"figure",  "footer",  "h1",    "h2",	     "h3",
		"h4",	   "h5",      "h6",    "header",     "hr",
		"li",	   "main",    "nav",   "ol",	     "p",
		"pre",	   "section", "table", "td",	     "th",
		"tr",	   "ul",
	};
	size_t i;

	/* most tags are short inline ones: a cheap first-letter filter */
	if (!strchr("abdfhlmnopst", name[0]))
		return 0;
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (blocks[i][0] == name[0] && strcmp(name, blocks[i]) == 0)
			return 1;
	return 0;
}

/* Elements whose content is never text. */
static int is_skipped(const char *name)
{
	if (!strchr("hnst", name[0]))
		return 0;
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
	       strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0 ||
	       strcmp(name, "head") == 0 || strcmp(name, "title") == 0;
}

/* Case-insensitive search for needle (lower case) in s[0..n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i, j;

	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k; j++)
			if (tolower((unsigned char)s[i + j]) != needle[j])
				break;
		if (j == k)
			return s + i;
	}
	return NULL;
}

/* The '>' that ends a tag whose attributes start at s, skipping quoted
 * values; NULL if there is none. */
static const char *tag_end(const char *s, const char *end)
{
	char q = 0;

	for (; s < end; s++) {
		if (q) {
			if (*s == q)
				q = 0;
		} else if (*s == '"' || *s == '\'') {
			q = *s;
		} else if (*s == '>') {
			return s;
		}
	}
	return NULL;
}

unsigned text_entity(const char *name)
{
	/* the ones feeds use most, before libxml2's linear table */
	static const struct {
		const char *name;
		unsigned value;
	} common[] = {
		{"amp", '&'},	    {"lt", '<'},       {"gt", '>'},
		{"quot", '"'},	    {"apos", '\''},    {"nbsp", 0xA0},
		{"mdash", 0x2014},  {"ndash", 0x2013}, {"rsquo", 0x2019},
		{"lsquo", 0x2018},  {"rdquo", 0x201D}, {"ldquo", 0x201C},
		{"hellip", 0x2026}, {"copy", 0xA9},    {"reg", 0xAE},
		{"trade", 0x2122},
	};
	const htmlEntityDesc *e;
	size_t i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (name[0] == common[i].name[0] &&
		    strcmp(name, common[i].name) == 0)
			return common[i].value;
	e = htmlEntityLookup((const xmlChar *)name);
	return e ? e->value : 0;
}

static unsigned hexval(int c)
{
	return isdigit(c) ? (unsigned)(c - '0')
			  : (unsigned)(tolower(c) - 'a' + 10);
}

/* Decode the character reference at s ("&amp;", "&#8217;", "&#x2014;")
 * into o. Returns the bytes consumed (0: not a reference) and sets *w to
 * the bytes written (never more than consumed). */
static size_t decode_ref(const char *s, const char *end, char *o, size_t *w)
{
	const char *p = s + 1, *d;
	unsigned long c = 0;
	char name[40];
	size_t k = 0;
	int hex;

	*w = 0;
	if (p < end && *p == '#') {
		hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');
		p += hex ? 2 : 1;
		for (d = p; p < end && (hex ? isxdigit((unsigned char)*p)
					    : isdigit((unsigned char)*p));
		     p++)
			if (c < 0x110000)
				c = c * (hex ? 16 : 10) +
				    hexval((unsigned char)*p);
		if (p == d)
			return 0;
		if (p < end && *p == ';')
			p++;
		if (c == 0 || c >= 0x110000 || (c >= 0xD800 && c <= 0xDFFF))
			c = 0xFFFD;
		if (enc_utf8(name, (unsigned)c) > (size_t)(p - s))
			c = 0xFFFD; /* "&#65536" without ';' would grow */
		*w = enc_utf8(o, (unsigned)c);
		return (size_t)(p - s);
	}
	while (p < end && k + 1 < sizeof(name) && isalnum((unsigned char)*p))
		name[k++] = *p++;
	name[k] = '\0';
	if (k == 0 || p >= end || *p != ';')
		return 0;
	c = text_entity(name);
	if (!c)
		return 0;
	*w = enc_utf8(o, (unsigned)c);
	return (size_t)(p + 1 - s);
}

/* After "<" at s: the end of a comment, CDATA section, declaration or
 * processing instruction; CDATA text is copied to raw. */
static const char *skip_markup(const char *s, const char *end, char *raw,
			       size_t *o)
{
	const char *q;
	size_t k;

	if (end - s >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		q = find_ci(s + 9, (size_t)(end - s - 9), "]]>");
		k = (size_t)((q ? q : end) - (s + 9));
		memcpy(raw + *o, s + 9, k);
		*o += k;
		return q ? q + 3 : end;
	}
	if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
		q = find_ci(s + 4, (size_t)(end - s - 4), "-->");
		return q ? q + 3 : end;
	}
	q = memchr(s, '>', (size_t)(end - s));
	return q ? q + 1 : end;
}

/*
 * A tag stripper rather than a full HTML parse: feed descriptions are
 * small fragments, and this runs for every field of every item. Tags go,
 * block tags leave a space, comments and script/style vanish, character
 * references are decoded once. The result never outgrows the input.
 */
char *text_from_html(const char *html, size_t n)
{
	const char *s, *end, *q;
	char *raw, *out, name[16];
	size_t o = 0, k, used, w;

	if (!html)
		return NULL;
	s = html;
	end = html + n;
	if (!text_looks_html(html, n))
		return text_clean(html, n);
	raw = malloc(n + 1);
	if (!raw)
		return NULL;
	while (s < end) {
		if (*s != '<' && *s != '&') {
			/* a run of plain text */
			q = s;
			while (s < end && *s != '<' && *s != '&')
				s++;
			memcpy(raw + o, q, (size_t)(s - q));
			o += (size_t)(s - q);
			continue;
		}
		if (*s == '&' && (used = decode_ref(s, end, raw + o, &w)) > 0) {
			s += used;
			o += w;
			continue;
		}
		if (*s != '<' || s + 1 >= end) {
			raw[o++] = *s++;
			continue;
		}
		if (s[1] == '!' || s[1] == '?') {
			s = skip_markup(s, end, raw, &o);
			continue;
		}
		q = s + 1 + (s[1] == '/');
		if (q >= end || !isalpha((unsigned char)*q)) {
			raw[o++] = *s++; /* "a < b" */
			continue;
		}
		for (k = 0; q < end && (isalnum((unsigned char)*q) ||
					*q == '-' || *q == ':');
		     q++)
			if (k + 1 < sizeof(name))
				name[k++] = (char)tolower((unsigned char)*q);
		name[k] = '\0';
		q = tag_end(q, end);
		if (!q) {
			raw[o++] = *s++; /* never closed: text after all */
			continue;
		}
		if (s[1] != '/' && q[-1] != '/' && is_skipped(name)) {
			char close[20];
			const char *c;

			snprintf(close, sizeof(close), "</%s", name);
			c = find_ci(q, (size_t)(end - q), close);
			q = c ? tag_end(c, end) : NULL;
			s = q ? q + 1 : end;
			continue;
		}
		if (is_block(name))
			raw[o++] = ' ';
		s = q + 1;
	}
	out = text_clean(raw, o);
	free(raw);
	return out;
}

/* Bytes a JSON string cannot hold as they are (NUL ends the string);
 * non-ASCII is looked at, as JSON must be valid UTF-8. */
static int json_special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c >= 0x7F;
}

int text_json(struct buf *b, const char *s)
{
	const unsigned char *p, *run;
	int rc = 0;

	if (!s)
		return buf_adds(b, "null");
	if (buf_addc(b, '"') < 0)
		return -1;
	for (p = run = (const unsigned char *)s; *p; p++) {
		const char *esc;
		char u[8];

		while (!json_special(*p))
			p++;
		if (!*p)
			break;
		if (*p >= 0x80) {
			unsigned cp;
			/* 4 is safe: decoding stops at the NUL */
			size_t len = text_utf8_decode(p, 4, &cp);

			if (len) {
				p += len - 1; /* valid: part of the run */
				continue;
			}
			/* an invalid byte (the database may not have been
			 * written by us): Windows-1252, as text_clean() */
			rc |= buf_add(b, run, (size_t)(p - run));
			cp = *p <= 0x9F ? cp1252[*p - 0x80] : *p;
			if (cp)
				rc |= text_utf8_put(b, cp);
			run = p + 1;
			continue;
		}
		/* flush the run of bytes that need no escape */
		rc |= buf_add(b, run, (size_t)(p - run));
		switch (*p) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\r':
			esc = "\\r";
			break;
		default:
			snprintf(u, sizeof(u), "\\u%04x", *p);
			esc = u;
		}
		rc |= buf_adds(b, esc);
		run = p + 1;
	}
	rc |= buf_add(b, run, (size_t)(p - run));
	rc |= buf_addc(b, '"');
	return rc ? -1 : 0;
}

int text_json_array(struct buf *b, const char *const *v, size_t n)
{
	size_t i;

	if (buf_addc(b, '[') < 0)
		return -1;
	for (i = 0; i < n; i++)
		if ((i && buf_adds(b, ", ") < 0) || text_json(b, v[i]) < 0)
			return -1;
	return buf_addc(b, ']');
}

static int char_width(unsigned c)
{
	int w = wcwidth((wchar_t)c);

	if (w >= 0)
		return w;
	return c < 0x20 ? 0 : 1;
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, len;
	unsigned c;
	int w = 0;

	while (i < n) {
		len = next_char(p + i, n - i, &c);
		w += char_width(c);
		i += len;
	}
	return w;
}

/* text_fit() with ell (one column wide) marking a cut. */
static int fit(struct buf *b, const char *s, int cols, int pad, const char *ell)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, len;
	unsigned c;
	int w = 0, cw, total = text_width(s);

	if (total <= cols) {
		if (buf_adds(b, s) < 0)
			return -1;
		w = total;
	} else {
		while (i < n && cols > 0) {
			len = next_char(p + i, n - i, &c);
			cw = char_width(c);
			if (w + cw > cols - 1)
				break;
			if (buf_add(b, s + i, len) < 0)
				return -1;
			w += cw;
			i += len;
		}
		if (cols > 0) {
			if (buf_adds(b, ell) < 0)
				return -1;
			w++;
		}
	}
	while (pad && w < cols) {
		if (buf_addc(b, ' ') < 0)
			return -1;
		w++;
	}
	return 0;
}

int text_fit(struct buf *b, const char *s, int cols, int pad)
{
	return fit(b, s, cols, pad, "\xE2\x80\xA6");
}

int text_fit_ascii(struct buf *b, const char *s, int cols, int pad)
{
	return fit(b, s, cols, pad, "~");
}

/* ASCII stand-ins for the characters screens draw with, the
 * punctuation feeds use most and Latin letters with marks (one may be
 * written in tmp); NULL for any other. */
static const char *ascii_for(unsigned c, char tmp[2])
{
	static const struct {
		unsigned c;
		const char *s;
	} map[] = {
		{0x00A0, " "},	{0x00B7, "."}, {0x00D7, "x"},	{0x2013, "-"},
		{0x2014, "-"},	{0x2018, "'"}, {0x2019, "'"},	{0x201C, "\""},
		{0x201D, "\""}, {0x2022, "*"}, {0x2026, "..."}, {0x21B3, ">"},
		{0x2500, "-"},	{0x2502, "|"}, {0x250C, "+"},	{0x2510, "+"},
		{0x2514, "+"},	{0x2518, "+"}, {0x2581, "_"},	{0x2582, "."},
		{0x2583, "-"},	{0x2584, "="}, {0x2585, "+"},	{0x2586, "*"},
		{0x2587, "#"},	{0x2588, "@"}, {0x2605, "*"},	{0x270E, "~"},
	};
	/* Latin letters with marks: the letter; U+00C0-U+017F, one byte
	 * each, '*' where more than one letter stands in (below) */
	static const char latin[] =
		"AAAAAA*CEEEEIIIIDNOOOOOxOUUUUY**aaaaaa*ceeeeiiiidnooooo/ouuuuy*y"
		"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlLl"
		"LlNnNnNn*NnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
	static const struct {
		unsigned c;
		const char *s;
	} several[] = {
		{0x00C6, "AE"}, {0x00DE, "TH"}, {0x00DF, "ss"}, {0x00E6, "ae"},
		{0x00FE, "th"}, {0x0132, "IJ"}, {0x0133, "ij"}, {0x0149, "'n"},
		{0x0152, "OE"}, {0x0153, "oe"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].c == c)
			return map[i].s;
	if (c < 0xC0 || c >= 0x180)
		return NULL;
	for (i = 0; i < sizeof(several) / sizeof(several[0]); i++)
		if (several[i].c == c)
			return several[i].s;
	if (latin[c - 0xC0] == '*')
		return NULL;
	tmp[0] = latin[c - 0xC0];
	tmp[1] = '\0';
	return tmp;
}

char *text_ascii(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const char *a;
	char tmp[2];
	struct buf b;
	unsigned c;
	size_t n;

	buf_init(&b, 0);
	if (buf_adds(&b, "") < 0)
		return NULL;
	while (*p) {
		if (*p < 0x80) {
			if (buf_addc(&b, (char)*p++) < 0)
				goto fail;
			continue;
		}
		n = text_utf8_decode(p, strnlen((const char *)p, 4), &c);
		if (n && ((c >= 0x0300 && c <= 0x036F) ||
			  (c >= 0x1AB0 && c <= 0x1AFF) ||
			  (c >= 0x1DC0 && c <= 0x1DFF) ||
			  (c >= 0x20D0 && c <= 0x20FF) ||
			  (c >= 0xFE20 && c <= 0xFE2F))) {
			p += n; /* a combining mark: its base stands alone */
			continue;
		}
		a = n ? ascii_for(c, tmp) : NULL;
		if (buf_adds(&b, a ? a : "?") < 0)
			goto fail;
		p += n ? n : 1;
	}
	return buf_detach(&b);
fail:
	buf_release(&b);
	return NULL;
}

int text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

uint64_t text_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}
