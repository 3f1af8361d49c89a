#!/bin/sh
# Extraction on the tenth to sixteenth held-out sets (tests/fixtures/
# labelled-holdout10: Google's policy blog, a tech news site and a policy
# site, moves of Google, Meta, Apple and others; -holdout11: Amazon's,
# Microsoft's and IBM's own feeds and a news site, moves of the three the
# main set does not have; -holdout12: a press wire, a business site, a
# newsletter with bland titles and an airline's blog; -holdout13: AWS's,
# Microsoft's and IBM's policy blogs and a trade press site; -holdout14:
# a wire, a magazine and a newsletter on the three; -holdout15: Airbnb's
# and Adobe's newsrooms, a US policy site and a European tech site;
# -holdout16: a news aggregator (" - Publisher" titles), Amazon's press
# releases and an enterprise IT site; see their READMEs),
# one TAP line per metric at floors a little below what the rules reach;
# then the kinds of wording those rules added, on a made-up company.
. "$(dirname "$0")/lib.sh"

evaluate labelled-holdout10 --min f1=0.95 --min action=0.65 --min day=0.97 \
	--min cluster=0.45 --min follows=0.99 --min merges=0
evaluate labelled-holdout11 --min f1=0.95 --min action=0.85 --min day=0.97 \
	--min cluster=0.99 --min follows=0 --min merges=0
evaluate labelled-holdout12 --min f1=0.88 --min action=0.80 --min day=0.97 \
	--min cluster=0.60 --min follows=0.2 --min merges=0
evaluate labelled-holdout13 --min f1=0.85 --min action=0.95 --min day=0.95 \
	--min cluster=0.60 --min follows=0.99 --min merges=0
evaluate labelled-holdout14 --min f1=0.80 --min action=0.75 --min day=0.85 \
	--min cluster=0.30 --min follows=0 --min merges=0
evaluate labelled-holdout15 --min f1=0.93 --min action=0.75 --min day=0.97 \
	--min cluster=0.70 --min follows=0.60 --min merges=0
evaluate labelled-holdout16 --min f1=0.80 --min action=0.55 --min day=0.85 \
	--min cluster=0.60 --min follows=0 --min merges=0

