#!/usr/bin/env python3
"""make bench, TUI part: annals tui on 100 and on 100,000 events in tmux.

    tuibench.py ANNALS WORKDIR

Reports the time to first paint (from exec to the first full screen
captured in tmux), keypress-to-repaint (send-keys to the changed screen)
for j, PgDn, G and g, and the peak RSS (VmHWM) of the annals process,
against the targets 150 ms, 20 ms and 40 MB. tmux's own latency (a
send-keys and a capture-pane process each time, a few ms) is included,
so the figures are upper bounds."""
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

N = int(os.environ.get("BENCH_EVENTS", "100000"))
COMPANIES = ["Amazon", "IBM", "Microsoft", "Google", "Meta", "Apple",
             "Oracle", "Salesforce"]
ACTIONS = ["exit", "moratorium", "restrict", "extend", "resume", "pledge",
           "advocate", "standard", "other"]
TOPICS = ["facial-recognition", "ai", "privacy", "climate", "labor"]


def build(annals, db, n):
    """A database of n events over 30 years, each backed by one item."""
    if os.path.exists(db):
        return
    tmp = tempfile.mkdtemp()
    feed = os.path.join(tmp, "seed.xml")
    with open(feed, "w") as f:
        f.write('<rss version="2.0"><channel><title>Seed</title><item>'
                '<title>Seed</title><guid>seed</guid></item>'
                '</channel></rss>\n')
    env = dict(os.environ, ANNALS_RULES="/dev/null")
    subprocess.check_call([annals, "--db", db, "import", "-q", "--company",
                           "Seed", feed], env=env, stderr=subprocess.DEVNULL)
    shutil.rmtree(tmp)
    rnd = random.Random(8)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM event_items")
    con.execute("DELETE FROM events")
    con.execute("DELETE FROM items")
    src = con.execute("SELECT id FROM sources").fetchone()[0]
    now = int(time.time())
    items, events, links = [], [], []
    for i in range(1, n + 1):
        day = "%04d-%02d-%02d" % (1995 + rnd.randrange(30),
                                  1 + rnd.randrange(12), 1 + rnd.randrange(28))
        company = rnd.choice(COMPANIES)
        action = rnd.choice(ACTIONS)
        title = "%s %s move number %d on %s" % (company, action, i,
                                                 rnd.choice(TOPICS))
        items.append((i, src, "g%d" % i, "https://example.com/%d" % i, title,
                      "Summary of event %d." % i, now, now, now))
        events.append((i, "Seed/g%d" % i, day, company, action,
                       '["%s"]' % rnd.choice(TOPICS), title,
                       "Summary of event %d." % i, 1 if i % 10 else 0, now,
                       now))
        links.append((i, i))
    con.executemany("INSERT INTO items (id, source_id, guid, link, title,"
                    " summary, published, first_seen, last_seen)"
                    " VALUES (?,?,?,?,?,?,?,?,?)", items)
    con.executemany("INSERT INTO events (id, key, day, company, action,"
                    " topics, title, summary, policy, created, updated)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?)", events)
    con.executemany("INSERT INTO event_items (item_id, event_id)"
                    " VALUES (?,?)", links)
    con.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
    con.commit()
    con.close()


