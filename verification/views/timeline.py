"""The timeline page, its JSON (bars aggregated on the server) and the claims behind a bar."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from claims import permissions
from verification.selectors import timeline as selectors
from verification.views.common import page_of, role_required


@role_required(permissions.can_view)
def timeline_page(request):
    filters = selectors.TimelineFilter.from_params(request.GET)
    context = {"filters": filters, "query": urlencode(filters.as_params()),
               **selectors.timeline_choices()}  # fmt: skip
    return render(request, "verification/timeline.html", context)


@role_required(permissions.can_view)
def timeline_json(request):
    data = selectors.timeline_data(selectors.TimelineFilter.from_params(request.GET))
    return JsonResponse(data)


@role_required(permissions.can_view)
def timeline_bar(request):
    try:
        start = date.fromisoformat(request.GET.get("start", ""))
        end = date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        return HttpResponseBadRequest("start and end must be dates (YYYY-MM-DD).")
    filters = selectors.TimelineFilter.from_params(request.GET)
    page = page_of(request, selectors.bar_claims(filters, start, end), per_page=25)
    params = {**filters.as_params(), "start": start.isoformat(), "end": end.isoformat()}
    queue = {k: v for k, v in filters.as_params().items() if k in ("sender", "place", "state")}
    queue_query = urlencode({**queue, "date_from": start.isoformat(), "date_to": end.isoformat()})
    context = {"page": page, "start": start, "end": end, "query": urlencode(params),
               "queue_query": queue_query}  # fmt: skip
    return render(request, "verification/_timeline_bar.html", context)
