"""Writes for sources, evidence and captures (the sources' chain of custody).

Every service takes the acting user, runs in one transaction and writes an audit event.
Network fetches never run inside a transaction: a capture is requested (a pending entry,
queued after commit) and run later by `source_capture_run`, which records the outcome.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import permissions
from claims.audit import audit_record, changed_fields
from claims.errors import BadInput, Conflict, Forbidden, NotFound
from claims.models import Claim, Letter
from verification.capture import (
    DEFAULT_POLICY,
    CaptureFailed,
    CapturePolicy,
    CaptureRefused,
    capture_url,
    readable_text,
)
from verification.models import (
    CaptureStatus,
    Credibility,
    Evidence,
    Reliability,
    Source,
    SourceCapture,
    SourceKind,
    Stance,
)

SOURCE_FIELDS = [
    "kind",
    "title",
    "publisher",
    "author",
    "url",
    "published_on",
    "language",
    "reliability",
    "notes",
]
EVIDENCE_FIELDS = ["stance", "credibility", "excerpt", "location", "note"]
UPLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class EvidenceDetails:
    """How the source bears on the claim; the same for every way of attaching it."""

    stance: str
    credibility: int = Credibility.CANNOT_JUDGE
    excerpt: str = ""
    location: str = ""
    note: str = ""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


# ---- Sources ------------------------------------------------------------------------------


def _require_researcher(actor) -> None:
    if not permissions.can_research(actor):
        raise Forbidden("Your role does not allow changing sources or evidence.")


def _clean_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise BadInput(
            "Enter a full web address starting with http:// or https://.", code="bad_url"
        )
    if len(url) > 2000 or any(ch.isspace() for ch in url):
        raise BadInput("That web address is too long or contains spaces.", code="bad_url")
    return url


def _clean_source_values(values: dict) -> dict:
    values = dict(values)
    if "kind" in values and values["kind"] not in SourceKind.values:
        raise BadInput(f"Unknown source kind {values['kind']!r}.", code="bad_kind")
    if "reliability" in values and values["reliability"] not in Reliability.values:
        raise BadInput("Reliability must be one of A–F.", code="bad_reliability")
    if "title" in values:
        values["title"] = values["title"].strip()[:500]
        if not values["title"]:
            raise BadInput("A source needs a title.", code="no_title")
    if values.get("url"):
        values["url"] = _clean_url(values["url"])
    return values


def source_create(*, values: dict, actor) -> Source:
    """A source entered by hand; if it has a URL, its first capture is queued."""
    _require_researcher(actor)
    values = _clean_source_values({"kind": SourceKind.WEB_PAGE, **values})
    if "title" not in values:
        raise BadInput("A source needs a title.", code="no_title")
    with transaction.atomic():
        source = Source.objects.create(**values, created_by=actor)
        audit_record(actor=actor, action="source.created", target=source, after=values)
        if source.url:
            _capture_request(source, actor=actor)
    return source


def source_update(*, source: Source, values: dict, actor, claim: Claim | None = None) -> Source:
    _require_researcher(actor)
    values = _clean_source_values(values)
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk, is_deleted=False)
        before, after = changed_fields(source, SOURCE_FIELDS, values)
        if after:
            source.save()
            audit_record(
                actor=actor,
                action="source.updated",
                target=source,
                before=before,
                after=after,
                claim=claim,
            )
    return source


def _source_for_url(url: str, *, actor) -> tuple[Source, bool]:
    existing = Source.objects.filter(url=url, is_deleted=False).order_by("id").first()
    if existing:
        return existing, False
    parts = urlsplit(url)
    source = Source.objects.create(
        kind=SourceKind.WEB_PAGE,
        title=(parts.netloc + parts.path)[:500],
        publisher=parts.hostname or "",
        url=url,
        created_by=actor,
    )
    audit_record(actor=actor, action="source.created", target=source, after={"url": url})
    return source, True


def _source_for_letter(letter: Letter, *, actor) -> Source:
    existing = Source.objects.filter(letter=letter, is_deleted=False).order_by("id").first()
    if existing:
        return existing
    title = f"{letter.symbol}: {letter.title}" if letter.title else letter.symbol
    source = Source.objects.create(
        kind=SourceKind.LETTER,
        title=title[:500] or f"Letter {letter.pk}",
        publisher=letter.sender,
        published_on=letter.letter_date,
        language=letter.original_language[:32],
        letter=letter,
        created_by=actor,
    )
    audit_record(actor=actor, action="source.created", target=source, after={"letter": letter.pk})
    return source


def letter_by_symbol(symbol: str) -> Letter:
    """The workbench letter with this UN symbol (the processed one first)."""
    symbol = symbol.strip()
    if not symbol:
        raise BadInput("Type the UN symbol of the letter, e.g. S/2025/76.", code="no_symbol")
    letters = Letter.objects.filter(is_deleted=False, symbol__iexact=symbol).order_by("-id")
    letter = next((item for item in letters if item.text), None) or letters.first()
    if letter is None:
        raise BadInput(f"No letter with the symbol {symbol} is in the workbench.", code="no_letter")
    return letter


# ---- Evidence -----------------------------------------------------------------------------


def _clean_details(details: EvidenceDetails) -> dict:
    if details.stance not in Stance.values:
        raise BadInput(
            "Choose a stance: corroborates, contradicts, adds context or mixed.",
            code="bad_stance",
        )
    if details.credibility not in Credibility.values:
        raise BadInput("Credibility must be a number from 1 to 6.", code="bad_credibility")
    return {
        "stance": details.stance,
        "credibility": int(details.credibility),
        "excerpt": details.excerpt.strip(),
        "location": details.location.strip()[:200],
        "note": details.note.strip(),
    }


def _attach(*, claim: Claim, source: Source, values: dict, actor) -> Evidence:
    """Link source to claim; the same source twice on one claim is a conflict."""
    existing = Evidence.objects.filter(claim=claim, source=source, is_deleted=False).first()
    if existing:
        raise Conflict(
            f"“{source.title}” is already attached to this claim (evidence {existing.pk}); "
            "edit that item instead.",
            code="duplicate_evidence",
        )
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(claim=claim, source=source, added_by=actor, **values)
    except IntegrityError as exc:
        raise Conflict(
            f"“{source.title}” is already attached to this claim.", code="duplicate_evidence"
        ) from exc
    audit_record(
        actor=actor,
        action="evidence.added",
        target=evidence,
        after={"source": source.pk, **values},
        claim=claim,
    )
    return evidence


def _live_claim(claim: Claim) -> Claim:
    try:
        return Claim.objects.select_for_update().get(pk=claim.pk, is_deleted=False)
    except Claim.DoesNotExist as exc:
        raise NotFound("No such claim.") from exc


def evidence_add_url(*, claim: Claim, url: str, details: EvidenceDetails, actor) -> Evidence:
    """Attach a web address: reuse its source or create one, and queue a capture of it."""
    _require_researcher(actor)
    url, values = _clean_url(url), _clean_details(details)
    with transaction.atomic():
        claim = _live_claim(claim)
        source, created = _source_for_url(url, actor=actor)
        evidence = _attach(claim=claim, source=source, values=values, actor=actor)
        if created or not source.captures.exists():
            _capture_request(source, actor=actor, claim=claim)
    return evidence


def evidence_add_source(
    *, claim: Claim, source_id: int, details: EvidenceDetails, actor
) -> Evidence:
    _require_researcher(actor)
    values = _clean_details(details)
    with transaction.atomic():
        claim = _live_claim(claim)
        source = Source.objects.filter(pk=source_id, is_deleted=False).first()
        if source is None:
            raise BadInput(f"There is no source {source_id}.", code="no_source")
        return _attach(claim=claim, source=source, values=values, actor=actor)


def evidence_add_letter_passage(
    *, claim: Claim, symbol: str, start: int, end: int, details: EvidenceDetails, actor
) -> Evidence:
    """Attach a passage of another letter; the excerpt is exactly that span of its text."""
    _require_researcher(actor)
    values = _clean_details(details)
    letter = letter_by_symbol(symbol)
    if letter.pk == claim.letter_id:
        raise BadInput("That is the claim's own letter: pick another letter.", code="same_letter")
    if not letter.text:
        raise BadInput(f"{letter.symbol} has no text yet: wait until it is processed.")
    if not (0 <= start < end <= len(letter.text)) or not letter.text[start:end].strip():
        raise BadInput("Select a passage of the letter text first.", code="bad_span")
    values |= {
        "excerpt": letter.text[start:end],
        "passage_start": start,
        "passage_end": end,
        "location": values["location"] or f"characters {start}–{end}",
    }
    with transaction.atomic():
        claim = _live_claim(claim)
        source = _source_for_letter(letter, actor=actor)
        return _attach(claim=claim, source=source, values=values, actor=actor)


def evidence_add_file(*, claim: Claim, upload: Upload, details: EvidenceDetails, actor) -> Evidence:
    """Attach an uploaded document, stored like a capture: bytes, SHA-256 and readable text."""
    _require_researcher(actor)
    values = _clean_details(details)
    media_type, text = _read_upload(upload)
    sha256 = hashlib.sha256(upload.data).hexdigest()
    stored: list[str] = []
    try:
        with transaction.atomic():
            claim = _live_claim(claim)
            source = _source_for_upload(upload, sha256, actor=actor)
            evidence = _attach(claim=claim, source=source, values=values, actor=actor)
            if not source.captures.filter(sha256=sha256).exists():
                capture = SourceCapture(source=source, requested_by=actor, filename=upload.name)
                _store_bytes(capture, upload.data, media_type, text, stored)
                capture.save()
                _audit_capture(capture, actor=actor, claim=claim)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return evidence


def _read_upload(upload: Upload) -> tuple[str, str]:
    limit = settings.WORKBENCH_MAX_UPLOAD_BYTES
    if not upload.data:
        raise BadInput(f"{upload.name}: the file is empty.", code="empty")
    if len(upload.data) > limit:
        raise BadInput(f"{upload.name}: over the {limit // 2**20} MB limit.", code="too_large")
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    media_type = "application/pdf" if upload.data.startswith(b"%PDF") else UPLOAD_TYPES.get(suffix)
    if media_type is None:
        raise BadInput(f"{upload.name}: upload a PDF, HTML or plain-text file.", code="unsupported")
    try:
        return media_type, readable_text(upload.data, media_type)
    except ValueError as exc:
        raise BadInput(f"{upload.name}: the file could not be read ({exc}).") from exc


def _source_for_upload(upload: Upload, sha256: str, *, actor) -> Source:
    """The same bytes uploaded again are the same source."""
    earlier = (
        SourceCapture.objects.filter(sha256=sha256, requested_url="", source__is_deleted=False)
        .select_related("source")
        .order_by("id")
        .first()
    )
    if earlier:
        return earlier.source
    source = Source.objects.create(
        kind=SourceKind.DOCUMENT, title=upload.name[:500] or "Uploaded document", created_by=actor
    )
    audit_record(
        actor=actor, action="source.created", target=source, after={"filename": upload.name}
    )
    return source


def evidence_update(*, evidence: Evidence, values: dict, actor) -> Evidence:
    """Edit stance, grades, excerpt, location or note. `reliability` grades the source."""
    _require_researcher(actor)
    with transaction.atomic():
        evidence = (
            Evidence.objects.select_for_update()
            .select_related("claim", "source")
            .get(pk=evidence.pk)
        )
        if evidence.is_deleted:
            raise NotFound("This evidence was removed.")
        current = EvidenceDetails(**{f: getattr(evidence, f) for f in EVIDENCE_FIELDS})
        merged = {f: values.get(f, getattr(current, f)) for f in EVIDENCE_FIELDS}
        cleaned = _clean_details(EvidenceDetails(**merged))
        before, after = changed_fields(evidence, EVIDENCE_FIELDS, cleaned)
        if after:
            evidence.save()
            audit_record(
                actor=actor,
                action="evidence.updated",
                target=evidence,
                before=before,
                after=after,
                claim=evidence.claim,
            )
        if "reliability" in values:
            evidence.source = source_update(
                source=evidence.source,
                values={"reliability": values["reliability"]},
                actor=actor,
                claim=evidence.claim,
            )
    return evidence


def evidence_delete(*, evidence: Evidence, actor) -> Evidence:
    """Soft delete: the record stays for the audit trail; the source may be attached again."""
    _require_researcher(actor)
    with transaction.atomic():
        updated = Evidence.objects.filter(pk=evidence.pk, is_deleted=False).update(is_deleted=True)
        if not updated:
            raise NotFound("This evidence was already removed.")
        evidence.refresh_from_db()
        audit_record(
            actor=actor,
            action="evidence.removed",
            target=evidence,
            before={"is_deleted": False, "source": evidence.source_id},
            after={"is_deleted": True},
            claim=evidence.claim,
        )
    return evidence


# ---- Captures -----------------------------------------------------------------------------


def source_capture_request(*, source: Source, actor) -> SourceCapture:
    """Capture the source's URL again: a new chain-of-custody entry, never an overwrite."""
    _require_researcher(actor)
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        if source.is_deleted:
            raise NotFound("No such source.")
        if not source.url:
            raise BadInput("This source has no web address to capture.", code="no_url")
        return _capture_request(source, actor=actor)


