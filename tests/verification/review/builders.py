"""Verdict steps for review tests (letters and claims come from tests/factories.py)."""

from __future__ import annotations

from claims.models import Claim
from tests.factories import VerdictFactory, a_rating
from verification.models import Verdict

__all__ = ["a_rating", "approve_verdict", "propose_verdict"]


def propose_verdict(claim: Claim, proposer) -> Verdict:
    """Put a claim straight into 'proposed' with an open verdict, as the proposer would."""
    verdict = VerdictFactory(claim=claim, proposed_by=proposer)
    Claim.objects.filter(pk=claim.pk).update(state="proposed", proposed_by=proposer)
    claim.refresh_from_db()
    return verdict


def approve_verdict(claim: Claim, proposer, approver) -> Verdict:
    verdict = propose_verdict(claim, proposer)
    Verdict.objects.filter(pk=verdict.pk).update(status="approved", decided_by=approver)
    Claim.objects.filter(pk=claim.pk).update(state="approved")
    claim.refresh_from_db()
    return verdict
