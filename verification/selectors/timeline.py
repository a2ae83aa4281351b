"""Reads for the timeline: specific claims and incidents by event date, counted per day, week
or month on the server (the browser draws a few hundred bars, never 10,000 points), stacked by
verdict; and the claims behind one bar, paginated.

Two aggregate queries per timeline whatever the number of claims; a test pins it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, FilteredRelation, Max, Min, Q, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek

from claims.models import Claim, ClaimKind, ClaimState
from verification.models import Incident, VerdictStatus

BUCKETS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
NOT_RATED = "#8c959f"
MAX_BARS = 400


@dataclass(frozen=True)
class TimelineFilter:
    sender: str = ""
    accused: str = ""
    place: str = ""
    state: str = ""
    bucket: str = ""  # day, week or month; "" picks from the span
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_params(cls, params) -> TimelineFilter:
        def day(name: str) -> date | None:
            try:
                return date.fromisoformat(params.get(name, "")) if params.get(name) else None
            except ValueError:
                return None

        state = params.get("state", "")
        bucket = params.get("bucket", "")
        return cls(
            sender=params.get("sender", "").strip()[:200],
            accused=params.get("accused", "").strip()[:200],
            place=params.get("place", "").strip()[:200],
            state=state if state in ClaimState.values else "",
            bucket=bucket if bucket in BUCKETS else "",
            date_from=day("date_from"),
            date_to=day("date_to"),
        )

    def as_params(self) -> dict[str, str]:
        values = {
            "sender": self.sender, "accused": self.accused, "place": self.place,
            "state": self.state, "bucket": self.bucket,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }  # fmt: skip
        return {key: value for key, value in values.items() if value}


def timeline_claims(filters: TimelineFilter) -> QuerySet[Claim]:
    """Live specific claims with an event date, matching the filters."""
    claims = Claim.objects.filter(
        is_deleted=False, letter__is_deleted=False, kind=ClaimKind.SPECIFIC,
        event_date__isnull=False,
    )  # fmt: skip
    if filters.sender:
        claims = claims.filter(letter__sender__iexact=filters.sender)
    if filters.accused:
        claims = claims.filter(actors__icontains=filters.accused)
    if filters.place:
        claims = claims.filter(search_text__contains=filters.place.lower())
    if filters.state:
        claims = claims.filter(state=filters.state)
    if filters.date_from:
        claims = claims.filter(event_date__gte=filters.date_from)
    if filters.date_to:
        claims = claims.filter(event_date__lte=filters.date_to)
    return claims


def pick_bucket(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "day"
    days = (last - first).days
    return "day" if days <= 120 else "week" if days <= 7 * MAX_BARS * 0.75 else "month"


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value


def timeline_data(filters: TimelineFilter) -> dict:
    """{"bucket", "bars": [{"start", "end", "total", "incidents", "stacks": [...]}], "legend"}."""
    claims = timeline_claims(filters)
    span = claims.aggregate(first=Min("event_date"), last=Max("event_date"))
    bucket = filters.bucket or pick_bucket(span["first"], span["last"])
    trunc = BUCKETS[bucket]
    rows = (
        claims.annotate(
            approved=FilteredRelation("verdicts", condition=Q(verdicts__status=VerdictStatus.APPROVED))
        )
        .annotate(period=trunc("event_date"))
        .values("period", label=F("approved__rating_label"), colour=F("approved__rating_colour"),
                order=F("approved__rating__order"))
        .annotate(n=Count("id", distinct=True))
        .order_by("period")
    )  # fmt: skip
    bars: dict[date, dict] = {}
    legend: dict[str, dict] = {}
    for row in rows:
        start = _as_date(row["period"])
        label = row["label"] or "Not rated yet"
        colour = row["colour"] or NOT_RATED
        legend.setdefault(label, {"label": label, "colour": colour,
                                  "order": row["order"] if row["label"] else 10_000})  # fmt: skip
        bar = bars.setdefault(start, {"start": start.isoformat(), "end": _end(start, bucket)
                                      .isoformat(), "total": 0, "incidents": 0, "stacks": []})  # fmt: skip
        bar["total"] += row["n"]
        bar["stacks"].append({"label": label, "n": row["n"]})
    _add_incidents(bars, filters, bucket)
    ordered_legend = sorted(legend.values(), key=lambda item: (item["order"], item["label"]))
    return {
        "bucket": bucket,
        "bars": [bars[key] for key in sorted(bars)],
        "legend": [{"label": i["label"], "colour": i["colour"]} for i in ordered_legend],
        "claims": sum(bar["total"] for bar in bars.values()),
    }


def _end(start: date, bucket: str) -> date:
    if bucket == "day":
        return start
    if bucket == "week":
        return start + timedelta(days=6)
    next_month = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month - timedelta(days=1)


def _add_incidents(bars: dict[date, dict], filters: TimelineFilter, bucket: str) -> None:
    """Incidents that hold at least one of the filtered claims, counted per bar."""
    members = timeline_claims(filters).values("incidents")
    rows = (
        Incident.objects.filter(is_deleted=False, event_date__isnull=False, pk__in=members)
        .annotate(period=BUCKETS[bucket]("event_date"))
        .values("period")
        .annotate(n=Count("id"))
    )
    for row in rows:
        start = _as_date(row["period"])
        if start in bars:
            bars[start]["incidents"] = row["n"]


def bar_claims(filters: TimelineFilter, start: date, end: date) -> QuerySet[Claim]:
    """The claims behind one bar, with their letter and approved verdict, for a paged list."""
    from django.db.models import Prefetch

    from verification.models import Verdict

    approved = Verdict.objects.filter(status=VerdictStatus.APPROVED).order_by("-decided_at")
    return (
        timeline_claims(filters)
        .filter(event_date__gte=start, event_date__lte=end)
        .select_related("letter")
        .only("id", "quote", "event_date", "places", "state", "letter__symbol", "letter__sender")
        .prefetch_related(Prefetch("verdicts", queryset=approved, to_attr="approved_verdicts"))
        .order_by("event_date", "id")
    )


def timeline_choices() -> dict:
    """Senders for the filter's list (one query)."""
    senders = (
        Claim.objects.filter(is_deleted=False, kind=ClaimKind.SPECIFIC)
        .exclude(letter__sender="")
        .values_list("letter__sender", flat=True)
        .distinct()
        .order_by("letter__sender")
    )
    return {"senders": list(senders[:300]), "states": ClaimState.choices}
