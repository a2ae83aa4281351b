"""Export jobs: `export_request` queues one (checked, audited); `export_run` (the task)
streams the scope's claims from the database into a report writer.

Claims are read with `.iterator(chunk_size=...)`, so each chunk's letters, verdicts, evidence
and captures are prefetched together and dropped before the next chunk: memory stays flat
however many claims the report holds. The file is written to a temporary file, hashed, and
stored on the job with its SHA-256 and size.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files import File
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from claims import events, permissions
from claims.audit import audit_record
from claims.errors import BadInput, Forbidden
from claims.models import Claim, Letter
from verification import tasks
from verification.models import Evidence, ExportFormat, ExportJob, ExportStatus, Rating, Verdict
from verification.public_url import public_url, report_schema_url
from verification.reports import ReportClaim, ReportEvidence, ReportMeta, ReportRating, get_writer
from verification.selectors import exports as export_selectors
from verification.senders import sender_same_as

if TYPE_CHECKING:
    from claims.permissions import Actor

logger = logging.getLogger(__name__)

# Claims per database round trip: each chunk's model instances (claims, letters, verdicts,
# evidence, sources, captures, users) are the peak of the export (tracemalloc: ~14 MiB at 200).
CHUNK_SIZE = 50
PROGRESS_EVERY = 50
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
NUMBERED = re.compile(r"\(?(\d{1,3})[.)]\s")


def export_request(*, format: str, scope: dict, actor: Actor) -> ExportJob:
    """Queue a report; the file is built by a Celery worker (export_run_task)."""
    if not permissions.can_export(actor):
        raise Forbidden("Your role may not export reports.")
    if format not in ExportFormat.values:
        raise BadInput(f"Unknown format {format!r}; use one of {', '.join(ExportFormat.values)}.")
    parsed = export_selectors.scope_parse(scope)
    approved_only = format == ExportFormat.CLAIMREVIEW
    label = export_selectors.scope_label(parsed, approved_only=approved_only)
    with transaction.atomic():
        job = ExportJob.objects.create(
            requested_by=actor, format=format, scope=parsed.as_json(), scope_label=label
        )
        audit_record(
            actor=actor,
            action="export.request",
            target=job,
            after={"format": format, "scope": job.scope},
            note=label,
        )
        transaction.on_commit(lambda: tasks.export_run_task.delay(job.pk))
    return job


def export_run(*, job_id: int, chunk_size: int = CHUNK_SIZE) -> ExportJob | None:
    """Build the job's file. Idempotent: a finished or failed job is left as it is."""
    started = ExportJob.objects.filter(
        pk=job_id, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]
    ).update(status=ExportStatus.RUNNING, progress=0, error="")
    if not started:
        return ExportJob.objects.filter(pk=job_id).first()
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        return _export_write_and_store(job, chunk_size)
    except OperationalError:
        # Transient (a locked or lost database): put the job back so the task's retry runs it.
        ExportJob.objects.filter(pk=job_id).update(status=ExportStatus.QUEUED, progress=0)
        raise
    except Exception as exc:
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED, error=str(exc)[:1000] or type(exc).__name__,
            finished_at=timezone.now(),
        )  # fmt: skip
        return ExportJob.objects.get(pk=job_id)


def _export_write_and_store(job: ExportJob, chunk_size: int) -> ExportJob:
    approved_only = job.format == ExportFormat.CLAIMREVIEW
    scope = export_selectors.scope_from_json(job.scope)
    claims = export_selectors.export_claims(scope, approved_only=approved_only)
    total = claims.count()
    meta = report_meta(job, summary=export_selectors.export_rating_summary(claims), total=total)
    writer = get_writer(job.format)
    rows = export_selectors.export_claims_for_report(claims).iterator(chunk_size=chunk_size)
    counter = _Progress(job.pk, total)
    fd, temp_name = tempfile.mkstemp(prefix=f"export-{job.pk}-", suffix=f".{writer.extension}")
    path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            writer.write(
                meta,
                counter.track(report_claims(rows, scale=scale_bounds(), collect_every=chunk_size)),
                out,
            )
        sha256, size = _file_digest(path)
        return _export_store(job, path, writer.extension, sha256, size, counter.done)
    finally:
        path.unlink(missing_ok=True)