class Tui:
    def __init__(self, annals, db, work):
        self.sock = os.path.join(work, "tuibench.sock")
        self.t0file = os.path.join(work, "tuibench.t0")
        self.pidfile = os.path.join(work, "tuibench.pid")
        for f in (self.t0file, self.pidfile):
            if os.path.exists(f):
                os.remove(f)
        script = os.path.join(work, "tuibench.sh")
        with open(script, "w") as f:
            # the clock starts right before exec, in the pane
            f.write("echo $$ >'%s'\n"
                    "date +%%s.%%N >'%s'\n"
                    "exec '%s' --db '%s' tui\n"
                    % (self.pidfile, self.t0file, annals, db))
        self.tmux("kill-server", check=False)
        self.tmux("new-session", "-d", "-x", "100", "-y", "30",
                  "sh '%s'" % script)

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-S", self.sock] + list(args),
                              stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, check=check
                              ).stdout.decode("utf-8", "replace")

    def screen(self):
        return self.tmux("capture-pane", "-p", check=False)

    def wait(self, pred, timeout=10.0):
        end = time.time() + timeout
        while time.time() < end:
            s = self.screen()
            if pred(s):
                return time.time(), s
        sys.exit("tuibench: the screen never showed what was expected:\n"
                 + self.screen())

    def first_paint(self):
        # a full screen: the header, the rows with the cursor, the keys
        # (the count and the sparkline follow, read after the paint)
        t1, _ = self.wait(lambda s: "q quit  ? help" in s
                          and s.startswith("annals  Timeline")
                          and self.selected(s) is not None)
        while not os.path.exists(self.t0file) or \
                not open(self.t0file).read().strip():
            time.sleep(0.001)
        self.t0 = float(open(self.t0file).read())
        return t1 - self.t0

    def selected(self, s):
        for line in s.splitlines():
            if line.startswith(">"):
                return line
        return None

    def key(self, k):
        """Seconds from send-keys to a screen whose selected row changed."""
        before = self.selected(self.screen())
        t0 = time.time()
        self.tmux("send-keys", k)
        t1, _ = self.wait(lambda s: self.selected(s) not in (None, before))
        return t1 - t0

    def key_any(self, k):
        """Seconds from send-keys to any change of the screen."""
        before = self.screen()
        t0 = time.time()
        self.tmux("send-keys", k)
        t1, _ = self.wait(lambda s: s != before)
        return t1 - t0

    def rss(self):
        pid = open(self.pidfile).read().strip()
        with open("/proc/%s/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        return float("nan")

    def close(self):
        self.tmux("send-keys", "q", check=False)
        time.sleep(0.2)
        self.tmux("kill-server", check=False)


def baseline(work):
    """tmux's own round trip: a key to a raw cat and back on the screen."""
    sock = os.path.join(work, "tuibench-base.sock")

    def tmux(*args):
        return subprocess.run(["tmux", "-S", sock] + list(args),
                              stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode()
    tmux("kill-server")
    tmux("new-session", "-d", "-x", "100", "-y", "30",
         "stty raw -echo; cat")
    time.sleep(0.3)
    times = []
    for i in range(20):
        t0 = time.time()
        tmux("send-keys", "j")
        while tmux("capture-pane", "-p").count("j") <= i:
            pass
        times.append(time.time() - t0)
    tmux("kill-server")
    return statistics.median(times)


def run(annals, db, work, n, base):
    firsts, counted = [], []
    for _ in range(3):
        t = Tui(annals, db, work)
        firsts.append(t.first_paint())
        if len(firsts) == 3:
            # a key while the counts are read: the count gives way
            during = t.key("j")
        counted.append(t.wait(lambda s: " events " in s)[0] - t.t0)
        if len(firsts) < 3:
            t.close()
    keys = {}
    for k, times in (("j", 30), ("k", 15), ("NPage", 2), ("PPage", 2),
                     ("G", 1), ("g", 1)):
        keys.setdefault(k, []).extend(t.key(k) for _ in range(times))
    lanes = {}
    for k in ("v", "Left", "Left", "Left", "-", "-", "+", "+", "+", "v"):
        lanes.setdefault(k, []).append(t.key_any(k))
    rss = t.rss()
    t.close()
    first = statistics.median(firsts)
    allkeys = sorted(x for v in keys.values() for x in v)
    p95 = allkeys[int(len(allkeys) * 0.95) - 1]
    print("annals tui on %d events:" % n)
    print("  first paint      %6.1f ms (median of 3; target 150 ms) %s"
          % (first * 1000, "ok" if first < 0.150 else "OVER"))
    print("  counts + sparkline%6.1f ms after exec (read after the first"
          " paint)" % (statistics.median(counted) * 1000))
    print("  key j while counting %5.1f ms" % (during * 1000))
    for k, v in keys.items():
        print("  key %-6s       %6.1f ms median, %6.1f ms max"
              % (k, statistics.median(v) * 1000, max(v) * 1000))
    for k, v in lanes.items():
        print("  lanes %-6s     %6.1f ms median, %6.1f ms max"
              % (k, statistics.median(v) * 1000, max(v) * 1000))
    print("  keypress p95     %6.1f ms, %.1f ms without tmux's round trip"
          " (target 20 ms) %s"
          % (p95 * 1000, (p95 - base) * 1000,
             "ok" if p95 - base < 0.020 else "OVER"))
    print("  peak RSS         %6.1f MB (target 40 MB) %s"
          % (rss, "ok" if rss < 40 else "OVER"))


def main():
    annals, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    if not shutil.which("tmux"):
        print("tuibench: no tmux, skipped")
        return
    os.environ.setdefault("LANG", "C.UTF-8")
    base = baseline(work)
    print("tmux round trip (send-keys to capture-pane, raw cat): %.1f ms"
          % (base * 1000))
    for n in (100, N):
        db = os.path.join(work, "tui-%d.db" % n)
        build(annals, db, n)
        run(annals, db, work, n, base)


if __name__ == "__main__":
    main()
