"""Every ACLED and UCDP layout, as researchers have the files: one fixture per layout.

The fixtures (tests/import_fixtures/) have the layouts' real headers, encodings, separators and
value formats; their rows are written for these tests (ACLED's terms forbid copying its rows).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke

FIXTURES = Path(__file__).parent / "import_fixtures"

# file -> (dataset, layout named in the summary, rows read, imported, skipped, flagged)
LAYOUTS = {
    "acled_v6_upper.csv": ("acled", "ACLED Version 5 to 7 and realtime files (upper case, GWNO, "
                           "ALLY_ACTOR_1)", 3, 3, 0, 0),
    "acled_realtime_2016_pandas.csv": ("acled", "ACLED API and realtime files, 2016 to 2018 "
                                       "(gwno, ally_actor_1)", 2, 2, 0, 0),
    "acled_2019_spreadsheet_cp1252.csv": ("acled", "ACLED, 2019 to 2022 (data_id, iso, iso3)",
                                          2, 2, 0, 0),
    "acled_2023_export_bom.csv": ("acled", "ACLED, 2023 onwards (disorder_type, "
                                  "civilian_targeting, tags)", 2, 2, 0, 0),
    "acled_2023_R_NA.csv": ("acled", "ACLED, 2023 onwards (disorder_type, civilian_targeting, "
                            "tags)", 1, 1, 0, 0),
    "acled_semicolon.csv": ("acled", "ACLED, 2023 onwards (disorder_type, civilian_targeting, "
                            "tags)", 1, 1, 0, 0),
    "ucdp_ged_191.csv": ("ucdp", "UCDP GED, 19.1 and before", 2, 2, 0, 1),
    "ucdp_ged_231.csv": ("ucdp", "UCDP GED, 20.1 onwards (relid, code_status)", 2, 2, 0, 1),
    "ucdp_hdx_hxl.csv": ("ucdp", "UCDP GED as copied to HDX (iso3 column, HXL tags)", 1, 1, 0, 0),
}


def run_import(tmp_path: Path, name: str, *extra: str) -> tuple[Any, Path, Path]:
    export = tmp_path / name
    shutil.copyfile(FIXTURES / name, export)
    out = tmp_path / "store" / "store.json"
    return invoke("import", LAYOUTS[name][0], str(export), "-o", str(out), *extra), export, out


def events(out: Path) -> dict[str, dict[str, Any]]:
    document = json.loads(out.read_text(encoding="utf-8"))
    return {e["id"]: e for e in document["events"]}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_each_layout_imports_every_row_and_validates(tmp_path: Path, name: str) -> None:
    _, layout, rows, imported, skipped, flagged = LAYOUTS[name]
    result, export, out = run_import(tmp_path, name)
    assert result.exit_code == 0, result.stderr
    counts = (f"{export}: {layout}; {rows} row{'' if rows == 1 else 's'} read, {imported} "
              f"imported, {skipped} skipped, {flagged} flagged for review")
    assert counts in result.stderr.splitlines()
    assert imported + skipped == rows
    assert invoke("validate", str(out)).exit_code == 0


def test_acled_upper_case_version_6(tmp_path: Path) -> None:
    found = events(run_import(tmp_path, "acled_v6_upper.csv")[2])
    deir = found["acled-1syr"]
    assert (deir["date"], deir["precision"], deir["type"]) == ("2015-01-01", "day", "clash")
    assert deir["quote"].endswith("airport.\nSeveral were killed on both sides.")
    assert deir["coded_as"] == ["Battle-No change of territory",
                                "assoc_actor_1: NDF: National Defense Forces"]
    week = found["acled-2syr"]  # TIME_PRECISION 2: the week around the coded day
    assert (week["date"], week["end"], week["type"]) == ("2014-12-31", "2015-01-06", "strike")
    tikrit = found["acled-3irq"]  # the PMF, a sub-unit of Iraq's forces, is its own actor
    assert (tikrit["date"], tikrit["precision"]) == ("2015-01", "month")
    assert (tikrit["type"], tikrit["victor"], tikrit["loser"]) == ("capture", "pmf",
                                                                   "islamic-state")


def test_acled_realtime_file_saved_by_pandas(tmp_path: Path) -> None:
    result, export, out = run_import(tmp_path, "acled_realtime_2016_pandas.csv")
    assert f"{export}: column(s) 1 have no name (a spreadsheet's empty columns, or row numbers " \
        "R or pandas added): left out" in result.stderr.splitlines()
    found = events(out)
    assert found["acled-9001rta"]["actor"] == "syrian-police"  # not the army
    assert found["acled-9002rta"]["victor"] == "sdf"


def test_a_windows_1252_spreadsheet_with_two_digit_years(tmp_path: Path) -> None:
    result, export, out = run_import(tmp_path, "acled_2019_spreadsheet_cp1252.csv")
    assert f"{export}: not UTF-8 (byte 646 is not), so read as Windows-1252, as spreadsheets " \
        "save it" in result.stderr.splitlines()
    found = events(out)
    assert found["acled-syr60001"]["date"] == "2020-05-09"  # 9-May-20, year column 2020
    assert found["acled-irq9001"]["date"] == "2019-12-31"  # 31-12-19
    assert "Tal Tamer – no casualties" in found["acled-syr60001"]["quote"]
    copy = (out.parent / "sources" / export.name).read_text(encoding="utf-8")
    assert "Tal Tamer – no casualties" in copy  # kept as UTF-8, so quotes can be proven


def test_r_writes_na_for_empty_cells(tmp_path: Path) -> None:
    out = run_import(tmp_path, "acled_2023_R_NA.csv")[2]
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in document["actors"]] == ["syrian-police", "civilians"]
    (event,) = document["events"]
    assert event["coded_as"] == ["Strategic developments", "Arrests"]


def test_semicolons_and_day_first_dates(tmp_path: Path) -> None:
    result, export, out = run_import(tmp_path, "acled_semicolon.csv")
    assert f"{export}: cells separated by ';', not commas" in result.stderr.splitlines()
    (event,) = events(out).values()
    assert (event["date"], event["victor"], event["place"]) == ("2017-10-17", "sdf", "raqqa")


def test_ucdp_quotes_are_the_articles_words_and_figures_stay(tmp_path: Path) -> None:
    out = run_import(tmp_path, "ucdp_ged_191.csv", "--report", str(tmp_path / "report.jsonl"))[2]
    found = events(out)
    deir = found["ucdp-400001"]
    assert deir["quote"] == "Army breaks the siege of Deir ez-Zor"  # not "Syrian army"
    assert deir["figures_source"] == "syrian-army"  # source_original: who gave the figures
    ninawa = found["ucdp-400002"]  # no headline: the article cell
    assert ninawa["quote"] == 'Invented Paper (2014-09-02): "Villagers tell of killings in Ninawa"'
    assert (ninawa["date"], ninawa["precision"]) == ("2014-08", "month")
    # best 40 outside low 45 – high 60: kept, low left out, a review note says why
    assert (ninawa["killed"], ninawa.get("killed_low"), ninawa["killed_high"]) == (40, None, 60)
    assert ninawa["review"] == ["low 45 is more than best 40: low left out"]
    report = [json.loads(line) for line in (tmp_path / "report.jsonl").read_text().splitlines()]
    assert report == [{"line": 3, "outcome": "flagged", "id": "ucdp-400002",
                       "reasons": ["low 45 is more than best 40: low left out"]}]
    sources = json.loads(out.read_text(encoding="utf-8"))["sources"]
    assert {s["id"].rsplit("-", 2)[-2:][1] for s in sources} == {"headline", "article"}


def test_ucdp_timestamps_in_dates_and_spans(tmp_path: Path) -> None:
    found = events(run_import(tmp_path, "ucdp_ged_231.csv")[2])
    bartella = found["ucdp-500001"]
    assert (bartella["date"], bartella["end"]) == ("2016-10-20", "2016-10-23")
    assert bartella["quote"] == "Troops advance east of Mosul;Fighting near Bartella"


def test_hdx_copy_with_hxl_tags(tmp_path: Path) -> None:
    result, export, out = run_import(tmp_path, "ucdp_hdx_hxl.csv")
    assert f"{export}: line 2 holds HXL hashtags (HDX's tags), read as such, not as a row" in \
        result.stderr.splitlines()
    (event,) = events(out).values()
    assert (event["id"], event["actor"], event["target"]) == ("ucdp-600001", "islamic-state", "sdf")


def test_published_comes_from_the_data_not_the_files_time(tmp_path: Path) -> None:
    import os

    _, export, out = run_import(tmp_path, "ucdp_ged_231.csv")
    first = json.loads(out.read_text(encoding="utf-8"))["sources"][0]["published"]
    os.utime(export, (0, 0))
    again = invoke("import", "ucdp", str(export), "-o", str(out), "--force")
    assert again.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["published"] == first == \
        "2018-12-14"  # the latest date_end in the file


def test_missing_columns_in_the_files_own_spelling(tmp_path: Path) -> None:
    text = (FIXTURES / "acled_v6_upper.csv").read_text(encoding="utf-8")
    export = tmp_path / "old.csv"
    export.write_text(text.replace(",NOTES,", ",REMARKS,"), encoding="utf-8")
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "s.json"))
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: {export}: is not an ACLED export that can be imported: the columns NOTES are "
        "missing (closest layout: ACLED Version 5 to 7 and realtime files (upper case, GWNO, "
        "ALLY_ACTOR_1))\n")


def test_acleds_first_release_says_why(tmp_path: Path) -> None:
    export = tmp_path / "acled-2010.csv"
    export.write_bytes("ConflictID,Incompatibility,Territory,EventID,EventDate,EventType,Side A,"
                       "Side B,CountryName,Gwno,Region,LocationName,Latitude,Longitude,"
                       "GeoPrecision,TransferActor\r\n66,1,Angola,10027,6/12/1965,1,Forces,"
                       "Uni\xe3o,Angola,540,Bengo,Dembo,-7.9,14.0,1,\r\n".encode("latin-1"))
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "s.json"))
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: {export}: is in the layout of ACLED's first release (2010: EventID, EventDate, "
        "Side A), which has no notes column: an event would have no quote; download the export "
        "again from ACLED\n")


def test_lines_before_the_header_and_latin_1(tmp_path: Path) -> None:
    """A title line above the header (as some shared samples have), and a byte Windows-1252
    leaves undefined (0x81): the file is read as Latin-1, and says so."""
    text = (FIXTURES / "acled_2023_R_NA.csv").read_bytes()
    export = tmp_path / "sample.csv"
    export.write_bytes(b"(Sample \x81\xe9)\n\n" + text)
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "s" / "store.json"))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"{export}: 1 line(s) before the header (line 3) left out: '(Sample \\x81é)'" in lines
    assert f"{export}: not UTF-8 (byte 9 is not), so read as Latin-1, as spreadsheets save " \
        "it" in lines
    assert invoke("validate", str(tmp_path / "s" / "store.json")).exit_code == 0


def test_windows_punctuation_read_once_as_latin_1(tmp_path: Path) -> None:
    """U+0092 in a UTF-8 file is a Windows-1252 apostrophe once read as Latin-1 (real ACLED
    files of 2016 have them): read as the apostrophe, and the copy says so, so quotes validate."""
    text = (FIXTURES / "acled_2023_R_NA.csv").read_text(encoding="utf-8")
    export = tmp_path / "acled.csv"
    export.write_text(text.replace("two men", "two men\u0092s relatives"), encoding="utf-8")
    out = tmp_path / "s" / "store.json"
    result = invoke("import", "acled", str(export), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"{export}: has control characters U+0080–U+009F, Windows-1252 punctuation once read " \
        "as Latin-1 (U+0092 for ’): read as that punctuation" in result.stderr.splitlines()
    (event,) = events(out).values()
    assert "two men’s relatives" in event["quote"]
    assert invoke("validate", str(out)).exit_code == 0
