"""access_<entity>(user, pk, for_write=...) for the verification app's entities: one lookup
among live rows plus the role check, used by views, API views and services (see claims.access)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q

from claims.access import check_access, get_or_not_found
from verification.models import Evidence, Incident, Source, SourceCapture

if TYPE_CHECKING:
    from claims.permissions import AnyUser


def access_source(user: AnyUser | None, pk: int, *, for_write: bool = False) -> Source:
    check_access(user, for_write=for_write, what="sources")
    sources = (
        Source.objects.live()
        .select_related("letter", "created_by")
        .annotate(  # the API's source always shows its counts
            claim_count=Count("evidence", filter=Q(evidence__is_deleted=False), distinct=True),
            capture_count=Count("captures", distinct=True),
        )
    )
    return get_or_not_found(sources, pk, "source")


def access_evidence(user: AnyUser | None, pk: int, *, for_write: bool = False) -> Evidence:
    check_access(user, for_write=for_write, what="evidence")
    evidence = (
        Evidence.objects.live()
        .filter(claim__is_deleted=False)
        .select_related("claim", "claim__letter", "source", "added_by")
    )
    return get_or_not_found(evidence, pk, "evidence")


def access_capture(user: AnyUser | None, pk: int) -> SourceCapture:
    check_access(user, for_write=False, what="captures")
    captures = SourceCapture.objects.filter(source__is_deleted=False).select_related(
        "source", "requested_by"
    )
    return get_or_not_found(captures, pk, "capture")


def access_incident(user: AnyUser | None, pk: int, *, for_write: bool = False) -> Incident:
    from verification.selectors.matching import incident_claims_prefetch

    check_access(user, for_write=for_write, what="incidents")
    incidents = Incident.objects.live().prefetch_related(incident_claims_prefetch())
    return get_or_not_found(incidents, pk, "incident")
