"""HTML views for the rating scale: everyone with a role reads it, admins edit it.

Plain POST-redirect-GET forms; a refusal or bad input comes back as a message on the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from claims import permissions
from claims.errors import DomainError
from verification.selectors import verdicts as selectors
from verification.services import verdicts as services
from verification.views.common import page_of, role_required

RATING_FORM_FIELDS = ("label", "description", "order", "colour", "value")


def _scale_page(request, *, status: int = 200, draft: dict | None = None):
    ratings = selectors.rating_list().annotate(verdict_count=Count("verdicts"))
    context = {
        "page": page_of(request, ratings, per_page=50),
        "can_administer": permissions.can_administer(request.user),
        "draft": draft or {},
    }
    return render(request, "verification/rating_scale.html", context, status=status)


@role_required(permissions.can_view)
def rating_scale_page(request):
    return _scale_page(request)


def _form_values(post) -> dict:
    values = {field: post[field] for field in RATING_FORM_FIELDS if field in post}
    if "is_active_present" in post:
        values["is_active"] = post.get("is_active") == "on"
    return values


def _refused(request, exc: DomainError, draft: dict | None = None):
    messages.error(request, exc.message)
    return _scale_page(request, status=exc.http_status, draft=draft)


@role_required(permissions.can_administer)
@require_POST
def rating_create(request):
    values = _form_values(request.POST)
    try:
        rating = services.rating_create(
            label=values.get("label", ""),
            value=values.get("value", ""),
            colour=values.get("colour") or "#6e7781",
            description=values.get("description", ""),
            order=values.get("order") or None,
            actor=request.user,
        )
    except DomainError as exc:
        return _refused(request, exc, draft=values)
    messages.success(request, f"Rating “{rating.label}” added to the scale.")
    return redirect("rating_scale")


@role_required(permissions.can_administer)
@require_POST
def rating_edit(request, pk: int):
    try:
        rating = services.rating_update(
            rating_id=pk, values=_form_values(request.POST), actor=request.user
        )
    except DomainError as exc:
        return _refused(request, exc)
    messages.success(
        request, f"Saved “{rating.label}”. Past verdicts keep the label they were given."
    )
    return redirect("rating_scale")


@role_required(permissions.can_administer)
@require_POST
def rating_deactivate(request, pk: int):
    try:
        rating = services.rating_deactivate(rating_id=pk, actor=request.user)
    except DomainError as exc:
        return _refused(request, exc)
    messages.success(request, f"“{rating.label}” is no longer offered for new verdicts.")
    return redirect("rating_scale")


@role_required(permissions.can_administer)
@require_POST
def rating_move(request, pk: int):
    ids = list(selectors.rating_list().values_list("pk", flat=True))
    if pk in ids:
        index = ids.index(pk)
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(ids):
            ids[index], ids[other] = ids[other], ids[index]
    try:
        services.rating_reorder(rating_ids=ids, actor=request.user)
    except DomainError as exc:
        return _refused(request, exc)
    return redirect("rating_scale")
