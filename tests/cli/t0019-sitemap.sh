#!/bin/sh
# kind = sitemap: indexes, gzip children, match, lastmod order, bounded
# following over several runs, robots.txt, over the fixture server.
. "$(dirname "$0")/lib.sh"
start_server
cp -r "$FIXTURES/pages/." "$TMP/www/"
gzip -9 -n -c "$FIXTURES/pages/sitemap-2020.xml" >"$TMP/www/sitemap-2020.xml.gz"
rm "$TMP/www/sitemap-2020.xml"
mkdir -p "$TMP/src"
conf="$TMP/src/sitemaps.conf"

# source_conf NAME URL [key = value ...]: append a sitemap source
source_conf() {
	add_source sitemap "$@"
}

# --- parse --source on saved sitemaps ---------------------------------------
source_conf press "$BASE/sitemap-index.xml" 'match = /press/[^/]+\.html$' \
	"max_follow = 2" "delay = 0"
run --sources "$TMP/src" parse --source press "$FIXTURES/pages/sitemap-press.xml"
check "parse --source reads a sitemap" 'test "$rc" -eq 0 && grep -q "\"format\": \"sitemap\"" "$out"'
check "match selects the article URLs" 'test "$(grep -c "\"id\":" "$out")" -eq 3 && ! grep -q careers "$out"'
check "newest lastmod first" 'sed -n 3p "$out" | grep -q 2020-06-11-extension'
check "a date from the URL beats lastmod" 'grep moratorium "$out" | grep -q "\"published\": \"2020-06-10T00:00:00Z\", \"updated\": \"2020-06-10T18:00:00Z\""'
run --sources "$TMP/src" parse --source press "$TMP/www/sitemap-2020.xml.gz"
check "a gzip sitemap is inflated" 'test "$rc" -eq 0 && test "$(grep -c "\"id\":" "$out")" -eq 2'
check "news: title and publication date" 'grep -q "\"title\": \"A news sitemap title\", \"link\": \"[^\"]*news-item.html\", \"published\": \"2020-06-09T12:00:00Z\"" "$out"'
run --sources "$TMP/src" parse --source press "$FIXTURES/pages/sitemap-index.xml"
check "an index lists its sitemaps" 'test "$rc" -eq 0 && test "$(grep -c "\"id\":" "$out")" -eq 3 && grep -q "sitemap index" "$err"'
run --sources "$TMP/src" parse --source press "$FIXTURES/pages/ibm-listing.html"
check "HTML is not a sitemap: exit 1" 'test "$rc" -eq 1 && grep -q "not a sitemap" "$err"'
map='[bad]\ncompany = X\nkind = sitemap\nurl = https://x.test/\n'
check_config "backreferences in match are refused" "${map}match = (a)\\\\1\n" \
	'bad.conf:5: .*backreferences'
check_config "a match that is no regex" "${map}match = ([a-z\n" \
	'bad.conf:5: match .* is not a regular expression'
check_config "selectors on a sitemap" "${map}items = //li\n" \
	'has keys of another kind'

# --- fetch: index, children, follow bounded per run ------------------------
fetch
check "the first run succeeds" 'test "$rc" -eq 0'
check "the index and its children are read" 'test "$(requests /sitemap-index.xml)" -eq 1 && test "$(requests /sitemap-press.xml)" -eq 1 && test "$(requests /sitemap-2020.xml.gz)" -eq 1'
check "a child robots.txt disallows is never requested" 'test "$(requests /blocked/sitemap-b.xml)" -eq 0'
check "max_follow = 2: two new URLs, the newest" 'test "$(count press)" -eq 2 && test -n "$(item id /press/2020-06-11-extension.html)" && test -n "$(item id /press/2020-06-10-moratorium.html)"'
check "... each followed once" 'test "$(grep -c "\"path\": \"/press/" "$SERVER_LOG")" -eq 2'
check "titles come from the articles" 'test "$(item title /press/2020-06-11-extension.html)" = "Press release 2020-06-11-extension"'
check "URLs that do not match are never followed" 'test "$(requests /careers/job.html)" -eq 0'
fetch --force
check "the second run: the next two" 'test "$(count press)" -eq 4 && test "$(grep -c "\"path\": \"/press/" "$SERVER_LOG")" -eq 4'
check "news: title kept over the page's" 'test "$(item title /press/news-item.html)" = "A news sitemap title"'
check "a date from <meta name=DC.date.issued>" 'test "$(sql "SELECT date(published, '"'"'unixepoch'"'"') FROM items WHERE link = '"'"'$BASE/press/undated.html'"'"'")" = 2020-04-30'
fetch --force
check "the third run: the last one" 'test "$(count press)" -eq 5'
fetch --force
check "then nothing more to follow" 'test "$rc" -eq 0 && test "$(count press)" -eq 5 && test "$(grep -c "\"path\": \"/press/" "$SERVER_LOG")" -eq 5'
check "no article was read twice" 'test "$(requests /press/2020-06-10-moratorium.html)" -eq 1'

# --- a sitemap that lists nothing matching fails the source ---------------
: >"$conf"
source_conf nomatch "$BASE/sitemap-press.xml" "match = /nothing-like-this/" "delay = 0"
fetch
check "no URL matches: the source fails" 'test "$rc" -eq 1 && sql "SELECT last_error FROM sources WHERE name = '"'"'nomatch'"'"'" | grep -q "no URLs"'

# --- sources --test ----------------------------------------------------------
: >"$conf"
source_conf t "$BASE/sitemap-press.xml" 'match = /press/' "max_follow = 1" "delay = 0"
before=$(sql "SELECT count(*) FROM items")
run --sources "$TMP/src" sources --test t
check "sources --test on a sitemap" 'test "$rc" -eq 0 && grep -q "\"format\": \"sitemap\"" "$out" && test "$(grep -c "\"id\":" "$out")" -eq 1'
check "... stores nothing" 'test "$(sql "SELECT count(*) FROM items")" -eq "$before"'

done_testing
