#!/bin/sh
# Hostile XML: nothing leaks in, nothing blows up.
. "$(dirname "$0")/lib.sh"

# external entities are neither loaded nor substituted
cat >"$TMP/secret.txt" <<'EOF'
TOP-SECRET-CONTENT
EOF
cat >"$TMP/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "file://$TMP/secret.txt">
  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">
  %remote;
]>
<rss version="2.0"><channel><title>&xxe;</title>
<item><title>Leak: &xxe;</title><description>&xxe;</description><guid>1</guid></item>
</channel></rss>
EOF
run parse "$TMP/xxe.xml"
check "an external entity parses" 'test "$rc" -eq 0'
check "the file's content is not in the output" '! grep -q TOP-SECRET "$out"'
cp "$TMP/xxe.xml" "$TMP/xxe-src.xml"
run import --company X "$TMP/xxe-src.xml"
check "nor in the database" 'test "$rc" -eq 0 && ! sqlite3 "$ANNALS_DB" .dump | grep -q TOP-SECRET'

# a billion laughs: refused or cut short, with bounded memory
python3 - "$TMP/bomb.xml" <<'PY'
import sys
lines = ['<?xml version="1.0"?>', '<!DOCTYPE rss [', '<!ENTITY a0 "lol">']
for i in range(1, 20):
    lines.append('<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10))
lines.append(']>')
lines.append('<rss version="2.0"><channel><item><title>&a19;</title><guid>b</guid></item>'
             '<item><title>after</title><guid>c</guid></item></channel></rss>')
open(sys.argv[1], "w").write("\n".join(lines))
PY
# peak RSS in KiB of a command (ulimit -v would not mix with ASan)
peak=$(python3 - "$ANNALS" "$TMP/bomb.xml" "$out" "$err" <<'PY'
import os, subprocess, sys
with open(sys.argv[3], "wb") as o, open(sys.argv[4], "wb") as e:
    p = subprocess.Popen([sys.argv[1], "parse", sys.argv[2]], stdout=o, stderr=e)
    _, status, usage = os.wait4(p.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
PY
)
rc=${peak% *}
check "an entity bomb ends normally" 'test "$rc" -ge 0 && test "$rc" -le 1'
check "within 300 MB (ASan included)" 'test "${peak#* }" -lt 300000'
check "and expands nothing" 'test "$(wc -c <"$out")" -lt 10000 && ! grep -q lollollol "$out"'

# 100,000 nested elements
python3 - "$TMP/deep.xml" <<'PY'
import sys
n = 100000
open(sys.argv[1], "w").write(
    '<rss version="2.0"><channel><item><title>ok</title><guid>1</guid></item>'
    '<item><title>deep</title><description>' + "<x>" * n + "y" + "</x>" * n +
    '</description><guid>2</guid></item></channel></rss>')
PY
run parse "$TMP/deep.xml"
check "deep nesting does not crash" 'test "$rc" -lt 128'
check "the item before it survives" 'test "$rc" -ne 0 || grep -q "\"title\": \"ok\"" "$out"'

# one enormous text node
python3 - "$TMP/huge.xml" <<'PY'
import sys
open(sys.argv[1], "w").write(
    '<rss version="2.0"><channel><item><title>big</title><guid>1</guid><description>'
    + "word " * 2000000 + '</description></item></channel></rss>')
PY
run parse "$TMP/huge.xml"
check "a 10 MB description parses" 'test "$rc" -eq 0 && grep -q "\"title\": \"big\"" "$out"'

# a NUL byte, and a document of zeros
printf '<rss version="2.0"><channel><item><title>a\000b</title><guid>1</guid></item></channel></rss>' >"$TMP/nul.xml"
run parse "$TMP/nul.xml"
check "a NUL byte is dropped" 'test "$rc" -eq 0 && grep -q "\"title\": \"ab\"" "$out"'
head -c 4096 /dev/zero >"$TMP/zeros.xml"
run parse "$TMP/zeros.xml"
check "zeros are not a feed" 'test "$rc" -eq 1 && test "$(wc -l <"$err")" -eq 1'

done_testing
