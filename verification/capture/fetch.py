"""Fetch a user-supplied URL without letting it reach the server's own network.

Every hop is parsed strictly, resolved once, and every resolved address is checked;
the socket then connects to a checked address (never to the hostname, which could
resolve differently a second time) and the peer is checked again. Redirects are
followed by hand so each hop goes through the same checks.
"""

import contextlib
import hashlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from types import TracebackType
from urllib.parse import urljoin

from verification.capture.addresses import IPAddress, check_address
from verification.capture.errors import CaptureFailed, CaptureRefused
from verification.capture.urls import DEFAULT_PORTS, Target, hostname_refusal, parse_target

ALLOWED_MEDIA_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "application/pdf"}
)
# Servers often label PDFs as opaque bytes; those are accepted when the bytes say PDF.
_SNIFFED_MEDIA_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_TRANSIENT_CLIENT_ERRORS = frozenset({408, 425, 429})
_CHUNK_SIZE = 64 * 1024
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_REQUEST_HEADERS = {
    "User-Agent": "claim-workbench-capture/0.1",
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8",
    "Connection": "close",
}


@dataclass(frozen=True)
class CapturePolicy:
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 15.0  # seconds for the whole capture, redirects included
    max_redirects: int = 5
    allowed_ports: frozenset[int] = frozenset({80, 443})
    # For tests only: "host:port", "ip:port" ("[v6]:port") or a bare IP that skip the
    # port, hostname and address checks.
    allow_hosts: frozenset[str] = frozenset()


DEFAULT_POLICY = CapturePolicy()


@dataclass(frozen=True)
class CaptureResult:
    requested_url: str
    final_url: str
    status: int
    media_type: str  # without parameters, e.g. "text/html"
    data: bytes
    sha256: str
    fetched_at: datetime
    redirects: tuple[str, ...]  # the URLs that answered with a redirect, in order
    peer_address: str  # the IP address the final response came from
    charset: str | None = None  # from the Content-Type header, if it named one


@dataclass(frozen=True)
class _Response:
    status: int
    location: str | None = None
    media_type: str = ""
    charset: str | None = None
    data: bytes = field(default=b"", repr=False)


def capture_url(url: str, *, policy: CapturePolicy = DEFAULT_POLICY) -> CaptureResult:
    """Fetch ``url`` under ``policy``; raise CaptureRefused or CaptureFailed otherwise."""
    redirects: list[str] = []
    current_url = url
    with _TimeBudget(policy.timeout) as budget:
        while True:
            target = parse_target(current_url)
            response, peer = _fetch(target, policy, budget)
            if response.location is None:
                break
            redirects.append(current_url)
            if len(redirects) > policy.max_redirects:
                raise CaptureFailed(f"more than {policy.max_redirects} redirects", transient=False)
            current_url = urljoin(current_url, response.location)
    return CaptureResult(
        requested_url=url,
        final_url=current_url,
        status=response.status,
        media_type=response.media_type,
        data=response.data,
        sha256=hashlib.sha256(response.data).hexdigest(),
        fetched_at=datetime.now(UTC),
        redirects=tuple(redirects),
        peer_address=str(peer),
        charset=response.charset,
    )


def post_url(
    url: str, body: bytes, *, headers: dict[str, str], policy: CapturePolicy = DEFAULT_POLICY
) -> int:
    """POST ``body`` to ``url`` under the same address checks as a capture (webhooks); no
    redirect is followed. Return the status; raise CaptureRefused or CaptureFailed."""
    with _TimeBudget(policy.timeout) as budget:
        target = parse_target(url)
        addresses, exempt = _permitted_addresses(target, policy)
        connection = _PinnedConnection(target, addresses, exempt, budget)
        try:
            connection.request(
                "POST", target.request_path, body=body, headers={**headers, "Connection": "close"}
            )
            response = connection.getresponse()
            response.read(_CHUNK_SIZE)  # the answer's body is not kept
            return response.status
        except (OSError, http.client.HTTPException) as error:
            raise _failure_from(error, budget) from error
        finally:
            connection.close()


