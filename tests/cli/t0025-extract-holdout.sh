#!/bin/sh
# Extraction on announcements the rules were not first written for:
# tests/eval/evaluate.py over the held-out set (tests/fixtures/labelled-
# holdout: Google, Meta, Apple, OpenAI, Anthropic, Salesforce, Oracle,
# Intel, Nvidia, Cisco, Adobe and news sites), one TAP line per metric.
# The floors sit a little below what the rules reach (see the set's
# README for the figures), so a change that loses ground fails here.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout --min f1=0.95 --min action=0.92 --min day=0.98 \
	--min cluster=0.75 --min follows=0.87 --min merges=0

# Weights on alias and topic lines count; a weight on a "not" line is refused.
mkdir -p "$TMP/w"
cat >"$TMP/w/sources.conf" <<'CONF'
[wire]
company = auto
kind = feed
url = https://wire.example.com/feed/
CONF
cat >"$TMP/w/wire.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>
<item><title>Alphaco and Betaco halt all sales in Ruritania</title>
<link>https://wire.example.com/1</link><pubDate>Tue, 01 Mar 2022 12:00:00 +0000</pubDate>
<description>Alphaco said the suspension covers every product.</description></item>
<item><title>Zorblax halts all sales in Ruritania</title>
<link>https://wire.example.com/2</link><pubDate>Wed, 02 Mar 2022 12:00:00 +0000</pubDate>
<description>The moratorium covers every gizmo the company makes.</description></item>
</channel></rss>
XML
cat >"$TMP/w/rules.conf" <<'CONF'
[company Alphaco]
alias = Alphaco
[company Betaco]
alias = Betaco | 3
[action moratorium]
phrase = halt* * sales | 4
phrase = moratorium | 4
[topic gizmos]
phrase = gizmo | 0.4
[topic trade]
phrase = sales | 0.4
CONF
w="--db $TMP/w/a.db --sources $TMP/w/sources.conf --rules $TMP/w/rules.conf"
expect_exit "import with weighted aliases and topics" 0 $w import -q "$TMP/w/wire.xml"
run $w list --all --json
check "an alias of weight 3 outweighs another company named twice" \
	'grep "wire.example.com/1\"" "$out" | grep -q "\"company\": \"Betaco\""'
check "an unknown company is the name the title starts with" \
	'grep "wire.example.com/2\"" "$out" | grep -q "\"company\": \"Zorblax\""'
check "a topic phrase of weight 0.4 in the summary alone is not enough" \
	'! grep -q gizmos "$out"'
check "a topic phrase of weight 0.4 in the title is" 'grep -q "\"trade\"" "$out"'
printf '[action exit]\nnot = halt row | 3\n' >>"$TMP/w/rules.conf"
expect_exit "a weight on a not line is refused" 2 --db "$TMP/w/b.db" \
	--sources "$TMP/w/sources.conf" --rules "$TMP/w/rules.conf" import -q "$TMP/w/wire.xml"
check "the error says why" 'grep -q "takes no weight" "$err"'

done_testing
