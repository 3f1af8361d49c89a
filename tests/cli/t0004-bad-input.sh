#!/bin/sh
# Bad input: a clear error, the right exit status, the database unchanged.
. "$(dirname "$0")/lib.sh"

sum() {
	cksum <"$1"
}

expect_exit "list before any database exists" 1 list
check "it says there is no database yet" 'grep -q "^annals: .*no database yet" "$err"'
check "list does not create one" 'test ! -e "$ANNALS_DB"'

expect_exit "import of a missing file" 1 import --company X "$TMP/missing.xml"
check "one line naming the file" 'test "$(wc -l <"$err")" -eq 1 && grep -q "^annals: .*missing.xml.*No such file" "$err"'

expect_exit "a good import first" 0 import --company Example "$FIXTURES/rss2-basic.xml"
before=$(sum "$ANNALS_DB")
items=$(sql "SELECT count(*) FROM items")
for f in not-xml.txt not-a-feed.html empty.xml; do
	cp "$FIXTURES/$f" "$TMP/rss2-basic.xml"
	expect_exit "import of $f fails" 1 import --company Example "$TMP/rss2-basic.xml"
	check "$f: one clear line" 'test "$(wc -l <"$err")" -eq 1 && grep -q "^annals: .*rss2-basic.xml" "$err"'
	check "$f: nothing stored" 'test "$(sql "SELECT count(*) FROM items")" -eq "$items"'
done
expect_exit "a failing file does not stop the others" 1 import --company Example "$TMP/missing.xml" "$FIXTURES/atom-basic.xml"
check "the good file was imported" 'grep -q "atom-basic.xml: 3 items, 3 new" "$out"'

# a database that is not SQLite
printf 'just some text, not a database\n' >"$TMP/text.db"
t0=$(sum "$TMP/text.db")
expect_exit "import into a non-SQLite file" 1 --db "$TMP/text.db" import --company X "$FIXTURES/rss2-basic.xml"
check "it says so" 'grep -q "^annals: .*text.db.: not an SQLite database" "$err"'
check "the file is unchanged" 'test "$(sum "$TMP/text.db")" = "$t0"'
expect_exit "list of a non-SQLite file" 1 --db "$TMP/text.db" list
check "no journal left beside it" 'test ! -e "$TMP/text.db-wal" && test ! -e "$TMP/text.db-journal"'

# a database from a newer annals
sqlite3 "$TMP/new.db" "CREATE TABLE future (x); PRAGMA user_version = 9;"
t0=$(sum "$TMP/new.db")
expect_exit "import into a newer schema" 1 --db "$TMP/new.db" import --company X "$FIXTURES/rss2-basic.xml"
check "it names both versions" 'grep -q "schema version 9 is newer than this annals understands (7)" "$err"'
check "the newer database is unchanged" 'test "$(sum "$TMP/new.db")" = "$t0"'
expect_exit "list of a newer schema" 1 --db "$TMP/new.db" list --all

# someone else's database
sqlite3 "$TMP/other.db" "CREATE TABLE contacts (name);"
t0=$(sum "$TMP/other.db")
expect_exit "import into a foreign database" 1 --db "$TMP/other.db" import --company X "$FIXTURES/rss2-basic.xml"
check "it refuses" 'grep -q "not an annals database" "$err"'
check "the foreign database is unchanged" 'test "$(sum "$TMP/other.db")" = "$t0" && test "$(sqlite3 "$TMP/other.db" "SELECT count(*) FROM sqlite_master")" -eq 1'

# a version-0 (empty) database is migrated
sqlite3 "$TMP/v0.db" "PRAGMA user_version = 0; CREATE TABLE t (x); DROP TABLE t;"
check "the v0 file is an SQLite file" 'test -s "$TMP/v0.db"'
expect_exit "import into a v0 database" 0 --db "$TMP/v0.db" import --company X "$FIXTURES/rss2-basic.xml"
check "it was migrated to version 7" 'test "$(sqlite3 "$TMP/v0.db" "PRAGMA user_version")" -eq 7'
check "and holds the items" 'test "$(sqlite3 "$TMP/v0.db" "SELECT count(*) FROM items")" -eq 3'

