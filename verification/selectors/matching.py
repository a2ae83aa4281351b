"""Reads for the matching part of the claim page."""


def matching_context(claim, user) -> dict:
    """Context for verification/_claim_matching.html on the claim page."""
    return {}
