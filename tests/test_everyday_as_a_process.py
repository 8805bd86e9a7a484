"""The everyday questions of issue 13 through the real entry point, as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import run

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores


def out(*args: str) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8-sig")


@pytest.mark.parametrize(("args", "ids"), [
    (["list", "--text", "الطيران الروسي", "--json"], ["2017-03-02-palmyra"]),
    (["list", "--victor", "قسد", "--json"], ["2016-08-manbij", "2017-10-17-raqqa"]),
    (["list", "--loser", "فصائل معارضة", "--json"], ["2014-01-14-raqqa"]),
    (["list", "--actor", "الجيش العربي السوري", "--year", "2018", "--json"],
     ["2018-05-21-damascus-yarmouk"]),
    (["city", "دير الزور", "--text", "الجيش", "--json"], ["2017-11-02-deir-ez-zor"]),
])
def test_filters(args: list[str], ids: list[str]) -> None:
    assert [e["id"] for e in json.loads(out(*args))] == ids


def test_show_by_place_and_year() -> None:
    assert json.loads(out("show", "تدمر", "2015", "--json"))["id"] == "2015-05-palmyra"


def test_ids_month_counts_holders_spreadsheets_and_maps() -> None:
    assert "2016-10-dabiq" in out("list", "--ids", "--year", "2016", "--lang", "en")
    months = json.loads(out("summary", "--by", "month", "--year", "2017", "--json"))
    assert months[0] == {"key": "2017-02", "count": 1}
    palmyra = next(p for p in json.loads(out("places", "--json")) if p["id"] == "palmyra")
    assert palmyra["last_holder_since"] == "2017-03-02"
    rows = list(csv.DictReader(io.StringIO(out("places", "--excel"))))
    assert rows[0]["id"] == "syria"
    result = run("list", "--geojson")
    assert result.stderr == b"Note: 6 events left out: their places have no coordinates\n"
    assert json.loads(result.stdout)["features"][0]["properties"]["place_en"] == "Raqqa"


def test_ambiguous_actor_as_a_process() -> None:
    result = run("list", "--actor", "army")
    assert (result.returncode, result.stdout) == (1, b"")
    assert b"names several actors" in result.stderr
