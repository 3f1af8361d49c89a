#!/bin/sh
# Faults of the disk and the database file: a disk that fills up, a
# read-only file or directory, a missing directory, a truncated or
# corrupted database, a newer schema. Each: a clear one-line error, the
# database not overwritten, and the next run (once the fault is gone) fine.
# (t0004 covers a non-SQLite file, a foreign database and the missing
# directory for import; t0010 covers kill -9.)
. "$(dirname "$0")/lib.sh"

sum() {
	cksum <"$1"
}

# one_error: exactly one line on stderr, prefixed "annals: "
one_error() {
	test "$(wc -l <"$err")" -eq 1 && grep -q '^annals: ' "$err"
}

# a feed of N items with guids unique to its name: big_feed FILE N NAME
big_feed() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys
path, n, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
words = "policy facial recognition moratorium police law privacy cloud ".split()
with open(path, "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>\n' % name)
    for i in range(n):
        text = " ".join(words[(i + k) % len(words)] for k in range(120))
        f.write('<item><title>%s item %d</title><guid>%s-%d</guid>'
                '<link>https://example.com/%s/%d</link>'
                '<pubDate>Wed, 10 Jun 2020 18:00:00 GMT</pubDate>'
                '<description>%s %d</description></item>\n'
                % (name, i, name, i, name, i, text, i))
    f.write('</channel></rss>\n')
PY
}

big_feed "$TMP/big.xml" 1500 big
cp "$FIXTURES/rss2-basic.xml" "$TMP/small.xml"

# --- disk full: a 1 MB tmpfs when this system lets us mount one --------
mkdir -p "$TMP/full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m tmpfs "$TMP/full" 2>/dev/null; then
	trap 'umount "$TMP/full" 2>/dev/null; rm -rf "$TMP"' EXIT
	db="$TMP/full/annals.db"
	expect_exit "tmpfs: a small import fits" 0 --db "$db" import --company X "$TMP/small.xml"
	items=$(sqlite3 "$db" "SELECT count(*) FROM items")
	expect_exit "tmpfs: an import that fills the disk fails" 1 --db "$db" import --company X "$TMP/big.xml"
	check "tmpfs: it says the disk is full" 'grep -qi "full" "$err" && grep -q "^annals: " "$err"'
	check "tmpfs: not a crash" 'test "$rc" -lt 128'
	check "tmpfs: the database is intact" 'test "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok'
	check "tmpfs: the earlier items are all there, no half import" 'test "$(sqlite3 "$db" "SELECT count(*) FROM items")" -eq "$items"'
	expect_exit "tmpfs: list still works on a full disk" 0 --db "$db" list --all
	# space is back: the same database on a disk with room
	cp "$db" "$TMP/roomy.db"
	umount "$TMP/full"
	expect_exit "tmpfs: with room again, the import succeeds" 0 --db "$TMP/roomy.db" import --company X "$TMP/big.xml"
	check "tmpfs: and stores every item" 'test "$(sqlite3 "$TMP/roomy.db" "SELECT count(*) FROM items")" -eq $((items + 1500))'
else
	echo "# no tmpfs here (not root or no mount): ulimit -f below covers disk full"
fi

# --- disk full as a file size limit (works anywhere) ---------------------
db="$TMP/ulimit.db"
expect_exit "ulimit: a small import first" 0 --db "$db" import --company X "$TMP/small.xml"
items=$(sqlite3 "$db" "SELECT count(*) FROM items")
before=$(sum "$db")
# files may not grow past 1 MB; SIGXFSZ ignored so that write() fails
(
	trap '' XFSZ
	ulimit -f 2048
	exec "$ANNALS" --db "$db" import --company X "$TMP/big.xml"
) >"$out" 2>"$err"
rc=$?
check "ulimit: the import fails with exit 1" 'test "$rc" -eq 1'
check "ulimit: one clear error" 'one_error'
check "ulimit: the database is intact" 'test "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok'
check "ulimit: nothing of the failed import was kept" 'test "$(sqlite3 "$db" "SELECT count(*) FROM items")" -eq "$items"'
expect_exit "ulimit: without the limit the import succeeds" 0 --db "$db" import --company X "$TMP/big.xml"
check "ulimit: every item stored" 'test "$(sqlite3 "$db" "SELECT count(*) FROM items")" -eq $((items + 1500))'

