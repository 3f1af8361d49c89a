/* feed_text.c - fast plain-text conversion for the feed module
 *
 * Every field of every item goes through text_clean() or
 * text_from_html(); on a large feed that is most of the work after the
 * XML parse. These give exactly their results (tests/unit/test_feed_text.c
 * compares them on generated input) with fewer passes: white space is
 * written as it comes and trimmed at the end, runs of printable ASCII are
 * copied eight bytes at a time, and HTML is stripped and cleaned in one
 * pass. Whatever the one-pass form cannot decide alone (terminal escape
 * sequences, bytes that are not UTF-8) goes to the text module's own
 * functions.
 */
#include "feed_text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

/* Windows-1252 bytes 0x80..0x9F; 0 marks the five undefined ones. */
static const unsigned short cp1252[32] = {
	0x20AC, 0,	0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	0x017D, 0,
	0,	0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	0x017E, 0x0178,
};

/* As text.c's: white space and the characters text_clean() drops. */
static int is_space(unsigned c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_dropped(unsigned c)
{
	return c == 0 || c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C ||
	       c == 0x200B || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF ||
	       (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF;
}

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

/*
 * The output being written. A space is written as soon as white space
 * follows something visible and dropped again at the end, which is what
 * text_clean()'s pending space amounts to. The capacity always holds the
 * input still to come, so only bytes that grow need a check.
 */
struct sink {
	char *out;
	size_t o;
	size_t cap;
};

static int sink_init(struct sink *k, size_t n)
{
	k->o = 0;
	k->cap = n + 16;
	k->out = malloc(k->cap);
	return k->out ? 0 : -1;
}

/* Room for 4 more bytes beyond the rest bytes of input still to come. */
static int sink_room(struct sink *k, size_t rest)
{
	char *p;

	if (k->o + 8 + rest <= k->cap)
		return 0;
	k->cap = k->o + 8 + rest + rest / 4 + 16;
	p = realloc(k->out, k->cap);
	if (!p)
		return -1;
	k->out = p;
	return 0;
}

static void sink_space(struct sink *k)
{
	if (k->o && k->out[k->o - 1] != ' ')
		k->out[k->o++] = ' ';
}

static char *sink_done(struct sink *k)
{
	if (k->o && k->out[k->o - 1] == ' ')
		k->o--;
	k->out[k->o] = '\0';
	return k->out;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static uint64_t load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/*
 * Copy printable ASCII and single spaces from p[*i..n) to the sink, many
 * bytes at a time, while that is all they hold (a space never follows a
 * space, nor starts the output). Stops at the first byte that needs a
 * look of its own.
 */
static void sink_words(struct sink *k, const unsigned char *p, size_t *i,
		       size_t n)
{
	size_t j = *i, o = k->o;
	char *out = k->out;

#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i sp20 = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);

	/* the sink always has 16 bytes of room past the input to come */
	while (j + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + j));
		/* signed: controls and non-ASCII are below 0x20 */
		unsigned bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmplt_epi8(v, sp20), _mm_cmpeq_epi8(v, del)));
		unsigned sp =
			(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp20));
		unsigned dbl = sp & (sp >> 1), limit = 16;

		if (bad)
			limit = (unsigned)__builtin_ctz(bad);
		if (dbl && (unsigned)__builtin_ctz(dbl) + 1 < limit)
			limit = (unsigned)__builtin_ctz(dbl) + 1;
		if ((sp & 1) && (o == 0 || out[o - 1] == ' '))
			limit = 0;
		_mm_storeu_si128((__m128i *)(out + o), v);
		o += limit;
		j += limit;
		if (limit < 16)
			break;
	}
#endif
	while (j + 8 <= n) {
		uint64_t w = load64(p + j), y, sp;

		/* a byte below 0x20 or above 0x7E */
		if (((w - ONES * 0x20) & ~w & HIGHS) ||
		    (((w + ONES) | w) & HIGHS))
			break;
		y = w ^ (ONES * 0x20);
		sp = ~(((y & ~HIGHS) + ~HIGHS) | y) & HIGHS;
		if (sp & ((sp << 8) | (sp >> 8)))
			break;
		if (p[j] == ' ' && (o == 0 || out[o - 1] == ' '))
			break;
		memcpy(out + o, &w, 8);
		o += 8;
		j += 8;
	}
	/* the rest one by one, as sink_char() would take them */
	while (j < n) {
		unsigned char ch = p[j];

		if (ch > 0x20 && ch < 0x7F)
			out[o++] = (char)ch;
		else if (ch == ' ' && o && out[o - 1] != ' ')
			out[o++] = ' ';
		else
			break;
		j++;
	}
	k->o = o;
	*i = j;
}

