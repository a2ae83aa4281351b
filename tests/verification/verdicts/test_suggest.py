"""The suggested rating from the evidence balance: pure rules, no database."""

from verification.suggest import EvidenceFact, Outcome, grade_at_least, suggest_rating


def fact(title="S", stance="corroborates", grade="B2", origin=None, from_claimant=False):
    return EvidenceFact(
        title=title, stance=stance, reliability=grade[0], credibility=int(grade[1:]),
        origin=origin or title, from_claimant=from_claimant,
    )  # fmt: skip


def test_no_evidence_suggests_unverifiable():
    suggestion = suggest_rating([])
    assert suggestion.key == Outcome.UNVERIFIABLE
    assert suggestion.label == "Unverifiable"
    assert suggestion.reasons == ("No evidence has been added yet.",)


def test_two_independent_b2_sources_and_no_contradiction_suggest_corroborated():
    suggestion = suggest_rating([fact("OCHA report", grade="B2"), fact("Reuters wire", grade="B1")])
    assert suggestion.key == Outcome.CORROBORATED
    assert (suggestion.label, suggestion.value) == ("Corroborated", 4)
    assert "2 independent sources graded B2 or better" in suggestion.reasons[0]
    assert "OCHA report (B2)" in suggestion.reasons[0]


def test_two_items_from_one_publisher_count_once():
    suggestion = suggest_rating([fact("Part 1", origin="OCHA"), fact("Part 2", origin="ocha ")])
    assert suggestion.key == Outcome.SINGLE_SOURCE


def test_one_credible_source_suggests_single_source():
    suggestion = suggest_rating([fact("HRW", grade="C3")])
    assert suggestion.key == Outcome.SINGLE_SOURCE
    assert "One independent credible source" in suggestion.reasons[0]


def test_two_credible_sources_below_b2_stay_single_source_and_say_why():
    suggestion = suggest_rating([fact("A", grade="C3"), fact("B", grade="B3")])
    assert suggestion.key == Outcome.SINGLE_SOURCE
    assert "fewer than two are graded B2 or better" in suggestion.reasons[0]


def test_a_credible_contradiction_with_support_suggests_contested():
    suggestion = suggest_rating(
        [
            fact("A", grade="A1"),
            fact("B", grade="B2"),
            fact("Reply", stance="contradicts", grade="C3"),
        ]
    )
    assert suggestion.key == Outcome.CONTESTED
    assert "2 corroborate" in suggestion.reasons[0] and "1 contradict" in suggestion.reasons[0]


def test_a_credible_contradiction_alone_suggests_contradicted():
    suggestion = suggest_rating([fact("Imagery", stance="contradicts", grade="A2")])
    assert suggestion.key == Outcome.CONTRADICTED


def test_a_weak_contradiction_is_listed_but_not_counted():
    suggestion = suggest_rating(
        [
            fact("A", grade="B2"),
            fact("B", grade="B2"),
            fact("Blog", stance="contradicts", grade="E5"),
        ]
    )
    assert suggestion.key == Outcome.CORROBORATED
    assert any(
        "graded below C3 were not counted: Blog (E5)" in reason for reason in suggestion.reasons
    )


def test_a_credible_mixed_source_suggests_contested():
    assert suggest_rating([fact("Mixed", stance="mixed", grade="B2")]).key == Outcome.CONTESTED


def test_two_strong_sources_with_an_a1_suggest_confirmed():
    suggestion = suggest_rating([fact("A", grade="A1"), fact("B", grade="B2")])
    assert suggestion.key == Outcome.CONFIRMED


def test_the_claimants_own_letters_are_not_independent_corroboration():
    suggestion = suggest_rating(
        [fact("Own letter", grade="A1", from_claimant=True), fact("Other", grade="B2")]
    )
    assert suggestion.key == Outcome.SINGLE_SOURCE
    assert any("come from the claimant itself" in reason for reason in suggestion.reasons)


def test_context_only_evidence_suggests_unverifiable():
    suggestion = suggest_rating([fact("Background", stance="context", grade="A1")])
    assert suggestion.key == Outcome.UNVERIFIABLE
    assert any("context only" in reason for reason in suggestion.reasons)


def test_grades_compare_on_both_axes():
    assert grade_at_least(fact(grade="B2"), ("B", 2))
    assert not grade_at_least(fact(grade="B3"), ("B", 2))
    assert not grade_at_least(fact(grade="C1"), ("B", 2))
    assert not grade_at_least(fact(grade="F6"), ("C", 3))
