/* tui_help.c - the Help screen, generated from the key table that the
 * program dispatches on */
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "tui_impl.h"

/* The screens a key works on, in words. */
static void where(struct buf *b, unsigned screens)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{TUI_LIST, "Timeline"},
		{TUI_LANES, "Lanes"},
		{TUI_DETAIL, "Detail"},
		{TUI_HELP, "Help"},
	};
	size_t i;
	int n = 0;

	if (screens == TUI_ALL) {
		buf_adds(b, "everywhere");
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (screens & names[i].bit)
			buf_addf(b, "%s%s", n++ ? ", " : "", names[i].name);
}

/* Lines the help has: a title, a blank and one per documented key. */
static size_t help_lines(void)
{
	size_t i, n = 2;

	for (i = 0; i < tui_nkeys; i++)
		n += tui_keys[i].help != NULL;
	return n;
}

void tui_help_draw(struct tui *t)
{
	int body = t->rows - 3, y = 1, kw = 12;
	size_t i, line = 0, total = help_lines();

	tui_put(0, 0, "annals  Help  (q closes)", t->cols, true,
		A_BOLD | A_REVERSE, 0);
	if (total > (size_t)body && t->help_scroll > total - (size_t)body)
		t->help_scroll = total - (size_t)body;
	if (line++ >= t->help_scroll && y < 1 + body)
		tui_put(y++, 0,
			"Keys (from the table the program dispatches on):",
			t->cols, false, A_BOLD, 0);
	if (line++ >= t->help_scroll && y < 1 + body)
		y++;
	for (i = 0; i < tui_nkeys && y < 1 + body; i++) {
		struct buf b;

		if (!tui_keys[i].help || line++ < t->help_scroll)
			continue;
		buf_init(&b, 0);
		buf_addf(&b, "%s  (", tui_keys[i].help);
		where(&b, tui_keys[i].screens);
		buf_adds(&b, ")");
		tui_put(y, 2, tui_keys[i].name, kw, true, A_BOLD, 0);
		tui_put(y, 2 + kw + 1, b.data, t->cols - kw - 3, false, 0, 0);
		buf_release(&b);
		y++;
	}
}

void tui_help_key(struct tui *t, enum tui_action a)
{
	size_t page = (size_t)(t->rows - 4), total = help_lines();

	switch (a) {
	case ACT_DOWN:
		if (t->help_scroll + 1 < total)
			t->help_scroll++;
		break;
	case ACT_UP:
		if (t->help_scroll)
			t->help_scroll--;
		break;
	case ACT_PGDN:
		t->help_scroll += page;
		if (t->help_scroll >= total)
			t->help_scroll = total - 1;
		break;
	case ACT_PGUP:
		t->help_scroll =
			t->help_scroll > page ? t->help_scroll - page : 0;
		break;
	case ACT_TOP:
		t->help_scroll = 0;
		break;
	case ACT_BOTTOM:
		t->help_scroll = total;
		break;
	default:
		break;
	}
}
