"""The dashboard leads: counters link to their queue, a newcomer sees the next step, four
charts are drawn server-side, and the number of queries does not grow with the data."""

from __future__ import annotations

import pytest

from tests.verification.verdicts.conftest import make_claim, make_letter, make_verdict
from verification.charts import Bar, bar_chart, column_chart

pytestmark = pytest.mark.django_db


def test_newcomer_is_asked_to_add_letters(client, fact_checker):
    client.force_login(fact_checker)
    html = client.get("/").content.decode()
    assert 'href="/letters/upload/"' in html and "Add letters" in html


def test_new_claims_lead_to_triage_and_counters_link_to_queues(client, fact_checker):
    letter = make_letter()
    make_claim(letter, "On 4 May a drone struck the water station in Kupiansk")
    client.force_login(fact_checker)
    html = client.get("/").content.decode()
    assert "Triage 1 new claims" in html and 'href="/triage/"' in html
    assert 'href="/queues/all/?state=new" data-state="new"' in html
    assert 'href="/letters/?status=ready"' in html


def test_observer_gets_no_next_step_it_cannot_take(client, observer):
    make_claim(make_letter(), "On 4 May a drone struck the water station in Kupiansk")
    client.force_login(observer)
    assert "Triage 1" not in client.get("/").content.decode()


def test_charts_show_verdicts_by_rating_and_sender(client, editor, fact_checker):
    letter = make_letter()
    claim = make_claim(letter, "On 4 May a drone struck the water station in Kupiansk")
    make_verdict(claim, "Corroborated", proposer=fact_checker, decider=editor)
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert "<title>Corroborated: 1</title>" in html
    assert "<title>Ukraine: 1</title>" in html
    assert "Verdicts approved per week" in html and "Open claims by age" in html


def test_dashboard_queries_do_not_grow_with_data(client, editor, fact_checker,
                                                 django_assert_num_queries):  # fmt: skip
    client.force_login(editor)
    client.get("/")  # warm the session and role caches

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    empty = count()
    for i in range(6):
        letter = make_letter(symbol=f"S/2025/{500 + i}", sender=f"State {i}")
        claim = make_claim(letter, "On 4 May a drone struck the water station in Kupiansk")
        make_verdict(claim, "Corroborated", proposer=fact_checker, decider=editor)
    with django_assert_num_queries(empty):
        client.get("/")


def test_svg_charts_escape_labels_and_refuse_odd_colours():
    svg = bar_chart([Bar("<b>x</b>", 3, colour="red;x")], title="t & t")
    assert "<b>" not in svg and "&lt;b&gt;" in svg and 'fill="#6e7781"' in svg
    assert "t &amp; t" in svg
    assert "No data yet" in bar_chart([], title="empty")
    assert column_chart([Bar("1 Jan", 0), Bar("8 Jan", 2)], title="w").count("<rect") == 2
