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
from tests.verification.verdicts.conftest import default_scale  # noqa: F401  (rating scale)
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


def test_side_by_side_from_a_similar_claim_and_enter_opens_a_claim(
    page,
    live_server,
    matched,  # noqa: F811  (the imported fixture)
    fact_checker,
):
    login(page, live_server, "fatima", "pw-fatima")
    page.goto(f"{live_server.url}/claims/{matched.original.pk}/")
    page.locator("#claim-matching").get_by_role("link", name="side by side").first.click()
    page.wait_for_url("**/letters/compare/**")
    assert page.locator("table.pairs tr.pair").count() >= 1
    assert "S/2024/100" in page.locator("#left-h").inner_text()
    mark = page.locator("#right-text mark[data-claim]").first
    target = mark.get_attribute("data-href")
    mark.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{target}")


def test_verdict_owner_is_told_when_a_new_letter_repeats_the_claim(
    page,
    live_server,
    matched,  # noqa: F811
    fact_checker,
    editor,
    default_scale,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from claims import matching_services
    from tests.verification.matching.conftest import STRIKE, make_claim, make_letter
    from tests.verification.verdicts.conftest import make_verdict

    make_verdict(matched.original, "Corroborated", proposer=fact_checker, decider=editor)
    new = make_claim(make_letter("S/2024/130", "Ukraine", STRIKE))
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=[new.pk])
    login(page, live_server, "fatima", "pw-fatima")
    page.goto(f"{live_server.url}/notifications/")
    assert "S/2024/130 repeats a claim you verified" in page.content()
    page.goto(f"{live_server.url}/claims/{new.pk}/")
    assert "already verified" in page.locator(".repeat-notice").inner_text()