quopa_rules
cat >"$TMP/m/wire.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Ruritania sues Quopa over its face database</title>
<link>https://wire.example.org/1</link><pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate>
<description>The state says the company broke its biometric privacy law and asks the court to ban the service.</description></item>
<item><title>Data regulator fines Quopa 30 million euros and bans its face search</title>
<link>https://wire.example.org/2</link><pubDate>Tue, 07 May 2024 10:00:00 +0000</pubDate>
<description>The authority says the database was built without consent.</description></item>
<item><title>Quopa rules out working with the Ruritanian army</title>
<link>https://wire.example.org/3</link><pubDate>Wed, 08 May 2024 10:00:00 +0000</pubDate>
<description>Its founder wrote that the company has chosen sides.</description></item>
<item><title>Quopa to freeze new political ads in the week before the vote</title>
<link>https://wire.example.org/4</link><pubDate>Thu, 09 May 2024 10:00:00 +0000</pubDate>
<description>Ads that started earlier may keep running.</description></item>
<item><title>Quopa widens its election-answer limits to every country</title>
<link>https://wire.example.org/5</link><pubDate>Fri, 10 May 2024 10:00:00 +0000</pubDate>
<description>Its chatbot will decline more questions about candidates.</description></item>
<item><title>Quopa will train its models on public posts</title>
<link>https://wire.example.org/6</link><pubDate>Mon, 13 May 2024 10:00:00 +0000</pubDate>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;Users can object with a form.&lt;/p&gt;&lt;p&gt;The plan had been on hold since June, when the regulator asked for a delay.&lt;/p&gt;</content:encoded></item>
<item><title>Quopa's new filter lets users hide abusive messages</title>
<link>https://wire.example.org/7</link><pubDate>Tue, 14 May 2024 10:00:00 +0000</pubDate>
<description>Message requests with offensive words move to a hidden folder, where no one has to see them; the company says it will not allow harassment.</description></item>
<item><title>Quopa partners with Vexly to offer its models to defence agencies</title>
<link>https://wire.example.org/8</link><pubDate>Wed, 15 May 2024 10:00:00 +0000</pubDate>
<description>The partnership will bring its models to classified networks.</description></item>
<item><title>Quopa stops taking non-essential goods into its warehouses until April 5</title>
<link>https://wire.example.org/9</link><pubDate>Tue, 17 Mar 2020 21:40:00 -0400</pubDate>
<description>Quopa told sellers on Tuesday that it will accept only staples. On Monday it said it would hire 100,000 workers.</description></item>
<item><title>Quopa urges the Commerce Department to control exports of its drones</title>
<link>https://wire.example.org/10</link><pubDate>Fri, 11 Sep 2020 10:00:00 -0400</pubDate>
<description>It asks for licences for sales that could serve mass surveillance.</description></item>
<item><title>Quopa to shut down in Ruritania, citing network costs</title>
<link>https://wire.example.org/11</link><pubDate>Wed, 06 Dec 2023 10:00:00 -0500</pubDate>
<description>The streaming service will shut down its business there in February.</description></item>
<item><title>Quopa Chat is retiring in May: what you need to know</title>
<link>https://wire.example.org/12</link><pubDate>Fri, 28 Feb 2025 10:00:00 +0000</pubDate>
<description>We are retiring the app; your chats move to Quopa Talk.</description></item>
<item><title>Quopa calls on Congress to pass a drone privacy law</title>
<link>https://wire.example.org/13</link><pubDate>Mon, 14 Sep 2020 10:00:00 -0400</pubDate>
<description>The company asks lawmakers for rules on aerial cameras. In March, Quopa said it no longer offers its drones to police departments.</description></item>
<item><title>Quopa Pulls the Plug on Its Ruritanian Business</title>
<link>https://wire.example.org/14</link><pubDate>Mon, 15 Jul 2024 10:00:00 -0400</pubDate>
<description>It will wind down its operations there from July 20.</description></item>
<item><title>Quopa cuts ties with a sponsor less than a day after the deal</title>
<link>https://wire.example.org/15</link><pubDate>Tue, 16 Jul 2024 10:00:00 -0400</pubDate>
<description>Its players objected to the partner's record.</description></item>
<item><title>This week in platform policy</title>
<link>https://wire.example.org/16</link><pubDate>Fri, 27 Oct 2023 08:00:00 -0400</pubDate>
<description>Quopa, the robotaxi company, said late Thursday that it is pausing driverless operations across its fleets. Background: on Tuesday, the state suspended its permits.</description></item>
<item><title>Quopa chief: the new election law is unacceptable</title>
<link>https://wire.example.org/17</link><pubDate>Wed, 31 Mar 2021 10:00:00 -0400</pubDate>
<description>In a memo to staff the chief executive said the law will make voting harder.</description></item>
<item><title>Vexly Reports First-Quarter 2022 Results</title>
<link>https://wire.example.org/18</link><pubDate>Wed, 27 Apr 2022 16:00:00 -0400</pubDate>
<description>Revenue rose 5 percent.</description></item>
<item><title>What we're watching</title>
<link>https://wire.example.org/19</link><pubDate>Tue, 16 Jul 2024 10:00:00 -0400</pubDate>
<description>What we're watching this week.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;Quopa said on Monday that it will stop selling its drones to police departments. Critics had pointed to its face search.&lt;/p&gt;</content:encoded></item>
<item><title>What we're watching</title>
<link>https://wire.example.org/20</link><pubDate>Tue, 16 Jul 2024 10:00:00 -0400</pubDate>
<description>Short.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">Quopa 中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中</content:encoded></item>
<item><title>Why Quopa is asking the Supreme Court to protect interoperability</title>
<link>https://wire.example.org/21</link><pubDate>Thu, 13 Jan 2020 10:00:00 -0500</pubDate>
<description>Quopa filed a friend-of-the-court brief asking the Court to reverse the ruling.</description></item>
<item><title>Accessibility at Quopa: what comes next</title>
<link>https://wire.example.org/22</link><pubDate>Wed, 28 Apr 2021 10:00:00 -0400</pubDate>
<description>Today Quopa is launching a new five-year commitment to close the disability divide.</description></item>
<item><title>Pausing new Quopa Plus sign-ups for now</title>
<link>https://wire.example.org/23</link><pubDate>Tue, 14 Nov 2023 19:30:00 -0800</pubDate>
<description>The surge in usage has exceeded our capacity, so we are pausing new sign-ups for a while.</description></item>
<item><title>Quopa workers in Ruritania vote to form the company's first union</title>
<link>https://wire.example.org/24</link><pubDate>Fri, 01 Apr 2022 18:00:00 -0400</pubDate>
<description>Workers voted 2,654 to 2,131 to join the union, according to the labor board.</description></item>
<item><title>Quopa suspends sales of its drones to police departments</title>
<link>https://wire.example.org/25</link><pubDate>Thu, 01 Aug 2024 10:00:00 -0400</pubDate>
<description>Civil rights groups had objected to their use over protests.</description></item>
<item><title>Quopa resumes sales of its parcel service to hospitals</title>
<link>https://wire.example.org/26</link><pubDate>Mon, 03 Mar 2025 10:00:00 -0500</pubDate>
<description>Seven months on, the company is back in the air in three cities.</description></item>
<item><title>Ruritania refuses to renew Quopa's taxi licence</title>
<link>https://wire.example.org/27</link><pubDate>Fri, 22 Sep 2017 10:00:00 +0100</pubDate>
<description>The regulator says the company is not fit to hold one and bans its app from October.</description></item>
<item><title>Quopa Tells Governments To Stop Stockpiling Flaws</title>
<link>https://wire.example.org/28</link><pubDate>Sun, 14 May 2017 10:00:00 -0400</pubDate>
<description>Its president said governments should report flaws to vendors instead of hoarding them.</description></item>
<item><title>Shareholders vote down a ban on Quopa drone sales</title>
<link>https://wire.example.org/29</link><pubDate>Wed, 22 May 2019 10:00:00 -0400</pubDate>
<description>Investors were asked to stop sales to governments. They declined.</description></item>
<item><title>Quopa gives up its observer seat on Vexly's board - The Ledger</title>
<link>https://wire.example.org/30</link><pubDate>Wed, 10 Jul 2024 09:00:00 +0000</pubDate>
<description>In a letter sent Tuesday, the company said the role was no longer needed.</description></item>
<item><title>Quopa says email banning an app from work phones was sent in error</title>
<link>https://wire.example.org/31</link><pubDate>Fri, 10 Jul 2020 22:00:00 +0000</pubDate>
<description>Staff had been told to delete the app; there is no change to its policies.</description></item>
</channel></rss>
XML
wire_import
check "what a state sues a company over is not its move" 'ev 1 | grep -q "\"policy\": false"'
check "what a regulator fines and bans is not the company's move" \
	'ev 2 | grep -q "\"policy\": false"'
