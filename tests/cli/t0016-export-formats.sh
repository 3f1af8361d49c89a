#!/bin/sh
# annals export -f csv, ics and html: complete, well-formed, harmless with
# hostile titles, and the same bytes for the same database.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=0

expect_exit "init from the bundled archive" 0 --sources "$TOP/feeds" init -q
expect_exit "import of hostile titles" 0 import --company Evil "$FIXTURES/export/hostile-fmt.xml"
expect_exit "a manual follow-up" 0 add --company Acme --day 2021-03-02 \
	--title '=Manual, "follow-up"' --url 'https://example.com/m?a=1&b=2' \
	--until 2022-03-01 --follows 2 --action extend
"$ANNALS" list --all --json >"$TMP/all.jsonl"
"$ANNALS" list --json >"$TMP/policy.jsonl"
"$ANNALS" list --all --company Evil --json >"$TMP/evil.jsonl"
check "the fixture gives ten Evil events" 'test "$(wc -l <"$TMP/evil.jsonl")" -eq 10'

# --- CSV ----------------------------------------------------------------

# csvcheck FILE JSONL: the CSV says what list --json says, cell by cell
cat >"$TMP/csvcheck.py" <<'PY'
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
events = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
def fail(msg):
    print("# " + msg)
    sys.exit(1)
if raw.replace(b"\r\n", b"").count(b"\n") or not raw.endswith(b"\r\n"):
    fail("a line does not end in CRLF")
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
header = ("id,day,company,action,topics,title,summary,until,until_text,"
          "follows,policy,origin,starred,sources").split(",")
if rows[0] != header:
    fail("header %r" % rows[0])
rows = rows[1:]
if len(rows) != len(events):
    fail("%d rows for %d events" % (len(rows), len(events)))
def cell(s):
    s = "" if s is None else str(s)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s
for row, ev in zip(rows, events):
    want = [str(ev["id"]), ev["day"], ev["company"], ev["action"],
            "; ".join(ev["topics"]), ev["title"], ev["summary"], ev["until"],
            ev["until_text"], str(ev["follows"] or ""),
            "true" if ev["policy"] else "false", ev["origin"],
            "true" if ev["starred"] else "false",
            "; ".join(s["url"] for s in ev["sources"] if s["url"])]
    want = [w if i in (0, 9) else cell(w) for i, w in enumerate(want)]
    if row != want:
        fail("row %r\n# want %r" % (row, want))
    for c in row:
        if c[:1] in ("=", "+", "-", "@", "\t", "\r"):
            fail("dangerous cell %r" % c)
PY
expect_exit "export -f csv --all" 0 export -f csv --all
cp "$out" "$TMP/all.csv"
check "every row is the event list --all --json gives" 'python3 "$TMP/csvcheck.py" "$TMP/all.csv" "$TMP/all.jsonl"'
expect_exit "export -f csv" 0 export -f csv
check "the default filters too" 'python3 "$TMP/csvcheck.py" "$out" "$TMP/policy.jsonl"'
expect_exit "export -f csv --company Evil --all" 0 export -f csv --company Evil --all
cp "$out" "$TMP/evil.csv"
check "and a company filter" 'python3 "$TMP/csvcheck.py" "$out" "$TMP/evil.jsonl"'
check "the header row" 'head -1 "$out" | grep -q "^id,day,company,action,topics,title,summary,until,until_text,follows,policy,origin,starred,sources.$"'
check "=cmd is neutralised" "grep -qF \",'=cmd|' /C calc'!A0,\" \"\$out\""
check "+SUM, @ and -1 too" "grep -qF \",'+SUM(1),\" \"\$out\" && grep -qF \",'@x,\" \"\$out\" && grep -qF \",'-1,\" \"\$out\""
cat >"$TMP/hyperlink" <<'EOF'
,"'=HYPERLINK(""http://evil.example"",""click"")",
EOF
check "a summary that is a formula, quoted and neutralised" 'grep -qFf "$TMP/hyperlink" "$out"'
cat >"$TMP/roundtrip.py" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
titles = [r["title"] for r in rows]
want = 'Amazon, IBM and "Microsoft" agree, again; really'
sys.exit(0 if want in titles and
         any(len(t) == 5000 for t in titles) and
         any(t == "<script>alert(1)</script> moratorium" for t in titles)
         else 1)
