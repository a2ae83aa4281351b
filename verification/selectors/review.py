"""Reads for the review part of the claim page."""


def review_context(claim, user) -> dict:
    """Context for verification/_claim_review.html on the claim page."""
    return {}
