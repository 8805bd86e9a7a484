"""GeoJSON output and the coordinates behind it."""

from __future__ import annotations

import json

from helpers import bundled, invoke


def test_geojson_points_are_lon_lat_with_event_properties() -> None:
    collection = json.loads(invoke("list", "--geojson").stdout)
    assert collection["type"] == "FeatureCollection"
    located = [e for e in bundled()["events"]
               if next(p for p in bundled()["places"] if p["id"] == e["place"])["lat"] is not None]
    assert len(collection["features"]) == len(located) == 14
    palmyra = next(f for f in collection["features"] if f["id"] == "2017-03-02-palmyra")
    assert palmyra["geometry"] == {"type": "Point", "coordinates": [38.28, 34.56]}
    assert palmyra["properties"]["victor"]["id"] == "syrian-army"
    assert json.loads(invoke("city", "Raqqa", "--geojson").stdout)["features"][0]["properties"][
        "place"]["id"] == "raqqa"


def test_every_city_town_and_camp_has_coordinates() -> None:
    for place in bundled()["places"]:
        if place["kind"] in ("city", "town", "village", "camp"):
            assert place["lat"] is not None and place["lon"] is not None, place["id"]
            assert 32 < place["lat"] < 38 and 35 < place["lon"] < 43  # inside Syria
