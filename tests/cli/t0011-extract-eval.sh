#!/bin/sh
# Extraction quality: tests/eval/evaluate.py over the labelled set
# (tests/fixtures/labelled), one TAP line per thresholded metric. Every
# mistake (link, expected, what annals said) is printed as a # comment.
. "$(dirname "$0")/lib.sh"

python3 "$TOP/tests/eval/evaluate.py" --annals "$ANNALS" --tap >"$TMP/eval" 2>&1
rc=$?
if ! grep -q '^\(not \)\{0,1\}ok ' "$TMP/eval"; then
	sed 's/^/# /' "$TMP/eval"
	not_ok "evaluate.py ran (exit $rc)"
fi
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$TMP/eval"

done_testing
