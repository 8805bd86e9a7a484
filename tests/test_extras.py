"""Beyond the article: JSON Schema, GeoJSON, control history, Hijri dates, completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
from helpers import ROOT, bundled, event, invoke

SCHEMA = json.loads(invoke("schema").stdout)


def test_schema_is_valid_and_the_bundled_store_follows_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(bundled())


@pytest.mark.parametrize("edit", [
    lambda d: event(d, "2016-10-dabiq").update(date="2016-10-05"),
    lambda d: event(d, "2016-10-dabiq").update(type="battle"),
    lambda d: event(d, "2016-10-dabiq").update(killed=-1),
    lambda d: event(d, "2016-10-dabiq").pop("quote"),
    lambda d: d["places"][0].update(kind="planet"),
    lambda d: d.update(schema=2),
])
def test_schema_rejects_what_validate_rejects(make_store: Any, edit: Any) -> None:
    path = make_store(edit)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    assert invoke("validate", str(path)).exit_code == 1


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


def test_hijri_dates() -> None:
    (raqqa,) = json.loads(invoke("list", "--place", "raqqa", "--year", "2017", "--hijri",
                                 "--json").stdout)
    assert raqqa["hijri"] == "1439-01-27"
    (dabiq,) = json.loads(invoke("list", "--place", "dabiq", "--hijri", "--json").stdout)
    assert dabiq["hijri"] == {"start": "1437-12-30", "end": "1438-01-30"}
    assert "hijri" not in json.loads(invoke("list", "--limit", "1", "--json").stdout)[0]
    table = invoke("list", "--place", "raqqa", "--year", "2017", "--hijri", env={"COLUMNS": "140"})
    assert "27 محرم 1439" in table.stdout
    shown = invoke("show", "2016-10-dabiq", "--hijri", "--lang", "en", env={"COLUMNS": "120"})
    assert "Oct 2016 (Dhu al-Hijjah 1437 – Muharram 1438)" in shown.stdout


def test_control_history_lists_each_change_of_hands() -> None:
    result = invoke("city", "كوباني")
    assert result.stdout.splitlines()[-2:] == [
        "تاريخ السيطرة على كوباني:",
        "  26 كانون الثاني 2015: القوات الكردية السورية ← تنظيم الدولة الإسلامية",
    ]
    dabiq = invoke("city", "Dabiq", "--lang", "en").stdout.splitlines()[-1]
    assert dabiq == "  Oct 2016: (the text does not say) ← Islamic State group"


def complete(words: str) -> list[str]:
    env = {**os.environ, "_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    env.pop("TIMELINE_DATA", None)
    script = "import sys; from syria_timeline.cli import main; sys.argv[0] = 'timeline'; main()"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env,
                            cwd=ROOT, timeout=60)
    return result.stdout.decode().split()


def test_completion_of_places_actors_and_types() -> None:
    assert "Palmyra" in complete("timeline city Pal")
    assert "الرقة" in complete("timeline city الر")
    assert "Raqqa" in complete("timeline list --place Ra")
    assert complete("timeline list --actor sy") == ["syrian-army"]
    assert complete("timeline list --type air") == ["airstrikes"]
