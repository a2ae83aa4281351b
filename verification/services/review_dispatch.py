"""Review actions by name (the API and pages post an action name and its inputs) and bulk
triage, on top of the one-service-per-action module services/review.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from claims import permissions
from claims.errors import BadInput, Conflict, Forbidden, NotFound
from claims.models import Claim
from verification import workflow
from verification.models import (
    DismissReason,
)
from verification.selectors import review as review_selectors
from verification.services import review

if TYPE_CHECKING:
    from claims.permissions import Actor


def claim_act(*, claim_id: int, action: str, actor: Actor, data: dict) -> Claim:
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
            return review.claim_dismiss(
                **common, reason=reason, duplicate_of=data.get("duplicate_of")
            )
        case workflow.Action.ASSIGN:
            return review.claim_assign(
                **common, assignee=data.get("assignee"), due_date=data.get("due_date")
            )
        case workflow.Action.PROPOSE:
            return review.claim_propose(**common, verdict=_verdict_input(data))
        case workflow.Action.RETURN | workflow.Action.REOPEN:
            return SIMPLE_WITH_REASON[chosen](**common, reason=reason)
        case _:
            return SIMPLE[chosen](**common)


def _verdict_input(data: dict) -> review.VerdictInput:
    return review.VerdictInput(
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
    workflow.Action.TRIAGE: review.claim_triage,
    workflow.Action.RESTORE: review.claim_restore,
    workflow.Action.TAKE: review.claim_take,
    workflow.Action.RELEASE: review.claim_release,
    workflow.Action.APPROVE: review.claim_approve,
}


SIMPLE_WITH_REASON = {
    workflow.Action.RETURN: review.claim_return,
    workflow.Action.REOPEN: review.claim_reopen,
}


@dataclass
class BulkOutcome:
    done: int = 0
    skipped: int = 0
    skipped_ids: list[int] = field(default_factory=list)


BULK_ACTIONS = {"triage", "dismiss"}


BULK_LIMIT = 5000


def claims_bulk_action(
    *, actor: Actor, action: str, claim_ids: list[int] | None = None, filters=None, reason: str = ""
) -> BulkOutcome:
    """Triage or dismiss a selection, or every claim a filter matches (not just one page).

    Editors only. Claims not in a state the action applies to are skipped and counted; each
    claim that moves gets its own audit event.
    """
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
                    review.claim_triage(claim_id=claim_id, actor=actor)
                else:
                    review.claim_dismiss(claim_id=claim_id, actor=actor, reason=reason)
            except (Conflict, NotFound):
                outcome.skipped += 1
                outcome.skipped_ids.append(claim_id)
                continue
            outcome.done += 1
    return outcome


def _bulk_ids(claim_ids, filters, actor: Actor, review_selectors) -> list[int]:
    if claim_ids is not None:
        ids = list(dict.fromkeys(int(pk) for pk in claim_ids))
    else:
        ids = list(review_selectors.claim_list(filters, actor).values_list("pk", flat=True))
    if not ids:
        raise BadInput("No claims matched.")
    if len(ids) > BULK_LIMIT:
        raise BadInput(f"At most {BULK_LIMIT} claims at once; narrow the filter.")
    return ids
