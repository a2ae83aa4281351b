from __future__ import annotations

from claims.matching import MatchScore, group_incidents

from .conftest import day


def test_reports_from_both_sides_of_one_strike_form_one_incident(make_claim):
    ukraine = make_claim(
        "Russian missiles struck Kryvyi Rih", kind="specific", claim_type="strike",
        event_date=day("2025-04-04"), places=("Kryvyi Rih", "Ukraine"), sender="Ukraine",
    )  # fmt: skip
    russia = make_claim(
        "A strike hit a restaurant in Krivoi Rog where commanders met", kind="specific",
        claim_type="strike", event_date=day("2025-04-04"), places=("Kryvyi Rih",),
        sender="Russian Federation",
    )  # fmt: skip
    casualties_next_day = make_claim(
        "The death toll in Kryvyi Rih rose to 18", kind="specific", claim_type="casualties",
        event_date=day("2025-04-05"), places=("City of Kryvyi Rih",), sender="Ukraine",
    )  # fmt: skip

    assert group_incidents([ukraine, russia, casualties_next_day]) == [
        sorted([ukraine.claim_id, russia.claim_id, casualties_next_day.claim_id])
    ]


def test_same_place_on_different_days_are_different_incidents(make_claim):
    first = make_claim("Shelling of Kherson", kind="specific", claim_type="strike",
                       event_date=day("2025-02-01"), places=("Kherson",))  # fmt: skip
    later = make_claim("Shelling of Kherson", kind="specific", claim_type="strike",
                       event_date=day("2025-02-05"), places=("Kherson",))  # fmt: skip

    assert group_incidents([first, later]) == []


def test_same_day_in_different_towns_of_one_country_are_different_incidents(make_claim):
    kyiv = make_claim("Drones hit Kyiv", kind="specific", claim_type="strike",
                      event_date=day("2025-02-01"), places=("Kyiv", "Ukraine"))  # fmt: skip
    odesa = make_claim("Drones hit Odesa", kind="specific", claim_type="strike",
                       event_date=day("2025-02-01"), places=("Odesa", "Ukraine"))  # fmt: skip

    assert group_incidents([kyiv, odesa]) == []


def test_incompatible_types_and_general_claims_are_not_grouped(make_claim):
    strike = make_claim("Strike on Gaza City", kind="specific", claim_type="strike",
                        event_date=day("2025-03-18"), places=("Gaza",))  # fmt: skip
    detention = make_claim("Arrests in Gaza", kind="specific", claim_type="detention",
                           event_date=day("2025-03-18"), places=("Gaza",))  # fmt: skip
    general = make_claim("Gaza is under siege", kind="general", claim_type="strike",
                         event_date=day("2025-03-18"), places=("Gaza",))  # fmt: skip

    assert group_incidents([strike, detention, general]) == []


def test_a_linked_reply_without_a_place_joins_the_incident(make_claim):
    report = make_claim("Strike on Sumy", kind="specific", claim_type="strike",
                        event_date=day("2025-04-13"), places=("Sumy",))  # fmt: skip
    reply = make_claim("The strike hit a military meeting", kind="specific", claim_type="strike",
                       event_date=day("2025-04-13"))  # fmt: skip
    linked = MatchScore(score=0.9, lexical=0.5, semantic=0.9, structured=0.4, reasons=())

    assert group_incidents([report, reply]) == []
    assert group_incidents(
        [report, reply], pair_scores={(report.claim_id, reply.claim_id): linked}
    ) == [[report.claim_id, reply.claim_id]]
