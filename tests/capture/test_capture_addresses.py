"""Which addresses and URLs the capture accepts, without any network."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verification.capture import CaptureRefused, check_address
from verification.capture.urls import parse_target

FORBIDDEN = [
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.168.0.10", "private"),
    ("169.254.169.254", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.255", "carrier-grade NAT"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "this network"),
    ("255.255.255.255", "broadcast"),
    ("240.0.0.1", "reserved"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.255", "benchmarking"),
    ("192.0.2.1", "documentation"),
    ("192.0.0.8", "IETF"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("febf::1", "link-local"),
    ("fc00::1", "unique-local"),
    ("fd12:3456::1", "unique-local"),
    ("fec0::1", "site-local"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "wraps 127.0.0.1"),
    ("::ffff:10.0.0.1", "wraps 10.0.0.1"),
    ("::ffff:169.254.169.254", "wraps 169.254.169.254"),
    ("::127.0.0.1", "IPv4-compatible"),
    ("::8.8.8.8", "IPv4-compatible"),
    ("64:ff9b::7f00:1", "wraps 127.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "wraps 169.254.169.254"),
    ("64:ff9b:1::8.8.8.8", "local-use NAT64"),
    ("2002:7f00:1::", "wraps 127.0.0.1"),
    ("2002:c0a8:101::1", "wraps 192.168.1.1"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
    ("2001:db8::1", "documentation"),
    ("100::1", "discard"),
    ("::ffff:0:7f00:1", "not globally routable"),  # SIIT "IPv4-translated"
    ("4000::1", "not globally routable"),  # outside global unicast 2000::/3
]

ALLOWED = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "172.32.0.1",  # just outside 172.16/12
    "100.128.0.1",  # just outside 100.64/10
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",  # NAT64 to a public address
    "2002:808:808::1",  # 6to4 to a public address
]


@pytest.mark.parametrize(("ip", "why"), FORBIDDEN)
def test_forbidden_addresses_are_refused_with_a_reason(ip, why):
    reason = check_address(ip)
    assert reason is not None
    assert why in reason


@pytest.mark.parametrize("ip", ALLOWED)
def test_public_addresses_are_allowed(ip):
    assert check_address(ip) is None


@pytest.mark.parametrize("text", ["", "localhost", "127.0.0.1/8", "1.2.3", "1::2::3", "12345::"])
def test_text_that_is_not_an_address_is_refused(text):
    assert "not a valid IP address" in (check_address(text) or "")


@given(st.ip_addresses(v=4))
def test_every_private_ipv4_stays_forbidden_when_wrapped_in_ipv6(address):
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    nat64 = ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | int(address))
    expected_forbidden = check_address(str(address)) is not None
    assert (check_address(str(mapped)) is not None) == expected_forbidden
    assert (check_address(str(nat64)) is not None) == expected_forbidden


@given(st.ip_addresses(v=4))
def test_numeric_hosts_are_read_like_a_browser_and_only_canonical_ones_pass(address):
    as_int = int(address)
    octets = str(address).split(".")
    for spelling in (
        str(as_int),
        hex(as_int),
        "0" + oct(as_int)[2:],
        ".".join(map(hex, map(int, octets))),
    ):
        if spelling == str(address):
            continue
        with pytest.raises(CaptureRefused, match=f"non-canonical form of {address}"):
            parse_target(f"http://{spelling}/")
    assert parse_target(f"http://{address}/").literal_address == address


@pytest.mark.parametrize(
    ("url", "host", "port", "request_path"),
    [
        ("https://ExAmple.ORG./a/b?c=d#frag", "example.org", 443, "/a/b?c=d"),
        ("http://example.org", "example.org", 80, "/"),
        ("http://example.org:443/x", "example.org", 443, "/x"),
        ("https://bücher.example/ä?q=é", "xn--bcher-kva.example", 443, "/%C3%A4?q=%C3%A9"),
        ("http://[2606:4700::1111]/", "2606:4700::1111", 80, "/"),
        ("https://un.org/en/ga/search/view_doc.asp?symbol=S/2018/600", "un.org", 443,
         "/en/ga/search/view_doc.asp?symbol=S/2018/600"),
    ],
)  # fmt: skip
def test_plain_urls_are_taken_apart(url, host, port, request_path):
    target = parse_target(url)
    assert (target.host, target.port, target.request_path) == (host, port, request_path)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://user:pass@example.org/", "credentials"),
        ("http://example.org:99999/", "invalid port"),
        ("http://example.org:http/", "invalid port"),
        ("http:///path", "no host"),
        ("http://exa mple.org/", "whitespace"),
        ("http://example..org/", "invalid host"),
        ("http://-example.org/", "invalid host"),
        ("http://" + "a" * 64 + ".org/", "invalid host"),
        ("http://1.2.3.4.5/", "invalid numeric host"),
        ("http://08.1.1.1/", "invalid numeric host"),
        ("http://256.1.1.1/", "invalid numeric host"),
        ("http://[fe80::1%25eth0]/", "'%'"),
        ("http://[not-v6]/", "malformed URL"),
    ],
)
def test_malformed_urls_are_refused(url, reason):
    with pytest.raises(CaptureRefused) as refusal:
        parse_target(url)
    assert reason in refusal.value.reason
