"""The verdicts, ratings and exports API: permissions, shapes, 202 jobs, pagination."""

from __future__ import annotations

import pytest

from claims.models import AuditEvent
from tests.conftest import openapi_paths
from tests.verification.verdicts.conftest import make_evidence, make_source, make_verdict
from verification.models import ExportJob, Rating, Verdict

pytestmark = pytest.mark.django_db


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


# ---- Verdicts and the suggested rating ----------------------------------------------------


def test_claim_verdicts_list_every_verdict_with_the_label_it_was_given(
    world, api_client, observer, admin_user
):
    approved = world["approved"]
    Rating.objects.filter(label="Corroborated").update(label="Renamed later")
    body = as_user(api_client, observer).get(f"/api/v1/claims/{approved.pk}/verdicts/").json()
    assert body["count"] == 1
    verdict = body["results"][0]
    assert verdict["rating_label"] == "Corroborated" and verdict["status"] == "approved"
    assert verdict["assessed_killed"] == {"min": 10, "max": 12}
    assert "<script>" not in verdict["rationale_html"]
    assert "<strong>independent</strong>" in verdict["rationale_html"]
    assert len(verdict["evidence"]) == 2


def test_claim_verdict_list_query_count_does_not_grow_with_page_size(
    world, api_client, fact_checker, editor, django_assert_num_queries
):
    claim = world["formula"]
    for index in range(60):
        source = make_source(f"S{index}", publisher=f"P{index}")
        item = make_evidence(claim, source)
        make_verdict(claim, "Contested", proposer=fact_checker, decider=editor, evidence=[item],
                     status="superseded")  # fmt: skip
    client = as_user(api_client, fact_checker)
    client.get(f"/api/v1/claims/{claim.pk}/verdicts/?page_size=5")  # warm the role cache
    counts = []
    for size in (5, 50):
        # the claim, the count, the page of verdicts and one prefetch of their evidence
        with django_assert_num_queries(4) as captured:
            response = client.get(f"/api/v1/claims/{claim.pk}/verdicts/?page_size={size}")
        assert len(response.json()["results"]) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_suggested_rating_explains_itself(world, api_client, observer):
    body = (
        as_user(api_client, observer)
        .get(f"/api/v1/claims/{world['approved'].pk}/suggested-rating/")
        .json()
    )
    assert body["key"] == "confirmed"  # OCHA A1 and HRW B2, independent, nothing against
    assert body["rating"]["label"] == "Confirmed"
    assert "one graded A1" in body["reasons"][0]


def test_suggestion_maps_to_a_renamed_step_by_its_value(world, api_client, observer):
    Rating.objects.filter(label="Confirmed").update(label="Established")
    body = (
        as_user(api_client, observer)
        .get(f"/api/v1/claims/{world['approved'].pk}/suggested-rating/")
        .json()
    )
    assert body["label"] == "Confirmed" and body["rating"]["label"] == "Established"


def test_outsiders_learn_nothing_about_verdicts(world, api_client, outsider):
    client = as_user(api_client, outsider)
    for url in (
        f"/api/v1/claims/{world['approved'].pk}/verdicts/",
        f"/api/v1/claims/{world['approved'].pk}/suggested-rating/",
        "/api/v1/ratings/",
        "/api/v1/exports/",
    ):
        assert client.get(url).status_code == 404, url


# ---- Ratings --------------------------------------------------------------------------------


def test_everyone_with_a_role_reads_the_scale_in_order(api_client, observer):
    body = as_user(api_client, observer).get("/api/v1/ratings/").json()
    labels = [row["label"] for row in body["results"]]
    assert labels == [
        "Confirmed",
        "Corroborated",
        "Single source",
        "Contested",
        "Contradicted",
        "Unverifiable",
    ]


def test_ratings_list_query_count_does_not_grow_with_page_size(
    api_client, observer, django_assert_num_queries
):
    Rating.objects.bulk_create(
        [Rating(label=f"Step {i}", value=i % 5, order=10 + i) for i in range(60)]
    )
    client = as_user(api_client, observer)
    client.get("/api/v1/ratings/?page_size=5")
    for size in (5, 50):
        with django_assert_num_queries(2):  # count and page (use counts are annotated)
            assert len(client.get(f"/api/v1/ratings/?page_size={size}").json()["results"]) == size


