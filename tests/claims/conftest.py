"""Claims-app tests upload and process the same sample letters again and again; extraction is
pure and tested on its own (tests/extraction), so here each distinct text is extracted once
per module and the services' database work runs in full every time."""

from __future__ import annotations

import pytest

import claims.extraction


@pytest.fixture(autouse=True, scope="module")
def _extract_each_text_once():
    real = claims.extraction.extract_claims
    seen: dict[tuple, list] = {}

    def extract_claims(text, *, letter_date=None, sender=None):
        key = (text, letter_date, sender)
        if key not in seen:
            seen[key] = real(text, letter_date=letter_date, sender=sender)
        return list(seen[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(claims.extraction, "extract_claims", extract_claims)
        yield
