"""The review workflow applied: one service per action, each a guarded, audited transition.

Every action runs the same way, in one transaction: load the claim, ask the pure table in
verification/workflow.py whether this user may do this now, apply the change with a
conditional UPDATE on (state, version) so that of two people acting at once exactly one wins,
then write the action's own rows (verdicts, comments, notifications) and one audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import events, permissions
from claims.errors import BadInput, Conflict, ErrorCode, Forbidden
from claims.models import Claim
from verification import workflow
from verification.models import (
    DismissReason,
    Evidence,
    Rating,
    Verdict,
    VerdictStatus,
)
from verification.services import comments, transitions

if TYPE_CHECKING:
    from claims.permissions import Actor

User = get_user_model()


@dataclass(frozen=True)
class VerdictInput:
    """What a fact-checker proposes: a rating from the scale, a rationale, and the basis."""

    rating_id: int | None = None
    rationale: str = ""
    evidence_ids: tuple[int, ...] = ()
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None


def claim_triage(*, claim_id: int, actor: Actor, expected_version: int | None = None) -> Claim:
    """Accept a new claim for research: it joins the Unassigned queue."""
    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.TRIAGE,
        actor=actor,
        expected_version=expected_version,
    )


def claim_dismiss(
    *,
    claim_id: int,
    actor: Actor,
    reason: str = "",
    duplicate_of: int | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Set a claim aside with one of the DismissReason values (duplicates name the original)."""
    reason = (reason or "").strip()
    if reason and reason not in DismissReason.values:
        raise BadInput(
            "Choose a dismissal reason: " + ", ".join(str(label) for label in DismissReason.labels)
        )

    def prepare(claim: Claim) -> transitions.Change:
        original = None
        if reason == DismissReason.DUPLICATE:
            original = _duplicate_target(claim, duplicate_of)
        return transitions.Change({"dismiss_reason": reason, "duplicate_of": original})

    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.DISMISS,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
        prepare=prepare,
    )


def _duplicate_target(claim: Claim, duplicate_of: int | None) -> Claim:
    if not duplicate_of:
        raise BadInput("Say which claim this one duplicates.")
    if duplicate_of == claim.pk:
        raise BadInput("A claim cannot be a duplicate of itself.")
    original = Claim.objects.live().filter(pk=duplicate_of).first()
    if original is None:
        raise BadInput(f"There is no claim {duplicate_of} to be a duplicate of.")
    return original


def claim_restore(*, claim_id: int, actor: Actor, expected_version: int | None = None) -> Claim:
    """Bring a dismissed claim back to New."""
    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.RESTORE,
        actor=actor,
        expected_version=expected_version,
        prepare=lambda claim: transitions.Change({"dismiss_reason": "", "duplicate_of": None}),
    )


def claim_take(*, claim_id: int, actor: Actor, expected_version: int | None = None) -> Claim:
    """Self-assign a queued claim and start researching it."""
    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.TAKE,
        actor=actor,
        expected_version=expected_version,
        prepare=lambda claim: transitions.Change({"assignee": actor}),
    )


def claim_assign(
    *,
    claim_id: int,
    actor: Actor,
    assignee: int | None,
    due_date: date | None = None,
    expected_version: int | None = None,
) -> Claim:
    """An editor gives (or gives again) a claim to a fact-checker, with an optional due date."""
    chosen = {}

    def prepare(claim: Claim) -> transitions.Change:
        assert assignee is not None  # the workflow table refuses ASSIGN without one
        chosen["person"] = _researcher(assignee)
        return transitions.Change({"assignee": chosen["person"], "due_date": due_date})

    def notify(claim: Claim) -> None:
        person = chosen["person"]
        if person.pk != actor.pk:
            transitions.notify(
                person, claim, actor, "assigned", f"{actor} assigned claim {claim.pk} to you."
            )

    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.ASSIGN,
        actor=actor,
        expected_version=expected_version,
        new_assignee_id=assignee,
        prepare=prepare,
        after=notify,
    )


def _researcher(user_id: int):
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None or not permissions.can_research(person):
        raise BadInput("Claims can be assigned only to a fact-checker or an editor.")
    return person


def claim_release(*, claim_id: int, actor: Actor, expected_version: int | None = None) -> Claim:
    """Give a claim back to the Unassigned queue."""
    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.RELEASE,
        actor=actor,
        expected_version=expected_version,
        prepare=lambda claim: transitions.Change({"assignee": None, "due_date": None}),
    )


