#!/bin/sh
# Three kinds of reading, on made-up companies (Quopa, which the rules
# know, and names they do not).
# Rules of a company's own workplace (office attendance, remote work, pay
# floors, leave, vaccination, arbitration) are policy moves of action
# "other"; a later office return or more office days extend them; and the
# same words as a product's selling point ("hybrid work", "remote work")
# are not moves. An exit after the company's own earlier pause widens it:
# an extension that follows the pause. A title that opens with a court,
# a regulator, a state or a nation is about the company it names next.
# A newsletter's teaser that names no one gives way to its content's lead.
# A wire's "Name: verb" headline is the name's.
. "$(dirname "$0")/lib.sh"

quopa_rules
cat >"$TMP/m/wire.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Quopa tells corporate staff to be in the office three days a week</title>
<link>https://wire.example.org/1</link><pubDate>Mon, 06 Mar 2023 10:00:00 +0000</pubDate>
<description>The rule starts in May; teams may ask for exceptions.</description></item>
<item><title>Quopa pushes back its return to the office until next year</title>
<link>https://wire.example.org/2</link><pubDate>Tue, 05 Sep 2023 10:00:00 +0000</pubDate>
<description>Employees can keep working from home through January.</description></item>
<item><title>Quopa lifts its U.S. pay floor to $18 an hour</title>
<link>https://wire.example.org/3</link><pubDate>Wed, 04 Oct 2023 10:00:00 +0000</pubDate>
<description>Warehouse and delivery staff get the raise from November.</description></item>
<item><title>Quopa ends forced arbitration for harassment claims</title>
<link>https://wire.example.org/4</link><pubDate>Thu, 02 Nov 2023 10:00:00 +0000</pubDate>
<description>Employees may now take such claims to court.</description></item>
<item><title>Quopa Rooms get new features for hybrid work</title>
<link>https://wire.example.org/5</link><pubDate>Fri, 03 Nov 2023 10:00:00 +0000</pubDate>
<description>Smart cameras and a front-row layout make hybrid meetings easier.</description></item>
<item><title>Quopa launches a desktop in the cloud for remote work</title>
<link>https://wire.example.org/6</link><pubDate>Mon, 06 Nov 2023 10:00:00 +0000</pubDate>
<description>Stream a full desktop to any device and work from home securely.</description></item>
<item><title>Quopa Pay raises limits for sellers</title>
<link>https://wire.example.org/7</link><pubDate>Tue, 07 Nov 2023 10:00:00 +0000</pubDate>
<description>Merchants can now accept larger payments.</description></item>
<item><title>Quopa moves its headquarters to Austin</title>
<link>https://wire.example.org/8</link><pubDate>Wed, 08 Nov 2023 10:00:00 +0000</pubDate>
<description>Many employees can choose their office location and work from home part of the time.</description></item>
<item><title>Quopa sets a vaccination deadline for its U.S. employees</title>
<link>https://wire.example.org/9</link><pubDate>Thu, 07 Oct 2021 10:00:00 +0000</pubDate>
<description>Staff must be fully vaccinated by December 8 or take unpaid leave.</description></item>
<item><title>Quopa research: how people want to return to the office</title>
<link>https://wire.example.org/10</link><pubDate>Fri, 10 Nov 2023 10:00:00 +0000</pubDate>
<description>A survey of 30,000 workers in 30 countries about hybrid work.</description></item>
<item><title>Quopa suspends its sales in Ruritania</title>
<link>https://wire.example.org/11</link><pubDate>Mon, 07 Mar 2022 10:00:00 +0000</pubDate>
<description>The company halts new sales in the country after the invasion, until further notice.</description></item>
<item><title>Quopa to wind down its Ruritanian business</title>
<link>https://wire.example.org/12</link><pubDate>Tue, 07 Jun 2022 10:00:00 +0000</pubDate>
<description>Quopa suspended its business there on March 7. Now it will close the business and leave the country.</description></item>
<item><title>Quopa exits the face-search business</title>
<link>https://wire.example.org/13</link><pubDate>Wed, 08 Jun 2022 10:00:00 +0000</pubDate>
<description>Quopa stopped offering the service on Wednesday and will no longer sell it.</description></item>
<item><title>Regulators shut Zentrix Bank and take over its deposits</title>
<link>https://wire.example.org/14</link><pubDate>Fri, 10 Mar 2023 10:00:00 +0000</pubDate>
<description>The bank failed after a run on Thursday.</description></item>
<item><title>Judge blocks Korvell takeover of Nimbra Air</title>
<link>https://wire.example.org/15</link><pubDate>Tue, 16 Jan 2024 10:00:00 +0000</pubDate>
<description>The court found the deal would raise fares.</description></item>
<item><title>Italian watchdog orders Dalvex to block its chatbot</title>
<link>https://wire.example.org/16</link><pubDate>Thu, 30 Jan 2025 10:00:00 +0000</pubDate>
<description>The authority says the app collects data without consent.</description></item>
<item><title>Quopa expands its office mandate to five days a week</title>
<link>https://wire.example.org/17</link><pubDate>Mon, 16 Sep 2024 10:00:00 +0000</pubDate>
<description>Staff who now come in three days in the office will come in every day from January.</description></item>
<item><title>German automaker Vexwerk halts car exports to Ruritania</title>
<link>https://wire.example.org/18</link><pubDate>Thu, 03 Mar 2022 10:00:00 +0000</pubDate>
<description>The carmaker stops shipments after the invasion, until further notice.</description></item>
<item><title>Italian watchdog halts Quopa face data sales</title>
<link>https://wire.example.org/19</link><pubDate>Fri, 04 Mar 2022 10:00:00 +0000</pubDate>
<description>The authority says the company must stop processing the data of Italians.</description></item>
<item><title>Soap yes, advertising no</title>
<link>https://wire.example.org/20</link><pubDate>Wed, 08 Mar 2023 08:00:00 +0000</pubDate>
<description>Where one maker drew its line.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;On Tuesday, March 7, Quopa said it is suspending all imports, exports and advertising in Borduria. Its local factories keep making soap and other essentials.&lt;/p&gt;&lt;p&gt;You are reading the newsletter.&lt;/p&gt;</content:encoded></item>
<item><title>Nine justices and a Sunday deadline for Quopa</title>
<link>https://wire.example.org/21</link><pubDate>Fri, 17 Jan 2025 18:00:00 +0000</pubDate>
<description>The court upheld the law that bans Quopa's app from Sunday unless it is sold.</description></item>
<item><title>Privacy should be the default, so Quopa sets new defaults</title>
<link>https://wire.example.org/22</link><pubDate>Wed, 24 Jun 2020 18:00:00 +0000</pubDate>
<description>Privacy should be the default. From today, Quopa will delete activity data automatically after 18 months, under its new retention policy.</description></item>
<item><title>Quopa bans the president from posting for 12 hours</title>
<link>https://wire.example.org/23</link><pubDate>Wed, 06 Jan 2021 22:00:00 +0000</pubDate>
<description>The platform said it would ban the account permanently after another violation of its rules.</description></item>
<item><title>Quopa permanently suspends the president's account</title>
<link>https://wire.example.org/24</link><pubDate>Fri, 08 Jan 2021 23:00:00 +0000</pubDate>
<description>Quopa said on Friday it had banned the account of the president for good, two days after it locked the account for 12 hours for violating its rules.</description></item>
<item><title>Korvell: freezes its ad spend on Quopa</title>
<link>https://wire.example.org/25</link><pubDate>Fri, 17 Mar 2017 15:00:00 +0000</pubDate>
<description>The agency stops placing ads on the video site until extremist videos are kept away from them.</description></item>
<item><title>Shipment Zero: making half of Quopa's deliveries carbon-free</title>
<link>https://wire.example.org/26</link><pubDate>Mon, 18 Feb 2019 15:00:00 +0000</pubDate>
<description>A goal for 2030.</description></item>
<item><title>Zentrix Vale Chief Executive to Step Down After Dam Collapse</title>
<link>https://wire.example.org/27</link><pubDate>Fri, 11 Sep 2020 08:00:00 +0000</pubDate>
<description>PERTH — Its chief will leave Zentrix Vale by March after investors objected.</description></item>
<item><title>US Fines Nimbra Air $4 Million Over Refunds</title>
<link>https://wire.example.org/28</link><pubDate>Tue, 15 Oct 2024 20:00:00 +0000</pubDate>
<description>WASHINGTON — The Department of Transportation fined Nimbra Air for late refunds.</description></item>
<item><title>The office can wait</title>
<link>https://wire.example.org/29</link><pubDate>Mon, 16 Aug 2021 10:30:00 +0000</pubDate>
<description>Last Thursday, August 12, Quopa told staff they can keep working from home until January, pushing back its return to the office.</description></item>
<item><title>Eleven now, fifteen later?</title>
<link>https://wire.example.org/30</link><pubDate>Mon, 25 Sep 2017 22:00:00 +0000</pubDate>
<description>Zentrix Mart will raise its starting pay to $11 an hour next month and to $15 by 2020.</description></item>
<item><title>Growing pains</title>
<link>https://wire.example.org/31</link><pubDate>Tue, 10 Aug 2021 22:00:00 +0000</pubDate>
<description>Teens will see fewer ads. Quopa said it will stop letting advertisers target users under 18 by age, gender or interests.</description></item>
<item><title>Quopa stops its sales in Ruritania</title>
<link>https://wire.example.org/32</link><pubDate>Tue, 19 Sep 2023 09:30:00 +0900</pubDate>
<description>On 18 September, Quopa has decided to stop all sales in Ruritania until further notice.</description></item>
<item><title></title>
<link>https://wire.example.org/33</link><pubDate>Wed, 12 Jan 2022 18:00:00 +0000</pubDate>
<description>Quopa will now ban accounts that spread debunked health misinformation. One-off false statements are not the target.</description></item>
<item><title>California Pulls Quopa's Driverless Permits</title>
<link>https://wire.example.org/34</link><pubDate>Tue, 24 Oct 2023 22:00:00 +0000</pubDate>
<description>The state's motor vehicles department suspended the permits of Quopa's robotaxi unit, effective immediately.</description></item>
<item><title>Oversight board upholds Quopa's suspension of the president</title>
<link>https://wire.example.org/35</link><pubDate>Wed, 05 May 2021 14:00:00 +0000</pubDate>
<description>The board said the indefinite suspension must be reviewed within six months.</description></item>
<item><title>Quopa exits its Borduria business</title>
<link>https://wire.example.org/36</link><pubDate>Fri, 12 May 2023 10:00:00 +0000</pubDate>
<description>Quopa is leaving Borduria, a market it has served for almost 170 years. It had put new business there on hold in early March.</description></item>
<item><title>Congress should pass a federal privacy law, Quopa says</title>
<link>https://wire.example.org/37</link><pubDate>Mon, 24 Sep 2018 15:00:00 +0000</pubDate>
<description>The company published a framework and urges lawmakers to act on privacy legislation.</description></item>
<item><title>Civil rights coalition demands Quopa stop selling face search to police</title>
<link>https://wire.example.org/38</link><pubDate>Mon, 18 Jun 2018 15:00:00 +0000</pubDate>
<description>Dozens of groups ask the company to stop providing facial recognition to law enforcement.</description></item>
</channel></rss>
XML
wire_import
check "office days for the staff are a workplace rule: a policy move, other" \
	'ev 1 | grep -q "\"action\": \"other\".*\"policy\": true"'
