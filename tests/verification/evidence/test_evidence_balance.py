"""The balance summary: independent, well-graded (B2 or better) evidence on each side."""

import pytest

from verification.selectors.evidence import (
    BalanceItem,
    balance_summary,
    evidence_context,
    grade_code,
    is_well_graded,
)
from verification.services import evidence as services
from verification.services import sources as source_services


def test_grade_codes_read_reliability_then_credibility():
    assert grade_code("B", 2) == "B2"
    assert is_well_graded("A", 1) and is_well_graded("B", 2)
    assert not is_well_graded("C", 1) and not is_well_graded("B", 3)


def test_sources_from_one_publisher_count_once():
    items = [
        BalanceItem("corroborates", "A", 1, source_id=1, publisher="Reuters"),
        BalanceItem("corroborates", "B", 2, source_id=2, publisher=" reuters "),
        BalanceItem("corroborates", "B", 2, source_id=3, publisher="OHCHR"),
        BalanceItem("corroborates", "B", 2, source_id=4),  # no publisher: its own origin
    ]
    side = balance_summary(items, claimant="State A")["corroborates"]
    assert side.total == 4
    assert side.well_graded_independent == 3


def test_poorly_graded_evidence_counts_in_the_total_only():
    items = [
        BalanceItem("contradicts", "C", 2, source_id=1, publisher="X"),
        BalanceItem("contradicts", "B", 4, source_id=2, publisher="Y"),
        BalanceItem("contradicts", "A", 2, source_id=3, publisher="Z"),
    ]
    side = balance_summary(items, claimant="State A")["contradicts"]
    assert (side.total, side.well_graded_independent) == (3, 1)


def test_the_claimant_is_never_independent_of_its_own_claim():
    items = [
        BalanceItem("corroborates", "A", 1, source_id=1, publisher="State A"),
        BalanceItem("corroborates", "A", 1, source_id=2, publisher="State B"),
    ]
    assert balance_summary(items, claimant="state a")["corroborates"].well_graded_independent == 1


@pytest.mark.django_db
def test_claim_page_context_groups_by_stance_with_the_balance(
    claim, reply_letter, fact_checker, observer
):
    def attach(title, publisher, reliability, stance, credibility):
        source = source_services.source_create(
            values={"title": title, "publisher": publisher, "reliability": reliability},
            actor=fact_checker,
        )
        services.evidence_add_source(
            claim=claim, source_id=source.pk, actor=fact_checker,
            details=services.EvidenceDetails(stance=stance, credibility=credibility),
        )  # fmt: skip

    attach("Wire story", "Reuters", "B", "corroborates", 2)
    attach("Wire follow-up", "Reuters", "A", "corroborates", 1)
    attach("UN OHCHR update", "OHCHR", "A", "corroborates", 2)
    attach("Blog", "Someone", "E", "corroborates", 5)
    attach("Sender's own press release", "State A", "B", "corroborates", 2)
    attach("Imagery analysis", "Analyst lab", "B", "contradicts", 2)
    services.evidence_add_letter_passage(
        claim=claim, symbol="S/2025/120", start=0, end=20, actor=fact_checker,
        details=services.EvidenceDetails(stance="contradicts", credibility=4),
    )  # fmt: skip
    context = evidence_context(claim, observer)
    balance = context["balance"]
    assert (balance["corroborates"].total, balance["corroborates"].well_graded_independent) == (
        5,
        2,
    )
    assert (balance["contradicts"].total, balance["contradicts"].well_graded_independent) == (2, 1)
    groups = {g["stance"]: [e.grade for e in g["items"]] for g in context["evidence_groups"]}
    assert groups["corroborates"] == ["B2", "A1", "A2", "E5", "B2"]
    assert groups["contradicts"] == ["B2", "F4"]
    assert context["can_add_evidence"] is False
