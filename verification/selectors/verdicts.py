"""Reads for verdicts: the claim page's verdict section, the suggested rating, the scale."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from claims import permissions
from claims.models import Claim
from verification import suggest
from verification.models import Evidence, ExportFormat, Rating, Verdict, VerdictStatus
from verification.reports.formatting import render_markdown

CURRENT_STATUSES = (VerdictStatus.PROPOSED, VerdictStatus.APPROVED)


@dataclass(frozen=True)
class VerdictView:
    """One verdict as the claim page shows it: the label it was given, rationale made safe."""

    verdict: Verdict
    rationale_html: str
    evidence: list[Evidence]
    killed: str
    injured: str


@dataclass(frozen=True)
class CasualtyRow:
    label: str
    claimed: str
    assessed: str


@dataclass(frozen=True)
class SuggestedRating:
    suggestion: suggest.Suggestion
    rating: Rating | None  # the scale step it maps to now, if the scale still has one


@dataclass
class VerdictSection:
    current: VerdictView | None
    past: list[VerdictView]
    suggested: SuggestedRating
    casualties: list[CasualtyRow]
    can_export: bool
    export_formats: list[tuple[str, str]] = field(default_factory=list)


def verdict_list_for_claim(claim: Claim) -> QuerySet[Verdict]:
    """Every verdict on a claim, newest first, with what it rests on."""
    return (
        Verdict.objects.filter(claim=claim)
        .select_related("proposed_by", "decided_by")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("source").order_by("id"))
        )
        .order_by("-proposed_at", "-id")
    )


def rating_list(*, active_only: bool = False) -> QuerySet[Rating]:
    ratings = Rating.objects.order_by("order", "id")
    return ratings.filter(is_active=True) if active_only else ratings


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return str(low if high is None else high)
    return f"{low}–{high}"


def _claimed(value: int | None, at_least: bool) -> str:
    if value is None:
        return ""
    return f"at least {value}" if at_least else str(value)


def verdict_view(verdict: Verdict) -> VerdictView:
    return VerdictView(
        verdict=verdict,
        rationale_html=render_markdown(verdict.rationale),
        evidence=list(verdict.evidence.all()),
        killed=_range(verdict.assessed_killed_min, verdict.assessed_killed_max),
        injured=_range(verdict.assessed_injured_min, verdict.assessed_injured_max),
    )


def _casualties(claim: Claim, current: VerdictView | None) -> list[CasualtyRow]:
    rows = [
        CasualtyRow(
            "Killed",
            _claimed(claim.killed, claim.killed_at_least),
            current.killed if current else "",
        ),
        CasualtyRow(
            "Injured",
            _claimed(claim.injured, claim.injured_at_least),
            current.injured if current else "",
        ),
    ]
    return [row for row in rows if row.claimed or row.assessed]


def evidence_facts(claim: Claim) -> list[suggest.EvidenceFact]:
    """The claim's live evidence in the shape the pure suggestion wants."""
    items = claim.evidence.live().select_related("source", "source__letter")
    claimant = claim.letter.sender.strip().casefold()
    return [_fact(item, claim, claimant) for item in items]


def _fact(item: Evidence, claim: Claim, claimant: str) -> suggest.EvidenceFact:
    source = item.source
    letter = source.letter
    from_claimant = letter is not None and (
        letter.pk == claim.letter_id
        or (bool(claimant) and letter.sender.strip().casefold() == claimant)
    )
    if letter is not None and letter.sender:
        origin = f"state:{letter.sender}"
    else:
        origin = source.publisher.strip() or f"source:{source.pk}"
    return suggest.EvidenceFact(
        title=source.title,
        stance=item.stance,
        reliability=source.reliability,
        credibility=item.credibility,
        origin=origin,
        from_claimant=from_claimant,
    )


def suggested_rating(claim: Claim) -> SuggestedRating:
    suggestion = suggest.suggest_rating(evidence_facts(claim))
    return SuggestedRating(
        suggestion, rating_for_suggestion(suggestion, rating_list(active_only=True))
    )


def rating_for_suggestion(suggestion: suggest.Suggestion, ratings) -> Rating | None:
    """The active scale step for a suggestion: by its default label, else by its value.

    Admins may rename steps; the value (which ClaimReview publishes) keeps the meaning.
    """
    ratings = list(ratings)
    for rating in ratings:
        if rating.label.casefold() == suggestion.label.casefold():
            return rating
    return next((rating for rating in ratings if rating.value == suggestion.value), None)


def verdicts_context(claim, user) -> dict:
    """Context for verification/_claim_verdicts.html on the claim page."""
    views = [verdict_view(verdict) for verdict in verdict_list_for_claim(claim)]
    current = next((view for view in views if view.verdict.status in CURRENT_STATUSES), None)
    section = VerdictSection(
        current=current,
        past=[view for view in views if view is not current],
        suggested=suggested_rating(claim),
        casualties=_casualties(claim, current),
        can_export=permissions.can_export(user),
        export_formats=list(ExportFormat.choices),
    )
    return {"verdict_section": section}
