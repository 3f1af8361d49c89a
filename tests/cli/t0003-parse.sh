#!/bin/sh
# annals parse: the JSON debug view other tools rely on.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/contract.py" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert list(d) == ["format", "feed", "items"], list(d)
assert list(d["feed"]) == ["title", "link", "subtitle", "updated"]
fields = ["id", "title", "link", "published", "updated", "summary",
          "content", "author", "categories"]
for it in d["items"]:
    assert list(it) == fields, list(it)
    assert it["id"], it
    for k in ("published", "updated"):
        v = it[k]
        assert v is None or (len(v) == 20 and v.endswith("Z")), v
    assert isinstance(it["categories"], list)
    for k in ("title", "summary", "content", "author"):
        v = it[k]
        assert v is None or (v == v.strip() and "  " not in v
                             and not any(ord(c) < 32 for c in v)), (k, v)
print(d["format"], len(d["items"]))
PY
contract() {
	python3 "$TMP/contract.py" "$out"
}
# field FILTER: evaluate a Python expression over the parsed output, d.
field() {
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$out"
}

for f in rss2-basic rss2-revised rss2-noguid latin1 invalid-utf8 escapes truncated; do
	expect_exit "parse $f.xml" 0 parse "$FIXTURES/$f.xml"
	check "$f.xml follows the contract" 'contract | grep -q "^rss2.0 "'