check "ruling out work with someone is a restriction" \
	'ev 3 | grep -q "\"action\": \"restrict\""'
check "freezing new ads is a moratorium" 'ev 4 | grep -q "\"action\": \"moratorium\""'
check "widening limits is an extension" 'ev 5 | grep -q "\"action\": \"extend\""'
check "a plan that had been on hold goes ahead: it resumes" \
	'ev 6 | grep -q "\"action\": \"resume\""'
check "a filter that lets users hide messages is a feature" \
	'ev 7 | grep -q "\"policy\": false"'
check "a partnership is business, not a move" 'ev 8 | grep -q "\"policy\": false"'
check "no longer taking goods until a day is a moratorium" \
	'ev 9 | grep -q "\"action\": \"moratorium\""'
check "'on Tuesday' in Tuesday's news is that day, not the Monday of a later sentence" \
	'ev 9 | grep -q "\"day\": \"2020-03-17\""'
check "urging a department to control exports is advocacy" \
	'ev 10 | grep -q "\"action\": \"advocate\""'
check "shutting down in a country is an exit" 'ev 11 | grep -q "\"action\": \"exit\""'
check "retiring an app is not a move" 'ev 12 | grep -q "\"policy\": false"'
check "an earlier move told as background ('In March, ...') does not make this one an exit" \
	'ev 13 | grep -q "\"action\": \"advocate\""'
check "pulling the plug on a country's business is an exit" \
	'ev 14 | grep -q "\"action\": \"exit\""'
check "cutting ties with a sponsor is an exit" 'ev 15 | grep -q "\"action\": \"exit\""'
check "'said late Thursday' dates the move; a 'Background:' Tuesday does not" \
	'ev 16 | grep -q "\"day\": \"2023-10-26\".*\"action\": \"moratorium\""'
check "calling a law unacceptable is advocacy" 'ev 17 | grep -q "\"action\": \"advocate\""'
check "a bland summary gives way to the content's lead, which names the company" \
	'ev 19 | grep -q "\"summary\": \"Quopa said on Monday that it will stop selling"'
# the summary of event N starts with "Quopa " and is 300 bytes of UTF-8
cut_lead() {
	ev "$1" | python3 -c 'import json, sys
s = json.loads(sys.stdin.read())["summary"]
sys.exit(not (s.startswith("Quopa ") and len(s.encode()) == 300))'
}
check "a lead with no blank to cut at is cut between characters" 'cut_lead 20'
check "a friend-of-the-court brief is advocacy" 'ev 21 | grep -q "\"action\": \"advocate\""'
check "launching a five-year commitment is a pledge" 'ev 22 | grep -q "\"action\": \"pledge\""'
check "pausing sign-ups for capacity is not a move" 'ev 23 | grep -q "\"policy\": false"'
check "workers voting to form a union is not the company's move" \
	'ev 24 | grep -q "\"policy\": false"'
id25=$(ev 25 | sed -n 's/^{"id": \([0-9]*\),.*/\1/p')
check "a resumption months later, in other words, follows the company's last pause" \
	'test -n "$id25" && ev 26 | grep -q "\"action\": \"resume\".*\"follows\": $id25,"'
check "a licence a regulator refuses to renew is not the company's move" \
	'ev 27 | grep -q "\"policy\": false"'
check "telling governments to stop a practice is advocacy" \
	'ev 28 | grep -q "\"action\": \"advocate\""'
check "a ban that shareholders vote down is no move" 'ev 29 | grep -q "\"policy\": false"'
check "giving up a board seat is an exit, dated by 'a letter sent Tuesday'" \
	'ev 30 | grep -q "\"day\": \"2024-07-09\".*\"action\": \"exit\""'
check "a ban sent in error is no move" 'ev 31 | grep -q "\"policy\": false"'
check "a year in a Title Case headline leaves the name one word" \
	'ev 18 | grep -q "\"company\": \"Vexly\""'
done_testing
