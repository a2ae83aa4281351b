"""The incident map: server-drawn SVG (no tiles, no JavaScript) and the places it cannot place."""

from __future__ import annotations

from django.shortcuts import render

from claims import permissions
from verification import geo
from verification.selectors import map as selectors
from verification.selectors.timeline import timeline_choices
from verification.views.common import parse_date, role_required


@role_required(permissions.can_view)
def map_page(request):
    filters = selectors.MapFilter(
        sender=request.GET.get("sender", "").strip()[:200],
        date_from=parse_date(request.GET.get("date_from")),
        date_to=parse_date(request.GET.get("date_to")),
    )
    placed, unplaced = selectors.map_places(filters)
    whole = request.GET.get("view") == "world"
    box = geo.fit_view([] if whole else [(p.x, p.y) for p in placed])
    scale = box[2] / geo.WIDTH  # markers and borders keep their size on screen when zoomed
    for place in placed:
        place.radius = round(place.radius * scale, 2)
    params = request.GET.copy()
    params.pop("view", None)
    fit_query = params.urlencode()
    params["view"] = "world"
    context = {
        "fit_query": fit_query,
        "world_query": params.urlencode(),
        "viewbox": " ".join(str(v) for v in box),
        "zoomed": box[2] < geo.WIDTH,
        "stroke": round(0.5 * scale, 3),
        "marker_stroke": round(scale, 3),
        "filters": filters,
        "placed": placed,
        "unplaced": unplaced,
        "outlines": selectors.world_outlines(),
        "senders": timeline_choices()["senders"],
    }
    return render(request, "verification/map.html", context)
