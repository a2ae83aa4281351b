"""Capturing from an allow-listed local site: what a fact-checker gets back, and how
each kind of failure is reported."""

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from verification.capture import CaptureFailed, capture_url, readable_text


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/page.html", "text/html"),
        ("/notes.txt", "text/plain"),
        ("/letter.pdf", "application/pdf"),
    ],
)
def test_capture_returns_the_served_bytes_and_their_hash(
    path, media_type, site, site_policy, site_bodies
):
    before = datetime.now(UTC)
    result = capture_url(site.url(path), policy=site_policy)
    assert result.data == site_bodies[path]
    assert result.sha256 == hashlib.sha256(site_bodies[path]).hexdigest()
    assert result.media_type == media_type
    assert result.status == 200
    assert result.requested_url == result.final_url == site.url(path)
    assert result.redirects == ()
    assert result.peer_address == "127.0.0.1"
    assert before <= result.fetched_at <= datetime.now(UTC) + timedelta(seconds=1)


def test_captured_page_reads_as_its_visible_text(site, site_policy):
    result = capture_url(site.url("/page.html"), policy=site_policy)
    text = readable_text(result.data, result.media_type, charset=result.charset)
    assert text == "Ceasefire statement\nThe council welcomed the ceasefire."


def test_captured_pdf_reads_as_its_text(site, site_policy):
    result = capture_url(site.url("/letter.pdf"), policy=site_policy)
    assert "Resolution 2334 was adopted in 2016" in readable_text(result.data, result.media_type)


def test_charset_from_the_header_is_kept(site, site_policy):
    assert capture_url(site.url("/notes.txt"), policy=site_policy).charset == "utf-8"


def test_pdf_served_as_octet_stream_is_recognised(site, site_policy, site_bodies):
    result = capture_url(site.url("/download"), policy=site_policy)
    assert result.media_type == "application/pdf"
    assert result.data == site_bodies["/download"]


def test_request_names_the_host_and_asks_for_no_compression(site, site_policy):
    capture_url(site.url("/notes.txt"), policy=site_policy)
    ((_, headers),) = site.requests
    assert headers["Host"] == f"127.0.0.1:{site.port}"
    assert headers["Accept-Encoding"] == "identity"


def test_redirects_are_followed_and_recorded(site, site_policy):
    result = capture_url(site.url("/hop/2"), policy=site_policy)
    assert result.final_url == site.url("/hop/0")
    assert result.redirects == (site.url("/hop/2"), site.url("/hop/1"))
    assert result.media_type == "text/html"


def test_too_many_redirects_fail_without_retry(site, site_policy):
    with pytest.raises(CaptureFailed, match="more than 1 redirects") as failure:
        capture_url(site.url("/hop/2"), policy=replace(site_policy, max_redirects=1))
    assert failure.value.transient is False


def test_missing_page_is_a_permanent_failure(site, site_policy):
    with pytest.raises(CaptureFailed, match="HTTP 404") as failure:
        capture_url(site.url("/missing"), policy=site_policy)
    assert failure.value.transient is False


def test_unavailable_server_is_a_transient_failure(site, site_policy):
    with pytest.raises(CaptureFailed, match="HTTP 503") as failure:
        capture_url(site.url("/busy"), policy=site_policy)
    assert failure.value.transient is True


def test_unsupported_content_type_is_refused_without_retry(site, site_policy):
    with pytest.raises(CaptureFailed, match="unsupported content type 'image/png'") as failure:
        capture_url(site.url("/photo.png"), policy=site_policy)
    assert failure.value.transient is False


def test_declared_oversize_body_fails(site, site_policy):
    with pytest.raises(CaptureFailed, match="too large") as failure:
        capture_url(site.url("/big"), policy=replace(site_policy, max_bytes=1000))
    assert failure.value.transient is False


def test_streamed_oversize_body_fails(site, site_policy):
    with pytest.raises(CaptureFailed, match="more than 1000 bytes"):
        capture_url(site.url("/big-stream"), policy=replace(site_policy, max_bytes=1000))


def test_body_of_exactly_the_limit_is_accepted(site, site_policy):
    result = capture_url(site.url("/big"), policy=replace(site_policy, max_bytes=2000))
    assert len(result.data) == 2000


def test_slow_server_times_out(site, site_policy):
    # The server answers only after 3 s, so "timed out" itself shows the 0.5 s limit held; no
    # stopwatch, which a loaded machine would fail.
    with pytest.raises(CaptureFailed, match="timed out") as failure:
        capture_url(site.url("/slow"), policy=replace(site_policy, timeout=0.5))
    assert failure.value.transient is True


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_trickling_server_cannot_stretch_the_time_limit(path, site, site_policy):
    """One byte every 0.2 s keeps each read short; the total limit still holds. The whole
    answer takes 5 s, so without a total limit the capture would succeed: "timed out" is the
    proof, with no stopwatch."""
    with pytest.raises(CaptureFailed, match="timed out"):
        capture_url(site.url(path), policy=replace(site_policy, timeout=1.0))


def test_closed_port_is_a_transient_failure(site_policy):
    closed = replace(site_policy, allow_hosts=frozenset({"127.0.0.1:1"}))
    with pytest.raises(CaptureFailed, match="connection failed") as failure:
        capture_url("http://127.0.0.1:1/", policy=closed)
    assert failure.value.transient is True


def test_unresolvable_host_is_a_permanent_failure():
    with pytest.raises(CaptureFailed, match="cannot resolve") as failure:
        capture_url("https://no-such-host.example.org/")
    assert failure.value.transient is False
