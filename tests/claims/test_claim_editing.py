"""Fact-checkers fix what the extractor got wrong, and re-extraction never destroys their work."""

import pytest

from claims.errors import BadInput
from claims.models import AuditEvent, Claim, ClaimOrigin, ClaimState
from claims.services import claims as claim_services
from claims.services import letters as letter_services
from tests.conftest import REPO

pytestmark = pytest.mark.django_db

SAMPLE = REPO / "sample_data" / "letters" / "seed-letter-coalition-2018-06.txt"


@pytest.fixture
def letter(fact_checker):
    outcome = letter_services.letters_upload(
        files=[(SAMPLE.name, SAMPLE.read_bytes())], actor=fact_checker
    )
    return letter_services.letter_process(letter_id=outcome.created[0].pk)


def test_every_extracted_claim_quotes_its_exact_span(letter):
    claims = list(letter.claims.all())
    assert len(claims) >= 3
    for claim in claims:
        assert claim.quote == letter.text[claim.start : claim.end]
        assert 0 <= claim.score <= 1 and claim.reasons


def test_fact_checker_adds_a_missed_claim_from_a_selection(letter, fact_checker):
    start = letter.text.index("coalition")
    claim = claim_services.claim_create(
        letter=letter, start=start, end=start + 40, actor=fact_checker
    )
    assert claim.origin == ClaimOrigin.HUMAN
    assert claim.quote == letter.text[start : start + 40]
    assert AuditEvent.objects.filter(
        claim=claim, action="claim.created", actor=fact_checker
    ).exists()


def test_selection_outside_the_text_is_refused(letter, fact_checker):
    with pytest.raises(BadInput):
        claim_services.claim_create(letter=letter, start=10, end=10**7, actor=fact_checker)


def test_edits_are_audited_with_before_and_after(letter, fact_checker):
    claim = letter.claims.first()
    claim_services.claim_update(
        claim=claim, values={"places": ["Somewhere"], "killed": 7}, actor=fact_checker
    )
    event = AuditEvent.objects.get(claim=claim, action="claim.edited")
    assert event.actor == fact_checker
    assert event.after == {"places": ["Somewhere"], "killed": 7}
    assert "places" in event.before


def test_split_makes_two_claims_covering_the_original_span(letter, fact_checker):
    claim = max(letter.claims.all(), key=lambda c: c.end - c.start)
    middle = claim.start + (claim.end - claim.start) // 2
    first, second = claim_services.claim_split(claim=claim, at=middle, actor=fact_checker)
    assert first.start == claim.start and second.end == claim.end
    assert first.end <= second.start
    assert letter.text[second.start : second.end] == second.quote


def test_merge_keeps_the_first_and_dismisses_the_rest_as_duplicates(letter, fact_checker):
    a, b = list(letter.claims.order_by("start"))[:2]
    kept = claim_services.claim_merge(claims=[a, b], actor=fact_checker)
    assert kept.pk == a.pk and kept.end == max(a.end, b.end)
    b.refresh_from_db()
    assert b.state == ClaimState.DISMISSED and b.duplicate_of_id == a.pk


def test_reextraction_keeps_reviewed_claims_and_replaces_only_untouched_ones(letter, fact_checker):
    claims = list(letter.claims.order_by("start"))
    edited, triaged, untouched = claims[0], claims[1], claims[2]
    claim_services.claim_update(
        claim=edited, values={"restatement": "Checked wording"}, actor=fact_checker
    )
    Claim.objects.filter(pk=triaged.pk).update(state=ClaimState.QUEUED)

    letter_services.letter_extract_claims(letter_id=letter.pk, actor=fact_checker)

    edited.refresh_from_db()
    assert edited.restatement == "Checked wording"
    assert Claim.objects.get(pk=triaged.pk).state == ClaimState.QUEUED
    assert not Claim.objects.filter(pk=untouched.pk).exists()
    spans = [(c.start, c.end) for c in letter.claims.all()]
    assert len(spans) == len(set(spans)), "no claim is duplicated over a kept one"
    assert (untouched.start, untouched.end) in spans


def test_editing_the_text_keeps_existing_claim_spans_valid(letter, fact_checker):
    claim = letter.claims.first()
    old_text = letter.text
    letter_services.letter_update_text(
        letter=letter, text="Corrected.\n\n" + old_text, actor=fact_checker
    )
    letter.refresh_from_db()
    assert letter.text_version == 2
    kept = letter.text_versions.get(version=claim.letter_text_version)
    assert kept.text[claim.start : claim.end] == claim.quote
    assert AuditEvent.objects.filter(letter=letter, action="letter.text_edited").exists()


def test_not_a_claim_on_the_letter_page_dismisses_the_passage(client, letter, fact_checker):
    claim = letter.claims.first()
    client.force_login(fact_checker)
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert f"/claims/{claim.pk}/actions/dismiss/" in page
    client.post(
        f"/claims/{claim.pk}/actions/dismiss/",
        {"reason": "not_a_claim", "next": f"/letters/{letter.pk}/"},
    )
    claim.refresh_from_db()
    assert claim.state == ClaimState.DISMISSED
    assert claim.dismiss_reason == "not_a_claim"


def test_letters_left_queued_are_queued_again_but_fresh_ones_are_not(
    fact_checker, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from claims.models import Letter

    stale = Letter.objects.create(symbol="S/2025/900", status="queued")
    Letter.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    Letter.objects.create(symbol="S/2025/901", status="queued")
    with django_capture_on_commit_callbacks() as callbacks:
        assert letter_services.letters_requeue_pending() == 1
    assert len(callbacks) == 1
