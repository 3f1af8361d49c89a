#!/bin/sh
# reextract, show, add and the rules file.
. "$(dirname "$0")/lib.sh"
S="$TOP/feeds"

expect_exit "import the samples" 0 --sources "$S" import -q "$S"/samples/*.xml
before=$(sql "SELECT count(*) || '/' || sum(policy) FROM events")
expect_exit "reextract" 0 reextract
check "it reports what it did" 'grep -Eq "^[0-9]+ items re-extracted into [0-9]+ events, [0-9]+ of them policy moves$" "$out"'
check "the same events again" 'test "$(sql "SELECT count(*) || '"'/'"' || sum(policy) FROM events")" = "$before"'
check "every item still has one event" 'test "$(sql "SELECT count(*) FROM event_items")" -eq "$(sql "SELECT count(*) FROM items")"'
check "follow-ups are found again" 'test "$(sql "SELECT count(*) FROM events WHERE follows IS NOT NULL")" -ge 1'

id=$(sql "SELECT id FROM events WHERE action = 'moratorium'")
expect_exit "show an event" 0 show "$id"
check "it shows the decision" 'grep -q "^action       moratorium$" "$out" && grep -q "^policy       yes$" "$out"'
check "and the period" 'grep -q "^period       until 2021-06-10 (one-year)$" "$out"'
check "and who follows it" 'grep -q "^followed by  #[0-9]* 2021-05-18 Amazon extends" "$out"'
check "and the evidence" 'grep -q "^  action_phrase      moratorium$" "$out" && grep -q "^  action_field       title$" "$out"'
check "and its sources" 'grep -q "^source       amazon-press 2020-06-10T22:00:00Z https://" "$out"'
expect_exit "show of a missing event" 1 show 99999
check "says so" 'grep -q "no event #99999" "$err"'
expect_exit "show without an id" 2 show
expect_exit "show of a non-number" 2 show abc

expect_exit "add a manual event" 0 add --company IBM --day 2020-06-09 --action advocate \
	--title "IBM testifies" --topic ai --url https://example.com/ibm-testimony
check "it prints its id" 'grep -q "^added event #[0-9]*$" "$out"'
mid=$(sed -n 's/^added event #//p' "$out")
expect_exit "list shows it" 0 list --json --company IBM
check "as a manual policy event with its url" \
	'grep "IBM testifies" "$out" | grep -q "\"origin\": \"manual\".*\"sources\": \[{\"source\": \"manual\", \"url\": \"https://example.com/ibm-testimony\""'
expect_exit "reextract again" 0 reextract -q
check "the manual event survives" 'test "$(sql "SELECT count(*) FROM events WHERE origin = '"'manual'"' AND id = $mid")" -eq 1'
expect_exit "add without a title" 2 add --company IBM --day 2020-06-09
expect_exit "add with a bad action" 2 add --company IBM --day 2020-06-09 --title x --action nope
expect_exit "add with a bad day" 2 add --company IBM --day yesterday --title x
expect_exit "add with a non-http url" 2 add --company IBM --day 2020-06-09 --title x --url ftp://x

# curation (what the TUI will write) is applied and survives re-extraction
key=$(sql "SELECT key FROM events WHERE action = 'moratorium'")
sql "INSERT INTO curation (key, starred, action, title, note) VALUES ('$key', 1, 'restrict', 'Corrected title', 'checked')"
expect_exit "list after a correction" 0 list --starred --json
check "the override wins" 'grep -q "\"action\": \"restrict\".*\"title\": \"Corrected title\".*\"starred\": true" "$out"'
expect_exit "reextract" 0 reextract -q
expect_exit "list again" 0 list --starred --json
check "the correction survives re-extraction" 'test "$(wc -l <"$out")" -eq 1 && grep -q "Corrected title" "$out"'
shown=$("$ANNALS" list | wc -l)
sql "INSERT INTO curation (key, hidden) VALUES ((SELECT e.key FROM events e WHERE e.action = 'pledge' ORDER BY day LIMIT 1), 1)"
check "a hidden event leaves the default timeline" 'test "$("$ANNALS" list | wc -l)" -eq $((shown - 1))'

# the rules file: errors name file:line
printf '[action moratorium]\nphrase = moratorium | lots\n' >"$TMP/bad.conf"
expect_exit "a bad weight" 2 --rules "$TMP/bad.conf" reextract
check "file:line" 'grep -q "bad.conf:2: weight .*lots" "$err"'
printf '[action frobnicate]\nphrase = x\n' >"$TMP/bad.conf"
expect_exit "an unknown action" 2 --rules "$TMP/bad.conf" reextract
check "names it" 'grep -q "bad.conf:1: unknown action .frobnicate." "$err"'
printf '[topic x]\nwords = x\n' >"$TMP/bad.conf"
expect_exit "an unknown key" 2 --rules "$TMP/bad.conf" reextract
check "names it" 'grep -q "bad.conf:2: unknown key .words." "$err"'
printf '[topic x]\nphrase = * x\n' >"$TMP/bad.conf"
expect_exit "a phrase starting with a gap" 2 --rules "$TMP/bad.conf" reextract

# a user's rules change the outcome
cat >"$TMP/mine.conf" <<'EOF'
[company Amazon]
alias = Amazon
[action moratorium]
phrase = moratorium | 4
EOF
expect_exit "reextract with other rules" 0 --rules "$TMP/mine.conf" reextract -q
check "fewer policy moves" 'test "$(sql "SELECT count(*) FROM events WHERE policy AND origin = '"'extracted'"'")" -lt "${before#*/}"'
ANNALS_RULES=/nonexistent expect_exit "a missing rules file" 2 reextract
# ten announcements of every kind, written apart from the labelled set
export ANNALS_DB="$TMP/mixed.db"
expect_exit "import a mixed feed" 0 import -q --company auto "$FIXTURES/extract/mixed.xml"
expect_exit "list it" 0 list --all
for want in "2018-10-10  Amazon      other" "2020-06-09  IBM         exit" \
	"2020-06-10  Amazon      moratorium" "2020-07-21  Microsoft   pledge" \
	"2020-07-27  Microsoft   advocate" "2021-02-16  IBM         pledge" \
	"2021-05-19  Microsoft   other" "2023-02-02  Amazon      other" \
	"2023-09-07  Microsoft   pledge" "2023-12-05  Amazon      other"; do
	check "$want" 'grep -q "^$want " "$out"'
