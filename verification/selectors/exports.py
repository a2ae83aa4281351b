"""Reads for exports: the claims in a scope (streamed in chunks) and the export jobs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery

from claims import permissions
from claims.errors import BadInput, NotFound
from claims.models import Claim, ClaimState, Letter
from verification.models import (
    CaptureStatus,
    Evidence,
    ExportJob,
    Rating,
    SourceCapture,
    Verdict,
    VerdictStatus,
)

FILTER_KEYS = ("sender", "date_from", "date_to", "state", "rating", "place", "letter")
REPORT_ORDER = ("letter__letter_date", "letter_id", "start", "id")


@dataclass(frozen=True)
class ExportScope:
    """One letter, one claim, or a filter of the claims list (dates are the letter's date)."""

    letter: int | None = None
    claim: int | None = None
    sender: str = ""
    date_from: date | None = None
    date_to: date | None = None
    state: str = ""
    rating: int | None = None
    place: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        for key in ("date_from", "date_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return {key: value for key, value in data.items() if value not in (None, "")}


def _int(value, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadInput(f"{what} must be a number.") from None


def _date(value, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"{what} must be a date (YYYY-MM-DD).") from None


def _letter_id(value) -> int:
    """A letter by id, or by its symbol (what people type)."""
    text = str(value).strip()
    if text.isdigit():
        letter = Letter.objects.live().filter(pk=int(text)).first()
    else:
        letter = Letter.objects.live().filter(symbol__iexact=text).order_by("id").first()
    if letter is None:
        raise NotFound(f"No letter {text}.")
    return letter.pk


def _rating_id(value) -> int:
    text = str(value).strip()
    rating = (
        Rating.objects.filter(pk=int(text)).first()
        if text.isdigit()
        else Rating.objects.filter(label__iexact=text).first()
    )
    if rating is None:
        raise BadInput(f"No rating {text} on the scale.")
    return rating.pk


def scope_parse(data) -> ExportScope:
    """{"letter": id|symbol} | {"claim": id} | {"filters": {...}}, checked against the database."""
    if not isinstance(data, dict):
        raise BadInput("The scope must be an object: a letter, a claim or filters.")
    given = [key for key in ("letter", "claim", "filters") if data.get(key) not in (None, "", {})]
    unknown = set(data) - {"letter", "claim", "filters"}
    if unknown:
        raise BadInput(f"Unknown scope key: {', '.join(sorted(unknown))}.")
    for key in ("letter", "claim"):
        if key in data and data[key] in (None, ""):
            raise BadInput(f"Give the {key} to export.")
    if len(given) > 1:
        raise BadInput("Give one of letter, claim or filters, not several.")
    if "claim" in given:
        claim_id = _int(data["claim"], "claim")
        if not Claim.objects.live().filter(pk=claim_id).exists():
            raise NotFound(f"No claim {claim_id}.")
        return ExportScope(claim=claim_id)
    if "letter" in given:
        return ExportScope(letter=_letter_id(data["letter"]))
    return _filters_parse(data.get("filters") or {})


def _filters_parse(filters) -> ExportScope:
    if not isinstance(filters, dict):
        raise BadInput("filters must be an object.")
    unknown = set(filters) - set(FILTER_KEYS)
    if unknown:
        raise BadInput(f"Unknown filter: {', '.join(sorted(unknown))}.")
    state = str(filters.get("state") or "").strip()
    if state and state not in ClaimState.values:
        raise BadInput(f"Unknown state {state}; use one of {', '.join(ClaimState.values)}.")
    scope = ExportScope(
        letter=_letter_id(filters["letter"]) if filters.get("letter") not in (None, "") else None,
        sender=str(filters.get("sender") or "").strip()[:200],
        date_from=_date(filters.get("date_from"), "date_from"),
        date_to=_date(filters.get("date_to"), "date_to"),
        state=state,
        rating=_rating_id(filters["rating"]) if filters.get("rating") not in (None, "") else None,
        place=str(filters.get("place") or "").strip()[:200],
    )
    if scope.date_from and scope.date_to and scope.date_from > scope.date_to:
        raise BadInput("date_from is after date_to.")
    return scope


def scope_from_json(data: dict) -> ExportScope:
    """A scope as stored on a job (already checked when the job was requested)."""
    values: dict[str, Any] = {
        key: data.get(key) for key in ExportScope.__dataclass_fields__ if key in data
    }
    for key in ("date_from", "date_to"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    return ExportScope(**values)


def scope_label(scope: ExportScope, *, approved_only: bool = False) -> str:
    if scope.claim:
        claim = Claim.objects.select_related("letter").get(pk=scope.claim)
        label = f"Claim {claim.pk} ({claim.letter})"
    elif scope.letter and scope == ExportScope(letter=scope.letter):
        label = f"Letter {Letter.objects.get(pk=scope.letter)}"
    else:
        parts = _filter_parts(scope)
        label = "Claims: " + "; ".join(parts) if parts else "All claims"
    if approved_only:
        label += " – approved claims only"
    return label[:300]


def _filter_parts(scope: ExportScope) -> list[str]:
    parts = []
    if scope.letter:
        parts.append(f"letter {Letter.objects.get(pk=scope.letter)}")
    if scope.sender:
        parts.append(f"sender “{scope.sender}”")
    if scope.date_from or scope.date_to:
        low = scope.date_from.isoformat() if scope.date_from else "…"
        high = scope.date_to.isoformat() if scope.date_to else "…"
        parts.append(f"letter date {low} to {high}")
    if scope.state:
        parts.append(f"state {ClaimState(scope.state).label}")
    if scope.rating:
        parts.append(f"rated {Rating.objects.get(pk=scope.rating).label}")
    if scope.place:
        parts.append(f"place “{scope.place}”")
    return parts


def export_claims(scope: ExportScope, *, approved_only: bool = False) -> QuerySet[Claim]:
    """The live claims in a scope, unordered (callers order or aggregate)."""
    claims = Claim.objects.live()
    if scope.claim:
        return claims.filter(pk=scope.claim)
    if scope.letter:
        claims = claims.filter(letter_id=scope.letter)
    if scope.sender:
        claims = claims.filter(letter__sender__icontains=scope.sender)
    if scope.date_from:
        claims = claims.filter(letter__letter_date__gte=scope.date_from)
    if scope.date_to:
        claims = claims.filter(letter__letter_date__lte=scope.date_to)
    if scope.state:
        claims = claims.filter(state=scope.state)
    if scope.place:
        claims = claims.filter(search_text__icontains=scope.place.casefold())
    if scope.rating:
        rated = Verdict.objects.filter(
            claim=OuterRef("pk"), status=VerdictStatus.APPROVED, rating_id=scope.rating
        )
        claims = claims.filter(Exists(rated))
    if approved_only:
        claims = claims.filter(state=ClaimState.APPROVED)
    return claims


def _approved_verdict(field_name: str) -> Subquery:
    latest = Verdict.objects.filter(claim=OuterRef("pk"), status=VerdictStatus.APPROVED)
    return Subquery(latest.order_by("-decided_at", "-id").values(field_name)[:1])


def export_rating_summary(claims: QuerySet[Claim]) -> tuple[tuple[str, int], ...]:
    """(rating label as given, number of claims) in scale order, with one aggregate query."""
    rows = (
        claims.order_by()
        .annotate(label=_approved_verdict("rating_label"), rank=_approved_verdict("rating__order"))
        .values("label", "rank")
        .annotate(n=Count("id"))
    )
    counted: dict[str, tuple[int, int]] = {}
    for row in rows:
        label = row["label"] or "Not rated"
        rank = row["rank"] if row["label"] else 10_000
        old_rank, old_n = counted.get(label, (rank, 0))
        counted[label] = (min(old_rank, rank), old_n + row["n"])
    ordered = sorted(counted.items(), key=lambda item: (item[1][0], item[0]))
    return tuple((label, n) for label, (_rank, n) in ordered)


def export_claims_for_report(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Everything a report needs per claim, fetched per chunk by `.iterator(chunk_size=...)`."""
    captures = SourceCapture.objects.filter(status=CaptureStatus.CAPTURED).order_by(
        "-captured_at", "-id"
    )
    evidence = Evidence.objects.select_related("source", "added_by").prefetch_related(
        Prefetch("source__captures", queryset=captures, to_attr="report_captures")
    )
    from verification.selectors.publishing import live_publication_slug

    return (
        claims.select_related("assignee")
        .annotate(public_slug=live_publication_slug())
        .prefetch_related(
            Prefetch(
                "letter",
                queryset=Letter.objects.only(
                    "id", "symbol", "letter_date", "sender", "text", "text_version"
                ),
            ),
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.filter(
                    status__in=[VerdictStatus.APPROVED, VerdictStatus.PROPOSED]
                )
                .select_related("proposed_by", "decided_by")
                .order_by("-proposed_at", "-id"),
                to_attr="report_verdicts",
            ),
            Prefetch("report_verdicts__evidence", queryset=evidence.order_by("added_at", "id")),
            Prefetch(
                "evidence",
                queryset=evidence.live().order_by("added_at", "id"),
                to_attr="report_evidence",
            ),
        )
        .order_by(*REPORT_ORDER)
    )


def export_list_for(user) -> QuerySet[ExportJob]:
    """Export jobs a user may see: their own; editors see everyone's."""
    jobs = ExportJob.objects.select_related("requested_by").order_by("-requested_at", "-id")
    if permissions.can_edit(user):
        return jobs
    return jobs.filter(requested_by=user)


def export_get_for(user, pk: int) -> ExportJob:
    job = export_list_for(user).filter(pk=pk).first()
    if job is None:
        raise NotFound("No such export.")
    return job
