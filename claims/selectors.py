"""Reads for letters and claims. Each selector owns its joins so views cannot cause N+1 queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from claims.models import Claim, ClaimState, Letter, LetterStatus

# A letter's claims that are not deleted (the letter itself is live where this is used).
LIVE_CLAIM_COUNT = Count("claims", filter=Q(claims__is_deleted=False))

LETTER_SORTS = {
    "date": ("letter_date", "id"),
    "-date": ("-letter_date", "-id"),
    "symbol": ("symbol", "id"),
    "sender": ("sender", "id"),
    "-created": ("-created_at", "-id"),
}


@dataclass(frozen=True)
class LetterFilter:
    q: str = ""
    symbol: str = ""
    sender: str = ""
    date_from: date | None = None
    date_to: date | None = None
    status: str = ""
    sort: str = "-date"


def letter_list(filters: LetterFilter) -> QuerySet[Letter]:
    letters = (
        Letter.objects.live()
        .select_related("original")
        .annotate(claim_count=LIVE_CLAIM_COUNT)
        .defer("raw_text", "text")
    )
    if filters.symbol:
        letters = letters.filter(
            Q(symbol__icontains=filters.symbol) | Q(symbols__icontains=filters.symbol)
        )
    if filters.sender:
        letters = letters.filter(sender__icontains=filters.sender)
    if filters.date_from:
        letters = letters.filter(letter_date__gte=filters.date_from)
    if filters.date_to:
        letters = letters.filter(letter_date__lte=filters.date_to)
    if filters.status:
        letters = letters.filter(status=filters.status)
    if filters.q:
        letters = letters.filter(
            Q(text__icontains=filters.q)
            | Q(title__icontains=filters.q)
            | Q(symbol__icontains=filters.q)
        )
    return letters.order_by(*LETTER_SORTS.get(filters.sort, LETTER_SORTS["-date"]))


def letter_claims(letter: Letter) -> list[Claim]:
    return list(letter.claims.live().select_related("assignee").order_by("start", "id"))


@dataclass(frozen=True)
class TextSegment:
    text: str
    claim: Claim | None = None
    annex_marker: bool = False


def letter_segments(letter: Letter, claims: list[Claim]) -> list[TextSegment]:
    """Split the text into plain and highlighted runs (overlapping claims: the first wins)."""
    segments: list[TextSegment] = []
    cursor = 0
    annex = letter.annex_start
    boundaries = sorted(claims, key=lambda c: (c.start, -c.end))
    for claim in boundaries:
        if claim.start < cursor or claim.letter_text_version != letter.text_version:
            continue
        segments.extend(_plain(letter.text, cursor, claim.start, annex))
        segments.append(TextSegment(letter.text[claim.start : claim.end], claim))
        cursor = claim.end
    segments.extend(_plain(letter.text, cursor, len(letter.text), annex))
    return segments


def _plain(text: str, start: int, end: int, annex: int | None) -> list[TextSegment]:
    if start >= end:
        return []
    if annex is not None and start <= annex < end:
        return [
            TextSegment(text[start:annex]),
            TextSegment("", annex_marker=True),
            TextSegment(text[annex:end]),
        ]
    return [TextSegment(text[start:end])]


def dashboard_counts() -> dict:
    letters = Letter.objects.live().aggregate(
        total=Count("id"),
        ready=Count("id", filter=Q(status=LetterStatus.READY)),
        pending=Count("id", filter=Q(status__in=[LetterStatus.QUEUED, LetterStatus.PROCESSING])),
        needs_ocr=Count("id", filter=Q(status=LetterStatus.NEEDS_OCR)),
        failed=Count("id", filter=Q(status=LetterStatus.FAILED)),
    )
    by_state = dict(
        Claim.objects.live().values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    states = ClaimState.__members__.values()
    claims = [(state.value, state.label, by_state.get(state.value, 0)) for state in states]
    return {"letters": letters, "claims": claims, "claims_total": sum(by_state.values())}


def recent_letters(limit: int = 10) -> QuerySet[Letter]:
    return (
        Letter.objects.live()
        .annotate(claim_count=LIVE_CLAIM_COUNT)
        .defer("raw_text", "text")
        .order_by("-created_at", "-id")[:limit]
    )
