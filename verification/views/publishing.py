"""Publishing: the editor's publish/withdraw buttons, and the public fact-check page.

The public page needs no login, shows no internal ids or (unless configured) reviewer names,
sends a strict Content-Security-Policy (no script runs at all: the JSON-LD is data) and is
rate limited per client address.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from claims import permissions
from claims.errors import DomainError
from verification.selectors import publishing as selectors
from verification.services import publishing as services
from verification.views.common import role_required

PUBLIC_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
RATE_WINDOW_SECONDS = 60


def _public(view):
    """Strict CSP on every answer; at most WORKBENCH_PUBLIC_RATE_PER_MINUTE views per address."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key = f"public-rate:{request.META.get('REMOTE_ADDR', '')}"
        cache.add(key, 0, RATE_WINDOW_SECONDS)
        try:
            seen = cache.incr(key)
        except ValueError:  # expired between add and incr
            seen = 1
        if seen > settings.WORKBENCH_PUBLIC_RATE_PER_MINUTE:
            response = _public_error(request, 429, "Too many requests. Try again in a minute.")
            response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        else:
            response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = PUBLIC_CSP
        response["X-Robots-Tag"] = "noarchive"
        return response

    return wrapped


def _site() -> dict:
    return {"organisation": settings.WORKBENCH_ORGANISATION}


def _public_error(request, status: int, message: str):
    context = {"status": status, "message": message, **_site()}
    return render(request, "verification/fact_check_error.html", context, status=status)


@require_GET
@_public
def fact_check_page(request, slug: str):
    try:
        publication = selectors.publication_get_public(slug)
    except DomainError as exc:
        return _public_error(request, exc.http_status, exc.message)
    context = {
        "publication": publication,
        "fc": selectors.public_fact_check(publication),
        **_site(),
    }
    return render(request, "verification/fact_check_public.html", context)


@role_required(permissions.can_edit)
@require_POST
def claim_publish(request, pk: int):
    try:
        services.publication_create(claim_id=pk, actor=request.user)
        messages.success(request, "Published: the fact-check page is public.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("claim_detail", pk=pk)


@role_required(permissions.can_edit)
@require_POST
def claim_unpublish(request, pk: int):
    try:
        services.publication_withdraw(claim_id=pk, actor=request.user)
        messages.success(request, "Withdrawn: the public page now answers “gone”.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("claim_detail", pk=pk)
