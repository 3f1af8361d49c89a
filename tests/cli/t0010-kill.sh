#!/bin/sh
# kill -9 of a fetch at random moments: the database stays consistent and
# the next run loses and duplicates nothing.
. "$(dirname "$0")/lib.sh"
start_server
mkdir -p "$TMP/src"
i=0
while [ $i -lt 30 ]; do
	python3 "$TOP/tests/bench/genfeed.py" rss 0.05 "$TMP/www/f$i.xml"
	# the same guids in every file: make them unique per feed
	sed -i "s|https://example.com/?p=|https://example.com/f$i/?p=|" "$TMP/www/f$i.xml"
	printf '[f%d]\ncompany = Example\nurl = %s/f%d.xml\n\n' $i "$BASE" $i >>"$TMP/src/k.conf"
	i=$((i + 1))
done
printf '[slow]\ncompany = Example\nurl = %s/x/sleep1\n' "$BASE" >>"$TMP/src/k.conf"
expected=$(cat "$TMP"/www/f*.xml | grep -c "<item>")
expected=$((expected + 1))

# a database with its schema, so that readers always have one to read
"$ANNALS" reextract -q
trial=0
while [ $trial -lt 20 ]; do
	"$ANNALS" --sources "$TMP/src" fetch --force --quiet >/dev/null 2>&1 &
	pid=$!
	# somewhere between 0 and 0.6 s into the run
	sleep "0.$(awk -v s=$trial 'BEGIN { srand(s); printf "%d", rand() * 6 }')"
	# readers keep working while the fetch writes
	if ! "$ANNALS" list --all >/dev/null 2>>"$TMP/readers"; then
		echo "list failed during fetch" >>"$TMP/readers"
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	ok_db=$(sqlite3 "$ANNALS_DB" "PRAGMA integrity_check" 2>&1)
	if [ "$ok_db" != "ok" ]; then
		echo "# trial $trial: $ok_db"
		break
	fi
	dups=$(sqlite3 "$ANNALS_DB" "SELECT count(*) - count(DISTINCT source_id || '/' || guid) FROM items")
	orphans=$(sqlite3 "$ANNALS_DB" "SELECT count(*) FROM items WHERE id NOT IN (SELECT item_id FROM event_items)")
	# a fetch stores without foreign-key checks (store_bulk)
	dangling=$(sqlite3 "$ANNALS_DB" "PRAGMA foreign_key_check" | wc -l)
	if [ "$dups" != 0 ] || [ "$orphans" != 0 ] || [ "$dangling" != 0 ]; then
		echo "# trial $trial: $dups duplicates, $orphans items without an event, $dangling dangling references"
		break
	fi
	trial=$((trial + 1))
done
check "20 kills: integrity ok, no duplicates, every item has its event, no dangling reference" 'test "$trial" -eq 20'
check "list never failed while a fetch wrote" 'test ! -s "$TMP/readers"'
run --sources "$TMP/src" fetch --force --quiet
check "the next fetch completes" 'test "$rc" -eq 0'
check "no item is lost" 'test "$(sql "SELECT count(*) FROM items")" -eq "$expected"'
check "the database is intact" 'test "$(sql "PRAGMA integrity_check")" = ok'
check "so is the full-text index" \
	'sql "INSERT INTO items_fts (items_fts) VALUES ('"'integrity-check'"')" && test "$(sql "SELECT count(*) FROM items_fts")" -eq "$expected"'

# Sources that fail among many that do not: the storer commits waiting
# sources together, each in a savepoint of its own; a failure is undone
# and recorded alone, and nothing of the others is lost.
rm -f "$ANNALS_DB" "$ANNALS_DB-wal" "$ANNALS_DB-shm"
i=0
while [ $i -lt 8 ]; do
	printf '[bad%d]\ncompany = Example\nurl = %s/x/html\n\n' $i "$BASE" >>"$TMP/src/k.conf"
	i=$((i + 1))
done
run --sources "$TMP/src" fetch --verbose
check "a run with failing sources exits 1" 'test "$rc" -eq 1'
check "every item of the good sources is stored" \
	'test "$(sql "SELECT count(*) FROM items")" -eq "$expected"'
check "each failing source is recorded as failed, once" \
	'test "$(sql "SELECT count(*) FROM sources WHERE name LIKE '"'bad%'"' AND failures = 1 AND last_error IS NOT NULL")" -eq 8'
check "no good source is recorded as failed" \
	'test "$(sql "SELECT count(*) FROM sources WHERE name NOT LIKE '"'bad%'"' AND (failures != 0 OR last_error IS NOT NULL OR etag IS NULL AND name != '"'slow'"')")" -eq 0'
check "every source is reported once, with its outcome" \
	'test "$(grep -c -E "^(f[0-9]+|slow) ok 200" "$out")" -eq 31 && test "$(grep -c "^bad[0-9] fail" "$out")" -eq 8'
check "references are whole after a fetch" 'test -z "$(sql "PRAGMA foreign_key_check")"'
done_testing
