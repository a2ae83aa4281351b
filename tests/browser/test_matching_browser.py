"""Matching in Chromium: a fact-checker confirms a suggested match on the claim page in place.

Kept beside the shared `browser` fixture: a second session-scoped copy would clash with it."""

import pytest
from django.core.cache import cache

from tests.browser.conftest import login
from tests.verification.matching.conftest import (  # noqa: F401  (the matching scenario)
    lexical_embedder,
    matched,
    scenario,
)
from verification.models import ClaimMatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fact_checker_confirms_a_suggested_match_in_place(
    page,
    live_server,
    matched,  # noqa: F811  (the imported fixture)
    fact_checker,
):
    cache.clear()  # failed logins counted by earlier tests must not throttle this one
    login(page, live_server, "fatima", "pw-fatima")
    page.goto(f"{live_server.url}/claims/{matched.original.pk}/")
    section = page.locator("#claim-matching")
    suggestion = section.locator("li.match-suggested")
    assert "S/2024/120" in suggestion.inner_text()
    page.evaluate("window.__marker = 1")  # survives only if the page is not reloaded
    suggestion.get_by_role("button", name="Same claim").click()
    page.locator("#claim-matching li.match-confirmed").wait_for()
    assert page.evaluate("window.__marker") == 1
    assert ClaimMatch.objects.filter(status="confirmed", decided_by=fact_checker).count() == 1
