/* tui.h - the terminal interface: browse, filter, read and curate */
#ifndef ANNALS_TUI_H
#define ANNALS_TUI_H

#include "store.h"

struct err;

/* What annals tui starts with. Strings borrowed for the call. */
struct tui_opts {
	const char *db_path;	    /* the database (created if missing) */
	const char *sources_path;   /* for F (fetch): passed on, or NULL */
	const char *rules_path;	    /* likewise */
	struct store_filter filter; /* the initial filters */
};

/*
 * Run the interface on the terminal (stdin and stdout) until the user
 * quits or SIGINT/SIGTERM/SIGHUP arrives. The terminal is restored on
 * every way out. Returns 0, or -1 with e set (no terminal, the database
 * cannot be opened).
 */
int tui_run(const struct tui_opts *o, struct err *e);

#endif
