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

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed before cmocka could count
	fi
	if [ "$f" -ne 0 ]; then
		echo "FAIL unit/$name"
		cat "$log"
	else
		echo "ok   unit/$name ($p)"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

for t in "$here"/cli/t*.sh; do
	name=$(basename "$t")
	sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$f" -ne 0 ]; then
		echo "FAIL cli/$name"
		cat "$log"
	else
		echo "ok   cli/$name ($p)"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

# the TUI in tmux (tests/tui/lib.sh), counted like the command tests
for t in "$here"/tui/t*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t")
	sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$f" -ne 0 ]; then
		echo "FAIL tui/$name"
		cat "$log"
	else
		echo "ok   tui/$name ($p)"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
