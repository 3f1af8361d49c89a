#!/bin/sh
# Config abuse: huge sources files, binary garbage, control characters in
# values, and rules that would make matching blow up. Each is refused with
# a file:line error (exit 2) or read in bounded time; none crashes or hangs.
# (t0005 covers ordinary config mistakes.)
. "$(dirname "$0")/lib.sh"

# timed SECONDS CMD...: run annals, killed after SECONDS of wall time;
# sets $rc and $secs, the CPU seconds it used (user + system, rounded up),
# which the machine's other load does not change
cat >"$TMP/cpu.py" <<'PY'
import math, os, signal, sys, threading
limit, cmd = float(sys.argv[1]), sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.dup2(3, 1)
    os.dup2(4, 2)
    os.execvp(cmd[0], cmd)
t = threading.Timer(limit, lambda: os.kill(pid, signal.SIGKILL))
t.start()
_, status, ru = os.wait4(pid, 0)
t.cancel()
code = os.waitstatus_to_exitcode(status)
print(code if code >= 0 else 128 - code, math.ceil(ru.ru_utime + ru.ru_stime))
PY
# under make memcheck everything is some 30 times slower
slow=1
[ -n "${ANNALS_UNDER_VALGRIND:-}" ] && slow=30
timed() {
	limit=$(($1 * slow))
	shift
	secs=$(python3 "$TMP/cpu.py" "$limit" "$ANNALS" "$@" 3>"$out" 4>"$err")
	rc=${secs% *}
	secs=${secs#* }
}
one_error() {
	test "$(wc -l <"$err")" -eq 1 && grep -q '^annals: ' "$err"
}
no_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"
}

# --- huge sources files --------------------------------------------------------
python3 - "$TMP/many.conf" 10000 <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write("[s%d]\ncompany = X\nurl = http://127.0.0.1:9/f%d.xml\n\n" % (i, i))
PY
timed 120 --sources "$TMP/many.conf" sources --check
check "10,000 sources are read" 'test "$rc" -eq 0'
check "within 10 s of CPU" 'test "$secs" -le $((10 * slow))'
python3 - "$TMP/toomany.conf" 100000 <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write("[s%d]\ncompany = X\nurl = http://127.0.0.1:9/f%d.xml\n\n" % (i, i))
PY
timed 120 --sources "$TMP/toomany.conf" sources --check
check "100,000 sources are refused" 'test "$rc" -eq 2 && one_error && grep -q "toomany.conf:40001: too many sources (at most 10000)" "$err"'
check "quickly (the duplicate check would be quadratic)" 'test "$secs" -le $((10 * slow))'
# 50 MB of comments and one source
python3 - "$TMP/comments.conf" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    line = "# " + "c" * 97 + "\n"
    f.write(line * 500000)
    f.write("[last]\ncompany = X\nurl = https://example.com/feed\n")
PY
timed 120 --sources "$TMP/comments.conf" sources --check
check "50 MB of comments are read in linear time" 'test "$rc" -eq 0 && test "$secs" -le $((15 * slow))'
# one line of 1 MB, and one without any newline
python3 - "$TMP/longline.conf" "$TMP/nonewline.conf" <<'PY'
import sys
open(sys.argv[1], "w").write("[a]\ncompany = " + "x" * (1 << 20) + "\nurl = https://e.com/\n")
open(sys.argv[2], "w").write("[a]\ncompany = X\nurl = https://e.com/" + "y" * (8 << 20))
PY
timed 30 --sources "$TMP/longline.conf" sources --check
check "a 1 MB line is refused with its line number" 'test "$rc" -eq 2 && one_error && grep -q "longline.conf:2: line too long" "$err"'
timed 30 --sources "$TMP/nonewline.conf" sources --check
check "an 8 MB last line without a newline is refused too" 'test "$rc" -eq 2 && one_error'

# --- binary garbage ----------------------------------------------------------------
i=0
: >"$TMP/garbage-report"
while [ $i -lt 20 ]; do
	python3 - "$TMP/garbage.conf" "$i" <<'PY'