def test_admins_add_edit_and_deactivate_steps_and_each_change_is_audited(api_client, admin_user):
    client = as_user(api_client, admin_user)
    created = client.post(
        "/api/v1/ratings/", {"label": "Misleading", "value": 2, "colour": "#aa5500"}, format="json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["order"] == 6
    edited = client.patch(f"/api/v1/ratings/{pk}/", {"description": "Half true"}, format="json")
    assert edited.json()["description"] == "Half true"
    gone = client.patch(f"/api/v1/ratings/{pk}/", {"is_active": False}, format="json")
    assert gone.json()["is_active"] is False
    actions = list(AuditEvent.objects.filter(target_type="rating").values_list("action", flat=True))
    assert actions == ["rating.create", "rating.update", "rating.update"]


def test_reordering_needs_every_step_once(api_client, admin_user):
    client = as_user(api_client, admin_user)
    ids = list(Rating.objects.values_list("pk", flat=True))
    reversed_ids = list(reversed(ids))
    response = client.post("/api/v1/ratings/reorder/", {"ids": reversed_ids}, format="json")
    assert [row["id"] for row in response.json()] == reversed_ids
    bad = client.post("/api/v1/ratings/reorder/", {"ids": ids[:2]}, format="json")
    assert bad.status_code == 400 and "exactly once" in bad.json()["error"]["message"]


def test_bad_rating_input_is_a_400_with_a_message(api_client, admin_user):
    client = as_user(api_client, admin_user)
    colour = client.post(
        "/api/v1/ratings/", {"label": "X", "value": 1, "colour": "red"}, format="json"
    )
    assert colour.status_code == 400 and "hex colour" in colour.json()["error"]["message"]
    duplicate = client.post("/api/v1/ratings/", {"label": "confirmed", "value": 1}, format="json")
    assert duplicate.status_code == 409
    missing = client.post("/api/v1/ratings/", {"label": "X"}, format="json")
    assert missing.status_code == 400


def test_only_admins_change_the_scale(api_client, editor, observer):
    pk = Rating.objects.first().pk
    assert (
        as_user(api_client, editor)
        .post("/api/v1/ratings/", {"label": "X", "value": 1}, format="json")
        .status_code
        == 403
    )
    assert (
        as_user(api_client, editor)
        .patch(f"/api/v1/ratings/{pk}/", {"label": "Y"}, format="json")
        .status_code
        == 403
    )
    assert (
        as_user(api_client, observer)
        .patch(f"/api/v1/ratings/{pk}/", {"label": "Y"}, format="json")
        .status_code
        == 403
    )
    assert Rating.objects.get(pk=pk).label == "Confirmed"


def test_the_last_active_step_cannot_be_deactivated(api_client, admin_user):
    client = as_user(api_client, admin_user)
    *others, last = Rating.objects.all()
    Rating.objects.filter(pk__in=[r.pk for r in others]).update(is_active=False)
    assert (
        client.patch(f"/api/v1/ratings/{last.pk}/", {"is_active": False}, format="json").status_code
        == 409
    )


def test_a_step_verdicts_use_is_never_deleted_and_keeps_its_verdicts(world, api_client, admin_user):
    corroborated = Rating.objects.get(label="Corroborated")
    client = as_user(api_client, admin_user)
    assert client.delete(f"/api/v1/ratings/{corroborated.pk}/").status_code == 405
    client.patch(
        f"/api/v1/ratings/{corroborated.pk}/", {"is_active": False, "label": "Old"}, format="json"
    )
    verdict = Verdict.objects.get(claim=world["approved"])
    assert (verdict.rating_id, verdict.rating_label) == (corroborated.pk, "Corroborated")
    assert client.get(f"/api/v1/ratings/{corroborated.pk}/").json()["in_use"] is True


# ---- Exports --------------------------------------------------------------------------------


def test_requesting_an_export_returns_202_and_a_job_to_poll(
    world, api_client, editor, django_capture_on_commit_callbacks
):
    client = as_user(api_client, editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            "/api/v1/exports/", {"format": "csv", "scope": {"letter": "S/2025/300"}}, format="json"
        )
    assert response.status_code == 202
    assert len(callbacks) == 1  # the Celery task, dispatched after commit
    job = response.json()
    assert response["Location"] == job["url"] == f"/api/v1/exports/{job['id']}/"
    detail = client.get(job["url"]).json()
    assert detail["status"] == "done" and detail["claim_count"] == 3
    download = client.get(detail["download_url"])
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    import hashlib

    assert hashlib.sha256(data).hexdigest() == detail["sha256"]
    assert download["Content-Disposition"].startswith("attachment")


def test_export_requests_with_filters_and_bad_input(world, api_client, editor):
    client = as_user(api_client, editor)
    ok = client.post(
        "/api/v1/exports/",
        {"format": "json", "scope": {"filters": {"sender": "Ukraine", "date_from": "2025-01-01"}}},
        format="json",
    )
    assert ok.status_code == 202
    assert ok.json()["scope"] == {"sender": "Ukraine", "date_from": "2025-01-01"}
    for body, status in (
        ({"format": "xls", "scope": {}}, 400),
        ({"format": "pdf", "scope": {"filters": {"date_from": "soon"}}}, 400),
        ({"format": "pdf", "scope": {"letter": "1", "claim": 2}}, 400),
        ({"format": "pdf", "scope": {"claim": 999999}}, 404),
        ({"format": "pdf", "scope": {"letter": "S/1999/1"}}, 404),
    ):
        response = client.post("/api/v1/exports/", body, format="json")
        assert response.status_code == status, (body, response.json())
        assert response.json()["error"]["message"]
    assert ExportJob.objects.count() == 1


def test_fact_checkers_and_observers_may_not_export_by_default(
    world, api_client, fact_checker, observer
):
    for user in (fact_checker, observer):
        response = as_user(api_client, user).post(
            "/api/v1/exports/", {"format": "csv"}, format="json"
        )
        assert response.status_code == 403


def test_people_see_their_own_jobs_and_editors_see_all(
    world, api_client, editor, editor2, fact_checker, settings
):
    settings.WORKBENCH_EXPORT_ROLES = ["fact_checker", "editor"]
    mine = (
        as_user(api_client, fact_checker)
        .post("/api/v1/exports/", {"format": "csv"}, format="json")
        .json()
    )
    as_user(api_client, editor2).post("/api/v1/exports/", {"format": "csv"}, format="json")
    own = as_user(api_client, fact_checker).get("/api/v1/exports/").json()
    assert [row["id"] for row in own["results"]] == [mine["id"]]
    assert as_user(api_client, editor).get("/api/v1/exports/").json()["count"] == 2
    theirs = ExportJob.objects.exclude(pk=mine["id"]).get()
    assert as_user(api_client, fact_checker).get(f"/api/v1/exports/{theirs.pk}/").status_code == 404
    assert (
        as_user(api_client, fact_checker).get(f"/api/v1/exports/{theirs.pk}/download").status_code
        == 404
    )


def test_export_list_query_count_does_not_grow_with_page_size(
    api_client, editor, django_assert_num_queries
):
    ExportJob.objects.bulk_create([ExportJob(requested_by=editor, format="csv") for _ in range(60)])
    client = as_user(api_client, editor)
    client.get("/api/v1/exports/?page_size=5")
    for size in (5, 50):
        with django_assert_num_queries(2):  # count and page, requesters joined
            assert len(client.get(f"/api/v1/exports/?page_size={size}").json()["results"]) == size


def test_downloading_an_unfinished_export_is_a_409(api_client, editor):
    job = ExportJob.objects.create(requested_by=editor, format="pdf")
    response = as_user(api_client, editor).get(f"/api/v1/exports/{job.pk}/download")
    assert response.status_code == 409


def test_schema_describes_the_verdict_and_export_endpoints(client):
    text = openapi_paths(client)
    for path in (
        "/api/v1/exports/",
        "/api/v1/exports/{id}/",
        "/api/v1/exports/{id}/download",
        "/api/v1/ratings/",
        "/api/v1/ratings/{id}/",
        "/api/v1/claims/{id}/verdicts/",
        "/api/v1/claims/{id}/suggested-rating/",
    ):
        assert path in text, path
