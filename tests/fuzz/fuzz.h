/* fuzz.h - what the libFuzzer targets in tests/fuzz/ share */
#ifndef ANNALS_FUZZ_H
#define ANNALS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The entry point libFuzzer (or tests/fuzz/replay.c) calls per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs larger than this are skipped: the parsers' own caps are tested
 * end to end (tests/cli/t0021-hostile-e2e.sh), not here. */
#define FUZZ_MAX_INPUT (256u * 1024)

/* A property of the code under test failed: say which, then abort so that
 * libFuzzer records the input as a crash. */
#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: property failed: %s\n",        \
				__FILE__, __LINE__, #cond);                    \
			abort();                                               \
		}                                                              \
	} while (0)

/* A NUL-terminated copy of the n bytes at d (a NUL inside ends the
 * string early, as it would for a C caller). Aborts when out of memory. */
static inline char *fuzz_str(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		abort();
	if (n)
		memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

/*
 * Write the n bytes at d to this process's scratch file named after tag
 * (in /dev/shm when there is one, so that no disk is worn) and return its
 * path, valid until the next call with the same tag. For the readers that
 * take a path (config, rules, OPML).
 */
static inline const char *fuzz_file(const char *tag, const uint8_t *d, size_t n)
{
	static char path[4][256];
	static const char *tags[4];
	size_t i;
	FILE *f;

	for (i = 0; i < 4 && tags[i] && strcmp(tags[i], tag) != 0; i++)
		;
	if (i == 4)
		abort();
	if (!tags[i]) {
		const char *dir =
			access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

		tags[i] = tag;
		snprintf(path[i], sizeof(path[i]), "%s/annals-fuzz-%ld-%s", dir,
			 (long)getpid(), tag);
	}
	f = fopen(path[i], "wb");
	if (!f || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0)
		abort();
	return path[i];
}

/* Remove a scratch file of fuzz_file() (call it at the end of each input
 * so that no file is left behind). */
static inline void fuzz_unlink(const char *path)
{
	if (path)
		unlink(path);
}

/* True if the n bytes at s hold a C0 control other than tab and LF, DEL,
 * or a C1 control encoded in UTF-8 (U+0080..U+009F). */
static inline int fuzz_has_controls(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			return 1;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

/* True if s holds a bidi override or isolate (U+202A..U+202E,
 * U+2066..U+2069) - characters that reorder what a terminal shows. */
static inline int fuzz_has_bidi(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae)
			return 1;
		else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
			 p[2] <= 0xa9)
			return 1;
	return 0;
}

#endif