import random, sys
r = random.Random(int(sys.argv[2]))
n = r.choice([1, 10, 100, 4096, 100000])
data = bytes(r.randrange(256) for _ in range(n))
if r.random() < 0.5:
    # garbage inside an otherwise good file
    data = b"[ok]\ncompany = X\nurl = https://e.com/\n" + data + b"\n"
open(sys.argv[1], "wb").write(data)
PY
	timed 30 --sources "$TMP/garbage.conf" sources --check
	if [ "$rc" -ne 2 ] && [ "$rc" -ne 0 ]; then
		echo "garbage $i: exit $rc" >>"$TMP/garbage-report"
	elif [ "$rc" -eq 2 ] && ! { one_error && grep -q "garbage.conf:[0-9]*: " "$err"; }; then
		echo "garbage $i: $(cat "$err")" >>"$TMP/garbage-report"
	elif ! no_controls "$err"; then
		echo "garbage $i: control characters in the message" >>"$TMP/garbage-report"
	fi
	i=$((i + 1))
done
check "20 files of garbage: a file:line error each (or read), no crash" 'test ! -s "$TMP/garbage-report" || { cat "$TMP/garbage-report"; false; }'
head -c 65536 /dev/urandom >"$TMP/garbage-rules.conf"
timed 30 --rules "$TMP/garbage-rules.conf" import --company X "$FIXTURES/rss2-basic.xml"
check "a rules file of garbage is refused" 'test "$rc" -eq 2 && one_error && grep -q "garbage-rules.conf:[0-9]*: " "$err"'
check "and nothing was imported" 'test ! -e "$ANNALS_DB" || test "$(sql "SELECT count(*) FROM items")" -eq 0'

# --- terminal control in config values: not echoed in errors ----------------
printf '[a]\ncompany = X\nkind = \033]2;PWNED\007feed\n' >"$TMP/esc.conf"
timed 10 --sources "$TMP/esc.conf" sources --check
check "an escape sequence in a value: refused" 'test "$rc" -eq 2 && one_error && grep -q "esc.conf:3: kind" "$err"'
check "and not echoed to the terminal" 'no_controls "$err" && ! grep -q PWNED "$err"'
printf '[a\033[2J]\ncompany = X\nurl = https://e.com/\n' >"$TMP/esc2.conf"
timed 10 --sources "$TMP/esc2.conf" sources --check
check "an escape in a source name: refused, not echoed" 'test "$rc" -eq 2 && one_error && no_controls "$err"'
printf '[a]\ncompany = X\nurl = https://e.com/\nuser_agent = a\033[31mb\n' >"$TMP/ua.conf"
timed 10 --sources "$TMP/ua.conf" sources --check
check "a control character in user_agent is refused or harmless" 'test "$rc" -le 2 && no_controls "$err" && no_controls "$out"'

# --- a sitemap's match pattern whose repetitions multiply -----------------
# glibc's regcomp() copies a bounded part once per repetition and works on
# the square of what it built: these would take gigabytes or hours (fuzz
# findings), so they are refused before compiling
for re in 'a++++++++++++++++++++++++++++++++++++++++' 'a{1,255}{1,255}{1,255}' \
	'a+?+?+?+?+?+?+?+?+?+?+?+?' '((x{1,100}){1,100}){1,100}' \
	'(a|b{1,255}){1,255}' '((a?){1,100}){1,100}'; do
	printf '[s]\ncompany = X\nkind = sitemap\nurl = https://e.com/sitemap.xml\nmatch = %s\n' "$re" >"$TMP/re.conf"
	timed 60 --sources "$TMP/re.conf" sources --check
	check "match '$re' is refused at once" 'test "$rc" -eq 2 && one_error && grep -q "re.conf:5: match .*repetition" "$err" && test "$secs" -le $((5 * slow))'
