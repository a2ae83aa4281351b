"""One test per generic pattern of the generalisation issue, on sentences written for the
test (no letter's wording): casualty grammar, places, dates, atomic claims, restatement and
precision."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract_claims
from claims.extraction.casualties import find_casualties

LETTER_DATE = date(2025, 5, 10)


def claims_of(text: str, sender: str | None = "Freedonia") -> list:
    return extract_claims(text, letter_date=LETTER_DATE, sender=sender)


def quotes(text: str, sender: str | None = "Freedonia") -> list[str]:
    return [text[c.start : c.end] for c in claims_of(text, sender)]


# --- casualties --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "killed", "injured"),
    [
        ("The raid martyred 12 civilians and injured 30.", 12, 30),  # verb outside the old list
        ("Yesterday 15 people massacred in the market square.", 15, None),  # bare participle
        ("The toll now stands at 40 dead and 12 injured.", 40, 12),  # a toll
        ("The death toll has risen to 63.", 63, None),
        ("The drone killed a woman and injured four.", 1, 4),  # a person counted by a noun
        ("Over 50 have been injured since the morning.", None, 50),  # no people noun
        ("The fire caused 23 deaths and 51 injuries.", 23, 51),  # counting nouns
    ],
)
def test_casualty_grammar(clause: str, killed: int | None, injured: int | None) -> None:
    figure = find_casualties(clause)
    assert figure is not None
    assert (figure.killed, figure.injured) == (killed, injured)


def test_people_killed_without_a_figure_are_not_a_figure() -> None:
    assert find_casualties("The people killed by the shelling were buried.") is None


def test_an_injured_figure_stays_with_its_killed_figure() -> None:
    text = "On 3 May the army shelled the village of Eastmoor, killing 5 civilians, and injured over 20 others."
    claims = claims_of(text)
    assert len(claims) == 1
    assert (claims[0].casualties.killed, claims[0].casualties.injured) == (5, 20)


# --- places ------------------------------------------------------------------------------


def test_prominent_cities_are_places_without_a_preposition() -> None:
    from claims.extraction.places import find_places

    assert find_places("Missiles struck Kharkiv and Tehran overnight.") == ["Kharkiv", "Tehran"]


def test_words_that_also_name_towns_are_not_places_by_themselves() -> None:
    from claims.extraction.places import find_places

    assert find_places("The Union of States met in March with Victoria and Independence.") == []


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Detainees held in the Greystone prison were beaten.", "Greystone prison"),
        ("Trucks were stopped at the Northgate border crossing.", "Northgate border crossing"),
        ("The Saint Alder Hospital was hit twice.", "Saint Alder Hospital"),
        ("Troops seized the town of Eastmoor on 4 May.", "Eastmoor"),
        ("Shelling continued in the Lowmarsh governorate.", "Lowmarsh"),
        ("In Westford, drones hit a school.", "Westford"),  # a capitalised preposition
        ("Bridges were blown up in the Northmoor and Eastfield Oblasts.", "Northmoor"),
        ("The seizure of Westford, capital of South Vale Province, on 14 May.", "Westford"),
        (
            "The seizure of Westford, capital of South Vale Province, on 14 May.",
            "South Vale Province",
        ),
    ],
)
def test_facilities_towns_and_regions_are_places(sentence: str, place: str) -> None:
    from claims.extraction.places import find_places

    assert place in find_places(sentence)


def test_a_claim_carries_the_coordinates_of_places_the_gazetteer_knows() -> None:
    (claim,) = claims_of("On 4 May, missiles struck Kharkiv, killing 3 civilians.")
    assert [name for name, _, _ in claim.coordinates] == ["Kharkiv"]
    _, latitude, longitude = claim.coordinates[0]
    assert 49 < latitude < 51 and 35 < longitude < 37


# --- the learned claim/not-claim model ---------------------------------------------------


def test_the_shipped_model_is_small_and_calibrated() -> None:
    import json

    from claims.extraction import claimness

    payload = json.loads(claimness.MODEL_PATH.read_text("utf-8"))
    assert claimness.is_available()
    assert 0.0 < payload["threshold"] < 1.0
    assert len(payload["weights"]) < 10_000
    assert claimness.MODEL_PATH.stat().st_size < 200_000


def test_without_a_model_the_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    from claims.extraction import claimness

    monkeypatch.setattr(claimness, "is_available", lambda: False)
    assert quotes("On 4 May, the army shelled the village of Eastmoor, killing 3 civilians.")


def test_a_demand_is_not_a_claim_but_the_event_beside_it_is() -> None:
    text = (
        "The Government calls on the Council to compel the occupying forces to withdraw. "
        "On 4 May, the occupying forces shelled the village of Eastmoor, killing 3 civilians."
    )
    assert quotes(text) == [
        "On 4 May, the occupying forces shelled the village of Eastmoor, killing 3 civilians."
    ]


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "follow_up",
    [
        "There have been 240 such attacks in the past 17 months.",  # a tally over a period
        "Since October 2023 the army has destroyed 40 schools.",  # since a month
        "These attacks are part of a deliberate strategy to empty the valley.",  # a pattern
    ],
)
def test_a_tally_or_a_pattern_does_not_take_the_date_of_the_event_before(follow_up: str) -> None:
    text = "On 4 May, drones struck the town of Eastmoor. " + follow_up
    dated = {text[c.start : c.end]: c.event_date for c in claims_of(text)}
    assert dated[follow_up] is None


def test_a_consequence_told_next_keeps_the_events_date() -> None:
    text = "On 4 May, drones struck the town of Eastmoor. The strike killed 3 civilians."
    assert [c.event_date for c in claims_of(text)] == [date(2025, 5, 4)] * 2


def test_two_attacks_on_two_dates_in_one_sentence_are_two_claims() -> None:
    text = (
        "On 4 May the occupying forces shelled the village of Eastmoor and on 5 May they "
        "bombed the town of Westford."
    )
    claims = claims_of(text)
    assert [c.event_date for c in claims] == [date(2025, 5, 4), date(2025, 5, 5)]
    assert claims[1].places == ("Westford",)


def test_a_list_of_dates_for_one_statement_is_not_cut() -> None:
    text = "The envoy, who on 2 and 3 May and on 6 May visited the valley, confirmed the attack on the town."
    assert len(claims_of(text)) <= 1


# --- atomic claims: lists ----------------------------------------------------------------


def test_each_item_of_a_list_after_a_colon_is_a_claim_of_its_own() -> None:
    text = (
        "The Government has recorded the following violations: the shelling of Eastmoor on "
        "2 May; the seizure of the town of Westford on 3 May; and the looting of the market "
        "in Northgate."
    )
    found = quotes(text)
    assert "the shelling of Eastmoor on 2 May" in found
    assert "the seizure of the town of Westford on 3 May" in found


# --- restatement -------------------------------------------------------------------------


def test_it_is_not_restated_as_the_sender_whose_forces_were_the_subject_before() -> None:
    text = "Our air defence shot down 12 drones over the capital on 4 May. It destroyed the launch site."
    restated = [c.restatement for c in claims_of(text, sender="Freedonia")]
    assert not any("Freedonia destroyed" in r for r in restated)


def test_a_pronoun_is_named_when_the_perpetrator_is_known() -> None:
    text = (
        "On 4 May the occupying forces shelled the village of Eastmoor and on 5 May they "
        "bombed the town of Westford."
    )
    restated = [c.restatement for c in claims_of(text)]
    assert restated[1] == "On 5 May 2025 the occupying forces bombed the town of Westford."


def test_a_partial_date_is_completed_in_place() -> None:
    (claim,) = claims_of("On 4 May, the occupying forces shelled the village of Eastmoor.")
    assert (
        claim.restatement == "On 4 May 2025, the occupying forces shelled the village of Eastmoor."
    )


# --- recall and precision on whole passages ----------------------------------------------

ANNEXED_STATEMENT = """Annex

