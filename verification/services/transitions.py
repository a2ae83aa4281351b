"""How every review action runs, in one transaction: load the claim, ask the pure table in
verification/workflow.py whether this user may do this now, apply the change with a
conditional UPDATE on (state, version) so that of two people acting at once exactly one wins,
then write one audit event. The actions themselves are in services/review.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims import permissions
from claims.access import access_claim
from claims.audit import audit_record
from claims.errors import BadInput, Conflict, ErrorCode, Forbidden
from claims.models import Claim, ClaimState
from verification import workflow
from verification.models import (
    Notification,
)

if TYPE_CHECKING:
    from claims.permissions import Actor


@dataclass
class Change:
    """The fields an action sets on the claim besides state and version."""

    fields: dict[str, Any] = field(default_factory=dict)


def _check(
    claim: Claim, action: workflow.Action, actor: Actor, reason: str, new_assignee_id
) -> str:
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
        raise Conflict(exc.message, code=ErrorCode.INVALID_TRANSITION) from exc
    except workflow.ActionForbidden as exc:
        raise Forbidden(exc.message) from exc
    except workflow.MissingInput as exc:
        raise BadInput(exc.message) from exc


def _state_label(state: str) -> str:
    return str(ClaimState(state).label).lower()


def _apply(claim: Claim, target: str, seen_version: int, change: Change) -> None:
    """The conditional UPDATE: zero rows means someone else moved the claim first."""
    updated = Claim.objects.filter(pk=claim.pk, state=claim.state, version=seen_version).update(
        state=target, version=F("version") + 1, updated_at=timezone.now(), **change.fields
    )
    if updated == 0:
        now = Claim.objects.filter(pk=claim.pk).values_list("state", flat=True).first()
        raise Conflict(
            "Someone else changed this claim just now: it is now "
            f"{_state_label(now or claim.state)}. Reload to see the change.",
            code=ErrorCode.STALE,
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


def transition(
    *,
    claim_id: int,
    action: workflow.Action,
    actor: Actor,
    expected_version: int | None,
    reason: str = "",
    new_assignee_id: int | None = None,
    prepare: Callable[[Claim], Change] | None = None,
    after: Callable[[Claim], None] | None = None,
) -> Claim:
    with transaction.atomic():
        claim = access_claim(actor, claim_id)
        if expected_version is not None and expected_version != claim.version:
            raise Conflict(
                "Someone else changed this claim just now: it is now "
                f"{_state_label(claim.state)}. Reload to see the change.",
                code=ErrorCode.STALE,
            )
        target = _check(claim, action, actor, reason, new_assignee_id)
        change = prepare(claim) if prepare else Change()
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


def notify(user, claim: Claim, actor: Actor, kind: str, message: str) -> None:
    Notification.objects.create(
        user=user, claim=claim, actor=actor, kind=kind, message=message[:300]
    )
