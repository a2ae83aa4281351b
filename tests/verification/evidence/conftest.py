"""Letters, claims and local HTTP servers for the evidence tests.

`site` is an allow-listed local server (the test-only capture allow-list names its exact
127.0.0.1:port); `canary` is a loopback server that must never receive a connection.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.models import Claim, Letter
from tests.factories import ClaimFactory, LetterFactory

PAGE_HTML = (
    b"<!doctype html><html><head><title>Report</title><script>alert(1)</script></head>"
    b"<body><h1>Shelling of the market</h1><p>Witnesses confirmed 12 killed.</p></body></html>"
)


def make_letter(symbol: str, text: str, sender: str = "State A") -> Letter:
    """Shorthand for the factory, in these tests' positional style."""
    return LetterFactory(symbol=symbol, text=text, sender=sender)


def make_claim(letter: Letter, quote: str | None = None) -> Claim:
    return ClaimFactory(letter=letter, quote=quote or letter.text[:30], places=[])


@pytest.fixture
def letter(db) -> Letter:
    return make_letter(
        "S/2025/100",
        "On 3 May the forces of State B shelled the market in Town X, killing 12 civilians.",
        sender="State A",
    )


@pytest.fixture
def claim(letter) -> Claim:
    return make_claim(letter, "shelled the market in Town X, killing 12 civilians")


@pytest.fixture
def reply_letter(db) -> Letter:
    """The accused State's reply: the most direct contradiction."""
    return make_letter(
        "S/2025/120",
        "State B categorically rejects the allegation. No operation took place in Town X on 3 May.",
        sender="State B",
    )


class _Server(ThreadingHTTPServer):
    def __init__(self, routes: dict) -> None:
        self.routes = routes
        self.connections = 0
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def verify_request(self, request, client_address) -> bool:
        self.connections += 1
        return True

    def handle_error(self, request, client_address) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, media_type, body = self.server.routes.get(
            self.path, (404, "text/plain", b"not found")
        )
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _serve(routes: dict) -> Iterator[_Server]:
    server = _Server(routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def url_of(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


SITE_ROUTES = {
    "/report.html": (200, "text/html; charset=utf-8", PAGE_HTML),
    "/notes.txt": (200, "text/plain; charset=utf-8", b"Casualty figures: 12 killed.\n"),
    "/busy": (503, "text/plain", b"busy"),
    "/missing": (404, "text/plain", b"gone"),
}


def serve_site(settings) -> Iterator[_Server]:
    """A local web site the capturer may fetch: only its exact host:port is allow-listed."""
    for server in _serve(SITE_ROUTES):
        settings.WORKBENCH_CAPTURE_ALLOW_HOSTS = [f"127.0.0.1:{server.server_address[1]}"]
        yield server


@pytest.fixture
def site(settings) -> Iterator[_Server]:
    yield from serve_site(settings)


@pytest.fixture
def canary() -> Iterator[_Server]:
    """Not allow-listed: any connection it receives is a server-side request forgery."""
    yield from _serve({"/": (200, "text/plain", b"canary secrets")})
