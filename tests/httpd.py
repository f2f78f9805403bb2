#!/usr/bin/env python3
"""httpd.py [--port-file FILE] - the local web server of the online tests.

Binds 127.0.0.1 on a free port, writes the port to FILE (and prints it), and
serves until killed. Each path behaves like one kind of web server, good or
bad; /stats answers how often each path was asked for, by method, so a test
can prove a link was fetched once or served from a cache.
Python 3 standard library only.
"""
import gzip
import http.server
import json
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
import zlib

PAGE = """<!DOCTYPE html>
<html><head><title>{title}</title></head>
<body><h1>{title}</h1>
{body}
</body></html>
"""

QUOTE_PAGE = PAGE.format(title="The night of the pact", body="""
<p>Ribbentrop landed in Moscow at noon on 23 August 1939 and was driven straight
to the Kremlin.</p>
<p>The treaty was signed in the small hours of the next morning, and the
photographs show Stalin smiling beside the German foreign minister.</p>
<p>By the end of the week the news had reached every capital in Europe.</p>
""")

OTHER_PAGE = PAGE.format(title="Harvest reports", body="""
<p>The harvest of 1939 was gathered late in the western provinces, and the
reports sent to Moscow that autumn were mostly about grain and the weather.</p>
""")

ESSAY_PAGE = PAGE.format(title="A short essay", body="""
<p>Nikolai Bukharin (1888&ndash;1937) was the favourite of the party, as Lenin
wrote in his testament.</p>
""")

SOFT_404 = PAGE.format(title="Page not found | Example History Archive",
                       body="<p>Sorry, the page you asked for is not here.</p>")

PLAIN_PAGE = PAGE.format(title="Welcome", body="<p>A page that is there.</p>")


def build_bomb():
    """About 4.5 MB of gzip that decodes to 1 GiB of zeros."""
    c = zlib.compressobj(1, zlib.DEFLATED, 31)
    zeros = b"\0" * (1 << 20)
    parts = [c.compress(zeros) for _ in range(1024)]
    parts.append(c.flush())
    return b"".join(parts)


class State:
    lock = threading.Lock()
    hits = {}
    bomb = None
    bomb_ready = threading.Event()
    agents = set()
    in_flight = 0          # requests to /slow/ being answered now
    max_in_flight = 0


