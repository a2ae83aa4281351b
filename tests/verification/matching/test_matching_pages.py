"""The matching pages: the claim page section, incidents list and detail, and their forms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ClaimState
from verification.models import ClaimMatch, Evidence, Incident, Rating, Source, Verdict

from .test_matching_api import _many_incidents, _reply_match

pytestmark = pytest.mark.django_db


def test_claim_page_shows_similar_claims_reasons_status_and_the_incident(client, matched, observer):
    client.force_login(observer)
    page = client.get(f"/claims/{matched.original.pk}/matching/").content.decode()
    assert "identical letters" in page and "Linked automatically" in page
    assert "Suggested" in page and "S/2024/120" in page
    assert Incident.objects.get().title in page
    assert "Same claim</button>" not in page  # observers see, but cannot decide


def test_the_full_claim_page_includes_the_matching_section(client, matched, observer):
    client.force_login(observer)
    response = client.get(f"/claims/{matched.original.pk}/")
    assert response.status_code == 200
    assert 'id="claim-matching"' in response.content.decode()


def test_fact_checker_confirms_a_suggestion_with_htmx(client, matched, fact_checker):
    match = _reply_match(matched)
    client.force_login(fact_checker)
    response = client.post(
        f"/matches/{match.pk}/confirm", {"claim": matched.original.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="claim-matching"' in response.content.decode()
    match.refresh_from_db()
    assert match.status == "confirmed"


def test_observer_cannot_decide_and_outsider_gets_404_on_pages(client, matched, observer, outsider):
    match = _reply_match(matched)
    client.force_login(observer)
    assert (
        client.post(f"/matches/{match.pk}/reject", {"claim": matched.original.pk}).status_code
        == 403
    )
    assert client.post(f"/incidents/{Incident.objects.get().pk}/split").status_code == 403
    client.force_login(outsider)
    for url in (
        "/incidents/",
        f"/incidents/{Incident.objects.get().pk}/",
        f"/claims/{matched.original.pk}/matching/",
    ):
        assert client.get(url).status_code == 404
    assert ClaimMatch.objects.get(pk=match.pk).status == "suggested"


def test_linked_claims_share_evidence_and_offer_an_approved_verdict(
    client, matched, fact_checker, editor
):
    source = Source.objects.create(
        kind="news", title="Hospital strike <report>", publisher="Agency"
    )
    Evidence.objects.create(
        claim=matched.identical, source=source, stance="corroborates", added_by=fact_checker
    )
    rating = Rating.objects.filter(is_active=True).order_by("id").first()
    Verdict.objects.create(
        claim=matched.identical, rating=rating, rating_label=rating.label, rating_value=rating.value,
        rating_colour=rating.colour, rationale="Confirmed by <b>two</b> agencies.", status="approved",
        proposed_by=fact_checker, decided_by=editor,
    )  # fmt: skip
    client.force_login(fact_checker)
    page = client.get(f"/claims/{matched.original.pk}/matching/").content.decode()
    assert "Hospital strike &lt;report&gt;" in page  # shared evidence, escaped
    assert "Propose the same verdict" in page and "&lt;b&gt;two&lt;/b&gt;" in page
    assert f'value="{rating.pk}" selected' in page


def test_proposing_the_offered_verdict_goes_through_the_workflow(client, matched, fact_checker):
    rating = Rating.objects.filter(is_active=True).order_by("id").first()
    matched.original.state = ClaimState.IN_RESEARCH
    matched.original.assignee = fact_checker
    matched.original.save()
    client.force_login(fact_checker)
    response = client.post(
        f"/claims/{matched.original.pk}/matching/propose",
        {"rating": rating.pk, "rationale": "Same claim as the identical letter."},
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=matched.original)
    assert verdict.status == "proposed" and verdict.proposed_by == fact_checker
    matched.original.refresh_from_db()
    assert matched.original.state == ClaimState.PROPOSED


def test_proposing_on_a_claim_not_in_research_is_refused_readably(client, matched, fact_checker):
    rating = Rating.objects.filter(is_active=True).order_by("id").first()
    client.force_login(fact_checker)
    response = client.post(
        f"/claims/{matched.original.pk}/matching/propose",
        {"rating": rating.pk, "rationale": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Verdict.objects.filter(claim=matched.original).exists()
    assert list(response.context["messages"])


def test_incident_page_groups_claims_by_sender_with_figures(client, matched, observer):
    client.force_login(observer)
    page = client.get(f"/incidents/{Incident.objects.get().pk}/").content.decode()
    assert page.index("Ukraine") < page.index("Russian Federation")
    assert "denies or contradicts" in page
    assert (
        "Casualty figures side by side" in page and "<td>12</td>" in page and "<td>30</td>" in page
    )


def test_split_and_merge_from_the_incident_page(client, matched, fact_checker):
    incident = Incident.objects.get()
    client.force_login(fact_checker)
    response = client.post(f"/incidents/{incident.pk}/split", {"claim": [matched.reply.pk]})
    new = Incident.objects.exclude(pk=incident.pk).get()
    assert response.url == f"/incidents/{new.pk}/"
    response = client.post("/incidents/merge", {"incident": [incident.pk, new.pk]})
    assert response.url == f"/incidents/{incident.pk}/"
    assert incident.claims.count() == 3


def test_a_bad_split_shows_a_message_and_changes_nothing(client, matched, fact_checker):
    incident = Incident.objects.get()
    client.force_login(fact_checker)
    response = client.post(f"/incidents/{incident.pk}/split", {"claim": ["abc"]}, follow=True)
    assert "Choose the claims" in response.content.decode()
    assert Incident.objects.count() == 1


def test_incident_list_page_query_count_is_the_same_for_5_and_50_incidents(
    client, observer, editor, fact_checker, django_assert_num_queries
):
    _many_incidents(5, editor, fact_checker)
    client.force_login(observer)
    client.get("/incidents/")
    with CaptureQueriesContext(connection) as five:
        assert "Strike 4" in client.get("/incidents/").content.decode()
    Incident.objects.all().delete()
    _many_incidents(50, editor, fact_checker)
    with django_assert_num_queries(len(five)):
        page = client.get("/incidents/").content.decode()
    assert "Page 1 of 2" in page


def test_incident_list_page_filters_with_htmx(client, observer, editor, fact_checker):
    _many_incidents(3, editor, fact_checker)
    client.force_login(observer)
    response = client.get(
        "/incidents/?date_from=2024-01-02&date_to=2024-01-02", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and "Strike 1" in body and "Strike 2" not in body


def test_a_decision_without_a_readable_claim_is_404_not_500(client, matched, fact_checker):
    client.force_login(fact_checker)
    match = _reply_match(matched)
    assert client.post(f"/matches/{match.pk}/confirm", {"claim": "abc"}).status_code == 404
    assert (
        client.post(f"/matches/{match.pk}/maybe", {"claim": matched.original.pk}).status_code == 404
    )
    assert ClaimMatch.objects.get(pk=match.pk).status == "suggested"
