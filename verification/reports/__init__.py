"""Verification reports: one writer per format behind a small registry (see registry.py)."""

from verification.reports.claimreview import validate_claimreview
from verification.reports.registry import WRITERS, UnknownFormat, get_writer
from verification.reports.types import (
    ReportClaim,
    ReportEvidence,
    ReportMeta,
    ReportRating,
    Writer,
)

__all__ = [
    "WRITERS",
    "ReportClaim",
    "ReportEvidence",
    "ReportMeta",
    "ReportRating",
    "UnknownFormat",
    "Writer",
    "get_writer",
    "validate_claimreview",
]