PY
check "commas, quotes, markup and 5,000 characters round-trip" 'python3 "$TMP/roundtrip.py" "$TMP/evil.csv"'
check "no escape character survives" '! grep -q "$(printf "\033")" "$TMP/all.csv"'
cat >"$TMP/manual" <<'EOF'
,"'=Manual, ""follow-up""",,2022-03-01,,2,true,manual,false,https://example.com/m?a=1&b=2
EOF
check "a manual event: neutralised, quoted, its url as its source" 'grep -qFf "$TMP/manual" "$TMP/all.csv"'
expect_exit "export -f csv of nothing" 0 export -f csv --since 2100
check "is the header alone" 'test "$(wc -l <"$out")" -eq 1'

# --- iCalendar ----------------------------------------------------------

# icscheck FILE JSONL: lines, folding, properties, one VEVENT per event
cat >"$TMP/icscheck.py" <<'PY'
import datetime, json, re, sys
raw = open(sys.argv[1], "rb").read()
events = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
def fail(msg):
    print("# " + msg)
    sys.exit(1)
if not raw.endswith(b"\r\n"):
    fail("no CRLF at the end")
phys = raw[:-2].split(b"\r\n")
for l in phys:
    if len(l) > 75:
        fail("%d octets: %r" % (len(l), l[:80]))
    if b"\n" in l or b"\r" in l:
        fail("a bare CR or LF: %r" % l[:80])
    try:
        l.decode("utf-8")  # folds fall between characters
    except UnicodeDecodeError:
        fail("a fold inside a character: %r" % l)
    if re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", l):
        fail("a control character: %r" % l)
lines = []
for l in phys:
    l = l.decode("utf-8")
    if l[:1] in (" ", "\t"):
        lines[-1] += l[1:]
    else:
        lines.append(l)
prop = re.compile(r"^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=[^;:,\"]*)*:.*$")
for l in lines:
    if not prop.match(l):
        fail("not a property: %r" % l[:80])
if lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
    fail("not one VCALENDAR")
for want in ("VERSION:2.0", "CALSCALE:GREGORIAN"):
    if want not in lines:
        fail("no " + want)
if not any(re.match(r"^PRODID:-//annals//annals [0-9.]+//EN$", l) for l in lines):
    fail("no PRODID")
def unescape(v):
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)
vevents, cur = [], None
for l in lines:
    if l == "BEGIN:VEVENT":
        cur = {}
    elif l == "END:VEVENT":
        vevents.append(cur)
        cur = None
    elif cur is not None:
        name, _, value = l.partition(":")
        if name in cur:
            fail("two %s" % name)
        cur[name] = value
if len(vevents) != len(events):
    fail("%d VEVENTs for %d events" % (len(vevents), len(events)))
stamp = sys.argv[3] if len(sys.argv) > 3 else None
uids = set()
for v, ev in zip(vevents, events):
    for p in ("UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE",
              "SUMMARY"):
        if p not in v:
            fail("no %s in %r" % (p, v))
    if not re.match(r"^[^\s;,\\]+@annals$", v["UID"]) or v["UID"] in uids:
        fail("UID %r" % v["UID"])
    uids.add(v["UID"])
    if stamp and v["DTSTAMP"] != stamp:
        fail("DTSTAMP %r" % v["DTSTAMP"])
    if not re.match(r"^\d{8}T\d{6}Z$", v["DTSTAMP"]):
        fail("DTSTAMP %r" % v["DTSTAMP"])
    day = datetime.date.fromisoformat(ev["day"])
    if v["DTSTART;VALUE=DATE"] != day.strftime("%Y%m%d") or \
       v["DTEND;VALUE=DATE"] != (day + datetime.timedelta(1)).strftime("%Y%m%d"):
        fail("dates %r for %s" % (v, ev["day"]))
    if unescape(v["SUMMARY"]) != "%s %s: %s" % (ev["company"], ev["action"], ev["title"]):
        fail("SUMMARY %r" % v["SUMMARY"])
    if re.search(r"(?<!\\)[;,]", v["SUMMARY"].replace("\\\\", "")):
        fail("unescaped text %r" % v["SUMMARY"])
    if "URL" in v and not re.match(r"^https?://[^\s\"<>]+$", v["URL"]):
        fail("URL %r" % v["URL"])
    if "javascript" in v.get("URL", "") or "data:" in v.get("URL", ""):
        fail("URL %r" % v["URL"])
    if ev["topics"] and v.get("CATEGORIES") != ",".join(ev["topics"]):
        fail("CATEGORIES %r" % v.get("CATEGORIES"))
    if ev["summary"] and ev["summary"] not in unescape(v.get("DESCRIPTION", "")):
        fail("DESCRIPTION %r" % v.get("DESCRIPTION"))
# the UIDs of the events with one source (a cluster's key is its first
# item, which re-extraction may choose otherwise), then all of them
with open(sys.argv[1] + ".uids", "w") as f:
    f.write("".join(sorted(v["UID"] + "\n" for v, ev in zip(vevents, events)
                           if len(ev["sources"]) == 1)))