check "pushing the office return back extends it" \
	'ev 2 | grep -q "\"action\": \"extend\".*\"policy\": true"'
check "a pay floor is a workplace rule" \
	'ev 3 | grep -q "\"action\": \"other\".*\"policy\": true"'
check "ending forced arbitration is a workplace rule" \
	'ev 4 | grep -q "\"action\": \"other\".*\"policy\": true"'
check "features for hybrid work are a product, not a move" \
	'ev 5 | grep -q "\"policy\": false"'
check "a product for remote work is not a move" 'ev 6 | grep -q "\"policy\": false"'
check "a payments product's name is not pay" 'ev 7 | grep -q "\"policy\": false"'
check "moving the headquarters is not a move of policy" \
	'ev 8 | grep -q "\"policy\": false"'
check "a vaccination deadline for employees is a workplace rule" \
	'ev 9 | grep -q "\"action\": \"other\".*\"policy\": true"'
check "research about returning to the office is not a move" \
	'ev 10 | grep -q "\"policy\": false"'
id11=$(ev 11 | sed -n 's/^{"id": \([0-9]*\),.*/\1/p')
check "the pause is a moratorium" 'ev 11 | grep -q "\"action\": \"moratorium\""'
check "leaving after one's own pause in March extends the pause, and follows it" \
	'test -n "$id11" && ev 12 | grep -q "\"action\": \"extend\".*\"follows\": $id11,"'
