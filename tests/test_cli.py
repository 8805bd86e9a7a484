"""The commands through Typer's CliRunner: filters, formats, exit codes, exact output."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from helpers import invoke

from syria_timeline import __version__


def ids(*args: str) -> list[str]:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return [e["id"] for e in json.loads(result.stdout)]


def test_version() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"timeline {__version__}\n")


def test_list_is_every_event_in_date_order() -> None:
    everything = ids("list")
    assert len(everything) == 20
    assert everything[0] == "2011-conflict-begins"
    assert everything[-1] == "2018-05-21-damascus-yarmouk"
    newest = ids("list", "--sort", "-date")
    assert newest[:2] == ["2018-05-21-damascus-yarmouk", "2018-05-sdf-final-phase"]
    assert sorted(newest) == sorted(everything)
    # Events of one date keep their store order either way.
    assert newest.index("2016-08-manbij") > newest.index("2016-08-jarablus")
    assert ids("list", "--sort=-date", "--limit", "2") == newest[:2]


def test_year_filter_repeatable_and_in_arabic_digits() -> None:
    assert ids("list", "--year", "2017") == [
        "2017-02-al-bab", "2017-03-02-palmyra", "2017-10-14-mayadin", "2017-10-17-raqqa",
        "2017-11-02-deir-ez-zor", "2017-11-19-albu-kamal"]
    assert ids("list", "--year", "٢٠١٧") == ids("list", "--year", "2017")
    assert ids("list", "--year", "۲۰۱۵", "--year", "2011") == [
        "2011-conflict-begins", "2015-01-26-kobani", "2015-05-palmyra"]
    assert ids("list", "--year", "1999") == []


@pytest.mark.parametrize(("bounds", "expected"), [
    # A month event overlaps a range that starts inside its month.
    (("--from", "2016-08-15", "--to", "2016-08-20"), ["2016-08-jarablus", "2016-08-manbij"]),
    # A month bound covers its whole month; a year bound its whole year.
    (("--from", "2016-10", "--to", "2016-10"), ["2016-10-dabiq"]),
    (("--from", "2016-10-31", "--to", "2016-12-01"), ["2016-10-dabiq", "2016-12-palmyra"]),
    (("--from", "2016-11-01", "--to", "2016-11-30"), []),
    (("--from", "2018", "--to", "2018"), ["2018-05-sdf-final-phase", "2018-05-21-damascus-yarmouk"]),
    (("--from", "2018-05-21"), ["2018-05-sdf-final-phase", "2018-05-21-damascus-yarmouk"]),
    (("--from", "2018-05-22"), ["2018-05-sdf-final-phase"]),  # early May: the month overlaps
    (("--from", "2018-06"), []),
    # A year event overlaps any range inside its year.
    (("--from", "2014-12-31", "--to", "2014-12-31"), ["2014-syria-iraq"]),
    (("--to", "2011-01-01"), ["2011-conflict-begins"]),
    (("--from", "آب 2016", "--to", "تشرين الأول/أكتوبر 2016"),
     ["2016-08-jarablus", "2016-08-manbij", "2016-10-dabiq"]),
    (("--from", "١ اغسطس ٢٠١٦", "--to", "October 2016"),
     ["2016-08-jarablus", "2016-08-manbij", "2016-10-dabiq"]),
])
def test_date_range_overlap(bounds: tuple[str, ...], expected: list[str]) -> None:
    assert ids("list", *bounds) == expected


def test_place_filter_any_spelling_and_provinces() -> None:
    assert ids("list", "--place", "Palmyra") == [
        "2015-05-palmyra", "2016-12-palmyra", "2017-03-02-palmyra"]
    assert ids("list", "--place", "تدمر") == ids("list", "--place", "Tadmur")
    assert ids("list", "--place", "محافظة دير الزور") == [
        "2017-10-14-mayadin", "2017-11-02-deir-ez-zor", "2017-11-19-albu-kamal",
        "2018-05-sdf-final-phase"]
    assert ids("list", "--place", "Kobani", "--place", "منبج") == [
        "2015-01-26-kobani", "2016-08-manbij"]


def test_actor_type_and_combined_filters() -> None:
    assert ids("list", "--actor", "قسد") == [
        "2016-08-manbij", "2017-10-17-raqqa", "2018-05-sdf-final-phase"]
    assert ids("list", "--actor", "Russia") == ["2017-03-02-palmyra"]  # as a backer
    assert ids("list", "--actor", "SOHR") == ["2017-10-17-raqqa"]
    assert ids("list", "--type", "declaration") == ["2014-06-caliphate"]
    assert ids("list", "--type", "هجوم") == ["2018-05-sdf-final-phase"]
    assert ids("list", "--actor", "syrian-army", "--year", "2017", "--place", "Deir ez-Zor") == [
        "2017-11-02-deir-ez-zor"]


def test_json_contract_expands_references() -> None:
    (raqqa,) = json.loads(invoke("list", "--year", "2017", "--place", "الرقة", "--json").stdout)
    assert list(raqqa) == [
        "id", "date", "precision", "end", "date_basis", "type", "place", "place_precision",
        "victor", "loser", "actor", "target", "supported_by", "associated", "killed",
        "killed_low",
        "killed_high", "civilians_killed", "figures_source", "summary_ar", "summary_en",
        "source", "quote", "review", "other_sources", "other_quotes", "other_figures",
        "coded_as"]
    assert raqqa["place"] == {"id": "raqqa", "name_ar": "الرقة", "name_en": "Raqqa"}
    assert raqqa["victor"]["id"] == "sdf" and raqqa["loser"]["id"] == "islamic-state"
    assert (raqqa["killed"], raqqa["civilians_killed"]) == (3250, 1130)
    (kobani,) = json.loads(invoke("list", "--place", "kobani", "--json").stdout)
    assert kobani["supported_by"] == [{"id": "us-led-coalition", "name_en":
                                       "US-led international coalition", "name_ar":
                                       "التحالف الدولي بقيادة الولايات المتحدة"}]
    assert kobani["actor"] is None


def test_json_is_utf8_not_escaped() -> None:
    out = invoke("list", "--limit", "1", "--json").stdout
    assert "سوريا" in out and "\\u" not in out


def test_jsonl_one_object_a_line() -> None:
    lines = invoke("list", "--year", "2016", "--jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids("list", "--year", "2016")


def test_csv_flattens_references() -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("list", "--place", "Palmyra", "--csv").stdout)))
    assert [r["id"] for r in rows] == ["2015-05-palmyra", "2016-12-palmyra", "2017-03-02-palmyra"]
    last = rows[-1]
    assert (last["place"], last["place_en"]) == ("تدمر", "Palmyra")
    assert (last["supported_by"], last["supported_by_en"]) == ("الطيران الروسي", "Russian air force")
    assert (last["victor_en"], last["loser_en"]) == ("Syrian army", "Islamic State group")


def test_empty_results_are_success() -> None:
    result = invoke("list", "--year", "1990", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert invoke("list", "--year", "1990", "--jsonl").stdout == ""
    assert invoke("list", "--year", "1990", "--csv").stdout.startswith("id,date,precision,")
    table = invoke("list", "--year", "1990", "--lang", "en")
    assert table.exit_code == 0 and "no events match." in table.stdout


def test_one_format_at_a_time() -> None:
    result = invoke("list", "--json", "--csv")
    assert result.exit_code == 2
    assert result.stderr == ("Error: choose one output format, not 2: --json, --jsonl, --csv, "
                             "--excel, --geojson\n")


def test_city_lists_events_and_control_history() -> None:
    result = invoke("city", "Palmyra", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-5:] == [
        "Control history of Palmyra:",
        "  May 2015: Islamic State group",
        "  Dec 2016: Islamic State group",
        "  2 Mar 2017: Syrian army ← Islamic State group",
        "  Held by Syrian army as of 2 Mar 2017.",
    ]
    assert ids("city", "الرقه") == ["2014-01-14-raqqa", "2017-10-17-raqqa"]
    assert ids("city", "دمشق") == ["2018-05-21-damascus-yarmouk"]  # the camp lies in it


def test_city_unknown_suggests_the_nearest_name() -> None:
    result = invoke("city", "الرقا")
    assert (result.exit_code, result.stdout) == (1, "")
    # The store's own place first; the gazetteer's close names after it.
    assert result.stderr == ("Error: no place called الرقا; did you mean الرقة (Raqqa) or مركدة "
                             "(Markadah) or الشرقاط (Ash Sharqat)?\n")
    result = invoke("city", "Palnyra")  # (Palmira is GeoNames' Spanish name of the place)
    assert result.stderr == "Error: no place called Palnyra; did you mean تدمر (Palmyra)?\n"
    result = invoke("city", "zzzzzz")
    assert result.stderr == "Error: no place called zzzzzz; `timeline places` lists them all\n"


def test_summary_counts() -> None:
    result = invoke("summary", "--by", "year", "--json")
    assert json.loads(result.stdout) == [
        {"key": "2011", "count": 1}, {"key": "2014", "count": 5}, {"key": "2015", "count": 2},
        {"key": "2016", "count": 4}, {"key": "2017", "count": 6}, {"key": "2018", "count": 2}]
    by_type = json.loads(invoke("summary", "--by", "type", "--json").stdout)
    assert by_type[0] == {"key": "capture", "count": 16}
    by_place = json.loads(invoke("summary", "--by", "place", "--year", "2017", "--json").stdout)
    assert {"key": "palmyra", "name_ar": "تدمر", "name_en": "Palmyra", "count": 1} in by_place
    by_actor = json.loads(invoke("summary", "--by", "actor", "--json").stdout)
    assert by_actor[0]["key"] == "islamic-state" and by_actor[0]["count"] == 16


def test_summary_table_piped_has_no_bars() -> None:
    result = invoke("summary", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == (
        "╭──────┬───────╮\n"
        "│ Year │ Count │\n"
        "├──────┼───────┤\n"
        "│ 2011 │ 1     │\n"
        "│ 2014 │ 5     │\n"
        "│ 2015 │ 2     │\n"
        "│ 2016 │ 4     │\n"
        "│ 2017 │ 6     │\n"
        "│ 2018 │ 2     │\n"
        "╰──────┴───────╯\n")


def test_show_one_event() -> None:
    result = invoke("show", "2017-10-17-raqqa", "--lang", "en", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for text in ("17 Oct 2017", "Raqqa, Raqqa Governorate", "Syrian Democratic Forces",
                 "3,250 killed, 1,130 civilians (Syrian Observatory for Human Rights)",
                 "Source quote", "AFP, بيروت, 2018-05-21"):
        assert text in result.stdout
    record = json.loads(invoke("show", "2017-10-17-raqqa", "--json").stdout)
    assert record["id"] == "2017-10-17-raqqa" and record["place"]["name_en"] == "Raqqa"


def test_show_unknown_id() -> None:
    result = invoke("show", "2017-10-17-raka")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: no event with id 2017-10-17-raka; did you mean 2017-10-17-raqqa?\n"


def test_places_and_actors_with_counts() -> None:
    places = {p["id"]: p for p in json.loads(invoke("places", "--json").stdout)}
    assert places["palmyra"]["events"] == 3
    assert places["palmyra"]["last_holder"]["id"] == "syrian-army"
    assert places["dabiq"]["last_holder"] is None  # the text does not say who took it
    assert places["syria"]["last_holder"] is None
    assert places["yarmouk"]["province"]["id"] == "damascus"
    actors = {a["id"]: a for a in json.loads(invoke("actors", "--json").stdout)}
    assert actors["islamic-state"]["events"] == 16 and actors["sohr"]["events"] == 1
    assert invoke("places", "--csv").stdout.startswith("id,name_ar,name_en,aliases,kind,")
    assert len(invoke("actors", "--jsonl").stdout.splitlines()) == 9


@pytest.mark.parametrize(("args", "code", "message"), [
    (["list", "--year", "abc"], 2, "Error: --year: 'abc' is not a year; a year has four digits"),
    (["list", "--from", "2017-02-30"], 2, "Error: --from: '2017-02-30' is not a date this tool can read"),
    (["list", "--from", "2018", "--to", "2017"], 2,
     "Error: --from/--to: the start 2018 is after the end 2017; swap them"),
    (["list", "--type", "battle"], 2, "Error: unknown event type battle"),
    (["list", "--actor", "nobody"], 1, "Error: no actor called nobody"),
    (["list", "--place", "Atlantis"], 1, "Error: no place called Atlantis"),
    (["city", " "], 2, "Error: the place name is empty"),
])
def test_exit_codes_and_one_line_errors(args: list[str], code: int, message: str) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_usage_errors_exit_2() -> None:
    for args in (["list", "--limit", "-1"], ["list", "--sort", "random"], ["frobnicate"], [],
                 ["summary", "--by", "colour"], ["list", "--lang", "fr"]):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert "Traceback" not in result.stderr


def test_env_settings(make_store: Any) -> None:
    english = invoke("list", "--limit", "1", env={"TIMELINE_LANG": "en"})
    assert "The Syrian conflict begins." in english.stdout
    bad = invoke("list", env={"TIMELINE_LANG": "fr"})
    assert (bad.exit_code, bad.stdout) == (2, "")
    assert bad.stderr.endswith("Error: Invalid value for '--lang' / '-l' (env var: 'TIMELINE_LANG'): "
                               "'fr' is not one of 'ar', 'en'.\n")
    path = make_store(lambda d: d["events"].pop())
    assert len(json.loads(invoke("list", "--json", env={"TIMELINE_DATA": str(path)}).stdout)) == 19
    assert len(json.loads(invoke("--data", str(path), "list", "--json").stdout)) == 19


def test_bidi_is_never_applied_to_piped_output() -> None:
    for result in (invoke("city", "الرقة", "--bidi", "app"),
                   invoke("city", "الرقة", env={"TIMELINE_BIDI": "1"})):
        assert result.exit_code == 0
        assert "الرقة" in result.stdout and "\x1b[8l" not in result.stdout
    bad = invoke("list", env={"TIMELINE_BIDI": "maybe"})
    assert (bad.exit_code, bad.stdout) == (2, "")
    # The variable is named, not the option it stands for (nothing was typed on the line).
    assert bad.stderr == ("Error: TIMELINE_BIDI: maybe is not a mode; accepted: auto, app, "
                          "terminal, runs, off (1 and 0 mean app and off)\n")