class _Progress:
    """Counts claims as the writer pulls them and records a percentage now and then."""

    def __init__(self, job_id: int, total: int) -> None:
        self.job_id, self.total, self.done = job_id, total, 0

    def track(self, claims: Iterable[ReportClaim]) -> Iterator[ReportClaim]:
        for claim in claims:
            yield claim
            self.done += 1
            if self.done % PROGRESS_EVERY == 0 and self.total:
                percent = min(99, self.done * 100 // self.total)
                ExportJob.objects.filter(pk=self.job_id).update(progress=percent)


def _file_digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest(), path.stat().st_size


def _export_store(
    job: ExportJob, path: Path, extension: str, sha256: str, size: int, count: int
) -> ExportJob:
    with transaction.atomic():
        with path.open("rb") as stream:
            job.file.save(f"export-{job.pk}-{sha256[:12]}.{extension}", File(stream), save=False)
        job.sha256, job.size, job.claim_count = sha256, size, count
        job.status, job.progress, job.finished_at = ExportStatus.DONE, 100, timezone.now()
        job.save(
            update_fields=[
                "file",
                "sha256",
                "size",
                "claim_count",
                "status",
                "progress",
                "finished_at",
            ]
        )
        events.emit("export.ready", {"export": job.pk, "format": job.format, "sha256": sha256})
        audit_record(
            actor=None,
            action="export.finished",
            target=job,
            after={"sha256": sha256, "size": size, "claim_count": count, "file": job.file.name},
            note=job.scope_label,
        )
    return job


def report_meta(
    job: ExportJob, *, summary: tuple[tuple[str, int], ...], total: int | None = None
) -> ReportMeta:
    return ReportMeta(
        title=f"Verification report: {job.scope_label}",
        scope=job.scope_label,
        generated_at=timezone.now(),
        generated_by=person(job.requested_by) or "unknown",
        organisation=settings.WORKBENCH_ORGANISATION,
        organisation_url=settings.WORKBENCH_ORGANISATION_URL,
        summary=summary,
        schema_url=report_schema_url(),
        claim_count=None if job.format == ExportFormat.CLAIMREVIEW else total,
    )


def scale_bounds() -> tuple[int, int]:
    """(worst, best) values on the scale, inactive steps included (past verdicts use them)."""
    values = list(Rating.objects.values_list("value", flat=True))
    return (min(values), max(values)) if values else (0, 0)


def person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def report_claims(
    claims: Iterable[Claim], *, scale: tuple[int, int], collect_every: int = 0
) -> Iterator[ReportClaim]:
    """ReportClaims from claims fetched with export_selectors.export_claims_for_report.

    Model instances with prefetched relations refer to each other in cycles, which only the
    cyclic garbage collector frees; collecting once per chunk keeps memory at one chunk.
    """
    for count, claim in enumerate(claims, 1):
        yield report_claim(claim, scale=scale)
        if collect_every and count % collect_every == 0:
            gc.collect()


def report_claim(claim: Claim, *, scale: tuple[int, int]) -> ReportClaim:
    """One claim as the writers see it. Only an approved verdict gives a rating and rationale;
    a proposed one contributes who researched it and when."""
    verdict = next(iter(claim.report_verdicts), None)
    approved = verdict if verdict is not None and verdict.status == "approved" else None
    letter = claim.letter
    return ReportClaim(
        id=claim.pk,
        letter_symbol=letter.symbol or f"Letter {letter.pk}",
        letter_date=letter.letter_date,
        letter_sender=letter.sender,
        letter_url=letter_url(letter),
        paragraph=paragraph_of(claim, letter),
        quote=claim.quote,
        restatement=claim.restatement,
        kind=claim.kind,
        claim_type=claim.claim_type,
        event_date=claim.event_date,
        places=tuple(claim.places or ()),
        actors=tuple(claim.actors or ()),
        claimed_killed=claim.killed,
        claimed_injured=claim.injured,
        assessed_killed=_range(approved, "killed"),
        assessed_injured=_range(approved, "injured"),
        state=claim.state,
        rating=_rating(approved, scale),
        rationale_markdown=approved.rationale if approved else "",
        evidence=tuple(report_evidence(item) for item in _evidence_of(claim, approved)),
        researched_by=person(verdict.proposed_by) if verdict else person(claim.assignee),
        approved_by=person(approved.decided_by) if approved else None,
        approved_at=approved.decided_at if approved else None,
        proposed_at=verdict.proposed_at if verdict else None,
        url=claim_url(claim),
        sender_same_as=sender_same_as(letter.sender),
        claimed_killed_at_least=claim.killed_at_least,
        claimed_injured_at_least=claim.injured_at_least,
    )


def _evidence_of(claim: Claim, approved: Verdict | None) -> list[Evidence]:
    """What the approved verdict rests on, if it names its evidence; else the live evidence."""
    if approved is not None:
        chosen = list(approved.evidence.all())
        if chosen:
            return chosen
    return claim.report_evidence


def _range(verdict: Verdict | None, what: str) -> tuple[int, int] | None:
    if verdict is None:
        return None
    low = getattr(verdict, f"assessed_{what}_min")
    high = getattr(verdict, f"assessed_{what}_max")
    if low is None and high is None:
        return None
    return (low if low is not None else high, high if high is not None else low)


def _rating(verdict: Verdict | None, scale: tuple[int, int]) -> ReportRating | None:
    """The label, value and colour the verdict was given (copied then), not today's scale."""
    if verdict is None:
        return None
    worst, best = scale
    return ReportRating(
        label=verdict.rating_label,
        value=verdict.rating_value,
        colour=verdict.rating_colour,
        best=max(best, verdict.rating_value),
        worst=min(worst, verdict.rating_value),
    )


def report_evidence(item: Evidence) -> ReportEvidence:
    source = item.source
    capture = next(iter(getattr(source, "report_captures", ())), None)
    return ReportEvidence(
        source_title=source.title,
        source_kind=source.kind,
        url=source.url or None,
        publisher=source.publisher or None,
        stance=item.stance,
        reliability=source.reliability,
        credibility=item.credibility,
        excerpt=item.excerpt,
        location=item.location,
        captured_at=capture.captured_at if capture else None,
        sha256=capture.sha256 if capture else None,
        added_by=person(item.added_by) or "unknown",
    )


def claim_url(claim: Claim) -> str:
    """The public fact-check page where the claim is published (what ClaimReview needs);
    its workbench page otherwise."""
    from verification.selectors.publishing import publication_url

    slug = getattr(claim, "public_slug", None)
    if slug:
        return publication_url(slug)
    return public_url(reverse("claim_detail", args=[claim.pk]))


def letter_url(letter: Letter) -> str:
    """The UN document where the letter has a symbol; its workbench page otherwise."""
    if letter.symbol:
        return f"https://undocs.org/{letter.symbol}"
    return public_url(reverse("letter_detail", args=[letter.pk]))


def paragraph_of(claim: Claim, letter: Letter) -> int | None:
    """The paragraph the quote starts in: its printed number ("12. ...") where the letter
    numbers its paragraphs, else its position among the blank-line-separated blocks."""
    if claim.letter_text_version != letter.text_version or not letter.text:
        return None
    starts = getattr(letter, "_paragraph_starts", None)
    if starts is None:
        starts = [0, *(match.end() for match in PARAGRAPH_BREAK.finditer(letter.text))]
        letter._paragraph_starts = starts
    index = bisect.bisect_right(starts, claim.start)
    printed = NUMBERED.match(letter.text, starts[index - 1])
    return int(printed.group(1)) if printed else index
