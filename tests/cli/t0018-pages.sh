#!/bin/sh
# kind = page: HTML listings with selectors, pagination, article metadata,
# robots.txt, parse --source and sources --test, over the fixture server.
. "$(dirname "$0")/lib.sh"
start_server
cp -r "$FIXTURES/pages/." "$TMP/www/"
mkdir -p "$TMP/src"
conf="$TMP/src/pages.conf"

# source_conf NAME URL [key = value ...]: append a page source
source_conf() {
	add_source page "$@"
}
day() {
	sql "SELECT date(published, 'unixepoch') FROM items WHERE link = '$BASE$2'"
}

# --- parse --source: the selectors on a saved page --------------------
source_conf ibm "https://newsroom.example.test/news/releases" \
	"items = //li[contains(@class, 'wd_item')]" \
	"title = .//div[@class='wd_title']/a" \
	"link = .//div[@class='wd_title']/a" \
	"date = .//div[@class='wd_date']" \
	"summary = .//div[@class='wd_summary']" "delay = 0"
run --sources "$TMP/src" parse --source ibm "$FIXTURES/pages/ibm-listing.html"
check "parse --source reads a page" 'test "$rc" -eq 0 && grep -q "\"format\": \"html\"" "$out"'
check "four items with links" 'test "$(grep -c "\"id\": \"https://" "$out")" -eq 4'
check "relative links resolve against <base href>" 'grep -q "\"link\": \"https://newsroom.example.test/news/2020-06-08-Example-Corp" "$out"'
check "fragments are dropped" 'grep -q "\"link\": \"https://newsroom.example.test/2020-05-19-Quarterly-Results\"" "$out"'
check "a text date (Jul 22, 2026)" 'grep "ai-pledge\"" "$out" | grep -q "\"published\": \"2026-07-22T00:00:00Z\""'
check "a date from the link" 'grep "dated-by-its-link" "$out" | grep -q "\"published\": \"2020-06-11T00:00:00Z\""'
check "entities decoded in titles and summaries" 'grep -q "\"summary\": \"A letter to Congress on & racial justice reform.\"" "$out"'
check "a javascript: link is left out, with a warning" 'grep -q "1 entry left out (no usable link" "$err" && ! grep -q javascript "$out"'
run --sources "$TMP/src" parse --source ibm "$FIXTURES/pages/changed.html"
check "changed markup: exit 1" 'test "$rc" -eq 1'
check "... saying the selector matched nothing" 'grep -q "matched nothing" "$err"'

# the defaults: <article>, a heading with a link, <time datetime>
source_conf blog "https://blog.example.test/blogs/" "delay = 0"
run --sources "$TMP/src" parse --source blog "$FIXTURES/pages/blog-listing.html"
check "default selectors find the articles" 'test "$rc" -eq 0 && test "$(grep -c "\"id\":" "$out")" -eq 2'
check "the heading's text is the title" 'grep -q "\"title\": \"We are implementing a one-year moratorium\"" "$out"'
check "a datetime with its offset, in UTC" 'grep -q "\"published\": \"2020-06-10T23:30:00Z\"" "$out"'
check "a <time> text without datetime" 'grep -q "\"published\": \"2021-05-05T00:00:00Z\"" "$out"'
# blocks with a link and a child whose class names a date (a press-release
# service's newsroom), with no selector: what the hand-written ones find
source_conf plain "https://newsroom.example.test/news/releases" "delay = 0"
run --sources "$TMP/src" parse --source plain "$FIXTURES/pages/ibm-listing.html"
check "default selectors find dated blocks" 'test "$rc" -eq 0 && test "$(grep -c "\"id\": \"https://" "$out")" -eq 4'
check "... with their class-named dates" 'grep "ai-pledge\"" "$out" | grep -q "\"published\": \"2026-07-22T00:00:00Z\""'

# --- config errors name file:line ---------------------------------------
page='[bad]\ncompany = X\nkind = page\nurl = https://x.test/\n'
check_config "an unknown key: did you mean" "${page}item = //li\n" \
	'bad.conf:5: unknown key .item. (did you mean .items.?)'
check_config "a bad max_follow" "${page}max_follow = lots\n" \
	'bad.conf:5: max_follow .lots. is not a number'
check_config "a bad delay" "${page}delay = soon\n" 'bad.conf:5: delay .soon.'
check_config "selectors on a feed" \
	'[bad]\ncompany = X\nurl = https://x.test/\nitems = //li\n' \
	'bad.conf:1: source .bad. (kind = feed) has keys of another kind'
