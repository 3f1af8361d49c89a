#!/bin/sh
# import and list: idempotence, revisions, the JSON contract, filters.
. "$(dirname "$0")/lib.sh"
S="$TOP/feeds"

expect_exit "import of the bundled samples" 0 --sources "$S" import "$S"/samples/*.xml
check "every sample item stored" 'test "$(sql "SELECT count(*) FROM items")" -ge 30'
items=$(sql "SELECT count(*) FROM items")
events=$(sql "SELECT count(*) FROM events")
check "every item is in exactly one event" 'test "$(sql "SELECT count(DISTINCT item_id) FROM event_items")" -eq "$items" && test "$(sql "SELECT count(*) FROM event_items")" -eq "$items"'
check "reports of one move are one event" 'test "$events" -lt "$items"'
check "schema version is 7" 'test "$(sql "PRAGMA user_version")" -eq 7'
check "WAL mode" 'test "$(sql "PRAGMA journal_mode")" = wal'
check "import prints a summary per file" 'test "$(grep -c " items, " "$out")" -eq "$(ls "$S"/samples/*.xml | wc -l)"'

expect_exit "second import of the same files" 0 --sources "$S" import -q "$S"/samples/*.xml
check "second import adds no item" 'test "$(sql "SELECT count(*) FROM items")" -eq "$items"'
check "second import adds no event" 'test "$(sql "SELECT count(*) FROM events")" -eq "$events"'
check "second import adds no revision" 'test "$(sql "SELECT count(*) FROM item_revisions")" -eq 0'
check "--quiet prints nothing" 'test ! -s "$out"'

# a changed title is a revision of the same item
cp "$FIXTURES/rss2-basic.xml" "$TMP/example.xml"
expect_exit "import with --company" 0 import --company Example "$TMP/example.xml"
check "source named after the file" 'test "$(sql "SELECT company FROM sources WHERE name = '"'example'"'")" = Example'
before=$(sql "SELECT count(*) FROM items")
cp "$FIXTURES/rss2-revised.xml" "$TMP/example.xml"
expect_exit "import of the changed file" 0 import --source example "$TMP/example.xml"
check "no new item" 'test "$(sql "SELECT count(*) FROM items")" -eq "$before"'
check "one revision" 'test "$(sql "SELECT count(*) FROM item_revisions")" -eq 1'
check "the revision keeps the old title" \
	'sql "SELECT title FROM item_revisions" | grep -q "what the “national law” position means$"'
check "the item has the new title" \
	'test "$(sql "SELECT count(*) FROM items WHERE title LIKE '"'%for customers'"'")" -eq 1'
check "the summary reports the revision" 'grep -q "0 new, 1 revised" "$out"'
check "the event follows the new title" \
	'test "$(sql "SELECT count(*) FROM events WHERE title LIKE '"'%for customers'"'")" -eq 1'

fts_count() {
	printf "SELECT count(*) FROM items_fts WHERE items_fts MATCH '%s';" "$1" | sqlite3 "$ANNALS_DB"
}
check "the full-text index follows the revision" \
	'test "$(fts_count "\"what our\"")" -eq 1 && test "$(fts_count "\"what the\"")" -eq 0'
check "the full-text index is consistent" \
	'sql "INSERT INTO items_fts (items_fts) VALUES ('"'integrity-check'"')" && test $? -eq 0'

# list
expect_exit "list without --all" 0 list
check "the default timeline holds the policy moves" \
	'grep -q "^2020-06-10  Amazon      moratorium  Amazon announces a one-year moratorium" "$out" && ! grep -q "Quarter Results" "$out"'
check "with their periods" 'grep -q "\[until 2021-06-10\]$" "$out" && grep -q "\[until there is a national law\]$" "$out"'
expect_exit "list --all" 0 list --all
check "list --all shows every event" 'test "$(wc -l <"$out")" -eq "$(sql "SELECT count(*) FROM events")"'
check "oldest first" 'head -1 "$out" | grep -q "^2019-02-07  Amazon "'
check "columns: day, company, action, title" \
	'grep -q "^2020-06-08  IBM         exit        IBM CEO’s Letter to Congress on Racial Justice Reform$" "$out"'
expect_exit "list --all -r" 0 list --all -r
check "--reverse lists newest first" 'head -1 "$out" | grep -q "^2023-09-28"'
expect_exit "list --since/--until" 0 list --all --since 2020-06 --until 2020-06-11
check "only June 8-11, 2020" 'test "$(wc -l <"$out")" -eq 6 && ! grep -Ev "^2020-06-(0[89]|1[01])  " "$out"'
expect_exit "list --company" 0 list --all --company ibm
check "company filter ignores case" 'test -s "$out" && ! grep -qv "  IBM  " "$out"'
expect_exit "list --search" 0 list --all --search moratorium
check "full-text search finds the moratorium items" \
	'grep -q "one-year moratorium" "$out" && grep -q "extends its moratorium" "$out" && test "$(wc -l <"$out")" -eq 2'
expect_exit "bad FTS syntax is a clear runtime error" 1 list --all --search '"unbalanced'
check "FTS error names the problem" 'grep -q "^annals: " "$err"'

# the JSON contract
expect_exit "list --all --json" 0 list --all --json
cat >"$TMP/check.py" <<'PY'
import json, sys
keys = ["id", "day", "company", "action", "topics", "title", "summary",
        "until", "until_text", "follows", "policy", "origin", "starred",
        "sources"]
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    ev = json.loads(line)
    assert list(ev) == keys, list(ev)
    assert isinstance(ev["id"], int)
    assert len(ev["day"]) == 10 and ev["day"][4] == "-"
    assert ev["action"] in ("exit", "moratorium", "restrict", "extend",
                            "resume", "pledge", "advocate", "standard",
                            "other")
    assert ev["policy"] in (True, False)
    assert ev["policy"] or ev["action"] == "other"
    assert ev["origin"] == "extracted" and ev["starred"] is False
    assert isinstance(ev["topics"], list)
    assert ev["sources"], ev
    for s in ev["sources"]:
        assert list(s) == ["source", "url", "published"], s
        assert s["published"] is None or s["published"].endswith("Z")
    n += 1
print(n)
PY
check "every line is a contract object" 'test "$(python3 "$TMP/check.py" "$out")" -eq "$(sql "SELECT count(*) FROM events")"'
check "the extension follows the moratorium" \
	'test "$(sql "SELECT count(*) FROM events e JOIN events f ON f.id = e.follows WHERE e.action = '"'extend'"' AND f.action = '"'moratorium'"' AND f.day = '"'2020-06-10'"'")" -eq 1'
check "a cluster lists every source" 'grep "precision regulation" "$out" | grep -q "\"source\": \"ibm-newsroom\".*\"source\": \"ibm-policy\"\|\"source\": \"ibm-policy\".*\"source\": \"ibm-newsroom\""'
check "sources name the source and link the item" \
	'grep -q "\"sources\": \[{\"source\": \"ibm-policy\", \"url\": \"https://" "$out"'
check "published is UTC" 'grep -q "\"published\": \"2020-06-08T22:30:00Z\"" "$out"'
check "the day is the publisher's local day" \
	'grep "Detecting bias in training data" "$out" | grep -q "\"day\": \"2020-12-08\""'

# terminal safety: nothing from a feed reaches stdout raw
expect_exit "import of a feed with escape sequences" 0 import --company Evil "$FIXTURES/escapes.xml"
expect_exit "list it" 0 list --all --company Evil
check "no ESC, BEL, BS or C1 bytes in the text output" \
	'! LC_ALL=C grep -q "$(printf "[\033\007\010]")" "$out" && ! grep -q "$(printf "\302\233")" "$out"'
check "no bidi override in the text output" '! grep -q "$(printf "\342\200\256")" "$out"'
check "the readable part survives" 'grep -q "Red alert" "$out"'
expect_exit "list it as JSON" 0 list --all --json --company Evil
check "no raw control bytes in the JSON output" '! LC_ALL=C grep -q "$(printf "[\001-\010\013-\037\033]")" "$out"'

done_testing
