"""The review pages: queues, claim page section, actions, comments, triage, notifications."""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.factories import ClaimFactory, LetterFactory
from verification.models import Comment, Notification, Rating

from .builders import propose_verdict

pytestmark = pytest.mark.django_db


def test_queue_pages_list_their_claims_with_counts(client, fact_checker):
    ClaimFactory(quote="queued one about Rafah", state="queued")
    ClaimFactory(quote="new one about Jenin")
    client.force_login(fact_checker)
    page = client.get(reverse("queue", args=["unassigned"])).content.decode()
    assert "queued one about Rafah" in page and "new one about Jenin" not in page
    assert 'Unassigned <span class="badge">1</span>' in page


def test_queue_filters_and_text_search_work_on_the_page(client, fact_checker):
    ClaimFactory(quote="shelling near the border crossing", state="queued")
    ClaimFactory(quote="detention of journalists", state="queued")
    client.force_login(fact_checker)
    page = client.get(reverse("queue", args=["unassigned"]), {"q": "BORDER"}).content.decode()
    assert "shelling near the border" in page and "detention of journalists" not in page


def test_queue_htmx_request_gets_only_the_rows(client, fact_checker):
    ClaimFactory(state="queued")
    client.force_login(fact_checker)
    response = client.get(reverse("queue", args=["unassigned"]), HTTP_HX_REQUEST="true")
    assert b"<table" in response.content and b"<html" not in response.content


def test_queue_page_query_count_does_not_grow_with_page_size(
    client, editor, fact_checker, django_assert_num_queries, monkeypatch
):
    from verification.views import review as review_views

    letter = LetterFactory()
    for i in range(60):
        ClaimFactory(letter=letter, state="in_research", assignee=fact_checker if i % 2 else editor)
    client.force_login(editor)
    client.get(reverse("queue", args=["all"]))
    counts = []
    for size in (5, 50):
        monkeypatch.setattr(
            review_views, "page_of", lambda request, qs, size=size: _page(request, qs, size)
        )
        with django_assert_num_queries(8) as captured:
            client.get(reverse("queue", args=["all"]))
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def _page(request, queryset, size):
    from claims.views import page_of

    return page_of(request, queryset, per_page=size)


def test_unknown_queue_is_404_and_outsiders_get_404(client, fact_checker, outsider):
    client.force_login(fact_checker)
    assert client.get("/queues/nonsense/").status_code == 404
    claim = ClaimFactory()
    client.force_login(outsider)
    for url in (
        reverse("queue", args=["mine"]),
        reverse("triage"),
        reverse("notifications"),
        reverse("claim_detail", args=[claim.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("claim_action", args=[claim.pk, "triage"])).status_code == 404


def test_observer_sees_the_claim_page_without_action_buttons_and_cannot_post(client, observer):
    claim = ClaimFactory()
    client.force_login(observer)
    page = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "History" in page and "Accept for research" not in page
    assert client.post(reverse("claim_action", args=[claim.pk, "triage"])).status_code == 403
    assert client.post(reverse("comment_post", args=[claim.pk]), {"body": "x"}).status_code == 403


def test_claim_page_offers_the_actions_open_now_and_runs_them(client, fact_checker):
    claim = ClaimFactory()
    client.force_login(fact_checker)
    page = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "Accept for research" in page and "Dismiss" in page and "Approve verdict" not in page
    response = client.post(
        reverse("claim_action", args=[claim.pk, "triage"]), {"expected_version": claim.version}
    )
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).state == "queued"
    page = client.get(response.url).content.decode()
    assert "Accepted for research" in page
    assert "claim.triage" in page and "new → queued" in page


def test_a_stale_form_shows_a_readable_conflict_message(client, fact_checker):
    claim = ClaimFactory()
    client.force_login(fact_checker)
    client.post(reverse("claim_action", args=[claim.pk, "triage"]), {"expected_version": 1})
    response = client.post(
        reverse("claim_action", args=[claim.pk, "dismiss"]),
        {"expected_version": 1, "reason": "out_of_scope"},
        follow=True,
    )
    assert "Someone else changed this claim just now" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).state == "queued"


def test_bad_form_input_gives_a_message_not_a_500(client, editor, fact_checker):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    client.force_login(editor)
    response = client.post(
        reverse("claim_action", args=[claim.pk, "assign"]),
        {"assignee": "abc", "due_date": "tomorrow"},
        follow=True,
    )
    assert response.status_code == 200
    assert "must be a whole number" in response.content.decode()
    response = client.post(
        reverse("claim_action", args=[claim.pk, "propose"]),
        {"rating": Rating.objects.first().pk, "rationale": ""},
        follow=True,
    )
    assert "Write the rationale" in response.content.decode()


