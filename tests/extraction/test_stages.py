"""Each extraction stage on short synthetic passages written in the style of UN letters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from claims.extraction.casualties import find_casualties, has_quantity, parse_number
from claims.extraction.clauses import split_clauses
from claims.extraction.dates import event_date
from claims.extraction.places import find_actors, find_places
from claims.extraction.segment import split_sentences

LETTER_DATE = date(2025, 7, 18)  # a Friday


def sentences(text: str) -> list[str]:
    return [span.text(text) for span in split_sentences(text)]


def clauses(text: str) -> list[str]:
    return [span.text(text) for s in split_sentences(text) for span in split_clauses(text, s)]


# --- segmentation -----------------------------------------------------------------------


def test_document_symbols_and_abbreviations_do_not_end_sentences() -> None:
    text = (
        "As stated in my letter (S/2025/21), Mr. Smith of the Mission saw the strike. "
        "The Chargé d'affaires a.i. of the Mission confirmed it, see A/78/123, p. 4 and "
        "para. 12 of the report. Two people were killed."
    )
    assert sentences(text) == [
        "As stated in my letter (S/2025/21), Mr. Smith of the Mission saw the strike.",
        "The Chargé d'affaires a.i. of the Mission confirmed it, see A/78/123, p. 4 and "
        "para. 12 of the report.",
        "Two people were killed.",
    ]


def test_sentence_ending_in_a_symbol_still_ends() -> None:
    assert sentences("See document S/2025/21. The village was shelled.") == [
        "See document S/2025/21.",
        "The village was shelled.",
    ]


def test_bullet_items_without_full_stops_are_separate_sentences() -> None:
    text = "These acts include:\n• The missile attack on the port on 1 April 2024\n• The raid on the camp"
    assert sentences(text) == [
        "These acts include:",
        "The missile attack on the port on 1 April 2024",
        "The raid on the camp",
    ]


def test_masthead_running_into_the_first_sentence_is_cut_off() -> None:
    text = (
        "S/2025/99 United Nations Security Council Distr.: General 3 March 2025 "
        "Letter dated 2 March 2025 from the Permanent Representative of Utopia to the "
        "United Nations addressed to the President of the Security Council On 1 March 2025, "
        "drones struck the town of Northville."
    )
    assert sentences(text) == ["On 1 March 2025, drones struck the town of Northville."]


# --- clauses ----------------------------------------------------------------------------


def test_compound_sentence_with_two_dated_events_is_split() -> None:
    text = (
        "On Monday, 4 June 2018, warplanes bombed homes in the village of Aldor, and on "
        "Sunday, 3 June 2018, the same forces bombarded the village of Bexley."
    )
    assert clauses(text) == [
        "On Monday, 4 June 2018, warplanes bombed homes in the village of Aldor",
        "and on Sunday, 3 June 2018, the same forces bombarded the village of Bexley.",
    ]


def test_killed_and_injured_figures_of_one_event_stay_together() -> None:
    text = "As a result, an elderly woman lost her life, and nine other civilians were injured."
    assert clauses(text) == [text]


def test_trailing_date_phrase_is_not_a_clause_of_its_own() -> None:
    text = "The militia seized the town of Eastport, in particular, on 27 January 2025."
    assert clauses(text) == [text]


def test_reporting_preamble_is_cut_from_the_claim() -> None:
    text = "I should like to inform you that the militia continues to shell the city of Westfield."
    assert clauses(text) == ["the militia continues to shell the city of Westfield."]


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Yesterday, drones struck the port.", date(2025, 7, 17)),
        ("Today the forces shelled the market.", date(2025, 7, 18)),
        ("On Wednesday, 16 July, the forces shelled the market.", date(2025, 7, 16)),
        ("On Wednesday the forces shelled the market.", date(2025, 7, 16)),
        ("During the night of 3 to 4 June, rockets hit the city.", date(2025, 6, 3)),
        ("From 18 March to 14 April, they launched 101 attacks.", date(2025, 3, 18)),
        ("A speech delivered on July 23, 1993, surfaced.", date(1993, 7, 23)),
        ("On 28 December, the village was shelled.", date(2024, 12, 28)),
        ("In its letter dated 2 May 2025, the Mission denied it.", None),
    ],
)
def test_event_dates_resolve_against_the_letter_date(phrase: str, expected: date | None) -> None:
    assert event_date(phrase, LETTER_DATE) == expected


def test_a_later_clause_about_the_same_attack_inherits_its_date() -> None:
    text = (
        "On 17 January 2025, missiles struck the city of Riverton. The attack killed 4 civilians."
    )
    claims = extract_claims(text, letter_date=date(2025, 1, 18))
    assert [c.event_date for c in claims] == [date(2025, 1, 17), date(2025, 1, 17)]


# --- casualties -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "number"),
    [("twenty-two", 22), ("Twenty-four", 24), ("1,404", 1404), ("three hundred and five", 305)],
)
def test_number_words_are_read(words: str, number: int) -> None:
    assert parse_number(words) == number


@pytest.mark.parametrize(
    ("clause", "killed", "injured", "at_least"),
    [
        ("The attack killed at least 4 civilians and injured 14 others.", 4, 14, True),
        ("Twenty-two civilians, one of whom was a child, were killed.", 22, None, False),
        ("436 people have been murdered in these attacks and 678 wounded.", 436, 678, False),
        ("An elderly woman lost her life, and nine other civilians were injured.", 1, 9, False),
        ("The strike destroyed the building, killing at least four civilians.", 4, None, True),
        ("Shelling killed three civilians and injured at least two others.", 3, 2, False),
    ],
)
def test_casualty_figures(clause: str, killed: int, injured: int | None, at_least: bool) -> None:
    figure = find_casualties(clause)
    assert figure is not None
    assert (figure.killed, figure.injured, figure.killed_at_least) == (killed, injured, at_least)


def test_dates_and_document_numbers_are_not_casualty_figures() -> None:
    assert (
        find_casualties("On 4 June 2018, as stated in resolution 2735 (2024), homes were hit.")
        is None
    )
    assert not has_quantity("On 4 June 2018, under Article 51, the forces acted.")
    assert has_quantity("Twenty-four apartment buildings were damaged.")


# --- places and actors ------------------------------------------------------------------


def test_places_after_locatives_and_place_nouns() -> None:
    clause = (
        "the forces bombarded the villages of Aldor, Bexley and Tall al-Cedar, as well as "
        "communities around Dunmore in the Eastshire governorate"
    )
    assert find_places(clause) == ["Aldor", "Bexley", "Tall al-Cedar", "Dunmore", "Eastshire"]


def test_demonym_of_the_victims_names_their_country() -> None:
    assert "Syrian Arab Republic" in find_places(
        "the coalition continues to massacre Syrian civilians"
    )


def test_perpetrator_comes_first_among_actors() -> None:
    assert find_actors("Israeli warplanes targeted civilian areas in Lebanon")[0] == "Israel"
    assert find_actors("the school was struck by the Russian Federation")[0] == "Russian Federation"


# --- classification ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Syrian Arab Republic calls upon the Security Council to act immediately.",
        "I would appreciate your kind assistance in having the present letter circulated.",
        "These coordinated attacks are a flagrant violation of Article 2 (4) of the Charter.",
        "This is unconscionable and deepens the shame of the international community.",
        "The attacks and violence must stop now.",
        "We request that you prepare a special report on the matter.",
        "I categorically reject the baseless allegations against my country.",
        "Please send the requested information to the Office by 1 May 2025.",
        "Such acts shall be punishable by deprivation of liberty for ten years.",
        "Translation from Russian 4336-24",
    ],
)
def test_requests_opinions_and_procedure_are_not_claims(sentence: str) -> None:
    assert extract_claims(sentence, letter_date=LETTER_DATE) == []


def test_a_dated_strike_is_a_specific_claim_with_reasons() -> None:
    text = "On 1 February 2025, the Russian Federation struck a school in Sudzha, killing four civilians."
    (claim,) = extract_claims(text, letter_date=date(2025, 2, 2))
    assert claim.kind == "specific"
    assert claim.event_date == date(2025, 2, 1)
    assert claim.casualties is not None and claim.casualties.killed == 4
    assert "Sudzha" in claim.places
    assert claim.actors[0] == "Russian Federation"
    assert {"dated event", "casualty figure", "named place"} <= set(claim.reasons)
    assert claim.score > 0.8
    assert text[claim.start : claim.end] == text


def test_an_ongoing_pattern_is_a_general_claim_scored_lower() -> None:
    text = "The occupying forces continue to target civilians and civilian infrastructure."
    (claim,) = extract_claims(text)
    assert claim.kind == "general"
    assert claim.score < 0.5


def test_restatement_names_the_subject_and_the_inherited_date() -> None:
    text = "On 9 March 2025, Israel cut off electricity to Gaza. It also closed the crossings."
    claims = extract_claims(text, letter_date=date(2025, 3, 10))
    assert claims[-1].restatement == "Israel also closed the crossings (on 9 March 2025)."


def test_a_figure_in_its_own_which_clause_is_split_off() -> None:
    text = (
        "On 4 April 2025, a missile struck a restaurant in the city of Northville, which "
        "resulted in losses amounting to 85 servicemen."
    )
    assert clauses(text) == [
        "On 4 April 2025, a missile struck a restaurant in the city of Northville",
        "which resulted in losses amounting to 85 servicemen.",
    ]


def test_a_fronted_event_phrase_is_split_from_the_casualty_figure() -> None:
    text = "Aside from the destruction of homes that the shelling caused, 22 civilians were killed."
    assert clauses(text) == [
        "Aside from the destruction of homes that the shelling caused",
        "22 civilians were killed.",
    ]


def test_text_in_other_scripts_is_left_alone() -> None:
    assert extract_claims("في 2025/3/4 تم قصف المحطة وقتل 5 مدنيين.") == []


def test_model_probability_ranks_a_factual_sentence_above_a_request() -> None:
    from claims.extraction.checkworthiness import model_probability

    fact = model_probability("The strike killed 14 civilians in the market on 3 May.")
    request = model_probability("I would be grateful if you could circulate this letter.")
    if fact is None or request is None:
        pytest.skip("no check-worthiness model file installed")
    assert fact > request


def test_restatement_names_a_pronoun_subject_after_a_date_and_adds_the_year() -> None:
    text = "On 2 March, Israel closed the crossings into Gaza. On 9 March, it cut off electricity."
    claims = extract_claims(text, letter_date=date(2025, 3, 19))
    assert claims[-1].restatement == "On 9 March 2025, Israel cut off electricity."


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "On 3 June, drones struck the village of Aldor, killing 4 civilians.",
                "We call upon the Council to act.",
                "Mr. Smith (S/2025/21, p. 4) saw it",
                "\n\n• The raid on the camp",
                ";",
                ", and on 2 May 2024,",
                "“quoted",
                "٣ قتلى",
                " ",
                "twenty-two people were killed",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_spans_always_quote_the_text_they_came_from(text: str) -> None:
    for claim in extract_claims(text, letter_date=LETTER_DATE):
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end].strip() == text[claim.start : claim.end]
        assert 0.0 <= claim.score <= 1.0


# --- languages --------------------------------------------------------------------------


def test_a_language_without_a_vocabulary_module_is_refused_clearly() -> None:
    from claims.extraction import SUPPORTED, UnsupportedLanguage

    assert "en" in SUPPORTED
    with pytest.raises(UnsupportedLanguage, match="'fr'"):
        extract_claims("Deux civils ont été tués le 4 mai.", language="fr")


def test_english_is_read_through_its_vocabulary_module() -> None:
    from claims.extraction.lang import for_language

    english = for_language("en-GB")
    assert english.EVENT_PATTERN.search("the town was shelled")
    assert extract_claims("Two civilians were killed in the shelling on 4 May.", language="en")
