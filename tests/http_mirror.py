"""A real HTTP server on 127.0.0.1 for the download tests: it serves files and, on request,
misbehaves the way real mirrors do (error codes, a connection closed mid-file, a stall)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass

    def do_GET(self):
        mirror = self.server.mirror
        mirror.requests.append(self.path)
        body, failures = mirror.routes.get(self.path, (None, []))
        failure = failures.pop(0) if failures else None
        if body is None or isinstance(failure, int):
            self.send_error(failure or 404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if failure == "truncate":  # announce the whole file, send half, hang up
            self.wfile.write(body[: len(body) // 2])
        elif failure == "stall":  # send a little, then nothing for longer than any test timeout
            self.wfile.write(body[:10])
            self.wfile.flush()
            time.sleep(mirror.stall_seconds)
        else:
            self.wfile.write(body)


class HttpMirror:
    """`serve(path, data, *failures)`: answer GET `path` with `data`, the first requests
    failing in turn as listed (an HTTP status code, 'truncate' or 'stall')."""

    def __init__(self, stall_seconds=5):
        self.routes, self.requests, self.stall_seconds = {}, [], stall_seconds
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.mirror = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def serve(self, path, data, *failures):
        self.routes[path] = (data, list(failures))
        return self.url(path)

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
