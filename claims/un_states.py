"""The one table of UN Member States and observer States: official short names in the six UN
languages (claims/un_states_data.py, generated), common aliases, and lookups. Pure Python.

    state_by_name("the Russian Federation").code      # "RU"
    state_by_name("Fédération de Russie").name        # "Russian Federation"
    by_code("GB").names["es"]                        # "Reino Unido de Gran Bretaña e ..."
    names("fr")["Royaume-Uni"].name                   # "United Kingdom of Great Britain ..."
    STATE_BY_NAME["Republic of Poland"]               # "Poland" (what lexicon.STATE_BY_NAME offers)

Names are compared without case, accents, apostrophe shapes, hyphens or a leading article, so
"la République islamique d'Iran" and "République islamique d’Iran" are one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from claims.un_states_data import STATES as _ROWS

LANGUAGES = ("ar", "zh", "en", "fr", "es", "ru")


@dataclass(frozen=True)
class State:
    code: str  # ISO 3166-1 alpha-2
    observer: bool  # Holy See, State of Palestine
    names: Mapping[str, str]  # language -> official short name, in running-text form

    @property
    def name(self) -> str:
        """The English official short name: the workbench's canonical spelling."""
        return self.names["en"]


STATES: tuple[State, ...] = tuple(
    State(code, observer, MappingProxyType(dict(names))) for code, observer, names in _ROWS
)
_BY_CODE = {state.code: state for state in STATES}

# Shorter, older or informal names that letters and claims use, per language.
ALIASES: dict[str, dict[str, str]] = {
    "en": {
        "Bolivia": "BO", "Bolivia (Plurinational State of)": "BO", "Bosnia": "BA",
        "Britain": "GB", "Cape Verde": "CV", "Czech Republic": "CZ", "DRC": "CD",
        "DR Congo": "CD", "Democratic Republic of Congo": "CD", "Ivory Coast": "CI",
        "North Korea": "KP", "DPRK": "KP", "South Korea": "KR", "Korea": "KR",
        "Swaziland": "SZ", "Iran": "IR", "Iran (Islamic Republic of)": "IR", "Laos": "LA",
        "Micronesia": "FM", "Micronesia (Federated States of)": "FM", "Moldova": "MD",
        "Netherlands": "NL", "The former Yugoslav Republic of Macedonia": "MK",
        "Russia": "RU", "Syria": "SY", "Tanzania": "TZ", "Turkey": "TR",
        "Republic of Türkiye": "TR", "Republic of Turkey": "TR", "United Kingdom": "GB",
        "UK": "GB", "United States": "US", "USA": "US", "Venezuela": "VE",
        "Venezuela (Bolivarian Republic of)": "VE", "Vietnam": "VN", "Palestine": "PS",
        "Argentine Republic": "AR", "People’s Republic of China": "CN",
        "Hashemite Kingdom of Jordan": "JO", "Arab Republic of Egypt": "EG",
        "Kingdom of Saudi Arabia": "SA", "French Republic": "FR",
        "Federal Republic of Germany": "DE", "Vatican": "VA",
    },
    "fr": {
        "Bolivie": "BO", "Royaume-Uni": "GB", "États-Unis": "US", "Russie": "RU",
        "Iran": "IR", "Syrie": "SY", "Venezuela": "VE", "Tanzanie": "TZ", "Pays-Bas": "NL",
        "Micronésie": "FM", "Moldavie": "MD", "Palestine": "PS", "Turquie": "TR",
        "Corée du Nord": "KP", "Corée du Sud": "KR", "République tchèque": "CZ",
        "Cap-Vert": "CV", "Swaziland": "SZ", "Vietnam": "VN",
    },
    "es": {
        "Bolivia": "BO", "Reino Unido": "GB", "Estados Unidos": "US", "Rusia": "RU",
        "Irán": "IR", "Siria": "SY", "Venezuela": "VE", "Tanzanía": "TZ",
        "Países Bajos": "NL", "Micronesia": "FM", "Palestina": "PS", "Turquía": "TR",
        "Corea del Norte": "KP", "Corea del Sur": "KR", "República Checa": "CZ",
        "Cabo Verde": "CV", "Suazilandia": "SZ", "Vietnam": "VN", "Moldova": "MD",
    },
}  # fmt: skip
# Articles that may precede a name in running text ("la France", "los Estados Unidos").
_ARTICLES = {
    "en": ("the ",),
    "fr": ("la ", "le ", "les ", "l'"),
    "es": ("el ", "la ", "los ", "las "),
}
# Formal styles before a short name: "the Republic of Poland" is Poland.
FORMAL_PREFIXES = {
    "en": (
        "republic of ", "kingdom of ", "state of ", "federal republic of ",
        "democratic republic of ", "islamic republic of ", "principality of ",
        "sultanate of ", "commonwealth of ",
    ),
    "fr": ("republique de ", "republique d'", "royaume de ", "royaume du ", "etat de ",
           "etat du ", "principaute de ", "sultanat d'"),
    "es": ("republica de ", "republica del ", "reino de ", "estado de ", "principado de ",
           "sultanato de "),
}  # fmt: skip


