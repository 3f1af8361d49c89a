#!/bin/sh
# annals fetch against the fixture server on loopback.
. "$(dirname "$0")/lib.sh"
start_server
cp "$FIXTURES/rss2-basic.xml" "$TMP/www/a.xml"
cp "$FIXTURES/atom-basic.xml" "$TMP/www/b.gz.xml"
mkdir -p "$TMP/src"

# sources NAME URL [extra key = value lines]: append one source
source_conf() {
	name=$1
	url=$2
	shift 2
	{
		printf '[%s]\ncompany = Example\nurl = %s\n' "$name" "$url"
		for kv in "$@"; do printf '%s\n' "$kv"; done
		printf '\n'
	} >>"$TMP/src/test.conf"
}
requests() {
	grep -c "\"path\": \"$1\"" "$SERVER_LOG"
}
fetch() {
	run --sources "$TMP/src" fetch "$@"
}

source_conf a "$BASE/a.xml"
source_conf gz "$BASE/b.gz.xml"
fetch
check "a first fetch succeeds" 'test "$rc" -eq 0'
check "items of both feeds stored" 'test "$(sql "SELECT count(*) FROM items")" -eq 6'
check "the summary line" 'grep -Eq "^2 sources: 2 ok \(0 not modified\), 0 failed; 6 new items, [1-9][0-9]* new policy events$" "$out"'
check "gzip was asked for" 'grep "b.gz.xml" "$SERVER_LOG" | grep -q "\"accept_encoding\": \"[^\"]*gzip"'
check "the User-Agent names annals" 'grep -q "\"user_agent\": \"annals/" "$SERVER_LOG"'
check "validators stored" 'test "$(sql "SELECT count(*) FROM sources WHERE etag IS NOT NULL AND last_modified IS NOT NULL")" -eq 2'

fetch
check "nothing is due an instant later" 'test "$rc" -eq 0 && test "$(requests /a.xml)" -eq 1'
seen=$(sql "SELECT max(last_seen) FROM items")
fetch --force --verbose
check "a forced fetch polls again" 'test "$rc" -eq 0 && test "$(requests /a.xml)" -eq 2'
check "with If-None-Match" 'grep "\"/a.xml\"" "$SERVER_LOG" | tail -1 | grep -q "\"if_none_match\": \"\\\\\"[0-9a-f]*\\\\\"\""'
check "304 is reported" 'grep -q "^a not-modified 304$" "$out"'
check "a 304 writes no item" 'test "$(sql "SELECT max(last_seen) FROM items")" = "$seen"'

# a changed item becomes a revision
sed -i 's/what the “national law” position means/what our position means/' "$TMP/www/a.xml"
touch -d '+1 minute' "$TMP/www/a.xml"
fetch --force --source a --verbose
check "a changed feed is fetched" 'grep -q "^a ok 200 0 new$" "$out"'
check "its changed item is a revision" 'test "$(sql "SELECT count(*) FROM item_revisions")" -eq 1'
check "--source polls only that source" 'test "$(requests /b.gz.xml)" -eq 2'

# a server that sends no validators: a body the last poll read is not
# read again (unless --force), as if it had answered 304
: >"$TMP/src/test.conf"
source_conf plain "$BASE/x/gzip"
fetch --source plain
check "no validators: a first fetch" 'test "$rc" -eq 0 && test "$(sql "SELECT count(*) FROM sources WHERE name = '"'plain'"' AND body_hash IS NOT NULL")" -eq 1'
sql "UPDATE sources SET next_due = 0; UPDATE items SET last_seen = 1"
fetch --source plain --verbose
check "the same body: not modified" 'test "$rc" -eq 0 && grep -q "^plain not-modified 200$" "$out"'
check "... and no item written" 'test "$(sql "SELECT max(last_seen) FROM items")" -eq 1'
fetch --source plain --force --verbose
check "--force reads it again" 'grep -q "^plain ok 200 0 new$" "$out" && test "$(sql "SELECT max(last_seen) FROM items")" -gt 1'

# validators of either kind go back verbatim
: >"$TMP/src/test.conf"
source_conf etag "$BASE/x/etag-only"
source_conf lastmod "$BASE/x/lastmod-only"
fetch && fetch --force --verbose
check "ETag-only: 304 on the second poll" 'grep -q "^etag not-modified 304$" "$out"'
check "Last-Modified-only: 304 on the second poll" 'grep -q "^lastmod not-modified 304$" "$out"'
check "If-Modified-Since sent back verbatim" 'grep -q "\"if_modified_since\": \"Wed, 10 Jun 2020 18:00:00 GMT\"" "$SERVER_LOG"'

# redirects
: >"$TMP/src/test.conf"
source_conf chain "$BASE/x/chain3"
source_conf loop "$BASE/x/loop"
source_conf tofile "$BASE/x/to-file"
fetch --verbose
check "a failing source fails the run" 'test "$rc" -eq 1'
check "a redirect chain is followed" 'grep -q "^chain ok 200 1 new$" "$out"'
check "a redirect loop fails" 'grep -q "^loop fail too many redirects" "$out"'
check "a redirect to file:// is refused" 'grep -q "^tofile fail redirect to a non-HTTP URL refused$" "$out"'
check "nothing came from the file" 'test "$(sql "SELECT count(*) FROM items WHERE title LIKE '"'%root%'"'")" -eq 0'