# a version-1 database (full-text triggers) is migrated to the current one
sqlite3 "$TMP/v1.db" <"$FIXTURES/db-v1.sql"
check "the v1 fixture is at version 1" 'test "$(sqlite3 "$TMP/v1.db" "PRAGMA user_version")" -eq 1'
expect_exit "import into a v1 database" 0 --db "$TMP/v1.db" import --company X "$FIXTURES/atom-basic.xml"
check "it was migrated to version 7" 'test "$(sqlite3 "$TMP/v1.db" "PRAGMA user_version")" -eq 7'
check "without the old triggers" 'test "$(sqlite3 "$TMP/v1.db" "SELECT count(*) FROM sqlite_master WHERE type = '"'trigger'"'")" -eq 0'
check "with the evidence column" 'sqlite3 "$TMP/v1.db" "SELECT evidence FROM events" >/dev/null'
check "its new items are searchable" 'test "$(sqlite3 "$TMP/v1.db" "SELECT count(*) FROM items_fts WHERE items_fts MATCH '"'partners'"'")" -eq 1'

# a reader (list) upgrades an older database it may write, and refuses
# one it may not, leaving the file as it was
sqlite3 "$TMP/v1r.db" <"$FIXTURES/db-v1.sql"
cp "$TMP/v1r.db" "$TMP/v1ro.db"
expect_exit "list on a v1 database" 0 --db "$TMP/v1r.db" list --all
check "list upgraded it to version 7" 'test "$(sqlite3 "$TMP/v1r.db" "PRAGMA user_version")" -eq 7'
chmod a-w "$TMP/v1ro.db"
if [ -w "$TMP/v1ro.db" ]; then
	ok "# SKIP read-only files are writable for root"
else
	expect_exit "list on a read-only v1 database" 1 --db "$TMP/v1ro.db" list
	check "it says how to upgrade" 'grep -q "old schema and the file is read-only" "$err"'
	check "the file is still version 1" 'test "$(sqlite3 "$TMP/v1ro.db" "PRAGMA user_version")" -eq 1'
fi

# directories
expect_exit "a --db in a missing directory" 1 --db "$TMP/nodir/annals.db" import --company X "$FIXTURES/rss2-basic.xml"
check "it says why" 'grep -q "^annals: .*nodir/annals.db" "$err"'
check "the directory is not created" 'test ! -e "$TMP/nodir"'
: >"$TMP/plainfile"
expect_exit "a --db under a regular file" 1 --db "$TMP/plainfile/annals.db" import --company X "$FIXTURES/rss2-basic.xml"
check "it says why" 'grep -q "^annals: .*plainfile/annals.db.: Not a directory" "$err"'
expect_exit "a directory as --db" 1 --db "$TMP" list
check "it says so" 'grep -q "is a directory" "$err"'

# a guid the feed repeats: the same entry twice is stored once, another
# entry under it gets an id of its own; a second import revises nothing
cat >"$TMP/dup.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Careless CMS</title>
<item><title>One</title><link>https://x.test/1</link><guid>dup</guid></item>
<item><title>One</title><link>https://x.test/1</link><guid>dup</guid></item>
<item><title>Two</title><link>https://x.test/2</link><guid>dup</guid></item>
</channel></rss>
XML
expect_exit "a repeated guid: import" 0 --db "$TMP/dup.db" import --company X "$TMP/dup.xml"
check "... says the input was damaged" 'grep -q "2 items, 2 new, 0 revised.*damaged input recovered" "$out"'
expect_exit "a repeated guid: import again" 0 --db "$TMP/dup.db" import --company X "$TMP/dup.xml"
check "... no revision of itself" 'grep -q "0 new, 0 revised" "$out" && test "$(sqlite3 "$TMP/dup.db" "SELECT count(*) FROM item_revisions")" -eq 0'
check "... two items, each with its title" 'test "$(sqlite3 "$TMP/dup.db" "SELECT group_concat(title) FROM (SELECT title FROM items ORDER BY title)")" = "One,Two"'

# the default database lives in the XDG data directory
unset ANNALS_DB
expect_exit "import into the default database" 0 import --company X "$FIXTURES/rss2-basic.xml"
check "created under ~/.local/share/annals" 'test -s "$HOME/.local/share/annals/annals.db"'
export XDG_DATA_HOME="$TMP/xdg"
expect_exit "import with XDG_DATA_HOME" 0 import --company X "$FIXTURES/rss2-basic.xml"
check "created under XDG_DATA_HOME" 'test -s "$TMP/xdg/annals/annals.db"'
export ANNALS_DB="$TMP/env.db"
expect_exit "ANNALS_DB wins over XDG" 0 import --company X "$FIXTURES/rss2-basic.xml"
check "created at ANNALS_DB" 'test -s "$TMP/env.db"'
expect_exit "--db wins over ANNALS_DB" 0 --db "$TMP/opt.db" import --company X "$FIXTURES/rss2-basic.xml"
check "created at --db" 'test -s "$TMP/opt.db"'

done_testing
