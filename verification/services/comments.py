"""Comments on a claim and the notifications they raise (mentions put a claim in an inbox)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.access import access_claim
from claims.audit import audit_record
from claims.errors import BadInput, Forbidden, NotFound
from claims.models import Claim
from verification.models import Comment, Notification

if TYPE_CHECKING:
    from claims.permissions import Actor

User = get_user_model()

MAX_COMMENT = 20_000
MENTION = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")


def mentioned_usernames(body: str) -> list[str]:
    """`@grace` and `@tomas.b` style mentions, in order, once each (trailing dots dropped)."""
    names = (match.group(1).rstrip(".") for match in MENTION.finditer(body))
    return list(dict.fromkeys(name for name in names if name))


def comment_add(*, claim: Claim, body: str, actor: Actor) -> Comment:
    """Add a comment (call inside a transaction); mentioned people get a notification."""
    body = (body or "").strip()
    if not body:
        raise BadInput("Write something before posting a comment.")
    if len(body) > MAX_COMMENT:
        raise BadInput(f"A comment can be at most {MAX_COMMENT:,} characters.")
    comment = Comment.objects.create(claim=claim, author=actor, body=body)
    audit_record(
        actor=actor,
        action="comment.created",
        target=comment,
        after={"body": body},
        claim=claim,
    )
    _notify_mentions(comment, actor)
    return comment


def comment_create(*, claim_id: int, body: str, actor: Actor) -> Comment:
    """Post a comment on a claim: fact-checkers and editors may; observers only read."""
    permissions.require_researcher(actor, "Your role may read the discussion but not post in it.")
    claim = access_claim(actor, claim_id, for_write=True)
    with transaction.atomic():
        return comment_add(claim=claim, body=body, actor=actor)


def comment_delete(*, comment_id: int, actor: Actor) -> Comment:
    """Soft-delete a comment: its author or an admin; the text stays in the audit trail."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or comment.is_deleted:
            raise NotFound("No such comment.")
        if comment.author_id != actor.pk and not permissions.can_administer(actor):
            raise Forbidden("Only the author or an admin may delete a comment.")
        comment.is_deleted = True
        comment.save(update_fields=["is_deleted"])
        audit_record(
            actor=actor,
            action="comment.deleted",
            target=comment,
            before={"is_deleted": False},
            after={"is_deleted": True},
            claim=comment.claim,
        )
    return comment


def _notify_mentions(comment: Comment, actor: Actor) -> None:
    names = mentioned_usernames(comment.body)
    if not names:
        return
    people = User.objects.filter(username__in=names, is_active=True).exclude(pk=actor.pk)
    Notification.objects.bulk_create(
        Notification(
            user=person,
            claim=comment.claim,
            actor=actor,
            kind="mention",
            message=f"{actor} mentioned you on claim {comment.claim_id}.",
        )
        for person in people
        if permissions.can_view(person)
    )


def notification_mark_read(*, notification_id: int, actor: Actor) -> Notification:
    """Mark one of your own notifications read (other people's do not exist for you)."""
    with transaction.atomic():
        notification = Notification.objects.filter(pk=notification_id, user=actor).first()
        if notification is None:
            raise NotFound("No such notification.")
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor: Actor) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
