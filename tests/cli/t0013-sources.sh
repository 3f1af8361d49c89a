#!/bin/sh
# annals sources, sources --check and init.
. "$(dirname "$0")/lib.sh"
S="$TOP/feeds"

expect_exit "the bundled sources check out" 0 --sources "$S" sources --check
check "it says how many" 'grep -Eq "^[0-9]+ sources in .*feeds: ok$" "$out"'
mkdir -p "$TMP/bad"
printf '[x]\ncompany = X\nurl = https://x.test/\nevry = 1h\n' >"$TMP/bad/a.conf"
expect_exit "a broken sources file fails the check" 2 --sources "$TMP/bad" sources --check
check "naming file:line and a suggestion" 'grep -q "a.conf:4: unknown key .evry. (did you mean .every.?)" "$err"'
printf '[x]\ncompany = X\nurl = https://x.test/\n' >"$TMP/bad/a.conf"
printf '[action nope]\n' >"$TMP/bad/rules.conf"
saved_rules=$ANNALS_RULES
export ANNALS_RULES=""
expect_exit "a broken rules file beside the sources fails the check too" 2 --sources "$TMP/bad" sources --check
check "naming file:line" 'grep -q "rules.conf:1: unknown action .nope." "$err"'
export ANNALS_RULES="$saved_rules"

expect_exit "sources without a database lists the config" 0 --sources "$S" sources
nsrc=$(for f in "$S"/*.conf; do case $f in */rules.conf) ;; *) cat "$f" ;; esac; done | grep -c "^\[")
check "a header and one line per source" 'test "$(wc -l <"$out")" -eq $((nsrc + 1))'
check "never polled" 'grep -q "^amazon-press  *Amazon  *feed  *yes never" "$out"'

expect_exit "init" 0 --sources "$S" init
check "imports the bundled history" 'grep -Eq "^imported the bundled history: [0-9]+ items, [0-9]+ policy moves$" "$out"'
check "at least 40 items" 'test "$(sql "SELECT count(*) FROM items")" -ge 40'
check "a real timeline offline" 'test "$(sql "SELECT count(*) FROM events WHERE policy")" -ge 15'
check "with the moves everyone knows" \
	'sql "SELECT day || '"' '"' || company || '"' '"' || action FROM events WHERE policy" | grep -q "^2020-06-10 Amazon moratorium$"'
held=$(sql "SELECT count(*) FROM items")
expect_exit "init again" 0 --sources "$S" init
check "adds nothing" 'test "$(sql "SELECT count(*) FROM items")" -eq "$held" && grep -q "already holds" "$out"'
check "the user's config dir exists" 'test -d "$HOME/.config/annals"'
run sources --check
check "an empty user config dir does not hide the installed sources" '! grep -q "\.config" "$out" "$err"'

# sources after a fetch shows what happened
start_server
cp "$FIXTURES/rss2-basic.xml" "$TMP/www/a.xml"
mkdir -p "$TMP/src"
printf '[ok]\ncompany = Example\nurl = %s/a.xml\n\n[broken]\ncompany = Example\nurl = %s/x/500\n' "$BASE" "$BASE" >"$TMP/src/s.conf"
run --sources "$TMP/src" fetch --quiet
expect_exit "sources --json after a fetch" 0 --sources "$TMP/src" sources --json
cat >"$TMP/j.py" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
ok, bad = rows["ok"], rows["broken"]
assert ok["last_status"] == 200 and ok["failures"] == 0 and ok["items"] == 3, ok
assert ok["last_success"].endswith("Z") and ok["next_due"].endswith("Z"), ok
assert bad["last_status"] == 500 and bad["failures"] == 1, bad
assert bad["last_error"] == "HTTP 500" and bad["items"] == 0, bad
print("ok")
PY
check "it records status, failures and counts" 'test "$(python3 "$TMP/j.py" "$out")" = ok'
expect_exit "sources as a table" 0 --sources "$TMP/src" sources
check "the failing source shows its error" 'grep -q "^broken .* HTTP 500$" "$out"'
check "the good one its status" 'grep -Eq "^ok .*Example .* [0-9]+m ago .* 200$" "$out"'
done_testing
