"""Reads for matching: similar claims of a claim, the evidence and verdicts linked claims share,
and incidents (list with filters, detail grouped by sender)."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from claims import permissions
from claims.models import Claim
from verification.models import (
    ClaimMatch,
    Evidence,
    Incident,
    MatchStatus,
    Rating,
    Verdict,
    VerdictStatus,
)

SAME_CLAIM = (MatchStatus.LINKED, MatchStatus.CONFIRMED)
SIMILAR_ON_CLAIM_PAGE = 10
_STATUS_ORDER = Case(
    When(status=MatchStatus.CONFIRMED, then=Value(0)),
    When(status=MatchStatus.LINKED, then=Value(1)),
    When(status=MatchStatus.SUGGESTED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class SimilarRow:
    """One match seen from one of its claims: the other claim, why, and what was decided."""

    match: ClaimMatch
    other: Claim

    @property
    def same_claim(self) -> bool:
        return self.match.status in SAME_CLAIM


def _live_claims() -> QuerySet[Claim]:
    return Claim.objects.live()


def claim_match_list(claim: Claim) -> QuerySet[ClaimMatch]:
    """Matches of `claim` (either side), same-claim first, then by score."""
    live = _live_claims()
    return (
        ClaimMatch.objects.filter(Q(claim_a=claim) | Q(claim_b=claim))
        .filter(claim_a__in=live, claim_b__in=live)
        .select_related("claim_a__letter", "claim_b__letter", "decided_by")
        .annotate(status_rank=_STATUS_ORDER)
        .order_by("status_rank", "-score", "id")
    )


def similar_rows(claim: Claim, matches) -> list[SimilarRow]:
    return [
        SimilarRow(match, match.claim_b if match.claim_a_id == claim.pk else match.claim_a)
        for match in matches
    ]


def matching_context(claim: Claim, user) -> dict:
    """Context for verification/_claim_matching.html on the claim page."""
    matches = list(claim_match_list(claim)[: SIMILAR_ON_CLAIM_PAGE + 1])
    rows = similar_rows(claim, matches[:SIMILAR_ON_CLAIM_PAGE])
    linked_ids = [row.other.pk for row in rows if row.same_claim]
    return {
        "similar_rows": rows,
        "similar_more": len(matches) > SIMILAR_ON_CLAIM_PAGE,
        "incident": claim_incident(claim),
        "linked_evidence": linked_evidence(linked_ids),
        "verdict_offers": verdict_offers(claim, linked_ids),
        "active_ratings": list(Rating.objects.filter(is_active=True)),
        "can_decide_matches": permissions.can_research(user),
    }


def claim_incident(claim: Claim) -> Incident | None:
    # Filter through a subquery: filtering on `claims=claim` in the same query would make the
    # count below count that one joined claim ("1 claim" for an incident of six).
    holding = Incident.objects.filter(claims=claim).values("pk")
    return (
        Incident.objects.live()
        .filter(pk__in=holding)
        .annotate(claim_count=Count("claims", filter=Q(claims__is_deleted=False)))
        .order_by("id")
        .first()
    )


def linked_evidence(claim_ids: list[int]) -> list[Evidence]:
    """Evidence gathered on claims linked to this one as the same claim: shared, not copied."""
    if not claim_ids:
        return []
    return list(
        Evidence.objects.live()
        .filter(claim_id__in=claim_ids)
        .select_related("source", "claim__letter")
        .order_by("claim_id", "added_at", "id")
    )


def verdict_offers(claim: Claim, linked_ids: list[int]) -> list[Verdict]:
    """Approved verdicts of linked claims, offered for this claim while it has none."""
    if (
        not linked_ids
        or Verdict.objects.filter(
            claim=claim, status__in=[VerdictStatus.PROPOSED, VerdictStatus.APPROVED]
        ).exists()
    ):
        return []
    return list(
        Verdict.objects.filter(claim_id__in=linked_ids, status=VerdictStatus.APPROVED)
        .select_related("claim__letter", "rating")
        .order_by("-decided_at", "-id")
    )


# ---- Incidents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentFilter:
    date_from: date | None = None
    date_to: date | None = None
    place: str = ""
    sender: str = ""
    rating: str = ""  # a rating id or label: incidents with a claim given that verdict


def incident_claims_prefetch() -> Prefetch:
    approved = Verdict.objects.filter(status=VerdictStatus.APPROVED).order_by("-decided_at", "-id")
    claims = (
        _live_claims()
        .select_related("letter")
        .defer("letter__raw_text", "letter__text", "search_text")
        .prefetch_related(Prefetch("verdicts", queryset=approved, to_attr="approved_verdicts"))
        .order_by("letter__letter_date", "id")
    )
    return Prefetch("claims", queryset=claims, to_attr="live_claims")


def incident_list(filters: IncidentFilter) -> QuerySet[Incident]:
    """Live incidents, newest event first, with their claims, letters and approved verdicts
    prefetched (a constant number of queries whatever the page size)."""
    incidents = Incident.objects.live()
    if filters.date_from:
        incidents = incidents.filter(event_date__gte=filters.date_from)
    if filters.date_to:
        incidents = incidents.filter(event_date__lte=filters.date_to)
    if filters.place:
        incidents = incidents.filter(
            Q(places__icontains=filters.place) | Q(title__icontains=filters.place)
        )
    member_filters = _member_filters(filters)
    if member_filters:
        members = _live_claims().filter(*member_filters).values("incidents")
        incidents = incidents.filter(pk__in=members)
    return incidents.prefetch_related(incident_claims_prefetch()).order_by("-event_date", "-id")


def _member_filters(filters: IncidentFilter) -> list[Q]:
    found = []
    if filters.sender:
        found.append(Q(letter__sender__icontains=filters.sender))
    if filters.rating:
        rating = Q(verdicts__rating_label__iexact=filters.rating)
        if filters.rating.isdigit():
            rating |= Q(verdicts__rating_id=int(filters.rating))
        found.append(Q(verdicts__status=VerdictStatus.APPROVED) & rating)
    return found


# Words with which a letter denies or contradicts what another State alleged.
_DENIAL = re.compile(
    r"\b(den(y|ies|ied)|reject(s|ed)?|refute[sd]?|fabricat\w*|baseless|unfounded|false(ly)?|"
    r"groundless|disinformation|misinformation|lies?|never (took|happened)|staged|"
    r"categorically|no (military|such)|did not)\b",
    re.IGNORECASE,
)


def claim_stance(quote: str) -> str:
    """ "denies" when the claim's wording denies or contradicts, else "alleges"."""
    return "denies" if _DENIAL.search(quote or "") else "alleges"


@dataclass(frozen=True)
class SenderGroup:
    sender: str
    claims: list[Claim]

    @property
    def stance(self) -> str:
        stances = {claim_stance(claim.quote) for claim in self.claims}
        return "denies" if stances == {"denies"} else ("mixed" if len(stances) > 1 else "alleges")


def incident_by_sender(incident: Incident) -> list[SenderGroup]:
    """Claims of the incident grouped by sender, in the order the senders first wrote."""
    groups: OrderedDict[str, list[Claim]] = OrderedDict()
    for claim in incident.live_claims:
        claim.stance = claim_stance(claim.quote)
        groups.setdefault(claim.letter.sender or "Unknown sender", []).append(claim)
    return [SenderGroup(sender, claims) for sender, claims in groups.items()]


def incident_senders(incident: Incident) -> list[str]:
    return list(dict.fromkeys(c.letter.sender or "Unknown sender" for c in incident.live_claims))


def incident_verdicts(incident: Incident) -> list[Verdict]:
    return [claim.approved_verdicts[0] for claim in incident.live_claims if claim.approved_verdicts]
