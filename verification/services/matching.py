"""Matches between claims and the incidents they speak to: recorded by machine, decided by people.

`claims_match` (run by the matching task after claims are embedded) stores each similar claim
as a ClaimMatch: suggested above the suggest threshold, linked above the link threshold, and
always linked between the claims of identical letters. A person's decision (confirmed,
rejected) is never overwritten by the machine. Specific claims about one event are then grouped
into incidents; the grouper only adds claims that are in no incident yet, so splits and merges
made by people stand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import matching, matching_services, permissions
from claims.audit import audit_record
from claims.errors import BadInput, Conflict, ErrorCode, NotFound
from claims.matching.countries import is_country
from claims.matching.features import normalise_name
from claims.models import Claim, ClaimKind, ClaimType, Letter
from verification.models import ClaimMatch, Incident, MatchStatus
from verification.services import repeats

if TYPE_CHECKING:
    from claims.permissions import Actor

MACHINE_STATUSES = (MatchStatus.SUGGESTED, MatchStatus.LINKED)
SAME_CLAIM_STATUSES = (MatchStatus.LINKED, MatchStatus.CONFIRMED)
IDENTICAL_REASON = "identical letters"
SIMILAR_PER_CLAIM = 10

REFUSED = "Your role does not allow deciding matches or editing incidents."


@dataclass
class MatchOutcome:
    suggested: int = 0
    linked: int = 0
    incidents_created: list[int] = field(default_factory=list)
    incidents_grown: list[int] = field(default_factory=list)


# ---- Recording matches -----------------------------------------------------------------------


def claims_match(*, claim_ids: list[int]) -> MatchOutcome:
    """Record the similar claims of each claim, link identical letters, group incidents."""
    outcome = MatchOutcome()
    limits = matching_services.thresholds()
    for claim_id in claim_ids:
        similar = matching_services.claim_similar(claim_id=claim_id, k=SIMILAR_PER_CLAIM)
        with transaction.atomic():
            for item in similar:
                status = MatchStatus.LINKED if item.score >= limits.link else MatchStatus.SUGGESTED
                _match_record(
                    claim_id, item.claim_id, item.score, item.reasons, str(status), outcome
                )
    with transaction.atomic():
        for claim_id, twin_id in _identical_letter_twins(claim_ids):
            reasons = (IDENTICAL_REASON, "same wording")
            _match_record(claim_id, twin_id, 1.0, reasons, str(MatchStatus.LINKED), outcome)
    incidents_group(claim_ids=claim_ids, outcome=outcome)
    repeats.repeats_notify(claim_ids=claim_ids)
    return outcome


def _match_record(
    id_1: int, id_2: int, score: float, reasons, status: str, outcome: MatchOutcome
) -> None:
    a, b = sorted((id_1, id_2))
    match = ClaimMatch.objects.select_for_update().filter(claim_a_id=a, claim_b_id=b).first()
    if match is None:
        match = ClaimMatch.objects.create(
            claim_a_id=a, claim_b_id=b, score=score, reasons=list(reasons), status=status
        )
        _count(outcome, status)
        if status == MatchStatus.LINKED:
            _audit_match(match, None, "match.linked", {}, note="linked automatically")
        return
    if IDENTICAL_REASON in match.reasons and IDENTICAL_REASON not in reasons:
        return  # identical letters stay linked whatever the wording score says
    before = {"status": match.status, "score": match.score}
    match.score, match.reasons = score, list(reasons)
    if match.status in MACHINE_STATUSES and match.status != status:
        match.status = status
        _count(outcome, status)
        _audit_match(match, None, f"match.{status}", before, note="re-scored")
    match.save(update_fields=["score", "reasons", "status"])


def _count(outcome: MatchOutcome, status: str) -> None:
    if status == MatchStatus.LINKED:
        outcome.linked += 1
    else:
        outcome.suggested += 1


def _identical_letter_twins(claim_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(claim, twin) pairs: the same passage in a letter sent twice (identical letters, the same
    text under another symbol)."""
    claims = list(
        matching_services.live_claims()
        .filter(pk__in=list(claim_ids))
        .select_related("letter")
        .only("id", "quote", "letter__id", "letter__identical_to", "letter__duplicate_of")
    )
    pairs = []
    for claim in claims:
        family = _letter_family(claim.letter)
        if not family:
            continue
        twins = (
            matching_services.live_claims()
            .filter(letter_id__in=family, quote=claim.quote)
            .values_list("pk", flat=True)
        )
        pairs += [(claim.pk, twin) for twin in twins]
    return pairs


def _letter_family(letter: Letter) -> set[int]:
    """Ids of the other letters with the same text as `letter`."""
    roots = {letter.pk, letter.identical_to_id, letter.duplicate_of_id} - {None}
    related = Letter.objects.live().filter(
        Q(pk__in=roots) | Q(identical_to_id__in=roots) | Q(duplicate_of_id__in=roots)
    )
    return set(related.values_list("pk", flat=True)) - {letter.pk}


# ---- Decisions -------------------------------------------------------------------------------


