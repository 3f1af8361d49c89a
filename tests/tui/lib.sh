# Helpers for the TUI tests, sourced by tests/tui/t*.sh: annals tui runs
# in a detached tmux session; keys go in with send-keys, the screen comes
# back with capture-pane. Waits poll the screen instead of sleeping.
. "$(dirname "$0")/../cli/lib.sh"
command -v tmux >/dev/null || {
	echo "ok 1 - # SKIP no tmux"
	done_testing
}
sock="$TMP/tmux.0.sock"
nsock=0
screen="$TMP/screen"
export ANNALS_RULES="$TOP/feeds/rules.conf"
# wide characters, line drawing and the ellipsis need a UTF-8 locale
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
*UTF-8* | *utf8*) ;;
*) export LC_ALL=C.UTF-8 ;;
esac
trap 'for s in "$TMP"/tmux.*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$TMP"' EXIT

# tui_start [ENV=VALUE...] -- [ARGS...]: annals tui in a 100x30 terminal;
# waits for the first screen. After it exits the pane shows "EXIT <rc>".
tui_start() {
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	tmux -S "$sock" kill-server 2>/dev/null
	# a new server each time: a dying one may refuse the next session
	nsock=$((nsock + 1))
	sock="$TMP/tmux.$nsock.sock"
	# the wrapper records annals' pid (exec keeps it) for signal tests
	cat >"$TMP/run-tui.sh" <<EOS
trap : INT
sh -c 'echo \$\$ >"\$0.pid"; exec "\$@"' "$TMP/tui" env ANNALS_DB="$ANNALS_DB" ANNALS_RULES="$ANNALS_RULES" HOME="$HOME" $envs "$ANNALS" tui $* 2>"$TMP/tui.err"
echo "EXIT \$?"
sleep 60
EOS
	rm -f "$TMP/tui.pid"
	tmux -S "$sock" new-session -d -x "${TUI_COLS:-100}" -y "${TUI_ROWS:-30}" \
		"sh '$TMP/run-tui.sh'"
	wait_for "annals " 5
}

# the pid of the running annals tui
tui_pid() {
	cat "$TMP/tui.pid"
}

# tmux_var NAME: a tmux format variable of the pane (alternate_on ...).
tmux_var() {
	tmux -S "$sock" display-message -p "#{$1}"
}

# widest: the widest screen line in terminal columns (East Asian wide
# characters count two).
widest() {
	python3 -c '
import sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    n = sum(2 if unicodedata.east_asian_width(c) in "WF" else
            0 if unicodedata.combining(c) else 1 for c in line)
    w = max(w, n)
print(w)' "$screen"
}

tui_stop() {
	tmux -S "$sock" kill-server 2>/dev/null
}

# keys KEY...: send keys (tmux names: Enter, Escape, Down, C-c ...).
keys() {
	tmux -S "$sock" send-keys "$@"
}

# type TEXT: send literal text.
type_text() {
	tmux -S "$sock" send-keys -l "$1"
}

shot() {
	tmux -S "$sock" capture-pane -p >"$screen" 2>/dev/null
}

# settle: capture until two captures 100 ms apart agree (at most 2 s), so
# that checks on $screen see a whole repaint, not the first half of one
# (a sanitizer build draws slowly).
settle() {
	j=0
	while [ $j -lt 20 ]; do
		cp "$screen" "$screen.prev"
		sleep 0.1
		shot
		cmp -s "$screen" "$screen.prev" && return 0
		j=$((j + 1))
	done
	return 0
}

# wait_cond COND [SECONDS]: until the shell condition holds on a fresh
# capture in $screen, which is then left still (settle).
wait_cond() {
	i=0
	lim=$(( ${2:-5} * 20 ))
	while [ $i -lt $lim ]; do
		shot
		if eval "$1"; then
			settle
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_for TEXT [SECONDS]: until TEXT (fixed string) is on the screen.
wait_for() {
	want=$1
	wait_cond 'grep -qF -- "$want" "$screen"' "${2:-5}"
}

# wait_re REGEX [SECONDS]: until a line matches the extended regex.
wait_re() {
	want=$1
	wait_cond 'grep -qE -- "$want" "$screen"' "${2:-5}"
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on the screen.
wait_gone() {
	want=$1
	wait_cond '! grep -qF -- "$want" "$screen"' "${2:-5}"
}

# the selected row (marked '>')
selected() {
	shot
	grep '^>' "$screen"
}

# the fixture database: the bundled history and a made-up company with
# hostile titles (escape sequences, CJK, combining marks, bidi)
make_db() {
	"$ANNALS" --sources "$TOP/feeds" init -q &&
		"$ANNALS" import -q --company Zeta "$FIXTURES/tui/hostile.xml"
}

# tcheck DESC TEXT: pass if TEXT comes on the screen (within 5 s).
tcheck() {
	if wait_for "$2" "${3:-5}"; then ok "$1"; else
		sed 's/^/#   screen: /' "$screen"
		not_ok "$1"
	fi
}

# tcheck_re DESC REGEX: pass if a line matching REGEX comes on the screen.
tcheck_re() {
	if wait_re "$2" "${3:-5}"; then ok "$1"; else
		sed 's/^/#   screen: /' "$screen"
		not_ok "$1"
	fi
}

# tcheck_gone DESC TEXT: pass if TEXT leaves the screen.
tcheck_gone() {
	if wait_gone "$2" "${3:-5}"; then ok "$1"; else
		sed 's/^/#   screen: /' "$screen"
		not_ok "$1"
	fi
}
