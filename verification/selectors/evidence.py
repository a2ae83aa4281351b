"""Reads for the evidence part of the claim page."""


def evidence_context(claim, user) -> dict:
    """Context for verification/_claim_evidence.html on the claim page."""
    return {}
