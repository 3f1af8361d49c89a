#!/usr/bin/env python3
"""Write a large synthetic feed for benchmarks: genfeed.py rss|atom MB FILE.

Items look like real newsroom items (escaped HTML descriptions, entities,
categories, authors, dates with offsets), and the feed says of itself
what real feeds do (title, link, description or subtitle, a date) before
its items; the text is generated, not copied from anywhere."""
import random
import sys

WORDS = ("policy facial recognition moratorium police law congress cloud "
         "service customers privacy regulation announce today company "
         "responsible principles standard data model launch region "
         "availability feature update pledge climate carbon").split()


def sentence(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."


def rss_item(rnd, i):
    day = 1 + i % 28
    desc = "&lt;p&gt;%s &amp;mdash; %s&lt;/p&gt;&lt;p&gt;%s&amp;nbsp;%s&lt;/p&gt;" % (
        sentence(rnd, 18), sentence(rnd, 12), sentence(rnd, 20),
        sentence(rnd, 15))
    return (
        "<item><title>%s</title>"
        "<link>https://example.com/news/2020/06/%02d/item-%d/</link>"
        "<guid isPermaLink=\"false\">https://example.com/?p=%d</guid>"
        "<pubDate>Wed, %02d Jun 2020 21:30:00 -0700</pubDate>"
        "<dc:creator><![CDATA[Press Office]]></dc:creator>"
        "<category><![CDATA[Policy]]></category><category>AI</category>"
        "<description>%s</description></item>\n"
        % (sentence(rnd, 9), day, i, i, day, desc))


def atom_entry(rnd, i):
    day = 1 + i % 28
    html = "&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;%s &amp;amp; %s&lt;/p&gt;" % (
        sentence(rnd, 20), sentence(rnd, 14), sentence(rnd, 22))
    return (
        "<entry><id>urn:example:%d</id><title type=\"text\">%s</title>"
        "<link rel=\"alternate\" href=\"/news/2020/06/%02d/entry-%d\"/>"
        "<published>2020-06-%02dT21:30:00-07:00</published>"
        "<updated>2020-06-%02dT22:00:00-07:00</updated>"
        "<author><name>Policy Team</name></author>"
        "<category term=\"policy\" label=\"Policy\"/>"
        "<summary type=\"html\">%s</summary></entry>\n"
        % (i, sentence(rnd, 9), day, i, day, day, html))


def main():
    kind, mb, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    rnd = random.Random(42)
    limit = int(mb * 1024 * 1024)
    with open(path, "w", encoding="utf-8") as f:
        if kind == "rss":
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                    "<channel><title>Bench</title><link>https://example.com/</link>"
                    "<description>Synthetic</description>"
                    "<lastBuildDate>Tue, 30 Jun 2020 17:00:00 -0700</lastBuildDate>\n")
            make, end = rss_item, "</channel></rss>\n"
        else:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/">'
                    "<title>Bench</title><id>urn:example:bench</id>"
                    "<link rel=\"alternate\" href=\"/news/\"/>"
                    "<subtitle>Synthetic</subtitle>"
                    "<updated>2020-06-30T00:00:00Z</updated>\n")
            make, end = atom_entry, "</feed>\n"
        size, i = 0, 0
        while size < limit:
            s = make(rnd, i)
            f.write(s)
            size += len(s)
            i += 1
        f.write(end)


if __name__ == "__main__":
    main()
