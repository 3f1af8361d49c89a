#!/usr/bin/env python3
"""make bench, fetch part: annals fetch beside curl --parallel (the floor).

    fetchbench.py ANNALS WORKDIR

Serves 300 generated feeds (20-80 items) over loopback, one per address
(127.0.1.1, 127.0.1.2, ...) so that per-host politeness does not serialise
a benchmark that real feeds spread over many hosts, and prints cold
(empty database) and warm (everything 304) runs next to curl fetching the
same URLs with --parallel --parallel-max 8."""
import email.utils
import hashlib
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

N = int(os.environ.get("BENCH_FEEDS", "300"))
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
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    base = [annals, "--db", db, "--sources", conf, "fetch", "--quiet"]
    floor = ["curl", "-s", "--parallel", "--parallel-max", "8", "-K",
             os.path.join(work, "curl.conf")]
    fw, fc = measure(floor)
    cw, cc = measure(base)
    ww, wc = measure(base + ["--force"])
    fw2, fc2 = measure(floor)
    floor_w = min(fw, fw2)
    size = sum(len(v[0]) for v in FILES.values()) / 1048576.0
    print("fetch %d feeds (%.1f MB), loopback, one host each:" % (N, size))
    print("  %-26s %6.2f s wall %6.2f s cpu | %-24s %6.2f s wall | x%.2f wall"
          % ("annals fetch, cold", cw, cc, "curl --parallel-max 8", floor_w,
             cw / floor_w))
    print("  %-26s %6.2f s wall %6.2f s cpu | %-24s %6.2f s wall | x%.2f wall"
          % ("annals fetch, warm (304)", ww, wc, "curl --parallel-max 8",
             floor_w, ww / floor_w))
    for s in servers:
        s.shutdown()


if __name__ == "__main__":
    main()
