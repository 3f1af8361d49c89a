#!/bin/sh
# annals tui: F fetches in the background (from the first-run screen),
# o opens a source in $BROWSER with the URL as one argument, plain
# annals on a terminal is the TUI, tui refuses a non-terminal.
. "$(dirname "$0")/lib.sh"
start_server
trap 'kill $SERVER_PID 2>/dev/null; for s in "$TMP"/tmux.*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$TMP"' EXIT
cp "$FIXTURES/tui/hostile.xml" "$TMP/www/zeta.xml"
mkdir -p "$HOME/.config/annals"
printf '[zeta-news]\ncompany = Zeta\nurl = %s/zeta.xml\n' "$BASE" \
	>"$HOME/.config/annals/zeta.conf"

expect_exit "tui without a terminal is a usage error" 2 tui
check "it says why" 'grep -q "needs a terminal" "$err"'
expect_exit "tui --help" 0 tui --help
check "lists the filter options" 'grep -q "^usage: annals .* tui \[--all\]" "$out" && grep -q -- "--company" "$out"'
expect_exit "an unknown option is a usage error" 2 tui --bogus
expect_exit "a bad filter value is a usage error" 2 tui --since notaday
check "the command list names tui" '"$ANNALS" --help | grep -q "^  tui "'

tui_start
tcheck "first run" "the database has no events yet"
keys F
tcheck "F fetches in the background" "fetch:"
tcheck "its progress ends in the status line" "1 sources: 1 ok" 10
tcheck "the new events show" "Timeline  3 events"
check "the fetch asked the server" 'grep -q "/zeta.xml" "$SERVER_LOG"'
keys q
wait_for "EXIT 0"

cat >"$TMP/browser.sh" <<EOF2
#!/bin/sh
printf '%s\n' "\$#" "\$@" >"$TMP/opened"
EOF2
chmod +x "$TMP/browser.sh"
sql "UPDATE items SET link = 'https://zeta.example/a;touch $TMP/pwned' WHERE guid = 'zeta-2'"
sql "UPDATE items SET link = 'javascript:alert(1)' WHERE guid = 'zeta-3'"
tui_start BROWSER="$TMP/no-such-browser:$TMP/browser.sh"
wait_for "Timeline  3 events"
keys G
tcheck_re "on the exit event" "^> +2020-06-08 Zeta +exit"
keys o
tcheck "o runs the browser and comes back" "opened https://zeta.example/a;touch"
check "the URL is one argument, no shell ran it" 'test "$(sed -n 1p "$TMP/opened")" = 1 && test "$(sed -n 2p "$TMP/opened")" = "https://zeta.example/a;touch $TMP/pwned" && ! test -e "$TMP/pwned"'
check "the screen is back" 'grep -q "^annals  Timeline" "$screen"'
keys g
tcheck_re "on the advocate event" "^> +2020-06-11 Zeta +advocate"
rm -f "$TMP/opened"
keys o
tcheck "only http and https links open" "no http or https link to open"
check "the browser did not run" '! test -e "$TMP/opened"'
keys q
wait_for "EXIT 0"

# plain annals on a terminal is the interface
cat >"$TMP/run-tui.sh" <<EOF2
env ANNALS_DB="$ANNALS_DB" HOME="$HOME" "$ANNALS"
echo "EXIT \$?"
sleep 60
EOF2
tmux -S "$sock" kill-server 2>/dev/null
sock="$TMP/tmux.plain.sock"
tmux -S "$sock" new-session -d -x 100 -y 30 "sh '$TMP/run-tui.sh'"
tcheck "plain annals on a terminal opens the TUI" "Timeline  3 events"
keys q
tcheck "and quits" "EXIT 0"
expect_exit "plain annals without a terminal prints the usage" 2
done_testing