def bomb_builder():
    State.bomb = build_bomb()
    State.bomb_ready.set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "chronolint-test/1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def log_message(self, fmt, *args):
        pass

    def do_HEAD(self):
        self.handle_any(True)

    def do_GET(self):
        self.handle_any(False)

    # -- helpers --
    def count(self, path):
        with State.lock:
            per = State.hits.setdefault(path, {})
            per[self.command] = per.get(self.command, 0) + 1
            return sum(per.values())

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=(), head=False):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def redirect(self, status, location, head):
        self.send(status, "<p>moved</p>", headers=[("Location", location)], head=head)

    def origin(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    # -- the paths --
    def handle_any(self, head):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        query = urllib.parse.parse_qs(url.query)
        if path == "/stats":
            with State.lock:
                stats = dict(State.hits)
                stats["max_in_flight"] = State.max_in_flight
                stats["user_agents"] = sorted(State.agents)
                body = json.dumps(stats, sort_keys=True)
            return self.send(200, body, "application/json", head=head)
        if path == "/reset-stats":
            with State.lock:
                State.hits.clear()
                State.max_in_flight = 0
            return self.send(200, "ok", "text/plain", head=head)
        n = self.count(path)
        with State.lock:
            State.agents.add(self.headers.get("User-Agent", ""))
        if path in ("/page", "/page2") or path.startswith("/bench/") or path.startswith("/counted"):
            return self.send(200, PLAIN_PAGE, head=head)
        if path == "/quote-page":
            return self.send(200, QUOTE_PAGE, head=head)
        if path == "/other-page":
            return self.send(200, OTHER_PAGE, head=head)
        if path == "/essay":
            return self.send(200, ESSAY_PAGE, head=head)
        if path == "/notes.txt":
            return self.send(200, "Plain notes: the treaty was signed at night.\n", "text/plain", head=head)
        if path == "/moved":                      # 301 then 308: moved for good
            return self.redirect(301, "/moved-again", head)
        if path == "/moved-again":
            return self.redirect(308, "/page", head)
        if path == "/moved-to-quote":
            return self.redirect(301, "/quote-page", head)
        if path == "/temporary":                  # 302: not a finding
            return self.redirect(302, "/page", head)
        if path == "/mixed":                      # 301 then 302: not a finding
            return self.redirect(301, "/temporary", head)
        if path == "/see-other":
            return self.redirect(303, "/page", head)
        if path == "/loop-a":
            return self.redirect(302, "/loop-b", head)
        if path == "/loop-b":
            return self.redirect(302, "/loop-a", head)
        if path.startswith("/chain/"):            # /chain/N: N more hops
            left = int(path.split("/")[2] or 0)
            return self.redirect(302, "/chain/%d" % (left - 1) if left > 0 else "/page", head)
        if path == "/to-file":
            return self.redirect(302, "file:///etc/passwd", head)
        if path == "/to-private":                 # a public-looking hop to a private address
            return self.redirect(302, "http://10.0.0.1/admin", head)
        if path == "/gone-404":
            return self.send(404, PAGE.format(title="Not Found", body="<p>Nothing here.</p>"), head=head)
        if path == "/gone-410":
            return self.send(410, PAGE.format(title="Gone", body="<p>Removed.</p>"), head=head)
        if path == "/forbidden":
            return self.send(403, PAGE.format(title="Forbidden", body="<p>No robots.</p>"), head=head)
        if path == "/busy":                       # 429 with Retry-After: 1, then 200
            if n == 1:
                return self.send(429, "slow down", "text/plain", [("Retry-After", "1")], head=head)
            return self.send(200, PLAIN_PAGE, head=head)
        if path == "/always-busy":
            return self.send(429, "slow down", "text/plain", [("Retry-After", "1")], head=head)
        if path == "/flaky":                      # 503 twice, then 200
            if n <= 2:
                return self.send(503, "try later", "text/plain", head=head)
            return self.send(200, PLAIN_PAGE, head=head)
        if path == "/broken":                     # 500 always
            return self.send(500, "broken", "text/plain", head=head)
        if path == "/head-405":                   # HEAD refused, GET works
            if head:
                return self.send(405, "", "text/plain", [("Allow", "GET")], head=True)
            return self.send(200, PLAIN_PAGE, head=head)
        if path == "/soft-404":
            return self.send(200, SOFT_404, head=head)
        if path == "/archive/available":         # like https://archive.org/wayback/available
            target = query.get("url", [""])[0]
            if "unarchived" in target:
                body = {"url": target, "archived_snapshots": {}}
            else:
                body = {"url": target, "archived_snapshots": {"closest": {
                    "status": "200", "available": True, "timestamp": "20200101000000",
                    "url": "http://web.archive.org/web/20200101000000/" + target}}}
            return self.send(200, json.dumps(body), "application/json", head=head)
        if path.startswith("/slow/"):              # takes its time: shows how many run at once
            with State.lock:
                State.in_flight += 1
                State.max_in_flight = max(State.max_in_flight, State.in_flight)
            time.sleep(0.2)
            with State.lock:
                State.in_flight -= 1
            return self.send(200, PLAIN_PAGE, head=head)
        if path == "/stall":                      # accepts, then says nothing
            time.sleep(30)
            self.close_connection = True
            return
        if path == "/reset":                      # a connection reset (RST)
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if path == "/truncated":                  # announces more than it sends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.close_connection = True
            if not head:
                self.wfile.write(PLAIN_PAGE.encode()[:120])
            return
        if path == "/endless":                    # never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            if head:
                return
            chunk = b"<p>" + b"more " * 2000 + b"</p>\n"
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        if path == "/bomb":                       # 4.5 MB of gzip, 1 GiB of zeros
            State.bomb_ready.wait()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(State.bomb)))
            self.end_headers()
            if head:
                return
            try:
                view = memoryview(State.bomb)
                for off in range(0, len(view), 65536):
                    self.wfile.write(view[off:off + 65536])
            except OSError:
                self.close_connection = True
            return
        if path == "/huge-headers":               # 300 KiB of headers
            self.send_response(200)
            for k in range(3000):
                self.send_header("X-Filler-%d" % k, "x" * 100)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/garbage":                    # not HTTP at all
            self.close_connection = True
            self.wfile.write(b"hello there\r\n\r\n")
            return
        if path == "/stacked":                    # three content encodings
            body = gzip.compress(gzip.compress(gzip.compress(PLAIN_PAGE.encode())))
            return self.send(200, body, "text/html", [("Content-Encoding", "gzip, gzip, gzip")], head=head)
        return self.send(404, PAGE.format(title="Not Found", body=""), head=head)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    port_file = None
    if len(sys.argv) == 3 and sys.argv[1] == "--port-file":
        port_file = sys.argv[2]
    # the bomb takes seconds to build on a busy machine: built before the port
    # is told, so that no case's link timeout runs while it is being made
    bomb_builder()
    server = Server(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    if port_file:
        with open(port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.rename(port_file + ".tmp", port_file)
    print(port, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