def match_confirm(*, match_id: int, actor: Actor, note: str = "") -> ClaimMatch:
    """A fact-checker agrees the two claims say the same thing: they share evidence from now on."""
    return _match_decide(
        match_id=match_id, status=str(MatchStatus.CONFIRMED), actor=actor, note=note
    )


def match_reject(*, match_id: int, actor: Actor, note: str = "") -> ClaimMatch:
    """A fact-checker says the two claims are not the same claim; the machine will not relink."""
    return _match_decide(
        match_id=match_id, status=str(MatchStatus.REJECTED), actor=actor, note=note
    )


def _match_decide(*, match_id: int, status: str, actor: Actor, note: str) -> ClaimMatch:
    permissions.require_researcher(actor, REFUSED)
    with transaction.atomic():
        match = _match_for_update(match_id)
        if match.status == status:
            raise Conflict(f"This match is already {status}.", code=ErrorCode.ALREADY_DECIDED)
        before = {"status": match.status}
        updated = ClaimMatch.objects.filter(pk=match.pk, status=match.status).update(
            status=status, decided_by=actor, decided_at=timezone.now()
        )
        if not updated:
            raise Conflict("Someone else decided this match just now.", code=ErrorCode.RACE)
        match.refresh_from_db()
        _audit_match(match, actor, f"match.{status}", before, note=note.strip())
        if status == MatchStatus.CONFIRMED:
            repeats.repeats_notify(claim_ids=[match.claim_a_id, match.claim_b_id])
    return match


def _match_for_update(match_id: int) -> ClaimMatch:
    match = (
        ClaimMatch.objects.select_for_update()
        .filter(
            pk=match_id,
            claim_a__is_deleted=False,
            claim_b__is_deleted=False,
            claim_a__letter__is_deleted=False,
            claim_b__letter__is_deleted=False,
        )
        .first()
    )
    if match is None:
        raise NotFound("No such match.")
    return match


def _audit_match(
    match: ClaimMatch, actor: Actor | None, action: str, before: dict, *, note: str = ""
) -> None:
    after = {
        "status": match.status,
        "score": match.score,
        "claims": [match.claim_a_id, match.claim_b_id],
    }
    for claim_id in (match.claim_a_id, match.claim_b_id):
        audit_record(
            actor=actor,
            action=action,
            target=match,
            before=before,
            after=after,
            note=note,
            claim=Claim(pk=claim_id),
        )


# ---- Incidents -------------------------------------------------------------------------------


def incidents_group(*, claim_ids: list[int], outcome: MatchOutcome | None = None) -> MatchOutcome:
    """Group the specific claims among `claim_ids` with the claims about the same event."""
    outcome = outcome or MatchOutcome()
    neighbourhood = _claims_near_in_time(claim_ids)
    if not neighbourhood:
        return outcome
    features = [matching_services.claim_features(claim) for claim in neighbourhood]
    clusters = matching.group_incidents(
        features,
        pair_scores=_same_claim_scores([claim.pk for claim in neighbourhood]),
        link_threshold=matching_services.thresholds().link,
    )
    seeds = set(claim_ids)
    by_id = {claim.pk: claim for claim in neighbourhood}
    for members in clusters:
        if seeds.intersection(members):
            with transaction.atomic():
                _incident_absorb([by_id[pk] for pk in members], outcome)
    return outcome


def _claims_near_in_time(claim_ids: list[int]) -> list[Claim]:
    dates = set(
        matching_services.live_claims()
        .filter(pk__in=claim_ids, kind=ClaimKind.SPECIFIC, event_date__isnull=False)
        .values_list("event_date", flat=True)
    )
    if not dates:
        return []
    window = Q()
    for day in dates:
        window |= Q(event_date__range=(day - timedelta(days=1), day + timedelta(days=1)))
    return list(
        matching_services.claims_with_features()
        .filter(window, kind=ClaimKind.SPECIFIC)
        .order_by("id")
    )


def _same_claim_scores(claim_ids: list[int]) -> dict[tuple[int, int], matching.MatchScore]:
    matches = ClaimMatch.objects.filter(
        claim_a_id__in=claim_ids, claim_b_id__in=claim_ids, status__in=SAME_CLAIM_STATUSES
    ).values_list("claim_a_id", "claim_b_id", "score", "status")
    return {
        (a, b): matching.MatchScore(
            score=1.0 if status == MatchStatus.CONFIRMED else score,
            lexical=0.0,
            semantic=0.0,
            structured=0.0,
            reasons=(),
        )
        for a, b, score, status in matches
    }


