"""API conventions a script can rely on: JSON errors on every /api/ URL, 401 with
WWW-Authenticate, Idempotency-Key on POSTs that start jobs, ETags and conditional GETs."""

import pytest
from django.test import Client

from claims.models import IdempotencyRecord
from tests.factories import ClaimFactory
from verification.models import ExportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(api_client, editor):
    api_client.force_authenticate(editor)
    return api_client


def test_an_unknown_api_url_answers_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_a_method_the_endpoint_lacks_answers_json_405(client):
    response = client.delete("/api/v1/letters/")
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


@pytest.mark.no_contract  # a crash is never documented
def test_a_server_error_under_the_api_answers_json_500(editor, monkeypatch):
    import claims.api

    def crash(user, pk, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims.api, "access_letter", crash)
    browser = Client(raise_request_exception=False)
    browser.force_login(editor)
    response = browser.get("/api/v1/letters/1/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


def test_missing_or_bad_credentials_are_401_with_www_authenticate(api_client):
    anonymous = api_client.get("/api/v1/claims/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert anonymous.json()["error"]["code"] == "not_authenticated"
    bad = api_client.get("/api/v1/claims/", HTTP_AUTHORIZATION="Token not-a-token")
    assert bad.status_code == 401 and bad["WWW-Authenticate"] == "Token"


def test_the_same_idempotency_key_replays_the_first_answer_and_makes_one_job(
    client, django_capture_on_commit_callbacks
):
    headers = {"HTTP_IDEMPOTENCY_KEY": "newsroom-run-42"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/api/v1/exports/", {"format": "csv"}, **headers)
    again = client.post("/api/v1/exports/", {"format": "csv"}, **headers)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json() and again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert ExportJob.objects.count() == 1
    other = client.post("/api/v1/letters/", {"text": "A letter."}, **headers)
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert IdempotencyRecord.objects.count() == 1


def test_without_a_key_every_post_is_a_new_job(client):
    client.post("/api/v1/exports/", {"format": "csv"})
    client.post("/api/v1/exports/", {"format": "csv"})
    assert ExportJob.objects.count() == 2


def test_a_single_object_has_an_etag_and_answers_304_while_unchanged(client, editor):
    claim = ClaimFactory()
    first = client.get(f"/api/v1/claims/{claim.pk}/")
    etag = first["ETag"]
    unchanged = client.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and not unchanged.content
    client.patch(f"/api/v1/claims/{claim.pk}/", {"restatement": "Twelve civilians were killed."})
    changed = client.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_an_id_too_large_for_the_database_is_a_4xx_not_a_500(client):
    huge = "99999999999999999999"
    assert client.get(f"/api/v1/claims/{huge}/").status_code == 404
    assert client.get(f"/api/v1/exports/{huge}/download/").status_code == 404
    assert client.get("/api/v1/claims/", {"letter": huge}).status_code in (200, 400)
