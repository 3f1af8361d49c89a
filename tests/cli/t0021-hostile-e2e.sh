#!/bin/sh
# Hostile inputs end to end: through fetch (the fixture server) and import,
# then out through list (piped and on a tmux terminal), show, and every
# export format. Nothing gets in (local files, terminal control, script
# links, SQL), nothing blows up (entity bombs, a 1 GB gzip stream, deep
# nesting, a 10 MB title). t0008 covers the same documents for parse and
# import alone; this follows them all the way out.
. "$(dirname "$0")/lib.sh"
start_server
mkdir -p "$TMP/src"
# a source of this test: src NAME URL [key = value ...]
src() {
	name=$1
	url=$2
	shift 2
	{
		printf '[%s]\ncompany = Example\nurl = %s\n' "$name" "$url"
		for kv in "$@"; do printf '%s\n' "$kv"; done
		printf '\n'
	} >>"$TMP/src/hostile.conf"
}
fetch() {
	run --sources "$TMP/src" fetch --force "$@"
}
# clean FILE...: no raw terminal control in the files: C0 other than tab,
# CR, LF; DEL; C1 in UTF-8; bidi overrides and isolates; no invalid UTF-8
clean() {
	python3 - "$@" <<'PY'
import re, sys
bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
ok = True
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print("# %s: invalid UTF-8 at %d" % (path, e.start)); ok = False; continue
    m = bad.search(text)
    if m:
        print("# %s: U+%04X at %d: %r" % (path, ord(m.group()), m.start(), text[max(0, m.start() - 30):m.start() + 10]))
        ok = False
sys.exit(0 if ok else 1)
PY
}

# --- terminal control, bidi, script links and SQL in every text field ----
# ESC as a raw byte (not XML: the reader repairs it), as a reference and in
# CDATA; CSI, OSC (set the window title), C1 CSI, bidi overrides, BEL, NUL.
python3 - "$TMP/www/ctl.xml" "$TMP/ctl-import.xml" <<'PY'
import sys
E = "\x1b"
nasty = (E + "[2J" + E + "]2;PWNED-TITLE\x07" + "\u009b31m" + "\u202eevil\u202c"
         + "\u2066iso\u2069" + E + "[31mRED" + "\x07" + "&#x1b;[1m&#x9b;0m&#x202e;")
def item(n, link):
    return ("<item><title>HOSTILE-%d %s Robert'); DROP TABLE items;-- \" OR \"\"=\" %%_ moratorium</title>"
            "<link>%s</link><guid>g%d-%s</guid>"
            "<description><![CDATA[<p>sum " + E + "]8;;file:///etc/passwd" + E + "\\x</p>"
            "<script>alert(1)</script><img src=x onerror=alert(1)>]]> %s</description>"
            "<content:encoded>&lt;b&gt;body&lt;/b&gt; %s</content:encoded>"
            "<dc:creator>%s author</dc:creator><category>%s cat</category>"
            "<pubDate>Wed, 10 Jun 2020 18:00:00 GMT</pubDate></item>\n") % (
        n, nasty, link, n, "%s", nasty, nasty, nasty, nasty)
links = ["javascript:alert(document.cookie)", "file:///etc/passwd",
         "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
         "JaVaScRiPt:alert(2)", "https://example.com/ok?a=1&amp;b=" + "%1b"]
for path, tag in ((sys.argv[1], "f"), (sys.argv[2], "i")):
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            '<title>CHANNEL %s</title><link>javascript:void(0)</link>\n' % nasty)
    for n, link in enumerate(links):
        body += item(n, link).replace("%s", tag, 1)
    body += "</channel></rss>\n"
    data = body.encode("utf-8").replace(b"NULHERE", b"\0")
    # a NUL byte and invalid UTF-8 in one title too
    data = data.replace(b"HOSTILE-4", b"HOSTILE-4 a\x00b \xff\xfe\xc0\xaf")
    open(path, "wb").write(data)
PY
src ctl "$BASE/ctl.xml"
fetch
check "a feed of control characters is fetched" 'test "$rc" -eq 0'
run import --company Example "$TMP/ctl-import.xml"
check "and imported" 'test "$rc" -eq 0'
check "every item stored, fetched and imported" 'test "$(sql "SELECT count(*) FROM items")" -eq 10'
check "the database holds no escape character" 'test "$(sql "SELECT count(*) FROM items WHERE instr(title || coalesce(summary, '"''"') || coalesce(content, '"''"') || coalesce(author, '"''"'), char(27)) > 0")" -eq 0'
check "nor C1 or bidi controls" 'test "$(sql "SELECT count(*) FROM items WHERE instr(title, char(155)) OR instr(title, char(8238)) OR instr(title, char(8294))")" -eq 0'
check "the tables are all there" 'test "$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('"'items','events','sources'"')")" -eq 3'