def _capture_request(source: Source, *, actor, claim: Claim | None = None) -> SourceCapture:
    from verification import tasks

    capture = SourceCapture.objects.create(
        source=source, requested_by=actor, requested_url=source.url
    )
    audit_record(
        actor=actor,
        action="capture.requested",
        target=capture,
        after={"source": source.pk, "url": source.url},
        claim=claim,
    )
    transaction.on_commit(lambda: tasks.source_capture_task.delay(capture.pk))
    return capture


def capture_policy() -> CapturePolicy:
    allow = frozenset(settings.WORKBENCH_CAPTURE_ALLOW_HOSTS)
    return CapturePolicy(
        max_bytes=min(DEFAULT_POLICY.max_bytes, settings.WORKBENCH_MAX_UPLOAD_BYTES),
        timeout=DEFAULT_POLICY.timeout,
        max_redirects=DEFAULT_POLICY.max_redirects,
        allowed_ports=DEFAULT_POLICY.allowed_ports,
        allow_hosts=allow,
    )


def source_capture_run(*, capture_id: int, final_attempt: bool = True) -> SourceCapture | None:
    """Fetch a pending capture and record the outcome. Idempotent: anything but a pending
    capture is left alone. A transient failure is raised again (for the task to retry)
    unless this is the final attempt, when it is recorded as failed and retryable."""
    capture = SourceCapture.objects.filter(pk=capture_id).first()
    if capture is None or capture.status != CaptureStatus.PENDING:
        return None
    try:
        result = capture_url(capture.requested_url, policy=capture_policy())
        text = readable_text(result.data, result.media_type, charset=result.charset)
    except CaptureRefused as exc:
        return _capture_fail(capture_id, f"Refused: {exc.reason}", retryable=False)
    except CaptureFailed as exc:
        if exc.transient and not final_attempt:
            raise
        return _capture_fail(capture_id, f"Failed: {exc.reason}", retryable=exc.transient)
    except ValueError as exc:
        return _capture_fail(capture_id, f"Failed: unreadable content ({exc})", retryable=False)
    return _capture_succeed(capture_id, result, text)