done
expect_exit "parse atom-basic.xml" 0 parse "$FIXTURES/atom-basic.xml"
check "atom-basic.xml follows the contract" 'test "$(contract)" = "atom1.0 3"'
for f in "$TOP"/feeds/samples/*.xml; do
	expect_exit "parse sample $(basename "$f")" 0 parse "$f"
	check "sample $(basename "$f") follows the contract" 'contract >/dev/null'
done

expect_exit "parse rss2-basic.xml again" 0 parse "$FIXTURES/rss2-basic.xml"
check "RFC 822 date with offset becomes UTC" \
	'test "$(field "d[\"items\"][1][\"published\"]")" = 2020-06-11T16:30:00Z'
check "guid is the id" 'test "$(field "d[\"items\"][0][\"id\"]")" = urn:example:news:1001'
check "escaped HTML in descriptions becomes text" \
	'test "$(field "d[\"items\"][1][\"summary\"]")" = "Five questions & answers about our stance — and what comes next."'
check "content:encoded is read" 'field "d[\"items\"][2][\"content\"]" | grep -q "^Revenue rose 4%"'
check "categories are listed" 'test "$(field "d[\"items\"][0][\"categories\"]")" = "['"'Policy', 'Facial Recognition'"']"'

expect_exit "parse atom with xml:base" 0 parse "$FIXTURES/atom-basic.xml"
check "relative link resolved against xml:base" \
	'test "$(field "d[\"items\"][0][\"link\"]")" = https://example.org/news/2020/06/exit-face-analysis.html'
check "type=html title decoded" \
	'test "$(field "d[\"items\"][1][\"title\"]")" = "Example Org & partners publish an AI standard"'
check "xhtml content flattened" 'field "d[\"items\"][0][\"content\"]" | grep -q "^Effective today, the product is withdrawn. Existing"'
check "author name" 'test "$(field "d[\"items\"][0][\"author\"]")" = "Alex Example"'

expect_exit "parse rss2-noguid.xml" 0 parse "$FIXTURES/rss2-noguid.xml"
check "link stands in for a missing guid" 'test "$(field "d[\"items\"][0][\"id\"]")" = https://example.net/posts/linked-item'
check "hash id when there is neither" 'field "d[\"items\"][1][\"id\"]" | grep -q "^hash:[0-9a-f]\{16\}$"'
first=$(field 'd["items"][1]["id"]')
run parse "$FIXTURES/rss2-noguid.xml"
check "the hash id is stable" 'test "$(field "d[\"items\"][1][\"id\"]")" = "$first"'

run parse - <"$FIXTURES/rss2-basic.xml"
check "parse reads standard input" 'test "$rc" -eq 0 && contract | grep -q "^rss2.0 3$"'
run parse --url https://example.com/feed/ - <<'XML'
<rss version="2.0"><channel><title>t</title><item><title>x</title><link>/a/b.html</link></item></channel></rss>
XML
check "--url resolves relative links" 'test "$(field "d[\"items\"][0][\"link\"]")" = https://example.com/a/b.html'

expect_exit "latin1 feed" 0 parse "$FIXTURES/latin1.xml"
check "declared ISO-8859-1 becomes UTF-8" 'grep -q "Déclaration sur la reconnaissance faciale" "$out"'
expect_exit "invalid UTF-8" 0 parse "$FIXTURES/invalid-utf8.xml"
check "stray Windows-1252 bytes are read as such" 'grep -q "“precision” rules, says café talk" "$out"'
expect_exit "escape sequences" 0 parse "$FIXTURES/escapes.xml"
check "no control characters in the JSON" '! LC_ALL=C grep -q "$(printf "[\001-\010\013-\037\033]")" "$out" && ! grep -q "\\\\u00" "$out"'
check "no C1 or bidi controls" '! grep -q "$(printf "\302\233")" "$out" && ! grep -q "$(printf "\342\200\256")" "$out"'

expect_exit "undeclared UTF-8 under an ASCII declaration" 0 parse "$FIXTURES/feeds/encoding-ascii-declared.xml"
check "its items are all there" 'test "$(field "len(d[\"items\"])")" -eq 3 && grep -q "Café opening" "$out"'
expect_exit "an unknown declared encoding is ignored" 0 parse "$FIXTURES/feeds/encoding-unknown-declared.xml"
check "read as UTF-8, then Windows-1252" 'grep -q "“Smart” quotes – dash" "$out" && grep -q "Unknown encoding été" "$out"'
expect_exit "raw HTML in descriptions" 0 parse "$FIXTURES/feeds/rss-raw-html-description.xml"
check "no item is swallowed" 'test "$(field "len(d[\"items\"])")" -eq 6'
check "a stray end tag does not cut the text" 'test "$(field "d[\"items\"][2][\"summary\"]")" = "kept x kept y"'
cat >"$TMP/rdf-only.xml" <<'XML'
<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="https://x.test/"/></rdf:RDF>
XML
expect_exit "rdf:RDF without an RSS channel is not a feed" 1 parse "$TMP/rdf-only.xml"
check "it says so" 'grep -q "not a feed" "$err" && test ! -s "$out"'

expect_exit "external entities are not loaded" 0 parse "$FIXTURES/hostile-xxe.xml"
check "no file content leaks" '! grep -q "root:" "$out"'
expect_exit "entity bomb is refused without blowing up" 0 parse "$FIXTURES/hostile-bomb.xml"
check "no expansion in the output" 'test "$(wc -c <"$out")" -lt 10000'

expect_exit "truncated feed gives what is readable" 0 parse "$FIXTURES/truncated.xml"
check "both complete items are there" 'test "$(field "len(d[\"items\"])")" -ge 2'
check "a warning says it was damaged" 'grep -q "^annals: .*recovered" "$err"'

for f in not-a-feed.html not-xml.txt empty.xml; do
	expect_exit "$f is an error" 1 parse "$FIXTURES/$f"
	check "$f: one line on stderr, nothing on stdout" \
		'test "$(wc -l <"$err")" -eq 1 && grep -q "^annals: " "$err" && test ! -s "$out"'
done
check "an HTML page is called one" 'run parse "$FIXTURES/not-a-feed.html"; grep -q "not a feed.*HTML" "$err"'
# a large feed whose own title comes last: items are written by a second
# thread and spooled until the header is known
python3 - "$TMP/big.xml" <<'PY'
import sys
items = "".join(
    "<item><title>Item %d &amp; \"quoted\"</title><link>https://big.example/%d</link>"
    "<pubDate>Wed, 10 Jun 2020 21:30:00 -0700</pubDate>"
    "<description>&lt;p&gt;Body %d&lt;/p&gt;</description></item>\n" % (i, i, i)
    for i in range(5000))
open(sys.argv[1], "w").write(
    '<?xml version="1.0"?><rss version="2.0"><channel>' + items +
    "<title>Late title</title><link>https://big.example/</link>"
    "</channel></rss>\n")
PY
expect_exit "a large feed with its title last" 0 parse "$TMP/big.xml"
check "every item, in order, and the late header" 'test "$(field "len(d[\"items\"])")" = 5000 && test "$(field "d[\"items\"][4999][\"title\"]")" = "Item 4999 & \"quoted\"" && test "$(field "d[\"feed\"][\"title\"]")" = "Late title"'
if [ -w /dev/full ]; then
	"$ANNALS" parse "$TMP/big.xml" >/dev/full 2>"$err"
	rc=$?
	check "a full disk: exit 1 with the reason" 'test "$rc" -eq 1 && grep -q "cannot write the output: No space left" "$err"'
	"$ANNALS" parse "$FIXTURES/rss2-basic.xml" >/dev/full 2>"$err"
	rc=$?
	check "also for a small feed" 'test "$rc" -eq 1 && grep -q "cannot write the output" "$err"'
fi

expect_exit "a missing file is an error" 1 parse "$TMP/nope.xml"
check "it names the file" 'grep -q "nope.xml.: No such file" "$err"'

done_testing
