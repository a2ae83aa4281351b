import dataclasses
from html.parser import HTMLParser

from verification.reports.synthetic import synthetic_claims


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


def test_html_escapes_script_in_quotes_and_restatements(export, meta, make_claim):
    claim = make_claim(
        quote="<script>alert(1)</script>", restatement='"><img src=x onerror=alert(1)>'
    )
    html = export("html", meta, [claim]).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [tag for tag, _ in tags_of(html) if tag in ("script", "img")] == []


def test_html_rationale_markdown_is_sanitised(export, meta, make_claim):
    rationale = (
        "**Sound**. [click](javascript:alert(1)) <iframe src=x></iframe> [ok](https://un.org)"
    )
    html = export("html", meta, [make_claim(rationale_markdown=rationale)]).decode()
    tags = tags_of(html)
    assert ("strong", {}) in tags
    hrefs = [attrs.get("href") for tag, attrs in tags if tag == "a"]
    assert "https://un.org" in hrefs and not any("javascript" in (h or "") for h in hrefs)
    assert "iframe" not in [tag for tag, _ in tags]


def test_html_is_standalone_with_inline_css(export, meta):
    html = export("html", meta, synthetic_claims(2)).decode()
    tags = tags_of(html)
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert not [tag for tag, attrs in tags if tag in ("link", "script")]


def test_html_keeps_claims_in_order_with_evidence_and_non_latin_text(export, meta, make_claim):
    claims = [make_claim(1, places=("حلب", "Маріуполь")), make_claim(2)]
    html = export("html", meta, claims).decode()
    assert html.index('id="claim-1"') < html.index('id="claim-2"')
    assert "<bdi>حلب</bdi>; <bdi>Маріуполь</bdi>" in html
    for item in claims[1].evidence:
        assert item.sha256 in html


def test_html_rating_colour_must_be_a_hex_colour(export, meta, make_claim):
    claim = make_claim(5)
    hostile = dataclasses.replace(claim.rating, colour="red;background:url(https://evil)")
    html = export("html", meta, [dataclasses.replace(claim, rating=hostile)]).decode()
    assert "evil" not in html and "background:#6e7781" in html


def test_html_links_only_to_web_addresses(export, meta, make_claim):
    claim = make_claim(letter_url="javascript:alert(1)")
    evidence = dataclasses.replace(claim.evidence[0], url="JavaScript:alert(2)")
    claim = dataclasses.replace(claim, evidence=(evidence,))
    hrefs = [
        attrs.get("href")
        for tag, attrs in tags_of(export("html", meta, [claim]).decode())
        if tag == "a"
    ]
    assert hrefs and all(href.startswith(("https://", "http://")) for href in hrefs)
