#!/bin/sh
# annals tui: the company, action, topic and date filters, policy/all,
# clearing them, initial filters from the command line, search with n/N.
. "$(dirname "$0")/lib.sh"
make_db
count() {
	"$ANNALS" list "$@" | wc -l | tr -d ' '
}
tui_start
wait_for "Timeline  37 events"
keys c
tcheck "c opens the company menu" "Company"
check "the menu lists the companies" 'grep -q "│IBM " "$screen" && grep -q "│Zeta " "$screen"'
keys I Enter
tcheck "the company filter applies" "Timeline  $(count --company IBM) events  [IBM]"
check "only that company is listed" '! grep -q "Microsoft  " "$screen" && grep -q " IBM  " "$screen"'
keys a m Enter
tcheck "the action filter adds up" "event  [IBM, moratorium]"
check "with the right count" 'grep -q "Timeline  $(count --company IBM --action moratorium) event" "$screen"'
keys c g Enter
tcheck "(any) lifts the company filter" "Timeline  $(count --action moratorium) events  [moratorium]"
keys a g Enter t f Enter
tcheck "the topic filter" "Timeline  $(count --topic facial-recognition) events  [#facial-recognition]"
keys d
tcheck "d asks for dates" "dates ("
type_text 2020
keys Enter
tcheck "a year as the date range" "[#facial-recognition, 2020-01-01..2020-12-31]"
check "the count matches list" 'grep -q "Timeline  $(count --topic facial-recognition --since 2020 --until 2020) events" "$screen"'
keys d C-u
type_text "2020-06-09..2020-06-10"
keys Enter
tcheck "a range of days" "2020-06-09..2020-06-10]"
check "only those days" '! grep -q "2020-06-08" "$screen" && grep -q "2020-06-10 Amazon" "$screen"'
keys d C-u
type_text "not a date"
keys Enter
tcheck "a bad range is refused" "not a day or a range of days"
keys C
tcheck "C clears every filter" "Timeline  37 events  policy moves"
keys p
tcheck "p shows every event" "Timeline  $(count --all) events  [all items]"
keys p
tcheck "p again: policy moves only" "Timeline  37 events  policy moves"
keys /
tcheck "/ asks for a search" "search:"
type_text facial
keys Enter
tcheck "search jumps to the first match" "'facial'  n next  N previous"
# "DAY COMPANY" of the first and second matches, newest first
first=$("$ANNALS" list -r --search facial | awk 'NR == 1 { print $1 " " $2 }')
second=$("$ANNALS" list -r --search facial | awk 'NR == 2 { print $1 " " $2 }')
check "on the newest match" 'selected | grep -q "$first"'
keys n
tcheck_re "n: the next match" "^> +$second"
keys N
tcheck_re "N: the previous match" "^> +$first"
keys / C-u
type_text '"unbalanced'
keys Enter
tcheck "an FTS5 syntax error is reported, not fatal" "search '\"unbalanced'"
keys j
tcheck_re "and the timeline still works" "^> +"
keys q
tcheck "quits" "EXIT 0"
tui_start -- --company Amazon --since 2020
tcheck "filters from the command line" "Timeline  $(count --company Amazon --since 2020) events  [Amazon, 2020-01-01..]"
keys q
wait_for "EXIT 0"
tui_start -- --search matching
tcheck "a search filter from the command line" "Timeline  1 event  [search \"matching\"]"
check "finds the Zeta item" 'grep -q "Zeta Corp pauses police use of its face" "$screen"'
keys q
wait_for "EXIT 0"
done_testing