with open(sys.argv[1] + ".alluids", "w") as f:
    f.write("".join(sorted(v["UID"] + "\n" for v in vevents)))
PY
expect_exit "export -f ics --all" 0 export -f ics --all
cp "$out" "$TMP/all.ics"
check "lines of 75 octets at most, CRLF, one VEVENT per event" 'python3 "$TMP/icscheck.py" "$TMP/all.ics" "$TMP/all.jsonl" 19700101T000000Z'
expect_exit "export -f ics" 0 export -f ics
check "the default filters too" 'python3 "$TMP/icscheck.py" "$out" "$TMP/policy.jsonl"'
check "the PRODID names the version" 'grep -q "^PRODID:-//annals//annals [0-9.]*//EN.$" "$TMP/all.ics"'
check "all-day dates" 'grep -q "^DTSTART;VALUE=DATE:20200608.$" "$TMP/all.ics"'
check "a text with commas and quotes is escaped" 'grep -qF "SUMMARY:Evil other: Amazon\\, IBM and \"Microsoft\" agree\\, again\\; real" "$TMP/all.ics"'
# unfold FILE: the content lines of an iCalendar file
unfold() {
	python3 -c 'import sys; sys.stdout.write(open(sys.argv[1], newline="").read().replace("\r\n ", "").replace("\r\n", "\n"))' "$1"
}
check "a javascript: or data: link is no URL" '! grep -q "^URL:javascript" "$TMP/all.ics" && ! grep -q "^URL:data" "$TMP/all.ics"'
cat >"$TMP/datadesc" <<'EOF'
DESCRIPTION:A data: URL.\n\nSources:\nhostile-fmt
EOF
check "nor in a DESCRIPTION" 'unfold "$TMP/all.ics" | grep -qxFf "$TMP/datadesc" && ! unfold "$TMP/all.ics" | grep -q "hostile-fmt: \(javascript\|data\)"'
check "a manual event: its url, its period, what it follows" 'grep -q "^URL:https://example.com/m?a=1&b=2.$" "$TMP/all.ics" && tr -d "\r\n " <"$TMP/all.ics" | grep -q "Until2022-03-01\\\\n\\\\nFollowsevent2\\."'
expect_exit "the same file imported again" 0 import --company Evil "$FIXTURES/export/hostile-fmt.xml"
expect_exit "export -f ics --all once more" 0 export -f ics --all
cp "$out" "$TMP/more.ics"
check "gives the same UIDs" 'python3 "$TMP/icscheck.py" "$TMP/more.ics" "$TMP/all.jsonl" && cmp -s "$TMP/all.ics.alluids" "$TMP/more.ics.alluids"'
expect_exit "reextract" 0 reextract
expect_exit "export -f ics --all again" 0 export -f ics --all
cp "$out" "$TMP/again.ics"
"$ANNALS" list --all --json >"$TMP/again.jsonl"
check "again valid" 'python3 "$TMP/icscheck.py" "$TMP/again.ics" "$TMP/again.jsonl"'
check "UIDs of single-source events survive re-extraction" 'cmp -s "$TMP/all.ics.uids" "$TMP/again.ics.uids"'
run export -f ics --all
unset SOURCE_DATE_EPOCH
"$ANNALS" export -f ics --all >"$TMP/now.ics"
export SOURCE_DATE_EPOCH=0
check "DTSTAMP is now without SOURCE_DATE_EPOCH" "grep -q '^DTSTAMP:20[2-9][0-9][01][0-9][0-3][0-9]T[0-9]\{6\}Z.\$' \"\$TMP/now.ics\""
expect_exit "export -f ics of nothing" 0 export -f ics --since 2100
check "is an empty calendar" 'test "$(grep -c VEVENT "$out")" -eq 0 && tail -1 "$out" | grep -q "^END:VCALENDAR.$"'

# --- HTML ---------------------------------------------------------------

# htmlok FILE: xmllint --html accepts it. libxml2 2.9's HTML 4 parser does
# not know SVG's elements and names them; anything else is an error.
htmlok() {
	xmllint --html --noout "$1" 2>"$TMP/xmllint.err" &&
		! grep "error" "$TMP/xmllint.err" |
		grep -qvE "Tag (svg|g|rect|line|text|path) invalid"
}

# svgof FILE: the inline SVG alone
svgof() {
	sed -n '/^<svg /,/^<\/svg>$/p' "$1"
}

cat >"$TMP/htmlcheck.py" <<'PY'
import re, sys
from html.parser import HTMLParser
doc = open(sys.argv[1], encoding="utf-8").read()
nevents = int(sys.argv[2])
def fail(msg):
    print("# " + msg)
    sys.exit(1)
