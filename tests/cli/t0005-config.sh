#!/bin/sh
# Sources files: file:line errors, unknown keys, duplicates, lookups.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/src"

conf() {
	cat >"$TMP/src/$1"
}

conf a.conf <<'EOF'
# test sources
[example]
company = Example
url = https://example.com/feed.xml
every = 6h

[other]
compny = Other
url = https://example.org/feed.xml
EOF
cp "$FIXTURES/rss2-basic.xml" "$TMP/example.xml"
expect_exit "an unknown key is a configuration error" 2 --sources "$TMP/src" import "$TMP/example.xml"
check "it names file:line and suggests the key" \
	'grep -q "^annals: .*/src/a.conf:8: unknown key .compny. (did you mean .company.?)$" "$err"'
check "nothing was written" 'test ! -e "$ANNALS_DB"'

sed -i 's/compny/company/' "$TMP/src/a.conf"
expect_exit "a fixed file imports by base name" 0 --sources "$TMP/src" import "$TMP/example.xml"
check "the company comes from the config" 'test "$(sql "SELECT company FROM sources WHERE name = '"'example'"'")" = Example'
check "the url comes from the config" 'test "$(sql "SELECT url FROM sources WHERE name = '"'example'"'")" = https://example.com/feed.xml'

conf b.conf <<'EOF'
[example]
company = Again
url = https://example.net/
EOF
expect_exit "a duplicate across files" 2 --sources "$TMP/src" import "$TMP/example.xml"
check "it names both places" 'grep -q "b.conf:1: source .example. is already defined at .*a.conf:2" "$err"'
rm "$TMP/src/b.conf"

conf c.conf <<'EOF'
[bad-url]
company = X
url = ftp://example.com/feed
EOF
expect_exit "a non-http url" 2 --sources "$TMP/src" import "$TMP/example.xml"
check "it says so with file:line" 'grep -q "c.conf:3: url .ftp://example.com/feed. is not http or https" "$err"'
conf c.conf <<'EOF'
[bad-every]
company = X
url = https://x.example/
every = soon
EOF
expect_exit "a bad interval" 2 --sources "$TMP/src" import "$TMP/example.xml"
check "it says so with file:line" 'grep -q "c.conf:4: every .soon." "$err"'
conf c.conf <<'EOF'
[no-url]
company = X
EOF
expect_exit "a source without url" 2 --sources "$TMP/src" import "$TMP/example.xml"
check "it names the section's line" 'grep -q "c.conf:1: source .no-url. has no url" "$err"'
conf c.conf <<'EOF'
[x]
this line has no equals sign
EOF
expect_exit "a syntax error" 2 --sources "$TMP/src" import "$TMP/example.xml"
check "it names the line" 'grep -q "c.conf:2: syntax error" "$err"'
rm "$TMP/src/c.conf"
conf rules.conf <<'EOF'
[rules are not sources]
anything = goes
EOF
expect_exit "rules.conf is not read as sources" 0 --sources "$TMP/src" import -q "$TMP/example.xml"

expect_exit "an unknown source" 2 --sources "$TMP/src" import "$FIXTURES/atom-basic.xml"
check "it suggests --source or --company" 'grep -q "no source named .atom-basic." "$err" && grep -q -- "--company" "$err"'
expect_exit "--source of a known source" 0 --sources "$TMP/src" import --source other "$FIXTURES/atom-basic.xml"
check "items went to that source" 'test "$(sql "SELECT count(*) FROM items JOIN sources s ON s.id = source_id WHERE s.name = '"'other'"'")" -eq 3'
expect_exit "--source of a source only in the database" 0 --sources "$TMP/src" import --source example "$FIXTURES/rss2-revised.xml"
expect_exit "a single sources file works too" 0 --sources "$TMP/src/a.conf" import -q "$TMP/example.xml"
expect_exit "a missing --sources path" 2 --sources "$TMP/none" import "$TMP/example.xml"
check "it names the path" 'grep -q "none.: No such file" "$err"'

expect_exit "the bundled sources are valid" 0 --sources "$TOP/feeds" import -q "$TOP"/feeds/samples/*.xml
done_testing
