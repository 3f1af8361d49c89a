/* evidence.h - an event's evidence JSON, pair by pair, for the two places
 * that show it (annals show and the TUI's Detail screen) */
#ifndef ANNALS_EVIDENCE_H
#define ANNALS_EVIDENCE_H

/* One "key": "value" of the evidence: spans of the JSON as written (JSON
 * escapes kept, not NUL-terminated), borrowed from it. */
struct evidence_pair {
	const char *key;
	int key_len;
	const char *value;
	int value_len;
};

/*
 * The next pair of an event's evidence (a flat object of strings, as
 * extract writes it and SQLite keeps it), read from *pos, which the caller
 * first sets to the JSON (not NULL); *pos moves past the pair. Returns 1
 * with *pair filled, or 0 at the end or where the JSON is cut short.
 */
int evidence_next(const char **pos, struct evidence_pair *pair);

#endif
