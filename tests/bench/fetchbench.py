#!/usr/bin/env python3
"""make bench, fetch part: annals fetch beside curl --parallel (the floor).

    fetchbench.py ANNALS WORKDIR

Serves 300 generated feeds (20-80 items) over loopback, one per address
(127.0.1.1, 127.0.1.2, ...) so that per-host politeness does not serialise
a benchmark that real feeds spread over many hosts, and prints cold
(empty database) and warm (everything 304) runs next to curl fetching the
same URLs with --parallel --parallel-max 8. The cold run is made twice:
without rules (fetch, parse, store) and with the project's rules
(feeds/rules.conf: every item classified too). After the warm run it
checks that only the sources table changed."""
import email.utils
import hashlib
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

N = int(os.environ.get("BENCH_FEEDS", "300"))
# each figure is the best of this many runs (a fresh database for each
# cold run); runs of the two sides alternate, so noise hits both
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
FILES = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        body, etag, lm = FILES.get(self.path, (None, None, None))
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", lm)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, *a):
        pass


def feed(i, rnd):
    items = []
    for k in range(rnd.randint(20, 80)):
        items.append(
            "<item><title>Feed %d item %d: policy update</title>"
            "<link>http://example.test/%d/%d</link><guid>f%d-%d</guid>"
            "<pubDate>Wed, %02d Jun 2020 18:00:00 GMT</pubDate>"
            "<description>&lt;p&gt;Paragraph %d of feed %d with some words "
            "about cloud services and policy.&lt;/p&gt;</description></item>"
            % (i, k, i, k, i, k, 1 + k % 28, k, i))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>F%d'
            "</title>%s</channel></rss>" % (i, "".join(items))).encode()


def measure(argv):
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    wall = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0,):
        sys.exit("bench: %s exited %d: %s" % (argv[0], code, err[-500:]))
    return wall, ru.ru_utime + ru.ru_stime


def content(db):
    """A digest of every table a warm run must leave alone."""
    h = hashlib.sha1()
    con = sqlite3.connect(db)
    for table in ("items", "item_revisions", "events", "event_items",
                  "curation"):
        for row in con.execute("SELECT * FROM %s ORDER BY rowid" % table):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def fresh(db):
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def main():
    annals, work = sys.argv[1], sys.argv[2]
    rnd = random.Random(7)
    lm = email.utils.formatdate(time.time() - 3600, usegmt=True)
    servers, urls = [], []
    port = 0
    for i in range(N):
        addr = "127.0.%d.%d" % (1 + i // 250, 1 + i % 250)
        srv = Server((addr, port), Handler)
        port = srv.server_address[1]
        servers.append(srv)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        body = feed(i, rnd)
        FILES["/f%d.xml" % i] = (body, '"%s"' % hashlib.sha1(body).hexdigest()[:12], lm)
        urls.append("http://%s:%d/f%d.xml" % (addr, port, i))
    os.makedirs(work, exist_ok=True)
    conf = os.path.join(work, "sources")
    shutil.rmtree(conf, ignore_errors=True)
    os.makedirs(conf)
    with open(os.path.join(conf, "bench.conf"), "w") as f:
        for i, u in enumerate(urls):
            f.write("[f%d]\ncompany = Bench\nurl = %s\n\n" % (i, u))
    with open(os.path.join(work, "curl.conf"), "w") as f:
        for u in urls:
            f.write('url = "%s"\noutput = "/dev/null"\n' % u)
    db = os.path.join(work, "fetch.db")
    fresh(db)
    base = [annals, "--db", db, "--sources", conf, "fetch", "--quiet"]
    floor = ["curl", "-s", "--parallel", "--parallel-max", "8", "-K",
             os.path.join(work, "curl.conf")]
    rules = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "..", "..", "feeds", "rules.conf")
    rdb = os.path.join(work, "fetch-rules.db")
    rules_argv = None
    if os.path.exists(rules):
        rules_argv = [annals, "--db", rdb, "--sources", conf, "--rules",
                      rules, "fetch", "--quiet"]
    floors, colds, ruled = [], [], []
    for _ in range(REPEAT):
        floors.append(measure(floor))
        fresh(db)
        colds.append(measure(base))
        if rules_argv:
            fresh(rdb)
            ruled.append(measure(rules_argv))
            fresh(rdb)
    # warm: everything 304, against the database of the last cold run
    before = content(db)
    warms = [measure(base + ["--force"]) for _ in range(REPEAT)]
    untouched = content(db) == before
    fw, _ = min(floors)
    cw, cc = min(colds)
    ww, wc = min(warms)
    rw, rc = min(ruled) if ruled else (None, None)
    floor_w = fw
    size = sum(len(v[0]) for v in FILES.values()) / 1048576.0
    print("fetch %d feeds (%.1f MB) over loopback, each on its own address"
          " (127.0.x.y) so that" % (N, size))
    print("per-host politeness does not serialise them; the floor is curl"
          " fetching the same")
    print("URLs to /dev/null, 8 at a time (annals also runs 8 transfers);"
          " best of %d runs each:" % REPEAT)
    line = "  %-28s %6.2f s wall %6.2f s cpu | x%.2f the floor"
    print(line % ("annals fetch, cold", cw, cc, cw / floor_w))
    if rw is not None:
        print(line % ("annals fetch, cold + rules", rw, rc, rw / floor_w))
    print(line % ("annals fetch, warm (304)", ww, wc, ww / floor_w))
    print("  %-28s %6.2f s wall" % ("curl --parallel-max 8", floor_w))
    print("  warm run left items, revisions, events and curation %s"
          % ("untouched" if untouched else "CHANGED"))
    for s in servers:
        s.shutdown()


if __name__ == "__main__":
    main()
