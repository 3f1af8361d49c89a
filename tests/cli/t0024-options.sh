#!/bin/sh
# What every command shares (main.c's cmd_getopt, cmd_extra_arg and
# app_prepare): --help, a wrong option, a missing value, a stray argument,
# a broken sources or rules file, a database that is not one, and the
# writer lock. Exit codes: 0, 2 (usage), 1 (failure), 75 (locked).
. "$(dirname "$0")/lib.sh"
S="$TOP/feeds"

usage_of() { # usage_of NAME: stderr is one message, then the usage line
	test "$(grep -c "^annals: " "$err")" -eq 1 &&
		sed -n 2p "$err" | grep -q "^usage: annals \[--db PATH\] \[--sources PATH\] \[--rules PATH\] $1 "
}

for c in import fetch list export parse reextract show add sources init \
	opml tui; do
	expect_exit "$c --help" 0 "$c" --help
	check "$c --help prints its usage and nothing on stderr" \
		'head -n 1 "$out" | grep -q "^usage: annals .* $c " && test ! -s "$err"'
	expect_exit "$c -h" 0 "$c" -h
	expect_exit "$c --bogus" 2 "$c" --bogus
	check "$c --bogus: one message and the usage line" \
		'head -n 1 "$err" | grep -q "^annals: $c: unknown option '"'"'--bogus'"'"'$" && usage_of "$c" && test ! -s "$out"'
	expect_exit "$c -Z" 2 "$c" -Z
	check "$c -Z names the letter" \
		'head -n 1 "$err" | grep -q "^annals: $c: unknown option '"'"'-Z'"'"'$" && usage_of "$c"'
done

# a stray argument, for the commands that take none
for c in fetch list export reextract sources init tui; do
	expect_exit "$c with an argument" 2 "$c" stray
	check "$c: unexpected argument" \
		'head -n 1 "$err" | grep -q "^annals: $c: unexpected argument '"'"'stray'"'"'$" && usage_of "$c"'
done
expect_exit "opml export with an argument" 2 opml export stray
check "opml export: unexpected argument" \
	'head -n 1 "$err" | grep -q "^annals: opml export: unexpected argument '"'"'stray'"'"'$" && usage_of "opml export"'

# a missing value
for c in "export --output" "list --since" "fetch --jobs" "import --source" \
	"sources --test" "parse --url"; do
	# shellcheck disable=SC2086
	expect_exit "$c without its value" 2 $c
	check "$c: needs a value" 'grep -q "option '"'"'${c#* }'"'"' needs a value" "$err"'
done

# nothing is created by a usage error
check "no database was created" 'test ! -e "$ANNALS_DB"'

# a broken sources file: exit 2 with its file:line, before any database
printf '[x]\nno equals sign here\n' >"$TMP/bad.conf"
for c in "fetch" "import -c A $FIXTURES/rss2-basic.xml" "init" "sources" \
	"sources --check" "opml export" "parse -s x $FIXTURES/rss2-basic.xml"; do
	# shellcheck disable=SC2086
	expect_exit "$c with a broken sources file" 2 --sources "$TMP/bad.conf" $c
	check "$c: says where" 'grep -q "bad.conf:2: " "$err" && test "$(wc -l <"$err")" -eq 1'
done
check "still no database" 'test ! -e "$ANNALS_DB"'

# a broken rules file: exit 2, before any database
for c in "reextract" "fetch" "init" "sources --check" \
	"import -c A $FIXTURES/rss2-basic.xml"; do
	# shellcheck disable=SC2086
	expect_exit "$c with a broken rules file" 2 --sources "$S" --rules "$TMP/bad.conf" $c
	check "$c: says where" 'grep -q "bad.conf:[0-9]*: " "$err"'
done
check "and still no database" 'test ! -e "$ANNALS_DB"'

# a file that is not a database: exit 1
printf 'not sqlite' >"$TMP/junk.db"
for c in "list" "export" "show 1" "reextract" "init" \
	"add --company A --day 2024-01-01 --title T" \
	"import -c A $FIXTURES/rss2-basic.xml"; do
	# shellcheck disable=SC2086
	expect_exit "$c of a file that is not a database" 1 --sources "$S" --db "$TMP/junk.db" $c
	check "$c: says so" 'grep -q "junk.db.*not an SQLite database\|junk.db.*not a database" "$err"'
done
check "the file is untouched" 'test "$(cat "$TMP/junk.db")" = "not sqlite"'

# the writer lock: reextract waits for no one either
expect_exit "a database" 0 --sources "$S" init -q
# held for 3 s (its sleep holds it too: wait for it, do not kill it)
flock "$ANNALS_DB.lock" sh -c ': >"$1"; sleep 3' sh "$TMP/locked" &
holder=$!
i=0
while [ ! -e "$TMP/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_exit "reextract while the lock is held" 75 --sources "$S" reextract
check "with one line" 'test "$(wc -l <"$err")" -eq 1 && grep -q "another fetch is running" "$err"'
expect_exit "list meanwhile" 0 --sources "$S" list
wait $holder
expect_exit "reextract once it is free" 0 --sources "$S" reextract -q
check "quietly" 'test ! -s "$out" && test ! -s "$err"'
done_testing
