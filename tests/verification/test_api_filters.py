"""Filters are strict and typed: a value the API cannot read is a 400 naming the parameter,
never a silent "every claim". The queue pages read the same language but drop bad values."""

import pytest

from tests.factories import ClaimFactory, LetterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(api_client, fact_checker):
    api_client.force_authenticate(fact_checker)
    return api_client


@pytest.mark.parametrize(
    ("url", "parameter", "value"),
    [
        ("/api/v1/claims/", "state", "bogus"),
        ("/api/v1/claims/", "kind", "bogus"),
        ("/api/v1/claims/", "letter", "abc"),
        ("/api/v1/claims/", "queue", "bogus"),
        ("/api/v1/claims/", "type", "bogus"),
        ("/api/v1/claims/", "date_from", "yesterday"),
        ("/api/v1/claims/", "assignee", "somebody"),
        ("/api/v1/letters/", "status", "bogus"),
        ("/api/v1/letters/", "date_to", "2024-13-01"),
        ("/api/v1/letters/", "sort", "bogus"),
        ("/api/v1/sources/", "kind", "bogus"),
        ("/api/v1/sources/", "reliability", "Z"),
        ("/api/v1/exports/", "status", "bogus"),
        ("/api/v1/exports/", "format", "bogus"),
        ("/api/v1/incidents/", "date_from", "bogus"),
    ],
)
def test_a_value_that_cannot_be_read_is_a_400_naming_the_parameter(client, url, parameter, value):
    response = client.get(url, {parameter: value})
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"].startswith(f"{parameter}:")
    assert parameter in error["details"]


def test_evidence_lists_check_their_filters_too(client):
    claim = ClaimFactory()
    response = client.get(f"/api/v1/claims/{claim.pk}/evidence/", {"stance": "bogus"})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("stance:")
    assert client.get(f"/api/v1/claims/{claim.pk}/evidence/", {"stance": ""}).status_code == 200


def test_a_valid_filter_narrows_the_list(client):
    letter = LetterFactory()
    kept = ClaimFactory(letter=letter, state="new")
    ClaimFactory(letter=letter, dismissed=True)
    ClaimFactory(state="new")
    response = client.get("/api/v1/claims/", {"state": "new", "letter": str(letter.pk)})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [kept.pk]


def test_bulk_triage_by_filters_refuses_a_bad_filter(client):
    ClaimFactory(state="new")
    response = client.post(
        "/api/v1/claims/bulk/", {"action": "triage", "filters": {"state": "bogus"}}
    )
    assert response.status_code == 400
    assert "state" in response.json()["error"]["message"]


def test_the_queue_page_drops_a_value_it_cannot_read(client, fact_checker):
    from django.test import Client

    page = Client()
    page.force_login(fact_checker)
    assert page.get("/queues/all/", {"state": "bogus"}).status_code == 200


def test_claim_filters_are_typed_in_the_schema():
    from tests.contract import served_schema

    params = {
        p["name"]: p["schema"]
        for p in served_schema()["paths"]["/api/v1/claims/"]["get"]["parameters"]
    }
    assert params["letter"]["type"] == "string"  # an id or a UN symbol such as S/2025/470
    assert params["date_from"]["format"] == "date"
    assert "bogus" not in params["state"]["enum"] and "new" in params["state"]["enum"]
