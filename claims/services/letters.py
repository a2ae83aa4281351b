"""Writes for letters: upload, processing (clean, metadata, extraction), metadata and text
edits, re-queueing. Each service takes the acting user, checks it, and runs in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, ProtectedError, Q
from django.utils import timezone

from claims import events, ingest, permissions, tasks
from claims.audit import audit_record, changed_fields
from claims.errors import BadInput, Conflict, ErrorCode
from claims.models import (
    Claim,
    ClaimOrigin,
    ClaimState,
    Letter,
    LetterOriginal,
    LetterStatus,
    LetterTextVersion,
    WorkerHeartbeat,
)
from claims.services.claims import queue_matching, search_text
from claims.storage import files_removed_on_failure

if TYPE_CHECKING:
    from claims.permissions import Actor

EXTRACTION_VERSION = "rules-1"


REQUEUE_AFTER_SECONDS = 60
WORKER_SILENT_AFTER_SECONDS = 120  # eight missed heartbeats
MAX_PROCESSING_ATTEMPTS = 3


@dataclass
class UploadOutcome:
    created: list[Letter] = field(default_factory=list)
    duplicates: list[Letter] = field(default_factory=list)


@dataclass(frozen=True)
class _Prepared:
    name: str
    data: bytes
    sha256: str
    read: ingest.ReadResult


def _prepare(name: str, data: bytes) -> list[_Prepared]:
    """Validate and read every document in an upload, before anything is written."""
    max_bytes = settings.WORKBENCH_MAX_UPLOAD_BYTES
    if len(data) > max_bytes:
        raise BadInput(
            f"{name}: the file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit.",
            code=ErrorCode.TOO_LARGE,
        )
    try:
        documents = ingest.expand_upload(name, data, max_bytes=max_bytes)
        return [
            _Prepared(
                name=doc.name,
                data=doc.data,
                sha256=hashlib.sha256(doc.data).hexdigest(),
                read=ingest.read_document_bounded(doc.data, doc.name, ingest.limits_from(settings)),
            )
            for doc in documents
        ]
    except ingest.IngestError as exc:
        raise BadInput(f"{name}: {exc.message}", code=ErrorCode(exc.code)) from exc


def letters_upload(*, files: list[tuple[str, bytes]], actor: Actor) -> UploadOutcome:
    """Store each file (or each document of a zip) as a letter and queue its processing.

    All or nothing: a refused file refuses the whole request, leaving no rows and no files.
    The same bytes uploaded again point to the existing letter instead of a new one.
    """
    permissions.require(permissions.can_upload_letters, actor, "Your role may not upload letters.")
    if not files:
        raise BadInput("No file was uploaded.", code=ErrorCode.NO_FILE)
    prepared = [doc for name, data in files for doc in _prepare(name, data)]
    outcome = UploadOutcome()
    with files_removed_on_failure() as written, transaction.atomic():
        seen: dict[str, Letter] = {}
        for doc in prepared:
            existing = seen.get(doc.sha256) or _letter_by_sha256(doc.sha256)
            if existing is not None:
                outcome.duplicates.append(existing)
                continue
            letter = _letter_store(doc, actor=actor, written=written)
            seen[doc.sha256] = letter
            outcome.created.append(letter)
    return outcome


def letter_create_from_text(*, text: str, title: str = "", actor: Actor) -> UploadOutcome:
    """Pasted text comes in as a UTF-8 text file, through the same path as uploads."""
    permissions.require(permissions.can_upload_letters, actor, "Your role may not upload letters.")
    if not text.strip():
        raise BadInput("The pasted text is empty.", code=ErrorCode.EMPTY)
    name = (title.strip() or "pasted-letter")[:80] + ".txt"
    return letters_upload(files=[(name, text.encode("utf-8"))], actor=actor)


def _letter_by_sha256(sha256: str) -> Letter | None:
    original = LetterOriginal.objects.select_related("letter").filter(sha256=sha256).first()
    return original.letter if original else None


def _letter_store(doc: _Prepared, *, actor: Actor, written: list[str]) -> Letter:
    status = LetterStatus.NEEDS_OCR if doc.read.needs_ocr else LetterStatus.QUEUED
    letter = Letter.objects.create(
        title=doc.name, raw_text=doc.read.raw_text, status=status, created_by=actor
    )
    original = LetterOriginal(
        letter=letter,
        filename=doc.name[:255],
        sha256=doc.sha256,
        size=len(doc.data),
        media_type=doc.read.media_type,
        uploaded_by=actor,
    )
    original.file.save(
        f"{doc.sha256}{_extension(doc.read.media_type)}", ContentFile(doc.data), save=False
    )
    written.append(original.file.name)
    original.save()
    audit_record(
        actor=actor,
        action="letter.uploaded",
        target=letter,
        after={"filename": doc.name, "sha256": doc.sha256, "size": len(doc.data)},
    )
    if status == LetterStatus.QUEUED:
        _queue_processing(letter.pk)
    return letter


def _extension(media_type: str) -> str:
    return {
        "application/pdf": ".pdf",
        "text/html": ".html",
        "text/plain": ".txt",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    }.get(media_type, ".bin")


def _queue_processing(letter_id: int) -> None:
    transaction.on_commit(lambda: tasks.letter_process_task.delay(letter_id))


def letter_process(*, letter_id: int, worker: str = "") -> Letter | None:
    """Clean the text, read the metadata and extract claims. Idempotent: a ready letter is
    left alone, so a redelivered task does no harm, and a letter left "processing" by a worker
    that died is resumed (its claims are made once: extraction keeps what already stands).
    After MAX_PROCESSING_ATTEMPTS starts it fails with a reason and can be retried."""
    with transaction.atomic():
        updated = Letter.objects.filter(
            pk=letter_id,
            status__in=[LetterStatus.QUEUED, LetterStatus.FAILED, LetterStatus.PROCESSING],
            processing_attempts__lt=MAX_PROCESSING_ATTEMPTS,
        ).update(
            status=LetterStatus.PROCESSING,
            failure_reason="",
            processing_worker=worker[:200],
            processing_attempts=F("processing_attempts") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            _letter_give_up_if_exhausted(letter_id)
            return None
    letter = Letter.objects.get(pk=letter_id)
    try:
        _letter_read(letter)
        letter_extract_claims(letter_id=letter.pk, actor=None)
    except Exception as exc:
        Letter.objects.filter(pk=letter_id).update(
            status=LetterStatus.FAILED, failure_reason=f"Processing failed: {exc}"[:2000]
        )
        raise
    Letter.objects.filter(pk=letter_id).update(processing_worker="", processing_attempts=0)
    return Letter.objects.get(pk=letter_id)


def _letter_give_up_if_exhausted(letter_id: int) -> None:
    Letter.objects.filter(
        pk=letter_id,
        status=LetterStatus.PROCESSING,
        processing_attempts__gte=MAX_PROCESSING_ATTEMPTS,
    ).update(
        status=LetterStatus.FAILED,
        failure_reason=(
            f"Processing was interrupted {MAX_PROCESSING_ATTEMPTS} times (the worker stopped "
            "or ran out of time). Retry to try again."
        ),
    )


def letter_retry(*, letter: Letter, actor: Actor) -> Letter:
    """Queue a failed letter for processing again, with a fresh count of attempts."""
    permissions.require(permissions.can_edit_claims, actor, "Your role may not retry letters.")
    with transaction.atomic():
        updated = Letter.objects.filter(pk=letter.pk, status=LetterStatus.FAILED).update(
            status=LetterStatus.QUEUED, failure_reason="", processing_attempts=0
        )
        if not updated:
            raise Conflict("Only a failed letter can be retried.")
        audit_record(actor=actor, action="letter.retried", target=letter)
        _queue_processing(letter.pk)
    letter.refresh_from_db()
    return letter


def _letter_read(letter: Letter) -> None:
    clean = ingest.clean_text(letter.raw_text)
    meta = ingest.parse_metadata(letter.raw_text)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if not letter.claims.exists():
            letter.text, letter.annex_start = clean.text, clean.annex_start
        letter.symbol = meta.symbol or ""
        letter.symbols = list(meta.symbols)
        letter.doc_type = meta.doc_type
        letter.title = meta.title or letter.title
        letter.letter_date = meta.letter_date
        letter.distribution_date = meta.distribution_date
        letter.sender = meta.sender or ""
        letter.sender_title = meta.sender_title or ""
        letter.addressees = list(meta.addressees)
        letter.original_language = meta.original_language or ""
        letter.language = meta.language or ""
        letter.agenda_items = list(meta.agenda_items)
        letter.save()
        _link_duplicates(letter)


def _link_duplicates(letter: Letter) -> None:
    """Same UN symbol: a possible duplicate. Same text under another symbol: identical letters."""
    others = Letter.objects.live().exclude(pk=letter.pk)
    if letter.symbols:
        symbol_match = Q()
        for symbol in letter.symbols:
            symbol_match |= Q(symbol=symbol) | Q(symbols__contains=symbol)
        same = others.filter(symbol_match).order_by("id").first() if _json_contains_ok() else None
        if same is None:
            same = others.filter(symbol__in=letter.symbols).order_by("id").first()
        if same is not None:
            letter.duplicate_of = same
    same_text = others.filter(text=letter.text).exclude(text="").order_by("id").first()
    if same_text is not None and same_text != letter.duplicate_of:
        letter.identical_to = same_text
    letter.save(update_fields=["duplicate_of", "identical_to"])


def _json_contains_ok() -> bool:
    # JSON "contains" lookups are not supported by SQLite; fall back to the symbol column.
    from django.db import connection

    return connection.vendor == "postgresql"


def letter_extract_claims(*, letter_id: int, actor: Actor | None) -> list[Claim]:
    """(Re-)extract claims. Reviewed work is kept: claims that were triaged, edited or added by
    a person keep their identity and history; only untouched machine claims are replaced, and
    no new claim is made where a kept or dismissed one already stands."""
    from claims.extraction import SUPPORTED, extract_claims

    permissions.require(permissions.can_edit_claims, actor, "Your role may not re-extract claims.")
    letter = Letter.objects.get(pk=letter_id)
    if letter.language and letter.language not in SUPPORTED:
        _letter_mark_not_extracted(letter, actor=actor)
        return []
    found = extract_claims(
        letter.text, letter_date=letter.letter_date, sender=letter.sender or None
    )
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        untouched = letter.claims.live().filter(
            state=ClaimState.NEW, edited=False, origin=ClaimOrigin.MACHINE
        )
        for claim in untouched.filter(audit_events__isnull=True):
            _delete_if_unreferenced(claim)
        kept = list(letter.claims.values_list("start", "end"))
        new_claims = [
            _claim_from_extracted(letter, item)
            for item in found
            if not any(_dice((item.start, item.end), span) >= 0.5 for span in kept)
        ]
        Claim.objects.bulk_create(new_claims)
        letter.status = LetterStatus.READY
        letter.extraction_version = EXTRACTION_VERSION
        letter.save(update_fields=["status", "extraction_version", "updated_at"])
        audit_record(
            actor=actor,
            action="letter.claims_extracted",
            target=letter,
            after={"claims": len(new_claims), "kept": len(kept), "version": EXTRACTION_VERSION},
        )
        events.emit("letter.processed", {"letter": letter.pk, "symbol": letter.symbol})
    created = list(letter.claims.filter(origin=ClaimOrigin.MACHINE, state=ClaimState.NEW))
    queue_matching([claim.pk for claim in created])
    return created


def _letter_mark_not_extracted(letter: Letter, *, actor: Actor | None) -> None:
    """Extraction has no rules for the letter's language: say so rather than show a ready
    letter with no claims. People can still add claims by selecting text."""
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.NOT_EXTRACTED, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="letter.claims_not_extracted",
        target=letter,
        after={"language": letter.language},
    )


def _delete_if_unreferenced(claim: Claim) -> None:
    # A claim that anything points to (evidence, comments, verdicts) is reviewed work: keep it.
    try:
        with transaction.atomic():
            claim.delete()
    except ProtectedError:
        pass


def _dice(a: tuple[int, int], b: tuple[int, int]) -> float:
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    total = (a[1] - a[0]) + (b[1] - b[0])
    return 2 * overlap / total if total else 0.0


def _claim_from_extracted(letter: Letter, item) -> Claim:
    casualties = item.casualties
    quote = letter.text[item.start : item.end]
    return Claim(
        letter=letter,
        letter_text_version=letter.text_version,
        start=item.start,
        end=item.end,
        quote=quote,
        restatement=item.restatement,
        kind=item.kind,
        claim_type=item.claim_type,
        event_date=item.event_date,
        places=list(item.places),
        actors=list(item.actors),
        killed=casualties.killed if casualties else None,
        injured=casualties.injured if casualties else None,
        killed_at_least=bool(casualties and casualties.killed_at_least),
        injured_at_least=bool(casualties and casualties.injured_at_least),
        score=item.score,
        reasons=list(item.reasons),
        search_text=search_text(quote, item.places),
        origin=ClaimOrigin.MACHINE,
    )


LETTER_EDITABLE = [
    "symbol",
    "title",
    "doc_type",
    "letter_date",
    "distribution_date",
    "sender",
    "sender_title",
    "addressees",
    "original_language",
    "agenda_items",
]


def letter_update_metadata(*, letter: Letter, values: dict, actor: Actor) -> Letter:
    permissions.require(permissions.can_edit_claims, actor, "Your role may not edit letters.")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        before, after = changed_fields(letter, LETTER_EDITABLE, values)
        if after:
            letter.save()
            audit_record(
                actor=actor,
                action="letter.metadata_edited",
                target=letter,
                before=before,
                after=after,
            )
    return letter


def letters_requeue_pending(*, worker: str = "", actor: Actor | None = None) -> int:
    """Queue processing again for letters still waiting (the broker was down when they were
    uploaded) and for letters left "processing" by a worker that is gone: `worker` itself
    (it has just started, so what it was doing died with its last life) or one whose
    heartbeat has gone silent. Safe to repeat: processing skips letters already done."""
    now = timezone.now()
    # Letters queued moments ago still have their message in flight: leave those alone.
    waiting = Q(
        status=LetterStatus.QUEUED, updated_at__lt=now - timedelta(seconds=REQUEUE_AFTER_SECONDS)
    )
    silent_before = now - timedelta(seconds=WORKER_SILENT_AFTER_SECONDS)
    alive = list(
        WorkerHeartbeat.objects.filter(last_seen__gte=silent_before).values_list(
            "hostname", flat=True
        )
    )
    processing = Q(status=LetterStatus.PROCESSING)
    of_this_worker = processing & Q(processing_worker=worker) if worker else Q(pk__in=[])
    of_a_silent_worker = (
        processing & Q(updated_at__lt=silent_before) & ~Q(processing_worker__in=alive)
    )
    pending = list(
        Letter.objects.live()
        .filter(waiting | of_this_worker | of_a_silent_worker)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for letter_id in pending:
        _queue_processing(letter_id)
    return len(pending)


def letter_update_text(*, letter: Letter, text: str, actor: Actor) -> Letter:
    """Correct the canonical text. Once claims point into it, the old text is kept as a
    numbered version and the claims keep pointing into that version, so no span breaks."""
    permissions.require(permissions.can_edit_claims, actor, "Your role may not edit letters.")
    if not text.strip():
        raise BadInput("The letter text cannot be empty.", code=ErrorCode.EMPTY)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if text == letter.text:
            return letter
        before = {"text_version": letter.text_version, "length": len(letter.text)}
        if letter.claims.exists():
            LetterTextVersion.objects.create(
                letter=letter, version=letter.text_version, text=letter.text, created_by=actor
            )
            letter.text_version += 1
        letter.text = text
        letter.save(update_fields=["text", "text_version", "updated_at"])
        audit_record(
            actor=actor,
            action="letter.text_edited",
            target=letter,
            before=before,
            after={"text_version": letter.text_version, "length": len(text)},
        )
    return letter
