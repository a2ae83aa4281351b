from claims import permissions


def roles(request) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {"wb": {}}
    return {
        "wb": {
            "can_view": permissions.can_view(user),
            "can_research": permissions.can_research(user),
            "can_edit": permissions.can_edit(user),
            "can_administer": permissions.can_administer(user),
            "can_export": permissions.can_export(user),
            "roles": sorted(role.value for role in permissions.user_roles(user)),
        }
    }
