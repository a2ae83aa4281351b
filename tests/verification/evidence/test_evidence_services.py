"""Attaching, grading and removing evidence through the services."""

import hashlib

import pytest

from claims.errors import BadInput, Conflict, Forbidden
from claims.models import AuditEvent
from tests.verification.evidence.conftest import make_claim, make_letter
from verification.models import CaptureStatus, Evidence, Source, SourceCapture, SourceKind
from verification.services import evidence as services

pytestmark = pytest.mark.django_db

CORROBORATES = services.EvidenceDetails(stance="corroborates", credibility=2)


def test_pasting_a_url_creates_source_evidence_and_queues_a_capture(
    claim, fact_checker, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "verification.tasks.source_capture_task.delay", lambda capture_id: queued.append(capture_id)
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.evidence_add_url(
            claim=claim,
            url=" https://ngo.example/report ",
            details=CORROBORATES,
            actor=fact_checker,
        )
    source = evidence.source
    assert source.url == "https://ngo.example/report"
    assert source.kind == SourceKind.WEB_PAGE
    assert evidence.stance == "corroborates" and evidence.credibility == 2
    capture = SourceCapture.objects.get(source=source)
    assert capture.status == CaptureStatus.PENDING
    assert capture.requested_by == fact_checker
    assert queued == [capture.pk]
    actions = set(AuditEvent.objects.filter(claim=claim).values_list("action", flat=True))
    assert {"evidence.added", "capture.requested"} <= actions


def test_the_same_url_on_another_claim_reuses_the_source(claim, letter, fact_checker):
    other = make_claim(letter, "On 3 May")
    first = services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
    )
    second = services.evidence_add_url(
        claim=other, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
    )
    assert first.source_id == second.source_id
    assert Source.objects.count() == 1
    assert SourceCapture.objects.count() == 1  # already being captured: not queued twice


def test_attaching_the_same_source_twice_to_a_claim_is_a_conflict(claim, fact_checker):
    services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
    )
    with pytest.raises(Conflict, match="already attached"):
        services.evidence_add_url(
            claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
        )
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize("url", ["", "not a url", "ftp://example.org/x", "javascript:alert(1)"])
def test_an_invalid_url_writes_nothing(claim, fact_checker, url):
    with pytest.raises(BadInput):
        services.evidence_add_url(claim=claim, url=url, details=CORROBORATES, actor=fact_checker)
    assert not Source.objects.exists() and not Evidence.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_stance_or_credibility_is_refused(claim, fact_checker):
    for details in (
        services.EvidenceDetails(stance="agrees"),
        services.EvidenceDetails(stance="contradicts", credibility=9),
    ):
        with pytest.raises(BadInput):
            services.evidence_add_url(
                claim=claim, url="https://x.example/", details=details, actor=fact_checker
            )
    assert not Source.objects.exists()


def test_letter_passage_records_its_span_and_the_exact_excerpt(claim, reply_letter, fact_checker):
    start = reply_letter.text.index("No operation")
    end = reply_letter.text.index(" on 3 May") + len(" on 3 May")
    evidence = services.evidence_add_letter_passage(
        claim=claim,
        symbol="s/2025/120",
        start=start,
        end=end,
        details=services.EvidenceDetails(stance="contradicts", credibility=3),
        actor=fact_checker,
    )
    assert (evidence.passage_start, evidence.passage_end) == (start, end)
    assert evidence.excerpt == reply_letter.text[start:end]
    assert evidence.excerpt == "No operation took place in Town X on 3 May"
    assert evidence.source.kind == SourceKind.LETTER
    assert evidence.source.letter == reply_letter
    assert evidence.source.publisher == "State B"


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (10, 4), (0, 10_000)])
def test_a_passage_outside_the_letter_is_refused(claim, reply_letter, fact_checker, start, end):
    with pytest.raises(BadInput):
        services.evidence_add_letter_passage(
            claim=claim, symbol="S/2025/120", start=start, end=end,
            details=CORROBORATES, actor=fact_checker,
        )  # fmt: skip
    assert not Evidence.objects.exists()


