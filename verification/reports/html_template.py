"""The report as HTML, in three parts so the writer can stream: head, one section per claim, tail.

The same content, in the same order, as the PDF and DOCX layouts (see content.py); the
stylesheet also prints well from a browser.
"""

from __future__ import annotations

from html import escape

from verification.reports.content import claim_facts, claim_heading, provenance_text
from verification.reports.formatting import (
    format_date,
    letter_reference,
    rating_text,
    render_markdown,
    safe_colour,
    safe_url,
)
from verification.reports.types import ReportClaim, ReportEvidence, ReportMeta

STYLESHEET = """
@page { size: A4; margin: 20mm 18mm; }
html { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", sans-serif;
  font-size: 10pt; line-height: 1.4; color: #1f2328; }
body { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.2; break-after: avoid; }
h2.claim-heading { font-size: 13pt; border-bottom: 1px solid #d0d7de; padding-bottom: 2pt; }
h3 { font-size: 10.5pt; margin-bottom: 2pt; }
.title-page { break-after: page; }
.claim { margin-top: 2rem; border-top: 2px solid #d0d7de; }
blockquote { margin: 0 0 6pt 0; padding: 4pt 8pt; border-left: 3pt solid #8c959f;
  background: #f6f8fa; font-style: italic; }
.cite, .provenance { color: #57606a; font-size: 9pt; }
.rating { display: inline-block; color: #fff; font-weight: bold; padding: 2pt 6pt;
  border-radius: 3pt; }
.rating.unrated { background: #6e7781; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #d0d7de; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.facts th { width: 28%; }
.summary-table { width: auto; }
.evidence { margin: 0; padding-left: 14pt; }
.evidence li { margin-bottom: 6pt; break-inside: avoid; }
.hash, .url { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
.stance { font-weight: bold; }
a { color: #0969da; overflow-wrap: anywhere; }
"""


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _link(url: str | None, label: str | None = None, css_class: str = "url") -> str:
    """An anchor for http(s)/mailto URLs; anything else (javascript:, data:) is shown as text."""
    href = safe_url(url)
    if href is None:
        return _text(label or url or "")
    return f'<a class="{css_class}" href="{_text(href)}">{_text(label or href)}</a>'


def render_head(meta: ReportMeta) -> str:
    """Document start: title, scope, generation details and the summary table."""
    parts = [
        f'<!DOCTYPE html>\n<html lang="{_text(meta.language)}">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{_text(meta.title)}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>\n",
        '<section class="title-page">\n',
        f"<h1>{_text(meta.title)}</h1>\n",
        f'<p class="scope">Scope: {_text(meta.scope)}</p>\n',
        f"<p>Generated {_text(format_date(meta.generated_at))} by {_text(meta.generated_by)}</p>\n",
        f"<p>{_link(meta.organisation_url, meta.organisation, css_class='org')}</p>\n",
        f"<p>Schema version {_text(meta.schema_version)}</p>\n",
        render_summary(meta),
        "</section>\n",
    ]
    return "".join(parts)


def render_summary(meta: ReportMeta) -> str:
    if not meta.summary:
        return ""
    rows = "".join(
        f"<tr><td>{_text(label)}</td><td>{count}</td></tr>\n" for label, count in meta.summary
    )
    total = sum(count for _, count in meta.summary)
    return (
        '<section class="summary">\n<h2>Summary</h2>\n<table class="summary-table">\n'
        f"<thead><tr><th>Rating</th><th>Claims</th></tr></thead>\n<tbody>\n{rows}"
        f"<tr><td><strong>Total</strong></td><td><strong>{total}</strong></td></tr>\n"
        "</tbody>\n</table>\n</section>\n"
    )


def render_claim(claim: ReportClaim) -> str:
    return "".join(
        (
            f'<article class="claim" id="claim-{claim.id}">\n',
            f'<h2 class="claim-heading">{_text(claim_heading(claim))}</h2>\n',
            f'<blockquote dir="auto">{_text(claim.quote)}</blockquote>\n',
            f'<p class="cite">{_cite(claim)}</p>\n',
            _facts_table(claim),
            "<h3>Rating</h3>\n",
            _rating_badge(claim),
            '<h3>Rationale</h3>\n<div class="rationale">',
            render_markdown(claim.rationale_markdown),
            "</div>\n",
            f"<h3>Evidence ({len(claim.evidence)})</h3>\n",
            _evidence_list(claim.evidence),
            f'<p class="provenance">{_text(provenance_text(claim))}</p>\n',
            "</article>\n",
        )
    )


def _cite(claim: ReportClaim) -> str:
    letter = _link(claim.letter_url, letter_reference(claim), css_class="letter")
    dated = f", {_text(format_date(claim.letter_date))}" if claim.letter_date else ""
    page = f" · {_link(claim.url, 'Workbench page', css_class='claim-page')}" if claim.url else ""
    return f"{letter}{dated}, sent by {_text(claim.letter_sender)}{page}"


def _facts_table(claim: ReportClaim) -> str:
    isolated = {"Places": _isolated_list(claim.places), "Actors": _isolated_list(claim.actors)}
    body = "".join(
        f"<tr><th>{_text(label)}</th><td>{isolated[label] if label in isolated else _text(value)}</td></tr>\n"
        for label, value in claim_facts(claim)
    )
    return f'<table class="facts">\n{body}</table>\n'


def _isolated_list(values: tuple[str, ...]) -> str:
    # <bdi> keeps an Arabic place name from reordering the separators around it.
    return "; ".join(f"<bdi>{_text(value)}</bdi>" for value in values)


def _rating_badge(claim: ReportClaim) -> str:
    if claim.rating is None:
        return '<p><span class="rating unrated">Not rated</span></p>\n'
    colour = safe_colour(claim.rating.colour)
    return f'<p><span class="rating" style="background:{colour}">{_text(rating_text(claim))}</span></p>\n'


def _evidence_list(evidence: tuple[ReportEvidence, ...]) -> str:
    if not evidence:
        return "<p>No evidence recorded.</p>\n"
    items = "".join(_evidence_item(item) for item in evidence)
    return f'<ol class="evidence">\n{items}</ol>\n'


def _evidence_item(item: ReportEvidence) -> str:
    publisher = f", {_text(item.publisher)}" if item.publisher else ""
    captured = format_date(item.captured_at) or "not captured"
    return (
        f"<li><strong>{_text(item.source_title)}</strong>{publisher} ({_text(item.source_kind)})<br>\n"
        f'<span class="stance">{_text(item.stance)}</span> · grade {_text(item.grade)}'
        f" · {_text(item.location)} · added by {_text(item.added_by)}<br>\n"
        f"{_link(item.url)}<br>\n"
        f"Captured {_text(captured)} · SHA-256 "
        f'<span class="hash">{_text(item.sha256 or "none")}</span><br>\n'
        f'<q dir="auto">{_text(item.excerpt)}</q></li>\n'
    )


def render_tail() -> str:
    return "</body>\n</html>\n"
