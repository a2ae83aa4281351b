"""Helpers shared by the verification views."""

from django.http import Http404

from claims.models import Claim
from claims.views import page_of, parse_date, role_required

__all__ = ["claim_or_404", "page_of", "parse_date", "role_required"]


def claim_or_404(pk: int) -> Claim:
    try:
        return Claim.objects.select_related("letter", "assignee", "proposed_by").get(
            pk=pk, is_deleted=False, letter__is_deleted=False
        )
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim") from exc