def _capture_fail(capture_id: int, reason: str, *, retryable: bool) -> SourceCapture | None:
    with transaction.atomic():
        updated = SourceCapture.objects.filter(pk=capture_id, status=CaptureStatus.PENDING).update(
            status=CaptureStatus.FAILED, failure_reason=reason[:2000], retryable=retryable
        )
        if not updated:
            return None
        capture = SourceCapture.objects.get(pk=capture_id)
        audit_record(
            actor=None,
            action="capture.failed",
            target=capture,
            after={"reason": reason, "retryable": retryable},
        )
    return capture


def _capture_succeed(capture_id: int, result, text: str) -> SourceCapture | None:
    stored: list[str] = []
    try:
        with transaction.atomic():
            capture = SourceCapture.objects.select_for_update().get(pk=capture_id)
            if capture.status != CaptureStatus.PENDING:
                return None
            capture.final_url = result.final_url[:2000]
            capture.filename = _capture_filename(result.final_url, result.media_type)
            _store_bytes(capture, result.data, result.media_type, text, stored)
            capture.captured_at = result.fetched_at
            capture.save()
            _audit_capture(capture, actor=None)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return capture


def _store_bytes(
    capture: SourceCapture, data: bytes, media_type: str, text: str, stored: list[str]
) -> None:
    sha256 = hashlib.sha256(data).hexdigest()
    extension = {"application/pdf": ".pdf", "text/plain": ".txt"}.get(media_type, ".html")
    capture.file.save(f"{sha256}{extension}", ContentFile(data), save=False)
    stored.append(capture.file.name)
    capture.sha256, capture.size, capture.media_type = sha256, len(data), media_type
    capture.text = text
    capture.status = CaptureStatus.CAPTURED
    capture.captured_at = timezone.now()
    capture.failure_reason, capture.retryable = "", False


def _capture_filename(url: str, media_type: str) -> str:
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or "index"
    extension = {"application/pdf": ".pdf", "text/plain": ".txt"}.get(media_type, ".html")
    return (name if "." in name else name + extension)[:255]


def _audit_capture(capture: SourceCapture, *, actor, claim: Claim | None = None) -> None:
    audit_record(
        actor=actor,
        action="capture.stored",
        target=capture,
        after={
            "source": capture.source_id,
            "sha256": capture.sha256,
            "size": capture.size,
            "media_type": capture.media_type,
        },
        claim=claim,
    )
