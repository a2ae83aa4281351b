"""The claim page's evidence section, the sources library and the source page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from verification.models import Evidence, Source
from verification.services import evidence as services
from verification.services import sources as source_services

pytestmark = pytest.mark.django_db

DETAILS = services.EvidenceDetails(stance="corroborates", credibility=2)


def test_claim_page_shows_grades_balance_and_escapes_text(client, observer, claim, fact_checker):
    source = source_services.source_create(
        values={"title": "<script>alert(1)</script> report", "reliability": "B"},
        actor=fact_checker,
    )
    services.evidence_add_source(
        claim=claim, source_id=source.pk, actor=fact_checker,
        details=services.EvidenceDetails(stance="contradicts", credibility=2, excerpt="<b>x</b>"),
    )  # fmt: skip
    client.force_login(observer)
    page = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert 'id="evidence"' in page
    assert ">B2<" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; report" in page
    assert "<script>alert(1)" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "graded B2 or better" in page
    assert "Add evidence" not in page  # observers read only


def test_pasting_a_url_with_htmx_returns_the_updated_section(client, fact_checker, claim):
    client.force_login(fact_checker)
    response = client.post(
        reverse("evidence_add", args=[claim.pk]),
        {
            "mode": "url",
            "url": "https://ngo.example/r",
            "stance": "corroborates",
            "credibility": "2",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="card evidence" id="evidence"')
    assert "ngo.example/r" in body and "F2" in body


def test_a_duplicate_with_htmx_is_400_with_a_readable_message(client, fact_checker, claim):
    client.force_login(fact_checker)
    data = {"mode": "url", "url": "https://ngo.example/r", "stance": "corroborates"}
    client.post(reverse("evidence_add", args=[claim.pk]), data, HTTP_HX_REQUEST="true")
    response = client.post(reverse("evidence_add", args=[claim.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "already attached to this claim" in response.content.decode()
    assert Evidence.objects.count() == 1


def test_a_plain_form_post_redirects_with_a_message(client, fact_checker, claim):
    client.force_login(fact_checker)
    response = client.post(
        reverse("evidence_add", args=[claim.pk]),
        {"mode": "url", "url": "not a url", "stance": "corroborates"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Enter a full web address" in response.content.decode()


def test_each_way_of_adding_works_from_the_page(client, fact_checker, claim, reply_letter):
    client.force_login(fact_checker)
    existing = Source.objects.create(kind="news", title="Existing wire", publisher="AP")
    url = reverse("evidence_add", args=[claim.pk])
    posts = [
        {"mode": "source", "source_id": existing.pk, "stance": "corroborates"},
        {"mode": "letter", "symbol": "S/2025/120", "passage_start": 0, "passage_end": 7,
         "stance": "contradicts"},
        {"mode": "file", "stance": "context",
         "file": SimpleUploadedFile("note.txt", b"Field notes.", "text/plain")},
    ]  # fmt: skip
    for data in posts:
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.content.decode()[:500]
    assert Evidence.objects.filter(claim=claim).count() == 3
    assert Evidence.objects.get(source__kind="letter").excerpt == "State B"


def test_inline_grade_edit_and_remove(client, fact_checker, claim):
    evidence = services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=DETAILS, actor=fact_checker
    )
    client.force_login(fact_checker)
    response = client.post(
        reverse("evidence_edit", args=[evidence.pk]),
        {"stance": "contradicts", "reliability": "B", "credibility": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and ">B1<" in response.content.decode()
    response = client.post(reverse("evidence_delete", args=[evidence.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Evidence.objects.get(pk=evidence.pk).is_deleted


def test_page_permissions(client, observer, outsider, claim, fact_checker):
    evidence = services.evidence_add_url(
        claim=claim, url="https://ngo.example/r", details=DETAILS, actor=fact_checker
    )
    writes = [
        (
            reverse("evidence_add", args=[claim.pk]),
            {"url": "https://a.example/", "stance": "mixed"},
        ),
        (reverse("evidence_edit", args=[evidence.pk]), {"stance": "mixed"}),
        (reverse("evidence_delete", args=[evidence.pk]), {}),
        (reverse("source_capture", args=[evidence.source_id]), {}),
        (reverse("source_create"), {"title": "x"}),
        (reverse("source_edit", args=[evidence.source_id]), {"title": "x"}),
    ]
    reads = [
        reverse("source_list"),
        reverse("source_detail", args=[evidence.source_id]),
        reverse("claim_evidence", args=[claim.pk]),
        reverse("evidence_source_search", args=[claim.pk]) + "?q=ngo",
        reverse("evidence_letter_picker", args=[claim.pk]) + "?symbol=S/2025/100",
    ]
    client.force_login(outsider)
    assert {client.get(url).status_code for url in reads} == {404}
    assert {client.post(url, data).status_code for url, data in writes} == {404}
    client.force_login(observer)
    assert {client.get(url).status_code for url in reads} == {200}
    assert {client.post(url, data).status_code for url, data in writes} == {403}
    assert Evidence.objects.filter(is_deleted=False).count() == 1


def test_search_as_you_type_finds_sources(client, fact_checker, claim):
    Source.objects.create(kind="news", title="Market shelling footage", publisher="AP")
    client.force_login(fact_checker)
    body = client.get(
        reverse("evidence_source_search", args=[claim.pk]) + "?q=shell", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Market shelling footage" in body and 'name="source_id"' in body


def test_letter_picker_shows_the_letter_text_for_a_symbol(
    client, fact_checker, claim, reply_letter
):
    client.force_login(fact_checker)
    url = reverse("evidence_letter_picker", args=[claim.pk])
    body = client.get(url + "?symbol=S/2025/120").content.decode()
    assert (
        f'id="evidence-letter-text" data-letter="{reply_letter.pk}">{reply_letter.text}</div>'
        in body
    )
    assert "No letter with the symbol" in client.get(url + "?symbol=S/9/9").content.decode()


def test_source_page_lists_every_claim_with_stance_and_grade(
    client, observer, claim, letter, fact_checker
):
    from tests.verification.evidence.conftest import make_claim

    source = source_services.source_create(
        values={"title": "OHCHR update", "reliability": "A"}, actor=fact_checker
    )
    other = make_claim(letter, "On 3 May")
    for target, stance in ((claim, "corroborates"), (other, "contradicts")):
        services.evidence_add_source(
            claim=target, source_id=source.pk, actor=fact_checker,
            details=services.EvidenceDetails(stance=stance, credibility=3),
        )  # fmt: skip
    client.force_login(observer)
    page = client.get(reverse("source_detail", args=[source.pk])).content.decode()
    assert "Claims it bears on (2)" in page
    assert "Corroborates" in page and "Contradicts" in page and ">A3<" in page


def test_source_library_creates_and_edits_sources(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(
        reverse("source_create"),
        {"title": "Satellite dataset", "kind": "dataset", "reliability": "C", "publisher": "Lab"},
    )
    source = Source.objects.get(title="Satellite dataset")
    assert response.status_code == 302
    client.post(reverse("source_edit", args=[source.pk]), {"title": "Satellite dataset v2",
                "kind": "dataset", "reliability": "B", "published_on": "2025-05-01"})  # fmt: skip
    source.refresh_from_db()
    assert (source.title, source.reliability, str(source.published_on)) == (
        "Satellite dataset v2", "B", "2025-05-01",
    )  # fmt: skip
    bad = client.post(reverse("source_create"), {"title": "", "kind": "dataset"}, follow=True)
    assert "needs a title" in bad.content.decode()


def _sources(fact_checker, claim, n):
    for i in range(n):
        source = source_services.source_create(
            values={"title": f"S{i}", "url": f"https://s{i}.example/"}, actor=fact_checker
        )
        services.evidence_add_source(
            claim=claim, source_id=source.pk, details=DETAILS, actor=fact_checker
        )


def test_source_list_page_queries_do_not_grow_with_rows(
    client, observer, fact_checker, claim, django_assert_num_queries
):
    client.force_login(observer)
    _sources(fact_checker, claim, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("source_list"))
    for i in range(30):
        Source.objects.create(kind="news", title=f"More {i}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("source_list"))


def test_claim_page_evidence_queries_do_not_grow_with_items(
    client, observer, fact_checker, claim, django_assert_num_queries
):
    client.force_login(observer)
    _sources(fact_checker, claim, 5)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("claim_evidence", args=[claim.pk]))
    for i in range(20):
        source = source_services.source_create(
            values={"title": f"X{i}", "url": f"https://x{i}.example/", "publisher": f"P{i}"},
            actor=fact_checker,
        )
        services.evidence_add_source(
            claim=claim, source_id=source.pk, details=DETAILS, actor=fact_checker
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("claim_evidence", args=[claim.pk]))