done

# companies no rule names: the name a title starts with, whole in a
# sentence however many other names it holds, the first word of a title
# in title case
export ANNALS_DB="$TMP/subjects.db"
expect_exit "import titles of unknown companies" 0 import -q --company auto "$FIXTURES/extract/subjects.xml"
run list --all --json
for want in "Contoso Express" "Fabrikam" "Bank of Tailspin" "Litware Games"; do
	check "company: $want" 'grep -q "\"company\": \"$want\"" "$out"'
done
# a hyphenated name is one word, whatever its parts' case or the title's;
# a possessive before a nation's adjective leaves the owner; a title that
# starts with a name is its news, however its text names a company the
# rules know, unless that company acts first in the summary; a common
# word in capitals (written in lower case in the text too) is no name
company_of() {
	grep "\"title\": \"$1" "$out" | sed -n 's/.*"company": \("[^"]*"\|null\).*/\1/p'
}
for pair in "Adatum-fil-A stops|Adatum-fil-A" \
	"Northwind-Benz Pauses|Northwind-Benz" \
	"Proseware's Russian|Proseware" "Woodgrove Images|Woodgrove Images" \
	"Tailspin Quest|Apple" "Police use|Amazon"; do
	title=${pair%%|*}
	want=${pair#*|}
	check "company of '$title': $want" 'test "$(company_of "$title")" = "\"$want\""'
done
done_testing
