"""Country names, so that two claims about different towns of one country are not one incident."""

from __future__ import annotations

from claims import un_states
from claims.matching.features import normalise_name

# Not States, but names of a whole country-level area: a claim about one is not local.
_TERRITORIES = ("Occupied Palestinian Territory", "Kosovo", "Western Sahara")

COUNTRY_KEYS = frozenset(
    normalise_name(name)
    for name in (*un_states.names("en"), *_TERRITORIES)  # official names and aliases
    if normalise_name(name)
)


def is_country(name_key: str) -> bool:
    """`name_key` is a normalised name (features.normalise_name)."""
    return name_key in COUNTRY_KEYS