: >"$TMP/src/test.conf"
source_conf moved "$BASE/x/moved"
fetch --verbose
check "a permanent redirect is followed" 'grep -q "^moved ok 200 1 new$" "$out"'
check "and said once" 'grep -q "moved: moved permanently to $BASE/x/moved-target" "$err"'
check "the new url is recorded" 'test "$(sql "SELECT effective_url FROM sources WHERE name = '"'moved'"'")" = "$BASE/x/moved-target"'
fetch --force --verbose
check "the next poll goes to the new url" 'test "$(requests /x/moved)" -eq 1 && test "$(requests /x/moved-target)" -eq 2'
check "and says nothing more" '! grep -q "moved permanently" "$err"'

# HTTP errors, per source, never stopping the run
: >"$TMP/src/test.conf"
source_conf e404 "$BASE/x/404"
source_conf e500 "$BASE/x/500"
source_conf e429 "$BASE/x/429"
source_conf e410 "$BASE/x/410"
source_conf html "$BASE/x/html"
source_conf fine "$BASE/a.xml"
fetch --verbose
check "errors fail the run" 'test "$rc" -eq 1'
check "404 reported" 'grep -q "^e404 fail HTTP 404$" "$out"'
check "500 reported" 'grep -q "^e500 fail HTTP 500$" "$out"'
check "an HTML page is no feed" 'grep -q "^html fail not a feed.*HTML" "$out"'
check "the good source in the same run succeeded" 'grep -q "^fine ok 200 3 new$" "$out"'
check "failures are counted" 'test "$(sql "SELECT failures FROM sources WHERE name = '"'e404'"'")" -eq 1'
check "the error is kept" 'test "$(sql "SELECT last_error FROM sources WHERE name = '"'e500'"'")" = "HTTP 500"'
now=$(date +%s)
check "Retry-After is honoured" 'test "$(sql "SELECT next_due FROM sources WHERE name = '"'e429'"'")" -ge $((now + 7000))'
check "410 disables the source, with a warning" 'grep -q "e410: 410 Gone; disabled" "$err" && test "$(sql "SELECT disabled FROM sources WHERE name = '"'e410'"'")" -eq 1'
n410=$(requests /x/410)
fetch --force --verbose
check "a disabled source is not polled" 'test "$(requests /x/410)" -eq "$n410" && grep -q "^e410 disabled" "$out"'
check "failures back off" 'test "$(sql "SELECT failures FROM sources WHERE name = '"'e404'"'")" -eq 2'

# limits
: >"$TMP/src/test.conf"
source_conf slow "$BASE/x/slow" "timeout = 2s"
source_conf endless "$BASE/x/endless" "max_size = 1M"
source_conf biglen "$BASE/x/big-length"
source_conf bomb "$BASE/x/gzip-bomb"
source_conf cut "$BASE/x/truncated"
fetch --verbose
check "a slow drip times out" 'grep -q "^slow fail timeout after 2s$" "$out"'
check "an endless body is capped" 'grep -q "^endless fail larger than 1048576 bytes$" "$out"'
check "an announced huge body is refused" 'grep -q "^biglen fail larger than" "$out"'
check "a gzip bomb is capped after decoding" 'grep -q "^bomb fail larger than 20971520 bytes$" "$out"'
check "a truncated body fails" 'grep -q "^cut fail " "$out"'
check "nothing of them was stored" 'test "$(sql "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name IN ('"'slow','endless','biglen','bomb','cut'"')")" -eq 0'

# --quiet: silence unless a source keeps failing
: >"$TMP/src/test.conf"
source_conf fine "$BASE/a.xml"
fetch --quiet --force
check "--quiet is silent when all is well" 'test "$rc" -eq 0 && test ! -s "$out" && test ! -s "$err"'
source_conf flaky "$BASE/x/500"
fetch --quiet --force
check "one failure: exit 1 but silent" 'test "$rc" -eq 1 && test ! -s "$out" && test ! -s "$err"'
fetch --quiet --force
check "two failures: still silent" 'test ! -s "$err"'
fetch --quiet --force
check "three in a row: reported" 'grep -q "^annals: flaky: HTTP 500 (3 failures in a row)$" "$err" && test ! -s "$out"'

# one fetch at a time
python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "w")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(5)
' "$ANNALS_DB.lock" "$TMP/locked" &
holder=$!
i=0
while [ ! -e "$TMP/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fetch --force
check "a second fetch exits 75" 'test "$rc" -eq 75'
check "with one line" 'test "$(wc -l <"$err")" -eq 1 && grep -q "another fetch is running" "$err"'
kill $holder 2>/dev/null
wait $holder 2>/dev/null

# usage
fetch --source nope
check "an unknown --source is a usage error" 'test "$rc" -eq 2'
fetch --jobs 0
check "--jobs 0 is a usage error" 'test "$rc" -eq 2'
done_testing
