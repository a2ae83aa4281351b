"""Writes for the verdict scale (admins). Each service: one transaction,
checked permission, one audit event per change.

Proposing, approving and returning verdicts are workflow actions: see services/review.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import transaction

from claims import permissions
from claims.audit import audit_record, changed_fields
from claims.errors import BadInput, Conflict, Forbidden
from verification.models import Rating

if TYPE_CHECKING:
    from claims.permissions import Actor

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
RATING_FIELDS = ["label", "description", "order", "colour", "value", "is_active"]
VALUE_LIMIT = 1000


def _require_admin(actor: Actor) -> None:
    if not permissions.can_administer(actor):
        raise Forbidden("Only admins may change the rating scale.")


def _clean_rating_values(values: dict, *, rating: Rating | None = None) -> dict:
    clean = {key: values[key] for key in RATING_FIELDS if key in values}
    if "label" in clean:
        clean["label"] = str(clean["label"]).strip()
        if not clean["label"] or len(clean["label"]) > 64:
            raise BadInput("A rating needs a label of 1 to 64 characters.")
        clash = Rating.objects.filter(label__iexact=clean["label"])
        if rating is not None:
            clash = clash.exclude(pk=rating.pk)
        if clash.exists():
            raise Conflict(f"The scale already has a rating called “{clean['label']}”.")
    if "colour" in clean and not COLOUR.match(str(clean["colour"])):
        raise BadInput("The colour must be a hex colour such as #1a7f37.")
    for key, low, high in (("value", -VALUE_LIMIT, VALUE_LIMIT), ("order", 0, 32767)):
        if key in clean:
            try:
                clean[key] = int(clean[key])
            except (TypeError, ValueError):
                raise BadInput(f"The {key} must be a whole number.") from None
            if not low <= clean[key] <= high:
                raise BadInput(f"The {key} must be between {low} and {high}.")
    if "description" in clean:
        clean["description"] = str(clean["description"]).strip()
    return clean


def rating_create(
    *,
    label: str,
    value: int,
    colour: str = "#6e7781",
    description: str = "",
    order: int | None = None,
    actor: Actor,
) -> Rating:
    _require_admin(actor)
    if order is None:
        last = Rating.objects.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    values = _clean_rating_values(
        {
            "label": label,
            "value": value,
            "colour": colour,
            "description": description,
            "order": order,
        }
    )
    with transaction.atomic():
        rating = Rating.objects.create(**values)
        audit_record(actor=actor, action="rating.create", target=rating, after=values)
    return rating


def rating_update(*, rating_id: int, values: dict, actor: Actor) -> Rating:
    """Edit a scale step. Past verdicts keep the label, value and colour they were given."""
    _require_admin(actor)
    with transaction.atomic():
        rating = Rating.objects.select_for_update().filter(pk=rating_id).first()
        if rating is None:
            raise BadInput(f"No rating {rating_id}.")
        clean = _clean_rating_values(values, rating=rating)
        if clean.get("is_active") is False and rating.is_active:
            _check_can_deactivate(rating)
        before, after = changed_fields(rating, RATING_FIELDS, clean)
        if after:
            rating.save(update_fields=list(after))
            audit_record(
                actor=actor, action="rating.update", target=rating, before=before, after=after
            )
    return rating


def rating_deactivate(*, rating_id: int, actor: Actor) -> Rating:
    """Take a step off the scale for new verdicts; ratings verdicts use are never deleted."""
    return rating_update(rating_id=rating_id, values={"is_active": False}, actor=actor)


def _check_can_deactivate(rating: Rating) -> None:
    others = Rating.objects.filter(is_active=True).exclude(pk=rating.pk)
    if not others.exists():
        raise Conflict("The scale needs at least one active rating.")


def rating_reorder(*, rating_ids: list[int], actor: Actor) -> list[Rating]:
    """Put the whole scale in the given order (every rating, each once)."""
    _require_admin(actor)
    try:
        wanted = [int(pk) for pk in rating_ids]
    except (TypeError, ValueError):
        raise BadInput("Give the rating ids as numbers.") from None
    with transaction.atomic():
        ratings = {rating.pk: rating for rating in Rating.objects.select_for_update()}
        if sorted(wanted) != sorted(ratings):
            raise BadInput("Give every rating on the scale exactly once.")
        before = {str(pk): ratings[pk].order for pk in wanted}
        for index, pk in enumerate(wanted):
            ratings[pk].order = index
        Rating.objects.bulk_update(ratings.values(), ["order"])
        after = {str(pk): index for index, pk in enumerate(wanted)}
        if before != after:
            audit_record(
                actor=actor,
                action="rating.reorder",
                target=ratings[wanted[0]],
                before=before,
                after=after,
            )
    return [ratings[pk] for pk in wanted]
