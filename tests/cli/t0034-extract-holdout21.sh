#!/bin/sh
# Extraction on the twenty-first and twenty-second held-out sets (tests/
# fixtures/labelled-holdout21: a press-release wire with third parties'
# releases, a microblog bridge of untitled or cut posts, and the English
# edition of a Tokyo site that writes "on 18 September"; -holdout22: an
# evening digest of pun and question titles, a usage-policy changelog and
# a business podcast with interviews and roundups; see their READMEs),
# one TAP line per metric at floors a little below what the rules reach.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout21 --min f1=0.66 --min action=0.80 --min day=0.90 \
	--min cluster=0.3 --min follows=0.6 --min merges=0
evaluate labelled-holdout22 --min f1=0.75 --min action=0.5 --min day=0.93 \
	--min cluster=0 --min follows=0 --min merges=0
done_testing
