#!/bin/sh
# annals tui and the terminal: resize down to 60x15 and back, NO_COLOR,
# an empty database, hostile titles, wide characters, SIGTERM and Ctrl-C
# restoring the terminal, a locked database, a concurrent import
# appearing without a restart (PRAGMA data_version).
. "$(dirname "$0")/lib.sh"
esc=$(printf '\033')

# first run: no events
ANNALS_DB="$TMP/empty.db" tui_start
tcheck "an empty database shows the first-run screen" "the database has no events yet"
check "it explains annals init and annals fetch" 'grep -q "annals init" "$screen" && grep -q "annals fetch" "$screen"'
keys q
tcheck "q quits it" "EXIT 0"

make_db
tui_start
wait_for "Timeline  37 events"
tmux -S "$sock" capture-pane -e -p >"$TMP/colour"
check "companies in colour" 'grep -q "$esc\[3[1-6]m" "$TMP/colour"'
tmux -S "$sock" resize-window -x 60 -y 15
wait_cond 'test "$(wc -l <"$screen")" -eq 15 && test "$(widest)" -le 60'
tcheck "at 60x15 the timeline still draws" "q quit  ? help  / search"
check "the header fits" 'grep -q "^annals  Timeline  37 events" "$screen"'
check "no line is wider than 60 columns" 'test "$(widest)" -le 60'
check "rows are cut with an ellipsis" 'grep -q "…" "$screen"'
keys j j
tcheck_re "keys work at 60x15" "^> +2024-02-16"
keys Enter
tcheck "Detail at 60x15" "annals  Detail"
check "Detail wraps to 60 columns" 'test "$(widest)" -le 60'
keys q
tmux -S "$sock" resize-window -x 50 -y 12
tcheck "smaller than 60x15: a message" "too small"
tmux -S "$sock" resize-window -x 100 -y 30
wait_cond 'test "$(widest)" -ge 95'
tcheck "back at 100x30" "q quit  ? help  / search  c a t d p filter"
check "the full width is used again" 'test "$(widest)" -ge 95 && test "$(widest)" -le 100'
check "the cursor stayed on its event" 'selected | grep -q "2024-02-16"'
keys q
wait_for "EXIT 0"

tui_start NO_COLOR=1
wait_for "Timeline  37 events"
tmux -S "$sock" capture-pane -e -p >"$TMP/mono"
check "NO_COLOR: no colours" '! grep -qE "$esc\[([0-9;]*;)?(3[0-8]|4[0-8])[;m]" "$TMP/mono"'
check "NO_COLOR: attributes instead (bold, reverse)" 'grep -q "$esc\[1m" "$TMP/mono" && grep -q "$esc\[7m" "$TMP/mono"'
keys q
wait_for "EXIT 0"

tui_start TERM=vt100
tcheck "a monochrome terminal (vt100) draws the timeline" "Timeline  37 events"
tmux -S "$sock" capture-pane -e -p >"$TMP/vt100"
check "without colours" '! grep -qE "$esc\[([0-9;]*;)?(3[0-8]|4[0-8])[;m]" "$TMP/vt100"'
keys j Enter
tcheck "and Detail" "annals  Detail"
keys q q
wait_for "EXIT 0"

# a title written straight into the database, past the parser's cleaning
sql "UPDATE events SET title = 'Zeta ' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' EVIL ' || char(27) || '[31m' || char(155) || '2J ' || char(8238) || 'gnp.exe' || char(8236) || ' end' WHERE title LIKE 'Zeta Corp calls%'"
tui_start
keys /
type_text "national law"
keys Enter
tcheck_re "the hostile title renders as text" "^> +2020-06-11 Zeta +advocate +Zeta +EVIL +gnp.exe end"
check "the screen was not cleared" 'head -1 "$screen" | grep -q "^annals  Timeline"'
check "the window title was not set" 'test "$(tmux_var pane_title)" != pwned'
tmux -S "$sock" capture-pane -e -p >"$TMP/hostile"
check "no escape sequence of the title reaches the terminal" '! grep -q "]0;pwned" "$TMP/hostile" && ! grep -q "$(printf "\342\200\256")" "$TMP/hostile" && ! grep -q "$(printf "\302\233")" "$TMP/hostile"'
keys Enter
tcheck_re "Detail shows it harmlessly too" "^Zeta +EVIL +gnp.exe end"
keys q /
keys C-u
type_text "entirely"
keys Enter
tcheck_re "wide characters are measured" "^> +2020-06-08 Zeta +exit +Zeta Corp 公司 exits"
check "and cut on a character boundary within 100 columns" 'test "$(widest)" -le 100'
keys /
keys C-u
type_text "résumé"
keys Enter
wait_for "'résumé'"
keys q
wait_for "EXIT 0"