check "an exit that says it stopped this week is an exit" \
	'ev 13 | grep -q "\"action\": \"exit\""'
check "regulators are not the company: the bank they shut is" \
	'ev 14 | grep -q "\"company\": \"Zentrix Bank\""'
check "a judge is not the company: the buyer named next is" \
	'ev 15 | grep -q "\"company\": \"Korvell\""'
check "a nation's watchdog is not the company" \
	'ev 16 | grep -q "\"company\": \"Dalvex\""'
check "more office days extend the rule; 'five days a week' is a rate, not a period" \
	'ev 17 | grep -q "\"action\": \"extend\".*\"until\": null, \"until_text\": null"'
check "a nation's adjective and a trade open the headline of the company named next, which acts" \
	'ev 18 | grep -q "\"company\": \"Vexwerk\", \"action\": \"moratorium\""'
check "what a nation's watchdog halts is not the company's move" \
	'ev 19 | grep -q "\"company\": \"Quopa\".*\"policy\": false"'
check "under a teaser that names no one, the content's lead is read as the summary, with its stated day" \
	'ev 20 | grep -q "\"day\": \"2023-03-07\", \"company\": \"Quopa\", \"action\": \"moratorium\""'
check "a title that names no company first, over a summary that opens on a court, is the court's doing" \
	'ev 21 | grep -q "\"policy\": false"'
