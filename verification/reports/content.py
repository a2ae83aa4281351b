"""The report's content as plain strings, shared by the HTML, DOCX and PDF layouts."""

from __future__ import annotations

from verification.reports.formatting import (
    casualties_text,
    format_count,
    format_date,
    format_range,
    letter_reference,
)
from verification.reports.types import ReportClaim, ReportEvidence


def claim_heading(claim: ReportClaim) -> str:
    return f"Claim {claim.id} · {letter_reference(claim)}"


def letter_citation(claim: ReportClaim) -> str:
    dated = f", {format_date(claim.letter_date)}" if claim.letter_date else ""
    return f"{letter_reference(claim)}{dated}, sent by {claim.letter_sender}"


def claim_facts(claim: ReportClaim) -> list[tuple[str, str]]:
    """(label, value) rows of the facts table; places and actors joined with "; "."""
    return [
        ("Restatement", claim.restatement),
        ("Kind / type", f"{claim.kind} / {claim.claim_type}"),
        ("Event date", format_date(claim.event_date)),
        ("Places", "; ".join(claim.places)),
        ("Actors", "; ".join(claim.actors)),
        ("Claimed casualties", claimed_casualties(claim)),
        ("Assessed casualties", assessed_casualties(claim)),
        ("State", claim.state),
    ]


def claimed_casualties(claim: ReportClaim) -> str:
    """What the letter claims, its "at least" kept: "at least 13 killed; 30 injured"."""
    return casualties_text(
        format_count(claim.claimed_killed, claim.claimed_killed_at_least),
        format_count(claim.claimed_injured, claim.claimed_injured_at_least),
    )


def assessed_casualties(claim: ReportClaim) -> str:
    """The researchers' ranges: "10–12 killed; 25–30 injured"."""
    return casualties_text(
        format_range(claim.assessed_killed), format_range(claim.assessed_injured)
    )


def evidence_lines(item: ReportEvidence) -> tuple[str, str, list[str]]:
    """(title line, stance and grade, detail lines) for one evidence item."""
    publisher = f", {item.publisher}" if item.publisher else ""
    title = f"{item.source_title}{publisher} ({item.source_kind})"
    stance = f"{item.stance} · grade {item.grade}"
    details = [
        f"Location: {item.location}",
        f"Link: {item.url or 'none'}",
        f"Captured: {format_date(item.captured_at) or 'not captured'}",
        f"SHA-256: {item.sha256 or 'none'}",
        f"Added by: {item.added_by}",
        f"Excerpt: “{item.excerpt}”",
    ]
    return title, stance, details


def provenance_text(claim: ReportClaim) -> str:
    text = f"Researched by {claim.researched_by or 'unknown'}"
    if claim.proposed_at:
        text += f", proposed {format_date(claim.proposed_at)}"
    if not claim.approved_by:
        return text + "; not approved."
    text += f"; approved by {claim.approved_by}"
    if claim.approved_at:
        text += f" on {format_date(claim.approved_at)}"
    return text + "."
