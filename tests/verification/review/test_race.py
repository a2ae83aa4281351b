"""Two people acting on one claim at the same instant: exactly one wins, the other gets 409.

Runs on whatever database the suite uses (SQLite by default; PostgreSQL in CI with
DATABASE_URL). Real threads, real connections, committed rows.
"""

import threading

import pytest
from django.db import connection

from claims.errors import Conflict, DomainError
from claims.models import AuditEvent, Claim
from tests.factories import ClaimFactory, LetterFactory
from verification.models import Verdict
from verification.services import review as services

from .builders import propose_verdict

pytestmark = [pytest.mark.django_db(transaction=True)]

ROUNDS = 20


def _race(*calls):
    """Start the calls together; return each one's outcome ("ok" or the exception)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=120)
            call()
            outcomes[i] = "ok"
        except DomainError as exc:
            outcomes[i] = exc
        except Exception as exc:  # surfaced by the assertions below
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes


def _one_winner(outcomes):
    assert outcomes.count("ok") == 1, outcomes
    loser = next(o for o in outcomes if o != "ok")
    assert isinstance(loser, Conflict), repr(loser)
    return loser


def test_two_editors_approving_at_once_give_one_approval_and_one_conflict(
    fact_checker, editor, editor2
):
    letter = LetterFactory()
    for _ in range(ROUNDS):
        claim = ClaimFactory(letter=letter, state="in_research", assignee=fact_checker)
        propose_verdict(claim, fact_checker)
        seen = claim.version
        outcomes = _race(
            lambda c=claim, v=seen: services.claim_approve(
                claim_id=c.pk, actor=editor, expected_version=v
            ),
            lambda c=claim, v=seen: services.claim_approve(
                claim_id=c.pk, actor=editor2, expected_version=v
            ),
        )
        loser = _one_winner(outcomes)
        assert "Someone else changed this claim" in loser.message or "approved" in loser.message
        assert AuditEvent.objects.filter(claim=claim, action="claim.approve").count() == 1
        assert Verdict.objects.filter(claim=claim, status="approved").count() == 1
        assert Claim.objects.get(pk=claim.pk).version == seen + 1


def test_take_and_assign_at_once_give_one_assignee_and_one_conflict(
    fact_checker, fact_checker2, editor
):
    letter = LetterFactory()
    for _ in range(ROUNDS):
        claim = ClaimFactory(letter=letter, state="queued")
        outcomes = _race(
            lambda c=claim: services.claim_take(
                claim_id=c.pk, actor=fact_checker, expected_version=1
            ),
            lambda c=claim: services.claim_assign(
                claim_id=c.pk, actor=editor, assignee=fact_checker2.pk, expected_version=1
            ),
        )
        _one_winner(outcomes)
        after = Claim.objects.get(pk=claim.pk)
        assert after.state == "in_research" and after.version == 2
        assert after.assignee_id in (fact_checker.pk, fact_checker2.pk)
        events = AuditEvent.objects.filter(claim=claim, action__in=["claim.take", "claim.assign"])
        assert events.count() == 1
        assert events.get().after["assignee"] == after.assignee_id


def test_racing_without_a_version_still_gives_one_winner_for_the_same_action(
    fact_checker, fact_checker2
):
    letter = LetterFactory()
    for _ in range(ROUNDS // 2):
        claim = ClaimFactory(letter=letter, state="queued")
        outcomes = _race(
            lambda c=claim: services.claim_take(claim_id=c.pk, actor=fact_checker),
            lambda c=claim: services.claim_take(claim_id=c.pk, actor=fact_checker2),
        )
        _one_winner(outcomes)
        assert AuditEvent.objects.filter(claim=claim, action="claim.take").count() == 1
