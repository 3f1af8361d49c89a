#!/bin/sh
# annals tui: star (kept across restarts), edit title/topics/day/action
# (kept by annals reextract), note, hide, add an event, export to Markdown.
. "$(dirname "$0")/lib.sh"
make_db
tui_start
wait_for "Timeline  37 events"
keys /
type_text Rekognition
keys Enter
tcheck_re "on the Amazon moratorium" "^> +2020-06-10 Amazon +moratorium"
keys s
tcheck "s stars it" "starred"
check "a star on its row" 'selected | grep -q "^>★ 2020-06-10 Amazon"'
keys '*'
tcheck "* unstars it" "unstarred"
check "the star is gone" 'selected | grep -q "^>  2020-06-10 Amazon"'
keys '*'
tcheck_re "* stars it again" "^>★ 2020-06-10 Amazon"
keys q
tcheck "q quits" "EXIT 0"
check "list --starred agrees" '"$ANNALS" list --starred | grep -q "^2020-06-10  Amazon .*Rekognition"'
tui_start
keys /
type_text Rekognition
keys Enter
tcheck_re "the star is there after a restart" "^>★ 2020-06-10 Amazon"
keys e G Enter
tcheck "e then title: a prompt with the title" "title (empty: as extracted): "
check "holding the title" 'grep -q "police use of Rekognition facial recognition for one year" "$screen"'
keys C-u
type_text "Amazon halts police Rekognition use for a year"
keys Enter
tcheck "the title is changed on screen" "Amazon halts police Rekognition use"
keys e j Enter C-u
type_text "privacy, law-enforcement"
keys Enter
tcheck "topics set" "topics set"
keys e a Enter j j Enter
tcheck "action set from a menu" "action set"
check "the badge shows it" 'selected | grep -q "2020-06-10 Amazon  *extend "'
"$ANNALS" reextract -q
# the reextract renames the IBM letter: the TUI redraws by itself
tcheck "the TUI sees the reextract without a restart" "A letter to Congress"
tcheck "the edited title stays" "Amazon halts police Rekognition use"
keys /
keys C-u
type_text Rekognition
keys Enter
tcheck_re "found after the reextract" "^>★ 2020-06-10 Amazon +extend"
check "list keeps the edited title after reextract" '"$ANNALS" list --company Amazon | grep -q "Amazon halts police Rekognition use for a year"'
check "and the topics and action" '"$ANNALS" list --json --company Amazon | grep "halts police" | grep -q "\"action\": *\"extend\".*\"topics\": *\[\"privacy\", *\"law-enforcement\"\]"'
keys e d Enter C-u
type_text 2020-06-12
keys Enter
tcheck_re "the day moves the event" "^>★ 2020-06-12 Amazon"
keys Enter
tcheck "Detail shows the edits" "2020-06-12  Amazon  extend  ★ starred"
check "and the topics" 'grep -q "^topics: privacy, law-enforcement" "$screen"'
keys N
tcheck "N in Detail asks for the note" "note (empty: none):"
type_text "Compare with the 2021 extension"
keys Enter
tcheck "the note shows in Detail" "  Compare with the 2021 extension"
keys q
tcheck "a noted row is marked" "✎"
check "the note is stored under the event's key" 'test "$(sql "SELECT count(*) FROM curation WHERE note = '\''Compare with the 2021 extension'\''")" = 1'
check "annals show prints it" '"$ANNALS" show "$(sql "SELECT id FROM events WHERE title LIKE '\''Amazon pauses police%'\''")" | grep -q "Compare with the 2021"'
keys /
keys C-u
type_text Russia
keys Enter
tcheck_re "on a Russia event" "^> +2022-03-0[478]"
row=$(selected | awk '{ print $2 " " $3 }')
keys h
tcheck "h hides it" "hidden"
check "gone from the timeline" '! grep -q "^. *$row " "$screen"'
check "gone from list" '! "$ANNALS" list | grep -q "^$(echo "$row" | sed "s/ /  /")"'
keys p
tcheck "p shows everything" "all events, hidden ones too"
keys /
keys C-u
type_text Russia
keys Enter
wait_re "^> +$row"
check "the hidden one is marked" 'selected | grep -q "(hidden)"'
keys h
tcheck "h again shows it again" "shown again"
keys p
wait_for "policy moves"
check "back in list" '"$ANNALS" list | grep -q "^$(echo "$row" | sed "s/ /  /")"'
keys A
tcheck "A asks for the company" "add: company:"
keys C-u
type_text Zeta
keys Enter
tcheck "then the day" "add: day:"
keys C-u
type_text 2019-05-05
keys Enter
tcheck "then the title" "add: title:"
type_text "Zeta Corp pledges a public facial recognition audit"
keys Enter
tcheck "then the action" "Action"
keys p Enter
tcheck "then a source url" "add: source url (optional):"
type_text "https://zeta.example/audit"
keys Enter
tcheck "the event is added" "added event #"
check "list shows it" '"$ANNALS" list --company Zeta | grep -q "^2019-05-05  Zeta  *pledge  *Zeta Corp pledges a public facial recognition audit"'
keys c
wait_for "Company"
keys Z Enter
tcheck "filtered to Zeta" "[Zeta]"
check "the manual event is listed" 'grep -q "2019-05-05 Zeta .*(manual)" "$screen"'
keys x
tcheck "x asks for a path" "export Markdown to: annals-timeline.md"
keys C-u
type_text "$TMP/view.md"
keys Enter
tcheck "exported" "exported 4 events to $TMP/view.md"
check "cmark parses the export" 'cmark --to xml "$TMP/view.md" >"$TMP/view.xml"'
check "four bullets, only Zeta" 'test "$(grep -c "^- " "$TMP/view.md")" = 4 && test "$(grep -c "Zeta" "$TMP/view.md")" -ge 4 && ! grep -q "Amazon" "$TMP/view.md"'
check "no escape sequences reach the file" '! grep -q "$(printf "\033")" "$TMP/view.md"'
keys x C-u
type_text "$TMP/view.md"
keys Enter
tcheck "an existing file is not replaced without asking" "exists: replace it? (y/n)"
keys n
tcheck "n keeps it" "not exported"
keys x C-u
type_text "$TMP/view.md"
keys Enter y
tcheck "y replaces it" "exported 4 events to $TMP/view.md"
keys q
tcheck "quits" "EXIT 0"
done_testing
