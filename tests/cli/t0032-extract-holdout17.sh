#!/bin/sh
# Extraction on the seventeenth and eighteenth held-out sets (tests/
# fixtures/labelled-holdout17: a wire with datelines, Walmart's Atom
# newsroom and a London newsletter whose teasers name no company;
# -holdout18: Siemens' newsroom, a Brussels legal news site where most
# items are what regulators and courts do to companies, and a Seoul
# newsletter with the move deep in long bodies; see their READMEs), one
# TAP line per metric at floors a little below what the rules reach.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout17 --min f1=0.90 --min action=0.60 --min day=0.97 \
	--min cluster=0.95 --min follows=0 --min merges=0
evaluate labelled-holdout18 --min f1=0.88 --min action=0.65 --min day=0.93 \
	--min cluster=0.6 --min follows=0.7 --min merges=0
done_testing
