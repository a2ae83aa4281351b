"""Which IP addresses the server may connect to on a user's behalf.

Only globally routable unicast addresses pass. IPv6 forms that carry an IPv4
address (mapped, NAT64, 6to4) are judged by the address they carry, so
``::ffff:127.0.0.1`` is as forbidden as ``127.0.0.1``.
"""

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_FORBIDDEN_IPV4: tuple[tuple[ipaddress.IPv4Network, str], ...] = tuple(
    (ipaddress.IPv4Network(network), label)
    for network, label in (
        ("0.0.0.0/32", "unspecified"),
        ("0.0.0.0/8", "in the 'this network' block"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "reserved for IETF protocol assignments"),
        ("192.0.2.0/24", "reserved for documentation"),
        ("192.88.99.0/24", "a 6to4 relay"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "reserved for benchmarking"),
        ("198.51.100.0/24", "reserved for documentation"),
        ("203.0.113.0/24", "reserved for documentation"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
    )
)

_FORBIDDEN_IPV6: tuple[tuple[ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.IPv6Network(network), label)
    for network, label in (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("::/96", "IPv4-compatible (deprecated)"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "a discard prefix"),
        ("2001::/32", "Teredo"),
        ("2001:db8::/32", "reserved for documentation"),
        ("fc00::/7", "unique-local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local (deprecated)"),
        ("ff00::/8", "multicast"),
    )
)

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def check_address(ip: str) -> str | None:
    """Return why the server must not connect to ``ip``, or None if it may."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return f"address {ip!r} is not a valid IP address"
    return _forbidden_reason(address)


def _forbidden_reason(address: IPAddress) -> str | None:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = _forbidden_reason(embedded)
            return None if inner is None else f"address {address} wraps {embedded}: {inner}"
        table: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = (
            _FORBIDDEN_IPV6
        )
    else:
        table = _FORBIDDEN_IPV4
    for network, label in table:
        if address in network:
            return f"address {address} is {label}"
    if not address.is_global or address.is_reserved:
        return f"address {address} is not globally routable"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a mapped, 6to4 or NAT64 address would reach, if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None
