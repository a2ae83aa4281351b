"""Random sequences of actions by random people keep the workflow's invariants.

Invariants: a claim is in exactly one known state; no approved verdict was approved by its
proposer; at most one open verdict per claim, and one exactly while the claim is proposed; the
history is complete (one audit row per successful transition, each row's "before" state is the
previous row's "after" state, the last "after" is the claim's state, and the version counts them).
"""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from claims.errors import DomainError
from claims.models import AuditEvent, Claim, ClaimState
from tests.factories import ClaimFactory, LetterFactory
from verification.models import Rating, Verdict
from verification.selectors import review as selectors
from verification.services import review_dispatch as dispatch
from verification.workflow import Action

pytestmark = pytest.mark.django_db

REASONS = ["", "not_check_worthy", "out_of_scope", "needs work"]


def build_machine(users: list, rating_id: int):
    class ReviewMachine(RuleBasedStateMachine):
        @initialize()
        def start(self):
            letter = LetterFactory()
            self.claims = [ClaimFactory(letter=letter).pk for _ in range(2)]
            self.successes = dict.fromkeys(self.claims, 0)

        @rule(
            which=st.integers(0, 1),
            who=st.sampled_from(range(len(users))),
            action=st.sampled_from(list(Action)),
            reason=st.sampled_from(REASONS),
            assignee=st.sampled_from(range(len(users))),
            stale=st.integers(0, 5).map(lambda n: n == 0),
        )
        def act(self, which, who, action, reason, assignee, stale):
            claim_id = self.claims[which]
            version = Claim.objects.get(pk=claim_id).version
            data = {
                "reason": reason,
                "assignee": users[assignee].pk,
                "rating": rating_id,
                "rationale": "Because.",
                "expected_version": version - 1 if stale and version > 1 else None,
            }
            try:
                dispatch.claim_act(
                    claim_id=claim_id, action=action.value, actor=users[who], data=data
                )
            except DomainError:
                return
            self.successes[claim_id] += 1

        @rule(which=st.integers(0, 1), who=st.sampled_from(range(len(users))), data=st.data())
        def act_sensibly(self, which, who, data):
            """Pick among the actions the buttons offer this person, so walks go deep."""
            claim = Claim.objects.get(pk=self.claims[which])
            offered = selectors.allowed_actions(claim, users[who])
            if offered:
                action = data.draw(st.sampled_from(offered))
                self.act(which, who, Action(action), "out_of_scope", 0, False)

        @invariant()
        def one_known_state_and_a_complete_history(self):
            for claim_id in getattr(self, "claims", []):
                claim = Claim.objects.get(pk=claim_id)
                assert claim.state in ClaimState.values
                events = list(
                    AuditEvent.objects.filter(claim_id=claim_id, target_type="claim")
                    .exclude(action="claim.edited")
                    .order_by("id")
                )
                assert len(events) == self.successes[claim_id] == claim.version - 1
                state = "new"
                for event in events:
                    assert event.before["state"] == state
                    state = event.after["state"]
                assert state == claim.state

        @invariant()
        def four_eyes_and_one_open_verdict(self):
            for claim_id in getattr(self, "claims", []):
                claim = Claim.objects.get(pk=claim_id)
                verdicts = Verdict.objects.filter(claim_id=claim_id)
                for verdict in verdicts.filter(status="approved"):
                    assert verdict.decided_by_id != verdict.proposed_by_id
                open_count = verdicts.filter(status="proposed").count()
                assert open_count == (1 if claim.state == "proposed" else 0)
                approved = verdicts.filter(status="approved").count()
                assert approved == (1 if claim.state == "approved" else 0)

    return ReviewMachine


def test_random_actions_by_random_people_keep_the_invariants(
    fact_checker, fact_checker2, editor, editor2, observer
):
    rating_id = Rating.objects.filter(is_active=True).first().pk
    machine = build_machine([fact_checker, fact_checker2, editor, editor2, observer], rating_id)
    # Derandomized: the same walks on every run and every machine, so a failure is reproducible
    # and a pass means the same thing each time (no example database either, which would replay
    # an earlier machine's failures first). That the walks can reach every state is not the
    # machine's to assert: the test below checks it step by step through the same code path.
    machine.TestCase.settings = settings(
        derandomize=True,
        database=None,
        max_examples=25,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    machine.TestCase().runTest()


def test_every_state_is_reachable_through_the_actions_the_machine_uses(
    fact_checker, editor, editor2
):
    rating_id = Rating.objects.filter(is_active=True).first().pk
    letter = LetterFactory()
    claim, other = ClaimFactory(letter=letter).pk, ClaimFactory(letter=letter).pk
    data = {"reason": "out_of_scope", "assignee": fact_checker.pk, "rating": rating_id}
    data["rationale"] = "Because."
    walk = [
        (claim, Action.TRIAGE, fact_checker, "queued"),
        (claim, Action.TAKE, fact_checker, "in_research"),
        (claim, Action.PROPOSE, fact_checker, "proposed"),
        (claim, Action.RETURN, editor, "returned"),
        (claim, Action.PROPOSE, fact_checker, "proposed"),
        (claim, Action.APPROVE, editor2, "approved"),
        (claim, Action.REOPEN, editor, "in_research"),
        (claim, Action.RELEASE, fact_checker, "queued"),
        (other, Action.DISMISS, fact_checker, "dismissed"),
        (other, Action.RESTORE, fact_checker, "new"),
    ]
    reached = {"new"}
    for claim_id, action, actor, expected in walk:
        dispatch.claim_act(claim_id=claim_id, action=action.value, actor=actor, data=data)
        state = Claim.objects.get(pk=claim_id).state
        assert state == expected, (action, state)
        reached.add(state)
    assert reached == set(ClaimState.values)