outs=""
run list --all
cp "$out" "$TMP/list.txt"
outs="$outs $TMP/list.txt"
check "list shows the hostile items" 'test "$rc" -eq 0 && grep -q HOSTILE- "$TMP/list.txt"'
run list --all --json
cp "$out" "$TMP/list.json"
outs="$outs $TMP/list.json"
check "list --json is valid JSON per line" 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding=\"utf-8\")]" "$TMP/list.json"'
for f in md csv html ics jsonl; do
	run export -f "$f" --all
	cp "$out" "$TMP/export.$f"
	outs="$outs $TMP/export.$f"
	check "export -f $f succeeds and has the items" 'test "$rc" -eq 0 && grep -q "HOSTILE-" "$TMP/export.$f"'
done
ids=$(sql "SELECT id FROM events")
: >"$TMP/show.txt"
for id in $ids; do "$ANNALS" show "$id" >>"$TMP/show.txt" 2>&1; done
outs="$outs $TMP/show.txt"
check "show prints the events" 'test "$(grep -c "^title.*HOSTILE-" "$TMP/show.txt")" -ge 1'
run --sources "$TMP/src" sources
cp "$out" "$TMP/sources.txt"
outs="$outs $TMP/sources.txt"
run parse "$TMP/ctl-import.xml"
cp "$out" "$TMP/parse.json"
outs="$outs $TMP/parse.json"
# shellcheck disable=SC2086
check "no output holds a raw control, C1 or bidi character" 'clean $outs'
# shellcheck disable=SC2086
check "nor the text of an OSC sequence (dropped whole, not just its ESC)" '! grep -l "PWNED" $outs'

check "no script, file or data link in Markdown" '! grep -Eqi "\]\((javascript|file|data):" "$TMP/export.md"'
check "no script, file or data link in HTML" '! grep -Eqi "(href|src)=\"?(javascript|file|data):" "$TMP/export.html"'
check "no <script> or onerror markup in HTML" '! grep -Eqi "<script|<img|onerror=" "$TMP/export.html"'
check "iCalendar URLs are http(s) only" '! grep -Eqi "^URL:(javascript|file|data)" "$TMP/export.ics"'
check "the https link survives" 'grep -q "https://example.com/ok" "$TMP/export.md"'

# CSV cells read back by Python's csv module are the titles list --json has
check "CSV round trip: the csv module reads the titles back" 'python3 - "$TMP/export.csv" "$TMP/list.json" <<"PY"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows[0][5] == "title", rows[0]
want = {}
for l in open(sys.argv[2], encoding="utf-8"):
    e = json.loads(l)
    want[str(e["id"])] = e["title"]
got = {r[0]: r[5] for r in rows[1:]}
assert set(got) == set(want), (sorted(got), sorted(want))
for k in want:
    w = want[k]
    if w[:1] in "=+-@":
        w = "\x27" + w
    assert got[k] == w, (k, got[k], w)
    assert all(len(r) == 14 for r in rows)
PY'

