"""The review workflow as data: states, actions, the transition table and who may act.

Pure: no ORM, no request. Services apply it; tests generate the role x action matrix from it.
State values equal claims.models.ClaimState (a test keeps them in step).
"""

from dataclasses import dataclass
from enum import StrEnum

from claims.roles import Role, role_at_least


class State(StrEnum):
    NEW = "new"
    QUEUED = "queued"
    IN_RESEARCH = "in_research"
    RETURNED = "returned"
    PROPOSED = "proposed"
    APPROVED = "approved"
    DISMISSED = "dismissed"


class Action(StrEnum):
    TRIAGE = "triage"
    DISMISS = "dismiss"
    RESTORE = "restore"
    TAKE = "take"
    ASSIGN = "assign"
    RELEASE = "release"
    PROPOSE = "propose"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State
    min_role: Role
    needs_reason: bool = False
    needs_assignee: bool = False
    assignee_or_editor: bool = False  # fact-checkers may act only on claims assigned to them


def _t(
    action: Action, sources: set[State], target: State, min_role: Role, **flags: bool
) -> Transition:
    return Transition(action, frozenset(sources), target, min_role, **flags)


RESEARCH = {State.IN_RESEARCH, State.RETURNED}
# Deciding on a verdict (approving or returning it) is for someone other than its proposer.
FOUR_EYES = frozenset({Action.APPROVE, Action.RETURN})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.TRIAGE, {State.NEW}, State.QUEUED, Role.FACT_CHECKER),
        _t(
            Action.DISMISS,
            {State.NEW, State.QUEUED},
            State.DISMISSED,
            Role.FACT_CHECKER,
            needs_reason=True,
        ),
        _t(Action.RESTORE, {State.DISMISSED}, State.NEW, Role.FACT_CHECKER),
        _t(Action.TAKE, {State.QUEUED}, State.IN_RESEARCH, Role.FACT_CHECKER),
        _t(
            Action.ASSIGN,
            {State.QUEUED, *RESEARCH},
            State.IN_RESEARCH,
            Role.EDITOR,
            needs_assignee=True,
        ),
        _t(Action.RELEASE, RESEARCH, State.QUEUED, Role.FACT_CHECKER, assignee_or_editor=True),
        _t(Action.PROPOSE, RESEARCH, State.PROPOSED, Role.FACT_CHECKER, assignee_or_editor=True),
        _t(Action.APPROVE, {State.PROPOSED}, State.APPROVED, Role.EDITOR),
        _t(Action.RETURN, {State.PROPOSED}, State.RETURNED, Role.EDITOR, needs_reason=True),
        _t(Action.REOPEN, {State.APPROVED}, State.IN_RESEARCH, Role.EDITOR, needs_reason=True),
    )
}


class WorkflowError(Exception):
    """Base for refusals; `message` is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidTransition(WorkflowError):
    """The claim is not in a state where the action applies (a conflict, HTTP 409)."""


class ActionForbidden(WorkflowError):
    """The user may not take this action on this claim (HTTP 403)."""


class MissingInput(WorkflowError):
    """A reason, comment or assignee is required (HTTP 400)."""


@dataclass(frozen=True)
class Attempt:
    action: Action
    state: State
    roles: frozenset[Role]
    actor_id: int
    assignee_id: int | None = None
    proposer_id: int | None = None
    reason: str = ""
    new_assignee_id: int | None = None


def allowed_actions(attempt_base: Attempt) -> list[Action]:
    """The actions this user could take on this claim now (for buttons and the API)."""
    allowed = []
    for action, transition in TRANSITIONS.items():
        probe = Attempt(
            action=action,
            state=attempt_base.state,
            roles=attempt_base.roles,
            actor_id=attempt_base.actor_id,
            assignee_id=attempt_base.assignee_id,
            proposer_id=attempt_base.proposer_id,
            reason="-" if transition.needs_reason else "",
            new_assignee_id=attempt_base.actor_id,
        )
        try:
            check(probe)
        except WorkflowError:
            continue
        allowed.append(action)
    return allowed


def check(attempt: Attempt) -> State:
    """Return the state the claim moves to, or raise the reason it cannot."""
    transition = TRANSITIONS[attempt.action]
    if not role_at_least(attempt.roles, transition.min_role):
        raise ActionForbidden(f"Your role may not {attempt.action.value} claims.")
    if attempt.state not in transition.sources:
        raise InvalidTransition(
            f"Cannot {attempt.action.value} a claim that is {attempt.state.value.replace('_', ' ')}."
        )
    _check_actor(attempt, transition)
    if transition.needs_reason and not attempt.reason.strip():
        raise MissingInput(f"A reason is required to {attempt.action.value} a claim.")
    if transition.needs_assignee and attempt.new_assignee_id is None:
        raise MissingInput("Choose the fact-checker to assign.")
    return transition.target


def _check_actor(attempt: Attempt, transition: Transition) -> None:
    is_editor = role_at_least(attempt.roles, Role.EDITOR)
    if transition.assignee_or_editor and not is_editor and attempt.assignee_id != attempt.actor_id:
        raise ActionForbidden("Only the assigned fact-checker or an editor may do this.")
    if attempt.action in FOUR_EYES and attempt.proposer_id == attempt.actor_id:
        raise ActionForbidden(
            f"Four eyes: you proposed this verdict, so someone else must {attempt.action.value} it."
        )