class P(HTMLParser):
    tags, rows, marks, links = set(), 0, 0, []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        for k, v in attrs:
            if k.startswith("on") or k in ("src", "srcdoc", "formaction"):
                fail("attribute %s=%r" % (k, v))
        if tag == "tr" and (a.get("id") or "").startswith("e"):
            self.rows += 1
        if tag == "a" and a.get("class") == "mark":
            self.marks += 1
        if tag == "a":
            h = a.get("href") or ""
            if not (re.match(r"^#e\d+$", h) or re.match(r"^https?://[^\s\"'<>]+$", h)):
                fail("href %r" % h)
            if h.startswith("http") and a.get("rel") != "noopener":
                fail("no rel=noopener: %r" % h)
            self.links.append(h)
p = P()
p.feed(doc)
for bad in ("script", "iframe", "img", "object", "embed", "link", "base", "form"):
    if bad in p.tags:
        fail("a <%s> element" % bad)
if p.rows != nevents:
    fail("%d rows for %d events" % (p.rows, nevents))
if p.marks != nevents:
    fail("%d marks for %d events" % (p.marks, nevents))
if not doc.startswith("<!DOCTYPE html>\n") or "@media print" not in doc:
    fail("not a printable HTML5 page")
if re.search(r"url\(|@import", doc):
    fail("an external asset")
PY

expect_exit "export -f html --all" 0 export -f html --all
cp "$out" "$TMP/all.html"
check "xmllint --html accepts it" 'htmlok "$TMP/all.html"'
check "no script, no javascript: or data: link" '! grep -qi "<script" "$TMP/all.html" && ! grep -qi "href=\"javascript" "$TMP/all.html" && ! grep -qi "href=\"data" "$TMP/all.html"'
check "a row and a mark per event; only safe links" 'python3 "$TMP/htmlcheck.py" "$TMP/all.html" "$(wc -l <"$TMP/again.jsonl")"'
svgof "$TMP/all.html" >"$TMP/all.svg"
check "the SVG is well-formed XML" 'test -s "$TMP/all.svg" && xmllint --noout "$TMP/all.svg"'
check "one mark per event in it" 'test "$(grep -c "class=\"mark\"" "$TMP/all.svg")" -eq "$(wc -l <"$TMP/again.jsonl")"'
check "a lane per company" 'test "$(grep -c "font-weight=\"bold\">" "$TMP/all.svg")" -eq 5 && grep -q ">Evil</text>" "$TMP/all.svg"'
check "month ticks and a legend" 'grep -q ">Jan 2020</text>" "$TMP/all.svg" && grep -q ">moratorium</text>" "$TMP/all.svg"'
check "the hostile title is inert text" 'grep -qF "<td>&lt;script&gt;alert(1)&lt;/script&gt; moratorium<div" "$TMP/all.html"'
check "a title cannot close the SVG" 'grep -qF "&lt;/title&gt;&lt;/a&gt;&lt;/svg&gt;" "$TMP/all.svg"'
check "a quote in a link cannot add an attribute" 'grep -qF "href=\"https://evil.example/a%22onmouseover=%22alert(3)\" rel=\"noopener\"" "$TMP/all.html"'
check "the javascript: source is named, not linked" 'grep -qF "<td class=\"src\"><div>hostile-fmt</div></td>" "$TMP/all.html"'
check "a link's & is escaped" 'grep -qF "href=\"https://example.com/m?a=1&amp;b=2\"" "$TMP/all.html"'
check "the generated line" 'grep -q "<p class=\"generated\">Generated 1970-01-01 00:00 UTC from [0-9]* sources: [0-9]* events of 5 companies" "$TMP/all.html"'
expect_exit "export -f html with filters" 0 export -f html --company Evil --all --search script
check "names the filters" 'grep -q "Filters: company Evil, search &quot;script&quot;, all items" "$out" && htmlok "$out"'
check "one row" 'python3 "$TMP/htmlcheck.py" "$out" 1'
expect_exit "export -f html of nothing" 0 export -f html --since 2100
check "is a page without a chart" 'htmlok "$out" && ! grep -q "<svg" "$out" && grep -q "0 events" "$out"'

# --- the same bytes -----------------------------------------------------

for f in csv ics html; do
	"$ANNALS" export -f $f --all >"$TMP/one.$f"
	"$ANNALS" export -f $f --all -o "$TMP/two.$f" >/dev/null
	check "-f $f twice gives the same bytes" 'test -s "$TMP/one.$f" && cmp -s "$TMP/one.$f" "$TMP/two.$f"'
done

done_testing
