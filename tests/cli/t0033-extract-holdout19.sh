#!/bin/sh
# Extraction on the nineteenth and twentieth held-out sets (tests/
# fixtures/labelled-holdout19: Amazon's "we" blog in Atom, a news
# aggregator whose descriptions are only links, and an analyst weekly
# that tells moves days later ("Last Thursday, August 12, ..."), all on
# Amazon, Microsoft and IBM; -holdout20: an ESG site with datelines, a
# financial wire in RSS 1.0 with "Company: verb" headlines, and HSBC's
# investor feed; see their READMEs), one TAP line per metric at floors a
# little below what the rules reach.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout19 --min f1=0.85 --min action=0.70 --min day=0.90 \
	--min cluster=0.95 --min follows=0.35 --min merges=0
evaluate labelled-holdout20 --min f1=0.93 --min action=0.72 --min day=0.97 \
	--min cluster=0.95 --min follows=0.6 --min merges=0
done_testing
