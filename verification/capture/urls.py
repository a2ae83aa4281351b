"""Strict parsing of the URLs a user asks the server to fetch.

Parsing is where most SSRF bypasses start: userinfo tricks (``http://a.com@127.0.0.1``),
numeric hosts that resolvers read as IPv4 (``http://2130706433/``, ``http://0x7f.1/``),
Unicode that IDNA folds into ASCII digits. Numeric hosts are read the way browsers read
them (the WHATWG URL standard) and refused unless written in canonical dotted form, so
the server never disagrees with the resolver about which address a host names.
"""

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urlsplit

from verification.capture.addresses import IPAddress, check_address
from verification.capture.errors import CaptureRefused

DEFAULT_PORTS = {"http": 80, "https": 443}

_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_NUMERIC_PART = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f\\]")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"

_FORBIDDEN_NAMES = frozenset(
    {"metadata.google.internal", "metadata.goog", "instance-data.ec2.internal"}
)
_FORBIDDEN_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".home.arpa")


@dataclass(frozen=True)
class Target:
    """One URL, checked and taken apart, ready to be connected to."""

    url: str
    scheme: str
    host: str  # ASCII hostname, or the IP address text without brackets
    port: int
    request_path: str  # path and query, ASCII only
    literal_address: IPAddress | None  # set when the URL names an IP address


def parse_target(url: str) -> Target:
    """Take ``url`` apart, refusing anything that is not a plain http(s) URL."""
    if _UNSAFE_CHARACTERS.search(url):
        raise CaptureRefused("URL contains whitespace, control characters or a backslash")
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise CaptureRefused(f"malformed URL: {error}") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise CaptureRefused(f"scheme {scheme or '(none)'!r} not allowed")
    if "@" in parts.netloc:
        raise CaptureRefused("credentials in the URL are not allowed")
    host, literal_address = _parse_host(parts)
    return Target(
        url=url,
        scheme=scheme,
        host=host,
        port=_parse_port(parts, scheme),
        request_path=_request_path(parts),
        literal_address=literal_address,
    )


def hostname_refusal(host: str) -> str | None:
    """Why a hostname names something internal by convention, or None."""
    if "." not in host:
        return f"host {host!r} is not a fully qualified domain name"
    if host in _FORBIDDEN_NAMES or host.endswith(_FORBIDDEN_SUFFIXES):
        return f"host {host!r} is an internal name"
    return None


def _parse_port(parts: SplitResult, scheme: str) -> int:
    try:
        port = parts.port
    except ValueError as error:
        raise CaptureRefused(f"invalid port: {error}") from error
    return DEFAULT_PORTS[scheme] if port is None else port


def _parse_host(parts: SplitResult) -> tuple[str, IPAddress | None]:
    raw_host = parts.hostname
    if not raw_host:
        raise CaptureRefused("URL has no host")
    if "%" in raw_host:
        raise CaptureRefused(f"host {raw_host!r} contains '%'")
    if parts.netloc.startswith("["):
        return _parse_ipv6_literal(raw_host)
    try:
        host = raw_host.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise CaptureRefused(f"invalid host {raw_host!r}") from error
    host = host.removesuffix(".")
    if _ends_in_number(host):
        address = _parse_numeric_host(host)
        return str(address), address
    if len(host) > 253 or not all(_LABEL.match(label) for label in host.split(".")):
        raise CaptureRefused(f"invalid host {raw_host!r}")
    return host, None


def _parse_ipv6_literal(raw_host: str) -> tuple[str, IPAddress]:
    try:
        address = ipaddress.IPv6Address(raw_host)
    except ValueError as error:
        raise CaptureRefused(f"invalid IPv6 host {raw_host!r}") from error
    return str(address), address


def _ends_in_number(host: str) -> bool:
    """WHATWG "ends in a number": resolvers and browsers read such hosts as IPv4."""
    last_label = host.rsplit(".", 1)[-1]
    return bool(_NUMERIC_PART.match(last_label))


def _parse_numeric_host(host: str) -> ipaddress.IPv4Address:
    """Read a numeric host like a browser, then insist it was written canonically."""
    address = _whatwg_ipv4(host)
    if address is None:
        raise CaptureRefused(f"invalid numeric host {host!r}")
    if str(address) != host:
        reason = check_address(str(address))
        detail = f" ({reason})" if reason else ""
        raise CaptureRefused(f"host {host!r} is a non-canonical form of {address}{detail}")
    return address


def _whatwg_ipv4(host: str) -> ipaddress.IPv4Address | None:
    labels = host.split(".")
    if len(labels) > 4 or not all(_NUMERIC_PART.match(label) for label in labels):
        return None
    numbers = [_whatwg_ipv4_number(label) for label in labels]
    if any(number is None for number in numbers):
        return None
    *leading, last = [number for number in numbers if number is not None]
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(labels)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _whatwg_ipv4_number(label: str) -> int | None:
    if label.startswith("0x"):
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        return int(label, 8) if set(label) <= set("01234567") else None
    return int(label)


def _request_path(parts: SplitResult) -> str:
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        return f"{path}?{quote(parts.query, safe=_QUERY_SAFE)}"
    return path
