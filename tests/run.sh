#!/bin/sh
# Run every unit test binary (cmocka) and every command test script (TAP
# lines "ok N - ..." / "not ok N - ..."), then print one summary line.
# Environment: ANNALS (the binary under test), UNIT_DIR (unit test binaries).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${ANNALS:?set ANNALS to the annals binary}"
: "${UNIT_DIR:?set UNIT_DIR to the unit test directory}"
export ANNALS
export FIXTURES="$here/fixtures"
export TOP="$here/.."
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# tally KIND/NAME PASSED FAILED STATUS: print the test's line (and its log
# if it failed) and add it to the sums
tally() {
	tp=$2
	tf=$3
	if [ "$4" -ne 0 ] && [ "$tf" -eq 0 ]; then
		tf=1 # crashed before it could count
	fi
	if [ "$tf" -ne 0 ]; then
		echo "FAIL $1"
		cat "$log"
	else
		echo "ok   $1 ($tp)"
	fi
	passed=$((passed + tp))
	failed=$((failed + tf))
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
	tally "unit/$(basename "$t")" "${p:-0}" "${f:-0}" "$rc"
done

# the command tests, then the TUI in tmux (tests/tui/lib.sh), counted alike
for t in "$here"/cli/t*.sh "$here"/tui/t*.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	rc=$?
	tally "$(basename "$(dirname "$t")")/$(basename "$t")" \
		"$(grep -c '^ok ' "$log")" "$(grep -c '^not ok ' "$log")" "$rc"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
