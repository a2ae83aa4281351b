"""The review workflow applied: one service per action, each a guarded, audited transition.

Every action runs the same way, in one transaction: load the claim, ask the pure table in
verification/workflow.py whether this user may do this now, apply the change with a
conditional UPDATE on (state, version) so that of two people acting at once exactly one wins,
then write the action's own rows (verdicts, comments, notifications) and one audit event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims import permissions
from claims.audit import audit_record
from claims.errors import BadInput, Conflict, Forbidden, NotFound
from claims.models import Claim, ClaimState
from verification import workflow
from verification.models import (
    DismissReason,
    Evidence,
    Notification,
    Rating,
    Verdict,
    VerdictStatus,
)
from verification.services import comments

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


@dataclass
class _Change:
    """The fields an action sets on the claim besides state and version."""

    fields: dict[str, Any] = field(default_factory=dict)


def _claim_for_update(claim_id: int) -> Claim:
    claim = Claim.objects.filter(pk=claim_id, is_deleted=False, letter__is_deleted=False).first()
    if claim is None:
        raise NotFound("No such claim.")
    return claim


def _check(claim: Claim, action: workflow.Action, actor, reason: str, new_assignee_id) -> str:
    attempt = workflow.Attempt(
        action=action,
        state=workflow.State(claim.state),
        roles=permissions.user_roles(actor),
        actor_id=actor.pk,
        assignee_id=claim.assignee_id,
        proposer_id=claim.proposed_by_id,
        reason=reason,
        new_assignee_id=new_assignee_id,
    )
    try:
        return workflow.check(attempt).value
    except workflow.InvalidTransition as exc:
        raise Conflict(exc.message, code="invalid_transition") from exc
    except workflow.ActionForbidden as exc:
        raise Forbidden(exc.message) from exc
    except workflow.MissingInput as exc:
        raise BadInput(exc.message) from exc


def _state_label(state: str) -> str:
    return str(ClaimState(state).label).lower()


def _apply(claim: Claim, target: str, seen_version: int, change: _Change) -> None:
    """The conditional UPDATE: zero rows means someone else moved the claim first."""
    updated = Claim.objects.filter(pk=claim.pk, state=claim.state, version=seen_version).update(
        state=target, version=F("version") + 1, updated_at=timezone.now(), **change.fields
    )
    if updated == 0:
        now = Claim.objects.filter(pk=claim.pk).values_list("state", flat=True).first()
        raise Conflict(
            "Someone else changed this claim just now: it is now "
            f"{_state_label(now or claim.state)}. Reload to see the change.",
            code="stale",
        )


def _snapshot(claim: Claim, state: str | None = None, fields: dict | None = None) -> dict:
    values = {
        "state": state or claim.state,
        "assignee": claim.assignee_id,
        "due_date": claim.due_date,
    }
    for name, value in (fields or {}).items():
        key = name.removesuffix("_id")
        if key in ("assignee", "due_date", "dismiss_reason", "duplicate_of"):
            values[key] = getattr(value, "pk", value)
    return values


def _transition(
    *,
    claim_id: int,
    action: workflow.Action,
    actor,
    expected_version: int | None,
    reason: str = "",
    new_assignee_id: int | None = None,
    prepare: Callable[[Claim], _Change] | None = None,
    after: Callable[[Claim], None] | None = None,
) -> Claim:
    with transaction.atomic():
        claim = _claim_for_update(claim_id)
        if expected_version is not None and expected_version != claim.version:
            raise Conflict(
                "Someone else changed this claim just now: it is now "
                f"{_state_label(claim.state)}. Reload to see the change.",
                code="stale",
            )
        target = _check(claim, action, actor, reason, new_assignee_id)
        change = prepare(claim) if prepare else _Change()
        before = _snapshot(claim)
        before["version"] = claim.version
        _apply(claim, target, claim.version, change)
        after_values = {**before, **_snapshot(claim, target, change.fields)}
        after_values["version"] = claim.version + 1
        claim.refresh_from_db()
        if after:
            after(claim)
        audit_record(
            actor=actor,
            action=f"claim.{action.value}",
            target=claim,
            before=before,
            after=after_values,
            note=reason.strip(),
        )
    return claim


# ---- one service per action -------------------------------------------------------------------


def claim_triage(*, claim_id: int, actor, expected_version: int | None = None) -> Claim:
    """Accept a new claim for research: it joins the Unassigned queue."""
    return _transition(
        claim_id=claim_id,
        action=workflow.Action.TRIAGE,
        actor=actor,
        expected_version=expected_version,
    )


def claim_dismiss(
    *,
    claim_id: int,
    actor,
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

    def prepare(claim: Claim) -> _Change:
        original = None
        if reason == DismissReason.DUPLICATE:
            original = _duplicate_target(claim, duplicate_of)
        return _Change({"dismiss_reason": reason, "duplicate_of": original})

    return _transition(
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
    original = Claim.objects.filter(pk=duplicate_of, is_deleted=False).first()
    if original is None:
        raise BadInput(f"There is no claim {duplicate_of} to be a duplicate of.")
    return original


def claim_restore(*, claim_id: int, actor, expected_version: int | None = None) -> Claim:
    """Bring a dismissed claim back to New."""
    return _transition(
        claim_id=claim_id,
        action=workflow.Action.RESTORE,
        actor=actor,
        expected_version=expected_version,
        prepare=lambda claim: _Change({"dismiss_reason": "", "duplicate_of": None}),
    )


def claim_take(*, claim_id: int, actor, expected_version: int | None = None) -> Claim:
    """Self-assign a queued claim and start researching it."""
    return _transition(
        claim_id=claim_id,
        action=workflow.Action.TAKE,
        actor=actor,
        expected_version=expected_version,
        prepare=lambda claim: _Change({"assignee": actor}),
    )


def claim_assign(
    *,
    claim_id: int,
    actor,
    assignee: int | None,
    due_date: date | None = None,
    expected_version: int | None = None,
) -> Claim:
    """An editor gives (or gives again) a claim to a fact-checker, with an optional due date."""
    chosen = {}

    def prepare(claim: Claim) -> _Change:
        chosen["person"] = _researcher(assignee)
        return _Change({"assignee": chosen["person"], "due_date": due_date})

    def notify(claim: Claim) -> None:
        person = chosen["person"]
        if person.pk != actor.pk:
            _notify(person, claim, actor, "assigned", f"{actor} assigned claim {claim.pk} to you.")

    return _transition(
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


def claim_release(*, claim_id: int, actor, expected_version: int | None = None) -> Claim:
    """Give a claim back to the Unassigned queue."""
    return _transition(
        claim_id=claim_id,
        action=workflow.Action.RELEASE,
        actor=actor,
        expected_version=expected_version,
        prepare=lambda claim: _Change({"assignee": None, "due_date": None}),
    )


def claim_propose(
    *,
    claim_id: int,
    actor,
    verdict: VerdictInput,
    expected_version: int | None = None,
) -> Claim:
    """Propose a verdict for an editor to approve; the claim waits in Awaiting approval."""

    def prepare(claim: Claim) -> _Change:
        _validate_verdict(claim, verdict)
        return _Change({"proposed_by": actor})

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

    return _transition(
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
        found = Evidence.objects.filter(pk__in=ids, claim_id=claim.pk, is_deleted=False).count()
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


def _open_verdict(claim: Claim, status: str = VerdictStatus.PROPOSED) -> Verdict:
    verdict = Verdict.objects.filter(claim=claim, status=status).order_by("-id").first()
    if verdict is None:
        raise Conflict(f"This claim has no {status} verdict.", code="invalid_transition")
    return verdict


def claim_approve(*, claim_id: int, actor, expected_version: int | None = None) -> Claim:
    """An editor who did not propose it approves the proposed verdict (four eyes)."""

    def decide(claim: Claim) -> None:
        updated = Verdict.objects.filter(
            pk=_open_verdict(claim).pk, status=VerdictStatus.PROPOSED
        ).exclude(proposed_by=actor)
        try:
            with transaction.atomic():
                count = updated.update(
                    status=VerdictStatus.APPROVED, decided_by=actor, decided_at=timezone.now()
                )
        except IntegrityError as exc:  # the four-eyes check constraint, as a last line
            raise Forbidden("Four eyes: you proposed this verdict.") from exc
        if count != 1:
            raise Forbidden("Four eyes: you proposed this verdict.")
        if claim.assignee_id and claim.assignee_id != actor.pk:
            _notify(claim.assignee, claim, actor, "approved", f"{actor} approved claim {claim.pk}.")

    return _transition(
        claim_id=claim_id,
        action=workflow.Action.APPROVE,
        actor=actor,
        expected_version=expected_version,
        after=decide,
    )


def claim_return(
    *, claim_id: int, actor, reason: str = "", expected_version: int | None = None
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
            _notify(person, claim, actor, "returned", f"{actor} returned claim {claim.pk} to you.")

    return _transition(
        claim_id=claim_id,
        action=workflow.Action.RETURN,
        actor=actor,
        expected_version=expected_version,
        reason=reason or "",
        after=send_back,
    )


def claim_reopen(
    *, claim_id: int, actor, reason: str = "", expected_version: int | None = None
) -> Claim:
    """Reopen an approved claim; its verdict is superseded but stays in the history."""

    def supersede(claim: Claim) -> None:
        verdict = _open_verdict(claim, VerdictStatus.APPROVED)
        verdict.status = VerdictStatus.SUPERSEDED
        verdict.save(update_fields=["status"])

    return _transition(
        claim_id=claim_id,
        action=workflow.Action.REOPEN,
        actor=actor,
        expected_version=expected_version,
        reason=reason or "",
        prepare=lambda claim: _Change({"proposed_by": None}),
        after=supersede,
    )


def _notify(user, claim: Claim, actor, kind: str, message: str) -> None:
    Notification.objects.create(
        user=user, claim=claim, actor=actor, kind=kind, message=message[:300]
    )


# ---- dispatch by name (API and views) ---------------------------------------------------------


def claim_act(*, claim_id: int, action: str, actor, data: dict) -> Claim:
    """Run the named action with the inputs it takes from `data` (already parsed)."""
    try:
        chosen = workflow.Action(action)
    except ValueError as exc:
        raise NotFound(f"There is no action called {action!r}.") from exc
    common = {
        "claim_id": claim_id,
        "actor": actor,
        "expected_version": data.get("expected_version"),
    }
    reason = data.get("reason") or ""
    match chosen:
        case workflow.Action.DISMISS:
            return claim_dismiss(**common, reason=reason, duplicate_of=data.get("duplicate_of"))
        case workflow.Action.ASSIGN:
            return claim_assign(
                **common, assignee=data.get("assignee"), due_date=data.get("due_date")
            )
        case workflow.Action.PROPOSE:
            return claim_propose(**common, verdict=_verdict_input(data))
        case workflow.Action.RETURN | workflow.Action.REOPEN:
            return SIMPLE_WITH_REASON[chosen](**common, reason=reason)
        case _:
            return SIMPLE[chosen](**common)


def _verdict_input(data: dict) -> VerdictInput:
    return VerdictInput(
        rating_id=data.get("rating"),
        rationale=data.get("rationale") or "",
        evidence_ids=tuple(data.get("evidence") or ()),
        killed_min=data.get("assessed_killed_min"),
        killed_max=data.get("assessed_killed_max"),
        injured_min=data.get("assessed_injured_min"),
        injured_max=data.get("assessed_injured_max"),
    )


ACTIONS = [action.value for action in workflow.Action]

SIMPLE = {
    workflow.Action.TRIAGE: claim_triage,
    workflow.Action.RESTORE: claim_restore,
    workflow.Action.TAKE: claim_take,
    workflow.Action.RELEASE: claim_release,
    workflow.Action.APPROVE: claim_approve,
}
SIMPLE_WITH_REASON = {workflow.Action.RETURN: claim_return, workflow.Action.REOPEN: claim_reopen}


# ---- bulk triage --------------------------------------------------------------------------------


@dataclass
class BulkOutcome:
    done: int = 0
    skipped: int = 0
    skipped_ids: list[int] = field(default_factory=list)


BULK_ACTIONS = {"triage", "dismiss"}
BULK_LIMIT = 5000


def claims_bulk_action(
    *, actor, action: str, claim_ids: list[int] | None = None, filters=None, reason: str = ""
) -> BulkOutcome:
    """Triage or dismiss a selection, or every claim a filter matches (not just one page).

    Editors only. Claims not in a state the action applies to are skipped and counted; each
    claim that moves gets its own audit event.
    """
    from verification.selectors import review as review_selectors

    if not permissions.can_edit(actor):
        raise Forbidden("Only editors may act on many claims at once.")
    if action not in BULK_ACTIONS:
        raise BadInput("Bulk actions are triage and dismiss.")
    if action == "dismiss" and reason not in DismissReason.values:
        raise BadInput("Choose a dismissal reason.")
    if action == "dismiss" and reason == DismissReason.DUPLICATE:
        raise BadInput("Duplicates are dismissed one at a time, naming the original.")
    if claim_ids is None and filters is None:
        raise BadInput("Select some claims or give a filter.")
    ids = _bulk_ids(claim_ids, filters, actor, review_selectors)
    outcome = BulkOutcome()
    with transaction.atomic():
        for claim_id in ids:
            try:
                if action == "triage":
                    claim_triage(claim_id=claim_id, actor=actor)
                else:
                    claim_dismiss(claim_id=claim_id, actor=actor, reason=reason)
            except (Conflict, NotFound):
                outcome.skipped += 1
                outcome.skipped_ids.append(claim_id)
                continue
            outcome.done += 1
    return outcome


def _bulk_ids(claim_ids, filters, actor, review_selectors) -> list[int]:
    if claim_ids is not None:
        ids = list(dict.fromkeys(int(pk) for pk in claim_ids))
    else:
        ids = list(review_selectors.claim_list(filters, actor).values_list("pk", flat=True))
    if not ids:
        raise BadInput("No claims matched.")
    if len(ids) > BULK_LIMIT:
        raise BadInput(f"At most {BULK_LIMIT} claims at once; narrow the filter.")
    return ids
