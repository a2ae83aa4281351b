"""Reads for the dashboard."""

from claims import selectors as claim_selectors


def dashboard_context(user) -> dict:
    return {
        "counts": claim_selectors.dashboard_counts(),
        "recent": claim_selectors.recent_letters(),
    }
