"""The sources and evidence API: permissions, the four ways to attach, errors, pagination."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import AuditEvent
from tests.conftest import openapi_paths
from verification.models import Evidence, Source, SourceCapture
from verification.services import captures as capture_services
from verification.services import evidence as services
from verification.services import sources as source_services

pytestmark = pytest.mark.django_db

DETAILS = services.EvidenceDetails(stance="corroborates", credibility=2)


@pytest.fixture
def attached(claim, fact_checker) -> Evidence:
    return services.evidence_add_url(
        claim=claim, url="https://ngo.example/report", details=DETAILS, actor=fact_checker
    )


def _as(api_client, user):
    api_client.force_authenticate(user)
    return api_client


# ---- Permissions --------------------------------------------------------------------------


def test_outsiders_learn_nothing(api_client, outsider, claim, attached):
    client = _as(api_client, outsider)
    for url in (
        "/api/v1/sources/",
        f"/api/v1/sources/{attached.source_id}/",
        f"/api/v1/sources/{attached.source_id}/captures/",
        f"/api/v1/sources/{attached.source_id}/evidence/",
        f"/api/v1/claims/{claim.pk}/evidence/",
        f"/api/v1/evidence/{attached.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/api/v1/claims/{claim.pk}/evidence/", {"url": "https://x.example/", "stance": "mixed"}
    )
    assert response.status_code == 404


def test_observers_read_but_cannot_write(api_client, observer, claim, attached):
    client = _as(api_client, observer)
    assert client.get(f"/api/v1/claims/{claim.pk}/evidence/").status_code == 200
    assert client.get(f"/api/v1/evidence/{attached.pk}/").status_code == 200
    writes = [
        client.post("/api/v1/sources/", {"title": "T"}, format="json"),
        client.patch(f"/api/v1/sources/{attached.source_id}/", {"title": "T"}, format="json"),
        client.post(f"/api/v1/sources/{attached.source_id}/captures/"),
        client.post(
            f"/api/v1/claims/{claim.pk}/evidence/",
            {"url": "https://x.example/", "stance": "mixed"},
            format="json",
        ),
        client.patch(f"/api/v1/evidence/{attached.pk}/", {"stance": "mixed"}, format="json"),
        client.delete(f"/api/v1/evidence/{attached.pk}/"),
    ]
    assert [r.status_code for r in writes] == [403] * len(writes)
    assert Evidence.objects.filter(is_deleted=False).count() == 1


def test_anonymous_requests_are_refused(api_client, claim):
    assert api_client.get(f"/api/v1/claims/{claim.pk}/evidence/").status_code in (401, 403)


# ---- Attaching ----------------------------------------------------------------------------


def test_attach_by_url_returns_the_item_with_its_grade_and_pending_capture(
    api_client, fact_checker, claim
):
    response = _as(api_client, fact_checker).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"url": "https://ngo.example/r", "stance": "contradicts", "credibility": 2,
         "excerpt": "No shelling", "location": "p. 4"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["grade"] == "F2" and body["stance"] == "contradicts"
    assert body["source"]["url"] == "https://ngo.example/r"
    assert body["excerpt"] == "No shelling" and body["location"] == "p. 4"
    captures = _as(api_client, fact_checker).get(
        f"/api/v1/sources/{body['source']['id']}/captures/"
    )
    assert captures.json()["results"][0]["status"] in ("pending", "failed")


def test_attach_an_existing_source_by_id(api_client, fact_checker, claim):
    source = Source.objects.create(kind="ngo_report", title="HRW report", reliability="B")
    response = _as(api_client, fact_checker).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source_id": source.pk, "stance": "corroborates", "credibility": 2},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["grade"] == "B2"


def test_attach_a_letter_passage(api_client, fact_checker, claim, reply_letter):
    start = reply_letter.text.index("State B categorically")
    end = start + len("State B categorically rejects the allegation.")
    response = _as(api_client, fact_checker).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"letter_symbol": "S/2025/120", "passage_start": start, "passage_end": end,
         "stance": "contradicts", "credibility": 4},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["excerpt"] == reply_letter.text[start:end]
    assert (body["passage_start"], body["passage_end"]) == (start, end)
    assert body["source"]["kind"] == "letter" and body["source"]["letter"] == reply_letter.pk


def test_attach_an_uploaded_file(api_client, fact_checker, claim):
    upload = SimpleUploadedFile("witness.txt", b"I saw the market burn.", "text/plain")
    response = _as(api_client, fact_checker).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"file": upload, "stance": "corroborates", "credibility": "3"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    capture = SourceCapture.objects.get(source_id=response.json()["source"]["id"])
    assert capture.status == "captured" and capture.text == "I saw the market burn."


def test_attaching_the_same_source_twice_is_409_with_a_message(api_client, fact_checker, claim):
    client = _as(api_client, fact_checker)
    body = {"url": "https://ngo.example/r", "stance": "corroborates"}
    assert (
        client.post(f"/api/v1/claims/{claim.pk}/evidence/", body, format="json").status_code == 201
    )
    again = client.post(f"/api/v1/claims/{claim.pk}/evidence/", body, format="json")
    assert again.status_code == 409
    assert "already attached" in again.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"stance": "corroborates"},
        {"url": "https://a.example/", "source_id": 1, "stance": "corroborates"},
        {"url": "https://a.example/", "stance": "agrees"},
        {"url": "notaurl", "stance": "mixed"},
        {"url": "https://a.example/", "stance": "mixed", "credibility": 7},
        {"letter_symbol": "S/2025/120", "stance": "mixed"},
        {"letter_symbol": "S/404/1", "passage_start": 0, "passage_end": 3, "stance": "mixed"},
        {"source_id": 999999, "stance": "mixed"},
    ],
)
def test_bad_input_is_400_with_a_message_and_writes_nothing(
    api_client, fact_checker, claim, reply_letter, body
):
    response = _as(api_client, fact_checker).post(
        f"/api/v1/claims/{claim.pk}/evidence/", body, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["message"]
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.exists()


def test_evidence_on_a_missing_claim_is_404(api_client, fact_checker):
    response = _as(api_client, fact_checker).post(
        "/api/v1/claims/999999/evidence/", {"url": "https://a.example/", "stance": "mixed"}
    )
    assert response.status_code == 404


# ---- Editing and removing -----------------------------------------------------------------


def test_patch_changes_stance_and_grades(api_client, fact_checker, attached):
    response = _as(api_client, fact_checker).patch(
        f"/api/v1/evidence/{attached.pk}/",
        {"stance": "mixed", "credibility": 1, "reliability": "A"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["grade"] == "A1" and response.json()["stance"] == "mixed"
    assert AuditEvent.objects.filter(action="evidence.updated", claim=attached.claim).exists()


def test_patch_with_a_bad_grade_is_400(api_client, fact_checker, attached):
    response = _as(api_client, fact_checker).patch(
        f"/api/v1/evidence/{attached.pk}/", {"reliability": "Z"}, format="json"
    )
    assert response.status_code == 400


def test_delete_is_a_soft_delete(api_client, fact_checker, claim, attached):
    client = _as(api_client, fact_checker)
    assert client.delete(f"/api/v1/evidence/{attached.pk}/").status_code == 204
    assert Evidence.objects.get(pk=attached.pk).is_deleted
    assert client.get(f"/api/v1/evidence/{attached.pk}/").status_code == 404
    assert client.get(f"/api/v1/claims/{claim.pk}/evidence/").json()["count"] == 0


# ---- Sources ------------------------------------------------------------------------------


def test_sources_are_created_patched_and_read(api_client, fact_checker):
    client = _as(api_client, fact_checker)
    created = client.post(
        "/api/v1/sources/",
        {"kind": "ngo_report", "title": "Amnesty briefing", "publisher": "Amnesty",
         "reliability": "B", "published_on": "2025-05-04"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    patched = client.patch(f"/api/v1/sources/{pk}/", {"reliability": "C"}, format="json")
    assert patched.status_code == 200 and patched.json()["reliability"] == "C"
    assert client.get(f"/api/v1/sources/{pk}/").json()["publisher"] == "Amnesty"
    assert AuditEvent.objects.filter(action="source.updated", target_id=pk).exists()


def test_source_search_and_filters(api_client, observer, fact_checker):
    source_services.source_create(
        values={"kind": "news", "title": "Market fire", "publisher": "Reuters", "reliability": "B"},
        actor=fact_checker,
    )
    source_services.source_create(
        values={"kind": "ngo_report", "title": "Annual report", "publisher": "HRW"},
        actor=fact_checker,
    )
    upload = services.evidence_add_file
    from tests.verification.evidence.conftest import make_claim, make_letter

    claim = make_claim(make_letter("S/2025/1", "Text of a letter about things."))
    upload(
        claim=claim, upload=services.Upload(name="w.txt", data=b"Drone footage of the convoy"),
        details=DETAILS, actor=fact_checker,
    )  # fmt: skip
    client = _as(api_client, observer)

    def titles(query: str) -> set[str]:
        return {row["title"] for row in client.get(f"/api/v1/sources/?{query}").json()["results"]}

    assert titles("q=market") == {"Market fire"}
    assert titles("q=reuters") == {"Market fire"}
    assert titles("q=convoy") == {"w.txt"}  # found in the captured text
    assert titles("kind=ngo_report") == {"Annual report"}
    assert titles("reliability=B") == {"Market fire"}
    assert titles("publisher=hrw") == {"Annual report"}


def test_source_evidence_lists_every_claim_it_bears_on(api_client, observer, claim, attached):
    body = _as(api_client, observer).get(f"/api/v1/sources/{attached.source_id}/evidence/").json()
    assert [row["claim"] for row in body["results"]] == [claim.pk]


def test_capturing_again_through_the_api_adds_an_entry(api_client, fact_checker, attached):
    client = _as(api_client, fact_checker)
    response = client.post(f"/api/v1/sources/{attached.source_id}/captures/")
    assert response.status_code == 202
    assert client.get(f"/api/v1/sources/{attached.source_id}/captures/").json()["count"] == 2


def test_capturing_a_source_without_url_is_400(api_client, fact_checker):
    source = source_services.source_create(values={"title": "Phone call notes"}, actor=fact_checker)
    response = _as(api_client, fact_checker).post(f"/api/v1/sources/{source.pk}/captures/")
    assert response.status_code == 400


# ---- Query counts and schema --------------------------------------------------------------


def _many(claim, letter, fact_checker, n: int) -> None:
    from tests.verification.evidence.conftest import make_claim

    for i in range(n):
        source = source_services.source_create(
            values={"title": f"Source {i}", "publisher": f"P{i}", "url": f"https://s{i}.example/"},
            actor=fact_checker,
        )
        services.evidence_add_source(
            claim=claim, source_id=source.pk, details=DETAILS, actor=fact_checker
        )
        services.evidence_add_source(
            claim=make_claim(letter, "On 3 May"), source_id=source.pk, details=DETAILS,
            actor=fact_checker,
        )  # fmt: skip
        capture_services.source_capture_request(source=source, actor=fact_checker)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/sources/", "/api/v1/claims/{claim}/evidence/", "/api/v1/sources/{source}/captures/"],
)
def test_list_query_count_does_not_grow_with_page_size(
    api_client, observer, fact_checker, claim, letter, django_assert_num_queries, path
):
    _many(claim, letter, fact_checker, 12)
    url = path.format(claim=claim.pk, source=Source.objects.first().pk)
    client = _as(api_client, observer)
    client.get(url)  # warm the role cache path
    counts = []
    for size in (5, 50):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{url}?page_size={size}").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        client.get(f"{url}?page_size=50")


def test_schema_names_the_evidence_paths(client):
    text = openapi_paths(client)
    for path in (
        "/api/v1/sources/",
        "/api/v1/sources/{id}/",
        "/api/v1/sources/{id}/captures/",
        "/api/v1/claims/{id}/evidence/",
        "/api/v1/evidence/{id}/",
    ):
        assert path in text, path