def _fetch(
    target: Target, policy: CapturePolicy, budget: "_TimeBudget"
) -> tuple[_Response, IPAddress]:
    addresses, exempt = _permitted_addresses(target, policy)
    connection = _PinnedConnection(target, addresses, exempt, budget)
    try:
        connection.request("GET", target.request_path, headers=_REQUEST_HEADERS)
        response = _read_response(connection.getresponse(), policy, budget)
    except (OSError, http.client.HTTPException) as error:
        raise _failure_from(error, budget) from error
    finally:
        connection.close()
    assert connection.peer_address is not None
    return response, connection.peer_address


def _permitted_addresses(
    target: Target, policy: CapturePolicy
) -> tuple[list[IPAddress], frozenset[IPAddress]]:
    """The addresses the target may be reached at, and those the allow-list exempts."""
    if _is_allow_listed(policy, target.host, target.port):
        addresses = _addresses_of(target)
        return addresses, frozenset(addresses)
    if target.port not in policy.allowed_ports:
        raise CaptureRefused(f"port {target.port} not allowed")
    if target.literal_address is None and (reason := hostname_refusal(target.host)):
        raise CaptureRefused(reason)
    addresses = _addresses_of(target)
    exempt = frozenset(a for a in addresses if _is_allow_listed(policy, str(a), target.port))
    for address in addresses:
        reason = None if address in exempt else check_address(str(address))
        if reason and target.literal_address is None:
            reason = f"host {target.host!r} resolves to a forbidden address: {reason}"
        if reason:
            raise CaptureRefused(reason)
    return addresses, exempt


def _is_allow_listed(policy: CapturePolicy, host: str, port: int) -> bool:
    if not policy.allow_hosts:
        return False
    host_port = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return host_port in policy.allow_hosts or host in policy.allow_hosts


