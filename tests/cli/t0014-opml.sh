#!/bin/sh
# annals opml import and export: subscription lists in and out.
. "$(dirname "$0")/lib.sh"
O="$FIXTURES/opml"

# has_source DIR NAME COMPANY URL: the sources in DIR hold exactly that.
has_source() {
	"$ANNALS" --sources "$1" sources --json 2>/dev/null |
		grep -qF "{\"name\": \"$2\", \"company\": \"$3\", \"kind\": \"feed\", \"url\": \"$4\","
}

# nsources DIR: how many sources DIR defines.
nsources() {
	"$ANNALS" --sources "$1" sources --json 2>/dev/null | grep -c '^{"name"'
}

expect_exit "opml --help" 0 opml --help
check "names both subcommands" 'grep -q "opml import" "$out" && grep -q "export" "$out"'
expect_exit "opml import --help" 0 opml import --help
check "shows the import options" 'grep -q "^usage: .*opml import FILE" "$out" && grep -q -- "--company NAME" "$out" && grep -q -- "--output FILE" "$out"'
expect_exit "opml export --help" 0 opml export --help
check "shows the export usage" 'grep -q "^usage: .*opml export \[--output FILE\]" "$out"'
expect_exit "opml without a subcommand" 2 opml
check "a usage line" 'grep -q "^usage: annals .*opml" "$err"'
expect_exit "an unknown subcommand" 2 opml frob
check "it names it" 'grep -q "no subcommand .frob." "$err"'
expect_exit "import without a file" 2 opml import
check "a usage line" 'grep -q "^usage: annals .*opml import" "$err"'
expect_exit "import of two files" 2 opml import "$O/newsboat.opml" "$O/feedly.opml"
expect_exit "an unknown option" 2 opml import --frob "$O/newsboat.opml"
check "it names it" 'grep -q "unknown option .--frob." "$err"'
expect_exit "--company without a value" 2 opml import "$O/newsboat.opml" --company
expect_exit "a --company that would break the file" 2 opml import --company "A;B" "$O/newsboat.opml"
expect_exit "a --company of two lines" 2 opml import --company "$(printf 'A\nurl = x')" "$O/newsboat.opml"
expect_exit "export takes no argument" 2 opml export extra
check "a usage line" 'grep -q "^usage: annals .*opml export" "$err"'

# newsboat: flat, categories, query: and exec: feeds, duplicate titles
mkdir -p "$TMP/nb"
expect_exit "import of a newsboat export" 0 opml import "$O/newsboat.opml"
cp "$out" "$TMP/nb/newsboat.conf"
check "a comment with the feed's title" 'grep -q "^# AWS News Blog <https://aws.amazon.com/blogs/aws/>$" "$out"'
check "the query: feed is skipped by name" 'grep -q "outline .Unread articles. skipped: url .query:.* is not http or https" "$err"'
check "the exec: feed is skipped by name" 'grep -q "outline .Scraped policy page. skipped" "$err"'
check "nothing else is skipped" 'test "$(wc -l <"$err")" -eq 2'
expect_exit "the generated file loads" 0 --sources "$TMP/nb" sources --check
check "with seven sources" 'test "$(nsources "$TMP/nb")" -eq 7'
check "a category naming AWS gives Amazon" 'has_source "$TMP/nb" aws-news-blog Amazon https://aws.amazon.com/blogs/aws/feed/'
check "a category naming IBM gives IBM; the scheme is lower-cased" \
	'has_source "$TMP/nb" ibm-newsroom IBM "https://newsroom.ibm.com/announcements?pagetemplate=rss"'
check "a title alone names no company" 'has_source "$TMP/nb" microsoft-on-the-issues auto https://blogs.microsoft.com/on-the-issues/feed/'
check "'laws' is not AWS" 'has_source "$TMP/nb" laws-regulations auto https://example.com/laws.xml'
check "duplicate titles get -2, -3" \
	'has_source "$TMP/nb" news auto https://example.org/news/feed/ &&
	 has_source "$TMP/nb" news-2 auto https://example.net/news/rss &&
	 has_source "$TMP/nb" news-3 auto https://example.edu/news.atom'

