"""GeoJSON output: points at [lon, lat], flat properties, and the events left out said."""

from __future__ import annotations

import csv
import io
import json

from helpers import bundled, invoke


def test_geojson_points_are_lon_lat_with_flat_properties() -> None:
    result = invoke("list", "--geojson")
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    located = [e for e in bundled()["events"]
               if next(p for p in bundled()["places"] if p["id"] == e["place"])["lat"] is not None]
    assert len(collection["features"]) == len(located) == 14
    palmyra = next(f for f in collection["features"] if f["id"] == "2017-03-02-palmyra")
    assert palmyra["geometry"] == {"type": "Point", "coordinates": [38.28, 34.56]}
    properties = palmyra["properties"]
    assert (properties["place"], properties["place_en"]) == ("تدمر", "Palmyra")
    assert (properties["victor"], properties["victor_en"]) == ("الجيش السوري", "Syrian army")
    assert (properties["supported_by"], properties["supported_by_en"]) == (
        "الطيران الروسي", "Russian air force")


def test_geojson_properties_are_the_csv_columns() -> None:
    features = json.loads(invoke("list", "--geojson").stdout)["features"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(invoke("list", "--csv").stdout))}
    for feature in features:
        flat = {k: "" if v is None else str(v) for k, v in feature["properties"].items()}
        assert flat == rows[feature["id"]]


def test_the_events_left_out_are_counted_on_stderr() -> None:
    result = invoke("list", "--geojson")
    assert result.stderr == "Note: 6 events left out: their places have no coordinates\n"
    one = invoke("list", "--geojson", "--place", "سوريا", "--year", "2011")
    assert one.stderr == "Note: 1 event left out: its place has no coordinates\n"
    assert json.loads(one.stdout)["features"] == []
    assert invoke("city", "Raqqa", "--geojson").stderr == ""


def test_every_city_town_and_camp_has_coordinates() -> None:
    for place in bundled()["places"]:
        if place["kind"] in ("city", "town", "village", "camp"):
            assert place["lat"] is not None and place["lon"] is not None, place["id"]
            assert 32 < place["lat"] < 38 and 35 < place["lon"] < 43  # inside Syria