def key(name: str, language: str = "en") -> str:
    """A name reduced for comparison: lower case, no accents, straight apostrophes, hyphens as
    spaces, single spaces, no leading article."""
    name = name.replace("’", "'").replace("‘", "'").replace("-", " ")
    name = unicodedata.normalize("NFKD", name)
    name = "".join(char for char in name if not unicodedata.combining(char))
    name = re.sub(r"\s+", " ", name).strip().lower()
    for article in _ARTICLES.get(language, ()):
        if name.startswith(article):
            return name[len(article) :]
    return name


@cache
def names(language: str) -> Mapping[str, State]:
    """Every name of every State in `language` as written (official names, then aliases)."""
    table = {state.names[language]: state for state in STATES if state.names.get(language)}
    for alias, code in ALIASES.get(language, {}).items():
        table.setdefault(alias, _BY_CODE[code])
    return MappingProxyType(table)


@cache
def _lookup(language: str) -> Mapping[str, State]:
    return MappingProxyType({key(name, language): state for name, state in names(language).items()})


def by_code(code: str) -> State | None:
    return _BY_CODE.get(code.upper())


def state_by_name(name: str, language: str | None = None) -> State | None:
    """The State `name` refers to (in `language`, or in any UN language), formal styles such
    as "Republic of Cyprus" included; None if it names no State."""
    for lang in (language,) if language else LANGUAGES:
        found = _state_in_language(name, lang)
        if found:
            return found
    return None


def _state_in_language(name: str, language: str) -> State | None:
    lookup = _lookup(language)
    name_key = key(name, language)
    if name_key in lookup:
        return lookup[name_key]
    for prefix in FORMAL_PREFIXES.get(language, ()):
        if name_key.startswith(prefix) and name_key[len(prefix) :] in lookup:
            return lookup[name_key[len(prefix) :]]
    return None


@cache
def _pattern(language: str) -> re.Pattern[str]:
    # Longest first, so "Democratic Republic of the Congo" wins over "Congo".
    keys = sorted(_lookup(language), key=len, reverse=True)
    # French and Spanish elide before a name ("l'Allemagne", "d'Iran"); English does not.
    before = r"(?<![\w'])" if language == "en" else r"(?<!\w)"
    return re.compile(before + "(?:" + "|".join(map(re.escape, keys)) + r")(?![\w'])")


def states_in(text: str, language: str = "en") -> list[State]:
    """The States a phrase such as "Denmark, Sierra Leone and the United Kingdom" names, in
    order of first mention."""
    found: list[State] = []
    for match in _pattern(language).finditer(key(text, language)):
        state = _lookup(language)[match.group(0)]
        if state not in found:
            found.append(state)
    return found


def without_states(text: str, language: str = "en") -> str:
    """`text` as a key (lower case, accents folded) with every State name taken out."""
    return _pattern(language).sub(" ", key(text, language))


def _state_by_name() -> dict[str, str]:
    """English name, alias or formal style -> the English official short name; the mapping
    claims.extraction.lexicon.STATE_BY_NAME offers, from this table."""
    table = {name: state.name for name, state in names("en").items()}
    for state in STATES:
        if not re.search(r"Republic|Kingdom|State", state.name):
            for style in ("Republic", "Kingdom", "State"):
                table.setdefault(f"{style} of {state.name}", state.name)
    return table


STATE_BY_NAME: dict[str, str] = _state_by_name()


def english_names(states: Iterable[State]) -> list[str]:
    return [state.name for state in states]
