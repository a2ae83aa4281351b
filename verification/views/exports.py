"""HTML views for exports: request a report, watch its progress, download it.

The list polls each unfinished row with htmx until the worker has stored the file.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_POST

from claims import permissions
from claims.errors import DomainError, NotFound
from claims.models import ClaimState
from verification.api.exports import export_file_response
from verification.models import ExportFormat, ExportJob
from verification.public_url import public_url_warning
from verification.selectors import exports as selectors
from verification.selectors import verdicts as verdict_selectors
from verification.services import exports as export_services
from verification.views.common import page_of, role_required

SCOPE_FIELDS = ("letter", "claim", *selectors.FILTER_KEYS)


def _job_or_404(request, pk: int) -> ExportJob:
    try:
        return selectors.export_get_for(request.user, pk)
    except NotFound as exc:
        raise Http404("No such export") from exc


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _per_page(request) -> int:
    try:
        return min(100, max(5, int(request.GET.get("per_page", 25))))
    except ValueError:
        return 25


def _export_page(request, *, form: dict, status: int = 200):
    context = {
        "page": page_of(
            request, selectors.export_list_for(request.user), per_page=_per_page(request)
        ),
        "form": form,
        "formats": ExportFormat.choices,
        "states": ClaimState.choices,
        "ratings": verdict_selectors.rating_list(),
        "can_export": permissions.can_export(request.user),
        "query": _query_without_page(request),
        "public_url_warning": public_url_warning(),
    }
    return render(request, "verification/export_list.html", context, status=status)


@role_required(permissions.can_view)
def export_list_page(request):
    form = {field: request.GET.get(field, "").strip() for field in SCOPE_FIELDS}
    form["format"] = request.GET.get("format", "pdf")
    others = any(form[key] for key in selectors.FILTER_KEYS if key != "letter")
    form["kind"] = (
        "claim" if form["claim"] else "letter" if form["letter"] and not others else "filters"
    )
    return _export_page(request, form=form)


def scope_from_form(post) -> dict:
    """The form's scope radio and fields, as the API's scope object."""
    kind = post.get("kind", "filters")
    if kind == "claim":
        return {"claim": post.get("claim", "").strip()}
    if kind == "letter":
        return {"letter": post.get("letter", "").strip()}
    filters = {key: post.get(key, "").strip() for key in selectors.FILTER_KEYS}
    return {"filters": {key: value for key, value in filters.items() if value}}


@role_required(permissions.can_view)
@require_POST
def export_create(request):
    try:
        job = export_services.export_request(
            format=request.POST.get("format", ""),
            scope=scope_from_form(request.POST),
            actor=request.user,
        )
    except DomainError as exc:
        if request.htmx:
            return HttpResponse(
                f'<span class="error" role="alert">{escape(exc.message)}</span>', status=400
            )
        messages.error(request, exc.message)
        form = {field: request.POST.get(field, "") for field in (*SCOPE_FIELDS, "format", "kind")}
        return _export_page(request, form=form, status=exc.http_status)
    if request.htmx:
        return render(request, "verification/_export_queued.html", {"job": job})
    messages.success(request, f"Export queued: {job.scope_label} ({job.get_format_display()}).")
    return redirect(reverse("export_list"))


@role_required(permissions.can_view)
def export_row(request, pk: int):
    """One row of the list, polled by htmx while the job is queued or running."""
    return render(request, "verification/_export_row.html", {"job": _job_or_404(request, pk)})


@role_required(permissions.can_view)
def export_download(request, pk: int):
    job = _job_or_404(request, pk)
    if job.status != "done" or not job.file:
        raise Http404("The export is not ready")
    return export_file_response(job)
