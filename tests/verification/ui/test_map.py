"""The incident map: places located offline, drawn as SVG over Natural Earth outlines; places
without coordinates are listed beside the map, never dropped."""

from __future__ import annotations

import json
from datetime import date

import pytest

from verification import geo
from verification.models import Incident
from verification.selectors.map import WORLD


def test_place_coordinates_knows_cities_transliterations_and_countries():
    lat, lon = geo.place_coordinates("Kharkiv")
    assert 49.9 < lat < 50.1 and 36.1 < lon < 36.4
    assert geo.place_coordinates("kupiansk") is not None  # a small town, Latin spelling
    assert geo.place_coordinates("Харків") == geo.place_coordinates("Kharkiv")
    assert geo.place_precision("Ukraine") == "country"
    assert geo.place_coordinates("Nowhere-upon-Nothing") is None
    assert geo.place_coordinates("") is None


def test_projection_and_outlines():
    assert geo.project(0, 0) == (480.0, round(84 / 142 * 430, 1))
    paths = geo.world_paths(json.loads(WORLD.read_text()))
    names = {name for name, _d in paths}
    assert {"Ukraine", "Sudan", "France"} <= names and "Antarctica" not in names
    assert all(d.startswith("M") and d.endswith("Z") for _n, d in paths)


@pytest.mark.django_db
def test_map_places_incidents_and_lists_unknown_places(client, observer):
    Incident.objects.create(title="Market", event_date=date(2025, 5, 2), places=["Kharkiv"])
    Incident.objects.create(
        title="Water", event_date=date(2025, 5, 4), places=["Kharkiv", "Qwertzhausen"]
    )
    Incident.objects.create(title="Old", places=["<b>Nowhere</b>"], is_deleted=True)
    client.force_login(observer)
    response = client.get("/map/")
    html = response.content.decode()
    placed = response.context["placed"]
    assert [(p.name, p.incidents) for p in placed] == [("Kharkiv", 2)]
    assert [p.name for p in response.context["unplaced"]] == ["Qwertzhausen"]
    assert 'aria-label="Kharkiv: 2 incidents"' in html
    assert 'href="/incidents/?place=Qwertzhausen"' in html
    assert "Nowhere" not in html
    assert "<script" not in html.split("<main", 1)[1]


@pytest.mark.django_db
def test_outsider_sees_no_map(client, outsider):
    client.force_login(outsider)
    assert client.get("/map/").status_code == 404


def test_fit_view_frames_the_points_at_the_map_aspect():
    assert geo.fit_view([]) == (0.0, 0.0, geo.WIDTH, geo.HEIGHT)
    x, y, w, h = geo.fit_view([(600.0, 100.0), (610.0, 105.0)])
    assert x <= 600 and x + w >= 610 and y <= 100 and y + h >= 105
    assert abs(w / h - geo.WIDTH / geo.HEIGHT) < 0.01
