"""Every way of pointing the capture at the server's own network is refused before
a single connection reaches the canary."""

import ipaddress
import socket
from collections.abc import Callable

import pytest

from verification.capture import CaptureFailed, CapturePolicy, CaptureRefused, capture_url
from verification.capture import fetch as capture_fetch

LOCAL_SPELLINGS = [
    ("127.0.0.1", "127.0.0.1 is loopback"),
    ("127.0.0.1.", "127.0.0.1 is loopback"),  # trailing dot
    ("127.1", "non-canonical form of 127.0.0.1"),
    ("2130706433", "non-canonical form of 127.0.0.1"),  # decimal
    ("0x7f000001", "non-canonical form of 127.0.0.1"),  # hex
    ("0x7f.0.0.1", "non-canonical form of 127.0.0.1"),  # dotted hex
    ("017700000001", "non-canonical form of 127.0.0.1"),  # octal
    ("0177.0.0.01", "non-canonical form of 127.0.0.1"),  # dotted octal
    ("127.000.000.001", "non-canonical form of 127.0.0.1"),
    ("\uff11\uff12\uff17.\uff10.\uff10.\uff11", "127.0.0.1 is loopback"),  # fullwidth digits
    ("0.0.0.0", "0.0.0.0 is unspecified"),  # reaches local services on Linux
    ("0", "non-canonical form of 0.0.0.0"),
    ("[::1]", "::1 is loopback"),
    ("[::]", ":: is unspecified"),
    ("[::ffff:127.0.0.1]", "wraps 127.0.0.1: address 127.0.0.1 is loopback"),
    ("[0:0:0:0:0:ffff:7f00:1]", "wraps 127.0.0.1: address 127.0.0.1 is loopback"),
    ("[::127.0.0.1]", "IPv4-compatible"),
    ("[64:ff9b::127.0.0.1]", "wraps 127.0.0.1: address 127.0.0.1 is loopback"),  # NAT64
    ("[2002:7f00:1::1]", "wraps 127.0.0.1: address 127.0.0.1 is loopback"),  # 6to4
]


@pytest.mark.parametrize(("host", "reason"), LOCAL_SPELLINGS)
def test_local_addresses_in_any_spelling_are_refused(host, reason, canary, site_policy):
    with pytest.raises(CaptureRefused) as refusal:
        capture_url(canary.url(host=host), policy=site_policy)
    assert reason in refusal.value.reason
    assert canary.connections == 0


@pytest.mark.parametrize(
    "host",
    ["localhost", "LOCALHOST", "localhost.", "api.localhost", "metadata.google.internal"],
)
def test_internal_hostnames_are_refused_without_a_lookup(host, canary, site_policy, resolve_as):
    resolver = resolve_as(["127.0.0.1"])
    with pytest.raises(CaptureRefused, match=r"internal name|not a fully qualified"):
        capture_url(canary.url(host=host), policy=site_policy)
    assert resolver.calls == []
    assert canary.connections == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://canary.test@127.0.0.1:{port}/",
        "http://127.0.0.1:{port}@canary.test/",
        "http://canary.test\\@127.0.0.1:{port}/",
        "http://127.0.0.1:{port}\\@canary.test/",
        "http://127.0.0.1%2f@canary.test:{port}/",
        "http://%31%32%37.0.0.1:{port}/",
        " http://127.0.0.1:{port}/",
        "http://127.0.0.1:{port}/\n",
        "http://127.0.0.1\t:{port}/",
    ],
)
def test_userinfo_and_encoding_tricks_are_refused(url, canary, site_policy):
    with pytest.raises(CaptureRefused):
        capture_url(url.format(port=canary.port), policy=site_policy)
    assert canary.connections == 0


def test_hostname_resolving_to_loopback_is_refused(canary, site_policy, resolve_as):
    resolve_as(["127.0.0.1"])
    with pytest.raises(CaptureRefused, match=r"resolves to a forbidden address.*loopback"):
        capture_url(canary.url(host="rebind.test"), policy=site_policy)
    assert canary.connections == 0


def test_any_forbidden_address_among_several_answers_refuses(canary, site_policy, resolve_as):
    resolve_as(["93.184.215.14", "127.0.0.1"])
    with pytest.raises(CaptureRefused, match=r"127.0.0.1 is loopback"):
        capture_url(canary.url(host="rebind.test"), policy=site_policy)
    assert canary.connections == 0


