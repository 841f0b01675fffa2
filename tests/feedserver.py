"""A real HTTP server on 127.0.0.1 for fetch and model-endpoint tests and the fetch benchmark, with
scripted misbehaviour.

Routes map a path to a Reply or to a function of the request giving one. Every request is logged
(path and headers) so tests can check what the client sent. Nothing here contacts any other host.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


@dataclass
class Reply:
    """What the server answers: status, headers, body, and optional misbehaviour."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait before sending anything
    truncate_at: int | None = None  # promise the whole body, send this many bytes, hang up
    hang_up: bool = False  # close the connection without answering
    chunks: Iterable[bytes] | None = None  # stream these instead of `body` (huge responses)
    length: int | None = None  # Content-Length to announce with `chunks`


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    body: bytes = b""  # what a POST sent


Route = Reply | Callable[[Request], Reply]


class FeedServer:
    """Serve routes on an ephemeral loopback port in a background thread; use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def serve(self, path: str, route: Route) -> str:
        """Add a route; returns its full URL."""
        self.routes[path] = route
        return self.url(path)

    def serve_file(self, path: str, name: str, content_type: str, **headers: str) -> str:
        """Serve a fixture file from tests/fixtures/feeds, with "{base}" made this server's URL."""
        body = (FIXTURES / name).read_bytes().replace(b"{base}", self.url("").encode())
        return self.serve(path, Reply(body=body, headers={"Content-Type": content_type, **headers}))

    def hits(self, path: str) -> list[Request]:
        """The requests made for `path` so far."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)


def sequence(*replies: Reply) -> Callable[[Request], Reply]:
    """A route answering with each reply in turn, then repeating the last."""
    served = [0]
    lock = threading.Lock()

    def route(_: Request) -> Reply:
        with lock:
            index = min(served[0], len(replies) - 1)
            served[0] += 1
        return replies[index]

    return route


def conditional(
    body: bytes, content_type: str, etag: str, last_modified: str
) -> Callable[[Request], Reply]:
    """A route answering 304 when the client sends the matching ETag or Last-Modified."""

    def route(request: Request) -> Reply:
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if (
            request.headers.get("if-none-match") == etag
            or request.headers.get("if-modified-since") == last_modified
        ):
            return Reply(304, headers=validators)
        return Reply(body=body, headers={"Content-Type": content_type, **validators})

    return route


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # a client that hangs up early is what some tests are about

        def do_GET(self) -> None:
            self._answer(b"")

        def do_POST(self) -> None:
            self._answer(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

        def _answer(self, body: bytes) -> None:
            request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            server._log(request)
            route = server.routes.get(self.path)
            if route is None:
                reply = Reply(404, b"not found", {"Content-Type": "text/plain"})
            else:
                reply = route(request) if callable(route) else route
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up: fine

        def _send(self, reply: Reply) -> None:
            if reply.delay_s:
                time.sleep(reply.delay_s)
            if reply.hang_up:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            length = reply.length if reply.chunks is not None else len(reply.body)
            if length is None:
                self.send_header("Connection", "close")  # the end of the body is the hang-up
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            if reply.chunks is not None:
                for chunk in reply.chunks:
                    self.wfile.write(chunk)
            elif reply.truncate_at is not None:
                self.wfile.write(reply.body[: reply.truncate_at])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            else:
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read `server.requests` instead."""

    return Handler
