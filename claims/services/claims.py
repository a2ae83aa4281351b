"""Writes for claims a person changes: edit, add, split, merge. Each service takes the acting
user, checks it, and runs in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from claims import permissions, tasks
from claims.audit import audit_record, changed_fields
from claims.errors import BadInput, Conflict, ErrorCode
from claims.models import (
    Claim,
    ClaimOrigin,
    ClaimState,
    Letter,
)

if TYPE_CHECKING:
    from claims.permissions import Actor


def queue_matching(claim_ids: list[int]) -> None:
    if not claim_ids:
        return
    transaction.on_commit(lambda: tasks.claims_embed_task.delay(claim_ids))


def search_text(quote: str, places) -> str:
    return " ".join([quote, *places]).lower()


CLAIM_EDITABLE = [
    "restatement",
    "kind",
    "claim_type",
    "event_date",
    "places",
    "actors",
    "killed",
    "injured",
    "killed_at_least",
    "injured_at_least",
]


def claim_update(*, claim: Claim, values: dict, actor: Actor) -> Claim:
    """Edit a claim's restatement and attributes (audited); the span and quote stay."""
    permissions.require(permissions.can_edit_claims, actor, "Your role may not edit claims.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        before, after = changed_fields(claim, CLAIM_EDITABLE, values)
        if after:
            claim.edited = True
            claim.search_text = search_text(claim.quote, claim.places)
            claim.save()
            audit_record(
                actor=actor, action="claim.edited", target=claim, before=before, after=after
            )
    return claim


def claim_create(*, letter: Letter, start: int, end: int, actor: Actor, **attributes) -> Claim:
    """A fact-checker adds a claim the extractor missed by selecting its text."""
    permissions.require(permissions.can_edit_claims, actor, "Your role may not edit claims.")
    _check_span(letter, start, end)
    quote = letter.text[start:end]
    with transaction.atomic():
        claim = Claim.objects.create(
            letter=letter,
            letter_text_version=letter.text_version,
            start=start,
            end=end,
            quote=quote,
            restatement=attributes.get("restatement") or quote,
            kind=attributes.get("kind") or "specific",
            claim_type=attributes.get("claim_type") or "other",
            event_date=attributes.get("event_date"),
            places=attributes.get("places") or [],
            actors=attributes.get("actors") or [],
            search_text=search_text(quote, attributes.get("places") or []),
            origin=ClaimOrigin.HUMAN,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="claim.created",
            target=claim,
            after={"start": start, "end": end, "quote": quote},
        )
    queue_matching([claim.pk])
    return claim


def _check_span(letter: Letter, start: int, end: int) -> None:
    if not (0 <= start < end <= len(letter.text)):
        raise BadInput("The selected span is outside the letter's text.", code=ErrorCode.BAD_SPAN)
    if not letter.text[start:end].strip():
        raise BadInput("The selected text is empty.", code=ErrorCode.BAD_SPAN)


def claim_split(*, claim: Claim, at: int, actor: Actor) -> tuple[Claim, Claim]:
    """Split one claim into two at a character offset of the letter text."""
    permissions.require(permissions.can_edit_claims, actor, "Your role may not edit claims.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.state != ClaimState.NEW:
            raise Conflict("Only claims that are not yet triaged can be split.")
        if not (claim.start < at < claim.end):
            raise BadInput("The split point must fall inside the claim.", code=ErrorCode.BAD_SPAN)
        letter = claim.letter
        before = {"start": claim.start, "end": claim.end}
        old_end = claim.end
        claim.end = at
        claim.quote = letter.text[claim.start : at].rstrip()
        claim.end = claim.start + len(claim.quote)
        claim.edited = True
        claim.save()
        second = claim_create(
            letter=letter,
            start=_skip_space(letter.text, at),
            end=old_end,
            actor=actor,
            kind=claim.kind,
            claim_type=claim.claim_type,
            event_date=claim.event_date,
            places=claim.places,
            actors=claim.actors,
        )
        audit_record(
            actor=actor,
            action="claim.split",
            target=claim,
            before=before,
            after={"start": claim.start, "end": claim.end, "new_claim": second.pk},
        )
    return claim, second


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def claim_merge(*, claims: list[Claim], actor: Actor) -> Claim:
    """Merge claims of one letter into the first; the others are dismissed as duplicates."""
    permissions.require(permissions.can_edit_claims, actor, "Your role may not edit claims.")
    if len(claims) < 2:
        raise BadInput("Choose at least two claims to merge.", code=ErrorCode.MERGE_NEEDS_TWO)
    if len({c.letter_id for c in claims}) != 1:
        raise BadInput(
            "Only claims of the same letter can be merged.", code=ErrorCode.MERGE_ACROSS_LETTERS
        )
    with transaction.atomic():
        locked = list(
            Claim.objects.select_for_update()
            .filter(pk__in=[c.pk for c in claims])
            .order_by("start")
        )
        if any(c.state != ClaimState.NEW for c in locked):
            raise Conflict("Only claims that are not yet triaged can be merged.")
        keep, rest = locked[0], locked[1:]
        before = {"start": keep.start, "end": keep.end}
        keep.end = max(c.end for c in locked)
        keep.quote = keep.letter.text[keep.start : keep.end]
        keep.edited = True
        keep.save()
        for other in rest:
            other.state, other.dismiss_reason, other.duplicate_of = (
                ClaimState.DISMISSED,
                "duplicate",
                keep,
            )
            other.save()
            audit_record(
                actor=actor, action="claim.merged_into", target=other, after={"into": keep.pk}
            )
        audit_record(
            actor=actor,
            action="claim.merged",
            target=keep,
            before=before,
            after={"start": keep.start, "end": keep.end, "merged": [c.pk for c in rest]},
        )
    return keep
