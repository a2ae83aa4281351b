"""When a new letter repeats a claim that already has an approved verdict.

`repeats_notify` runs after matching (and after a person confirms a match): for each claim
linked as the same claim to a claim with an approved verdict, the verdict's owner (who
proposed it) and its approver are told once. `claim_adopt_evidence` lets a fact-checker copy
that verdict's evidence onto the new claim in one audited action.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q

from claims import permissions
from claims.audit import audit_record
from claims.errors import Conflict, Forbidden, NotFound
from claims.models import Claim
from verification.models import ClaimMatch, Evidence, MatchStatus, Notification, Verdict

REPEAT_KIND = "repeat"
SAME_CLAIM = (MatchStatus.LINKED, MatchStatus.CONFIRMED)


def _linked_ids(claim_id: int) -> list[int]:
    matches = ClaimMatch.objects.filter(
        Q(claim_a_id=claim_id) | Q(claim_b_id=claim_id), status__in=SAME_CLAIM
    ).values_list("claim_a_id", "claim_b_id")
    return [b if a == claim_id else a for a, b in matches]


def _approved(claim_ids) -> list[Verdict]:
    return list(
        Verdict.objects.filter(
            claim_id__in=list(claim_ids), status="approved", claim__is_deleted=False
        ).select_related("claim__letter", "proposed_by", "decided_by")
    )


def repeats_notify(*, claim_ids: list[int]) -> int:
    """Notify owners and approvers of verdicts that a claim in `claim_ids` repeats. Idempotent:
    one notification per person and repeating claim. Returns how many were created."""
    created = 0
    claims = Claim.objects.filter(pk__in=claim_ids, is_deleted=False).select_related("letter")
    for claim in claims:
        if Verdict.objects.filter(claim=claim, status="approved").exists():
            continue  # it has its own verdict: nothing to tell
        for verdict in _approved(_linked_ids(claim.pk)):
            created += _notify_once(claim, verdict)
    return created


def _notify_once(claim: Claim, verdict: Verdict) -> int:
    people = {user.pk: user for user in (verdict.proposed_by, verdict.decided_by) if user}
    message = (
        f"{claim.letter} repeats a claim you verified ({verdict.rating_label}, claim "
        f"{verdict.claim_id} in {verdict.claim.letter}): its verdict and evidence can be reused."
    )
    created = 0
    with transaction.atomic():
        for user in people.values():
            if Notification.objects.filter(user=user, claim=claim, kind=REPEAT_KIND).exists():
                continue
            Notification.objects.create(
                user=user, claim=claim, actor=None, kind=REPEAT_KIND, message=message[:300]
            )
            created += 1
    return created


def claim_adopt_evidence(*, claim_id: int, verdict_id: int, actor) -> list[Evidence]:
    """Attach to `claim` the evidence an approved verdict on a linked claim rests on (sources
    already on the claim are skipped). One audit event lists what was adopted."""
    if not permissions.can_research(actor):
        raise Forbidden("Only fact-checkers and editors may add evidence.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().filter(pk=claim_id, is_deleted=False).first()
        verdict = Verdict.objects.filter(pk=verdict_id, status="approved").first()
        if claim is None or verdict is None:
            raise NotFound("No such claim or approved verdict.")
        if verdict.claim_id not in _linked_ids(claim.pk):
            raise Conflict("That verdict is on a claim not linked to this one as the same claim.")
        items = list(verdict.evidence.filter(is_deleted=False).select_related("source")) or list(
            Evidence.objects.filter(claim_id=verdict.claim_id, is_deleted=False)
        )
        present = set(
            Evidence.objects.filter(claim=claim, is_deleted=False).values_list(
                "source_id", flat=True
            )
        )
        adopted = []
        for item in items:
            if item.source_id in present:
                continue
            try:
                with transaction.atomic():
                    adopted.append(_copy(item, claim, verdict, actor))
            except IntegrityError:
                continue  # attached concurrently
        if not adopted:
            raise Conflict("This claim already has all of that verdict's evidence.")
        audit_record(
            actor=actor,
            action="evidence.adopted",
            target=claim,
            after={"from_verdict": verdict.pk, "from_claim": verdict.claim_id,
                   "evidence": [item.pk for item in adopted]},
        )  # fmt: skip
    return adopted


def _copy(item: Evidence, claim: Claim, verdict: Verdict, actor) -> Evidence:
    note = f"Adopted from claim {verdict.claim_id} (approved verdict {verdict.rating_label})."
    return Evidence.objects.create(
        claim=claim, source_id=item.source_id, stance=item.stance, credibility=item.credibility,
        excerpt=item.excerpt, location=item.location, note=(item.note + "\n" + note).strip(),
        passage_start=item.passage_start, passage_end=item.passage_end, added_by=actor,
    )  # fmt: skip
