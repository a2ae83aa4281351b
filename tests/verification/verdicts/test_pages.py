"""The claim page's verdict section, the rating scale page and the exports page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import AuditEvent
from verification.models import ExportJob, Rating, Verdict

pytestmark = pytest.mark.django_db


def test_claim_page_shows_the_current_verdict_safely_with_casualties_and_suggestion(
    world, client, observer
):
    client.force_login(observer)
    page = client.get(reverse("claim_detail", args=[world["approved"].pk])).content.decode()
    section = page[page.index('id="verdicts"') :]
    assert "Corroborated" in section
    assert "<strong>independent</strong>" in section
    assert "<script>alert(1)</script>" not in page
    assert "Claimed in the letter" in section and "10–12" in section and "25–30" in section
    assert "Suggested from the evidence" in section and "one graded A1" in section
    assert "OCHA flash update 12" in section  # the evidence the verdict rests on
    assert "Export this claim" not in section  # observers do not export by default


def test_claim_page_keeps_earlier_verdicts_with_the_labels_they_were_given(
    world, client, editor, fact_checker
):
    approved = world["approved"]
    Verdict.objects.filter(claim=approved).update(
        status="superseded", decision_comment="Reopened: new imagery"
    )
    Rating.objects.filter(label="Corroborated").update(label="Backed")
    client.force_login(editor)
    page = client.get(reverse("claim_detail", args=[approved.pk])).content.decode()
    assert "Earlier verdicts (1)" in page
    assert "Corroborated" in page and "Reopened: new imagery" in page
    assert "No verdict yet." in page
    assert "Export this claim" in page


def test_the_claim_page_export_button_queues_a_job_with_htmx(
    world, client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("export_create"),
            {"kind": "claim", "claim": world["approved"].pk, "format": "pdf"},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    assert "Export queued" in response.content.decode()
    assert ExportJob.objects.get().status == "done"


def test_rating_scale_page_lets_admins_edit_and_others_read(
    world, client, admin_user, observer, editor
):
    corroborated = Rating.objects.get(label="Corroborated")
    client.force_login(observer)
    page = client.get(reverse("rating_scale")).content.decode()
    assert "Corroborated" in page and 'name="label"' not in page
    client.force_login(editor)
    refused = client.post(reverse("rating_edit", args=[corroborated.pk]), {"label": "X"})
    assert refused.status_code == 403
    client.force_login(admin_user)
    assert 'name="label"' in client.get(reverse("rating_scale")).content.decode()
    response = client.post(
        reverse("rating_edit", args=[corroborated.pk]),
        {
            "label": "Backed up",
            "description": "Two or more",
            "colour": "#112233",
            "value": "4",
            "order": "1",
            "is_active_present": "1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    corroborated.refresh_from_db()
    assert (corroborated.label, corroborated.colour) == ("Backed up", "#112233")
    assert Verdict.objects.get(claim=world["approved"]).rating_label == "Corroborated"
    assert AuditEvent.objects.filter(action="rating.update").exists()


def test_rating_scale_page_shows_bad_input_as_a_message(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("rating_create"), {"label": "", "value": "x"})
    assert response.status_code == 400
    assert "needs a label" in response.content.decode()
    response = client.post(reverse("rating_create"), {"label": "Misleading", "value": "abc"})
    assert "whole number" in response.content.decode()
    assert not Rating.objects.filter(label="Misleading").exists()


def test_admins_add_move_and_deactivate_steps_from_the_page(client, admin_user):
    client.force_login(admin_user)
    client.post(
        reverse("rating_create"), {"label": "Misleading", "value": "2", "colour": "#aa5500"}
    )
    misleading = Rating.objects.get(label="Misleading")
    assert misleading.order == 6
    client.post(reverse("rating_move", args=[misleading.pk]), {"direction": "up"})
    assert list(Rating.objects.order_by("order").values_list("label", flat=True))[-2:] == [
        "Misleading",
        "Unverifiable",
    ]
    client.post(reverse("rating_deactivate", args=[misleading.pk]))
    misleading.refresh_from_db()
    assert misleading.is_active is False


def test_outsiders_get_404_on_every_verdict_and_export_page(client, outsider, editor):
    job = ExportJob.objects.create(requested_by=editor, format="pdf")
    client.force_login(outsider)
    for url in (
        reverse("rating_scale"),
        reverse("export_list"),
        reverse("export_row", args=[job.pk]),
        reverse("export_download", args=[job.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("export_create"), {"format": "pdf"}).status_code == 404


def test_exports_page_requests_a_report_and_lists_it_with_its_hash(
    world, client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("export_create"),
            {"kind": "filters", "sender": "Ukraine", "state": "approved", "format": "csv"},
        )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    page = client.get(reverse("export_list")).content.decode()
    assert job.sha256 in page and "sender “Ukraine”" in page
    assert reverse("export_download", args=[job.pk]) in page
    download = client.get(reverse("export_download", args=[job.pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_exports_page_prefills_the_form_from_the_query(world, client, editor):
    client.force_login(editor)
    page = client.get(reverse("export_list") + "?letter=S/2025/300&format=docx").content.decode()
    assert 'value="S/2025/300"' in page
    assert '<option value="docx" selected>' in page


def test_unfinished_rows_poll_until_done(client, editor):
    job = ExportJob.objects.create(requested_by=editor, format="pdf", status="running", progress=40)
    client.force_login(editor)
    row = client.get(reverse("export_row", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and 'value="40"' in row
    ExportJob.objects.filter(pk=job.pk).update(status="failed", error="disk full")
    row = client.get(reverse("export_row", args=[job.pk])).content.decode()
    assert "hx-trigger" not in row and "disk full" in row


def test_bad_export_requests_show_a_readable_message(world, client, editor, fact_checker):
    client.force_login(editor)
    response = client.post(
        reverse("export_create"), {"kind": "letter", "letter": "S/1999/1", "format": "pdf"}
    )
    assert response.status_code == 404 and "No letter S/1999/1" in response.content.decode()
    response = client.post(
        reverse("export_create"), {"kind": "filters", "date_from": "soon", "format": "pdf"}
    )
    assert response.status_code == 400 and "must be a date" in response.content.decode()
    client.force_login(fact_checker)
    response = client.post(reverse("export_create"), {"kind": "filters", "format": "pdf"})
    assert response.status_code == 403 and "may not export" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_other_peoples_exports_are_hidden_from_non_editors(client, editor, fact_checker):
    job = ExportJob.objects.create(requested_by=editor, format="pdf", status="done")
    client.force_login(fact_checker)
    assert client.get(reverse("export_download", args=[job.pk])).status_code == 404
    assert f'id="export-{job.pk}"' not in client.get(reverse("export_list")).content.decode()


def test_exports_page_query_count_does_not_grow_with_the_page(
    client, editor, django_assert_num_queries
):
    ExportJob.objects.bulk_create([ExportJob(requested_by=editor, format="csv") for _ in range(60)])
    client.force_login(editor)
    client.get(reverse("export_list"))
    for per_page in (5, 50):
        # session, user, roles, the job count and page, the rating choices, the nav's extras
        with django_assert_num_queries(7):
            page = client.get(reverse("export_list") + f"?per_page={per_page}").content.decode()
        assert page.count('class="export-row') == per_page
