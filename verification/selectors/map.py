"""Reads for the incident map: each place named by a live incident, with its coordinates from
verification.geo (or listed apart when it has none), and the country outlines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from verification import geo
from verification.models import Incident

WORLD = Path(settings.BASE_DIR) / "static" / "vendor" / "world-atlas" / "countries-110m.json"


@dataclass
class MapPlace:
    name: str
    incidents: int = 0
    coordinates: tuple[float, float] | None = None
    precision: str | None = None
    x: float = 0.0
    y: float = 0.0
    radius: float = 4.0
    titles: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return reverse("incident_list") + "?" + urlencode({"place": self.name})


@dataclass(frozen=True)
class MapFilter:
    sender: str = ""
    date_from: date | None = None
    date_to: date | None = None


@lru_cache(maxsize=1)
def world_outlines() -> tuple[tuple[str, str], ...]:
    with WORLD.open(encoding="utf-8") as stream:
        return tuple(geo.world_paths(json.load(stream)))


def map_places(filters: MapFilter) -> tuple[list[MapPlace], list[MapPlace]]:
    """(places on the map, places without coordinates), most incidents first. One query."""
    incidents = Incident.objects.filter(is_deleted=False)
    if filters.date_from:
        incidents = incidents.filter(event_date__gte=filters.date_from)
    if filters.date_to:
        incidents = incidents.filter(event_date__lte=filters.date_to)
    if filters.sender:
        incidents = incidents.filter(
            Q(claims__letter__sender__iexact=filters.sender), claims__is_deleted=False
        ).distinct()
    places: dict[str, MapPlace] = {}
    for title, names in incidents.values_list("title", "places"):
        for name in dict.fromkeys(str(n).strip() for n in (names or []) if str(n).strip()):
            place = places.setdefault(name.casefold(), MapPlace(name))
            place.incidents += 1
            if len(place.titles) < 3:
                place.titles.append(title)
    placed, unplaced = [], []
    for place in sorted(places.values(), key=lambda p: (-p.incidents, p.name.casefold())):
        place.coordinates = geo.place_coordinates(place.name)
        if place.coordinates is None:
            unplaced.append(place)
            continue
        place.precision = geo.place_precision(place.name)
        place.x, place.y = geo.project(*place.coordinates)
        place.radius = min(14.0, 3.5 + 2.0 * place.incidents**0.5)
        placed.append(place)
    return placed, unplaced
