/* fuzz_text.c - text cleaning and HTML to text on any bytes: the results
 * are valid UTF-8 without control characters, bidi overrides or runs of
 * spaces, cleaning is idempotent, and fitting never exceeds its width. */
#include "fuzz.h"

#include <locale.h>

#include "buf.h"
#include "text.h"

static void check_clean(const char *c)
{
	size_t n;

	if (!c)
		return;
	n = strlen(c);
	FUZZ_ASSERT(text_utf8_valid(c, n));
	FUZZ_ASSERT(!text_has_controls(c, n));
	FUZZ_ASSERT(!fuzz_has_controls(c, n));
	FUZZ_ASSERT(!fuzz_has_bidi(c));
	FUZZ_ASSERT(!strstr(c, "  "));
	FUZZ_ASSERT(n == 0 || (c[0] != ' ' && c[n - 1] != ' '));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *s = (const char *)data;
	char *c, *c2, *h, *fixed, *plain;
	struct buf b;
	size_t i;
	unsigned cp;
	int cols;

	if (!ready) {
		/* text_width() and text_fit() measure with wcwidth */
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "");
		ready = 1;
	}
	if (size > FUZZ_MAX_INPUT)
		return 0;

	c = text_clean(s, size);
	FUZZ_ASSERT(c);
	check_clean(c);
	c2 = text_clean(c, strlen(c));
	FUZZ_ASSERT(c2 && strcmp(c, c2) == 0);
	free(c2);

	h = text_from_html(s, size);
	FUZZ_ASSERT(h);
	check_clean(h);
	free(h);

	fixed = text_utf8_fix(s, size);
	FUZZ_ASSERT(fixed && text_utf8_valid(fixed, strlen(fixed)));
	plain = text_strip_controls(fixed, strlen(fixed));
	FUZZ_ASSERT(plain);
	FUZZ_ASSERT(!text_has_controls(plain, strlen(plain)));
	free(plain);
	free(fixed);

	for (i = 0; i < size; i++) {
		size_t k = text_escape_len(data + i, size - i);

		FUZZ_ASSERT(k <= size - i);
		k = text_utf8_decode(data + i, size - i, &cp);
		FUZZ_ASSERT(k <= 4 && k <= size - i);
		FUZZ_ASSERT(k == 0 || cp <= 0x10FFFF);
	}
	(void)text_looks_html(s, size);

	/* fitting clean text: never wider than asked, always valid UTF-8 */
	cols = size ? data[0] % 40 : 0;
	buf_init(&b, 0);
	FUZZ_ASSERT(text_fit(&b, c, cols, size && (data[0] & 0x80)) == 0);
	if (b.data) {
		FUZZ_ASSERT(text_utf8_valid(b.data, b.len));
		FUZZ_ASSERT(text_width(b.data) <= cols);
	}
	buf_release(&b);

	/* JSON strings: no raw control character, quotes balanced */
	buf_init(&b, 0);
	FUZZ_ASSERT(text_json(&b, c) == 0);
	FUZZ_ASSERT(b.len >= 2 && b.data[0] == '"' && b.data[b.len - 1] == '"');
	for (i = 0; i < b.len; i++)
		FUZZ_ASSERT((unsigned char)b.data[i] >= 0x20);
	buf_release(&b);
	free(c);
	return 0;
}
