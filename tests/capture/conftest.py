"""Local servers for the capture tests: a canary that must never be reached, and a site.

Nothing here touches the network beyond 127.0.0.1: an autouse fixture makes every DNS
lookup fail unless a test fakes the resolver itself.
"""

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from verification.capture import CapturePolicy

Route = Callable[[BaseHTTPRequestHandler], None]


class _CountingServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that counts the TCP connections it accepts."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.connections = 0
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _RoutingHandler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # skip getfqdn(): no lookups in tests
        self.server_name, self.server_port = self.server_address[:2]

    def verify_request(self, request: object, client_address: object) -> bool:
        with self._lock:
            self.connections += 1
        return True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up mid-response are expected here


class _RoutingHandler(BaseHTTPRequestHandler):
    server: _CountingServer

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(urlsplit(self.path).path) or _route_prefix(self)
        route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _route_prefix(handler: _RoutingHandler) -> Route:
    path = urlsplit(handler.path).path
    for prefix, route in handler.server.routes.items():
        if prefix.endswith("/") and path.startswith(prefix):
            return route
    return handler.server.routes.get("*", lambda h: h.send_error(404))


@dataclass
class RunningServer:
    server: _CountingServer

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def connections(self) -> int:
        return self.server.connections

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        return self.server.requests

    def url(self, path: str = "/", host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"


def _serve(routes: dict[str, Route]) -> Iterator[RunningServer]:
    server = _CountingServer(routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield RunningServer(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def respond(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    content_type: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica, with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(pdf)


PAGE_HTML = (
    b"<!doctype html><html><head><title>Press release</title>"
    b"<style>p { color: red }</style></head><body>"
    b"<script>document.write('tracking pixel')</script>"
    b"<h1>Ceasefire statement</h1><p>The council <em>welcomed</em> the\n ceasefire.</p>"
    b"</body></html>"
)
NOTES_TEXT = b"Casualty figures: 12 killed, 40 injured.\n"
LETTER_PDF = tiny_pdf("Resolution 2334 was adopted in 2016")
BIG_BODY = b"x" * 2000


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    respond(handler, b"late", "text/plain")


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "25")
    handler.end_headers()
    for _ in range(25):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.2)


def _trickle_headers(handler: BaseHTTPRequestHandler) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\nX-Padding: ")
    for _ in range(25):
        handler.wfile.write(b"a")
        handler.wfile.flush()
        time.sleep(0.2)
    handler.wfile.write(b"\r\nContent-Type: text/plain\r\n\r\nlate")


def _stream_without_length(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Connection", "close")
    handler.end_headers()
    for _ in range(50):
        handler.wfile.write(b"y" * 100)


def _redirect(handler: BaseHTTPRequestHandler) -> None:
    location = parse_qs(urlsplit(handler.path).query)["to"][0]
    respond(handler, b"", "text/plain", status=302, headers={"Location": location})


def _hop(handler: BaseHTTPRequestHandler) -> None:
    remaining = int(urlsplit(handler.path).path.rsplit("/", 1)[1])
    if remaining == 0:
        respond(handler, PAGE_HTML, "text/html; charset=utf-8")
    else:
        respond(handler, b"", "text/plain", status=301, headers={"Location": f"{remaining - 1}"})


SITE_ROUTES: dict[str, Route] = {
    "/page.html": lambda h: respond(h, PAGE_HTML, "text/html; charset=utf-8"),
    "/notes.txt": lambda h: respond(h, NOTES_TEXT, "text/plain; charset=utf-8"),
    "/letter.pdf": lambda h: respond(h, LETTER_PDF, "application/pdf"),
    "/download": lambda h: respond(h, LETTER_PDF, "application/octet-stream"),
    "/photo.png": lambda h: respond(h, b"\x89PNG\r\n\x1a\n", "image/png"),
    "/missing": lambda h: respond(h, b"gone", "text/plain", status=404),
    "/busy": lambda h: respond(h, b"busy", "text/plain", status=503),
    "/big": lambda h: respond(h, BIG_BODY, "text/plain"),
    "/big-stream": _stream_without_length,
    "/slow": _slow,
    "/trickle": _trickle,
    "/trickle-headers": _trickle_headers,
    "/redirect": _redirect,
    "/hop/": _hop,
}


@pytest.fixture
def site() -> Iterator[RunningServer]:
    """The allow-listed test site (see ``site_policy``)."""
    yield from _serve(SITE_ROUTES)


@pytest.fixture
def canary() -> Iterator[RunningServer]:
    """A loopback server that every bypass attempt would reach if the checks failed."""
    yield from _serve({"*": lambda h: respond(h, b"canary secrets", "text/plain")})


@pytest.fixture
def site_policy(site: RunningServer, canary: RunningServer) -> CapturePolicy:
    """Allow-lists only the site's exact 127.0.0.1:port. The canary's port is an allowed
    port, so only the address checks stand between a request and the canary."""
    # A generous limit so a loaded machine never times out a quick local page; the timeout
    # tests set their own short one.
    return CapturePolicy(
        timeout=30.0,
        allowed_ports=frozenset({80, 443, canary.port}),
        allow_hosts=frozenset({f"127.0.0.1:{site.port}"}),
    )


@pytest.fixture(autouse=True)
def no_real_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse_lookup(host: object, *args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, f"no DNS in tests ({host})")

    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)


def fake_resolver(*answers: list[str]) -> Callable[..., list[tuple]]:
    """A getaddrinfo that gives the n-th answer on the n-th call (the last one after)."""
    calls: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        calls.append(host)
        answer = answers[min(len(calls), len(answers)) - 1]
        return [_addrinfo(ip, port) for ip in answer]

    getaddrinfo.calls = calls  # type: ignore[attr-defined]
    return getaddrinfo


def _addrinfo(ip: str, port: int) -> tuple:
    if ":" in ip:
        return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port))


@pytest.fixture
def site_bodies() -> dict[str, bytes]:
    """What the site serves at its plain routes, to compare captures against."""
    return {
        "/page.html": PAGE_HTML,
        "/notes.txt": NOTES_TEXT,
        "/letter.pdf": LETTER_PDF,
        "/download": LETTER_PDF,
        "/big": BIG_BODY,
    }


@pytest.fixture
def make_pdf() -> Callable[[str], bytes]:
    return tiny_pdf


@pytest.fixture
def resolve_as(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Callable[..., list[tuple]]]:
    """Fake DNS: ``resolve_as(["93.184.215.14"], ["127.0.0.1"])`` answers per call."""

    def install(*answers: list[str]) -> Callable[..., list[tuple]]:
        resolver = fake_resolver(*answers)
        monkeypatch.setattr(socket, "getaddrinfo", resolver)
        return resolver

    return install