done
# and what compiles in exponential time with few atoms is stopped after 2 s
for re in "$(python3 -c 'print("(a?|b?)" * 26 + "*")')" '(a?|b?){24,}' '(a?|b?){30,}'; do
	printf '[s]\ncompany = X\nkind = sitemap\nurl = https://e.com/sitemap.xml\nmatch = %s\n' "$re" >"$TMP/re.conf"
	timed 120 --sources "$TMP/re.conf" sources --check
	check "match '$(echo "$re" | cut -c1-30)': too complex, refused in bounded time" 'test "$rc" -eq 2 && one_error && grep -q "re.conf:5: match .*too complex to compile" "$err" && test "$secs" -le $((6 * slow))'
done
for re in '/news/20[0-9]{2}/[0-9]{2}/.+' '^https://example\.com/(press|news)/[^/]+/?$' '(x{100}y{100}){4}'; do
	printf '[s]\ncompany = X\nkind = sitemap\nurl = https://e.com/sitemap.xml\nmatch = %s\n' "$re" >"$TMP/re.conf"
	timed 60 --sources "$TMP/re.conf" sources --check
	check "match '$re' is taken" 'test "$rc" -eq 0'
done

# --- rules: catastrophic gaps, NaN weights, many phrases -----------------------
cp "$TOP/feeds/rules.conf" "$TMP/gaps.conf"
printf '\n[topic backtrack]\nphrase = police * police * police * police * police * police * police * police * police * police * zzz\n' >>"$TMP/gaps.conf"
python3 - "$TMP/police.xml" <<'PY'
import sys
open(sys.argv[1], "w").write('<rss version="2.0"><channel><item><guid>1</guid><title>police '
    + "police " * 300 + '</title></item></channel></rss>')
PY
timed 120 --rules "$TMP/gaps.conf" import --company X "$TMP/police.xml"
check "a phrase of ten gaps is refused (it would match for hours)" 'test "$rc" -eq 2 && one_error && grep -q "gaps.conf:[0-9]*: a phrase has at most 3 .\*. gaps" "$err"'
check "at once" 'test "$secs" -le $((5 * slow))'
cp "$TOP/feeds/rules.conf" "$TMP/gaps3.conf"
i=0
{
	printf '\n[topic backtrack]\n'
	while [ $i -lt 200 ]; do
		printf 'phrase = police * police * police * zzz%d\n' $i
		i=$((i + 1))
	done
} >>"$TMP/gaps3.conf"
python3 - "$TMP/police2.xml" <<'PY'
import sys
open(sys.argv[1], "w").write('<rss version="2.0"><channel><item><guid>2</guid><title>police '
    + "police " * 300 + '</title><description>' + "police " * 5000
    + '</description></item></channel></rss>')
PY
timed 300 --rules "$TMP/gaps3.conf" import --company X "$TMP/police2.xml"
check "200 phrases of three gaps over 5,000 matching words: bounded" 'test "$rc" -eq 0 && test "$secs" -le $((60 * slow))'
for w in nan NaN inf -1 0 1e999 101 "3 4" 0x; do
	cp "$TOP/feeds/rules.conf" "$TMP/weight.conf"
	printf '\n[topic w]\nphrase = police | %s\n' "$w" >>"$TMP/weight.conf"
	timed 10 --rules "$TMP/weight.conf" import --company X "$FIXTURES/rss2-basic.xml"
	check "weight '$w' is refused" 'test "$rc" -eq 2 && one_error && grep -q "is not a number from 0 to 100" "$err"'
done
cp "$TOP/feeds/rules.conf" "$TMP/many-rules.conf"
python3 - "$TMP/many-rules.conf" <<'PY'
import sys
with open(sys.argv[1], "a") as f:
    f.write("\n[topic many]\n")
    for i in range(50000):
        f.write("phrase = word%d other%d\n" % (i, i))
PY
timed 300 --rules "$TMP/many-rules.conf" import --company X "$FIXTURES/rss2-basic.xml"
check "50,000 phrases load and match in bounded time" 'test "$rc" -eq 0 && test "$secs" -le $((60 * slow))'

done_testing