Statement of the Ministry of Foreign Affairs of Freedonia
12 May 2025

On 4 May, the occupying forces shelled the village of Eastmoor, killing 3 civilians. We have \
seen repeated attempts to seize the bridge at Westford. There have been several attempts to \
cross the river near Eastmoor. The Government strongly condemns these crimes. We believe that \
the occupying forces intend to empty the valley. The Council must compel the occupying forces \
to withdraw from Eastmoor."""


def test_claims_introduced_by_we_have_seen_or_there_have_been_attempts_are_found() -> None:
    found = quotes(ANNEXED_STATEMENT)
    assert "We have seen repeated attempts to seize the bridge at Westford." in found
    assert "There have been several attempts to cross the river near Eastmoor." in found


def test_repeated_attempts_take_no_single_event_date() -> None:
    dated = {ANNEXED_STATEMENT[c.start : c.end]: c.event_date for c in claims_of(ANNEXED_STATEMENT)}
    assert dated["There have been several attempts to cross the river near Eastmoor."] is None


def test_headings_condemnations_beliefs_and_demands_are_not_claims() -> None:
    found = " ".join(quotes(ANNEXED_STATEMENT))
    for not_a_claim in ("Ministry of Foreign Affairs", "condemns", "We believe", "compel"):
        assert not_a_claim not in found


def test_pruning_rejected_clauses_never_changes_the_models_decision() -> None:
    from claims.extraction import claimness, clause_candidates

    text = ANNEXED_STATEMENT + " I have the honour to refer to my letter. Kindly circulate it."
    decided = {}
    for prune in (True, False):
        decided[prune] = [
            (
                clause.start,
                evidence is not None and claimness.probability(evidence) >= claimness.threshold(),
            )
            for clause, _, evidence in clause_candidates(
                text, letter_date=LETTER_DATE, sender="Freedonia", prune=prune
            )
        ]
    assert decided[True] == decided[False]
