/* tui_prompt.c - a line editor on the status line, menus, questions */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "text.h"
#include "tui_impl.h"

enum { PROMPT_MAX = 1024 };

/* Columns that w[from..to) takes. */
static int wwidth(const wchar_t *w, size_t from, size_t to)
{
	int n = 0, c;

	for (; from < to; from++) {
		c = wcwidth(w[from]);
		n += c > 0 ? c : 0;
	}
	return n;
}

static void draw_prompt(struct tui *t, const char *label, const wchar_t *w,
			size_t len, size_t cur)
{
	int y = t->rows - 2, lw = text_width(label), avail, x;
	size_t from = 0, i;

	move(y, 0);
	clrtoeol();
	tui_put(y, 0, label, t->cols - 10, false, A_BOLD, 0);
	if (lw > t->cols - 10)
		lw = t->cols - 10;
	avail = t->cols - lw - 1;
	while (from < cur && wwidth(w, from, cur) >= avail)
		from++;
	x = lw;
	for (i = from; i < len; i++) {
		int c = wcwidth(w[i]);

		if (c < 0)
			continue;
		if (x + c >= t->cols)
			break;
		mvaddnwstr(y, x, &w[i], 1);
		x += c;
	}
	move(y, lw + wwidth(w, from, cur));
	refresh();
}

int tui_prompt(struct tui *t, const char *label, const char *initial,
	       char **out)
{
	wchar_t w[PROMPT_MAX];
	char *clean = tui_clean(initial);
	size_t len, cur, n;
	int accepted = -1;

	*out = NULL;
	len = mbstowcs(w, clean, PROMPT_MAX - 1);
	free(clean);
	if (len == (size_t)-1)
		len = 0;
	cur = len;
	curs_set(1);
	while (accepted < 0) {
		wint_t ch;
		int r;

		draw_prompt(t, label, w, len, cur);
		r = get_wch(&ch);
		if (tui_interrupted()) {
			accepted = 0;
		} else if (r == ERR) {
			continue;
		} else if (r == KEY_CODE_YES) {
			switch (ch) {
			case KEY_LEFT:
				cur -= cur > 0;
				break;
			case KEY_RIGHT:
				cur += cur < len;
				break;
			case KEY_HOME:
				cur = 0;
				break;
			case KEY_END:
				cur = len;
				break;
			case KEY_BACKSPACE:
				if (cur) {
					memmove(&w[cur - 1], &w[cur],
						(len - cur) * sizeof(*w));
					cur--;
					len--;
				}
				break;
			case KEY_DC:
				if (cur < len) {
					memmove(&w[cur], &w[cur + 1],
						(len - cur - 1) * sizeof(*w));
					len--;
				}
				break;
			case KEY_ENTER:
				accepted = 1;
				break;
			case KEY_RESIZE:
				tui_draw(t);
				break;
			default:
				break;
			}
		} else if (ch == '\n' || ch == '\r') {
			accepted = 1;
		} else if (ch == 27 || ch == 7) { /* Esc, ^G */
			accepted = 0;
		} else if (ch == 127 || ch == 8) {
			if (cur) {
				memmove(&w[cur - 1], &w[cur],
					(len - cur) * sizeof(*w));
				cur--;
				len--;
			}
		} else if (ch == 21) { /* ^U */
			memmove(w, &w[cur], (len - cur) * sizeof(*w));
			len -= cur;
			cur = 0;
		} else if (ch == 11) { /* ^K */
			len = cur;
		} else if (ch == 1) { /* ^A */
			cur = 0;
		} else if (ch == 5) { /* ^E */
			cur = len;
		} else if (iswprint((wint_t)ch) && len + 1 < PROMPT_MAX) {
			memmove(&w[cur + 1], &w[cur], (len - cur) * sizeof(*w));
			w[cur++] = (wchar_t)ch;
			len++;
		}
	}
	curs_set(0);
	move(t->rows - 2, 0);
	clrtoeol();
	if (!accepted)
		return 0;
	w[len] = L'\0';
	n = wcstombs(NULL, w, 0);
	if (n == (size_t)-1 || !(*out = malloc(n + 1)))
		return 0;
	wcstombs(*out, w, n + 1);
	return 1;
}

