"""Chromium drives the review flow: keyboard triage, propose, approve and return."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from claims.models import Claim
from tests.browser.conftest import login
from tests.factories import ClaimFactory, LetterFactory
from tests.verification.review.builders import a_rating, propose_verdict
from verification.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(username=name, password="secret-pass-1")
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return {"checker": make("fatima", "fact_checker"), "editor": make("grace", "editor")}


def test_triage_by_keyboard_without_reloading_the_page(page, live_server, people):
    letter = LetterFactory()
    claims = [ClaimFactory(letter=letter, quote=f"claim number {n}", start=n) for n in range(1, 4)]
    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/triage/?letter={letter.pk}")
    page.evaluate("window.__sameDocument = true")
    position = page.locator("#triage-position")
    assert position.inner_text() == "Claim 1 of 3 new"

    page.keyboard.press("j")
    expect(position).to_contain_text("2 of 3")
    page.keyboard.press("ArrowLeft")
    expect(position).to_contain_text("1 of 3")

    page.keyboard.press("a")  # accept claim 1
    expect(position).to_contain_text("1 of 2")
    assert "claim number 2" in page.locator("#triage-quote").inner_text()

    page.keyboard.press("d")
    page.keyboard.press("2")  # second reason: out of scope
    expect(position).to_contain_text("1 of 1")

    page.keyboard.press("?")
    assert page.locator("#triage-help").is_visible()
    assert "Dismiss" in page.locator("#triage-help").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#triage-help").is_visible()

    assert page.evaluate("window.__sameDocument") is True
    states = dict(Claim.objects.filter(letter=letter).values_list("pk", "state"))
    assert states == {claims[0].pk: "queued", claims[1].pk: "dismissed", claims[2].pk: "new"}
    assert Claim.objects.get(pk=claims[1].pk).dismiss_reason == "out_of_scope"

    page.keyboard.press("o")
    page.wait_for_url(f"{live_server.url}/claims/{claims[2].pk}/")


def test_fact_checker_proposes_and_another_editor_approves(page, live_server, people):
    claim = ClaimFactory(state="in_research", assignee=people["checker"])
    a_rating()
    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.get_by_label("Rating", exact=True).select_option(label="Corroborated")
    page.get_by_label("Rationale (Markdown)").fill("OCHA and a local hospital both report it.")
    page.get_by_label("Killed at least").fill("10")
    page.get_by_label("Killed at most").fill("12")
    page.get_by_role("button", name="Propose verdict").click()
    page.wait_for_selector("text=Verdict proposed: it now awaits")
    assert page.locator("#review-state").inner_text() == "Verdict proposed"
    assert page.get_by_role("button", name="Approve verdict").count() == 0

    page.get_by_role("button", name="Log out").click()
    login(page, live_server, "grace", "secret-pass-1")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.get_by_role("button", name="Approve verdict").click()
    page.wait_for_selector("text=Verdict approved.")
    assert page.locator("#review-state").inner_text() == "Approved"
    assert "claim.approve" in page.locator("#review-history").inner_text()


def test_editor_returns_a_verdict_with_a_comment(page, live_server, people):
    claim = ClaimFactory(state="in_research", assignee=people["checker"])
    propose_verdict(claim, people["checker"])
    login(page, live_server, "grace", "secret-pass-1")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.get_by_text("Return to research…").click()
    page.get_by_label("What needs more work").fill("Add the **satellite** imagery.")
    page.get_by_role("button", name="Return", exact=True).click()
    page.wait_for_selector("text=Returned to research with your comment.")
    assert page.locator("#review-state").inner_text() == "Returned to research"
    assert page.locator(".comment-body strong", has_text="satellite").count() == 1
    assert Comment.objects.filter(claim=claim).count() == 1


def test_comment_posts_via_htmx_and_mention_shows_in_the_nav(page, live_server, people):
    claim = ClaimFactory()
    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Comment").fill("Can you check this, @grace?")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_selector(".comment-body >> text=Can you check this")
    assert page.evaluate("window.__sameDocument") is True
    page.get_by_role("button", name="Log out").click()
    login(page, live_server, "grace", "secret-pass-1")
    assert page.locator("#nav-notifications .unread").inner_text() == "1"


def test_fast_typing_during_a_request_is_queued_not_lost_or_reloaded(page, live_server, people):
    letter = LetterFactory()
    for n in range(1, 4):
        ClaimFactory(letter=letter, quote=f"claim number {n}", start=n)
    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/triage/?letter={letter.pk}")
    page.evaluate("window.__sameDocument = true")
    for key in ("a", "a", "a"):
        page.keyboard.press(key)
    page.wait_for_selector("#triage-empty")
    assert page.evaluate("window.__sameDocument") is True
    assert set(Claim.objects.filter(letter=letter).values_list("state", flat=True)) == {"queued"}