def claim_propose(
    *,
    claim_id: int,
    actor: Actor,
    verdict: VerdictInput,
    expected_version: int | None = None,
) -> Claim:
    """Propose a verdict for an editor to approve; the claim waits in Awaiting approval."""

    def prepare(claim: Claim) -> transitions.Change:
        _validate_verdict(claim, verdict)
        return transitions.Change({"proposed_by": actor})

    def create(claim: Claim) -> None:
        rating = Rating.objects.get(pk=verdict.rating_id)
        created = Verdict.objects.create(
            claim=claim,
            rating=rating,
            rating_label=rating.label,
            rating_value=rating.value,
            rating_colour=rating.colour,
            rationale=verdict.rationale.strip(),
            assessed_killed_min=verdict.killed_min,
            assessed_killed_max=verdict.killed_max,
            assessed_injured_min=verdict.injured_min,
            assessed_injured_max=verdict.injured_max,
            proposed_by=actor,
        )
        created.evidence.set(verdict.evidence_ids)
        events.emit("verdict.proposed", {"claim": claim.pk, "verdict": created.pk})

    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.PROPOSE,
        actor=actor,
        expected_version=expected_version,
        prepare=prepare,
        after=create,
    )


def _validate_verdict(claim: Claim, verdict: VerdictInput) -> None:
    if (
        not verdict.rating_id
        or not Rating.objects.filter(pk=verdict.rating_id, is_active=True).exists()
    ):
        raise BadInput("Choose a rating from the scale.")
    if not verdict.rationale.strip():
        raise BadInput("Write the rationale for the verdict.")
    ids = set(verdict.evidence_ids)
    if ids:
        found = Evidence.objects.live().filter(pk__in=ids, claim_id=claim.pk).count()
        if found != len(ids):
            raise BadInput("Every piece of evidence cited must belong to this claim.")
    for label, low, high in (
        ("killed", verdict.killed_min, verdict.killed_max),
        ("injured", verdict.injured_min, verdict.injured_max),
    ):
        if any(value is not None and value < 0 for value in (low, high)):
            raise BadInput(f"The assessed number {label} cannot be negative.")
        if low is not None and high is not None and low > high:
            raise BadInput(f"The assessed {label} minimum is above the maximum.")


def _open_verdict(claim: Claim, status: str = str(VerdictStatus.PROPOSED)) -> Verdict:
    # str(): without django-stubs mypy reads TextChoices members as (value, label) tuples.
    verdict = Verdict.objects.filter(claim=claim, status=status).order_by("-id").first()
    if verdict is None:
        raise Conflict(f"This claim has no {status} verdict.", code=ErrorCode.INVALID_TRANSITION)
    return verdict


def claim_approve(*, claim_id: int, actor: Actor, expected_version: int | None = None) -> Claim:
    """An editor who did not propose it approves the proposed verdict (four eyes)."""

    def decide(claim: Claim) -> None:
        verdict_id = _open_verdict(claim).pk
        updated = Verdict.objects.filter(pk=verdict_id, status=VerdictStatus.PROPOSED).exclude(
            proposed_by=actor
        )
        try:
            with transaction.atomic():
                count = updated.update(
                    status=VerdictStatus.APPROVED, decided_by=actor, decided_at=timezone.now()
                )
        except IntegrityError as exc:  # the four-eyes check constraint, as a last line
            raise Forbidden("Four eyes: you proposed this verdict.") from exc
        if count != 1:
            raise Forbidden("Four eyes: you proposed this verdict.")
        events.emit("verdict.approved", {"claim": claim.pk, "verdict": verdict_id})
        if claim.assignee_id and claim.assignee_id != actor.pk:
            transitions.notify(
                claim.assignee, claim, actor, "approved", f"{actor} approved claim {claim.pk}."
            )

    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.APPROVE,
        actor=actor,
        expected_version=expected_version,
        after=decide,
    )


def claim_return(
    *, claim_id: int, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Claim:
    """Send a proposed verdict back to research with a comment (which joins the thread)."""

    def send_back(claim: Claim) -> None:
        verdict = _open_verdict(claim)
        verdict.status = VerdictStatus.RETURNED
        verdict.decided_by = actor
        verdict.decided_at = timezone.now()
        verdict.decision_comment = reason.strip()
        verdict.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
        comments.comment_add(
            claim=claim, body=f"**Returned to research:** {reason.strip()}", actor=actor
        )
        person = claim.assignee or verdict.proposed_by
        if person and person.pk != actor.pk:
            transitions.notify(
                person, claim, actor, "returned", f"{actor} returned claim {claim.pk} to you."
            )

    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.RETURN,
        actor=actor,
        expected_version=expected_version,
        reason=reason or "",
        after=send_back,
    )


def claim_reopen(
    *, claim_id: int, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Claim:
    """Reopen an approved claim; its verdict is superseded but stays in the history."""

    def supersede(claim: Claim) -> None:
        verdict = _open_verdict(claim, str(VerdictStatus.APPROVED))
        verdict.status = VerdictStatus.SUPERSEDED
        verdict.save(update_fields=["status"])

    return transitions.transition(
        claim_id=claim_id,
        action=workflow.Action.REOPEN,
        actor=actor,
        expected_version=expected_version,
        reason=reason or "",
        prepare=lambda claim: transitions.Change({"proposed_by": None}),
        after=supersede,
    )
