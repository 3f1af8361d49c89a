#!/bin/sh
# The fuzz targets (tests/fuzz/fuzz_*.c) built without libFuzzer replay
# every input that once broke one (tests/fuzz/regressions/TARGET/) and the
# fixtures they are seeded from, so that make check (and make asan) keep
# the bugs fixed. make check builds them in $BUILD_DIR/fuzz-replay.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:=$(dirname "$ANNALS")}"
dir="$BUILD_DIR/fuzz-replay"
fz="$TOP/tests/fuzz"

# replay TARGET FILE...: run the target over the files (those that exist)
replay() {
	t=$1
	shift
	if [ ! -x "$dir/fuzz_$t" ]; then
		not_ok "fuzz_$t is built (make check builds $dir/fuzz_$t)"
		return
	fi
	set -- $(for f in "$@"; do [ -f "$f" ] && echo "$f"; done)
	if [ $# -eq 0 ]; then
		ok "fuzz_$t: no inputs"
		return
	fi
	# a regression may be a hang or a runaway allocation: bounded here
	if (cd "$TMP" && timeout 300 "$dir/fuzz_$t" "$@") >"$out" 2>"$err"; then
		ok "fuzz_$t: $# inputs replay cleanly"
	else
		not_ok "fuzz_$t: $# inputs replay cleanly"
	fi
}

# inputs that once failed, each in its target's directory
for d in "$fz"/regressions/*/; do
	[ -d "$d" ] || continue
	t=$(basename "$d")
	replay "$t" "$d"*
done
# the fixtures the targets start from: every feed and OPML file, the
# shipped sources and rules
replay feed "$FIXTURES"/*.xml "$FIXTURES"/feeds/*.xml "$TOP"/feeds/samples/*.xml
replay text "$FIXTURES"/*.xml "$FIXTURES"/not-a-feed.html
replay opml "$FIXTURES"/opml/*.opml
replay config "$TOP"/feeds/amazon.conf "$TOP"/feeds/ibm.conf "$TOP"/feeds/microsoft.conf "$TOP"/feeds/news.conf
replay rules "$TOP"/feeds/rules.conf
replay page "$FIXTURES"/not-a-feed.html $(find "$FIXTURES/pages" -type f 2>/dev/null)
printf '2020-06-10T21:30:00+05:30' >"$TMP/d1"
printf 'SEATTLE--(BUSINESS WIRE)--Mar. 2, 2022--' >"$TMP/d2"
replay date "$TMP/d1" "$TMP/d2"
printf '2020-06-10\000Amazon\000moratorium\000=SUM(A1)\000a, "b"\nc' >"$TMP/e1"
replay escape "$TMP/e1"

done_testing