/*
 * One character of text at p[i] (n bytes in all) into the sink, as
 * text_clean() would take it. Returns the bytes consumed, 0 when only
 * text_clean() itself can tell (an escape sequence, a byte that is not
 * UTF-8: strict), or (size_t)-1 when out of memory.
 */
static size_t sink_char(struct sink *k, const unsigned char *p, size_t i,
			size_t n, int strict)
{
	unsigned char ch = p[i];
	size_t len;
	unsigned c;

	if (ch > 0x20 && ch < 0x7F) {
		k->out[k->o++] = (char)ch;
		return 1;
	}
	if (ch == ' ' || (ch >= 0x09 && ch <= 0x0D)) {
		sink_space(k);
		return 1;
	}
	len = text_escape_len(p + i, n - i);
	if (len)
		return strict ? 0 : len;
	if (ch < 0x80) /* other C0 controls, DEL */
		return 1;
	len = text_utf8_decode(p + i, n - i, &c);
	if (!len) {
		if (strict)
			return 0;
		/* not UTF-8: read the byte as Windows-1252 */
		c = ch <= 0x9F ? cp1252[ch - 0x80] : ch;
		len = 1;
	}
	if (is_space(c)) {
		sink_space(k);
	} else if (!is_dropped(c)) {
		if (sink_room(k, n - i) < 0)
			return (size_t)-1;
		if (len > 1) /* valid: the bytes as they are */
			memcpy(k->out + k->o, p + i, len);
		k->o += len > 1 ? len : enc_utf8(k->out + k->o, c);
	}
	return len;
}

/* Clean n bytes at p into the sink. Returns 0, 1 when strict and only
 * text_clean() can tell, -1 when out of memory. */
static int sink_text(struct sink *k, const unsigned char *p, size_t n,
		     int strict)
{
	size_t i = 0, used;

	while (i < n) {
		sink_words(k, p, &i, n);
		if (i >= n)
			break;
		used = sink_char(k, p, i, n, strict);
		if (used == (size_t)-1)
			return -1;
		if (used == 0)
			return 1;
		i += used;
	}
	return 0;
}

char *ftext_clean(const char *s, size_t n)
{
	struct sink k;

	if (!s)
		return NULL;
	if (sink_init(&k, n) < 0)
		return NULL;
	if (sink_text(&k, (const unsigned char *)s, n, 0) != 0) {
		free(k.out);
		return NULL;
	}
	return sink_done(&k);
}

/* The helpers below are text.c's, for text_from_html()'s exact rules. */

static int is_block(const char *name)
{
	/* text.c's list, by initial */
	static const char *const a[] = {"address", "article", "aside", NULL};
	static const char *const b[] = {"blockquote", "br", NULL};
	static const char *const d[] = {"dd", "div", "dl", "dt", NULL};
	static const char *const f[] = {"figcaption", "figure", "footer", NULL};
	static const char *const h[] = {"h1", "h2",	"h3", "h4", "h5",
					"h6", "header", "hr", NULL};
	static const char *const l[] = {"li", NULL};
	static const char *const m[] = {"main", NULL};
	static const char *const n[] = {"nav", NULL};
	static const char *const o[] = {"ol", NULL};
	static const char *const p[] = {"p", "pre", NULL};
	static const char *const s[] = {"section", NULL};
	static const char *const t[] = {"table", "td", "th", "tr", NULL};
	static const char *const u[] = {"ul", NULL};
	const char *const *v;

	switch (name[0]) {
	case 'a':
		v = a;
		break;
	case 'b':
		v = b;
		break;
	case 'd':
		v = d;
		break;
	case 'f':
		v = f;
		break;
	case 'h':
		v = h;
		break;
	case 'l':
		v = l;
		break;
	case 'm':
		v = m;
		break;
	case 'n':
		v = n;
		break;
	case 'o':
		v = o;
		break;
	case 'p':
		v = p;
		break;
	case 's':
		v = s;
		break;
	case 't':
		v = t;
		break;
	case 'u':
		v = u;
		break;
	default:
		return 0;
	}
	for (; *v; v++)
		if (strcmp(name, *v) == 0)
			return 1;
	return 0;
}

