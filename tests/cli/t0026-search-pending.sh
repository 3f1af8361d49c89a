#!/bin/sh
# A fetch puts its new items in the full-text index once, at the end of the
# run. kill -9 before that leaves them committed but pending: searches
# still find every one, the database and its index stay intact, and the
# next run indexes them.
. "$(dirname "$0")/lib.sh"
start_server
mkdir -p "$TMP/src"
i=0
while [ $i -lt 4 ]; do
	python3 "$TOP/tests/bench/genfeed.py" rss 0.02 "$TMP/www/f$i.xml"
	# the same guids in every file: make them unique per feed
	sed -i "s|https://example.com/?p=|https://example.com/f$i/?p=|" "$TMP/www/f$i.xml"
	printf '[f%d]\ncompany = Example\nurl = %s/f%d.xml\n\n' $i "$BASE" $i >>"$TMP/src/k.conf"
	i=$((i + 1))
done
cp "$TMP/src/k.conf" "$TMP/k.conf"
# a source that answers after 5 s keeps the run from its end
printf '[slow]\ncompany = Example\nurl = %s/x/sleep5\n' "$BASE" >>"$TMP/src/k.conf"
expected=$(cat "$TMP"/www/f*.xml | grep -c "<item>")

# how many events a search finds, through annals
hits() {
	"$ANNALS" list --all --search "$1" --json | wc -l
}
# items holding a word, by a scan of the text rather than the index
scan_where="' ' || lower(coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(content, '')) || ' ' GLOB"
scan() {
	sql "SELECT count(*) FROM items WHERE $scan_where '*[^a-z]$1[^a-z]*'"
}
# and the events they are behind; with a second word, items with both
# (or, with "not", with the first and without the second)
scan_events() {
	w="$scan_where '*[^a-z]$1[^a-z]*'"
	if [ $# -eq 3 ]; then
		w="$w AND $2 ($scan_where '*[^a-z]$3[^a-z]*')"
	fi
	sql "SELECT count(DISTINCT ei.event_id) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE $w"
}
# the items in the full-text index, counted from its terms (it keeps no
# table of documents: columnsize=0)
indexed() {
	sql "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, items_fts, instance); SELECT count(DISTINCT doc) FROM temp.v"
}

intact() {
	test "$(sql "PRAGMA integrity_check")" = ok &&
		sql "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')"
}

"$ANNALS" reextract -q
"$ANNALS" --sources "$TMP/src" fetch --quiet >/dev/null 2>&1 &
pid=$!
i=0
while [ "$(sql "SELECT count(*) FROM items")" -lt "$expected" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "the feeds were stored before the kill" 'test "$(sql "SELECT count(*) FROM items")" -eq "$expected"'
check "their items were not indexed yet" 'test "$(sql "SELECT count(*) FROM fts_pending")" -eq "$expected" && test "$(sql "SELECT count(*) FROM items_fts WHERE items_fts MATCH '"'carbon'"'")" -eq 0'
check "the database and its index are intact" intact
carbon=$(scan carbon)
carbon_ev=$(scan_events carbon)
police_ev=$(scan_events police)
check "a search finds every pending item" 'test "$carbon_ev" -gt 0 && test "$(hits carbon)" -eq "$carbon_ev" && test "$(hits police)" -eq "$police_ev"'
check "FTS5 query syntax works on them" 'test "$(hits "carbon AND police")" -eq "$(scan_events carbon "" police)" && test "$(hits "carbon NOT police")" -eq "$(scan_events carbon NOT police)" && test "$(hits "xylophone OR carbon")" -eq "$carbon_ev" && test "$(hits "xylophone")" -eq 0'
check "a query error is still reported" '! "$ANNALS" list --all --search "\"open" >/dev/null 2>&1'

cp "$TMP/k.conf" "$TMP/src/k.conf"
run --sources "$TMP/src" fetch --force --quiet
check "the next fetch succeeds" 'test "$rc" -eq 0'
check "it indexed what the killed one left" 'test "$(sql "SELECT count(*) FROM fts_pending")" -eq 0 && test "$(indexed)" -eq "$expected"'
check "the index finds what the scan finds" 'test "$(sql "SELECT count(*) FROM items_fts WHERE items_fts MATCH '"'carbon'"'")" -eq "$carbon"'
check "searches find the same" 'test "$(hits carbon)" -eq "$carbon_ev" && test "$(hits police)" -eq "$police_ev"'
check "the database and its index are intact after" intact

# a revised item leaves the index with its old text at once
sed -i '0,/<item><title>[^<]*<\/title>/s//<item><title>Xylophone moratorium<\/title>/' "$TMP/www/f0.xml"
touch -d '+1 minute' "$TMP/www/f0.xml"
run --sources "$TMP/src" fetch --force --quiet --source f0
check "a revised title is found by its new words" 'test "$rc" -eq 0 && test "$(hits xylophone)" -eq 1 && test "$(sql "SELECT count(*) FROM items_fts WHERE items_fts MATCH '"'xylophone'"'")" -eq 1'
check "and its index is intact" intact

# a version-5 database (an index with column sizes), some of its items
# indexed and some pending, is migrated: all of them are found after
cp "$ANNALS_DB" "$TMP/v5.db"
sqlite3 "$TMP/v5.db" "DROP TABLE items_fts;
CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content, content='items', content_rowid='id');
INSERT INTO fts_pending (id) SELECT id FROM items WHERE id % 2 = 0;
INSERT INTO items_fts (rowid, title, summary, content) SELECT id, title, summary, content FROM items WHERE id % 2 = 1;
ALTER TABLE sources DROP COLUMN body_hash;
PRAGMA user_version = 5;"
pending5=$(sqlite3 "$TMP/v5.db" "SELECT count(*) FROM fts_pending")
expect_exit "list --search on a version-5 database" 0 --db "$TMP/v5.db" list --all --search carbon
check "it was migrated to version 7" 'test "$(sqlite3 "$TMP/v5.db" "PRAGMA user_version")" -eq 7'
check "its index keeps no column sizes" 'sqlite3 "$TMP/v5.db" "SELECT sql FROM sqlite_master WHERE name = '"'items_fts'"'" | grep -q "columnsize=0" && test "$(sqlite3 "$TMP/v5.db" "SELECT count(*) FROM sqlite_master WHERE name = '"'items_fts_docsize'"'")" -eq 0'
check "what was indexed is indexed again, what was pending stays so" 'test "$pending5" -gt 0 && test "$(sqlite3 "$TMP/v5.db" "SELECT count(*) FROM fts_pending")" -eq "$pending5" && test "$(ANNALS_DB="$TMP/v5.db" indexed)" -eq $(($(sql "SELECT count(*) FROM items") - pending5))'
check "a search finds the same in it" 'test "$("$ANNALS" --db "$TMP/v5.db" list --all --search carbon --json | wc -l)" -eq "$(hits carbon)"'
done_testing
