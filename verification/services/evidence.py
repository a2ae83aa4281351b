"""Evidence: a source attached to a claim, with its stance, credibility and passage.

Attaching by URL, letter passage or uploaded file reuses or creates the source
(services/sources.py); files are stored like captures (services/captures.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction

from claims import permissions
from claims.audit import audit_record, changed_fields
from claims.errors import BadInput, Conflict, ErrorCode, NotFound
from claims.models import Claim
from claims.storage import files_removed_on_failure
from verification.capture import (
    readable_text,
)
from verification.models import (
    Credibility,
    Evidence,
    Source,
    SourceCapture,
    SourceKind,
    Stance,
)
from verification.services import captures, sources

if TYPE_CHECKING:
    from claims.permissions import Actor

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
    credibility: int = Credibility.CANNOT_JUDGE  # type: ignore[assignment]  # IntegerChoices: no django-stubs
    excerpt: str = ""
    location: str = ""
    note: str = ""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def _clean_details(details: EvidenceDetails) -> dict:
    if details.stance not in Stance.values:
        raise BadInput(
            "Choose a stance: corroborates, contradicts, adds context or mixed.",
            code=ErrorCode.BAD_STANCE,
        )
    if details.credibility not in Credibility.values:
        raise BadInput("Credibility must be a number from 1 to 6.", code=ErrorCode.BAD_CREDIBILITY)
    return {
        "stance": details.stance,
        "credibility": int(details.credibility),
        "excerpt": details.excerpt.strip(),
        "location": details.location.strip()[:200],
        "note": details.note.strip(),
    }


def _attach(*, claim: Claim, source: Source, values: dict, actor: Actor) -> Evidence:
    """Link source to claim; the same source twice on one claim is a conflict."""
    existing = Evidence.objects.live().filter(claim=claim, source=source).first()
    if existing:
        raise Conflict(
            f"“{source.title}” is already attached to this claim (evidence {existing.pk}); "
            "edit that item instead.",
            code=ErrorCode.DUPLICATE_EVIDENCE,
        )
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(claim=claim, source=source, added_by=actor, **values)
    except IntegrityError as exc:
        raise Conflict(
            f"“{source.title}” is already attached to this claim.",
            code=ErrorCode.DUPLICATE_EVIDENCE,
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
        return Claim.objects.live().select_for_update().get(pk=claim.pk)
    except Claim.DoesNotExist as exc:
        raise NotFound("No such claim.") from exc


def evidence_add_url(*, claim: Claim, url: str, details: EvidenceDetails, actor: Actor) -> Evidence:
    """Attach a web address: reuse its source or create one, and queue a capture of it."""
    permissions.require_researcher(actor, sources.REFUSED)
    url, values = sources.clean_url(url), _clean_details(details)
    with transaction.atomic():
        claim = _live_claim(claim)
        source, created = sources.source_for_url(url, actor=actor)
        evidence = _attach(claim=claim, source=source, values=values, actor=actor)
        if created or not source.captures.exists():
            captures.capture_request(source, actor=actor, claim=claim)
    return evidence


def evidence_add_source(
    *, claim: Claim, source_id: int, details: EvidenceDetails, actor: Actor
) -> Evidence:
    permissions.require_researcher(actor, sources.REFUSED)
    values = _clean_details(details)
    with transaction.atomic():
        claim = _live_claim(claim)
        source = Source.objects.live().filter(pk=source_id).first()
        if source is None:
            raise BadInput(f"There is no source {source_id}.", code=ErrorCode.NO_SOURCE)
        return _attach(claim=claim, source=source, values=values, actor=actor)


def evidence_add_letter_passage(
    *, claim: Claim, symbol: str, start: int, end: int, details: EvidenceDetails, actor: Actor
) -> Evidence:
    """Attach a passage of another letter; the excerpt is exactly that span of its text."""
    permissions.require_researcher(actor, sources.REFUSED)
    values = _clean_details(details)
    letter = sources.letter_by_symbol(symbol)
    if letter.pk == claim.letter_id:
        raise BadInput(
            "That is the claim's own letter: pick another letter.", code=ErrorCode.SAME_LETTER
        )
    if not letter.text:
        raise BadInput(f"{letter.symbol} has no text yet: wait until it is processed.")
    if not (0 <= start < end <= len(letter.text)) or not letter.text[start:end].strip():
        raise BadInput("Select a passage of the letter text first.", code=ErrorCode.BAD_SPAN)
    values |= {
        "excerpt": letter.text[start:end],
        "passage_start": start,
        "passage_end": end,
        "location": values["location"] or f"characters {start}–{end}",
    }
    with transaction.atomic():
        claim = _live_claim(claim)
        source = sources.source_for_letter(letter, actor=actor)
        return _attach(claim=claim, source=source, values=values, actor=actor)


def evidence_add_file(
    *, claim: Claim, upload: Upload, details: EvidenceDetails, actor: Actor
) -> Evidence:
    """Attach an uploaded document, stored like a capture: bytes, SHA-256 and readable text."""
    permissions.require_researcher(actor, sources.REFUSED)
    values = _clean_details(details)
    media_type, text = _read_upload(upload)
    sha256 = hashlib.sha256(upload.data).hexdigest()
    with files_removed_on_failure() as stored, transaction.atomic():
        claim = _live_claim(claim)
        source = _source_for_upload(upload, sha256, actor=actor)
        evidence = _attach(claim=claim, source=source, values=values, actor=actor)
        if not source.captures.filter(sha256=sha256).exists():
            capture = SourceCapture(source=source, requested_by=actor, filename=upload.name)
            captures.store_bytes(capture, upload.data, media_type, text, stored)
            capture.save()
            captures.audit_capture(capture, actor=actor, claim=claim)
    return evidence


def _read_upload(upload: Upload) -> tuple[str, str]:
    limit = settings.WORKBENCH_MAX_UPLOAD_BYTES
    if not upload.data:
        raise BadInput(f"{upload.name}: the file is empty.", code=ErrorCode.EMPTY)
    if len(upload.data) > limit:
        raise BadInput(
            f"{upload.name}: over the {limit // 2**20} MB limit.", code=ErrorCode.TOO_LARGE
        )
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    media_type = "application/pdf" if upload.data.startswith(b"%PDF") else UPLOAD_TYPES.get(suffix)
    if media_type is None:
        raise BadInput(
            f"{upload.name}: upload a PDF, HTML or plain-text file.", code=ErrorCode.UNSUPPORTED
        )
    try:
        return media_type, readable_text(upload.data, media_type)
    except ValueError as exc:
        raise BadInput(f"{upload.name}: the file could not be read ({exc}).") from exc


def _source_for_upload(upload: Upload, sha256: str, *, actor: Actor) -> Source:
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


def evidence_update(*, evidence: Evidence, values: dict, actor: Actor) -> Evidence:
    """Edit stance, grades, excerpt, location or note. `reliability` grades the source."""
    permissions.require_researcher(actor, sources.REFUSED)
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
            evidence.source = sources.source_update(
                source=evidence.source,
                values={"reliability": values["reliability"]},
                actor=actor,
                claim=evidence.claim,
            )
    return evidence


def evidence_delete(*, evidence: Evidence, actor: Actor) -> Evidence:
    """Soft delete: the record stays for the audit trail; the source may be attached again."""
    permissions.require_researcher(actor, sources.REFUSED)
    with transaction.atomic():
        updated = Evidence.objects.live().filter(pk=evidence.pk).update(is_deleted=True)
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
