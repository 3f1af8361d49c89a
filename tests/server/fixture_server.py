#!/usr/bin/env python3
"""Fixture HTTP server for annals' fetch tests: loopback only, bounded.

    fixture_server.py DOCROOT PORTFILE LOGFILE

Serves files under DOCROOT with ETag and Last-Modified and honours
If-None-Match / If-Modified-Since (304). Paths under /x/ misbehave on
purpose (see BEHAVIOURS). Each request is logged to LOGFILE as one JSON
line {path, if_none_match, if_modified_since, user_agent, accept_encoding}.
The port it listens on (127.0.0.1, chosen by the system) is written to
PORTFILE. It stops by itself after MAX_LIFETIME seconds.
"""
import email.utils
import gzip
import hashlib
import json
import os
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_LIFETIME = 900
MAX_DRIP_SECONDS = 90
MAX_ENDLESS_BYTES = 200 * 1024 * 1024

DOCROOT = LOG = None
LOG_LOCK = threading.Lock()

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture</title><link>http://example.test/</link>
<item><title>Fixture item</title><guid>fixture-1</guid><link>http://example.test/1</link>
<pubDate>Wed, 10 Jun 2020 18:00:00 GMT</pubDate></item>
</channel></rss>
"""

# 100 MB of zeros, gzipped once (about 100 KB) for the gzip bomb
_BOMB = None


def bomb():
    global _BOMB
    if _BOMB is None:
        _BOMB = gzip.compress(b"\0" * (100 * 1024 * 1024), 9)
    return _BOMB


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def note(self):
        rec = {
            "path": self.path,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
        }
        with LOG_LOCK, open(LOG, "a") as f:
            f.write(json.dumps(rec) + "\n")

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k.lower() == "content-length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, code, to):
        self.send(code, b"", [("Location", to)])

    def do_GET(self):
        self.note()
        path = self.path.split("?", 1)[0]
        if path.startswith("/x/"):
            return self.behave(path[3:])
        # --- page sources (t0018): a DOCROOT/robots.status file holding
        # an HTTP status makes /robots.txt answer with it, empty
        status_file = os.path.join(DOCROOT, "robots.status")
        if path == "/robots.txt" and os.path.isfile(status_file):
            with open(status_file) as f:
                return self.send(int(f.read().strip() or "500"))
        # --- end of page sources
        return self.serve_file(path)

    def serve_file(self, path):
        fs = os.path.normpath(os.path.join(DOCROOT, path.lstrip("/")))
        if not fs.startswith(os.path.abspath(DOCROOT)) or not os.path.isfile(fs):
            return self.send(404, b"not found\n", [("Content-Type", "text/plain")])
        with open(fs, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        mtime = int(os.path.getmtime(fs))
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        hdrs = [("ETag", etag), ("Last-Modified", lastmod),
                ("Content-Type", "application/rss+xml; charset=utf-8")]
        if inm is not None:
            if inm == etag:
                return self.send(304, b"", [("ETag", etag)])
        elif ims is not None:
            t = email.utils.parsedate_to_datetime(ims).timestamp()
            if mtime <= t:
                return self.send(304, b"", [("Last-Modified", lastmod)])
        if "gzip" in (self.headers.get("Accept-Encoding") or "") and \
                path.endswith(".gz.xml"):
            body = gzip.compress(body)
            hdrs.append(("Content-Encoding", "gzip"))
        self.send(200, body, hdrs)

    def behave(self, what):
        port = self.server.server_address[1]
        base = "http://127.0.0.1:%d" % port
        if what == "etag-only":
            if self.headers.get("If-None-Match") == '"v1"':
                return self.send(304, b"", [("ETag", '"v1"')])
            return self.send(200, FEED, [("ETag", '"v1"')])
        if what == "lastmod-only":
            lm = "Wed, 10 Jun 2020 18:00:00 GMT"
            if self.headers.get("If-Modified-Since") == lm:
                return self.send(304)
            return self.send(200, FEED, [("Last-Modified", lm)])
        if what == "gzip":
            return self.send(200, gzip.compress(FEED),
                             [("Content-Encoding", "gzip"),
                              ("Content-Type", "application/rss+xml")])
        if what.startswith("chain"):
            n = int(what[5:] or "0")
            if n <= 0:
                return self.send(200, FEED)
            return self.redirect(302, "%s/x/chain%d" % (base, n - 1))
        if what == "loop":
            return self.redirect(302, base + "/x/loop")
        if what == "to-file":
            return self.redirect(302, "file:///etc/passwd")
        if what == "moved":
            return self.redirect(301, base + "/x/moved-target")
        if what == "moved-target":
            return self.send(200, FEED)
        if what in ("404", "410", "500"):
            return self.send(int(what), b"<html><body>error</body></html>",
                             [("Content-Type", "text/html")])
        if what == "429":
            return self.send(429, b"slow down\n", [("Retry-After", "7200")])
        if what == "503":
            return self.send(503, b"later\n", [("Retry-After", "120")])
        if what == "slow":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            end = time.time() + MAX_DRIP_SECONDS
            try:
                while time.time() < end:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        if what == "endless":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<!-- " + b"x" * 65536 + b" -->"
            sent = 0
            try:
                while sent < MAX_ENDLESS_BYTES:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
            except OSError:
                pass
            return
        if what == "big-length":
            self.send_response(200)
            self.send_header("Content-Length", str(500 * 1024 * 1024))
            self.end_headers()
            try:
                self.wfile.write(b"<rss>")
            except OSError:
                pass
            return
        if what == "gzip-bomb":
            return self.send(200, bomb(), [("Content-Encoding", "gzip")])
        if what == "gzip-stream":
            # 1 GB of feed text gzipped as it is sent, never held whole:
            # the client must stop at its cap after decoding
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            z = zlib.compressobj(6, zlib.DEFLATED, 31)
            head = b'<rss version="2.0"><channel><item><guid>g</guid><title>'
            block = b"A" * (1024 * 1024)
            try:
                for i in range(1025):
                    data = z.compress(head if i == 0 else block)
                    if data:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                data = z.flush()
                self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data))
            except OSError:
                pass
            return
        if what == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED) * 3))
            self.end_headers()
            self.wfile.write(FEED[:len(FEED) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if what == "html":
            return self.send(200, b"<!DOCTYPE html><html><head><title>503</title>"
                             b"</head><body>Service unavailable</body></html>",
                             [("Content-Type", "text/html")])
        if what.startswith("sleep"):
            time.sleep(min(float(what[5:] or "1"), 30))
            return self.send(200, FEED)
        return self.send(404, b"no such behaviour\n")


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # clients hanging up on purpose are the point of some tests


def main():
    global DOCROOT, LOG
    DOCROOT, portfile, LOG = sys.argv[1], sys.argv[2], sys.argv[3]
    srv = Server(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Timer(MAX_LIFETIME, srv.shutdown).start()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()
    os._exit(0)


if __name__ == "__main__":
    main()
