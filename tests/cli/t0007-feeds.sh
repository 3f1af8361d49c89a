#!/bin/sh
# annals parse against hand-written expectations: every
# fixtures/feeds/NAME.xml that has a NAME.json beside it is parsed and the
# output compared field by field. An optional NAME.skip lists JSON paths
# (items[2].summary, feed.updated, items[3] ...; [*] matches any index) whose
# values are not compared; see fixtures/feeds/README for why each is there.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/compare.py" <<'PY'
import json, re, sys

MISSING = object()


def show(v):
    if v is MISSING:
        return "(missing)"
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 400 else s[:400] + "..."


def load_skips(path):
    pats = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        return pats
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rx = re.escape(line).replace(r"\[\*\]", r"\[[0-9]+\]")
        pats.append(re.compile(rx + r"\Z"))
    return pats


want = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    got = json.load(open(sys.argv[2], encoding="utf-8"))
except ValueError as e:
    print("the output is not JSON: %s" % e)
    sys.exit(1)
skips = load_skips(sys.argv[3])
diffs = []


def walk(path, w, g):
    if any(p.match(path) for p in skips):
        return
    if isinstance(w, dict) and isinstance(g, dict):
        for k in list(w) + [k for k in g if k not in w]:
            walk(path + "." + k if path else k, w.get(k, MISSING),
                 g.get(k, MISSING))
    elif isinstance(w, list) and isinstance(g, list):
        if path.endswith(".categories") and w != g:
            diffs.append("%s: expected %s, got %s" % (path, show(w), show(g)))
            return
        for i in range(max(len(w), len(g))):
            walk("%s[%d]" % (path, i), w[i] if i < len(w) else MISSING,
                 g[i] if i < len(g) else MISSING)
    elif w is MISSING or g is MISSING or type(w) is not type(g) or w != g:
        diffs.append("%s: expected %s, got %s" % (path, show(w), show(g)))


walk("", want, got)
for d in diffs:
    print(d)
sys.exit(1 if diffs else 0)
PY

cat >"$TMP/shape.py" <<'PY'
import json, sys

try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
except ValueError as e:
    print("the output is not JSON: %s" % e)
    sys.exit(1)
bad = []
FEED = ["title", "link", "subtitle", "updated"]
ITEM = ["id", "title", "link", "published", "updated", "summary", "content",
        "author", "categories"]
if not isinstance(d, dict) or list(d) != ["format", "feed", "items"]:
    print("top-level keys: %s" % (list(d) if isinstance(d, dict) else d))
    sys.exit(1)
if not isinstance(d["format"], str):
    bad.append("format is not a string")
if not isinstance(d["feed"], dict) or list(d["feed"]) != FEED:
    bad.append("feed keys: %s" % list(d["feed"]))
elif not all(v is None or isinstance(v, str) for v in d["feed"].values()):
    bad.append("feed values must be strings or null")
if not isinstance(d["items"], list):
    bad.append("items is not a list")
else:
    for i, it in enumerate(d["items"]):
        if not isinstance(it, dict) or list(it) != ITEM:
            bad.append("items[%d] keys: %s" % (i, list(it)))
            continue
        for k in ITEM[:-1]:
            if it[k] is not None and not isinstance(it[k], str):
                bad.append("items[%d].%s is not a string or null" % (i, k))
        if not isinstance(it["categories"], list) or not all(
                isinstance(c, str) for c in it["categories"]):
            bad.append("items[%d].categories is not a list of strings" % i)
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY

got="$TMP/got.json"
goterr="$TMP/got.err"
diff="$TMP/diff"
found=0
for xml in "$FIXTURES"/feeds/*.xml; do
	want=${xml%.xml}.json
	[ -f "$want" ] || continue
	found=$((found + 1))
	name=$(basename "$xml" .xml)
	"$ANNALS" parse "$xml" >"$got" 2>"$goterr"
	rc=$?
	: >"$out"
	: >"$err"
	if [ "$rc" -eq 0 ]; then
		ok "$name: parse exits 0"
	else
		not_ok "$name: parse exits 0"
		echo "# exit $rc"
		sed 's/^/#   err: /' "$goterr" | head -5
	fi
	if python3 "$TMP/compare.py" "$want" "$got" "${xml%.xml}.skip" >"$diff" 2>&1; then
		ok "$name: output matches $name.json"
	else
		not_ok "$name: output matches $name.json"
		sed 's/^/# /' "$diff"
	fi
	if python3 "$TMP/shape.py" "$got" >"$diff" 2>&1; then
		ok "$name: JSON with the contract keys in order"
	else
		not_ok "$name: JSON with the contract keys in order"
		sed 's/^/# /' "$diff"
	fi
done
check "fixtures found" 'test "$found" -gt 0'

done_testing
