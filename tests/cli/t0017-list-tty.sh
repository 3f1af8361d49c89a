#!/bin/sh
# list on a real terminal (tmux): companies in colour, cut to the width,
# and plain with NO_COLOR or when piped.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "ok 1 - # SKIP no tmux"; done_testing; }
"$ANNALS" --sources "$TOP/feeds" init -q
sock="$TMP/tmux.sock"
shot() {
	tmux -S "$sock" kill-server 2>/dev/null
	tmux -S "$sock" new-session -d -x 80 -y 40 \
		"env ANNALS_DB='$ANNALS_DB' ANNALS_RULES='$ANNALS_RULES' $1 '$ANNALS' list; sleep 5"
	sleep 1
	tmux -S "$sock" capture-pane -e -p >"$out"
	tmux -S "$sock" kill-server 2>/dev/null
}
shot ""
check "companies are coloured on a terminal" 'grep -q "$(printf "\033")\[3[1-6]m" "$out"'
# the longest screen line, escape sequences removed, in characters
widest() {
	python3 -c 'import re,sys; print(max(len(re.sub("\x1b\\[[0-9;]*m", "", l.rstrip("\n"))) for l in open(sys.argv[1], encoding="utf-8")))' "$out"
}
check "lines are cut to the width with an ellipsis" 'grep -q "…" "$out" && test "$(widest)" -le 80 && test "$(widest)" -ge 70'
shot "NO_COLOR=1"
check "NO_COLOR turns colour off" '! grep -q "$(printf "\033")\[3[1-6]m" "$out" && grep -q "Amazon" "$out"'
shot "LC_ALL=C"
check "a terminal whose locale is not UTF-8 gets ASCII only" '! LC_ALL=C grep -q "[^[:print:][:cntrl:]]" "$out" && grep -q "~" "$out" && grep -q "Amazon" "$out" && test "$(widest)" -le 80'
"$ANNALS" list >"$out"
check "no colour and no cutting when piped" '! grep -q "$(printf "\033")" "$out" && ! grep -q "…" "$out"'
done_testing
