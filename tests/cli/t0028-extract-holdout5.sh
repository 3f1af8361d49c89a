#!/bin/sh
# Extraction on the fifth, sixth and seventh held-out sets (tests/fixtures/
# labelled-holdout5: Tumblr, Stack Overflow and retail and business news
# sites; -holdout6: Coinbase, a press-release wire and a policy news site;
# -holdout7: retail and European news, written after the changes they
# measure; see their READMEs), one TAP line per metric at floors a little
# below what the rules reach; then the general mechanisms added with them,
# on made-up companies: action phrases match the forms of their words, a
# negation before a phrase denies it, a broad verb with clear policy
# context is a move, and the capitalized words a headline starts with name
# its company.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout5 --min f1=0.92 --min action=0.90 --min day=0.97 \
	--min cluster=0 --min follows=0 --min merges=0
evaluate labelled-holdout6 --min f1=0.86 --min action=0.88 --min day=0.97 \
	--min cluster=0.99 --min follows=0.99 --min merges=0
evaluate labelled-holdout7 --min f1=0.87 --min action=0.82 --min day=0.97 \
	--min cluster=0.99 --min follows=0 --min merges=0

mkdir -p "$TMP/m"
cat >"$TMP/m/wire.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Quopa is stepping back from political advertising</title>
<link>https://wire.example.org/1</link><pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate>
<description>The chat app will run no campaign ads until after the vote.</description></item>
<item><title>Quopa says it will not pause sales in Ruritania</title>
<link>https://wire.example.org/2</link><pubDate>Tue, 07 May 2024 10:00:00 +0000</pubDate>
<description>The company has no plans to halt its business there, a spokesman said.</description></item>
<item><title>Vexly limits firearm purchases to customers over 21</title>
<link>https://wire.example.org/3</link><pubDate>Wed, 08 May 2024 10:00:00 +0000</pubDate>
<description>The retailer acted a week after a school shooting.</description></item>
<item><title>Vexly limits free downloads after an outage</title>
<link>https://wire.example.org/4</link><pubDate>Thu, 09 May 2024 10:00:00 +0000</pubDate>
<description>Servers were overloaded after a shooting game went free.</description></item>
<item><title>Harlow Brothers Outfitters quits Ruritania over the invasion</title>
<link>https://wire.example.org/5</link><pubDate>Fri, 10 May 2024 10:00:00 +0000</pubDate>
<description>Its 40 shops there will be sold.</description></item>
<item><title>McQuill's stops advertising on Chirper</title>
<link>https://wire.example.org/6</link><pubDate>Sat, 11 May 2024 10:00:00 +0000</pubDate>
<description>The burger chain cited hate speech on the site.</description></item>
<item><title>Zentrix Announces Record Quarter With Strong Cloud Growth</title>
<link>https://wire.example.org/7</link><pubDate>Sun, 12 May 2024 10:00:00 +0000</pubDate>
<description>Revenue rose 9 percent.</description></item>
</channel></rss>
XML
wire_import
check "\"stepping back from\" is a form of \"step back from\": a moratorium" \
	'ev 1 | grep -q "\"action\": \"moratorium\""'
check "\"will not pause\" and \"no plans to halt\" are no move" \
	'ev 2 | grep -q "\"policy\": false"'
check "a broad verb with clear policy context is a move" \
	'ev 3 | grep -q "\"action\": \"restrict\""'
check "... but not when the item is product news" \
	'ev 4 | grep -q "\"policy\": false"'
check "a name of several capitalized words is the company" \
	'ev 5 | grep -q "\"company\": \"Harlow Brothers Outfitters\", \"action\": \"exit\""'
check "a possessive is not part of the name, nor cuts it short" \
	'ev 6 | grep -q "\"company\": \"McQuill\", \"action\": \"moratorium\""'
check "a title capitalized word by word gives only its first word" \
	'ev 7 | grep -q "\"company\": \"Zentrix\""'

done_testing
