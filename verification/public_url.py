"""Absolute links for reports, built from the configured public URL (WORKBENCH_PUBLIC_URL).

Reports are written by a Celery worker, which has no request to take a host from, so every
link a report carries comes from the setting. In production an unset setting means links to
the local default address; the exports page shows `public_url_warning()` so an editor notices
before sending a report out.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

REPORT_SCHEMA_NAME = "report-v2.json"


def public_url(path: str) -> str:
    """`path` ("/claims/1/") under the public base URL, which may itself carry a path."""
    return settings.WORKBENCH_PUBLIC_URL.rstrip("/") + path


def report_schema_url() -> str:
    """The stable address of the JSON export's schema (its "$schema")."""
    return public_url(reverse("report_schema", args=[REPORT_SCHEMA_NAME]))


def public_url_warning() -> str | None:
    """A message for the exports page when production runs without WORKBENCH_PUBLIC_URL."""
    if settings.WORKBENCH_PUBLIC_URL_SET or settings.DEMO or settings.DEBUG:
        return None
    return (
        "WORKBENCH_PUBLIC_URL is not set: links in reports point to "
        f"{settings.WORKBENCH_PUBLIC_URL}, not to this site. Ask an administrator to set it "
        "to the workbench's public address."
    )
