"""HTTPS through the pinned connection: the hostname travels in SNI and the Host
header while the socket goes to the checked address, and certificates are verified."""

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from verification.capture import CaptureFailed, CapturePolicy, capture_url
from verification.capture import fetch as capture_fetch

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_site(site, certificate) -> Iterator[tuple[int, list[str | None]]]:
    """The test site behind TLS for ``localhost``; yields its port and the SNI names seen."""
    cert, key = certificate
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    site.server.socket = context.wrap_socket(site.server.socket, server_side=True)
    yield site.port, server_names


@pytest.fixture
def trusted_certificate(monkeypatch, certificate) -> None:
    context = ssl.create_default_context(cafile=str(certificate[0]))
    monkeypatch.setattr(capture_fetch, "_tls_context", lambda: context)


def _localhost_policy(port: int) -> CapturePolicy:
    return CapturePolicy(timeout=30.0, allow_hosts=frozenset({f"localhost:{port}"}))


def test_https_sends_the_hostname_as_sni_and_host(
    tls_site, site, trusted_certificate, resolve_as, site_bodies
):
    port, server_names = tls_site
    resolve_as(["127.0.0.1"])
    result = capture_url(f"https://localhost:{port}/notes.txt", policy=_localhost_policy(port))
    assert result.data == site_bodies["/notes.txt"]
    assert result.peer_address == "127.0.0.1"
    assert server_names == ["localhost"]
    ((_, headers),) = site.requests
    assert headers["Host"] == f"localhost:{port}"


def test_untrusted_certificate_is_a_permanent_failure(tls_site, site, resolve_as):
    port, _ = tls_site
    resolve_as(["127.0.0.1"])
    with pytest.raises(CaptureFailed, match="TLS certificate not trusted") as failure:
        capture_url(f"https://localhost:{port}/notes.txt", policy=_localhost_policy(port))
    assert failure.value.transient is False
    assert site.requests == []


def test_certificate_for_another_name_is_refused(tls_site, site, trusted_certificate, resolve_as):
    port, _ = tls_site
    resolve_as(["127.0.0.1"])
    policy = CapturePolicy(timeout=30.0, allow_hosts=frozenset({f"impostor.test:{port}"}))
    with pytest.raises(CaptureFailed, match="TLS certificate not trusted"):
        capture_url(f"https://impostor.test:{port}/notes.txt", policy=policy)
    assert site.requests == []
