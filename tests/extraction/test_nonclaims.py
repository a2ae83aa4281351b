"""Thematic and administrative letters: text that names dates, numbers and places but makes
no checkable claim stays out, and the claims beside it stay in (synthetic sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract_claims
from claims.extraction.casualties import has_quantity
from claims.extraction.nonclaims import is_heading, non_claim_reason
from claims.extraction.places import find_places
from claims.extraction.segment import split_sentences

LETTER_DATE = date(2025, 5, 2)


def claim_quotes(text: str) -> list[str]:
    return [text[c.start : c.end] for c in extract_claims(text, letter_date=LETTER_DATE)]


# --- headings and date lines -------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "2 May 2025",
        "12 AND 13 MARCH 2025",
        "SUBSTANTIVE PRINCIPLES",
        "Principle 7: Coordination across national strategies",
        "Principle 29: Regional strategies are critical to address threats within the region",
        "Working group sessions 4 and 6: Lessons learned from implementing strategies",
        "Objectives of the Mission to Northland",
        "Visit programme and coordination of meetings in the mission area 6.",
        "Consequences of the attack on civilians in the city of Riverton (7 June 2025)",
    ],
)
def test_headings_and_date_lines_are_not_claims(line: str) -> None:
    assert is_heading(line)
    assert claim_quotes(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "The missile attack on the port of Eastport on 1 April 2024",
        "The assassination of General Brand, a former minister, in Capital City on 3 May 2024",
        "Drones struck the town of Northville on 1 March 2025.",
        "resulting in the deaths of about 100 individuals and in injuries to 16.",
    ],
)
def test_event_lines_are_not_taken_for_headings(line: str) -> None:
    assert not is_heading(line)


def test_a_heading_run_into_its_paragraph_is_split_from_it() -> None:
    text = (
        "Principle 8: Oversight and coordination mechanism States should establish a "
        "dedicated mechanism to oversee the strategy.\n\n"
        "Principle 14: Integration of financing investigations Combating terrorism "
        "financing is an integral part of the strategy."
    )
    assert [span.text(text) for span in split_sentences(text)] == [
        "Principle 8: Oversight and coordination mechanism",
        "States should establish a dedicated mechanism to oversee the strategy.",
        "Principle 14: Integration of financing investigations",
        "Combating terrorism financing is an integral part of the strategy.",
    ]
    assert claim_quotes(text) == []


def test_a_caption_run_into_the_next_line_is_split_from_it() -> None:
    text = (
        "Consequences of the attack on civilians in the city of Riverton (7 June 2025) "
        "Additional photographs are on file with the Secretariat."
    )
    assert [span.text(text) for span in split_sentences(text)] == [
        "Consequences of the attack on civilians in the city of Riverton (7 June 2025)",
        "Additional photographs are on file with the Secretariat.",
    ]


def test_numbers_of_principles_and_sessions_are_not_figures() -> None:
    assert not has_quantity("Principle 12 and working group sessions 4 and 6 of Table 2")
    assert has_quantity("12 civilians were wounded")


# --- normative statements, plans, stances ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Member States must uphold their obligations under international law.",
        "States should establish a dedicated mechanism to coordinate the strategy.",
        "Member States are encouraged to integrate a gender perspective into their strategies.",
        "Engaging with civil society is crucial in the development of national strategies.",
        "To end the killing, more pressure on the aggressor is required.",
    ],
)
def test_normative_statements_addressed_to_states_are_not_claims(sentence: str) -> None:
    assert non_claim_reason(sentence) == "normative statement"
    assert claim_quotes(sentence) == []


def test_a_conditional_should_is_not_an_obligation() -> None:
    sentence = "Utopia has declared its readiness to resume talks, should the other side agree."
    assert non_claim_reason(sentence) is None


def test_plans_are_not_claims_but_past_events_beside_them_are() -> None:
    plan = "The Committee will undertake a one-week mission to the Force from 24 to 28 March 2025."
    assert non_claim_reason(plan) == "plan or commitment"
    assert claim_quotes(plan) == []
    event = "On 3 March 2025 the militia shelled the town of Eastport, and it will do so again."
    assert non_claim_reason(event) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Utopia is committed to the universal periodic review of human rights.",
        "The Republic of Utopia recognizes the significance of the 1997 Convention.",
        "The Government reaffirms its commitment to the principles of the Charter.",
    ],
)
def test_pledges_and_stances_of_the_sender_are_not_claims(sentence: str) -> None:
    assert non_claim_reason(sentence) == "stance"


# --- the sender's own procedure --------------------------------------------------------------


def test_the_sender_presenting_its_own_documents_is_procedure() -> None:
    sentence = "I am writing to formally present the Principles and the summary of discussions."
    assert non_claim_reason(sentence) == "procedure"
    assert claim_quotes(sentence) == []


def test_a_letter_opening_that_reports_an_attack_keeps_the_attack() -> None:
    text = (
        "I am writing to provide updated information concerning yet another wave of attacks "
        "perpetrated on 4 April 2025 by the militia against civilians in the city of Riverton."
    )
    assert claim_quotes(text) == [
        "yet another wave of attacks perpetrated on 4 April 2025 by the militia against "
        "civilians in the city of Riverton."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "In witness whereof, the present Act is issued to which the seal has been affixed.",
        "Done at Capital City, on the 5th day of August 2025.",
        "The Executive Director expressed gratitude to the Government for hosting participants.",
    ],
)
def test_formulas_and_thanks_are_procedure(sentence: str) -> None:
    assert claim_quotes(sentence) == []


# --- meetings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Participants recommended that public awareness campaigns be launched in 2025.",
        "The Chair of the Working Group noted that all 46 members have agreed on the text.",
        "It was stated that opportunities are lost if 12 strategies ignore the private sector.",
        "Some examples of regional mechanisms were shared by participants.",
    ],
)
def test_reports_of_a_meetings_discussion_are_not_claims(sentence: str) -> None:
    assert non_claim_reason(sentence) == "report of a meeting's discussion"


def test_what_a_document_noted_is_still_a_claim() -> None:
    sentence = (
        "In the summary of reasons for listing, it was noted that the leader had instructed "
        "the group to attack the town of Eastport."
    )
    assert non_claim_reason(sentence) is None


def test_conference_logistics_are_at_most_general_claims() -> None:
    text = (
        "The Conference was co-organized by the Ministry and held on 12 and 13 March 2025 in "
        "the town of Seaside."
    )
    claims = extract_claims(text, letter_date=LETTER_DATE)
    assert [c.kind for c in claims] == ["general"]


# --- places --------------------------------------------------------------------------------


def test_a_formal_state_name_is_a_state_not_a_local_place() -> None:
    text = "This decision is without prejudice to the commitment of the Republic of Poland."
    assert claim_quotes(text) == []


def test_words_of_a_treaty_title_are_not_places() -> None:
    text = (
        "Utopia has withdrawn from the Convention on the Prohibition of the Use, Stockpiling, "
        "Production and Transfer of Anti-Personnel Mines, done at Oslo."
    )
    assert "Stockpiling" not in find_places(text)
    assert "Production" not in find_places(text)
