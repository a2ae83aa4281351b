"""The UI and API shells: login, dashboard, errors, schema, health, roles."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from claims.models import Letter, LetterStatus
from tests.conftest import openapi_paths

pytestmark = pytest.mark.django_db


def test_roles_exist_as_groups_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "observer",
        "fact_checker",
        "editor",
        "admin",
    }


def test_unauthenticated_api_call_is_refused(api_client):
    response = api_client.get("/api/v1/letters/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"


def test_outsider_without_role_gets_404_not_data(client, api_client, outsider):
    client.force_login(outsider)
    api_client.force_authenticate(outsider)
    assert client.get(reverse("letter_list")).status_code == 404
    assert api_client.get("/api/v1/letters/").status_code == 404


def test_dashboard_shows_the_sample_letters(client, settings, django_capture_on_commit_callbacks):
    settings.DEMO = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert client.login(username="checker", password="checker-demo-pass")
    page = client.get(reverse("dashboard")).content.decode()
    assert "S/2025/43" in page
    assert "S/2025/245" in page
    assert Letter.objects.filter(status=LetterStatus.READY).count() >= 3


def test_seed_demo_refuses_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO = settings.DEBUG = False
    with pytest.raises(CommandError, match="demo mode"):
        call_command("seed_demo")


def test_openapi_schema_is_served_as_json_and_names_the_letters_api(client, fact_checker):
    paths = openapi_paths(client).splitlines()
    assert "/api/v1/letters/" in paths


def test_api_docs_are_served_offline_from_the_app(client):
    page = client.get("/api/docs/").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/" in page


def test_api_errors_share_one_format(api_client, fact_checker):
    api_client.force_authenticate(fact_checker)
    missing = api_client.get("/api/v1/letters/999999/")
    assert missing.status_code == 404
    assert set(missing.json()["error"]) >= {"status", "code", "message"}


def test_page_size_has_a_hard_maximum(api_client, fact_checker):
    api_client.force_authenticate(fact_checker)
    Letter.objects.bulk_create([Letter(symbol=f"S/2025/{i}", status="ready") for i in range(250)])
    body = api_client.get("/api/v1/letters/?page_size=10000").json()
    assert len(body["results"]) == 200
    assert body["count"] == 250


def test_healthz_reports_each_dependency_to_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ops", is_staff=True))
    body = client.get("/healthz").json()
    assert set(body) >= {"status", "ok", "database", "broker", "worker"}
    assert body["database"]["ok"] is True


def test_healthz_tells_anonymous_callers_only_ok_or_not(client):
    response = client.get("/healthz")
    assert response.json() in ({"status": "ok"}, {"status": "degraded"}, {"status": "not ok"})
    assert response.status_code == (503 if response.json()["status"] == "not ok" else 200)


def test_html_pages_carry_a_strict_content_security_policy(client, fact_checker):
    client.force_login(fact_checker)
    for url in ("/login/", "/", "/letters/", "/admin/", "/api/docs/", "/api/redoc/"):
        response = client.get(url, follow=True)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self';" in policy, url
        assert "<script>" not in response.content.decode(), url


def test_json_responses_carry_no_page_policy(client):
    assert "Content-Security-Policy" not in client.get("/healthz").headers
    # /api/v1/ itself is no page: an unknown API URL answers JSON (config/api_errors.py).
    response = client.get("/api/v1/")
    assert response["Content-Type"] == "application/json"
    assert "Content-Security-Policy" not in response.headers


def test_login_is_throttled_after_repeated_failures(client, fact_checker):
    for _ in range(10):
        assert (
            client.post("/login/", {"username": "fatima", "password": "wrong"}).status_code == 200
        )
    response = client.post("/login/", {"username": "fatima", "password": "pw-fatima"})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
