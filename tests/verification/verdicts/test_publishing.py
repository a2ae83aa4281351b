"""Publishing an approved verdict as a public fact-check page, and withdrawing it."""

from __future__ import annotations

import json
import re

import pytest

from claims.errors import Conflict, Forbidden
from claims.models import AuditEvent, Claim
from tests.verification.verdicts.conftest import make_claim, make_letter, make_verdict
from verification.jsonld import jsonld_for_html
from verification.models import ExportJob, Publication
from verification.reports import validate_claimreview
from verification.services import exports as export_services
from verification.services import publishing as services

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _publish(world, editor):
    return services.publication_create(claim_id=world["approved"].pk, actor=editor)


def test_jsonld_for_html_escapes_markup_but_stays_the_same_json():
    text = jsonld_for_html({"q": "</script><!-- & >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"q": "</script><!-- & >"}


def test_editor_publishes_an_approved_verdict_and_the_page_is_public(world, editor, client):
    publication = _publish(world, editor)
    response = client.get(f"/fact-checks/{publication.slug}/")  # anonymous
    assert response.status_code == 200
    html = response.content.decode()
    assert "Corroborated" in html and "Restated: On 2 May" in html
    assert "<script>alert(1)</script>" not in html  # rationale markdown is sanitised
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    review = json.loads(JSONLD.search(html).group(1))
    assert review["url"].endswith(f"/fact-checks/{publication.slug}/")
    assert review["reviewRating"]["alternateName"] == "Corroborated"
    assert not [p for p in validate_claimreview(review) if p.startswith("missing required")]
    assert AuditEvent.objects.filter(action="claim.published", claim=world["approved"]).exists()


def test_public_page_shows_no_internal_ids_or_reviewer_names(world, editor, fact_checker, client):
    publication = _publish(world, editor)
    html = client.get(f"/fact-checks/{publication.slug}/").content.decode()
    for secret in (editor.username, fact_checker.username, f"/claims/{world['approved'].pk}/"):
        assert secret not in html
    assert "/letters/" not in html and "csrf" not in html.lower()


def test_reviewer_names_appear_when_configured(world, editor, client, settings):
    settings.WORKBENCH_PUBLIC_SHOW_REVIEWERS = True
    publication = _publish(world, editor)
    assert editor.username in client.get(f"/fact-checks/{publication.slug}/").content.decode()


def test_letter_text_in_the_claim_cannot_break_out_of_the_jsonld(editor, fact_checker, client):
    text = "They said </script><script>alert(1)</script> & more.\n"
    letter = make_letter(symbol="S/2025/999", text=text)
    claim = make_claim(letter, "They said </script><script>alert(1)</script> & more.")
    make_verdict(claim, "Corroborated", proposer=fact_checker, decider=editor)
    publication = services.publication_create(claim_id=claim.pk, actor=editor)
    html = client.get(f"/fact-checks/{publication.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert "alert(1)" in json.loads(JSONLD.search(html).group(1))["claimReviewed"]


def test_unpublished_page_is_gone(world, editor, client):
    publication = _publish(world, editor)
    services.publication_withdraw(claim_id=world["approved"].pk, actor=editor)
    response = client.get(f"/fact-checks/{publication.slug}/")
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert AuditEvent.objects.filter(action="claim.unpublished").count() == 1


def test_unknown_slug_is_404(client, db):
    assert client.get("/fact-checks/nothing-here/").status_code == 404


def test_fact_checker_cannot_publish(world, fact_checker):
    with pytest.raises(Forbidden):
        services.publication_create(claim_id=world["approved"].pk, actor=fact_checker)


def test_claim_without_approved_verdict_cannot_be_published(world, editor):
    with pytest.raises(Conflict):
        services.publication_create(claim_id=world["proposed"].pk, actor=editor)


def test_publishing_twice_is_a_conflict_and_republishing_after_withdrawal_works(world, editor):
    first = _publish(world, editor)
    with pytest.raises(Conflict):
        _publish(world, editor)
    services.publication_withdraw(claim_id=world["approved"].pk, actor=editor)
    second = _publish(world, editor)
    assert second.slug != first.slug
    assert Publication.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_public_pages_are_rate_limited(world, editor, client, settings):
    settings.WORKBENCH_PUBLIC_RATE_PER_MINUTE = 3
    publication = _publish(world, editor)
    codes = [client.get(f"/fact-checks/{publication.slug}/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_claimreview_export_points_at_the_public_page(world, editor):
    publication = _publish(world, editor)
    job = export_services.export_request(format="claimreview", scope={}, actor=editor)
    export_services.export_run(job_id=job.pk)
    job = ExportJob.objects.get(pk=job.pk)
    reviews = json.loads(job.file.open("rb").read())
    assert [r["url"] for r in reviews] == [f"http://127.0.0.1:8000/fact-checks/{publication.slug}/"]


def test_editor_publishes_and_unpublishes_from_the_claim_page(world, editor, client):
    client.force_login(editor)
    claim = world["approved"]
    assert "Publish</button>" in client.get(f"/claims/{claim.pk}/").content.decode()
    client.post(f"/claims/{claim.pk}/publish")
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Unpublish" in page
    client.post(f"/claims/{claim.pk}/unpublish")
    assert not Publication.objects.filter(withdrawn_at__isnull=True).exists()


def test_fact_checker_posting_publish_is_refused(world, fact_checker, client):
    client.force_login(fact_checker)
    assert client.post(f"/claims/{world['approved'].pk}/publish").status_code == 403
    assert not Claim.objects.get(pk=world["approved"].pk).publications.exists()
