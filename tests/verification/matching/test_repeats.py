"""Told when it repeats: a new letter's claim linked to a claim with an approved verdict tells
the verdict's owner and approver once, shows the verdict, and can adopt its evidence (audited)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims import matching_services
from claims.errors import Conflict, Forbidden
from claims.models import AuditEvent, ClaimState
from tests.verification.matching.conftest import STRIKE, make_claim, make_letter
from tests.verification.verdicts.conftest import default_scale  # noqa: F401
from verification.models import Evidence, Notification, Rating, Source, Verdict
from verification.services import matching as services
from verification.services import repeats

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(matched, fact_checker, editor, default_scale):  # noqa: F811
    """The original allegation (embedded and matched) approved by the editor, on one source."""
    scenario = matched
    step = Rating.objects.get(label="Corroborated")
    verdict = Verdict.objects.create(
        claim=scenario.original, rating=step, rating_label=step.label, rating_value=step.value,
        rating_colour=step.colour, rationale="Seen by OCHA.", status="approved",
        proposed_by=fact_checker, decided_by=editor,
        decided_at=datetime(2024, 3, 10, tzinfo=UTC),
    )  # fmt: skip
    source = Source.objects.create(kind="news", title="OCHA flash update", reliability="A")
    evidence = Evidence.objects.create(
        claim=scenario.original, source=source, stance="corroborates", credibility=1,
        excerpt="Hospital hit", added_by=fact_checker,
    )  # fmt: skip
    verdict.evidence.set([evidence])
    scenario.original.state = ClaimState.APPROVED
    scenario.original.save(update_fields=["state"])
    return verdict


def _new_letter_repeats(django_capture_on_commit_callbacks):
    letter = make_letter("S/2024/130", "Ukraine", STRIKE)
    claim = make_claim(letter)
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=[claim.pk])
    return claim


def test_owner_and_approver_are_told_once_when_a_new_letter_repeats(
    verified, fact_checker, editor, django_capture_on_commit_callbacks
):
    claim = _new_letter_repeats(django_capture_on_commit_callbacks)
    notes = Notification.objects.filter(kind="repeat", claim=claim)
    assert {n.user for n in notes} == {fact_checker, editor}
    assert "S/2024/130 repeats a claim you verified (Corroborated" in notes[0].message
    services.claims_match(claim_ids=[claim.pk])  # matching again tells nobody twice
    assert notes.count() == 2


def test_new_claim_shows_the_verdict_and_adopts_its_evidence(
    client, verified, fact_checker2, django_capture_on_commit_callbacks
):
    claim = _new_letter_repeats(django_capture_on_commit_callbacks)
    client.force_login(fact_checker2)
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "already verified" in html and "Adopt its evidence" in html
    client.post(f"/claims/{claim.pk}/adopt-evidence", {"verdict": verified.pk})
    adopted = Evidence.objects.get(claim=claim)
    assert adopted.source.title == "OCHA flash update" and adopted.added_by == fact_checker2
    event = AuditEvent.objects.get(action="evidence.adopted", claim=claim)
    assert event.after["evidence"] == [adopted.pk] and event.actor == fact_checker2
    with pytest.raises(Conflict):
        repeats.claim_adopt_evidence(claim_id=claim.pk, verdict_id=verified.pk, actor=fact_checker2)


def test_unlinked_claims_cannot_adopt_and_observers_cannot_at_all(verified, matched, observer,
                                                                  fact_checker):  # fmt: skip
    scenario = matched
    with pytest.raises(Conflict):
        repeats.claim_adopt_evidence(
            claim_id=scenario.unrelated.pk, verdict_id=verified.pk, actor=fact_checker
        )
    with pytest.raises(Forbidden):
        repeats.claim_adopt_evidence(
            claim_id=scenario.unrelated.pk, verdict_id=verified.pk, actor=observer
        )
