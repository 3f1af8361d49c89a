#!/bin/sh
# Run every libFuzzer target in DIR for SECONDS each, one after another,
# from seeds out of tests/fixtures and the committed regression inputs.
#   run.sh DIR SECONDS [TARGET...]
# FUZZ_SEED fixes libFuzzer's random seed (CI sets it; 0: a new one).
# A crash, leak, timeout (25 s per input: the config reader may spend 2 s
# of CPU on a regex in a child, more on a busy machine) or out-of-memory
# (2 GB) fails the run; the input is left in DIR/artifacts/TARGET/.
# Prints per target the time and the executions it ran (libFuzzer's
# final stats) so that a clean run can be quoted.
set -u
dir=$1
secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
fx="$top/tests/fixtures"
targets=${*:-"feed date text config rules escape opml page"}
failed=0

# seed DIR FILES...: copy the files that exist into the seed directory
seed() {
	d=$1
	shift
	mkdir -p "$d"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$d/"
	done
	return 0
}

make_seeds() {
	s="$dir/seeds/$1"
	rm -rf "$s"
	mkdir -p "$s"
	case $1 in
	feed)
		seed "$s" "$fx"/*.xml "$fx"/feeds/*.xml "$fx"/export/*.xml \
			"$fx"/extract/*.xml "$top"/feeds/samples/*.xml
		;;
	text)
		seed "$s" "$fx"/escapes.xml "$fx"/invalid-utf8.xml \
			"$fx"/latin1.xml "$fx"/not-a-feed.html \
			"$fx"/feeds/html-entities.xml "$fx"/feeds/control-chars.xml
		;;
	date)
		# every string literal of the date unit tests, one per file
		python3 - "$top/tests/unit/test_date.c" "$s" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8", errors="replace").read()
for i, m in enumerate(sorted(set(re.findall(r'"((?:[^"\\\n]|\\.)*)"', src)))):
    if any(c.isdigit() for c in m):
        open("%s/d%04d" % (sys.argv[2], i), "w").write(m.encode().decode("unicode_escape", "replace"))
PY
		;;
	config)
		seed "$s" "$top"/feeds/*.conf "$fx"/*.conf
		rm -f "$s/rules.conf"
		;;
	rules)
		seed "$s" "$top"/feeds/rules.conf
		printf '[action moratorium]\nphrase = pause * sales | 2\n%%%%\nWe pause all sales to police.\n' >"$s/small"
		;;
	escape)
		printf '2020-06-10\000Amazon\000moratorium\000=HYPERLINK("x")\000a, "b"\nc\0002021-06-10\000one-year\000extracted\000key/1\000https://e.com/\000\000facial-recognition\000\000amazon-news\000https://e.com/a?b=(c)\000' >"$s/e1"
		printf '2020-06-10\000\033[31mIBM\000exit\000\342\200\256evil; title\\\000\000\000until 2021\000manual\000\000javascript:alert(1)\000note' >"$s/e2"
		;;
	opml)
		seed "$s" "$fx"/opml/*.opml
		;;
	page)
		seed "$s" "$fx"/not-a-feed.html
		find "$fx/pages" -type f -size -256k 2>/dev/null |
			while read -r f; do
				cp "$f" "$s/$(echo "$f" | tr / _)"
			done
		;;
	esac
	# inputs that once broke a target stay in its seeds
	seed "$s" "$here"/regressions/"$1"/*
}

for t in $targets; do
	bin="$dir/fuzz_$t"
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin is missing (make fuzz builds it)" >&2
		failed=$((failed + 1))
		continue
	fi
	make_seeds "$t"
	corpus="$dir/corpus/$t"
	art="$dir/artifacts/$t"
	mkdir -p "$corpus" "$art"
	dict=""
	[ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
	log="$dir/fuzz_$t.log"
	start=$(date +%s)
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" -max_total_time="$secs" -seed="${FUZZ_SEED:-0}" \
		-timeout=25 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" $dict \
		"$corpus" "$dir/seeds/$t" >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -ne 0 ]; then
		failed=$((failed + 1))
		echo "FAIL fuzz_$t after $((end - start)) s, exit $rc:"
		grep -E 'ERROR|SUMMARY|property failed|Test unit written' "$log" | head -10
		echo "  (whole log: $log)"
	else
		echo "ok   fuzz_$t: $((end - start)) s, ${execs:-?} executions, corpus $(ls "$corpus" | wc -l) inputs, no findings"
	fi
done
[ "$failed" -eq 0 ]
