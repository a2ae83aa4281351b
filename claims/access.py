"""One way to fetch and guard (Zulip's access_* functions): `access_<entity>(user, pk,
for_write=...)` finds a live row and checks the user's role in one call, so views, API views and
services cannot disagree about what "not found" or "not allowed" means.

Outsiders (no role) get NotFound (404) whether or not the row exists; a role too low for a write
gets Forbidden (403). Both errors are also Http404 / PermissionDenied for HTML views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet

from claims import permissions
from claims.errors import NotFound
from claims.models import Claim, Letter
from claims.selectors import LIVE_CLAIM_COUNT

if TYPE_CHECKING:
    from claims.permissions import AnyUser

M = TypeVar("M", bound=Model)


def check_access(user: AnyUser | None, *, for_write: bool, what: str) -> None:
    message = f"Your role may read {what} but not change them."
    permissions.require(
        permissions.can_research if for_write else permissions.can_view, user, message
    )


def get_or_not_found(queryset: QuerySet[M], pk: int, what: str) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"No such {what}.")
    return found


def access_letter(user: AnyUser | None, pk: int, *, for_write: bool = False) -> Letter:
    check_access(user, for_write=for_write, what="letters")
    letters = (
        Letter.objects.live()
        .select_related("original", "duplicate_of", "identical_to", "created_by")
        .annotate(claim_count=LIVE_CLAIM_COUNT)  # the API's letter always shows it
    )
    return get_or_not_found(letters, pk, "letter")


def access_claim(user: AnyUser | None, pk: int, *, for_write: bool = False) -> Claim:
    check_access(user, for_write=for_write, what="claims")
    claims = Claim.objects.live().select_related(
        "letter", "assignee", "proposed_by", "duplicate_of"
    )
    return get_or_not_found(claims, pk, "claim")
