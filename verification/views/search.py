"""One search box for everything (letters, claims, sources, evidence excerpts, comments)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from claims import permissions
from verification.selectors import search as selectors
from verification.views.common import role_required

PER_PAGE = 20


@role_required(permissions.can_view)
def search_page(request):
    text = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.KINDS else ""
    page = Paginator(selectors.search(text, kind), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "q": text,
        "kind": kind,
        "kinds": [(name, k.label) for name, k in selectors.KINDS.items()],
        "page": page,
        "query": urlencode({"q": text, **({"kind": kind} if kind else {})}),
    }
    return render(request, "verification/search.html", context)
