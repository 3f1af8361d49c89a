# Helpers for command tests, sourced by tests/cli/t*.sh (git's t/ style).
# Each check prints a TAP line; the script exits non-zero if one failed.
set -u
: "${ANNALS:?}"
: "${FIXTURES:?}"
: "${TOP:?}"
n=0
nfail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export ANNALS_DB="$TMP/annals.db"
export ANNALS_RULES="$TOP/feeds/rules.conf"
export HOME="$TMP/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME
mkdir -p "$HOME"
out="$TMP/stdout"
err="$TMP/stderr"

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	nfail=$((nfail + 1))
	echo "not ok $n - $1"
	if [ -s "$out" ]; then sed 's/^/#   out: /' "$out" | head -20; fi
	if [ -s "$err" ]; then sed 's/^/#   err: /' "$err" | head -20; fi
}

# run CMD...: run the binary with stdout/stderr captured; sets $rc.
run() {
	"$ANNALS" "$@" >"$out" 2>"$err"
	rc=$?
}

# check DESC COND...: pass if the shell condition holds.
check() {
	desc=$1
	shift
	if eval "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# expect_exit DESC CODE CMD...: run annals and compare its exit status.
expect_exit() {
	desc=$1
	code=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$code" ]; then ok "$desc"; else
		echo "# exit $rc, wanted $code"
		not_ok "$desc"
	fi
}

# sql QUERY: one value from the test database.
sql() {
	sqlite3 "$ANNALS_DB" "$1"
}

done_testing() {
	echo "1..$n"
	[ "$nfail" -eq 0 ]
	exit $?
}

# start_server: the fixture HTTP server on a free loopback port, serving
# $TMP/www; sets $BASE (http://127.0.0.1:PORT) and $SERVER_LOG.
start_server() {
	mkdir -p "$TMP/www"
	SERVER_LOG="$TMP/server.log"
	: >"$SERVER_LOG"
	python3 "$TOP/tests/server/fixture_server.py" "$TMP/www" "$TMP/port" \
		"$SERVER_LOG" &
	SERVER_PID=$!
	i=0
	while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	BASE="http://127.0.0.1:$(cat "$TMP/port")"
	trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
}

# --- sources on the fixture server (tests of kind = page and sitemap) ------

# add_source KIND NAME URL [KEY = VALUE ...]: append a source of company
# Example to $conf (a file in $TMP/src)
add_source() {
	kind=$1
	name=$2
	url=$3
	shift 3
	{
		printf '[%s]\ncompany = Example\nkind = %s\nurl = %s\n' \
			"$name" "$kind" "$url"
		for kv in "$@"; do printf '%s\n' "$kv"; done
		printf '\n'
	} >>"$conf"
}
# requests PATH: how many times the server was asked for PATH
requests() {
	grep -c "\"path\": \"$1\"" "$SERVER_LOG"
}
# fetch [OPTION...]: annals fetch over the sources in $TMP/src
fetch() {
	run --sources "$TMP/src" fetch "$@"
}
# count NAME: the items of source NAME
count() {
	sql "SELECT count(*) FROM items JOIN sources ON sources.id = source_id WHERE sources.name = '$1'"
}
# item COLUMN PATH: a column of the item whose link is $BASE$PATH
item() {
	sql "SELECT $1 FROM items WHERE link = '$BASE$2'"
}
# check_config DESC TEXT PATTERN: sources --check on a file of TEXT
# (printf escapes) exits 2 with an error that matches PATTERN
check_config() {
	printf "$2" >"$TMP/bad.conf"
	run --sources "$TMP/bad.conf" sources --check
	pattern=$3
	check "$1" 'test "$rc" -eq 2 && grep -q "$pattern" "$err"'
}
# evaluate SET MIN...: the metrics of one labelled set (tests/fixtures/SET,
# tests/eval/evaluate.py with floors MIN) as TAP lines.
# A made-up news wire (company = auto) for checks of extraction: the
# caller writes its items to $TMP/m/wire.xml, links
# https://wire.example.org/N; wire_import imports them and lists every
# event as JSON in $out; ev N prints the event of item N.
# quopa_rules: the project's rules and a made-up company they know,
# Quopa, so that what others do to it can be told from what it does;
# ANNALS_RULES names them.
quopa_rules() {
	mkdir -p "$TMP/m"
	cat "$TOP/feeds/rules.conf" >"$TMP/m/rules.conf"
	printf '\n[company Quopa]\nalias = Quopa\n' >>"$TMP/m/rules.conf"
	export ANNALS_RULES="$TMP/m/rules.conf"
}

wire_import() {
	printf '[wire]\ncompany = auto\nkind = feed\nurl = %s\n' \
		https://wire.example.org/feed/ >"$TMP/m/sources.conf"
	expect_exit "import the made-up feed" 0 --db "$TMP/m/a.db" \
		--sources "$TMP/m/sources.conf" import -q "$TMP/m/wire.xml"
	run --db "$TMP/m/a.db" --sources "$TMP/m/sources.conf" list --all --json
}

ev() {
	grep "\"url\": \"https://wire.example.org/$1\"" "$out"
}

evaluate() {
	set_=$1
	shift
	python3 "$TOP/tests/eval/evaluate.py" --annals "$ANNALS" --tap \
		--labelled "$TOP/tests/fixtures/$set_" "$@" >"$TMP/eval" 2>&1
	rc=$?
	if ! grep -q '^\(not \)\{0,1\}ok ' "$TMP/eval"; then
		sed 's/^/# /' "$TMP/eval"
		not_ok "$set_: evaluate.py ran (exit $rc)"
	fi
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "$set_: ${line#ok * - }" ;;
		"not ok "*) not_ok "$set_: ${line#not ok * - }" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$TMP/eval"
}
