"""FilterSets of the review, evidence, export and incident lists (see claims/filters.py).

ClaimFilterSet is the one claim filter language: the claims API, the queue pages
(ClaimFilter.from_params) and bulk triage read their parameters through it.
"""

from __future__ import annotations

import django_filters as df
from django.core.validators import RegexValidator

from claims.filters import StrictFilterSet
from claims.models import Claim, ClaimKind, ClaimState, ClaimType
from verification.models import (
    Credibility,
    Evidence,
    ExportFormat,
    ExportJob,
    ExportStatus,
    Incident,
    Reliability,
    Source,
    SourceKind,
    Stance,
)
from verification.selectors.review import QUEUES

QUEUE_CHOICES = list(QUEUES.items())


class ClaimFilterSet(StrictFilterSet):
    queue = df.ChoiceFilter(choices=QUEUE_CHOICES, label="A work queue (default: all)")
    letter = df.CharFilter(
        label="A letter id or its UN symbol (S/2025/470)",
        max_length=64,
        validators=[
            RegexValidator(
                r"^([1-9][0-9]*|[A-Za-z]+/[\w./-]+)$",
                "Give a letter id or a UN symbol such as S/2025/470.",
            )
        ],
    )
    sender = df.CharFilter(label="Part of the letter's sender", max_length=200)
    kind = df.ChoiceFilter(choices=ClaimKind.choices, label="Claim kind")
    type = df.ChoiceFilter(choices=ClaimType.choices, label="Claim type")
    date_from = df.DateFilter(label="Event date from (YYYY-MM-DD)")
    date_to = df.DateFilter(label="Event date to (YYYY-MM-DD)")
    place = df.CharFilter(label="A place named in the claim", max_length=200)
    assignee = df.CharFilter(
        label="A user id, or 'none' for unassigned claims",
        validators=[RegexValidator(r"^(none|[0-9]+)$", "Give a user id or none.")],
    )
    state = df.ChoiceFilter(choices=ClaimState.choices, label="Review state")
    q = df.CharFilter(label="Text search in the quote and places", max_length=200)

    class Meta:
        model = Claim
        fields: list[str] = []


class SourceFilterSet(StrictFilterSet):
    q = df.CharFilter(label="Search title, publisher, URL and captured text", max_length=200)
    kind = df.ChoiceFilter(choices=SourceKind.choices, label="Source kind")
    reliability = df.ChoiceFilter(choices=Reliability.choices, label="Source reliability (A-F)")
    publisher = df.CharFilter(label="Part of the publisher's name", max_length=300)

    class Meta:
        model = Source
        fields: list[str] = []


class EvidenceFilterSet(StrictFilterSet):
    stance = df.ChoiceFilter(choices=Stance.choices, label="How it bears on the claim")
    credibility = df.TypedChoiceFilter(
        choices=Credibility.choices, coerce=int, label="Credibility of the item (1-6)"
    )
    reliability = df.ChoiceFilter(choices=Reliability.choices, label="The source's reliability")

    class Meta:
        model = Evidence
        fields: list[str] = []

    @staticmethod
    def lookups(values: dict) -> dict:
        renamed = {"reliability": "source__reliability"}
        return {renamed.get(k, k): v for k, v in values.items() if v not in (None, "")}


class ExportFilterSet(StrictFilterSet):
    status = df.ChoiceFilter(choices=ExportStatus.choices, label="Job status")
    format = df.ChoiceFilter(choices=ExportFormat.choices, label="Report format")

    class Meta:
        model = ExportJob
        fields: list[str] = []


class IncidentFilterSet(StrictFilterSet):
    date_from = df.DateFilter(label="Event date from (YYYY-MM-DD)")
    date_to = df.DateFilter(label="Event date to (YYYY-MM-DD)")
    place = df.CharFilter(label="A place of the incident", max_length=200)
    sender = df.CharFilter(label="A sender of one of its claims", max_length=200)
    rating = df.CharFilter(label="Rating id or label of an approved verdict", max_length=64)

    class Meta:
        model = Incident
        fields: list[str] = []


def present(values: dict) -> dict:
    """Only the values given, so the selectors' dataclass defaults apply to the rest."""
    return {key: value for key, value in values.items() if value not in (None, "")}
