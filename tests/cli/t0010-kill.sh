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
	if [ "$dups" != 0 ] || [ "$orphans" != 0 ]; then
		echo "# trial $trial: $dups duplicates, $orphans items without an event"
		break
	fi
	trial=$((trial + 1))
done
check "20 kills: integrity ok, no duplicates, every item has its event" 'test "$trial" -eq 20'
check "list never failed while a fetch wrote" 'test ! -s "$TMP/readers"'
run --sources "$TMP/src" fetch --force --quiet
check "the next fetch completes" 'test "$rc" -eq 0'
check "no item is lost" 'test "$(sql "SELECT count(*) FROM items")" -eq "$expected"'
check "the database is intact" 'test "$(sql "PRAGMA integrity_check")" = ok'
check "so is the full-text index" \
	'sql "INSERT INTO items_fts (items_fts) VALUES ('"'integrity-check'"')" && test "$(sql "SELECT count(*) FROM items_fts")" -eq "$expected"'
done_testing
