/* fuzz_config.c - the sources file reader (config_load) and its value
 * parsers on any bytes: no crash, leak or hang; what loads is whole
 * (every source has a name, company, kind and an http(s) url). */
#include "fuzz.h"

#include "config.h"
#include "err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct err e;
	const char *path;
	char *s;
	size_t i, bytes;
	int secs;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	path = fuzz_file("sources.conf", data, size);
	memset(&c, 0, sizeof(c));
	if (config_load(path, &c, &e) == 0) {
		for (i = 0; i < c.n; i++) {
			const struct config_source *src = &c.v[i];

			FUZZ_ASSERT(src->name && *src->name);
			FUZZ_ASSERT(src->company && src->kind && src->url);
			FUZZ_ASSERT(!strncmp(src->url, "http://", 7) ||
				    !strncmp(src->url, "https://", 8));
			FUZZ_ASSERT(config_find(&c, src->name));
			FUZZ_ASSERT(src->timeout >= 0 && src->timeout <= 3600);
		}
	} else {
		FUZZ_ASSERT(c.n == 0 && e.msg[0]);
	}
	config_release(&c);
	fuzz_unlink(path);

	s = fuzz_str(data, size < 256 ? size : 256);
	if (config_interval(s, &secs) == 0)
		FUZZ_ASSERT(secs >= 0);
	(void)config_size(s, &bytes);
	free(s);
	return 0;
}
