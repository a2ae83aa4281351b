"""Two letters in two columns, their matched claims aligned and linked."""

from __future__ import annotations

from django.shortcuts import render

from claims import permissions
from claims.errors import DomainError
from verification.selectors import compare as selectors
from verification.views.common import role_required


@role_required(permissions.can_view)
def letters_compare(request):
    left_value = request.GET.get("left", "").strip()[:64]
    right_value = request.GET.get("right", "").strip()[:64]
    context = {"left_value": left_value, "right_value": right_value}
    if not (left_value or right_value):
        return render(request, "verification/letters_compare.html", context)
    try:
        left = selectors.letter_resolve(left_value)
        right = selectors.letter_resolve(right_value)
        context.update(selectors.letters_side_by_side(left, right))
    except DomainError as exc:
        context["error"] = exc.message
        return render(request, "verification/letters_compare.html", context, status=exc.http_status)
    return render(request, "verification/letters_compare.html", context)