check "'Privacy' opening a company's own post is no authority" \
	'ev 22 | grep -q "\"policy\": true"'
id23=$(ev 23 | sed -n 's/^{"id": \([0-9]*\),.*/\1/p')
id24=$(ev 24 | sed -n 's/^{"id": \([0-9]*\),.*/\1/p')
check "a ban for good is not one move with a 12-hour lock days before" \
	'test -n "$id23" && test -n "$id24" && test "$id23" != "$id24"'
check "a permanent suspension is a restriction" \
	'ev 24 | grep -q "\"action\": \"restrict\""'
check "a wire's 'Name: verb' headline is the name's move, whatever company the rest names" \
	'ev 25 | grep -q "\"company\": \"Korvell\""'
check "a blog's 'Title: subtitle' is no such headline" \
	'ev 26 | grep -q "\"company\": \"Quopa\""'
check "a name in a title-case headline goes on as far as the summary writes it" \
	'ev 27 | grep -q "\"company\": \"Zentrix Vale\""'
check "after a nation and a word of pressure in title case, the name fined; not the dateline" \
	'ev 28 | grep -q "\"company\": \"Nimbra Air\""'
check "a weekly's 'Last Thursday, August 12,' dates the move" \
	'ev 29 | grep -q "\"day\": \"2021-08-12\""'
check "a digest's question title names no one: the summary's name does" \
	'ev 30 | grep -q "\"company\": \"Zentrix Mart\""'
check "a pun's first word is no company: the one the body names is" \
	'ev 31 | grep -q "\"company\": \"Quopa\""'
check "a day written day first, 'On 18 September,', dates the move" \
	'ev 32 | grep -q "\"day\": \"2023-09-18\""'
check "a post with no title is read, and shown, by its first sentence" \
	'ev 33 | grep -q "\"title\": \"Quopa will now ban accounts that spread debunked health misinformation.\".*\"policy\": true"'
check "a state and what it does to a company, in title case, is not the company's move" \
	'ev 34 | grep -q "\"policy\": false"'
check "what an oversight board upholds is not the company's move" \
	'ev 35 | grep -q "\"policy\": false"'
check "leaving after putting business on hold extends the hold; '170 years' is a history, no period" \
	'ev 36 | grep -q "\"action\": \"extend\".*\"until\": null, \"until_text\": null"'
check "'Congress should ...' is the company's advice, not Congress acting" \
	'ev 37 | grep -q "\"action\": \"advocate\".*\"policy\": true"'
check "what a coalition demands of a company is not its move" \
	'ev 38 | grep -q "\"policy\": false"'
done_testing
