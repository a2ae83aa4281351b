"""Named permission predicates, used by services, the API and templates alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings

from claims.roles import Role, role_at_least

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    # A signed-in user or the anonymous one. (Without django-stubs mypy sees Django's classes
    # as Any, so this documents more than it checks.)
    AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser
    # Who a service acts for: a signed-in user (None only for the system: tasks and
    # management commands run by an operator).
    Actor: TypeAlias = AbstractBaseUser


def user_roles(user: AnyUser) -> frozenset[Role]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_workbench_roles", None)
    if cached is not None:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    roles = {Role(name) for name in names if name in Role._value2member_map_}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    user._workbench_roles = frozenset(roles)
    return user._workbench_roles


def can_view(user: AnyUser) -> bool:
    """Everyone with a role reads everything in the workbench; outsiders see nothing."""
    return role_at_least(user_roles(user), Role.OBSERVER)


def can_research(user: AnyUser) -> bool:
    return role_at_least(user_roles(user), Role.FACT_CHECKER)


def can_edit_claims(user: AnyUser) -> bool:
    return can_research(user)


def can_upload_letters(user: AnyUser) -> bool:
    return can_research(user)


def can_edit(user: AnyUser) -> bool:
    """Editor rights: assign, approve, return, reopen, bulk triage."""
    return role_at_least(user_roles(user), Role.EDITOR)


def can_administer(user: AnyUser) -> bool:
    return Role.ADMIN in user_roles(user)


def can_export(user: AnyUser) -> bool:
    allowed = {
        Role(name) for name in settings.WORKBENCH_EXPORT_ROLES if name in Role._value2member_map_
    }
    return bool(user_roles(user) & allowed) or can_administer(user)


def require(
    predicate: Callable[[AnyUser], bool],
    user: AnyUser | None,
    message: str = "Your role does not allow this.",
) -> None:
    """The one guard for views and services: NotFound (404) for people with no role, so
    outsiders learn nothing; Forbidden (403) for a role too low. `user=None` is the system (a
    task, or a management command run by an operator on the server), never a request."""
    from claims.errors import Forbidden, NotFound

    if user is None:
        return
    if not can_view(user):
        raise NotFound("Not found.")
    if not predicate(user):
        raise Forbidden(message)


def require_researcher(
    user: AnyUser | None, message: str = "Your role does not allow this."
) -> None:
    require(can_research, user, message)
