#!/bin/sh
# The command line: help, version, dispatch, usage errors, date.
. "$(dirname "$0")/lib.sh"

expect_exit "--help exits 0" 0 --help
check "--help lists every command" \
	'grep -q "^  import" "$out" && grep -q "^  list" "$out" && grep -q "^  parse" "$out" && grep -q "^  date" "$out"'
expect_exit "--version exits 0" 0 --version
check "--version prints the version" 'grep -Eq "^annals [0-9]+\.[0-9]+\.[0-9]+$" "$out"'
expect_exit "no command is a usage error" 2
check "no command prints usage on stderr" 'grep -q "^usage: annals" "$err"'
expect_exit "unknown command exits 2" 2 frobnicate
check "unknown command names it" 'grep -q "^annals: no command .frobnicate." "$err"'
expect_exit "unknown global option exits 2" 2 --frob list
expect_exit "--db without a value exits 2" 2 --db
for c in import list parse date; do
	expect_exit "$c --help exits 0" 0 "$c" --help
	check "$c --help shows its usage" 'grep -q "^usage: annals .*$c" "$out"'
done
expect_exit "help list exits 0" 0 help list
check "help list shows list's options" 'grep -q -- "--since DAY" "$out"'
expect_exit "help for an unknown command exits 2" 2 help frob
expect_exit "unknown list option exits 2" 2 list --frob
check "unknown option is named, with a usage line" \
	'grep -q "unknown option .--frob." "$err" && grep -q "^usage: annals" "$err"'
expect_exit "missing option value exits 2" 2 list --since
check "missing value is explained" 'grep -q "needs a value" "$err"'
expect_exit "bad --since exits 2" 2 list --since yesterday-ish
expect_exit "bad --action exits 2" 2 list --action frob
expect_exit "import without files exits 2" 2 import
expect_exit "import with --source and --company exits 2" 2 import --source a --company b x.xml
expect_exit "parse without a file exits 2" 2 parse

expect_exit "date converts RFC 822" 0 date "Wed, 10 Jun 2020 21:30:00 -0700"
check "date prints UTC" 'test "$(cat "$out")" = 2020-06-11T04:30:00Z'
expect_exit "date joins unquoted words" 0 date Wed, 10 Jun 2020 21:30:00 -0700
check "unquoted date prints UTC" 'test "$(cat "$out")" = 2020-06-11T04:30:00Z'
expect_exit "date takes a negative offset argument" 0 date 2020-06-10T18:00:00-07:00
check "RFC 3339 with offset" 'test "$(cat "$out")" = 2020-06-11T01:00:00Z'
expect_exit "date rejects junk with exit 1" 1 date "not a date at all"
check "junk date gives one line on stderr" 'test "$(wc -l <"$err")" -eq 1 && grep -q "^annals: " "$err"'
# a lone offset is not a date (exit 1), not an unknown option "-0" (exit 2)
expect_exit "date rejects a lone negative offset with exit 1" 1 date -0700
expect_exit "date reads a leading-dash string as a date" 1 date -2020-06-10

done_testing
