"""Publishing an approved verdict as a public fact-check page, and withdrawing it.

Each service: one transaction, the editor role checked, one audit event.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import permissions
from claims.audit import audit_record
from claims.errors import Conflict, Forbidden, NotFound
from claims.models import Claim, ClaimState
from verification.models import Publication, Verdict, VerdictStatus


def _require_editor(actor) -> None:
    if not permissions.can_edit(actor):
        raise Forbidden("Only editors may publish or withdraw fact-checks.")


def publication_create(*, claim_id: int, actor) -> Publication:
    """Publish the claim's approved verdict. A claim has at most one live publication."""
    _require_editor(actor)
    with transaction.atomic():
        claim = (
            Claim.objects.select_for_update()
            .filter(pk=claim_id, is_deleted=False, letter__is_deleted=False)
            .first()
        )
        if claim is None:
            raise NotFound("No such claim.")
        verdict = (
            Verdict.objects.filter(claim=claim, status=VerdictStatus.APPROVED)
            .order_by("-decided_at", "-id")
            .first()
        )
        if claim.state != ClaimState.APPROVED or verdict is None:
            raise Conflict("Only a claim with an approved verdict can be published.")
        if Publication.objects.filter(claim=claim, withdrawn_at__isnull=True).exists():
            raise Conflict("This claim is already published.")
        try:
            with transaction.atomic():
                publication = Publication.objects.create(
                    claim=claim, verdict=verdict, slug=secrets.token_urlsafe(12), published_by=actor
                )
        except IntegrityError as exc:  # a concurrent publish won the race
            raise Conflict("This claim is already published.") from exc
        audit_record(
            actor=actor,
            action="claim.published",
            target=claim,
            after={"publication": publication.slug, "verdict": verdict.pk},
        )
    return publication


def publication_withdraw(*, claim_id: int, actor) -> Publication:
    """Withdraw the live publication: its page answers 410 Gone from now on."""
    _require_editor(actor)
    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update()
            .filter(claim_id=claim_id, withdrawn_at__isnull=True)
            .first()
        )
        if publication is None:
            raise Conflict("This claim is not published.")
        publication.withdrawn_at = timezone.now()
        publication.withdrawn_by = actor
        publication.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit_record(
            actor=actor,
            action="claim.unpublished",
            target=publication.claim,
            before={"publication": publication.slug},
        )
    return publication
