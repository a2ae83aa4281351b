"""The pure transition table: in step with the model's states, and the rules it encodes."""

from claims.models import ClaimState
from claims.roles import Role
from verification import workflow
from verification.workflow import Action, Attempt, State


def test_workflow_states_equal_the_claim_model_states():
    assert {s.value for s in State} == set(ClaimState.values)


def test_every_action_has_exactly_one_transition_with_known_states():
    assert set(workflow.TRANSITIONS) == set(Action)
    for transition in workflow.TRANSITIONS.values():
        assert transition.sources <= set(State)
        assert transition.target in State


def _attempt(action, state, role, **kw):
    return Attempt(action=action, state=state, roles=frozenset({role}), actor_id=1, **kw)


def test_fact_checker_may_triage_take_and_propose_but_not_approve():
    assert workflow.check(_attempt(Action.TRIAGE, State.NEW, Role.FACT_CHECKER)) is State.QUEUED
    assert (
        workflow.check(_attempt(Action.TAKE, State.QUEUED, Role.FACT_CHECKER)) is State.IN_RESEARCH
    )
    assert (
        workflow.check(
            _attempt(Action.PROPOSE, State.IN_RESEARCH, Role.FACT_CHECKER, assignee_id=1)
        )
        is State.PROPOSED
    )
    try:
        workflow.check(_attempt(Action.APPROVE, State.PROPOSED, Role.FACT_CHECKER, proposer_id=2))
    except workflow.ActionForbidden:
        pass
    else:
        raise AssertionError("a fact-checker approved")


def test_proposer_can_never_approve_even_as_admin():
    attempt = _attempt(Action.APPROVE, State.PROPOSED, Role.ADMIN, proposer_id=1)
    try:
        workflow.check(attempt)
    except workflow.ActionForbidden as exc:
        assert "Four eyes" in exc.message
    else:
        raise AssertionError("the proposer approved")


def test_wrong_state_is_a_conflict_not_a_permission_error():
    try:
        workflow.check(_attempt(Action.APPROVE, State.NEW, Role.EDITOR))
    except workflow.InvalidTransition:
        pass
    else:
        raise AssertionError


def test_dismiss_without_a_reason_is_missing_input():
    try:
        workflow.check(_attempt(Action.DISMISS, State.NEW, Role.FACT_CHECKER))
    except workflow.MissingInput:
        pass
    else:
        raise AssertionError


def test_allowed_actions_lists_what_the_buttons_offer():
    base = _attempt(Action.TRIAGE, State.NEW, Role.FACT_CHECKER)
    assert workflow.allowed_actions(base) == [Action.TRIAGE, Action.DISMISS]
    editor = _attempt(Action.TRIAGE, State.QUEUED, Role.EDITOR)
    assert set(workflow.allowed_actions(editor)) == {Action.DISMISS, Action.TAKE, Action.ASSIGN}
    observer = _attempt(Action.TRIAGE, State.QUEUED, Role.OBSERVER)
    assert workflow.allowed_actions(observer) == []


def test_the_proposer_cannot_return_their_own_verdict_either():
    attempt = _attempt(Action.RETURN, State.PROPOSED, Role.EDITOR, proposer_id=1, reason="x")
    try:
        workflow.check(attempt)
    except workflow.ActionForbidden as exc:
        assert "someone else must return it" in exc.message
    else:
        raise AssertionError("the proposer returned their own verdict")
