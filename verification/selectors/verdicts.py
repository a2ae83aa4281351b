"""Reads for the verdicts part of the claim page."""


def verdicts_context(claim, user) -> dict:
    """Context for verification/_claim_verdicts.html on the claim page."""
    return {}
