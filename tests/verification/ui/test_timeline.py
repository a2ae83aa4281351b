"""The timeline: specific claims per day/week/month stacked by verdict, aggregated on the
server so 10,000 claims make a few hundred bars; filters; the claims behind a bar."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from tests.verification.verdicts.conftest import make_claim, make_letter, make_verdict
from verification.models import Incident
from verification.selectors import timeline as selectors

pytestmark = pytest.mark.django_db

QUOTE = "On 4 May a drone struck the water station in Kupiansk"


def _dated(letter, quote, day, **values):
    claim = make_claim(letter, quote, **values)
    Claim.objects.filter(pk=claim.pk).update(event_date=day, actors=["Russian Federation"])
    return claim


def test_bars_are_stacked_by_verdict_and_count_incidents(client, editor, fact_checker):
    letter = make_letter()
    rated = _dated(letter, QUOTE, date(2025, 5, 4))
    _dated(letter, "On 2 May the armed forces shelled the market in Kharkiv", date(2025, 5, 4))
    make_verdict(rated, "Corroborated", proposer=fact_checker, decider=editor)
    Incident.objects.create(title="Kupiansk", event_date=date(2025, 5, 4)).claims.add(rated)
    client.force_login(fact_checker)
    data = client.get("/timeline/data.json").json()
    assert data["bucket"] == "day" and data["claims"] == 2
    (bar,) = data["bars"]
    assert bar["start"] == "2025-05-04" and bar["incidents"] == 1
    assert sorted((s["label"], s["n"]) for s in bar["stacks"]) == [
        ("Corroborated", 1), ("Not rated yet", 1)
    ]  # fmt: skip
    assert data["legend"][0]["label"] == "Corroborated"


def test_filters_by_sender_accused_place_and_state(client, fact_checker):
    ukraine = make_letter()
    russia = make_letter(symbol="S/2025/301", sender="Russian Federation")
    _dated(ukraine, QUOTE, date(2025, 5, 4))
    _dated(russia, QUOTE, date(2025, 5, 5))
    client.force_login(fact_checker)

    def total(**params) -> int:
        return client.get("/timeline/data.json", params).json()["claims"]

    assert total() == 2
    assert total(sender="Ukraine") == 1
    assert total(accused="russian") == 2 and total(accused="France") == 0
    assert total(place="kupiansk") == 2 and total(place="Paris") == 0
    assert total(state="approved") == 0 and total(state="bogus") == 2


def test_ten_thousand_claims_become_a_few_hundred_bars_in_constant_queries(client, fact_checker):
    letter = make_letter()
    rng = random.Random(7)
    start = date(2022, 1, 1)
    Claim.objects.bulk_create(
        Claim(letter=letter, start=0, end=10, quote=QUOTE, kind="specific",
              event_date=start + timedelta(days=rng.randrange(1000)), search_text=QUOTE.lower())
        for _ in range(10_000)
    )  # fmt: skip
    client.force_login(fact_checker)
    client.get("/timeline/data.json")
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        data = client.get("/timeline/data.json").json()
    assert data["claims"] == 10_000 and data["bucket"] == "week"
    assert len(data["bars"]) <= selectors.MAX_BARS
    assert len(ctx.captured_queries) <= 6  # session, user, roles, span, bars, incidents
    month = client.get("/timeline/data.json", {"bucket": "month"}).json()
    assert len(month["bars"]) <= 34


def test_bar_lists_its_claims_with_links_and_rejects_bad_dates(client, fact_checker):
    letter = make_letter()
    claim = _dated(letter, QUOTE, date(2025, 5, 4))
    _dated(letter, "On 2 May the armed forces shelled the market in Kharkiv", date(2025, 6, 1))
    client.force_login(fact_checker)
    html = client.get("/timeline/bar", {"start": "2025-05-01", "end": "2025-05-31"}).content
    assert f'href="/claims/{claim.pk}/"'.encode() in html and b"1 claim," in html
    assert client.get("/timeline/bar", {"start": "May", "end": "x"}).status_code == 400


def test_timeline_page_passes_urls_in_data_attributes_not_inline_script(client, fact_checker):
    client.force_login(fact_checker)
    html = client.get("/timeline/", {"sender": "Ukraine"}).content.decode()
    assert 'data-src="/timeline/data.json?sender=Ukraine"' in html
    assert "<script>" not in html


def test_outsider_sees_no_timeline(client, outsider):
    client.force_login(outsider)
    assert client.get("/timeline/data.json").status_code == 404
