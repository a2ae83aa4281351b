"""Reusing the work done on a claim that a new letter repeats."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from claims import permissions
from claims.access import access_claim
from claims.errors import DomainError
from verification.services import repeats as services
from verification.views.common import role_required


@role_required(permissions.can_research)
@require_POST
def claim_adopt_evidence(request, pk: int):
    claim = access_claim(request.user, pk, for_write=True)
    verdict_id = request.POST.get("verdict", "")
    if not verdict_id.isdigit():
        messages.error(request, "Choose the verdict whose evidence to adopt.")
        return redirect("claim_detail", pk=claim.pk)
    try:
        adopted = services.claim_adopt_evidence(
            claim_id=claim.pk, verdict_id=int(verdict_id), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Adopted {len(adopted)} item(s) of evidence.")
    return redirect("claim_detail", pk=claim.pk)