def test_dns_rebinding_cannot_swap_the_checked_address(
    canary, site_policy, resolve_as, monkeypatch
):
    """The first lookup says public, any later one says loopback. The capture must look
    up once and connect to what it checked."""
    resolver = resolve_as(["93.184.215.14"], ["127.0.0.1"])
    dialled: list[str] = []

    def dial_without_network(address, port, timeout):
        dialled.append(str(address))
        raise ConnectionRefusedError("tests stay off the network")

    monkeypatch.setattr(capture_fetch, "_open_socket", dial_without_network)
    with pytest.raises(CaptureFailed, match="connection failed"):
        capture_url(canary.url(host="rebind.test"), policy=site_policy)
    assert resolver.calls == ["rebind.test"]
    assert dialled == ["93.184.215.14"]
    assert canary.connections == 0


def test_a_socket_that_lands_elsewhere_sends_no_request(canary, site_policy, monkeypatch):
    """If routing delivers the connection to a forbidden peer, the peer check stops it
    before any request is written."""

    def misrouted(address, port, timeout):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.connect(("127.0.0.1", canary.port))
        return sock

    monkeypatch.setattr(capture_fetch, "_open_socket", misrouted)
    with pytest.raises(CaptureRefused, match=r"connected to 127.0.0.1 instead of 93.184.215.14"):
        capture_url(f"http://93.184.215.14:{canary.port}/", policy=site_policy)
    assert canary.requests == []


@pytest.mark.parametrize("target_host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
def test_redirect_from_allowed_site_to_loopback_is_refused(
    target_host, site, canary, site_policy, resolve_as
):
    resolve_as(["127.0.0.1"])
    redirect = site.url(f"/redirect?to={canary.url(host=target_host)}")
    with pytest.raises(CaptureRefused):
        capture_url(redirect, policy=site_policy)
    assert len(site.requests) == 1
    assert canary.connections == 0


def test_redirect_to_a_forbidden_scheme_is_refused(site, site_policy):
    with pytest.raises(CaptureRefused, match="scheme 'file' not allowed"):
        capture_url(site.url("/redirect?to=file:///etc/passwd"), policy=site_policy)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://ftp.example.org/pub/file.txt",
        "gopher://example.org:70/_GET",
        "dict://example.org:2628/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "//example.org/",
        "example.org/page",
    ],
)
def test_only_http_and_https_are_allowed(url):
    with pytest.raises(CaptureRefused, match="scheme"):
        capture_url(url)


@pytest.mark.parametrize("port", [22, 25, 6379, 8080])
def test_ports_outside_the_policy_are_refused_before_dns(port, resolve_as):
    resolver = resolve_as(["93.184.215.14"])
    with pytest.raises(CaptureRefused, match=f"port {port} not allowed"):
        capture_url(f"http://example.org:{port}/")
    assert resolver.calls == []


def test_allow_list_does_not_extend_to_other_ports_of_the_same_address(canary, site):
    policy = CapturePolicy(
        allowed_ports=frozenset({canary.port}),
        allow_hosts=frozenset({f"127.0.0.1:{site.port}"}),
    )
    with pytest.raises(CaptureRefused, match="loopback"):
        capture_url(canary.url(), policy=policy)
    assert canary.connections == 0


PRIVATE_TARGETS = [
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "198.18.0.1",
    "[fd00::1]",
    "[fe80::1]",
    "[::ffff:169.254.169.254]",
]


@pytest.mark.parametrize("host", PRIVATE_TARGETS)
def test_private_targets_are_refused_without_connecting(host, monkeypatch):
    dialled: list[str] = []
    monkeypatch.setattr(capture_fetch, "_open_socket", lambda a, p, t: dialled.append(str(a)))
    with pytest.raises(CaptureRefused, match="address"):
        capture_url(f"http://{host}/latest/meta-data/")
    assert dialled == []


@pytest.mark.parametrize("address", ["10.1.2.3", "169.254.169.254", "::1", "fc00::5"])
def test_hostnames_resolving_to_internal_addresses_are_refused(
    address, resolve_as, monkeypatch: pytest.MonkeyPatch
):
    resolve_as([address])
    monkeypatch.setattr(capture_fetch, "_open_socket", _must_not_dial)
    with pytest.raises(CaptureRefused, match=str(ipaddress.ip_address(address))):
        capture_url("https://innocent.example.org/")


_must_not_dial: Callable[..., None] = lambda *args: pytest.fail("dialled a refused address")  # noqa: E731
