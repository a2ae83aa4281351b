"""Fixtures for the report writers: pure Python, no database or Django settings needed."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import pytest

from verification.reports import ReportClaim, ReportMeta, get_writer
from verification.reports.synthetic import synthetic_claim


@pytest.fixture
def meta() -> ReportMeta:
    return ReportMeta(
        title="Verification report: Security Council letters",
        scope="Approved and proposed claims, 2024",
        generated_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
        generated_by="lead.editor",
        organisation="Letters Check",
        organisation_url="https://letters-check.example.org",
    )


@pytest.fixture
def make_claim() -> Callable[..., ReportClaim]:
    """A realistic claim (three evidence items) with any field overridden."""

    def make(claim_id: int = 1, **overrides: Any) -> ReportClaim:
        return dataclasses.replace(synthetic_claim(claim_id), **overrides)

    return make


@pytest.fixture
def export() -> Callable[[str, ReportMeta, Iterable[ReportClaim]], bytes]:
    def run(fmt: str, meta: ReportMeta, claims: Iterable[ReportClaim]) -> bytes:
        out = io.BytesIO()
        get_writer(fmt).write(meta, claims, out)
        return out.getvalue()

    return run
