#!/bin/sh
# Extraction on the twenty-third and twenty-fourth held-out sets (tests/
# fixtures/labelled-holdout23: a Microsoft fan site of product
# retirements, Microsoft's public-affairs blog and an AWS newsletter of
# bullet lists; -holdout24: Meta's transparency feed of reports and
# policy updates, a trust-and-safety newsletter and an export-controls
# site; see their READMEs), one TAP line per metric at floors a little
# below what the rules reach.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout23 --min f1=0.83 --min action=0.55 --min day=0.97 \
	--min cluster=0.6 --min follows=0 --min merges=0
evaluate labelled-holdout24 --min f1=0.90 --min action=0.6 --min day=0.93 \
	--min cluster=0.95 --min follows=0.3 --min merges=0
done_testing
