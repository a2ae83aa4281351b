"""The dashboard and the claim page, which gathers each area's section."""

from django.shortcuts import render

from claims import permissions
from claims.access import access_claim
from claims.models import ClaimKind, ClaimType
from verification.selectors import dashboard, evidence, matching, publishing, review, verdicts
from verification.views.common import role_required


@role_required(permissions.can_view)
def dashboard_page(request):
    return render(request, "verification/dashboard.html", dashboard.dashboard_context(request.user))


@role_required(permissions.can_view)
def claim_detail(request, pk: int):
    claim = access_claim(request.user, pk)
    context = {"claim": claim, "claim_kinds": ClaimKind.choices, "claim_types": ClaimType.choices}
    for section in (
        review.review_context,
        evidence.evidence_context,
        verdicts.verdicts_context,
        matching.matching_context,
        publishing.publication_context,
    ):
        context.update(section(claim, request.user))
    return render(request, "verification/claim_detail.html", context)