def test_the_claims_own_letter_or_an_unknown_symbol_is_refused(claim, fact_checker):
    for symbol in ("S/2025/100", "S/1999/1"):
        with pytest.raises(BadInput):
            services.evidence_add_letter_passage(
                claim=claim, symbol=symbol, start=0, end=5, details=CORROBORATES,
                actor=fact_checker,
            )  # fmt: skip
    assert not Source.objects.exists()


def test_an_uploaded_file_is_stored_with_its_hash_and_text(claim, fact_checker):
    data = b"Satellite imagery analysis: the market roof collapsed on 3 May.\n"
    evidence = services.evidence_add_file(
        claim=claim,
        upload=services.Upload(name="imagery-note.txt", data=data),
        details=CORROBORATES,
        actor=fact_checker,
    )
    capture = SourceCapture.objects.get(source=evidence.source)
    assert capture.status == CaptureStatus.CAPTURED
    assert capture.sha256 == hashlib.sha256(data).hexdigest()
    assert capture.file.read() == data
    assert "market roof collapsed" in capture.text
    assert capture.requested_by == fact_checker and capture.filename == "imagery-note.txt"
    assert evidence.source.kind == SourceKind.DOCUMENT


def test_the_same_file_uploaded_for_another_claim_is_the_same_source(claim, letter, fact_checker):
    upload = services.Upload(name="a.txt", data=b"Same bytes.")
    first = services.evidence_add_file(
        claim=claim, upload=upload, details=CORROBORATES, actor=fact_checker
    )
    second = services.evidence_add_file(
        claim=make_claim(letter, "On 3 May"), upload=upload, details=CORROBORATES,
        actor=fact_checker,
    )  # fmt: skip
    assert first.source_id == second.source_id
    assert SourceCapture.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data"), [("photo.png", b"\x89PNG\r\n"), ("empty.txt", b""), ("x.pdf", b"%PDF-bad")]
)
def test_unsupported_or_broken_uploads_write_nothing(claim, fact_checker, name, data):
    with pytest.raises(BadInput):
        services.evidence_add_file(
            claim=claim, upload=services.Upload(name=name, data=data), details=CORROBORATES,
            actor=fact_checker,
        )  # fmt: skip
    assert not Source.objects.exists() and not SourceCapture.objects.exists()


def test_editing_stance_and_grades_is_audited_against_the_claim(claim, fact_checker):
    evidence = services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
    )
    services.evidence_update(
        evidence=evidence,
        values={"stance": "mixed", "credibility": 3, "reliability": "B"},
        actor=fact_checker,
    )
    evidence.refresh_from_db()
    evidence.source.refresh_from_db()
    assert (evidence.stance, evidence.credibility, evidence.source.reliability) == ("mixed", 3, "B")
    updated = AuditEvent.objects.get(action="evidence.updated")
    assert updated.before == {"stance": "corroborates", "credibility": 2}
    assert updated.after == {"stance": "mixed", "credibility": 3}
    graded = AuditEvent.objects.get(action="source.updated")
    assert graded.claim == claim and graded.after == {"reliability": "B"}


def test_removing_evidence_is_a_soft_delete_and_the_source_can_be_attached_again(
    claim, fact_checker
):
    evidence = services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
    )
    services.evidence_delete(evidence=evidence, actor=fact_checker)
    assert Evidence.objects.get(pk=evidence.pk).is_deleted
    assert AuditEvent.objects.filter(action="evidence.removed", claim=claim).exists()
    again = services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=fact_checker
    )
    assert again.pk != evidence.pk


def test_an_observer_cannot_attach_evidence(claim, observer):
    with pytest.raises(Forbidden):
        services.evidence_add_url(
            claim=claim, url="https://ngo.example/r", details=CORROBORATES, actor=observer
        )


def test_a_letter_from_a_processing_queue_without_text_is_refused(claim, fact_checker):
    make_letter("S/2025/130", "", sender="State C")
    with pytest.raises(BadInput, match="no text"):
        services.evidence_add_letter_passage(
            claim=claim, symbol="S/2025/130", start=0, end=3, details=CORROBORATES,
            actor=fact_checker,
        )  # fmt: skip
