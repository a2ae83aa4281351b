"""Text helpers shared by every writer: dates, ranges, counts and safe Markdown."""

from __future__ import annotations

import re
import threading
from collections import Counter
from datetime import date, datetime

import markdown
import nh3

from verification.reports.types import STANCES, ReportClaim, ReportEvidence

MARKDOWN_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
MARKDOWN_ATTRIBUTES = {"a": {"href", "title"}}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
UNRATED_COLOUR = "#6e7781"
SAFE_URL_SCHEMES = {"http", "https", "mailto"}


_converters = threading.local()


def _markdown_converter() -> markdown.Markdown:
    # Building a Markdown instance loads its extensions: reuse one per thread.
    if not hasattr(_converters, "instance"):
        _converters.instance = markdown.Markdown(
            extensions=["sane_lists", "tables"], output_format="html"
        )
    return _converters.instance


def render_markdown(text: str) -> str:
    """The one Markdown policy, for comments and rationales on pages, in the API and in every
    report: Markdown to HTML with everything but harmless formatting removed (no raw HTML, no
    JS, links only to http, https and mailto)."""
    raw_html = _markdown_converter().reset().convert(text)
    return nh3.clean(
        raw_html,
        tags=MARKDOWN_TAGS,
        attributes=MARKDOWN_ATTRIBUTES,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def safe_url(url: str | None) -> str | None:
    """The URL if a reader may follow it (http, https, mailto); None for javascript: and co."""
    if not url:
        return None
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    return url if scheme in SAFE_URL_SCHEMES else None


def format_date(value: date | datetime | None) -> str:
    """ISO 8601 in every format: "2025-05-06" for dates, "2025-05-06T12:00:00+00:00" for times."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def format_range(value: tuple[int, int] | None) -> str:
    if value is None:
        return ""
    low, high = value
    return str(low) if low == high else f"{low}–{high}"


def format_count(value: int | None, at_least: bool = False) -> str:
    """ "13", or "at least 13" when the source gave a lower bound; "" when not stated."""
    if value is None:
        return ""
    return f"at least {value}" if at_least else str(value)


def casualties_text(
    killed: str, injured: str, *, killed_label: str = "killed", injured_label: str = "injured"
) -> str:
    """ "at least 13 killed; 30 injured" from already formatted counts or ranges; "–" if none."""
    parts = [
        f"{killed} {killed_label}" if killed else "",
        f"{injured} {injured_label}" if injured else "",
    ]
    return "; ".join(part for part in parts if part) or "–"


def stance_counts(evidence: tuple[ReportEvidence, ...]) -> dict[str, int]:
    """Evidence counts for every known stance (zeros included, fixed order)."""
    counted = Counter(item.stance for item in evidence)
    return {stance: counted.get(stance, 0) for stance in STANCES}


def letter_reference(claim: ReportClaim) -> str:
    """ "S/2024/123, para. 4" – how editors cite the quoted passage."""
    if claim.paragraph is None:
        return claim.letter_symbol
    return f"{claim.letter_symbol}, para. {claim.paragraph}"


def rating_text(claim: ReportClaim) -> str:
    if claim.rating is None:
        return "Not rated"
    rating = claim.rating
    return f"{rating.label} ({rating.value} on a scale from {rating.worst} to {rating.best})"


def safe_colour(value: str | None) -> str:
    """The rating colour if it is a plain "#rrggbb", else neutral grey (it lands in CSS and PDF
    markup, so nothing else may pass)."""
    return value if value and HEX_COLOUR.fullmatch(value) else UNRATED_COLOUR