# Feedly: nested folders, a feed in two folders, url variants, links
mkdir -p "$TMP/fy"
expect_exit "import of a Feedly export with --output" 0 opml import "$O/feedly.opml" --output "$TMP/fy/feedly.conf"
check "it says what it wrote" 'grep -q "feedly.conf: 9 sources, 4 outlines skipped$" "$out"'
check "gopher and feed:// are skipped" 'grep -q "outline .Gopher Hole. skipped: url .gopher:" "$err" && grep -q "outline .Podcast. skipped: url .feed://" "$err"'
check "a link is not a feed" 'grep -q "outline .Hacker News front page. skipped: not a feed" "$err"'
check "a feed in two folders is read once" 'grep -q "outline .Azure Updates. skipped: .* already read as \[azure-updates\]" "$err"'
expect_exit "the generated file loads" 0 --sources "$TMP/fy" sources --check
check "with nine sources" 'test "$(nsources "$TMP/fy")" -eq 9'
check "a folder inside a folder names Amazon" 'has_source "$TMP/fy" aws-machine-learning-blog Amazon https://aws.amazon.com/blogs/machine-learning/feed/ && has_source "$TMP/fy" about-amazon Amazon https://www.aboutamazon.com/news/rss.xml'
check "an Azure folder gives Microsoft" 'has_source "$TMP/fy" azure-updates Microsoft https://azure.microsoft.com/en-us/updates/feed/'
check "an IBM folder gives IBM; names stop at 40 bytes" 'has_source "$TMP/fy" ibm-policy-lab-a-very-long-title-that-go IBM https://www.ibm.com/policy/feed/'
check "other folders give auto" 'has_source "$TMP/fy" ars-technica auto https://feeds.arstechnica.com/arstechnica/index'
check "a url attribute counts, duplicate title" 'has_source "$TMP/fy" ars-technica-2 auto https://feeds.arstechnica.com/arstechnica/policy'
check "accents fold" 'has_source "$TMP/fy" cafe-societe auto https://example.fr/rss'
check "no title: named after the url" 'has_source "$TMP/fy" blog-example-com-feed-xml auto https://blog.example.com/feed.xml'
check "a title without ASCII: named after the url" 'has_source "$TMP/fy" example-jp-feed auto https://example.jp/feed'
expect_exit "--company applies to every feed" 0 opml import --company "Acme Corp" - <"$O/feedly.opml"
check "from standard input too" 'test "$(grep -c "^company = Acme Corp$" "$out")" -eq 9 && ! grep -q "^company = [^A]" "$out"'

# hostile titles and urls cannot add sections or keys
mkdir -p "$TMP/ho"
expect_exit "import of hostile titles" 0 opml import "$O/hostile.opml" -o "$TMP/ho/h.conf"
check "seven sections, no more" 'test "$(grep -c "^\[" "$TMP/ho/h.conf")" -eq 7'
check "every line is a comment, a section or one of three keys" \
	'! grep -Ev "^(#.*|\[[a-z0-9-]+\]|company = Amazon|kind = feed|url = https://[a-z]+\.example/feed|)$" "$TMP/ho/h.conf"'
check "no control characters" '! LC_ALL=C grep -q "[[:cntrl:]]" "$TMP/ho/h.conf"'
check "a title with newlines is one comment line" 'grep -qx "# Evil \[evil\] url = https://evil.example/ company = Evil" "$TMP/ho/h.conf"'
check "C1 controls and bidi overrides are gone" 'grep -qx "# Red txt.exe bell" "$TMP/ho/h.conf"'
check "urls with newlines or spaces are skipped" 'grep -q "outline .Split url. skipped" "$err" && grep -q "outline .Semicolon url. skipped" "$err"'
check "a url too long for a line is skipped" 'grep -q "outline .Long url. skipped: .* longer than" "$err"'
check "warnings are one line each" 'test "$(wc -l <"$err")" -eq 3'
expect_exit "it loads" 0 --sources "$TMP/ho" sources --check
check "as seven sources of the folder's company" 'test "$(nsources "$TMP/ho")" -eq 7 && test "$("$ANNALS" --sources "$TMP/ho" sources --json | grep -c "\"company\": \"Amazon\"")" -eq 7'
check "no injected source" '! "$ANNALS" --sources "$TMP/ho" sources --json | grep -Eq "\"name\": \"(evil|injected|site|folder)\""'
expect_exit "an annals-looking file with hostile categories" 0 opml import "$O/hostile-own.opml" -o "$TMP/ho/h.conf"
expect_exit "loads" 0 --sources "$TMP/ho" sources --check
check "bad categories give auto, bad names are made valid" \
	'has_source "$TMP/ho" x-own auto https://own.example/feed && has_source "$TMP/ho" fine.name_1 auto https://own.example/two'
check "good ones are kept" 'has_source "$TMP/ho" fine.name_1-2 "Example Corp" https://own.example/three'

