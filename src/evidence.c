/* evidence.c - an event's evidence JSON, pair by pair */
#include "evidence.h"

#include <limits.h>
#include <string.h>

int evidence_next(const char **pos, struct evidence_pair *pair)
{
	const char *k, *ke, *v, *ve;

	/* SQLite wrote it, so its shape is known: no escaped quote in a key,
	 * only in a value */
	k = strchr(*pos, '"');
	if (!k)
		return 0;
	k++;
	ke = strchr(k, '"');
	if (!ke || !(v = strchr(ke + 1, '"')))
		return 0;
	v++;
	for (ve = v; *ve && *ve != '"'; ve++)
		if (*ve == '\\' && ve[1])
			ve++;
	pair->key = k;
	pair->key_len = ke - k > INT_MAX ? INT_MAX : (int)(ke - k);
	pair->value = v;
	pair->value_len = ve - v > INT_MAX ? INT_MAX : (int)(ve - v);
	*pos = *ve ? ve + 1 : ve;
	return 1;
}
