/* tui_act.h - the TUI's actions: filters, curation, export, fetch, open */
#ifndef ANNALS_TUI_ACT_H
#define ANNALS_TUI_ACT_H

#include <stdbool.h>

#include "tui_impl.h"

/* Perform action a if it is one of these (any screen). Returns true when
 * it was, false to let the screen handle it. */
bool tui_act(struct tui *t, enum tui_action a);

/* Read the background fetch's progress; reload when it ended. */
void tui_act_fetch_poll(struct tui *t);

/* Stop waiting for a background fetch (it goes on, detached). */
void tui_act_fetch_stop(struct tui *t);

/* Append the active filters in words ("Amazon, moratorium, 2020..") to b;
 * nothing when there are none. */
void tui_filter_words(const struct tui *t, struct buf *b);

#endif
