"""The four roles, as plain data (pure: used by the workflow table and the permission module)."""

from enum import StrEnum


class Role(StrEnum):
    OBSERVER = "observer"
    FACT_CHECKER = "fact_checker"
    EDITOR = "editor"
    ADMIN = "admin"


# Each role may do everything the roles before it may do.
ROLE_ORDER = (Role.OBSERVER, Role.FACT_CHECKER, Role.EDITOR, Role.ADMIN)

ROLE_LABELS = {
    Role.OBSERVER: "Observer (reads)",
    Role.FACT_CHECKER: "Fact-checker",
    Role.EDITOR: "Editor",
    Role.ADMIN: "Admin",
}


def role_at_least(roles: frozenset[Role] | set[Role], minimum: Role) -> bool:
    rank = ROLE_ORDER.index(minimum)
    return any(ROLE_ORDER.index(role) >= rank for role in roles)