def test_propose_form_then_approve_by_another_editor(client, fact_checker, editor):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    client.force_login(fact_checker)
    page = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "Propose verdict" in page
    client.post(
        reverse("claim_action", args=[claim.pk, "propose"]),
        {"rating": Rating.objects.first().pk, "rationale": "OCHA confirms.", "expected_version": 1},
    )
    assert Claim.objects.get(pk=claim.pk).state == "proposed"
    assert (
        "Approve verdict"
        not in client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    )
    client.force_login(editor)
    assert (
        "Approve verdict" in client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    )
    client.post(reverse("claim_action", args=[claim.pk, "approve"]))
    assert Claim.objects.get(pk=claim.pk).state == "approved"


def test_comment_via_htmx_returns_the_thread_escaped_and_notifies(client, fact_checker, editor):
    claim = ClaimFactory()
    client.force_login(fact_checker)
    response = client.post(
        reverse("comment_post", args=[claim.pk]),
        {"body": f"_see_ the map @{editor.username} <img src=x onerror=alert(1)>"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<em>see</em>" in html and "onerror" not in html
    assert Notification.objects.filter(user=editor).count() == 1
    empty = client.post(
        reverse("comment_post", args=[claim.pk]), {"body": " "}, HTTP_HX_REQUEST="true"
    )
    assert "Write something" in empty.content.decode()
    assert Comment.objects.count() == 1


def test_triage_walks_new_claims_and_accepts_via_htmx(client, fact_checker):
    letter = LetterFactory()
    first = ClaimFactory(letter=letter, quote="first claim text", start=1)
    second = ClaimFactory(letter=letter, quote="second claim text", start=5)
    client.force_login(fact_checker)
    page = client.get(reverse("triage"), {"letter": letter.pk}).content.decode()
    assert "first claim text" in page and "Claim 1 of 2 new" in page and "help" in page
    card = client.get(reverse("triage"), {"letter": letter.pk, "i": 1}, HTTP_HX_REQUEST="true")
    assert "second claim text" in card.content.decode() and b"<html" not in card.content
    after = client.post(
        reverse("triage_act", args=[first.pk, "triage"]),
        {"letter": letter.pk, "i": 0},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Accepted." in after and "second claim text" in after and "Claim 1 of 1 new" in after
    done = client.post(
        reverse("triage_act", args=[second.pk, "dismiss"]),
        {"letter": letter.pk, "i": 0, "reason": "not_a_claim"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "No new claims left" in done
    assert Claim.objects.get(pk=second.pk).dismiss_reason == "not_a_claim"


def test_bulk_triage_from_the_queue_page_covers_the_whole_filter(client, editor, fact_checker):
    letter = LetterFactory()
    for _ in range(30):
        ClaimFactory(letter=letter)
    client.force_login(fact_checker)
    assert client.post(reverse("claims_bulk"), {"action": "triage"}).status_code == 403
    client.force_login(editor)
    response = client.post(
        reverse("claims_bulk"),
        {"action": "triage", "scope": "filter", "queue": "new", "letter": letter.pk},
        follow=True,
    )
    assert "30 claim(s) done; 0 skipped" in response.content.decode()
    assert Claim.objects.filter(state="queued").count() == 30


def test_notifications_page_shows_unread_count_in_nav_and_marks_read(client, editor, fact_checker):
    claim = ClaimFactory()
    note = Notification.objects.create(
        user=editor, claim=claim, actor=fact_checker, kind="mention", message="fatima mentioned you"
    )
    client.force_login(editor)
    page = client.get(reverse("notifications")).content.decode()
    assert "fatima mentioned you" in page and 'aria-label="1 unread"' in page
    response = client.post(reverse("notification_read", args=[note.pk]), {"open": "1"})
    assert response.url == reverse("claim_detail", args=[claim.pk])
    assert 'aria-label="1 unread"' not in client.get(reverse("dashboard")).content.decode()


def test_dashboard_shows_queue_counts_and_per_person_workload(client, editor, fact_checker):
    ClaimFactory(state="in_research", assignee=fact_checker)
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    propose_verdict(claim, fact_checker)
    client.force_login(editor)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Review queues" in page and "Awaiting approval" in page
    assert f"?assignee={fact_checker.pk}" in page
