"""Evidence in the browser: paste a URL and see it captured; pick a passage of another letter.

Lives beside the other browser tests so that one session-wide Chromium serves them all;
the letters, claim and local site come from the evidence tests' helpers.
"""

import pytest
from django.contrib.auth.models import Group

from tests.browser.conftest import login
from tests.verification.evidence.conftest import make_claim, make_letter, serve_site, url_of
from verification.models import Evidence

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def checker(django_user_model):
    user = django_user_model.objects.create_user(username="fatima", password="secret-pass-1")
    user.groups.add(Group.objects.get_or_create(name="fact_checker")[0])
    return user


@pytest.fixture
def claim(db):
    letter = make_letter(
        "S/2025/100", "On 3 May the forces of State B shelled the market in Town X.", "State A"
    )
    return make_claim(letter, "shelled the market in Town X")


@pytest.fixture
def reply_letter(db):
    return make_letter(
        "S/2025/120",
        "State B categorically rejects the allegation. No operation took place in Town X on 3 May.",
        "State B",
    )


@pytest.fixture
def site(settings):
    yield from serve_site(settings)


def test_pasting_a_url_attaches_and_captures_it(page, live_server, checker, claim, site):
    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.keyboard.press("e")
    page.keyboard.type(url_of(site, "/report.html"))
    page.keyboard.press("Enter")
    item = page.locator(".evidence-item").first
    item.wait_for()
    assert "F6" in item.inner_text()
    page.locator(".evidence-item .capture-captured").wait_for()
    assert "sha256" in page.locator(".evidence-item .capture").inner_text()


def test_picking_a_letter_passage_records_its_span(page, live_server, checker, claim, reply_letter):
    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.get_by_role("tab", name="Letter passage").click()
    page.get_by_label("UN symbol of the letter").fill("S/2025/120")
    page.locator("#evidence-letter-text").wait_for()
    passage = "No operation took place in Town X"
    start = reply_letter.text.index(passage)
    page.evaluate(
        """([start, end]) => {
            const node = document.getElementById("evidence-letter-text").firstChild;
            const range = document.createRange();
            range.setStart(node, start); range.setEnd(node, end);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        }""",
        [start, start + len(passage)],
    )
    assert passage in page.locator("#evidence-passage-label").inner_text()
    page.get_by_label("Stance").select_option("contradicts")
    page.get_by_role("button", name="Add evidence").click()
    page.locator(".evidence-item").first.wait_for()
    evidence = Evidence.objects.get()
    assert (evidence.passage_start, evidence.passage_end) == (start, start + len(passage))
    assert evidence.excerpt == passage and evidence.stance == "contradicts"
    assert passage in page.locator(".evidence-item .excerpt").inner_text()