static int is_skipped(const char *name)
{
	if (!strchr("hnst", name[0]))
		return 0;
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
	       strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0 ||
	       strcmp(name, "head") == 0 || strcmp(name, "title") == 0;
}

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

static unsigned hexval(int c)
{
	return isdigit(c) ? (unsigned)(c - '0')
			  : (unsigned)(tolower(c) - 'a' + 10);
}

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
			c = 0xFFFD;
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

/* Skip markup after "<!" or "<?"; CDATA text goes to the sink. Returns
 * where to go on, or NULL when the sink gave up (strict) or failed. */
static const char *skip_markup(struct sink *k, const char *s, const char *end)
{
	const char *q;

	if (end - s >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		q = find_ci(s + 9, (size_t)(end - s - 9), "]]>");
		if (sink_text(k, (const unsigned char *)s + 9,
			      (size_t)((q ? q : end) - (s + 9)), 1) != 0)
			return NULL;
		return q ? q + 3 : end;
	}
	if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
		q = find_ci(s + 4, (size_t)(end - s - 4), "-->");
		return q ? q + 3 : end;
	}
	q = memchr(s, '>', (size_t)(end - s));
	return q ? q + 1 : end;
}

/* The first '<' or '&' in s[0..n), or s + n. */
static const char *find_markup(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&');

	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));

		if (m)
			return s + i + __builtin_ctz(m);
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w = load64(p + i);
		uint64_t a = w ^ (ONES * '<'), b = w ^ (ONES * '&');

		if (((a - ONES) & ~a & HIGHS) || ((b - ONES) & ~b & HIGHS))
			break;
		i += 8;
	}
	while (i < n && p[i] != '<' && p[i] != '&')
		i++;
	return s + i;
}

/* text_from_html() in one pass: 0 done, 1 only it can tell, -1 no memory. */
static int html_pass(struct sink *k, const char *html, size_t n)
{
	const char *s = html, *end = html + n, *q;
	char name[16], ref[8];
	size_t used, w, kn;
	int rc;

	while (s < end) {
		if (*s != '<' && *s != '&') {
			q = find_markup(s, (size_t)(end - s));
			rc = sink_text(k, (const unsigned char *)s,
				       (size_t)(q - s), 1);
			if (rc)
				return rc;
			s = q;
			continue;
		}
		if (*s == '&' && (used = decode_ref(s, end, ref, &w)) > 0) {
			rc = sink_text(k, (const unsigned char *)ref, w, 1);
			if (rc)
				return rc;
			s += used;
			continue;
		}
		if (*s != '<' || s + 1 >= end) {
			k->out[k->o++] = *s++; /* '&' or a last '<' */
			continue;
		}
		if (s[1] == '!' || s[1] == '?') {
			s = skip_markup(k, s, end);
			if (!s)
				return 1;
			continue;
		}
		q = s + 1 + (s[1] == '/');
		if (q >= end || !isalpha((unsigned char)*q)) {
			k->out[k->o++] = *s++; /* "a < b" */
			continue;
		}
		for (kn = 0; q < end && (isalnum((unsigned char)*q) ||
					 *q == '-' || *q == ':');
		     q++)
			if (kn + 1 < sizeof(name))
				name[kn++] = (char)tolower((unsigned char)*q);
		name[kn] = '\0';
		q = tag_end(q, end);
		if (!q) {
			k->out[k->o++] =
				*s++; /* never closed: text after all */
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
			sink_space(k);
		s = q + 1;
	}
	return 0;
}

char *ftext_from_html(const char *html, size_t n)
{
	struct sink k;
	int rc;

	if (!html)
		return NULL;
	if (!text_looks_html(html, n))
		return ftext_clean(html, n);
	if (sink_init(&k, n) < 0)
		return NULL;
	rc = html_pass(&k, html, n);
	if (rc == 0)
		return sink_done(&k);
	free(k.out);
	return rc > 0 ? text_from_html(html, n) : NULL;
}
