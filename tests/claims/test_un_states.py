"""One table of States for the whole project, in the six UN languages."""

from __future__ import annotations

import pytest

from claims import un_states
from claims.extraction.lang import en as extraction_en
from claims.ingest import states as ingest_states
from claims.matching.countries import is_country
from claims.matching.features import normalise_name


def test_the_table_holds_193_member_states_and_2_observers() -> None:
    assert len(un_states.STATES) == 195
    assert {state.code for state in un_states.STATES if state.observer} == {"VA", "PS"}
    assert all(set(state.names) == set(un_states.LANGUAGES) for state in un_states.STATES)
    assert all(all(state.names.values()) for state in un_states.STATES)


@pytest.mark.parametrize(
    ("name", "language", "code"),
    [
        ("the Russian Federation", "en", "RU"),
        ("Russia", "en", "RU"),
        ("Iran", "en", "IR"),
        ("Syria", "en", "SY"),
        ("DRC", "en", "CD"),
        ("Turkey", "en", "TR"),
        ("Türkiye", "en", "TR"),
        ("the Republic of Poland", "en", "PL"),
        ("la Fédération de Russie", "fr", "RU"),
        ("République islamique d'Iran", "fr", "IR"),
        ("Royaume-Uni", "fr", "GB"),
        ("los Estados Unidos de América", "es", "US"),
        ("Federación de Rusia", "es", "RU"),
        ("Ucrania", None, "UA"),
        ("Украина", None, "UA"),
    ],
)
def test_state_by_name_reads_official_names_aliases_and_formal_styles(name, language, code):
    state = un_states.state_by_name(name, language)
    assert state is not None and state.code == code


def test_state_by_name_refuses_what_is_not_a_state() -> None:
    assert un_states.state_by_name("Kharkiv") is None
    assert un_states.state_by_name("Security Council") is None


def test_every_state_name_extraction_knows_is_in_the_table() -> None:
    for name, canonical in extraction_en.STATE_BY_NAME.items():
        state = un_states.state_by_name(name, "en")
        assert state is not None, name
        assert state == un_states.state_by_name(canonical, "en"), name
        assert un_states.STATE_BY_NAME.get(name, state.name) == state.name


def test_ingest_and_matching_use_the_table() -> None:
    assert ingest_states.canonical_state("Russia") == "Russian Federation"
    assert ingest_states.states_in("Denmark, Sierra Leone and the United Kingdom") == [
        "Denmark",
        "Sierra Leone",
        "United Kingdom of Great Britain and Northern Ireland",
    ]
    assert ingest_states.canonical_state("USSR") == "Union of Soviet Socialist Republics"
    assert is_country(normalise_name("Syria")) and is_country(normalise_name("Kosovo"))
    assert not is_country(normalise_name("Kharkiv"))


def test_names_for_a_language_list_official_names_and_aliases() -> None:
    french = un_states.names("fr")
    assert french["France"].code == "FR" and french["Russie"].code == "RU"
    assert un_states.by_code("gb").names["es"].startswith("Reino Unido")