def _incident_absorb(claims: list[Claim], outcome: MatchOutcome) -> None:
    """Put the cluster's claims that are in no incident into the incident most of the others
    are in, or into a new one. Claims already in an incident stay where people left them."""
    member_ids = [claim.pk for claim in claims]
    through = Incident.claims.through
    placed = list(
        through.objects.filter(claim_id__in=member_ids, incident__is_deleted=False).values_list(
            "claim_id", "incident_id"
        )
    )
    loose = [claim for claim in claims if claim.pk not in {c for c, _ in placed}]
    if not loose:
        return
    if placed:
        target_id = min(Counter(i for _, i in placed).most_common(), key=lambda x: (-x[1], x[0]))[0]
        incident = Incident.objects.select_for_update().get(pk=target_id)
        incident.claims.add(*loose)
        outcome.incidents_grown.append(incident.pk)
        action, before = "incident.claims_added", dict[str, Any]()
    else:
        incident = Incident.objects.create(**incident_describe(claims))
        incident.claims.add(*loose)
        outcome.incidents_created.append(incident.pk)
        action, before = "incident.created", {}
    audit_record(
        actor=None,
        action=action,
        target=incident,
        before=before,
        after={"claims": [claim.pk for claim in loose]},
        note="grouped automatically",
    )


def incident_describe(claims: list[Claim]) -> dict:
    """Title, date and places of an incident from its claims: "Strike in Kharkiv, 5 March 2024"."""
    dates = sorted(claim.event_date for claim in claims if claim.event_date)
    places = _common_places(claims)
    types = Counter(c.claim_type for c in claims if c.claim_type != ClaimType.OTHER)
    kind = ClaimType(types.most_common(1)[0][0]).label if types else "Incident"
    if kind in (ClaimType.DOCUMENTARY.label, ClaimType.ALLEGATION.label):  # type: ignore[attr-defined]  # TextChoices member: no django-stubs
        kind = "Incident"
    title = kind
    if places:
        title += f" in {places[0]}"
    if dates:
        title += f", {dates[0].day} {dates[0]:%B %Y}"
    return {"title": title[:300], "event_date": dates[0] if dates else None, "places": places}


def _common_places(claims: list[Claim]) -> list[str]:
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for claim in claims:
        for place in claim.places or ():
            key = normalise_name(place)
            counts[key] += 1
            spelling.setdefault(key, place)
    # Towns and regions before countries: "Strike in Kharkiv", not "Strike in Ukraine".
    ranked = sorted(counts, key=lambda key: (is_country(key), -counts[key]))
    return [spelling[key] for key in ranked[:5]]


def incident_split(*, incident_id: int, claim_ids: list[int], actor: Actor) -> Incident:
    """Move `claim_ids` out of the incident into a new one (they speak to another event)."""
    permissions.require_researcher(actor, REFUSED)
    moving = set(claim_ids)
    with transaction.atomic():
        incident = _incident_for_update(incident_id)
        members = set(incident.claims.values_list("pk", flat=True))
        if not moving:
            raise BadInput(
                "Choose the claims to move into a new incident.", code=ErrorCode.SPLIT_EMPTY
            )
        if not moving <= members:
            raise BadInput(
                "Only claims of this incident can be split off.", code=ErrorCode.SPLIT_FOREIGN
            )
        if moving == members:
            raise BadInput("Leave at least one claim in the incident.", code=ErrorCode.SPLIT_ALL)
        claims = list(Claim.objects.filter(pk__in=moving).order_by("id"))
        new = Incident.objects.create(created_by=actor, **incident_describe(claims))
        new.claims.add(*claims)
        incident.claims.remove(*claims)
        audit_record(
            actor=actor,
            action="incident.split",
            target=incident,
            before={"claims": sorted(members)},
            after={"claims": sorted(members - moving), "new_incident": new.pk},
        )
        audit_record(
            actor=actor,
            action="incident.created",
            target=new,
            after={"claims": sorted(moving), "split_from": incident.pk},
        )
    return new


def incident_merge(*, incident_ids: list[int], actor: Actor) -> Incident:
    """Merge incidents into the first one given; the others are kept, marked deleted."""
    permissions.require_researcher(actor, REFUSED)
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise BadInput("Choose at least two incidents to merge.", code=ErrorCode.MERGE_NEEDS_TWO)
    with transaction.atomic():
        incidents = {
            i.pk: i for i in Incident.objects.live().select_for_update().filter(pk__in=ids)
        }
        missing = [pk for pk in ids if pk not in incidents]
        if missing:
            raise NotFound(f"No such incident: {', '.join(map(str, missing))}.")
        target, others = incidents[ids[0]], [incidents[pk] for pk in ids[1:]]
        before = {"claims": sorted(target.claims.values_list("pk", flat=True))}
        for other in others:
            target.claims.add(*other.claims.all())
            other.is_deleted = True
            other.save(update_fields=["is_deleted"])
            audit_record(
                actor=actor, action="incident.merged_into", target=other, after={"into": target.pk}
            )
        audit_record(
            actor=actor,
            action="incident.merged",
            target=target,
            before=before,
            after={
                "claims": sorted(target.claims.values_list("pk", flat=True)),
                "merged": [o.pk for o in others],
            },
        )
    return target


def _incident_for_update(incident_id: int) -> Incident:
    incident = Incident.objects.live().select_for_update().filter(pk=incident_id).first()
    if incident is None:
        raise NotFound("No such incident.")
    return incident
