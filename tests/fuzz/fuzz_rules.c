/* fuzz_rules.c - the rules file reader and the phrase scanner: any rules
 * file, then the text after a line "%%" (or the rules file itself) scanned
 * with what loaded. No crash, leak, or slow match (libFuzzer's -timeout
 * catches a phrase that backtracks without bound); what loads has sane
 * weights and few enough gaps. */
#include "fuzz.h"

#include "err.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules r;
	struct err e;
	const char *path, *text;
	char *all, *split, **tokens = NULL;
	size_t *starts = NULL, i;
	long n, *first;

	if (size > 64 * 1024)
		return 0;
	all = fuzz_str(data, size);
	split = strstr(all, "\n%%\n");
	if (split) {
		*split = '\0';
		text = split + 4;
	} else {
		text = all;
	}
	path = fuzz_file("rules.conf", (const uint8_t *)all, strlen(all));
	memset(&r, 0, sizeof(r));
	n = rules_tokenize(text, &tokens, &starts);
	FUZZ_ASSERT(n >= 0);
	for (i = 0; i < (size_t)n; i++) {
		FUZZ_ASSERT(tokens[i] && *tokens[i]);
		FUZZ_ASSERT(starts[i] < strlen(text));
	}
	if (rules_load(path, &r, &e) == 0) {
		for (i = 0; i < r.nentries; i++) {
			const struct rules_phrase *ph = r.entries[i].ph;
			size_t k, gaps = 0;

			/* weights are numbers in (0, 100], never NaN */
			FUZZ_ASSERT(ph->weight > 0 && ph->weight <= 100);
			for (k = 0; k < ph->ntokens; k++)
				gaps += !strcmp(ph->tokens[k], "*");
			FUZZ_ASSERT(gaps <= RULES_MAX_GAPS);
		}
		first = calloc(r.nentries + 1, sizeof(*first));
		FUZZ_ASSERT(first);
		rules_scan(&r, tokens, (size_t)n, first);
		for (i = 0; i < r.nentries; i++)
			FUZZ_ASSERT(first[i] >= -1 && first[i] < n);
		free(first);
	}
	rules_release(&r);
	rules_tokens_free(tokens, (size_t)n, starts);
	fuzz_unlink(path);
	free(all);
	return 0;
}
