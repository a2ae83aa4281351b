"""Role x action x state, written out by hand and checked through the API and against the
pure workflow module.

The table below is the specification, not a copy of verification/workflow.py: a wrong entry
in either one fails a test. The acting fact-checker is the claim's assignee and the verdict was
proposed by someone else, so only role and state decide.
"""

import pytest
from django.contrib.auth.models import Group

from claims.models import AuditEvent, Claim
from claims.roles import ROLE_ORDER, Role
from tests.factories import ClaimFactory
from verification import workflow
from verification.models import Rating
from verification.workflow import TRANSITIONS, Action, State

from .builders import approve_verdict, propose_verdict

pytestmark = pytest.mark.django_db

# One cell per (action, state): the outcome for observer, fact-checker, editor, admin, in that
# order. "." allowed (200), "F" forbidden for the role (403), "C" wrong state (409).
STATES = ("new", "queued", "in_research", "returned", "proposed", "approved", "dismissed")
MATRIX = {
    #            new     queued  in_res  returned proposed approved dismissed
    "triage":  ("F...", "FCCC", "FCCC", "FCCC", "FCCC", "FCCC", "FCCC"),
    "dismiss": ("F...", "F...", "FCCC", "FCCC", "FCCC", "FCCC", "FCCC"),
    "restore": ("FCCC", "FCCC", "FCCC", "FCCC", "FCCC", "FCCC", "F..."),
    "take":    ("FCCC", "F...", "FCCC", "FCCC", "FCCC", "FCCC", "FCCC"),
    "assign":  ("FFCC", "FF..", "FF..", "FF..", "FFCC", "FFCC", "FFCC"),
    "release": ("FCCC", "FCCC", "F...", "F...", "FCCC", "FCCC", "FCCC"),
    "propose": ("FCCC", "FCCC", "F...", "F...", "FCCC", "FCCC", "FCCC"),
    "approve": ("FFCC", "FFCC", "FFCC", "FFCC", "FF..", "FFCC", "FFCC"),
    "return":  ("FFCC", "FFCC", "FFCC", "FFCC", "FF..", "FFCC", "FFCC"),
    "reopen":  ("FFCC", "FFCC", "FFCC", "FFCC", "FFCC", "FF..", "FFCC"),
}  # fmt: skip
# Where an allowed action takes the claim.
TARGET = {
    "triage": "queued", "dismiss": "dismissed", "restore": "new", "take": "in_research",
    "assign": "in_research", "release": "queued", "propose": "proposed", "approve": "approved",
    "return": "returned", "reopen": "in_research",
}  # fmt: skip
STATUS = {".": 200, "F": 403, "C": 409}

CASES = [(role, action, state) for role in ROLE_ORDER for action in Action for state in State]


def _expected(role: Role, action: Action, state: State) -> int:
    cell = MATRIX[action.value][STATES.index(state.value)]
    return STATUS[cell[ROLE_ORDER.index(role)]]


def test_the_table_covers_every_action_and_state():
    assert set(MATRIX) == {a.value for a in Action} == set(TARGET)
    assert set(STATES) == {s.value for s in State}
    assert all(len(row) == len(STATES) for row in MATRIX.values())


@pytest.mark.parametrize(
    "role, action, state",
    CASES,
    ids=[f"{r.value}-{a.value}-{s.value}" for r, a, s in CASES],
)
def test_the_pure_workflow_agrees_with_the_table(role, action, state):
    attempt = workflow.Attempt(
        action=action,
        state=state,
        roles=frozenset({role}),
        actor_id=1,
        assignee_id=1,
        proposer_id=2,
        reason="out_of_scope",
        new_assignee_id=3,
    )
    try:
        outcome, target = 200, workflow.check(attempt).value
    except workflow.ActionForbidden:
        outcome, target = 403, None
    except workflow.InvalidTransition:
        outcome, target = 409, None
    assert outcome == _expected(role, action, state)
    assert target in (None, TARGET[action.value])


@pytest.fixture
def people(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(username=name, password="x")
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return {
        "actor": {role: make(f"actor_{role.value}", role.value) for role in ROLE_ORDER},
        "other_checker": make("other_checker", "fact_checker"),
        "other_editor": make("other_editor", "editor"),
    }


def _claim_in(state: State, actor, people) -> Claim:
    claim = ClaimFactory(state="new")
    research = state in (State.IN_RESEARCH, State.RETURNED, State.PROPOSED, State.APPROVED)
    Claim.objects.filter(pk=claim.pk).update(
        assignee=actor if research else None, dismiss_reason="out_of_scope" * (state == "dismissed")
    )
    claim.refresh_from_db()
    if state is State.PROPOSED:
        propose_verdict(claim, people["other_checker"])
    elif state is State.APPROVED:
        approve_verdict(claim, people["other_checker"], people["other_editor"])
    Claim.objects.filter(pk=claim.pk).update(state=state.value)
    claim.refresh_from_db()
    return claim


def _body(action: Action, people) -> dict:
    return {
        "reason": "out_of_scope",
        "assignee": people["other_checker"].pk,
        "rating": Rating.objects.filter(is_active=True).first().pk,
        "rationale": "Sources agree.",
    }


@pytest.mark.parametrize(
    "role, action, state",
    CASES,
    ids=[f"{r.value}-{a.value}-{s.value}" for r, a, s in CASES],
)
def test_role_action_state_matrix_through_the_api(api_client, people, role, action, state):
    actor = people["actor"][role]
    claim = _claim_in(state, actor, people)
    api_client.force_authenticate(actor)
    response = api_client.post(
        f"/api/v1/claims/{claim.pk}/actions/{action.value}", _body(action, people), format="json"
    )
    expected = _expected(role, action, state)
    assert response.status_code == expected, response.content
    after = Claim.objects.get(pk=claim.pk)
    audited = AuditEvent.objects.filter(claim=claim, action=f"claim.{action.value}").count()
    if expected == 200:
        assert after.state == TARGET[action.value]
        assert after.version == claim.version + 1 and audited == 1
    else:
        assert after.state == state.value and after.version == claim.version and audited == 0


ASSIGNEE_ONLY = [a for a, t in TRANSITIONS.items() if t.assignee_or_editor]


@pytest.mark.parametrize("action", ASSIGNEE_ONLY, ids=[a.value for a in ASSIGNEE_ONLY])
def test_a_fact_checker_cannot_act_on_someone_elses_claim(api_client, people, action):
    claim = _claim_in(State.IN_RESEARCH, people["other_checker"], people)
    api_client.force_authenticate(people["actor"][Role.FACT_CHECKER])
    response = api_client.post(
        f"/api/v1/claims/{claim.pk}/actions/{action.value}", _body(action, people), format="json"
    )
    assert response.status_code == 403


def test_the_proposer_gets_403_on_approve_whatever_their_role(api_client, people):
    for role in (Role.EDITOR, Role.ADMIN):
        actor = people["actor"][role]
        claim = _claim_in(State.IN_RESEARCH, actor, people)
        propose_verdict(claim, actor)
        api_client.force_authenticate(actor)
        assert api_client.post(f"/api/v1/claims/{claim.pk}/actions/approve").status_code == 403
