#!/bin/sh
# annals tui: the Timeline (navigation, month headers, sparkline, order),
# Detail (sources, evidence, follows), Help from the key table, Lanes.
. "$(dirname "$0")/lib.sh"
make_db
tui_start
tcheck "the timeline opens with a header" "Timeline  37 events  policy moves  newest first"
check "month headers group the rows" 'grep -q "^── May 2024 ─" "$screen"'
check "a sparkline of events per month" 'grep -q "^2018-04 .*[▁▂▃▄▅▆▇█].* 2024-05" "$screen"'
check "the key line" 'grep -q "q quit  ? help  / search" "$screen"'
check "the cursor starts on the newest event" 'selected | grep -q "2024-05-21 Amazon"'
keys j j
tcheck_re "j moves down" "^> +2024-02-16 Microsoft"
keys k
tcheck_re "k moves up" "^> +2024-02-26 Microsoft"
keys Down Down Up
tcheck_re "arrows move too" "^> +2024-02-16 Microsoft"
keys G
tcheck_re "G goes to the oldest event" "^> +2018-04-17 Microsoft"
keys g
tcheck_re "g goes back to the newest" "^> +2024-05-21 Amazon"
keys NPage
tcheck_re "PgDn moves a screen down" "^> +202[0-2]-"
keys PPage
tcheck_re "PgUp moves back" "^> +2024-05-21 Amazon"
keys End
tcheck_re "End: the oldest" "^> +2018-04-17 Microsoft"
keys Home
tcheck_re "Home: the newest" "^> +2024-05-21 Amazon"
# the mouse wheel, as an xterm (X10) mouse report: button 65 down, 64 up
tmux -S "$sock" send-keys -l "$(printf '\033[Ma!!')"
tcheck_re "the mouse wheel scrolls down" "^> +2023-11-15 Microsoft"
tmux -S "$sock" send-keys -l "$(printf '\033[M`!!')"
tcheck_re "and up" "^> +2024-05-21 Amazon"
# a click (X10 report: button 1 down, then up) on the first other event
shot
n=$(grep -n '^   20[0-9][0-9]-' "$screen" | head -1 | cut -d: -f1)
row=$(sed -n "${n}p" "$screen" | cut -c4-24)
click="$(printf '\033[M %s' "$(printf "\\$(printf %03o $((32 + 11)))\\$(printf %03o $((32 + n)))")")"
release="$(printf '\033[M#%s' "$(printf "\\$(printf %03o $((32 + 11)))\\$(printf %03o $((32 + n)))")")"
tmux -S "$sock" send-keys -l "$click$release"
tcheck_re "a click selects the event under it" "^> +$row"
sleep 0.3 # not a double click: a second click after a pause
tmux -S "$sock" send-keys -l "$click$release"
tcheck "a click on the selected event opens it" "annals  Detail"
keys q
tcheck_re "back on it" "^> +$row"
keys g
keys O
tcheck "O: oldest first" "oldest first"
check "O: the cursor stays on its event" 'selected | grep -q "2024-05-21 Amazon"'
keys g
tcheck_re "oldest first starts in 2018" "^> +2018-04-17"
check "under its month" 'head -4 "$screen" | grep -q "^── April 2018"'
keys O g
wait_for "newest first"
# the Microsoft extension follows the Copilot commitment
keys / "Azure OpenAI" Enter
tcheck_re "search jumps to the match" "^> +2023-11-15 Microsoft"
check "a follow-up is marked" 'selected | grep -q "↳"'
keys Enter
tcheck "Enter opens Detail" "annals  Detail  #"
check "Detail: day, company, action" 'grep -q "2023-11-15  Microsoft  extend" "$screen"'
check "Detail: sources with links and times" 'grep -q "1. microsoft-news  2023-11-15T16:30:00Z" "$screen" && grep -q "https://news.microsoft.com/2023/11/15/" "$screen"'
check "Detail: the evidence" 'grep -q "^Evidence" "$screen" && grep -q "action_phrase:" "$screen"'
check "Detail: what it follows" 'grep -q "^follows (f): #[0-9]* 2023-09-07" "$screen"'
keys f
tcheck "f jumps to the event it follows" "2023-09-07  Microsoft  pledge"
check "and it is followed by the first" 'grep -q "^followed by (b): #[0-9]* 2023-11-15" "$screen"'
keys b
tcheck "b jumps to the follow-up" "2023-11-15  Microsoft  extend"
keys q
tcheck "q closes Detail" "Timeline  37 events"
keys '?'
tcheck "? opens Help" "annals  Help"
check "Help lists keys from the table" 'grep -q "^  /  *search" "$screen" && grep -q "^  c  *filter: company" "$screen"'
keys G
tcheck "Help scrolls to its end" "close the screen"
keys q
tcheck "q closes Help" "Timeline  37 events"
keys v
tcheck "v opens Lanes" "annals  Lanes"
check "one lane per company" 'grep -q "^Amazon " "$screen" && grep -q "^IBM " "$screen" && grep -q "^Microsoft " "$screen" && grep -q "^Zeta " "$screen"'
check "glyphs coded by action" 'grep "^IBM " "$screen" | grep -q "X"'
check "the cursor event is described" 'grep -q "^2023-11-15  Microsoft  extend" "$screen"'
check "months zoom by default" 'grep -q "zoom: months" "$screen"'
keys -
tcheck "- zooms out to quarters" "zoom: quarters"
keys -
tcheck "- zooms out to years" "zoom: years"
keys + + +
tcheck "+ zooms in to weeks" "zoom: weeks"
keys Left
tcheck "Left: the previous event in time" "2023-09-12  IBM  pledge"
keys Right
tcheck "Right: the next event in time" "2023-11-15  Microsoft  extend"
keys k
tcheck "k: the nearest event of the company above" "IBM  pledge"
keys Enter
tcheck "Enter opens the lane event in Detail" "annals  Detail"
keys q
tcheck "q returns to Lanes" "annals  Lanes"
keys q
tcheck "q returns to the Timeline" "annals  Timeline"
keys r
tcheck "r reloads" "reloaded"
keys z
tcheck "an unbound key says so" "no key z here; ? for help"
keys q
tcheck "q quits with status 0" "EXIT 0"
done_testing