# a terminal whose locale is not UTF-8 (ssh without LANG): ASCII only
tui_start LC_ALL=C
tmux -S "$sock" capture-pane -p >"$TMP/ascii"
check "C locale: the timeline draws in ASCII" 'LC_ALL=C grep -q "^-- [A-Z][a-z]* 20[0-9][0-9] ---" "$TMP/ascii" && ! LC_ALL=C grep -q "[^ -~]" "$TMP/ascii"'
keys /
type_text "entirely"
keys Enter
tcheck_re "C locale: a CJK title shows one ? per character" "^> +2020-06-08 Zeta +exit +Zeta Corp [?][?] exits general-purpose facial recognition [?][?][?] "
keys c
tcheck "C locale: the chooser's frame is ASCII" "+-Company-"
tmux -S "$sock" capture-pane -p >"$TMP/ascii"
check "C locale: no byte beyond ASCII on the screen" '! LC_ALL=C grep -q "[^ -~]" "$TMP/ascii"'
keys Escape q
wait_for "EXIT 0"

# signals restore the terminal
tui_start
wait_for "Timeline  37 events"
check "the TUI uses the alternate screen" 'test "$(tmux_var alternate_on)" = 1'
kill -TERM "$(tui_pid)"
tcheck "SIGTERM ends it" "EXIT 0"
check "and the terminal is restored" 'test "$(tmux_var alternate_on)" = 0 && test "$(tmux_var cursor_flag)" = 1'
tui_start
wait_for "Timeline  37 events"
keys C-c
tcheck "Ctrl-C ends it" "EXIT 0"
check "and the terminal is restored" 'test "$(tmux_var alternate_on)" = 0'

# a concurrent writer: a locked database waits, new events appear
tui_start
wait_for "Timeline  37 events"
(
	echo "BEGIN IMMEDIATE; UPDATE sources SET failures = failures;"
	sleep 1.5
	echo "COMMIT;"
) | sqlite3 "$ANNALS_DB" &
sleep 0.3
keys s
tcheck "a locked database is waited for, not an error" "starred"
check "no error shown" '! grep -q "locked" "$screen"'
wait
"$ANNALS" import -q --source hostile "$FIXTURES/tui/later.xml"
tcheck "an import elsewhere shows without a restart" "Timeline  38 events"
keys /
keys C-u
type_text indefinitely
keys Enter
tcheck_re "the new event is there" "^> +2021-05-18 Zeta +extend"
keys /
keys C-u
type_text entirely
keys Enter
keys Enter
tcheck "an edited item shows its revision" "Revisions ([-removed-] {+added+})"
check "with the changed words marked" 'grep -q "{+or+} {+research+}" "$screen" && grep -q "\[-or-\] \[-analysis-\]" "$screen"'
keys q
sql "INSERT INTO events (key, day, company, action, title, policy, origin, created, updated) VALUES ('manual:bad', '2x', 'Zeta', 'other', 'A malformed day', 1, 'manual', 0, 0)"
tcheck "a malformed day written elsewhere shows up" "Timeline  39 events"
keys g
tcheck_re "as a row, without a crash" "^> +2x +Zeta"
sql "UPDATE events SET title = 'Huge' || replace(hex(zeroblob(500000)), '00', ' ab') WHERE day = '2x'"
keys r
tcheck_re "a 1.5 MB title is cut to the line" "^> +2x +Zeta +other +Huge ab ab .*… \(manual\)$"
keys Enter
tcheck "and wrapped in Detail" "Huge ab ab ab"
keys q
keys q
tcheck "quits" "EXIT 0"
check "nothing on stderr" '! test -s "$TMP/tui.err"'
done_testing
