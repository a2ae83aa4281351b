"""The matching API: similar claims, match decisions, incidents; permissions and query counts."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import AuditEvent
from tests.conftest import openapi_paths
from verification.models import ClaimMatch, Incident, Rating, Verdict

from .conftest import make_claim, make_letter

pytestmark = pytest.mark.django_db


def _reply_match(matched) -> ClaimMatch:
    low, high = sorted((matched.original.pk, matched.reply.pk))
    return ClaimMatch.objects.get(claim_a_id=low, claim_b_id=high)


def test_similar_claims_of_a_claim_are_listed_best_first(api_client, matched, observer):
    api_client.force_authenticate(observer)
    response = api_client.get(f"/api/v1/claims/{matched.original.pk}/similar/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["claim"]["id"] for row in rows] == [matched.identical.pk, matched.reply.pk]
    assert rows[0]["status"] == "linked" and "identical letters" in rows[0]["reasons"]
    assert (
        rows[1]["status"] == "suggested"
        and rows[1]["claim"]["letter_sender"] == "Russian Federation"
    )


def test_fact_checker_confirms_and_rejects_a_match(api_client, matched, fact_checker):
    match = _reply_match(matched)
    api_client.force_authenticate(fact_checker)
    response = api_client.post(
        f"/api/v1/matches/{match.pk}/confirm", {"note": "same strike"}, format="json"
    )
    assert response.status_code == 200
    assert (
        response.json()["status"] == "confirmed"
        and response.json()["decided_by"] == fact_checker.pk
    )
    assert api_client.post(f"/api/v1/matches/{match.pk}/confirm").status_code == 409
    assert api_client.post(f"/api/v1/matches/{match.pk}/reject").json()["status"] == "rejected"
    actions = set(
        AuditEvent.objects.filter(target_type="claimmatch").values_list("action", flat=True)
    )
    assert {"match.confirmed", "match.rejected"} <= actions


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/matches/{match}/confirm"),
        ("post", "/api/v1/matches/{match}/reject"),
        ("post", "/api/v1/incidents/{incident}/split"),
        ("post", "/api/v1/incidents/merge"),
    ],
)
def test_observer_cannot_write_and_outsider_gets_404(
    api_client, matched, observer, outsider, method, url
):
    url = url.format(match=_reply_match(matched).pk, incident=Incident.objects.get().pk)
    api_client.force_authenticate(observer)
    assert getattr(api_client, method)(url, {}, format="json").status_code == 403
    api_client.force_authenticate(outsider)
    assert getattr(api_client, method)(url, {}, format="json").status_code == 404
    assert ClaimMatch.objects.filter(decided_by__isnull=False).count() == 0


@pytest.mark.parametrize(
    "url",
    ["/api/v1/claims/{claim}/similar/", "/api/v1/incidents/", "/api/v1/incidents/{incident}/"],
)
def test_outsiders_read_nothing_and_observers_read_everything(
    api_client, matched, observer, outsider, url
):
    url = url.format(claim=matched.original.pk, incident=Incident.objects.get().pk)
    api_client.force_authenticate(outsider)
    assert api_client.get(url).status_code == 404
    api_client.force_authenticate(observer)
    assert api_client.get(url).status_code == 200


def test_unknown_match_claim_and_incident_are_404(api_client, fact_checker):
    api_client.force_authenticate(fact_checker)
    assert api_client.post("/api/v1/matches/999/confirm").status_code == 404
    assert api_client.get("/api/v1/claims/999/similar/").status_code == 404
    assert api_client.get("/api/v1/incidents/999/").status_code == 404


def test_incident_detail_shows_who_alleged_and_who_denied(api_client, matched, observer):
    api_client.force_authenticate(observer)
    incident = Incident.objects.get()
    body = api_client.get(f"/api/v1/incidents/{incident.pk}/").json()
    stances = {row["letter_sender"]: row["stance"] for row in body["claims"]}
    assert stances == {"Ukraine": "alleges", "Russian Federation": "denies"}
    assert body["senders"] == ["Ukraine", "Russian Federation"]
    assert {row["killed"] for row in body["claims"]} == {12, None}


def test_split_and_merge_through_the_api(api_client, matched, fact_checker):
    api_client.force_authenticate(fact_checker)
    incident = Incident.objects.get()
    response = api_client.post(
        f"/api/v1/incidents/{incident.pk}/split", {"claim_ids": [matched.reply.pk]}, format="json"
    )
    assert response.status_code == 201
    new_id = response.json()["id"]
    assert [c["id"] for c in response.json()["claims"]] == [matched.reply.pk]
    response = api_client.post(
        "/api/v1/incidents/merge", {"incident_ids": [incident.pk, new_id]}, format="json"
    )
    assert response.status_code == 200 and response.json()["claim_count"] == 3


@pytest.mark.parametrize(
    ("url", "body", "message"),
    [
        ("split", {"claim_ids": "x"}, "claim_ids"),
        ("split", {}, "claim_ids"),
        ("split", {"claim_ids": [1, 2, 3]}, "Leave at least one claim"),
        ("merge", {"incident_ids": [1]}, "incident_ids"),
    ],
)
def test_bad_input_is_a_400_with_a_message(api_client, matched, fact_checker, url, body, message):
    api_client.force_authenticate(fact_checker)
    incident = Incident.objects.get()
    if body.get("claim_ids") == [1, 2, 3]:
        body = {"claim_ids": list(incident.claims.values_list("pk", flat=True))}
    path = f"/api/v1/incidents/{incident.pk}/split" if url == "split" else "/api/v1/incidents/merge"
    response = api_client.post(path, body, format="json")
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert Incident.objects.count() == 1


def _many_incidents(count: int, editor, fact_checker) -> None:
    rating = Rating.objects.order_by("id").first()
    for n in range(count):
        day = date(2024, 1, 1) + timedelta(days=n)
        incident = Incident.objects.create(title=f"Strike {n}", event_date=day, places=["Kharkiv"])
        for sender in ("Ukraine", "Russian Federation"):
            text = f"Strike number {n} reported by {sender}."
            claim = make_claim(make_letter(f"S/2024/{n}{sender[:3]}", sender, text), event_date=day)
            incident.claims.add(claim)
            if rating and sender == "Ukraine":
                Verdict.objects.create(
                    claim=claim, rating=rating, rating_label=rating.label, rating_value=rating.value,
                    rating_colour=rating.colour, rationale="r", status="approved",
                    proposed_by=fact_checker, decided_by=editor,
                )  # fmt: skip


def test_incident_list_query_count_is_constant(
    api_client, observer, editor, fact_checker, django_assert_num_queries
):
    _many_incidents(55, editor, fact_checker)
    api_client.force_authenticate(observer)
    api_client.get("/api/v1/incidents/?page_size=5")  # warm the session and role caches
    with CaptureQueriesContext(connection) as first:
        api_client.get("/api/v1/incidents/?page_size=5")
    with django_assert_num_queries(len(first)):
        response = api_client.get("/api/v1/incidents/?page_size=50")
    assert len(response.json()["results"]) == 50
    assert response.json()["results"][0]["ratings"]


def test_similar_list_query_count_is_constant(
    api_client, matched, observer, django_assert_num_queries
):
    for n in range(12):
        letter = make_letter(f"S/2024/9{n}", "Ukraine", f"Copy {n}: " + matched.original.quote)
        other = make_claim(letter, matched.original.quote)
        low, high = sorted((matched.original.pk, other.pk))
        ClaimMatch.objects.create(
            claim_a_id=low, claim_b_id=high, score=0.9, reasons=["same wording"], status="linked"
        )
    api_client.force_authenticate(observer)
    url = f"/api/v1/claims/{matched.original.pk}/similar/"
    api_client.get(url + "?page_size=5")
    with CaptureQueriesContext(connection) as first:
        api_client.get(url + "?page_size=5")
    with django_assert_num_queries(len(first)):
        response = api_client.get(url + "?page_size=50")
    assert len(response.json()["results"]) == 14


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("date_from=2024-01-03&date_to=2024-01-04", {"Strike 2", "Strike 3"}),
        ("place=kharkiv&date_to=2024-01-01", {"Strike 0"}),
        ("place=Odesa", set()),
        ("sender=Russian&date_to=2024-01-02", {"Strike 0", "Strike 1"}),
        ("sender=Armenia", set()),
    ],
)
def test_incident_list_filters(api_client, observer, editor, fact_checker, params, expected):
    _many_incidents(5, editor, fact_checker)
    api_client.force_authenticate(observer)
    rows = api_client.get(f"/api/v1/incidents/?{params}").json()["results"]
    assert {row["title"] for row in rows} == expected


def test_incident_list_filters_by_verdict_rating(api_client, observer, editor, fact_checker):
    _many_incidents(3, editor, fact_checker)
    rating = Rating.objects.order_by("id").first()
    other = Rating.objects.exclude(pk=rating.pk).first()
    api_client.force_authenticate(observer)
    assert len(api_client.get(f"/api/v1/incidents/?rating={rating.pk}").json()["results"]) == 3
    assert len(api_client.get(f"/api/v1/incidents/?rating={rating.label}").json()["results"]) == 3
    assert api_client.get(f"/api/v1/incidents/?rating={other.pk}").json()["results"] == []


def test_the_schema_names_the_matching_paths(client):
    text = openapi_paths(client)
    for path in (
        "/api/v1/claims/{id}/similar/",
        "/api/v1/matches/{id}/confirm",
        "/api/v1/matches/{id}/reject",
        "/api/v1/incidents/",
        "/api/v1/incidents/{id}/",
        "/api/v1/incidents/{id}/split",
        "/api/v1/incidents/merge",
    ):
        assert path in text, path