# on a terminal: nothing reaches it that would change it (window title,
# screen clear, colours of our own only)
# wait_screen FILE TEXT: capture the pane into FILE until TEXT shows (at
# most 15 s: a loaded machine is slow, a fixed sleep would be flaky)
wait_screen() {
	i=0
	while [ $i -lt 75 ]; do
		tmux -S "$sock" capture-pane -p >"$1" 2>/dev/null
		grep -q "$2" "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}
if command -v tmux >/dev/null 2>&1; then
	sock="$TMP/tmux.sock"
	tmux -S "$sock" new-session -d -x 120 -y 50 \
		"env ANNALS_DB='$ANNALS_DB' ANNALS_RULES='$ANNALS_RULES' '$ANNALS' list --all; env ANNALS_DB='$ANNALS_DB' '$ANNALS' show $(echo $ids | cut -d' ' -f1); sleep 5"
	tmux -S "$sock" set-option -g set-titles off 2>/dev/null
	wait_screen "$TMP/screen.txt" "HOSTILE-"
	title=$(tmux -S "$sock" display-message -p '#{pane_title}')
	tmux -S "$sock" kill-server 2>/dev/null
	check "tmux: the items are on the screen" 'grep -q "HOSTILE-" "$TMP/screen.txt"'
	check "tmux: nothing cleared the screen (the first line is list's)" 'head -1 "$TMP/screen.txt" | grep -q "^20[0-9][0-9]-"'
	check "tmux: the window title was not set by a feed" 'case "$title" in *PWNED*) false ;; *) true ;; esac'
	# the TUI: the timeline, then Detail (Enter) with every field (a
	# new server: one that is exiting may refuse the next session)
	sock="$TMP/tmux2.sock"
	tmux -S "$sock" new-session -d -x 120 -y 50 \
		"env ANNALS_DB='$ANNALS_DB' ANNALS_RULES='$ANNALS_RULES' '$ANNALS' tui --all; sleep 5"
	tmux -S "$sock" set-option -g set-titles off 2>/dev/null
	wait_screen "$TMP/tui1.txt" "HOSTILE-"
	tmux -S "$sock" send-keys Enter
	wait_screen "$TMP/tui2.txt" "Detail"
	title=$(tmux -S "$sock" display-message -p '#{pane_title}')
	tmux -S "$sock" send-keys q q
	sleep 0.5
	tmux -S "$sock" kill-server 2>/dev/null
	check "tui: the hostile events are on its timeline" 'grep -q "HOSTILE-" "$TMP/tui1.txt"'
	check "tui: Detail shows one of them" 'grep -q "HOSTILE-\|manual" "$TMP/tui2.txt"'
	check "tui: the window title was not set by a feed" 'case "$title" in *PWNED*) false ;; *) true ;; esac'
	check "tui: nothing of the escapes is drawn" '! grep -q "\]2;\|\[2J\|PWNED" "$TMP/tui1.txt" "$TMP/tui2.txt"'
else
	ok "# SKIP no tmux"
fi

# --- SQL and FTS5 metacharacters in --search ---------------------------
items=$(sql "SELECT count(*) FROM items")
: >"$TMP/search-errors"
for q in "'" '"' "Robert'); DROP TABLE items;--" '" OR ""="' "%_" "*" ")" "(" \
	"NEAR(a b" "title:x" "a OR" "AND" "NOT x" "^x" "-x" "a:b:c" "\\" "'; --" \
	"x'||(SELECT 1)||'" "\"unterminated" "{a b}" "a*b*" "+" "%" "DROP"; do
	run list --all --search "$q"
	if [ "$rc" -gt 1 ] || { [ "$rc" -eq 1 ] && ! { test "$(wc -l <"$err")" -eq 1 && grep -q '^annals: ' "$err"; }; }; then
		echo "search [$q]: exit $rc: $(cat "$err")" >>"$TMP/search-errors"
	fi
done
check "every odd search ends cleanly (exit 0, or 1 with one line)" 'test ! -s "$TMP/search-errors" || { cat "$TMP/search-errors"; false; }'
check "the tables survive the searches" 'test "$(sql "SELECT count(*) FROM items")" -eq "$items" && test "$(sql "PRAGMA integrity_check")" = ok'
run list --all --search "DROP TABLE items"
check "a search for the SQL in a title finds it" 'test "$rc" -eq 0 && grep -q "HOSTILE-" "$out"'
run list --all --search "\"Robert'); DROP\""
check "quotes inside an FTS5 string are text" 'test "$rc" -eq 0 && grep -q "HOSTILE-" "$out"'
run list --all --search "Robert'); DROP"
check "a bare quote is an FTS5 syntax error, said in one line" 'test "$rc" -eq 1 && test "$(wc -l <"$err")" -eq 1 && grep -q "^annals: .*syntax error" "$err"'
run export -f csv --all --search "\" OR \"\"=\""
check "export --search with quotes ends cleanly" 'test "$rc" -le 1'

# a hand-added event with invalid UTF-8 and an escape: JSON stays UTF-8
run add --company Example --day 2020-01-02 --title "$(printf 'manual \377\376 \033[31mred')"
check "add takes a raw title" 'test "$rc" -eq 0'
run list --all --json
check "list --json is still valid UTF-8 JSON (a fuzz finding)" 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1], \"rb\").read().decode(\"utf-8\").splitlines()]" "$out"'
run export -f jsonl --all
check "export -f jsonl too" 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1], \"rb\").read().decode(\"utf-8\").splitlines()]" "$out"'
run list --all
cp "$out" "$TMP/list2.txt"
check "list shows it without the escape" 'grep -q "manual" "$TMP/list2.txt" && clean "$TMP/list2.txt"'

