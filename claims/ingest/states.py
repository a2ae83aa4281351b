"""State names as letters write them, for the metadata parser: a thin layer over the one table
in claims/un_states.py, plus the historical States that old letters still name."""

from __future__ import annotations

import re

from claims import un_states

# States that no longer exist but sign letters in the archive; they are their own names.
HISTORICAL_STATES = ("Union of Soviet Socialist Republics", "Yugoslavia")
_HISTORICAL = {un_states.key(name): name for name in HISTORICAL_STATES} | {
    "ussr": "Union of Soviet Socialist Republics"
}

_HISTORICAL_IN_TEXT = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(map(re.escape, sorted(_HISTORICAL, key=len, reverse=True)))
    + r")(?![\w'])"
)

STATE_NAMES: tuple[str, ...] = tuple(state.name for state in un_states.STATES)


def canonical_state(name: str, language: str = "en") -> str | None:
    """The English official name of the State `name` refers to, or None if it is not a State."""
    state = un_states.state_by_name(name, language)
    if state:
        return state.name
    return _HISTORICAL.get(un_states.key(name)) if language == "en" else None


def states_in(text: str, language: str = "en") -> list[str]:
    """English official names of the States a phrase like "Denmark, Sierra Leone and the
    United Kingdom ..." lists, in order; formal long forms count as their State."""
    found = [state.name for state in un_states.states_in(text, language)]
    if language == "en":
        for match in _HISTORICAL_IN_TEXT.finditer(un_states.key(text)):
            found.append(_HISTORICAL[match.group(0)])
    return list(dict.fromkeys(found))


def without_states(text: str, language: str = "en") -> str:
    """`text` (lower-cased, accents folded) with every State name taken out."""
    rest = un_states.without_states(text, language)
    return _HISTORICAL_IN_TEXT.sub(" ", rest) if language == "en" else rest