# hostile XML
expect_exit "a billion laughs is refused" 1 opml import "$O/hostile-bomb.opml"
check "in one line" 'test "$(wc -l <"$err")" -eq 1 && grep -q "not well-formed XML" "$err"'
expect_exit "external entities are not read" 0 opml import "$O/hostile-xxe.opml"
check "the feed is there, no file" 'grep -q "^\[plain\]$" "$out" && ! grep -q "root:" "$out"'
expect_exit "not OPML" 1 opml import "$FIXTURES/rss2-basic.xml"
check "one line naming the root" 'test "$(wc -l <"$err")" -eq 1 && grep -q "^annals: .*rss2-basic.xml.: not OPML (the root element is <rss>)$" "$err"'
check "nothing on standard output" 'test ! -s "$out"'
expect_exit "not XML" 1 opml import "$FIXTURES/not-xml.txt"
check "one line" 'test "$(wc -l <"$err")" -eq 1'
expect_exit "an empty file" 1 opml import "$FIXTURES/empty.xml"
expect_exit "a missing file" 1 opml import "$TMP/none.opml"
head -c 11000000 /dev/zero | tr '\0' ' ' >"$TMP/huge.opml"
expect_exit "more than 10 MB" 1 opml import "$TMP/huge.opml"
check "says so" 'grep -q "larger than 10485760 bytes" "$err"'
expect_exit "an OPML file without feeds" 0 opml import - <<'EOF'
<opml version="2.0"><head/><body><outline text="empty folder"/></body></opml>
EOF
check "a warning and a file that loads" 'grep -q "no feeds" "$err" && cp "$out" "$TMP/empty.conf" && "$ANNALS" --sources "$TMP/empty.conf" sources --check >/dev/null'

# export, and the round trip
mkdir -p "$TMP/src" "$TMP/src2"
cat >"$TMP/src/a.conf" <<'EOF'
[zeta.feed_1]
company = Example Corp
url = https://zeta.example/feed
every = 6h
enabled = no

[alpha]
company = Amazon
url = https://alpha.example/rss?x=1&y=<2>
tags = a, b

[page-one]
company = IBM
kind = page
url = https://page.example/
EOF
cat >"$TMP/src/b.conf" <<'EOF'
[Beta]
company = auto
url = https://beta.example/atom

[micro]
company = Microsoft & <Ünïcode> "Co"
url = https://x.example/
EOF
expect_exit "export" 0 --sources "$TMP/src" opml export
cp "$out" "$TMP/one.opml"
check "is valid XML" 'xmllint --noout "$TMP/one.opml"'
check "one outline per feed, disabled ones too, no pages" 'test "$(grep -c "<outline " "$TMP/one.opml")" -eq 4 && ! grep -q page-one "$TMP/one.opml"'
check "sorted by name, with the company as category" \
	'grep "<outline " "$TMP/one.opml" | sed "s/.* text=\"\([^\"]*\)\".*category=\"\([^\"]*\)\".*/\1 \2/" >"$TMP/names" &&
	 printf "%s\n" "Beta auto" "alpha Amazon" "micro Microsoft &amp; &lt;Ünïcode&gt; &quot;Co&quot;" "zeta.feed_1 Example Corp" | cmp -s - "$TMP/names"'
check "OPML 2.0, no date" 'grep -q "<opml version=\"2.0\">" "$TMP/one.opml" && ! grep -q dateCreated "$TMP/one.opml"'
expect_exit "export --output" 0 --sources "$TMP/src" opml export --output "$TMP/out.opml"
check "writes the same" 'cmp -s "$TMP/one.opml" "$TMP/out.opml"'
expect_exit "import of an export" 0 opml import "$TMP/one.opml" -o "$TMP/src2/back.conf"
expect_exit "loads" 0 --sources "$TMP/src2" sources --check
check "names and companies come back" 'has_source "$TMP/src2" zeta.feed_1 "Example Corp" https://zeta.example/feed && has_source "$TMP/src2" Beta auto https://beta.example/atom'
expect_exit "export again" 0 --sources "$TMP/src2" opml export
check "the round trip is byte-identical" 'cmp -s "$TMP/one.opml" "$out"'
SOURCE_DATE_EPOCH=1700000000 run --sources "$TMP/src" opml export
check "SOURCE_DATE_EPOCH gives a dateCreated" 'test "$rc" -eq 0 && grep -q "<dateCreated>Tue, 14 Nov 2023 22:13:20 GMT</dateCreated>" "$out"'
SOURCE_DATE_EPOCH=soon run --sources "$TMP/src" opml export
check "a bad SOURCE_DATE_EPOCH is an error" 'test "$rc" -eq 2 && grep -q SOURCE_DATE_EPOCH "$err"'
expect_exit "export of the hostile import" 0 --sources "$TMP/ho" opml export
check "is valid XML" 'xmllint --noout "$out"'
expect_exit "export of the bundled sources" 0 --sources "$TOP/feeds" opml export
check "is valid XML with an outline per feed source" \
	'xmllint --noout "$out" && test "$(grep -c "<outline " "$out")" -eq "$("$ANNALS" --sources "$TOP/feeds" sources --json | grep -c "\"kind\": \"feed\"")"'
expect_exit "export to an unwritable place" 1 --sources "$TMP/src" opml export -o "$TMP/no/such/dir.opml"
expect_exit "export with a broken config" 2 --sources "$TMP/none" opml export
done_testing