# --- local files through external entities, fetched -----------------------
printf 'TOP-SECRET-CONTENT\n' >"$TMP/secret.txt"
printf 'SERVED-SECRET\n' >"$TMP/www/secret.txt"
cat >"$TMP/www/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY file SYSTEM "file://$TMP/secret.txt">
  <!ENTITY web SYSTEM "$BASE/secret.txt">
  <!ENTITY % dtd SYSTEM "$BASE/secret.dtd">
  %dtd;
]>
<rss version="2.0"><channel><title>x &file; &web;</title>
<item><title>XXE &file; &web;</title><description>&file;</description>
<link>https://example.com/xxe</link><guid>xxe</guid><author>&web;</author></item>
</channel></rss>
XML
: >"$TMP/src/hostile.conf"
src xxe "$BASE/xxe.xml"
fetch
check "a feed with external entities is fetched" 'test "$rc" -eq 0'
check "the item is stored" 'test "$(sql "SELECT count(*) FROM items WHERE guid = '"'xxe'"'")" -eq 1'
for f in md csv html ics jsonl; do "$ANNALS" export -f "$f" --all; done >"$TMP/all-exports" 2>&1
"$ANNALS" list --all >>"$TMP/all-exports" 2>&1
check "no local file content in the database" '! sqlite3 "$ANNALS_DB" .dump | grep -q "TOP-SECRET\|SERVED-SECRET"'
check "nor in any output" '! grep -q "TOP-SECRET\|SERVED-SECRET" "$TMP/all-exports"'
check "the external entities were never requested" '! grep -q "secret" "$SERVER_LOG"'

# --- an entity bomb, deep nesting, a 1 GB gzip stream, fetched at once ----
python3 - "$TMP/www/bomb.xml" "$TMP/www/deep.xml" <<'PY'
import sys
lines = ['<?xml version="1.0"?>', '<!DOCTYPE rss [', '<!ENTITY a0 "lol">']
for i in range(1, 20):
    lines.append('<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10))
lines += [']>', '<rss version="2.0"><channel><item><title>&a19;</title><guid>b</guid></item>'
          '<item><title>after the bomb</title><guid>c</guid></item></channel></rss>']
open(sys.argv[1], "w").write("\n".join(lines))
n = 100000
open(sys.argv[2], "w").write(
    '<rss version="2.0"><channel><item><title>before the depths</title><guid>d1</guid></item>'
    '<item><title>deep</title><description>' + "<x>" * n + "y" + "</x>" * n +
    '</description><guid>d2</guid></item></channel></rss>')
PY
: >"$TMP/src/hostile.conf"
src bomb "$BASE/bomb.xml"
src deep "$BASE/deep.xml"
src gz "$BASE/x/gzip-stream"
src fine "$BASE/x/gzip"
start=$(date +%s)
fetch --verbose
secs=$(($(date +%s) - start))
check "the fetch ends, failing for the gzip stream only" 'test "$rc" -eq 1 && grep -q "^fine ok" "$out"'
check "the 1 GB gzip stream is cut at 20 MB decoded" 'grep -q "^gz fail larger than 20971520 bytes$" "$out"'
check "within 60 s for everything" 'test "$secs" -lt 60'
check "the bomb expands nothing" '! sqlite3 "$ANNALS_DB" .dump | grep -q lollollol'
check "the bomb does not stop the fetch" 'test "$rc" -lt 128 && grep -Eq "^bomb (ok|fail)" "$out"'
check "deep nesting: the item before it is stored" 'test "$(sql "SELECT count(*) FROM items WHERE title = '"'before the depths'"'")" -eq 1'
check "no item of the gzip stream" 'test "$(sql "SELECT count(*) FROM items WHERE guid = '"'g'"'")" -eq 0'
run list --all
check "list still works" 'test "$rc" -eq 0'

# --- a 10 MB title -----------------------------------------------------------
python3 - "$TMP/www/huge.xml" <<'PY'
import sys
open(sys.argv[1], "w").write(
    '<rss version="2.0"><channel><item><title>small one</title><guid>h1</guid></item>'
    '<item><guid>h2</guid><title>HUGE ' + "word " * (2 * 1024 * 1024) + '</title>'
    '<pubDate>Wed, 10 Jun 2020 18:00:00 GMT</pubDate></item></channel></rss>')
PY
cp "$TMP/www/huge.xml" "$TMP/huge-import.xml"
: >"$TMP/src/hostile.conf"
src huge "$BASE/huge.xml"
start=$(date +%s)
fetch
check "a 10 MB title: the fetch ends without a crash" 'test "$rc" -le 1'
run import --company Example "$TMP/huge-import.xml"
check "a 10 MB title: the import ends without a crash" 'test "$rc" -le 1'
check "the small item of that feed is stored" 'test "$(sql "SELECT count(*) FROM items WHERE guid = '"'h1'"'")" -eq 2'
run list --all
check "list works with it" 'test "$rc" -eq 0 && grep -q "small one" "$out"'
check "the huge title is whole or dropped, never cut mid-character" 'python3 -c "import sys; open(sys.argv[1], \"rb\").read().decode(\"utf-8\")" "$out"'
for f in md csv html ics jsonl; do
	run export -f "$f" --all
	check "export -f $f works with it" 'test "$rc" -eq 0'
done
check "all of it within 120 s" 'test $(($(date +%s) - start)) -lt 120'

done_testing
