"""Reads for the dashboard: counters that link to their queue, the next step for this user, and
four charts. A fixed number of queries whatever the data size (a test pins it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from claims import permissions
from claims import selectors as claim_selectors
from claims.models import Claim, ClaimState
from verification import charts
from verification.models import Verdict, VerdictStatus

OPEN_STATES = (
    ClaimState.NEW,
    ClaimState.QUEUED,
    ClaimState.IN_RESEARCH,
    ClaimState.RETURNED,
    ClaimState.PROPOSED,
)
AGE_BUCKETS = ((0, 7, "under a week"), (7, 30, "1–4 weeks"), (30, 90, "1–3 months"))
WEEKS = 12
TOP_SENDERS = 10


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str


def _queue_url(**params: str) -> str:
    return reverse("queue", args=["all"]) + "?" + urlencode(params)


def _letters_url(**params: str) -> str:
    return reverse("letter_list") + ("?" + urlencode(params) if params else "")


def next_steps(user, counts: dict) -> list[NextStep]:
    """What this person should do now, most useful first."""
    by_state = {value: n for value, _label, n in counts["claims"]}
    steps = []
    if counts["letters"]["total"] == 0 and permissions.can_upload_letters(user):
        steps.append(NextStep("Add letters", reverse("letter_upload")))
    if by_state.get(ClaimState.NEW) and permissions.can_research(user):
        steps.append(NextStep(f"Triage {by_state[ClaimState.NEW]} new claims", reverse("triage")))
    if by_state.get(ClaimState.QUEUED) and permissions.can_research(user):
        n = by_state[ClaimState.QUEUED]
        steps.append(NextStep(f"Take one of {n} claims waiting for research", _queue_url(
            state=str(ClaimState.QUEUED))))  # fmt: skip
    if by_state.get(ClaimState.PROPOSED) and permissions.can_edit(user):
        n = by_state[ClaimState.PROPOSED]
        steps.append(NextStep(f"Review {n} proposed verdicts", reverse("queue", args=["awaiting"])))
    return steps


def _approved_verdicts():
    return Verdict.objects.filter(
        status=VerdictStatus.APPROVED, claim__is_deleted=False, claim__letter__is_deleted=False
    ).order_by()


def rating_chart() -> tuple[str, list[charts.Bar]]:
    rows = (
        _approved_verdicts()
        .values("rating_label", "rating_colour", "rating__order")
        .annotate(n=Count("claim_id", distinct=True))
        .order_by("rating__order", "rating_label")
    )
    bars = [charts.Bar(r["rating_label"], r["n"], r["rating_colour"]) for r in rows]
    return charts.bar_chart(bars, title="Approved verdicts by rating"), bars


def sender_chart() -> tuple[str, list[charts.Bar]]:
    rows = (
        _approved_verdicts()
        .values("claim__letter__sender")
        .annotate(n=Count("claim_id", distinct=True))
        .order_by("-n", "claim__letter__sender")[:TOP_SENDERS]
    )
    bars = [
        charts.Bar(
            r["claim__letter__sender"] or "(no sender)",
            r["n"],
            href=_queue_url(sender=r["claim__letter__sender"], state=str(ClaimState.APPROVED)),
        )
        for r in rows
    ]
    return charts.bar_chart(bars, title="Approved verdicts by sender (top 10)"), bars


def backlog_chart(now) -> tuple[str, list[charts.Bar]]:
    counts = {}
    for index, (low, high, _label) in enumerate(AGE_BUCKETS):
        window = Q(created_at__lte=now - timedelta(days=low))
        counts[f"age{index}"] = Count(
            "id", filter=window & Q(created_at__gt=now - timedelta(days=high))
        )
    counts["older"] = Count("id", filter=Q(created_at__lte=now - timedelta(days=90)))
    ages = Claim.objects.filter(
        state__in=OPEN_STATES, is_deleted=False, letter__is_deleted=False
    ).aggregate(**counts)
    labels = [label for _low, _high, label in AGE_BUCKETS] + ["over 3 months"]
    bars = [
        charts.Bar(label, ages[key], "#9a6700") for label, key in zip(labels, counts, strict=True)
    ]
    return charts.bar_chart(bars, title="Open claims by age (backlog)"), bars


def weekly_chart(now) -> tuple[str, list[charts.Bar]]:
    start = (now - timedelta(weeks=WEEKS - 1)).date()
    start -= timedelta(days=start.weekday())
    rows = (
        _approved_verdicts()
        .filter(decided_at__date__gte=start)
        .annotate(week=TruncWeek("decided_at"))
        .values("week")
        .annotate(n=Count("id"))
    )
    per_week = {row["week"].date() if hasattr(row["week"], "date") else row["week"]: row["n"]
                for row in rows}  # fmt: skip
    weeks = [start + timedelta(weeks=i) for i in range(WEEKS)]
    bars = [charts.Bar(week.strftime("%-d %b"), per_week.get(week, 0), "#1a7f37") for week in weeks]
    return charts.column_chart(bars, title="Verdicts approved per week (last 12 weeks)"), bars


def dashboard_context(user) -> dict:
    counts = claim_selectors.dashboard_counts()
    now = timezone.now()
    return {
        "counts": counts,
        "recent": claim_selectors.recent_letters(),
        "next_steps": next_steps(user, counts),
        "letter_links": {
            "total": _letters_url(),
            "ready": _letters_url(status="ready"),
            "pending": _letters_url(status="queued"),
            "needs_ocr": _letters_url(status="needs_ocr"),
            "failed": _letters_url(status="failed"),
        },
        "state_links": [
            (value, label, n, _queue_url(state=value)) for value, label, n in counts["claims"]
        ],
        "charts": [
            ("Verdicts by rating", *rating_chart()),
            ("Verdicts by sender", *sender_chart()),
            ("Backlog age", *backlog_chart(now)),
            ("Work done per week", *weekly_chart(now)),
        ],
    }
