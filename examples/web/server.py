#!/usr/bin/env python3
"""A tiny HTTP service for Gantry's delivery examples and tests.

Every release of the example service is this program with different behaviour:
  --error-every N   answer 500 to every Nth request (10 => exactly 10% errors; 1 => all fail)
  --delay-ms M      add M milliseconds to every response (a slower build)
GET /healthz always answers 200 so that readiness checks pass; GET / answers with the version.
"""
import argparse
import http.server
import itertools
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--version", default="dev")
parser.add_argument("--error-every", type=int, default=0)
parser.add_argument("--delay-ms", type=int, default=0)
args = parser.parse_args()
counter = itertools.count(1)
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/healthz":
            return self.reply(200, b"ok\n")
        with lock:
            n = next(counter)
        if args.delay_ms:
            time.sleep(args.delay_ms / 1000)
        if args.error_every and n % args.error_every == 0:
            return self.reply(500, b"internal error\n")
        self.reply(200, ("hello from %s\n" % args.version).encode())

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Version", args.version)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
