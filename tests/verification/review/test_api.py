"""The review API: list with filters and queues, detail, actions, comments, history, bulk."""

import pytest

from claims.models import AuditEvent, Claim
from tests.conftest import openapi_paths
from tests.factories import ClaimFactory, LetterFactory
from verification.models import Notification, Rating

from .builders import propose_verdict

pytestmark = pytest.mark.django_db


def _as(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_claims_list_filters_by_queue_letter_sender_type_date_place_and_text(
    api_client, fact_checker
):
    a = LetterFactory(sender="Mission of Alpha")
    b = LetterFactory(sender="Mission of Beta")
    hit = ClaimFactory(
        letter=a,
        quote="shelling of Khan Younis hospital",
        places=["Khan Younis"],
        claim_type="strike",
    )
    hit.event_date = "2024-05-03"
    hit.save()
    ClaimFactory(letter=a, quote="general statement on peace", kind="general", places=[])
    ClaimFactory(letter=b, state="queued")
    client = _as(api_client, fact_checker)
    assert _ids(client.get("/api/v1/claims/", {"q": "KHAN younis"})) == {hit.pk}
    assert _ids(client.get("/api/v1/claims/", {"place": "khan"})) == {hit.pk}
    assert len(_ids(client.get("/api/v1/claims/", {"letter": a.pk}))) == 2
    assert len(_ids(client.get("/api/v1/claims/", {"sender": "beta"}))) == 1
    assert _ids(client.get("/api/v1/claims/", {"type": "strike"})) == {hit.pk}
    assert _ids(
        client.get("/api/v1/claims/", {"date_from": "2024-05-01", "date_to": "2024-05-31"})
    ) == {hit.pk}
    assert len(_ids(client.get("/api/v1/claims/", {"queue": "unassigned"}))) == 1
    assert len(_ids(client.get("/api/v1/claims/", {"queue": "new", "kind": "general"}))) == 1


def test_my_queue_and_returned_to_me_hold_only_my_claims(api_client, fact_checker, fact_checker2):
    mine = ClaimFactory(state="in_research", assignee=fact_checker)
    returned = ClaimFactory(state="returned", assignee=fact_checker)
    ClaimFactory(state="in_research", assignee=fact_checker2)
    client = _as(api_client, fact_checker)
    assert _ids(client.get("/api/v1/claims/", {"queue": "mine"})) == {mine.pk, returned.pk}
    assert _ids(client.get("/api/v1/claims/", {"queue": "returned"})) == {returned.pk}
    assert len(_ids(client.get("/api/v1/claims/", {"assignee": fact_checker2.pk}))) == 1
    assert _ids(client.get("/api/v1/claims/", {"assignee": "none"})) == set()


def test_claims_list_query_count_does_not_grow_with_page_size(
    api_client, fact_checker, fact_checker2, django_assert_num_queries
):
    letter = LetterFactory()
    for i in range(60):
        ClaimFactory(letter=letter, assignee=fact_checker if i % 2 else fact_checker2)
    client = _as(api_client, fact_checker)
    client.get("/api/v1/claims/")  # loads the user's roles once, as a real session would
    for size in (5, 50):
        # Two queries: the COUNT, and the page of rows with letter and assignee joined.
        with django_assert_num_queries(2):
            response = client.get("/api/v1/claims/", {"page_size": size, "q": "strike"})
        assert len(response.json()["results"]) == size


def test_claims_list_pages_like_every_list_and_a_bad_page_is_400(api_client, fact_checker):
    letter = LetterFactory()
    for _ in range(7):
        ClaimFactory(letter=letter)
    client = _as(api_client, fact_checker)
    first = client.get("/api/v1/claims/", {"page_size": 5}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 5 and len(second["results"]) == 2
    assert first["count"] == 7
    assert not _ids_of(first) & _ids_of(second)
    for page in ("3", "0", "abc"):
        response = client.get("/api/v1/claims/", {"page_size": 5, "page": page})
        assert response.status_code == 400
        assert response.json()["error"]["message"].startswith("page:")
    assert client.get("/api/v1/claims/", {"page_size": "x"}).status_code == 400


def _ids_of(body) -> set[int]:
    return {row["id"] for row in body["results"]}


def test_claim_detail_lists_the_actions_open_to_this_user(api_client, fact_checker, observer):
    claim = ClaimFactory(state="queued")
    body = _as(api_client, fact_checker).get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["allowed_actions"] == ["dismiss", "take"]
    body = _as(api_client, observer).get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["allowed_actions"] == []


def test_outsider_gets_404_for_every_review_endpoint(api_client, outsider):
    claim = ClaimFactory()
    client = _as(api_client, outsider)
    for url in (
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/comments/",
        f"/api/v1/claims/{claim.pk}/history/",
        "/api/v1/notifications/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/api/v1/claims/{claim.pk}/actions/triage").status_code == 404
    assert client.post("/api/v1/claims/bulk/", {"action": "triage"}).status_code == 404


def test_anonymous_requests_are_refused(api_client):
    claim = ClaimFactory()
    assert api_client.get("/api/v1/claims/").status_code in (401, 403)
    assert api_client.post(f"/api/v1/claims/{claim.pk}/actions/triage").status_code in (401, 403)


def test_observer_reads_but_any_write_is_403(api_client, observer):
    claim = ClaimFactory()
    client = _as(api_client, observer)
    assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    assert client.post(f"/api/v1/claims/{claim.pk}/actions/triage").status_code == 403
    assert client.post(f"/api/v1/claims/{claim.pk}/comments/", {"body": "x"}).status_code == 403
    assert client.patch(f"/api/v1/claims/{claim.pk}/", {"restatement": "x"}).status_code == 403


def test_action_returns_the_claim_409_on_wrong_state_and_403_for_a_low_role(
    api_client, fact_checker
):
    claim = ClaimFactory()
    client = _as(api_client, fact_checker)
    response = client.post(f"/api/v1/claims/{claim.pk}/actions/triage", {}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "queued" and response.json()["version"] == 2
    again = client.post(f"/api/v1/claims/{claim.pk}/actions/triage", {}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "Cannot triage a claim that is queued."
    assign = client.post(f"/api/v1/claims/{claim.pk}/actions/assign", {"assignee": 1})
    assert assign.status_code == 403


def test_stale_expected_version_gives_409_with_a_clear_message(api_client, fact_checker):
    claim = ClaimFactory(state="queued")
    client = _as(api_client, fact_checker)
    response = client.post(
        f"/api/v1/claims/{claim.pk}/actions/take", {"expected_version": 7}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"].startswith("Someone else changed this claim")


def test_bad_input_is_400_with_a_message_and_writes_nothing(api_client, fact_checker):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    client = _as(api_client, fact_checker)
    for body in (
        {"rating": "abc"},
        {"rationale": "x"},
        {"rating": Rating.objects.first().pk, "rationale": "x", "assessed_killed_min": -1},
        {"rating": Rating.objects.first().pk, "rationale": "x", "evidence": [123456]},
    ):
        response = client.post(f"/api/v1/claims/{claim.pk}/actions/propose", body, format="json")
        assert response.status_code == 400, body
        assert response.json()["error"]["message"]
    assert Claim.objects.get(pk=claim.pk).version == 1
    assert not AuditEvent.objects.exists()


def test_unknown_action_is_404(api_client, editor):
    claim = ClaimFactory()
    response = _as(api_client, editor).post(f"/api/v1/claims/{claim.pk}/actions/explode")
    assert response.status_code == 404


def test_propose_then_approve_through_the_api(api_client, fact_checker, editor):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    rating = Rating.objects.first()
    proposed = _as(api_client, fact_checker).post(
        f"/api/v1/claims/{claim.pk}/actions/propose",
        {"rating": rating.pk, "rationale": "Corroborated by OCHA.", "assessed_killed_min": 10},
        format="json",
    )
    assert proposed.status_code == 200 and proposed.json()["state"] == "proposed"
    own = api_client.post(f"/api/v1/claims/{claim.pk}/actions/approve")
    assert own.status_code == 403
    approved = _as(api_client, editor).post(f"/api/v1/claims/{claim.pk}/actions/approve")
    assert approved.status_code == 200 and approved.json()["state"] == "approved"


def test_patch_edits_the_restatement_and_is_audited(api_client, fact_checker):
    claim = ClaimFactory()
    response = _as(api_client, fact_checker).patch(
        f"/api/v1/claims/{claim.pk}/", {"restatement": "A strike killed 12."}, format="json"
    )
    assert response.status_code == 200 and response.json()["restatement"] == "A strike killed 12."
    assert AuditEvent.objects.get(action="claim.edited").after == {
        "restatement": "A strike killed 12."
    }
    bad = api_client.patch(f"/api/v1/claims/{claim.pk}/", {"killed": -3}, format="json")
    assert bad.status_code == 400


def test_comments_are_posted_listed_and_rendered_safely(api_client, fact_checker, editor):
    claim = ClaimFactory()
    client = _as(api_client, fact_checker)
    posted = client.post(
        f"/api/v1/claims/{claim.pk}/comments/",
        {"body": f"**Check** this, @{editor.username} <script>x</script>"},
        format="json",
    )
    assert posted.status_code == 201
    listed = client.get(f"/api/v1/claims/{claim.pk}/comments/").json()
    assert listed["count"] == 1
    assert "<strong>Check</strong>" in listed["results"][0]["html"]
    assert "<script" not in listed["results"][0]["html"]
    assert client.post(f"/api/v1/claims/{claim.pk}/comments/", {"body": ""}).status_code == 400
    notes = _as(api_client, editor).get("/api/v1/notifications/").json()
    assert notes["count"] == 1 and notes["results"][0]["claim"] == claim.pk


def test_history_lists_every_transition_oldest_first(api_client, fact_checker):
    claim = ClaimFactory()
    client = _as(api_client, fact_checker)
    client.post(f"/api/v1/claims/{claim.pk}/actions/triage")
    client.post(f"/api/v1/claims/{claim.pk}/actions/take")
    rows = client.get(f"/api/v1/claims/{claim.pk}/history/").json()["results"]
    assert [r["action"] for r in rows] == ["claim.triage", "claim.take"]
    assert rows[1]["before"]["state"] == "queued" and rows[1]["after"]["state"] == "in_research"
    assert rows[1]["actor"] == fact_checker.username


def test_history_and_comments_query_counts_do_not_grow_with_page_size(
    api_client, fact_checker, django_assert_num_queries
):
    from verification.services import comments

    claim = ClaimFactory()
    for i in range(12):
        comments.comment_create(claim_id=claim.pk, body=f"note {i}", actor=fact_checker)
    client = _as(api_client, fact_checker)
    client.get("/api/v1/claims/")
    for url in ("comments", "history"):
        counts = []
        for size in (5, 50):
            # the claim, the COUNT, the page with its joins
            with django_assert_num_queries(3) as captured:
                client.get(f"/api/v1/claims/{claim.pk}/{url}/", {"page_size": size})
            counts.append(len(captured.captured_queries))
        assert counts[0] == counts[1]


def test_bulk_endpoint_triages_a_whole_filter_and_reports_counts(api_client, editor, fact_checker):
    letter = LetterFactory()
    for _ in range(8):
        ClaimFactory(letter=letter)
    ClaimFactory(letter=letter, state="approved")
    response = _as(api_client, editor).post(
        "/api/v1/claims/bulk/",
        {"action": "triage", "filters": {"letter": str(letter.pk)}},
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "done": 8,
        "skipped": 1,
        "skipped_ids": [response.json()["skipped_ids"][0]],
    }
    denied = _as(api_client, fact_checker).post(
        "/api/v1/claims/bulk/", {"action": "triage", "claim_ids": [1]}, format="json"
    )
    assert denied.status_code == 403
    neither = _as(api_client, editor).post(
        "/api/v1/claims/bulk/", {"action": "triage"}, format="json"
    )
    assert neither.status_code == 400


def test_notification_is_marked_read_by_its_owner_only(api_client, observer, editor):
    claim = ClaimFactory()
    note = Notification.objects.create(user=observer, claim=claim, kind="mention", message="m")
    assert _as(api_client, editor).post(f"/api/v1/notifications/{note.pk}/read").status_code == 404
    response = _as(api_client, observer).post(f"/api/v1/notifications/{note.pk}/read")
    assert response.status_code == 200 and response.json()["read_at"]


def test_notifications_list_query_count_is_constant(
    api_client, editor, fact_checker, django_assert_num_queries
):
    claim = ClaimFactory()
    Notification.objects.bulk_create(
        Notification(user=editor, claim=claim, actor=fact_checker, kind="mention", message="m")
        for _ in range(12)
    )
    client = _as(api_client, editor)
    client.get("/api/v1/claims/")
    for size in (5, 50):
        with django_assert_num_queries(2):
            client.get("/api/v1/notifications/", {"page_size": size})


def test_schema_documents_the_review_endpoints(client):
    text = openapi_paths(client)
    for path in (
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/bulk/",
        "/api/v1/claims/{id}/comments/",
        "/api/v1/claims/{id}/history/",
        "/api/v1/notifications/",
    ):
        assert path in text, path
    assert "actions/" in text and "/read" in text


def test_proposing_sets_the_claim_proposer(api_client, fact_checker):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    propose_verdict(claim, fact_checker)
    assert Claim.objects.get(pk=claim.pk).proposed_by == fact_checker


def test_fast_list_rows_equal_the_declared_row_serializer(api_client, fact_checker):
    from verification.api import review_serializers
    from verification.selectors import review as selectors

    ClaimFactory(state="in_research", assignee=fact_checker, event_date="2024-05-03")
    ClaimFactory()
    rows = selectors.claim_list_rows(selectors.ClaimFilter(), fact_checker)
    fast = review_serializers.ClaimRowListSerializer(rows, many=True).data
    declared = review_serializers.ClaimRowSerializer(rows, many=True).data
    assert [dict(r) for r in fast] == [dict(r) for r in declared]
