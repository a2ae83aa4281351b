"""HTML views of the review workflow: queues, the triage screen, actions on the claim page,
comments, bulk triage and notifications. Thin: parse, call one selector or service, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from claims import permissions
from claims.access import access_claim
from claims.errors import BadInput, DomainError
from claims.models import ClaimKind, ClaimState, ClaimType
from verification.models import DismissReason
from verification.selectors import review as selectors
from verification.services import comments as comment_services
from verification.services import review as services
from verification.services import review_dispatch as dispatch
from verification.views.common import page_of, role_required

INT_FIELDS = (
    "expected_version",
    "assignee",
    "duplicate_of",
    "rating",
    "assessed_killed_min",
    "assessed_killed_max",
    "assessed_injured_min",
    "assessed_injured_max",
)


def _int(value: str, name: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise BadInput(f"{name.replace('_', ' ').capitalize()} must be a whole number.") from exc


def _action_data(post) -> dict:
    from claims.views import parse_date

    data: dict[str, Any] = {name: _int(post.get(name, ""), name) for name in INT_FIELDS}
    data["reason"] = post.get("reason", "")
    data["rationale"] = post.get("rationale", "")
    data["evidence"] = [_int(pk, "evidence") for pk in post.getlist("evidence") if pk]
    data["due_date"] = parse_date(post.get("due_date"))
    if post.get("due_date") and data["due_date"] is None:
        raise BadInput("The due date must be a date (YYYY-MM-DD).")
    return data


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


# ---- queues -----------------------------------------------------------------------------------


@role_required(permissions.can_view)
def queue_page(request, queue: str = "mine"):
    if queue not in selectors.QUEUES:
        raise Http404("No such queue")
    filters = selectors.ClaimFilter.from_params(request.GET).with_queue(queue)
    page = page_of(request, selectors.claim_list_rows(filters, request.user))
    context = {
        "queue": queue,
        "queue_label": selectors.QUEUES[queue],
        "queues": selectors.QUEUES,
        "counts": selectors.queue_counts(request.user),
        "filters": filters,
        "query": urlencode(filters.as_params()),
        "page": page,
        "kinds": ClaimKind.choices,
        "types": ClaimType.choices,
        "states": ClaimState.choices,
        "researchers": selectors.researchers(),
        "dismiss_reasons": [r for r in DismissReason.choices if r[0] != "duplicate"],
    }
    template = "verification/_queue_rows.html" if request.htmx else "verification/queue.html"
    return render(request, template, context)


@role_required(permissions.can_edit)
@require_POST
def bulk_action(request):
    scope = request.POST.get("scope", "selection")
    filters = selectors.ClaimFilter.from_params(request.POST)
    ids = None
    if scope != "filter":
        try:
            ids = [int(pk) for pk in request.POST.getlist("claim_ids")]
        except ValueError:
            ids = []
        if not ids:
            messages.error(request, "Select some claims first, or choose “every claim matching”.")
            return _back(request, reverse("queue", args=[filters.queue]))
    try:
        outcome = dispatch.claims_bulk_action(
            actor=request.user,
            action=request.POST.get("action", ""),
            claim_ids=ids,
            filters=filters if scope == "filter" else None,
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"{outcome.done} claim(s) done; {outcome.skipped} skipped (not in a state that allows it).",
        )
    return _back(request, reverse("queue", args=[filters.queue]))


# ---- actions and comments on the claim page ---------------------------------------------------


@role_required(permissions.can_research)
@require_POST
def claim_action(request, pk: int, action: str):
    claim = access_claim(request.user, pk)
    try:
        dispatch.claim_act(
            claim_id=claim.pk, action=action, actor=request.user, data=_action_data(request.POST)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, ACTION_DONE.get(action, "Done."))
    return _back(request, reverse("claim_detail", args=[claim.pk]))


ACTION_DONE = {
    "triage": "Accepted for research: the claim is in the Unassigned queue.",
    "dismiss": "Claim dismissed.",
    "restore": "Claim restored to New.",
    "take": "You took the claim: it is in your queue.",
    "assign": "Claim assigned.",
    "release": "Claim released to the Unassigned queue.",
    "propose": "Verdict proposed: it now awaits an editor's approval.",
    "approve": "Verdict approved.",
    "return": "Returned to research with your comment.",
    "reopen": "Claim reopened; the earlier verdict stays in the history.",
}


@role_required(permissions.can_view)
def claim_comments_section(request, pk: int):
    claim = access_claim(request.user, pk)
    return render(request, "verification/_review_comments.html", _comments_context(claim, request))


def _comments_context(claim, request, error: str = "", draft: str = "") -> dict:
    return {
        "claim": claim,
        "review_comments": selectors.with_html(selectors.claim_comments(claim.pk)),
        "review_can_comment": permissions.can_research(request.user),
        "comment_error": error,
        "comment_draft": draft,
    }


@role_required(permissions.can_research)
@require_POST
def comment_post(request, pk: int):
    claim = access_claim(request.user, pk)
    body = request.POST.get("body", "")
    try:
        comment_services.comment_create(claim_id=claim.pk, body=body, actor=request.user)
    except DomainError as exc:
        if request.htmx:
            context = _comments_context(claim, request, error=exc.message, draft=body)
            return render(request, "verification/_review_comments.html", context)
        messages.error(request, exc.message)
        return redirect(reverse("claim_detail", args=[claim.pk]) + "#comments")
    if request.htmx:
        return render(
            request, "verification/_review_comments.html", _comments_context(claim, request)
        )
    return redirect(reverse("claim_detail", args=[claim.pk]) + "#comments")


# ---- triage -----------------------------------------------------------------------------------


def _triage_context(request, filters, index: int) -> dict:
    step = selectors.triage_step(filters, request.user, index)
    return {
        "step": step,
        "filters": filters,
        "query": urlencode(filters.as_params()),
        "dismiss_reasons": [r for r in DismissReason.choices if r[0] != "duplicate"],
        "can_triage": permissions.can_research(request.user),
    }


def _index(value) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


@role_required(permissions.can_view)
def triage_page(request):
    filters = selectors.ClaimFilter.from_params(request.GET)
    context = _triage_context(request, filters, _index(request.GET.get("i")))
    template = "verification/_triage_card.html" if request.htmx else "verification/triage.html"
    return render(request, template, context)


@role_required(permissions.can_research)
@require_POST
def triage_act(request, pk: int, action: str):
    """Accept or dismiss from the triage screen; answer with the next card (same position)."""
    filters = selectors.ClaimFilter.from_params(request.POST)
    index = _index(request.POST.get("i"))
    error = ""
    try:
        if action == "triage":
            services.claim_triage(claim_id=pk, actor=request.user)
        elif action == "dismiss":
            services.claim_dismiss(
                claim_id=pk, actor=request.user, reason=request.POST.get("reason", "")
            )
        else:
            raise Http404("No such triage action")
    except DomainError as exc:
        error = exc.message
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(reverse("triage") + "?" + urlencode({**filters.as_params(), "i": index}))
    context = _triage_context(request, filters, index)
    context["error"] = error
    context["done"] = "" if error else ("Accepted." if action == "triage" else "Dismissed.")
    return render(request, "verification/_triage_card.html", context)


# ---- notifications ----------------------------------------------------------------------------


@role_required(permissions.can_view)
def notifications_page(request):
    page = page_of(request, selectors.notification_list(request.user))
    return render(request, "verification/notifications.html", {"page": page})


@role_required(permissions.can_view)
@require_POST
def notification_read(request, pk: int):
    try:
        notification = comment_services.notification_mark_read(
            notification_id=pk, actor=request.user
        )
    except DomainError as exc:
        raise Http404(exc.message) from exc
    if request.POST.get("open"):
        return redirect("claim_detail", pk=notification.claim_id)
    if request.htmx:
        return HttpResponse("")
    return redirect("notifications")


@role_required(permissions.can_view)
@require_POST
def notifications_read_all(request):
    count = comment_services.notifications_mark_all_read(actor=request.user)
    messages.success(request, f"{count} notification(s) marked as read.")
    return redirect("notifications")
