/* text.c - UTF-8 cleanup, control-character stripping, HTML to text */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

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

static int put_utf8(struct buf *b, unsigned c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return buf_add(b, u, n);
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
		case 0x9B: /* CSI */
			return 2 + csi_seq(s + 2, n - 2);
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
		/* ESC, intermediates, one final byte */
		for (i = 1; i < n && s[i] >= 0x20 && s[i] <= 0x2F; i++)
			;
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

char *text_clean(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	int pending_space = 0;
	unsigned c;
	size_t i = 0, len;

	if (!s)
		return NULL;
	buf_init(&b, 0);
	while (i < n) {
		len = text_escape_len(p + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		len = next_char(p + i, n - i, &c);
		i += len;
		if (is_space(c)) {
			pending_space = b.len > 0;
			continue;
		}
		if (is_dropped(c))
			continue;
		if (pending_space && buf_addc(&b, ' ') < 0)
			goto fail;
		pending_space = 0;
		if (put_utf8(&b, c) < 0)
			goto fail;
	}
	return buf_detach(&b);
fail:
	buf_release(&b);
	return NULL;
}

char *text_utf8_fix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	unsigned c;
	size_t i = 0, len;

	buf_init(&b, 0);
	while (i < n) {
		len = next_char(p + i, n - i, &c);
		if (c && put_utf8(&b, c) < 0) {
			buf_release(&b);
			return NULL;
		}
		i += len;
	}
	return buf_detach(&b);
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

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strcmp(name, blocks[i]) == 0)
			return 1;
	return 0;
}

static int is_skipped(const char *name)
{
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
	       strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0 ||
	       strcmp(name, "head") == 0;
}

static int html_walk(struct buf *b, xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (buf_adds(b, (const char *)n->content) < 0)
				return -1;
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			int block = is_block(name);

			if (is_skipped(name) || depth > 256)
				continue;
			if (block && buf_addc(b, ' ') < 0)
				return -1;
			if (html_walk(b, n->children, depth + 1) < 0)
				return -1;
			if (block && buf_addc(b, ' ') < 0)
				return -1;
		}
	}
	return 0;
}

char *text_from_html(const char *html, size_t n)
{
	struct buf b;
	htmlDocPtr doc = NULL;
	char *fixed = NULL, *out = NULL;

	if (!html)
		return NULL;
	if (!text_looks_html(html, n))
		return text_clean(html, n);
	/* libxml2's HTML parser would switch the rest of the input to Latin-1
	 * at the first bad byte */
	fixed = text_utf8_fix(html, n);
	if (!fixed)
		return NULL;
	/* libxml2 drops a bare ESC but keeps the "[31m" after it */
	if (text_has_controls(fixed, strlen(fixed))) {
		char *stripped = text_strip_controls(fixed, strlen(fixed));

		free(fixed);
		fixed = stripped;
		if (!fixed)
			return NULL;
	}
	buf_init(&b, 0);
	doc = htmlReadMemory(fixed, (int)strlen(fixed), NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				     HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc && html_walk(&b, doc->children, 0) == 0)
		out = text_clean(b.data ? b.data : "", b.len);
	else if (!doc)
		out = text_clean(fixed, strlen(fixed));
	xmlFreeDoc(doc);
	buf_release(&b);
	free(fixed);
	return out;
}

int text_json(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (!s)
		return buf_adds(b, "null");
	if (buf_addc(b, '"') < 0)
		return -1;
	for (p = (const unsigned char *)s; *p; p++) {
		int rc;

		switch (*p) {
		case '"':
			rc = buf_adds(b, "\\\"");
			break;
		case '\\':
			rc = buf_adds(b, "\\\\");
			break;
		case '\n':
			rc = buf_adds(b, "\\n");
			break;
		case '\t':
			rc = buf_adds(b, "\\t");
			break;
		case '\r':
			rc = buf_adds(b, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				rc = buf_addf(b, "\\u%04x", *p);
			else
				rc = buf_addc(b, (char)*p);
		}
		if (rc < 0)
			return -1;
	}
	return buf_addc(b, '"');
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

int text_fit(struct buf *b, const char *s, int cols, int pad)
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
			if (buf_adds(b, "\xE2\x80\xA6") < 0)
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
