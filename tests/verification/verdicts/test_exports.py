"""Exports through the whole stack: request -> job -> export_run -> stored file -> read back."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from claims.models import AuditEvent, Claim
from tests.verification.verdicts.conftest import (
    capture,
    make_claim,
    make_evidence,
    make_letter,
    make_source,
    make_verdict,
)
from verification.models import ExportJob, Rating
from verification.reports import validate_claimreview
from verification.selectors import exports as export_selectors
from verification.services import exports as export_services
from verification.services import verdicts as services

pytestmark = pytest.mark.django_db


def run(fmt, scope, actor):
    job = export_services.export_request(format=fmt, scope=scope, actor=actor)
    export_services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return job


def content(job) -> bytes:
    with job.file.open("rb") as stream:
        return stream.read()


def test_export_stores_the_file_with_its_sha256_size_requester_and_scope(world, editor):
    job = run("json", {"letter": world["letter"].pk}, editor)
    data = content(job)
    assert job.sha256 == hashlib.sha256(data).hexdigest()
    assert job.size == len(data)
    assert job.requested_by == editor and job.requested_at and job.finished_at
    assert job.scope == {"letter": world["letter"].pk}
    assert job.scope_label == "Letter S/2025/300"
    assert job.claim_count == 3 and job.progress == 100
    actions = list(
        AuditEvent.objects.filter(target_type="exportjob").values_list("action", flat=True)
    )
    assert actions == ["export.request", "export.finished"]


def test_pdf_report_lists_claims_ratings_evidence_and_hashes_in_order(world, editor):
    job = run("pdf", {"letter": "S/2025/300"}, editor)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content(job))).pages)
    flat = re.sub(r"\s+", " ", text)
    positions = [
        flat.index(world["approved"].quote),
        flat.index("Corroborated (4 on a scale from 0 to 5)"),
        flat.index("OCHA flash update 12"),
        flat.index("a" * 64),
        flat.index("HRW dispatch"),
        flat.index("b" * 64),
        flat.index(world["proposed"].quote),
        flat.index(world["formula"].quote),
    ]
    assert positions == sorted(positions)
    assert f"Claim {world['approved'].pk} · S/2025/300, para. 1" in flat
    assert "S/2025/300" in flat and "grace" in flat


def test_docx_report_has_real_headings_and_the_same_content(world, editor):
    job = run("docx", {"letter": world["letter"].pk}, editor)
    document = Document(io.BytesIO(content(job)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    claim_headings = [h for h in headings if h.startswith("Claim ")]
    assert [h.split(" ")[1] for h in claim_headings] == [
        str(world["approved"].pk), str(world["proposed"].pk), str(world["formula"].pk)
    ]  # fmt: skip
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    everything = body + "\n" + cells
    assert "Corroborated" in everything and "OCHA flash update 12" in everything
    assert everything.index("a" * 64) < everything.index("b" * 64)


def test_csv_neutralises_spreadsheet_formulas_and_counts_evidence(world, editor):
    job = run("csv", {"letter": world["letter"].pk}, editor)
    rows = list(csv.DictReader(io.StringIO(content(job).decode("utf-8-sig"))))
    assert [int(row["id"]) for row in rows] == [
        world["approved"].pk, world["proposed"].pk, world["formula"].pk
    ]  # fmt: skip
    formula = rows[2]
    assert formula["quote"].startswith("'=HYPERLINK")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert rows[0]["rating"] == "Corroborated" and rows[0]["evidence_total"] == "2"
    assert rows[1]["rating"] == ""  # a proposed verdict is not published as a rating


def test_json_is_complete_and_versioned(world, editor):
    job = run("json", {"claim": world["approved"].pk}, editor)
    data = json.loads(content(job))
    assert data["schema_version"] and data["claim_count"] == 1
    claim = data["claims"][0]
    assert claim["id"] == world["approved"].pk
    assert claim["letter"]["symbol"] == "S/2025/300"
    assert claim["letter"]["sender_same_as"] == "https://www.wikidata.org/wiki/Q212"
    assert claim["paragraph"] == 1  # the letter's own paragraph number
    assert claim["verdict"]["rating"]["label"] == "Corroborated"
    assert claim["verdict"]["rating"]["best"] == 5 and claim["verdict"]["rating"]["worst"] == 0
    assert claim["verdict"]["assessed"]["killed"] == {"min": 10, "max": 12}
    assert claim["verdict"]["approved_by"] == "grace"
    assert [item["sha256"] for item in claim["evidence"]] == ["a" * 64, "b" * 64]
    assert data["report"]["summary"] == [{"rating": "Corroborated", "count": 1}]


def test_claimreview_includes_only_approved_claims_and_validates_field_by_field(
    world, editor, settings
):
    settings.WORKBENCH_ORGANISATION = "Desk"
    settings.WORKBENCH_ORGANISATION_URL = "https://desk.example/"
    job = run("claimreview", {"letter": world["letter"].pk}, editor)
    reviews = json.loads(content(job))
    assert len(reviews) == 1 and job.claim_count == 1
    review = reviews[0]
    assert validate_claimreview(review) == []
    assert review["claimReviewed"] == world["approved"].restatement
    assert review["reviewRating"] == {
        "@type": "Rating", "alternateName": "Corroborated", "ratingValue": 4,
        "bestRating": 5, "worstRating": 0,
    }  # fmt: skip
    assert review["author"] == {
        "@type": "Organization",
        "name": "Desk",
        "url": "https://desk.example/",
    }
    assert review["url"].endswith(f"/claims/{world['approved'].pk}/")
    assert review["datePublished"] == "2025-05-06"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2025-05-03"
    assert item["author"] == {
        "@type": "Organization", "name": "Ukraine", "sameAs": "https://www.wikidata.org/wiki/Q212"
    }  # fmt: skip
    assert item["appearance"]["url"] == "https://undocs.org/S/2025/300"
    assert "approved claims only" in job.scope_label


@pytest.mark.parametrize("fmt", ["json", "csv", "html", "claimreview", "docx", "pdf"])
def test_the_same_data_exported_twice_is_identical_apart_from_the_generation_time(
    world, editor, fmt
):
    first = run(fmt, {"letter": world["letter"].pk}, editor)
    second = run(fmt, {"letter": world["letter"].pk}, editor)
    one, two = content(first), content(second)
    if fmt == "pdf":
        one, two = (
            "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(b)).pages) for b in (one, two)
        )
    elif fmt == "docx":
        one, two = (
            "\n".join(p.text for p in Document(io.BytesIO(b)).paragraphs) for b in (one, two)
        )
    else:
        one, two = one.decode("utf-8-sig"), two.decode("utf-8-sig")
    stamp = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(\+00:00| UTC)?")
    generated = re.compile(r'"generated_at": "[^"]*"')
    assert generated.sub("", stamp.sub("", one)) == generated.sub("", stamp.sub("", two))


def test_changing_a_label_never_rewrites_past_verdicts_or_their_exports(world, editor, admin_user):
    corroborated = Rating.objects.get(label="Corroborated")
    services.rating_update(
        rating_id=corroborated.pk, values={"label": "Backed up", "value": 3}, actor=admin_user
    )
    job = run("json", {"claim": world["approved"].pk}, editor)
    rating = json.loads(content(job))["claims"][0]["verdict"]["rating"]
    assert (rating["label"], rating["value"]) == ("Corroborated", 4)


def test_filters_select_claims_by_sender_date_state_rating_and_place(world, editor, fact_checker):
    other = make_letter(
        "S/2025/400", sender="Russian Federation", text="Claims about Donetsk today.",
        letter_date=date(2025, 7, 1),
    )  # fmt: skip
    make_claim(other, "Claims about Donetsk", places=["Donetsk"])

    def ids(**filters):
        scope = export_selectors.scope_parse({"filters": filters})
        return sorted(export_selectors.export_claims(scope).values_list("pk", flat=True))

    ukraine = sorted([world["approved"].pk, world["proposed"].pk, world["formula"].pk])
    assert ids(sender="ukraine") == ukraine
    assert ids(date_from="2025-05-01", date_to="2025-05-31") == ukraine
    assert ids(state="approved") == [world["approved"].pk]
    assert ids(rating=str(Rating.objects.get(label="Corroborated").pk)) == [world["approved"].pk]
    assert ids(rating="single source") == []  # only approved verdicts count
    assert ids(place="харків") == [world["approved"].pk]
    assert ids(letter="S/2025/400", place="donetsk") == [other.claims.get().pk]


def test_soft_deleted_claims_are_never_exported(world, editor):
    Claim.objects.filter(pk=world["formula"].pk).update(is_deleted=True)
    job = run("csv", {"letter": world["letter"].pk}, editor)
    assert job.claim_count == 2


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ({"letter": 1, "claim": 2}, "not several"),
        ({"filters": {"date_from": "yesterday"}}, "date_from must be a date"),
        ({"filters": {"state": "nonsense"}}, "Unknown state"),
        ({"filters": {"colour": "red"}}, "Unknown filter"),
        ({"filters": {"date_from": "2025-06-01", "date_to": "2025-05-01"}}, "after"),
        ("everything", "must be an object"),
        ({"claim": ""}, "Give the claim"),
    ],
)
def test_bad_scopes_are_refused_with_a_message_and_nothing_is_queued(editor, scope, message):
    from claims.errors import BadInput

    with pytest.raises(BadInput, match=message):
        export_services.export_request(format="pdf", scope=scope, actor=editor)
    assert not ExportJob.objects.exists()


def test_editors_export_by_default_but_fact_checkers_and_observers_do_not(
    world, editor, fact_checker, observer
):
    from claims.errors import Forbidden

    assert export_services.export_request(format="csv", scope={}, actor=editor)
    for user in (fact_checker, observer):
        with pytest.raises(Forbidden):
            export_services.export_request(format="csv", scope={}, actor=user)


def test_who_may_export_is_configurable(world, observer, settings):
    settings.WORKBENCH_EXPORT_ROLES = ["observer", "fact_checker", "editor", "admin"]
    job = run("csv", {"filters": {}}, observer)
    assert job.claim_count == 3 and job.scope_label == "All claims"


def test_export_run_is_idempotent(world, editor):
    job = run("csv", {"letter": world["letter"].pk}, editor)
    stored = (job.file.name, job.sha256, job.finished_at)
    export_services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.file.name, job.sha256, job.finished_at) == stored


def test_a_failing_writer_marks_the_job_failed_with_the_reason(world, editor, monkeypatch):
    job = export_services.export_request(format="csv", scope={}, actor=editor)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_services, "report_claims", broken)
    export_services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "disk full")
    assert not job.file


def _many_claims(count, fact_checker, editor):
    letter = make_letter("S/2025/999", text="x" * 10 + "\n\n" + "claim text " * count)
    for index in range(count):
        claim = Claim.objects.create(
            letter=letter, start=12 + index, end=20 + index, quote=f"quote {index}", kind="specific"
        )
        source = make_source(f"Source {index}", publisher=f"P{index}")
        capture(source, f"{index:064d}")
        evidence = make_evidence(claim, source, added_by=fact_checker)
        make_verdict(
            claim, "Corroborated", proposer=fact_checker, decider=editor, evidence=[evidence]
        )
    return letter


def test_claims_stream_in_chunks_with_a_fixed_number_of_queries_per_chunk(
    fact_checker, editor, django_assert_num_queries
):
    letter = _many_claims(40, fact_checker, editor)
    scope = export_selectors.ExportScope(letter=letter.pk)
    claims = export_selectors.export_claims_for_report(export_selectors.export_claims(scope))

    def consume(chunk_size):
        rows = export_services.report_claims(claims.iterator(chunk_size=chunk_size), scale=(0, 5))
        return sum(1 for _ in rows)

    # One cursor over the claims, fetched chunk by chunk; per chunk: letters, verdicts, their
    # evidence and its captures, live evidence and its captures = 6 queries, however many
    # claims the chunk holds.
    with django_assert_num_queries(1 + 6 * 2):
        assert consume(20) == 40
    with django_assert_num_queries(1 + 6 * 4):
        assert consume(10) == 40


@pytest.mark.slow
def test_memory_stays_flat_as_the_report_grows(fact_checker, editor):
    import gc
    import tracemalloc

    _many_claims(480, fact_checker, editor)

    def peak_for(count):
        scope = export_selectors.ExportScope()
        claims = export_selectors.export_claims_for_report(export_selectors.export_claims(scope))
        gc.collect()
        tracemalloc.start()
        rows = export_services.report_claims(
            claims[:count].iterator(chunk_size=40), scale=(0, 5), collect_every=40
        )
        assert sum(1 for _ in rows) == count
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    small, large = peak_for(120), peak_for(480)
    assert large < small * 1.5, (small, large)  # holding every row would be ~4x


# ---- Reports say exactly what was approved ---------------------------------------------------


def _text_of(fmt: str, data: bytes) -> str:
    from tests.reports.test_report_fidelity import text_of

    return text_of(fmt, data)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "csv", "json"])
def test_at_least_from_the_letter_reaches_every_format(world, editor, fmt):
    Claim.objects.filter(pk=world["approved"].pk).update(killed=13, killed_at_least=True)
    data = content(run(fmt, {"claim": world["approved"].pk}, editor))
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert (row["claimed_killed"], row["claimed_killed_at_least"]) == ("13", "true")
        assert (row["claimed_injured"], row["claimed_injured_at_least"]) == ("30", "false")
        assert (row["assessed_killed_min"], row["assessed_killed_max"]) == ("10", "12")
    elif fmt == "json":
        casualties = json.loads(data)["claims"][0]["casualties"]
        assert casualties == {
            "killed": 13, "killed_at_least": True, "injured": 30, "injured_at_least": False
        }  # fmt: skip
    else:
        text = _text_of(fmt, data)
        assert "at least 13 killed; 30 injured" in text
        assert "10–12 killed; 25–30 injured" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "csv", "json", "claimreview"])
def test_links_in_every_format_use_the_configured_public_url(world, editor, settings, fmt):
    settings.WORKBENCH_PUBLIC_URL = "https://desk.example.net/wb/"
    data = content(run(fmt, {"claim": world["approved"].pk}, editor))
    claim_page = f"https://desk.example.net/wb/claims/{world['approved'].pk}/"
    if fmt == "pdf":
        uris = [
            annotation.get_object()["/A"]["/URI"]
            for page in PdfReader(io.BytesIO(data)).pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation.get_object()
        ]
        assert claim_page in uris
    elif fmt == "docx":
        document = Document(io.BytesIO(data))
        assert claim_page in [rel.target_ref for rel in document.part.rels.values()]
    else:
        assert claim_page in data.decode("utf-8-sig")
    assert "127.0.0.1" not in data.decode("latin-1")


def test_json_export_names_its_schema_and_validates_against_the_served_file(
    world, editor, settings, client
):
    import jsonschema

    settings.WORKBENCH_PUBLIC_URL = "https://desk.example.net"
    Claim.objects.filter(pk=world["approved"].pk).update(killed_at_least=True)
    document = json.loads(content(run("json", {"letter": world["letter"].pk}, editor)))
    assert document["$schema"] == "https://desk.example.net/api/schemas/report-v2.json"
    response = client.get("/api/schemas/report-v2.json")  # public: no login
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    schema = response.json()
    assert schema["$id"] == document["$schema"]
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(document)) == []
    assert document["claims"][0]["casualties"]["killed_at_least"] is True
    assert client.get("/api/schemas/report-v1.json").status_code == 404
    assert client.get("/api/schemas/..").status_code == 404


def test_csv_approved_at_is_iso_8601(world, editor):
    from datetime import UTC, datetime

    job = run("csv", {"claim": world["approved"].pk}, editor)
    row = next(csv.DictReader(io.StringIO(content(job).decode("utf-8-sig"))))
    assert row["approved_at"] == "2025-05-06T12:00:00+00:00"
    assert datetime.fromisoformat(row["approved_at"]) == datetime(2025, 5, 6, 12, tzinfo=UTC)


def test_pdf_through_the_job_has_its_contents_at_the_front_and_its_real_date(world, editor):
    job = run("pdf", {"letter": world["letter"].pk}, editor)
    reader = PdfReader(io.BytesIO(content(job)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert pages[2].startswith("Contents") or " Contents " in f" {pages[2]} "
    assert f"Claim {world['formula'].pk} · S/2025/300" in pages[2]
    assert reader.metadata.creation_date.year == job.requested_at.year
    assert reader.metadata.creation_date.year != 2000


def test_exports_page_warns_when_production_has_no_public_url(client, editor, settings):
    settings.DEMO, settings.DEBUG = False, False
    settings.WORKBENCH_PUBLIC_URL_SET = False
    client.force_login(editor)
    page = client.get("/exports/", secure=True).content.decode()
    assert 'id="public-url-warning"' in page and "WORKBENCH_PUBLIC_URL is not set" in page
    settings.WORKBENCH_PUBLIC_URL_SET = True
    page = client.get("/exports/", secure=True).content.decode()
    assert "public-url-warning" not in page
