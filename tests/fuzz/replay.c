/* replay.c - run a fuzz target over files without libFuzzer, so that
 * `make check` (any compiler) replays the committed regression inputs
 * and seeds: replay_fuzz_X FILE... exits 0, or aborts on the first input
 * that breaks a property. */
#include "fuzz.h"

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *d = NULL;
		size_t n = 0, cap = 0, got;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		do {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				d = realloc(d, cap);
				if (!d)
					abort();
			}
			got = fread(d + n, 1, cap - n, f);
			n += got;
		} while (got > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(d, n);
		free(d);
	}
	return 0;
}
