"""Every screen, every user: axe-core finds no serious or critical violation on any page, at a
390 px phone width and a 1366 px laptop width, and no page scrolls sideways at 390 px.

axe-core is served to the page by the test only (tests/browser/vendor/axe.min.js)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claims.models import Claim
from tests.browser.conftest import login
from tests.verification.verdicts.conftest import (  # noqa: F401  (the fixture)
    capture,
    default_scale,
    make_claim,
    make_evidence,
    make_letter,
    make_source,
    make_verdict,
)
from verification.models import Comment, Incident
from verification.services import publishing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LONG_HASH = "f" * 64


@pytest.fixture
def site(fact_checker, editor, default_scale):  # noqa: F811
    text = (
        "Letter dated 3 May 2025 from the Permanent Representative of Ukraine\n\n"
        "1. On 2 May the armed forces shelled the market in Kharkiv, killing 12 civilians.\n\n"
        "2. On 4 May a drone struck the water station in Kupiansk.\n"
    )
    letter = make_letter(text=text)
    reply = make_letter(
        symbol="S/2025/310", sender="Russian Federation",
        text="The allegation that a drone struck the water station in Kupiansk is false.\n",
    )  # fmt: skip
    approved = make_claim(letter, "On 2 May the armed forces shelled the market in Kharkiv",
                          places=["Kharkiv"])  # fmt: skip
    drone = make_claim(letter, "On 4 May a drone struck the water station in Kupiansk",
                       places=["Kupiansk"])  # fmt: skip
    denial = make_claim(reply, "a drone struck the water station in Kupiansk is false")
    Claim.objects.filter(pk__in=[approved.pk, drone.pk, denial.pk]).update(
        event_date=date(2025, 5, 2)
    )
    source = make_source(
        "OCHA flash update " + LONG_HASH, publisher="OCHA", url="https://example.org/o"
    )
    capture(source, LONG_HASH)
    evidence = make_evidence(approved, source, added_by=fact_checker)
    make_verdict(
        approved, "Corroborated", proposer=fact_checker, decider=editor, evidence=[evidence]
    )
    Comment.objects.create(claim=approved, author=fact_checker, body="Checked twice.")
    incident = Incident.objects.create(title="Kupiansk water station", event_date=date(2025, 5, 4),
                                       places=["Kupiansk"])  # fmt: skip
    incident.claims.add(drone, denial)
    publication = publishing.publication_create(claim_id=approved.pk, actor=editor)
    return {"letter": letter, "reply": reply, "claim": approved, "source": source,
            "incident": incident, "publication": publication}  # fmt: skip


@pytest.fixture
def axe_page(browser):
    """A page whose Content-Security-Policy lets the test inject axe-core (the app's does not)."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def pages(site) -> list[str]:
    letter, reply = site["letter"], site["reply"]
    return [
        "/", "/letters/", f"/letters/{letter.pk}/", "/letters/upload/",
        f"/claims/{site['claim'].pk}/", "/queues/all/", "/queues/new/", "/triage/",
        "/notifications/", "/sources/", f"/sources/{site['source'].pk}/", "/exports/",
        "/ratings/", "/incidents/", f"/incidents/{site['incident'].pk}/", "/timeline/",
        "/map/", "/search/?q=drone", f"/letters/compare/?left={letter.pk}&right={reply.pk}",
    ]  # fmt: skip


def audit(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"
    ]


def sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


WIDEST = """() => {
  const clipped = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  return Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el))
    .slice(-3).map((el) => el.tagName + '.' + el.className + ' ' +
      Math.round(el.getBoundingClientRect().right) + ' ' + (el.textContent || '').trim().slice(0, 40));
}"""


@pytest.mark.parametrize("width", [390, 1366])
def test_no_serious_violation_and_no_sideways_scroll_on_any_page(
    axe_page, live_server, site, width
):
    page = axe_page
    from verification import geo

    geo.place_coordinates("Kharkiv")  # build the gazetteer before the map page is timed
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 800})
    problems: dict[str, list[str]] = {}
    for path in ["/login/", f"/fact-checks/{site['publication'].slug}/"]:
        page.goto(live_server.url + path)
        problems[path] = audit(page)
    login(page, live_server, "fatima", "pw-fatima")
    for path in pages(site):
        page.goto(live_server.url + path)
        if path == "/timeline/":
            page.locator("#timeline g.tl-bar").first.wait_for()
        found = audit(page)
        if width == 390 and sideways(page) > 0:
            found.append(f"scrolls sideways by {sideways(page)} px: {page.evaluate(WIDEST)}")
        problems[path] = found
    failing = [f"{path}: {item}" for path, found in problems.items() for item in found]
    assert not failing, "\n".join(failing)


def test_refused_page_is_styled_with_a_way_back(page, live_server, site, observer):
    login(page, live_server, "olu", "pw-olu")
    response = page.goto(f"{live_server.url}/letters/upload/")
    assert response.status == 403
    assert page.locator("header.topbar").is_visible()
    page.get_by_role("link", name="Back to the dashboard").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.request.get(f"{live_server.url}/favicon.ico").ok
