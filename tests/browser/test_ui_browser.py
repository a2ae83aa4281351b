"""Chromium: the timeline, the dashboard's links, search, and publishing a fact-check.

Set WORKBENCH_SCREENSHOTS=1 to also save the README's screenshots into docs/img/.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from claims.models import Claim
from tests.browser.conftest import login
from tests.verification.verdicts.conftest import (  # noqa: F401  (the fixture)
    default_scale,
    make_claim,
    make_letter,
    make_verdict,
)
from verification import geo
from verification.models import Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
KUPIANSK = "On 4 May a drone struck the water station in Kupiansk"
KHARKIV = "On 2 May the armed forces shelled the market in Kharkiv, killing 12 civilians"


def screenshot(page, name: str) -> None:
    if os.environ.get("WORKBENCH_SCREENSHOTS"):
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_IMG / name), full_page=False)


@pytest.fixture
def dated_world(fact_checker, editor, default_scale):  # noqa: F811
    letter = make_letter()
    rated = make_claim(letter, KUPIANSK, places=["Kupiansk"])
    other = make_claim(letter, KHARKIV, places=["Kharkiv"])
    Claim.objects.filter(pk=rated.pk).update(event_date=date(2025, 5, 4))
    Claim.objects.filter(pk=other.pk).update(event_date=date(2025, 5, 2))
    make_verdict(rated, "Corroborated", proposer=fact_checker, decider=editor)
    incident = Incident.objects.create(
        title="Kupiansk water station", event_date=date(2025, 5, 4), places=["Kupiansk"]
    )
    incident.claims.add(rated)
    return {"letter": letter, "rated": rated, "other": other, "incident": incident}


def test_timeline_bar_opens_by_keyboard_and_leads_to_the_claim(page, live_server, dated_world):
    login(page, live_server, "fatima", "pw-fatima")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{live_server.url}/timeline/")
    bars = page.locator("#timeline g.tl-bar")
    bars.first.wait_for()
    assert bars.count() == 2  # 2 and 4 May, with a gap for 3 May
    screenshot(page, "timeline.png")
    page.locator('#timeline g.tl-bar[data-start="2025-05-04"]').focus()
    page.keyboard.press("Enter")
    link = page.locator("#timeline-bar a", has_text="drone struck")
    link.wait_for()
    link.click()
    page.wait_for_url(f"{live_server.url}/claims/{dated_world['rated'].pk}/")


def test_map_shows_incident_places_and_lists_the_unknown_ones(page, live_server, dated_world):
    Incident.objects.create(title="Market", event_date=date(2025, 5, 2), places=["Kharkiv"])
    Incident.objects.create(title="Somewhere", event_date=date(2025, 5, 3), places=["Qwertzhausen"])
    geo.place_coordinates("Kharkiv")  # build the gazetteer index (seconds of CPU) beforehand
    login(page, live_server, "fatima", "pw-fatima")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{live_server.url}/map/")
    markers = page.locator("#incident-map a.marker")
    assert markers.count() == 2  # Kupiansk and Kharkiv
    assert page.locator("#incident-map path").count() > 150  # country outlines, no tiles
    assert "Qwertzhausen" in page.locator("#unplaced").inner_text()
    screenshot(page, "map.png")
    page.locator('#incident-map a.marker[aria-label^="Kupiansk"]').click()
    page.wait_for_url("**/incidents/?place=Kupiansk")
    assert "Kupiansk water station" in page.content()


def test_dashboard_counters_lead_to_their_queue(page, live_server, dated_world):
    login(page, live_server, "fatima", "pw-fatima")
    page.get_by_role("link", name="Triage 1 new claims").wait_for()
    page.locator('a.stat[data-state="new"]').click()
    page.wait_for_url("**/queues/all/?state=new")
    assert "Kharkiv" in page.locator("#queue-rows").inner_text()


def test_nav_search_finds_and_highlights_a_claim(page, live_server, dated_world):
    login(page, live_server, "fatima", "pw-fatima")
    page.get_by_label("Search everything").fill("drones")
    page.get_by_label("Search everything").press("Enter")
    page.wait_for_url("**/search/?q=drones")
    hit = page.locator("li.search-hit.kind-claim").first
    assert hit.locator("mark").first.inner_text().lower().startswith("drone")
    hit.locator("a").first.click()
    page.wait_for_url(f"{live_server.url}/claims/{dated_world['rated'].pk}/")


def test_editor_publishes_and_unpublishes_a_fact_check(page, live_server, dated_world, browser):
    login(page, live_server, "grace", "pw-grace")
    page.goto(f"{live_server.url}/claims/{dated_world['rated'].pk}/")
    page.locator("#claim-publication").get_by_role("button", name="Publish").click()
    public = page.locator("#public-link")
    url = live_server.url + public.get_attribute("href")
    anonymous = browser.new_context()
    try:
        reader = anonymous.new_page()
        response = reader.goto(url)
        assert response.status == 200
        assert "Corroborated" in reader.locator(".verdict-line").inner_text()
        assert "grace" not in reader.content() and "/claims/" not in reader.content()
        page.get_by_role("button", name="Unpublish").click()
        page.locator("#claim-publication").get_by_role("button", name="Publish").wait_for()
        assert reader.goto(url).status == 410
    finally:
        anonymous.close()