check_config "a selector that is not XPath" "${page}items = //li[\n" \
	'bad.conf:1: items .//li\[. is not valid XPath'

# --- fetch: a listing with dates ----------------------------------------
: >"$conf"
cp "$FIXTURES/pages/ibm-listing.html" "$TMP/www/releases.html"
source_conf ibm "$BASE/news/releases.html" \
	"items = //li[contains(@class, 'wd_item')]" \
	"title = .//div[@class='wd_title']/a" \
	"date = .//div[@class='wd_date']" "delay = 0"
mkdir -p "$TMP/www/news" && mv "$TMP/www/releases.html" "$TMP/www/news/"
fetch
check "fetch stores a page source's items" 'test "$rc" -eq 0 && test "$(sql "SELECT count(*) FROM items")" -eq 4'
check "with their dates" 'test "$(day "" /news/2020-06-08-Example-Corp-Exits-General-Purpose-Facial-Recognition)" = 2020-06-08'
check "and events made of them" 'test "$(sql "SELECT count(*) FROM event_items")" -eq 4'
check "the policy move is found" 'test "$(sql "SELECT policy FROM events WHERE day = '"'"'2020-06-08'"'"'")" = 1'
check "robots.txt was read first" 'head -1 "$SERVER_LOG" | grep -q "\"path\": \"/robots.txt\""'
fetch --force
check "a second poll adds nothing" 'test "$rc" -eq 0 && test "$(sql "SELECT count(*) FROM items")" -eq 4'
check "robots.txt is cached for a day" 'test "$(requests /robots.txt)" -eq 1'
sql "UPDATE robots_cache SET fetched = fetched - 90000"
fetch --force
check "... and read again after it" 'test "$(requests /robots.txt)" -eq 2'

# markup that changed is a failing source, not an empty one
cp "$FIXTURES/pages/changed.html" "$TMP/www/news/releases.html"
touch -d '+1 minute' "$TMP/www/news/releases.html"
fetch --force --verbose
check "changed markup: the source fails" 'test "$rc" -eq 1 && grep -q "matched nothing" "$out$err" 2>/dev/null || grep -q "matched nothing" "$out" "$err"'
check "... and its error is recorded" 'sql "SELECT last_error FROM sources WHERE name = '"'"'ibm'"'"'" | grep -q "matched nothing"'

# --- follow = yes: article metadata, max_follow, robots -------------------
: >"$conf"
source_conf nodates "$BASE/nodates.html" "follow = yes" "max_follow = 3" \
	"delay = 0"
fetch
check "undated listing with follow: ok" 'test "$rc" -eq 0'
check "max_follow = 3: three articles read" 'test "$(grep -c "\"path\": \"/articles/" "$SERVER_LOG")" -eq 3'
check "... the undated rest waits for the next run" 'test "$(count nodates)" -eq 3'
check "JSON-LD @graph: datePublished of the article" 'test "$(day "" /articles/a1.html)" = 2020-06-10'
check "JSON-LD: headline kept from the listing title" 'test "$(item title /articles/a1.html)" = "Graph article"'
check "JSON-LD: description, \\u escapes decoded" 'test "$(item summary /articles/a1.html)" = "We pause sales — for a year."'
check "JSON-LD: dateModified" 'test "$(sql "SELECT updated_raw FROM items WHERE link = '"'"'$BASE/articles/a1.html'"'"'")" = "2020-06-12T10:00:00Z"'
check "OpenGraph article:published_time" 'test "$(day "" /articles/a2.html)" = 2020-06-09'
check "OpenGraph og:description" 'test "$(item summary /articles/a2.html)" = "An OpenGraph description."'
check "<time datetime> in the article" 'test "$(day "" /articles/a3.html)" = 2020-06-08'
fetch --force
check "the next run follows the rest" 'test "$(count nodates)" -eq 5'
check "JSON-LD in an array" 'test "$(day "" /articles/a4.html)" = 2020-06-07'
check "no article is read twice" 'test "$(requests /articles/a1.html)" -eq 1 && test "$(grep -c "\"path\": \"/articles/" "$SERVER_LOG")" -eq 4'
check "a path robots.txt disallows is never requested" 'test "$(requests /private/a5.html)" -eq 0'
check "... its item is kept, undated" 'test "$(sql "SELECT count(*) FROM items WHERE link LIKE '"'"'%/private/a5.html'"'"' AND published IS NULL")" -eq 1'

