"""The append-only audit trail: one row per change, with the actor and before/after values."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from claims.models import AuditEvent, Claim, Letter

if TYPE_CHECKING:
    from claims.permissions import Actor


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if hasattr(value, "pk"):
        return value.pk
    return value


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    target,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    claim: Claim | None = None,
    letter: Letter | None = None,
) -> AuditEvent:
    """Record one change. Call inside the service's transaction so both land or neither."""
    if isinstance(target, Claim):
        claim = claim or target
        letter = letter or None
    if isinstance(target, Letter):
        letter = letter or target
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=type(target).__name__.lower(),
        target_id=target.pk,
        claim=claim,
        letter=letter,
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        note=note,
    )


def changed_fields(instance, fields: list[str], values: dict) -> tuple[dict, dict]:
    """Apply `values` to `instance`; return (before, after) for the fields that changed."""
    before, after = {}, {}
    for field in fields:
        if field not in values:
            continue
        old, new = getattr(instance, field), values[field]
        if old != new:
            before[field], after[field] = old, new
            setattr(instance, field, new)
    return before, after
