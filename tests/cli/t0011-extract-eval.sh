#!/bin/sh
# Extraction quality: tests/eval/evaluate.py over the labelled set
# (tests/fixtures/labelled), one TAP line per thresholded metric. Every
# mistake (link, expected, what annals said) is printed as a # comment.
. "$(dirname "$0")/lib.sh"

evaluate labelled

done_testing
