"""Two letters side by side: the allegation and the accused State's reply, their matched claims
aligned and linked; reachable from an incident and from the similar-claims panel."""

from __future__ import annotations

import pytest

from verification.models import Incident

pytestmark = pytest.mark.django_db


def test_allegation_and_reply_side_by_side_with_aligned_claims(client, observer, matched):
    client.force_login(observer)
    response = client.get("/letters/compare/", {"left": "S/2024/100", "right": "s/2024/120"})
    assert response.status_code == 200
    pairs = response.context["pairs"]
    assert [(p.left, p.right) for p in pairs] == [(matched.original, matched.reply)]
    html = response.content.decode()
    assert f'href="#left-m{matched.original.pk}"' in html
    assert f'id="right-m{matched.reply.pk}"' in html
    assert f'data-href="/claims/{matched.reply.pk}/"' in html


def test_same_incident_aligns_claims_without_a_match(client, observer, scenario):
    incident = Incident.objects.create(title="Hospital")
    incident.claims.add(scenario.original, scenario.reply)
    client.force_login(observer)
    pairs = client.get(
        "/letters/compare/", {"left": scenario.original.letter_id, "right": "S/2024/120"}
    ).context["pairs"]
    assert [p.relation for p in pairs] == ["same incident"]
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert (
        f"/letters/compare/?left={scenario.original.letter_id}&amp;right={scenario.reply.letter_id}"
        in page
    )


def test_similar_claims_panel_links_to_side_by_side(client, fact_checker, matched):
    client.force_login(fact_checker)
    html = client.get(f"/claims/{matched.original.pk}/").content.decode()
    assert f"/letters/compare/?left={matched.original.letter_id}&amp;right=" in html


def test_bad_letters_are_readable_errors(client, observer, scenario):
    client.force_login(observer)
    assert client.get("/letters/compare/", {"left": "S/1/1", "right": "x"}).status_code == 404
    same = client.get("/letters/compare/", {"left": "S/2024/100", "right": "S/2024/100"})
    assert same.status_code == 400 and "two different letters" in same.content.decode()
    assert client.get("/letters/compare/").status_code == 200


def test_compare_queries_are_constant(client, observer, matched, django_assert_max_num_queries):
    client.force_login(observer)
    client.get("/letters/compare/", {"left": "S/2024/100", "right": "S/2024/120"})
    with django_assert_max_num_queries(14):
        client.get("/letters/compare/", {"left": "S/2024/100", "right": "S/2024/120"})
