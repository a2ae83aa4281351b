"""Reads for sources and evidence: the library, a source's claims, the claim page section.

The balance summary is computed by pure functions over plain values (`BalanceItem`), so it
is testable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from claims import permissions
from claims.models import Claim
from verification.models import (
    Credibility,
    Evidence,
    Reliability,
    Source,
    SourceCapture,
    SourceKind,
    Stance,
)

# "Well graded" means B2 or better: a usually reliable source, information probably true.
WELL_GRADED_RELIABILITY = frozenset({"A", "B"})
WELL_GRADED_CREDIBILITY = 2
# Typed as Any: without django-stubs mypy reads TextChoices members as the tuples in their body.
STANCE_ORDER: list[Any] = [Stance.CORROBORATES, Stance.CONTRADICTS, Stance.CONTEXT, Stance.MIXED]


def grade_code(reliability: str, credibility: int) -> str:
    """The Admiralty code, e.g. "B2"."""
    return f"{reliability}{credibility}"


# ---- Balance (pure) -----------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceItem:
    stance: str
    reliability: str
    credibility: int
    source_id: int
    publisher: str = ""


@dataclass(frozen=True)
class BalanceSide:
    total: int
    well_graded_independent: int
    independent_origins: list[str] = field(default_factory=list)


def is_well_graded(reliability: str, credibility: int) -> bool:
    return reliability in WELL_GRADED_RELIABILITY and credibility <= WELL_GRADED_CREDIBILITY


def origin_key(item: BalanceItem) -> str:
    """Sources with the same publisher (or letters from the same sender) are one origin."""
    publisher = " ".join(item.publisher.lower().split())
    return f"publisher:{publisher}" if publisher else f"source:{item.source_id}"


def balance_summary(items: list[BalanceItem], *, claimant: str) -> dict[str, BalanceSide]:
    """For each stance: how many items, and how many independent origins graded B2 or
    better. The claimant (the sender of the claim's letter) is never independent of it."""
    claimant_key = origin_key(BalanceItem("", "", 6, 0, claimant)) if claimant.strip() else None
    sides: dict[str, BalanceSide] = {}
    for stance in STANCE_ORDER:
        on_side = [item for item in items if item.stance == stance]
        origins = {
            origin_key(item)
            for item in on_side
            if is_well_graded(item.reliability, item.credibility)
            and origin_key(item) != claimant_key
        }
        sides[stance] = BalanceSide(
            total=len(on_side),
            well_graded_independent=len(origins),
            independent_origins=sorted(origins),
        )
    return sides


# ---- Claim page section -------------------------------------------------------------------


def _captures_prefetch(path: str) -> Prefetch:
    return Prefetch(
        path,
        queryset=SourceCapture.objects.select_related("requested_by")
        .defer("text")
        .order_by("-requested_at", "-id"),
    )


def claim_evidence_list(claim_id: int) -> QuerySet[Evidence]:
    return (
        Evidence.objects.live()
        .filter(claim_id=claim_id)
        .select_related("source", "source__letter", "added_by")
        .prefetch_related(_captures_prefetch("source__captures"))
        .order_by("added_at", "id")
    )


def _balance_items(evidence: list[Evidence]) -> list[BalanceItem]:
    return [
        BalanceItem(
            stance=item.stance,
            reliability=item.source.reliability,
            credibility=item.credibility,
            source_id=item.source_id,
            publisher=item.source.publisher
            or (item.source.letter.sender if item.source.letter else ""),
        )
        for item in evidence
    ]


def evidence_context(claim: Claim, user) -> dict:
    """Context for verification/_claim_evidence.html on the claim page."""
    evidence = list(claim_evidence_list(claim.pk))
    for item in evidence:
        item.grade = grade_code(item.source.reliability, item.credibility)
        captures = list(item.source.captures.all())
        item.latest_capture = captures[0] if captures else None
    groups = [
        {
            "stance": stance,
            "label": stance.label,
            "items": [e for e in evidence if e.stance == stance],
        }
        for stance in STANCE_ORDER
    ]
    balance = balance_summary(_balance_items(evidence), claimant=claim.letter.sender)
    return {
        "evidence_groups": groups,
        "evidence_count": len(evidence),
        "balance": {str(stance): side for stance, side in balance.items()},
        "stances": Stance.choices,
        "credibilities": Credibility.choices,
        "reliabilities": Reliability.choices,
        "can_add_evidence": permissions.can_research(user),
    }


# ---- Sources library ----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFilter:
    q: str = ""
    kind: str = ""
    reliability: str = ""
    publisher: str = ""


def source_list(filters: SourceFilter) -> QuerySet[Source]:
    sources = Source.objects.live().annotate(
        claim_count=Count("evidence", filter=Q(evidence__is_deleted=False), distinct=True),
        capture_count=Count("captures", distinct=True),
    )
    if filters.kind:
        sources = sources.filter(kind=filters.kind)
    if filters.reliability:
        sources = sources.filter(reliability=filters.reliability)
    if filters.publisher:
        sources = sources.filter(publisher__icontains=filters.publisher)
    if filters.q:
        in_captures = SourceCapture.objects.filter(source=OuterRef("pk"), text__icontains=filters.q)
        sources = sources.filter(
            Q(title__icontains=filters.q)
            | Q(publisher__icontains=filters.q)
            | Q(url__icontains=filters.q)
            | Exists(in_captures)
        )
    return sources.order_by("-created_at", "-id")


def source_search(q: str, limit: int = 10) -> list[Source]:
    """Search as you type on the claim page."""
    if len(q.strip()) < 2:
        return []
    return list(source_list(SourceFilter(q=q.strip()))[:limit])


def source_captures(source: Source) -> list[SourceCapture]:
    """The chain of custody, oldest first."""
    return list(
        source.captures.select_related("requested_by").defer("text").order_by("requested_at", "id")
    )


def source_evidence(source_id: int) -> QuerySet[Evidence]:
    """Every claim the source bears on, and how."""
    return (
        Evidence.objects.live()
        .filter(source_id=source_id, claim__is_deleted=False)
        .select_related("claim", "claim__letter", "source", "added_by")
        .order_by("-added_at", "-id")
    )


def capture_list(source_id: int) -> QuerySet[SourceCapture]:
    return (
        SourceCapture.objects.filter(source_id=source_id)
        .select_related("requested_by")
        .defer("text")
        .order_by("requested_at", "id")
    )


def source_kinds() -> list[tuple[str, str]]:
    return SourceKind.choices
