#!/usr/bin/env python3
"""make bench, export part: 100k events to each format, time and peak RSS.

    exportbench.py ANNALS WORKDIR"""
import os
import subprocess
import sys
import time

N = int(os.environ.get("BENCH_EVENTS", "100000"))


def measure(argv, env=None):
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: %s failed: %s" % (" ".join(argv), err[-300:]))
    return (time.monotonic() - t0, ru.ru_utime + ru.ru_stime,
            ru.ru_maxrss / 1024.0)


def main():
    annals, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "export-%d.db" % N)
    if os.path.exists(db) and subprocess.run(
            [annals, "--db", db, "export", "--since", "9999-01-01", "-f",
             "jsonl"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode != 0:
        os.remove(db)  # made by an annals of another schema version
    if not os.path.exists(db):
        feed = os.path.join(work, "export-%d.xml" % N)
        with open(feed, "w") as f:
            f.write('<rss version="2.0"><channel><title>Bench</title>\n')
            for i in range(N):
                f.write("<item><title>Event %d: Example Corp pauses a product"
                        " for a year</title><link>https://example.com/%d</link>"
                        "<guid>e%d</guid><pubDate>%s, %02d Jun 2020 18:00:00"
                        " GMT</pubDate><description>Summary %d</description>"
                        "</item>\n" % (i, i, i, "Mon", 1 + i % 28, i))
            f.write("</channel></rss>\n")
        subprocess.check_call([annals, "--db", db, "import", "-q",
                               "--company", "Example", feed])
        os.remove(feed)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    print("export %d events (--all) to /dev/null, one run each;"
          " peak RSS:" % N)
    for fmt in ("md", "jsonl", "csv", "html", "ics"):
        wall, cpu, rss = measure([annals, "--db", db, "export", "--all", "-f",
                                  fmt], env)
        print("  %-6s %6.2f s wall %6.2f s cpu %8.1f MB" % (fmt, wall, cpu,
                                                          rss))


if __name__ == "__main__":
    main()