# --- read-only file and directory -----------------------------------------
# root ignores permissions, so as root the commands run as nobody
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			env HOME="$TMP/rohome" "$ANNALS" "$@"
	else
		"$ANNALS" "$@"
	fi
}
chmod 755 "$TMP"
if [ "$(id -u)" -ne 0 ] && touch "$TMP/ro-probe" && chmod 444 "$TMP/ro-probe" &&
	! (: >>"$TMP/ro-probe") 2>/dev/null; then
	can_ro=1 # permissions hold for us
elif [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
	as_user --version >/dev/null 2>&1; then
	can_ro=1 # root: nobody can run annals here
else
	can_ro=0
fi
chmod 700 "$TMP"
if [ "$can_ro" -eq 0 ]; then
	ok "# SKIP read-only file and directory: permissions cannot be tested here"
else
	chmod 755 "$TMP"
	mkdir -p "$TMP/ro" "$TMP/rohome"
	"$ANNALS" --db "$TMP/ro/annals.db" import --company X "$TMP/small.xml" >/dev/null 2>&1
	# a read-only file in a writable directory
	chmod 777 "$TMP/ro"
	chmod 444 "$TMP/ro/annals.db"
	t0=$(sum "$TMP/ro/annals.db")
	as_user --db "$TMP/ro/annals.db" import --company X "$FIXTURES/atom-basic.xml" >"$out" 2>"$err"
	rc=$?
	check "read-only file: import fails with exit 1" 'test "$rc" -eq 1'
	check "read-only file: one clear error" 'one_error && grep -qi "read-only\|readonly\|permission" "$err"'
	check "read-only file: unchanged" 'test "$(sum "$TMP/ro/annals.db")" = "$t0"'
	as_user --db "$TMP/ro/annals.db" list --all >"$out" 2>"$err"
	rc=$?
	check "read-only file: list reads it" 'test "$rc" -eq 0 && test -s "$out"'
	check "read-only file: still unchanged" 'test "$(sum "$TMP/ro/annals.db")" = "$t0"'
	# a writable file in a read-only directory (no room for the journal)
	rm -f "$TMP/ro/annals.db-wal" "$TMP/ro/annals.db-shm"
	chmod 666 "$TMP/ro/annals.db"
	chmod 755 "$TMP/ro"
	as_user --db "$TMP/ro/annals.db" import --company X "$FIXTURES/atom-basic.xml" >"$out" 2>"$err"
	rc=$?
	check "read-only directory: import fails with exit 1" 'test "$rc" -eq 1'
	check "read-only directory: one clear error" 'one_error'
	check "read-only directory: the file is unchanged" 'test "$(sum "$TMP/ro/annals.db")" = "$t0"'
	as_user --db "$TMP/ro/annals.db" list --all >"$out" 2>"$err"
	rc=$?
	check "read-only directory: list still reads the timeline" 'test "$rc" -eq 0 && test -s "$out" && ! test -s "$err"'
	chmod 444 "$TMP/ro/annals.db"
	as_user --db "$TMP/ro/annals.db" list --all >"$out" 2>"$err"
	rc=$?
	check "read-only file and directory: list reads it" 'test "$rc" -eq 0 && test -s "$out" && ! test -s "$err"'
	check "read-only file and directory: unchanged" 'test "$(sum "$TMP/ro/annals.db")" = "$t0"'
	as_user --db "$TMP/ro/new.db" import --company X "$FIXTURES/atom-basic.xml" >"$out" 2>"$err"
	rc=$?
	check "read-only directory: a new database cannot be made, clearly" 'test "$rc" -eq 1 && one_error && test ! -e "$TMP/ro/new.db"'
	chmod 755 "$TMP/ro"
	chmod 644 "$TMP/ro/annals.db"
	expect_exit "writable again: the import succeeds" 0 --db "$TMP/ro/annals.db" import --company X "$FIXTURES/atom-basic.xml"
	chmod 700 "$TMP"
fi

# --- a missing directory for fetch and export ------------------------------
expect_exit "fetch into a missing directory" 1 --db "$TMP/gone/annals.db" --sources "$TOP/feeds" fetch --quiet
check "it names the path" 'grep -q "^annals: .*gone/annals.db" "$err"'
check "and creates nothing" 'test ! -e "$TMP/gone"'
expect_exit "export from a missing directory" 1 --db "$TMP/gone/annals.db" export -f md
check "no directory made" 'test ! -e "$TMP/gone"'

# --- a truncated database ----------------------------------------------------
good="$TMP/good.db"
"$ANNALS" --db "$good" import --company X "$TMP/big.xml" >/dev/null 2>&1
sqlite3 "$good" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(wc -c <"$good")
head -c $((size / 2)) "$good" >"$TMP/trunc.db"
t0=$(sum "$TMP/trunc.db")
for cmd in "list --all" "export -f csv" "import --company X $TMP/small.xml" "reextract -q"; do
	# shellcheck disable=SC2086
	run --db "$TMP/trunc.db" $cmd
	check "truncated: '${cmd%% /*}' fails cleanly" 'test "$rc" -eq 1 && grep -q "^annals: " "$err"'
	check "truncated: '${cmd%% /*}' says malformed/corrupt" 'grep -qi "malformed\|corrupt\|not a database" "$err"'
	check "truncated: '${cmd%% /*}' overwrites nothing" 'test "$(sum "$TMP/trunc.db")" = "$t0"'
done

# --- a corrupted database: garbage over the schema page --------------------
cp "$good" "$TMP/bad.db"
python3 - "$TMP/bad.db" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(100)
    f.write(bytes((i * 37 + 11) % 256 for i in range(3000)))
PY
t0=$(sum "$TMP/bad.db")
for cmd in "list --all" "export -f md" "import --company X $TMP/small.xml"; do
	# shellcheck disable=SC2086
	run --db "$TMP/bad.db" $cmd
	check "corrupted: '${cmd%% /*}' fails cleanly" 'test "$rc" -eq 1 && one_error'
	check "corrupted: '${cmd%% /*}' overwrites nothing" 'test "$(sum "$TMP/bad.db")" = "$t0"'
done
# garbage deep inside, in the items' pages: the error names the file
cp "$good" "$TMP/deep.db"
python3 - "$TMP/deep.db" <<'PY'
import os, sys
n = os.path.getsize(sys.argv[1])
with open(sys.argv[1], "r+b") as f:
    for off in range(8192, n - 4096, 16384):
        f.seek(off)
        f.write(b"\xff" * 512)
PY
run --db "$TMP/deep.db" export -f jsonl --all
check "damaged pages: export stops with an error or gives what it can" 'test "$rc" -le 1 && ! grep -qv "^annals: " "$err"'
check "damaged pages: not a crash" 'test "$rc" -lt 128'
expect_exit "the good database still works" 0 --db "$good" list --all

# --- a newer schema: fetch, export and search refuse it too --------------
sqlite3 "$TMP/new.db" "CREATE TABLE future (x); PRAGMA user_version = 9;"
t0=$(sum "$TMP/new.db")
printf '[s]\ncompany = X\nurl = http://127.0.0.1:9/feed.xml\n' >"$TMP/s.conf"
for cmd in "--sources $TMP/s.conf fetch --quiet" "export -f ics" "list --search police" "reextract -q"; do
	# shellcheck disable=SC2086
	run --db "$TMP/new.db" $cmd
	check "newer schema: '${cmd##*/}' refuses" 'test "$rc" -eq 1 && grep -q "newer than this annals" "$err"'
	check "newer schema: '${cmd##*/}' changes nothing" 'test "$(sum "$TMP/new.db")" = "$t0"'
done

done_testing
