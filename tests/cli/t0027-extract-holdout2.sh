#!/bin/sh
# Extraction on held-out sets written after the first ones: tests/eval/
# evaluate.py over tests/fixtures/labelled-holdout2 (Cloudflare, Mozilla,
# Zoom, Airbnb, a press-release wire and two news sites), -holdout3 and
# -holdout4 (written later still, see their READMEs), one TAP line per
# metric, at floors a little below what the rules reach; then the general
# rules added with them, on made-up companies: ending a customer's service
# and suspending an account are restrictions, a weekday still to come is
# not the event day, the name a headline starts with is who acts, a
# follow-up is found by its headline, and two reports naming the same rare
# thing are one move.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout2 --min f1=0.95 --min action=0.90 --min day=0.97 \
	--min cluster=0.66 --min follows=0.70 --min merges=0
evaluate labelled-holdout3 --min f1=0.93 --min action=0.93 --min day=0.94 \
	--min cluster=0.99 --min follows=0.99 --min merges=0
evaluate labelled-holdout4 --min f1=0.90 --min action=0.85 --min day=0.90 \
	--min cluster=0.99 --min follows=0.99 --min merges=0

mkdir -p "$TMP/g"
cat >"$TMP/g/sources.conf" <<'CONF'
[quillo-blog]
company = Quillo
kind = feed
url = https://blog.quillo.example.com/feed/

[quillo-news]
company = Quillo
kind = feed
url = https://news.example.net/quillo/feed/

[wire]
company = auto
kind = feed
url = https://wire.example.org/feed/
CONF
cat >"$TMP/g/quillo-blog.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Quillo</title><link>https://blog.quillo.example.com/</link>
<item><title>Listings in contested regions</title>
<link>https://blog.quillo.example.com/contested</link><pubDate>Mon, 10 Jan 2022 09:00:00 -0800</pubDate>
<description>We will remove about 300 homes in the occupied territory from our site, in line with what rights groups and lawyers who studied the dispute advised us.</description></item>
<item><title>Update on listings in contested regions</title>
<link>https://blog.quillo.example.com/contested-update</link><pubDate>Thu, 01 Sep 2022 09:00:00 -0700</pubDate>
<description>We will not move forward with taking them down, and will give any profits made there to aid groups instead.</description></item>
<item><title>Terminating service for 9board</title>
<link>https://blog.quillo.example.com/9board</link><pubDate>Mon, 04 Mar 2024 20:00:00 -0800</pubDate>
<description>Tonight we sent notice that we are terminating 9board as a customer, effective at midnight.</description></item>
<item><title>Quillo suspends the accounts of a paid spam network</title>
<link>https://blog.quillo.example.com/spam</link><pubDate>Wed, 10 Apr 2024 09:00:00 -0700</pubDate>
<description>The network used fake profiles to push scams; its members may appeal.</description></item>
<item><title>Quillo will cut off Zapnet</title>
<link>https://blog.quillo.example.com/zapnet</link><pubDate>Sat, 08 Jun 2024 21:00:00 -0400</pubDate>
<description>The company told Zapnet it will cut off its hosting account just before midnight on Sunday, Eastern time.</description></item>
<item><title>Quillo suspends its business in Ruritania</title>
<link>https://blog.quillo.example.com/ruritania</link><pubDate>Mon, 11 Mar 2024 09:00:00 -0400</pubDate>
<description>The suspension is indefinite; staff there stay on paid leave.</description></item>
<item><title>Quillo halts its delivery drone program</title>
<link>https://blog.quillo.example.com/drones</link><pubDate>Mon, 15 Jan 2024 09:00:00 -0500</pubDate>
<description>After a drone fell onto a car park in Springfield, all flights are grounded and the crews sent home while investigators look at the batteries.</description></item>
<item><title>Quillo is flying again over Springfield</title>
<link>https://blog.quillo.example.com/drones-back</link><pubDate>Thu, 17 Oct 2024 09:00:00 -0400</pubDate>
<description>Nine months after the crash, the company resumed testing its delivery drones, with new batteries and a second pilot watching each flight.</description></item>
<item><title>Quillo bans paid political ads</title>
<link>https://blog.quillo.example.com/ads</link><pubDate>Thu, 13 Jun 2024 10:00:00 -0400</pubDate>
<description>Quillo said on Tuesday that it will no longer accept ads that promote candidates.</description></item>
</channel></rss>
XML
cat >"$TMP/g/quillo-news.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News</title><link>https://news.example.net/quillo/</link>
<item><title>Quillo drops 9board after threats against its staff</title>
<link>https://news.example.net/quillo/9board</link><pubDate>Tue, 05 Mar 2024 09:30:00 -0500</pubDate>
<description>The hosting firm said it would stop providing its services to the forum, calling it lawless.</description></item>
</channel></rss>
XML
cat >"$TMP/g/wire.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Sony bans staff from using ChatGPT on work phones</title>
<link>https://wire.example.org/1</link><pubDate>Tue, 02 May 2023 10:00:00 +0000</pubDate>
<description>A memo said engineers had pasted internal code into ChatGPT.</description></item>
<item><title>Zentrix reports third quarter results</title>
<link>https://wire.example.org/2</link><pubDate>Tue, 24 Oct 2023 16:00:00 -0400</pubDate>
<description>Revenue rose 4 percent and the outlook was kept.</description></item>
</channel></rss>
XML
g="--db $TMP/g/a.db --sources $TMP/g/sources.conf"
expect_exit "import the made-up feeds" 0 $g import -q "$TMP/g/quillo-blog.xml" \
	"$TMP/g/quillo-news.xml" "$TMP/g/wire.xml"
run $g list --all --json
ev() { grep "$1\"" "$out"; }
check "terminating a customer is a restriction" \
	'ev blog.quillo.example.com/9board | grep -q "\"action\": \"restrict\""'
check "a differently worded report naming 9board is the same event" \
	'ev news.example.net/quillo/9board | grep -q "blog.quillo.example.com/9board\""'
check "suspending accounts is a restriction, not a moratorium" \
	'ev blog.quillo.example.com/spam | grep -q "\"action\": \"restrict\""'
check "a weekday still to come is not the event day" \
	'ev blog.quillo.example.com/zapnet | grep -q "\"day\": \"2024-06-08\""'
check "a weekday in the past still is" \
	'ev blog.quillo.example.com/ads | grep -q "\"day\": \"2024-06-11\""'
check "not moving forward with a removal is a resumption" \
	'ev contested-update | grep -q "\"action\": \"resume\""'
id=$(ev 'blog.quillo.example.com/contested' | sed 's/^{"id": \([0-9]*\),.*/\1/')
check "it follows the move its headline names" \
	'ev contested-update | grep -q "\"follows\": $id,"'
check "the company a headline starts with acts, not a product it names twice" \
	'ev wire.example.org/1 | grep -q "\"company\": \"Sony\""'
check "so does an unknown one, policy move or not" \
	'ev wire.example.org/2 | grep -q "\"company\": \"Zentrix\""'
check "\"is indefinite\" is an open end" \
	'ev blog.quillo.example.com/ruritania | grep -q "\"until\": null, \"until_text\": \"indefinitely\""'
check "resuming tests is a resumption" \
	'ev drones-back | grep -q "\"action\": \"resume\""'
check "\"nine months after the crash\" is no period" \
	'ev drones-back | grep -q "\"until\": null, \"until_text\": null"'
id=$(ev 'blog.quillo.example.com/drones' | sed 's/^{"id": \([0-9]*\),.*/\1/')
check "a resumption follows a pause with few words in common" \
	'ev drones-back | grep -q "\"follows\": $id,"'

done_testing
