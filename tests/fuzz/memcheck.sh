#!/bin/sh
# make memcheck: command tests with the annals binary under valgrind.
#   ANNALS=/path/to/annals sh tests/fuzz/memcheck.sh [t0001-basics.sh ...]
# Every run of $ANNALS inside the tests goes through a wrapper that starts
# valgrind --leak-check=full; a memory error or a definite leak makes that
# run exit 99 (so the test fails) and leaves a report, printed below.
# Without arguments, the set below: every subcommand and the faults (about
# half an hour on two busy cores; CI runs t0002 and t0009). Left out, and
# why: t0006 (make install, no new code path), t0008 and t0021 measure
# peak memory and wall time, which would measure valgrind, t0010 kills
# processes by design, t0011 is the extraction evaluation (same code as
# t0002/t0012), t0022 feeds megabytes of config to many runs (an hour
# under valgrind; t0005 covers the same reader), t0017, t0018, t0019 and
# the TUI tests time a terminal's or a server's answers.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${ANNALS:?set ANNALS to the annals binary}"
command -v valgrind >/dev/null 2>&1 || {
	echo "memcheck: valgrind is not installed (make deps)" >&2
	exit 1
}
tests=${*:-"t0001-basics.sh t0002-import-list.sh t0003-parse.sh
t0004-bad-input.sh t0005-config.sh t0009-fetch.sh t0012-events.sh
t0013-sources.sh t0014-opml.sh t0015-export-md.sh t0016-export-formats.sh
t0020-faults.sh"}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
cat >"$work/annals" <<WRAP
#!/bin/sh
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite \\
	--show-leak-kinds=definite --error-exitcode=99 \\
	--suppressions='$here/valgrind.supp' \\
	--log-file='$work/logs/vg.%p.log' '$ANNALS' "\$@"
WRAP
chmod +x "$work/annals"

passed=0
failed=0
for t in $tests; do
	rm -f "$work"/logs/*
	start=$(date +%s)
	ANNALS="$work/annals" FIXTURES="$top/tests/fixtures" TOP="$top" \
		ANNALS_UNDER_VALGRIND=1 sh "$top/tests/cli/$t" >"$work/out" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	reports=$(find "$work/logs" -type f -size +0 | wc -l)
	if [ "$rc" -ne 0 ] || [ "$reports" -ne 0 ]; then
		failed=$((failed + 1))
		echo "FAIL memcheck/$t (${secs}s, exit $rc, $reports valgrind reports)"
		grep '^not ok' "$work/out" | head -20
		find "$work/logs" -type f -size +0 | head -3 | xargs -r cat | head -60
	else
		passed=$((passed + 1))
		echo "ok   memcheck/$t (${secs}s, $(grep -c '^ok ' "$work/out") checks)"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