# --- pagination: next and pages, and the delay between requests ----------
: >"$conf"
source_conf archive "$BASE/list-p1.html" "pages = 3" "delay = 1s"
start=$(date +%s)
fetch
elapsed=$(($(date +%s) - start))
check "pages = 3: three listing pages read" 'test "$(requests /list-p1.html)" -eq 1 && test "$(requests /list-p3.html)" -eq 1'
check "... and not a fourth" 'test "$(requests /list-p4.html)" -eq 0'
check "six items from three pages" 'test "$(count archive)" -eq 6'
check "delay = 1s between requests to the host" 'test "$elapsed" -ge 2'
fetch --force
check "nothing new on page 1: page 2 is not read again" 'test "$(requests /list-p2.html)" -eq 1 && test "$(requests /list-p1.html)" -eq 2'

# two sources of one host keep the delay between them too
: >"$conf"
source_conf one "$BASE/list-p2.html" "delay = 1s"
source_conf two "$BASE/list-p3.html" "delay = 1s"
ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }
start=$(ms)
fetch --force
elapsed=$(($(ms) - start))
check "delay holds across sources of one host" 'test "$rc" -eq 0 && test "$elapsed" -ge 1000'

# --- a listing behind Disallow fails, unrequested --------------------------
: >"$conf"
mkdir -p "$TMP/www/blocked"
cp "$FIXTURES/pages/blog-listing.html" "$TMP/www/blocked/list.html"
source_conf blocked "$BASE/blocked/list.html" "delay = 0"
fetch
check "a disallowed listing is a failing source" 'test "$rc" -eq 1'
check "... and never requested" 'test "$(requests /blocked/list.html)" -eq 0'

# --- robots.txt that fails with 503: nothing is fetched this run ----------
: >"$conf"
source_conf other "$BASE/blog-listing.html" "delay = 0"
sql "DELETE FROM robots_cache"
echo 503 >"$TMP/www/robots.status"
n_before=$(requests /blog-listing.html)
fetch
check "robots.txt 503: the source fails" 'test "$rc" -eq 1 && grep -q "robots.txt could not be read" "$out" "$err"'
check "... and the listing is not requested" 'test "$(requests /blog-listing.html)" -eq "$n_before"'
check "... and the failure is not cached" 'test "$(sql "SELECT count(*) FROM robots_cache")" -eq 0'
rm "$TMP/www/robots.status"
echo 404 >"$TMP/www/robots.status"
fetch --force
check "robots.txt 404: everything is allowed" 'test "$rc" -eq 0 && test "$(requests /blog-listing.html)" -eq $((n_before + 1))'
rm "$TMP/www/robots.status"
sql "DELETE FROM robots_cache"

# --- sources --test: fetch once, print, store nothing --------------------
: >"$conf"
source_conf blog "$BASE/blog-listing.html" "delay = 0"
before=$(sql "SELECT count(*) FROM items")
run --sources "$TMP/src" sources --test blog
check "sources --test prints the items" 'test "$rc" -eq 0 && grep -q "\"format\": \"html\"" "$out" && test "$(grep -c "\"id\":" "$out")" -eq 2'
check "... and stores nothing" 'test "$(sql "SELECT count(*) FROM items")" -eq "$before"'
cp "$FIXTURES/pages/changed.html" "$TMP/www/blog-listing.html"
run --sources "$TMP/src" sources --test blog
check "sources --test on changed markup: exit 1 and why" 'test "$rc" -eq 1 && grep -q "no items" "$err"'
cp "$FIXTURES/rss2-basic.xml" "$TMP/www/feed.xml"
printf '[afeed]\ncompany = Example\nurl = %s/feed.xml\n' "$BASE" >>"$conf"
run --sources "$TMP/src" sources --test afeed
check "sources --test on a feed" 'test "$rc" -eq 0 && grep -q "\"format\": \"rss2.0\"" "$out" && test "$(grep -c "\"id\":" "$out")" -eq 3'
run --sources "$TMP/src" sources --test nosuch
check "sources --test an unknown source: exit 2" 'test "$rc" -eq 2'

# --- import: a saved page as if fetched ----------------------------------
: >"$conf"
source_conf blog2 "https://blog.example.test/blogs/" "delay = 0"
run --sources "$TMP/src" import --source blog2 "$FIXTURES/pages/blog-listing.html"
check "import --source reads a page with its kind" 'test "$rc" -eq 0 && test "$(sql "SELECT count(*) FROM items WHERE link LIKE '"'"'https://blog.example.test/%'"'"'")" -eq 2'

done_testing