static void draw_menu(struct tui *t, const char *title,
		      const char *const *items, size_t n, size_t sel,
		      size_t *top)
{
	int h = (int)n, w = text_width(title) + 4, y0, x0, i;
	size_t k;

	for (k = 0; k < n; k++) {
		char *c = tui_clean(items[k]);
		int iw = text_width(c) + 4;

		free(c);
		if (iw > w)
			w = iw;
	}
	if (w < 24)
		w = 24;
	if (w > t->cols - 4)
		w = t->cols - 4;
	if (h > t->rows - 6)
		h = t->rows - 6;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + (size_t)h)
		*top = sel - (size_t)h + 1;
	y0 = (t->rows - h - 2) / 2;
	x0 = (t->cols - w) / 2;
	for (i = 0; i < h + 2; i++)
		mvhline(y0 + i, x0, ' ', w);
	tui_glyph(y0, x0, "┌");
	tui_glyph(y0, x0 + w - 1, "┐");
	tui_glyph(y0 + h + 1, x0, "└");
	tui_glyph(y0 + h + 1, x0 + w - 1, "┘");
	tui_hline(y0, x0 + 1, w - 2);
	tui_hline(y0 + h + 1, x0 + 1, w - 2);
	for (i = 1; i <= h; i++) {
		tui_glyph(y0 + i, x0, "│");
		tui_glyph(y0 + i, x0 + w - 1, "│");
	}
	tui_put(y0, x0 + 2, title, w - 4, false, A_BOLD, 0);
	for (i = 0; i < h && *top + (size_t)i < n; i++) {
		size_t it = *top + (size_t)i;

		tui_put(y0 + 1 + i, x0 + 1, items[it], w - 2, true,
			it == sel ? A_REVERSE : 0, 0);
	}
	refresh();
}

long tui_menu(struct tui *t, const char *title, const char *const *items,
	      size_t n, size_t initial)
{
	size_t sel = initial < n ? initial : 0, top = 0, k;
	int page = t->rows - 6;

	if (!n)
		return -1;
	for (;;) {
		int ch;

		draw_menu(t, title, items, n, sel, &top);
		ch = getch();
		if (tui_interrupted())
			return -1;
		switch (ch) {
		case ERR:
			break;
		case 'j':
		case KEY_DOWN:
			sel += sel + 1 < n;
			break;
		case 'k':
		case KEY_UP:
			sel -= sel > 0;
			break;
		case KEY_NPAGE:
			sel = sel + (size_t)page < n ? sel + (size_t)page
						     : n - 1;
			break;
		case KEY_PPAGE:
			sel = sel > (size_t)page ? sel - (size_t)page : 0;
			break;
		case 'g':
		case KEY_HOME:
			sel = 0;
			break;
		case 'G':
		case KEY_END:
			sel = n - 1;
			break;
		case '\n':
		case '\r':
		case KEY_ENTER:
			tui_draw(t);
			return (long)sel;
		case 27:
		case 'q':
			tui_draw(t);
			return -1;
		case KEY_RESIZE:
			tui_draw(t);
			break;
		default:
			/* a letter: the next item that starts with it */
			for (k = 1; ch > 0 && ch < 128 && k <= n; k++) {
				size_t i = (sel + k) % n;

				if (items[i][0] == ch ||
				    (items[i][0] | 0x20) == (ch | 0x20)) {
					sel = i;
					break;
				}
			}
			break;
		}
	}
}

int tui_confirm(struct tui *t, const char *question)
{
	int ch;

	move(t->rows - 2, 0);
	clrtoeol();
	tui_put(t->rows - 2, 0, question, t->cols, false, A_BOLD, 0);
	refresh();
	do
		ch = getch();
	while (ch == ERR && !tui_interrupted());
	return ch == 'y' || ch == 'Y';
}
