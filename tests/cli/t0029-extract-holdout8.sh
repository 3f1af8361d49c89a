#!/bin/sh
# Extraction on the eighth and ninth held-out sets (tests/fixtures/
# labelled-holdout8: energy, car, licensing and business news about
# companies no earlier set names; -holdout9: banks, advisers and web
# platforms, written after the rules were changed for holdout8; see their
# READMEs), one TAP line per metric at floors a little below what the
# rules reach; then the kinds of move those rules added, on made-up
# companies.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout8 --min f1=0.95 --min action=0.95 --min day=0.97 \
	--min cluster=0.99 --min follows=0.99 --min merges=0
evaluate labelled-holdout9 --min f1=0.90 --min action=0.95 --min day=0.97 \
	--min cluster=0.99 --min follows=0.99 --min merges=0

mkdir -p "$TMP/m"
cat >"$TMP/m/wire.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Quopa will exit its 30% stake in Ruritanian Gas</title>
<link>https://wire.example.org/1</link><pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate>
<description>The holding dates from 2015.</description></item>
<item><title>Vexly changes the license of its database</title>
<link>https://wire.example.org/2</link><pubDate>Tue, 07 May 2024 10:00:00 +0000</pubDate>
<description>New versions will no longer be open source; hosting them as a service needs a contract.</description></item>
<item><title>Harlow will not enforce its vaccine patents during the outbreak</title>
<link>https://wire.example.org/3</link><pubDate>Wed, 08 May 2024 10:00:00 +0000</pubDate>
<description>Others may use them freely until it is over.</description></item>
<item><title>Zentrix leaves the Clean Cloud Providers initiative</title>
<link>https://wire.example.org/4</link><pubDate>Thu, 09 May 2024 10:00:00 +0000</pubDate>
<description>The group had asked its members to commit to net zero by 2040.</description></item>
<item><title>Brightway won't dispense the new drug in six states</title>
<link>https://wire.example.org/5</link><pubDate>Fri, 10 May 2024 10:00:00 +0000</pubDate>
<description>The pharmacy chain cited legal threats.</description></item>
<item><title>Ostrel quits its joint ventures in Russia</title>
<link>https://wire.example.org/7</link><pubDate>Mon, 13 May 2024 10:00:00 +0000</pubDate>
<description>After the invasion of Ukraine, the company leaves two gas projects there.</description></item>
<item><title>Ostrel widens its retreat with a phased exit from Russian oil</title>
<link>https://wire.example.org/8</link><pubDate>Mon, 20 May 2024 10:00:00 +0000</pubDate>
<description>It will also stop buying crude on the spot market.</description></item>
<item><title>Quopa changes its logo</title>
<link>https://wire.example.org/6</link><pubDate>Sat, 11 May 2024 10:00:00 +0000</pubDate>
<description>The new design uses the company's blue.</description></item>
</channel></rss>
XML
wire_import
check "leaving a stake is an exit" 'ev 1 | grep -q "\"action\": \"exit\""'
check "a license that narrows the permitted use is a restriction" \
	'ev 2 | grep -q "\"action\": \"restrict\""'
check "patents not enforced are a pledge" 'ev 3 | grep -q "\"action\": \"pledge\""'
check "leaving an initiative is an exit, whatever it pledged" \
	'ev 4 | grep -q "\"action\": \"exit\""'
check "not dispensing is a restriction" 'ev 5 | grep -q "\"action\": \"restrict\""'
check "a change of logo is no move" 'ev 6 | grep -q "\"policy\": false"'
id7=$(ev 7 | sed -n 's/^{"id": \([0-9]*\),.*/\1/p')
check "a widened retreat extends the move on its topic a week before, with few words in common" \
	'test -n "$id7" && ev 8 | grep -q "\"action\": \"extend\".*\"follows\": $id7,"'
done_testing