def _addresses_of(target: Target) -> list[IPAddress]:
    if target.literal_address is not None:
        return [target.literal_address]
    try:
        infos = socket.getaddrinfo(
            target.host, target.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except socket.gaierror as error:
        raise CaptureFailed(
            f"cannot resolve {target.host!r}: {error.strerror}",
            transient=error.errno == socket.EAI_AGAIN,
        ) from error
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
    if not addresses:
        raise CaptureFailed(f"{target.host!r} has no addresses", transient=False)
    return addresses


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address checked in advance, never to a fresh lookup.

    The Host header and the TLS server name still carry the hostname, so virtual
    hosting and certificate checks work as usual.
    """

    def __init__(
        self,
        target: Target,
        addresses: list[IPAddress],
        exempt: frozenset[IPAddress],
        budget: "_TimeBudget",
    ) -> None:
        super().__init__(target.host, target.port, timeout=budget.remaining())
        self.default_port = DEFAULT_PORTS[target.scheme]  # Host header omits it
        self.peer_address: IPAddress | None = None
        self._uses_tls = target.scheme == "https"
        self._addresses = addresses
        self._budget = budget
        self._exempt = exempt

    def connect(self) -> None:
        sock, self.peer_address = _connect_first(
            self._addresses, self.port, self._exempt, self._budget
        )
        if self._uses_tls:
            sock = _start_tls(sock, self.host, self._budget)
        self.sock = sock


def _connect_first(
    addresses: list[IPAddress],
    port: int,
    exempt: frozenset[IPAddress],
    budget: "_TimeBudget",
) -> tuple[socket.socket, IPAddress]:
    last_error: OSError | None = None
    for address in addresses:
        try:
            sock = _open_socket(address, port, budget.remaining())
        except OSError as error:
            last_error = error
            continue
        budget.watch(sock)
        _verify_peer(sock, address, exempt)
        return sock, address
    assert last_error is not None
    raise last_error


def _open_socket(address: IPAddress, port: int, timeout: float) -> socket.socket:
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((str(address), port))
    except BaseException:
        sock.close()
        raise
    return sock


def _verify_peer(sock: socket.socket, expected: IPAddress, exempt: frozenset[IPAddress]) -> None:
    """Check the address the socket really reached, not only the one we asked for."""
    peer = ipaddress.ip_address(sock.getpeername()[0])
    reason = None
    if peer != expected:
        reason = f"connected to {peer} instead of {expected}"
    elif peer not in exempt:
        reason = check_address(str(peer))
    if reason:
        sock.close()
        raise CaptureRefused(reason)


def _start_tls(sock: socket.socket, hostname: str, budget: "_TimeBudget") -> ssl.SSLSocket:
    tls_sock = _tls_context().wrap_socket(
        sock, server_hostname=hostname, do_handshake_on_connect=False
    )
    budget.watch(tls_sock)
    tls_sock.do_handshake()
    return tls_sock


@cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def _read_response(
    response: http.client.HTTPResponse, policy: CapturePolicy, budget: "_TimeBudget"
) -> _Response:
    status = response.status
    if status in _REDIRECT_STATUSES:
        location = (response.getheader("Location") or "").strip()
        if not location:
            raise CaptureFailed(f"HTTP {status} redirect without a Location", transient=False)
        return _Response(status=status, location=location)
    if not 200 <= status < 300:
        transient = status >= 500 or status in _TRANSIENT_CLIENT_ERRORS
        raise CaptureFailed(f"HTTP {status} {response.reason}".strip(), transient=transient)
    media_type, charset = _parse_content_type(response.getheader("Content-Type") or "")
    if media_type not in ALLOWED_MEDIA_TYPES | _SNIFFED_MEDIA_TYPES:
        raise _unsupported(media_type)
    _refuse_declared_oversize(response, policy.max_bytes)
    data = _read_body(response, policy.max_bytes, budget)
    if media_type in _SNIFFED_MEDIA_TYPES:
        if not data.startswith(b"%PDF-"):
            raise _unsupported(media_type)
        media_type = "application/pdf"
    return _Response(status=status, media_type=media_type, charset=charset, data=data)


def _parse_content_type(header: str) -> tuple[str, str | None]:
    media_type, _, parameters = header.partition(";")
    charset = _CHARSET.search(parameters)
    return media_type.strip().lower(), charset.group(1).lower() if charset else None


def _unsupported(media_type: str) -> CaptureFailed:
    return CaptureFailed(f"unsupported content type {media_type or '(none)'!r}", transient=False)


def _refuse_declared_oversize(response: http.client.HTTPResponse, max_bytes: int) -> None:
    declared = response.getheader("Content-Length") or ""
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise CaptureFailed(f"too large: {int(declared)} bytes > {max_bytes}", transient=False)


def _read_body(response: http.client.HTTPResponse, max_bytes: int, budget: "_TimeBudget") -> bytes:
    """Read at most ``max_bytes + 1`` bytes: enough to know the body is too large."""
    body = bytearray()
    while chunk := response.read1(min(_CHUNK_SIZE, max_bytes + 1 - len(body))):
        body += chunk
        if len(body) > max_bytes:
            raise CaptureFailed(f"too large: more than {max_bytes} bytes", transient=False)
        budget.remaining()
    # A connection cut by the time budget looks like a clean end of the body.
    budget.remaining()
    return bytes(body)


def _failure_from(error: Exception, budget: "_TimeBudget") -> CaptureFailed:
    if budget.expired or isinstance(error, TimeoutError):
        return budget.timed_out()
    if isinstance(error, ssl.SSLCertVerificationError):
        return CaptureFailed(
            f"TLS certificate not trusted: {error.verify_message}", transient=False
        )
    if isinstance(error, ssl.SSLError):
        return CaptureFailed(f"TLS failed: {error.reason or error}", transient=False)
    if isinstance(error, http.client.HTTPException):
        return CaptureFailed(f"bad HTTP response: {error!r}", transient=True)
    return CaptureFailed(f"connection failed: {error}", transient=True)


class _TimeBudget:
    """The capture's total time limit, enforced even against a server that trickles bytes.

    Socket timeouts bound each read, not their sum; a timer cuts the current socket
    when the budget runs out, so a blocked read returns at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._cut_off = False
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> "_TimeBudget":
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.cancel()

    @property
    def expired(self) -> bool:
        return self._cut_off or time.monotonic() >= self._ends_at

    def remaining(self) -> float:
        """Seconds left; raises the timeout failure when none are."""
        if self.expired:
            raise self.timed_out()
        return self._ends_at - time.monotonic()

    def timed_out(self) -> CaptureFailed:
        return CaptureFailed(f"timed out after {self.seconds:g}s", transient=True)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socket = sock
            if self._cut_off:
                _shut_down(sock)

    def _cut(self) -> None:
        with self._lock:
            self._cut_off = True
            if self._socket is not None:
                _shut_down(self._socket)


def _shut_down(sock: socket.socket) -> None:
    # The plain socket method, so a TLS socket is cut at the TCP level without an
    # unwrap racing the reading thread.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
