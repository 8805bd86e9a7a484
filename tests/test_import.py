"""`timeline import acled|ucdp FILE -o STORE`: dataset exports as stores, rows we wrote ourselves."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from exports import ACLED_COLUMNS, ACLED_ROWS, RAQQA_NOTE, UCDP_ROWS, export_text, write_acled, write_ucdp
from helpers import invoke, run
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline.dates import period_bounds
from syria_timeline.importers.known import ACLED_REMINDER

LAYOUT_2023 = "ACLED, 2023 onwards (disorder_type, civilian_targeting, tags)"


def summary(export: Path, out: Path, layout: str, rows: str, places: str, published: str
            ) -> str:
    """The two summary lines: rows read/imported/skipped/flagged, then what was written."""
    return (f"{export}: {layout}; {rows}\n"
            f"{places}; published {published}; written to {out}\n")


SUMMARY_ACLED = ("ACLED, 2023 onwards (disorder_type, civilian_targeting, tags); 5 rows read, 5 "
                 "imported, 0 skipped, 0 flagged for review")


def imported(tmp_path: Path, dataset: str = "acled", rows: Any = None, *extra: str
             ) -> tuple[Any, Path]:
    writer = write_acled if dataset == "acled" else write_ucdp
    export = writer(tmp_path) if rows is None else writer(tmp_path, rows)
    out = tmp_path / "store" / "store.json"
    return invoke("import", dataset, str(export), "-o", str(out), *extra), out


def events_of(out: Path, *args: str) -> list[dict[str, Any]]:
    result = invoke("--data", str(out), "list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def by_id(out: Path) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in events_of(out)}


# --- ACLED ------------------------------------------------------------------------------------


def test_acled_import_says_what_it_wrote_and_reminds_of_the_terms(tmp_path: Path) -> None:
    result, out = imported(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ACLED_REMINDER + "\n" + summary(
        tmp_path / "acled-syria.csv", out, LAYOUT_2023, "5 rows read, 5 imported, 0 skipped, 0 "
        "flagged for review", "9 places (8 from the gazetteer), 9 actors", "2019-01-01")
    assert invoke("validate", str(out)).stdout == \
        f"{out}: valid store: 5 events, 9 places, 9 actors, 1 source\n"
    assert (out.parent / "sources" / "acled-syria.csv").read_bytes() == \
        (tmp_path / "acled-syria.csv").read_bytes()


def test_acled_rows_keep_their_ids_text_and_precision(tmp_path: Path) -> None:
    out = imported(tmp_path)[1]
    events = by_id(out)
    assert list(events) == ["acled-syr1004", "acled-syr1002", "acled-syr1003", "acled-syr1001",
                            "acled-syr1005"]  # date order; a span sorts by its first day
    raqqa = events["acled-syr1001"]
    assert (raqqa["date"], raqqa["precision"], raqqa["end"]) == ("2017-10-17", "day", None)
    assert raqqa["quote"] == RAQQA_NOTE  # verbatim, newline and quotation marks included
    assert raqqa["coded_as"] == ["Battles", "Non-state actor overtakes territory",
                                 "assoc_actor_1: YPG: People's Protection Units; Operation "
                                 "Inherent Resolve"]
    assert (raqqa["type"], raqqa["victor"]["id"], raqqa["loser"]["id"]) == \
        ("capture", "sdf", "islamic-state")
    # associated actors fight with actor1 or name who it is: never "backed by"
    assert raqqa["supported_by"] == []
    assert raqqa["place"] == {"id": "raqqa", "name_ar": "الرقة", "name_en": "Raqqa"}
    assert (raqqa["killed"], raqqa["place_precision"]) == (12, "exact")
    # time_precision 2: the week around the coded middle day, as a span of seven days
    week = events["acled-syr1003"]
    assert (week["date"], week["end"], week["precision"]) == ("2017-06-16", "2017-06-22", "day")
    assert week["place_precision"] == "near"
    # time_precision 3: the month only
    month = events["acled-syr1004"]
    assert (month["date"], month["precision"], month["end"]) == ("2016-08", "month", None)
    assert events["acled-syr1005"]["killed"] is None  # an empty fatalities cell: not zero


def test_acled_day_first_and_month_name_dates(tmp_path: Path) -> None:
    events = by_id(imported(tmp_path)[1])
    assert events["acled-syr1002"]["date"] == "2017-03-02"  # "2 March 2017"
    assert events["acled-syr1003"]["end"] == "2017-06-22"  # "19-06-2017" is day-first


def test_acled_places_match_the_gazetteer_or_stay_as_named(tmp_path: Path) -> None:
    out = imported(tmp_path)[1]
    places = {p["id"]: p for p in json.loads(invoke("--data", str(out), "places", "--json").stdout)}
    assert places["palmyra"]["name_ar"] == "تدمر"  # "Tadmur" 1 km from the gazetteer's Palmyra
    assert places["mayadin"]["name_ar"] == "الميادين"
    station = places["wadi-al-ahmar-station"]
    assert (station["name_ar"], station["kind"], station["province"]["id"]) == \
        ("Wadi al Ahmar Station", "locality", "homs-province")
    assert (station["lat"], station["lon"]) == (34.31, 37.61)
    assert places["idlib"]["province"]["id"] == "idlib-province"  # admin1 "Idleb"


def test_acled_actors_known_by_arabic_names(tmp_path: Path) -> None:
    out = imported(tmp_path)[1]
    assert [e["id"] for e in events_of(out, "--actor", "قسد")] == ["acled-syr1001"]
    assert [e["id"] for e in events_of(out, "--actor", "الجيش السوري")] == ["acled-syr1002"]
    assert [e["id"] for e in events_of(out, "--actor", "مدنيون")] == \
        ["acled-syr1004", "acled-syr1003"]
    unknown = events_of(out, "--actor", "مجموعة مسلحة مجهولة")
    assert [e["id"] for e in unknown] == ["acled-syr1004"]


def test_acled_types_follow_the_mapping(tmp_path: Path) -> None:
    types = {k: e["type"] for k, e in by_id(imported(tmp_path)[1]).items()}
    assert types == {"acled-syr1001": "capture", "acled-syr1002": "capture",
                     "acled-syr1003": "strike", "acled-syr1004": "attack",
                     "acled-syr1005": "protest"}


def test_arabic_table_of_an_acled_store(tmp_path: Path) -> None:
    out = imported(tmp_path)[1]
    result = invoke("--data", str(out), "list", "--type", "قصف", "--lang", "en",
                    env={"COLUMNS": "100"})
    assert result.stdout.splitlines()[3:5] == [
        "│ 16–22 Jun 2017 │ Mayadin │ Russian forces │ Air/drone strike at Mayadin: Russian "
        "     │ 5 killed │",
        "│                │         │                │ forces against Civilians             "
        "     │          │"]
    arabic = invoke("--data", str(out), "list", "--type", "strike", "--bidi", "off",
                    env={"COLUMNS": "100"})
    assert arabic.stdout.splitlines()[3:5] == [
        "│ 16–22 حزيران 2017 │ الميادين │ القوات الروسية │ قصف في الميادين: القوات الروسية ضد "
        "    │ 5 قتلى  │",
        "│                   │          │                │ المدنيين                           "
        "    │         │"]
    shown = invoke("--data", str(out), "show", "acled-syr1003", "--lang", "en").stdout
    assert "one day of this span" in shown and "Explosions/Remote violence / Air/drone strike" \
        in shown and "(near it)" in shown


# --- UCDP -------------------------------------------------------------------------------------


def test_ucdp_import(tmp_path: Path) -> None:
    result, out = imported(tmp_path, "ucdp")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == summary(
        tmp_path / "ged-syria.csv", out, "UCDP GED, 20.1 onwards (relid, code_status)",
        "5 rows read, 5 imported, 0 skipped, 0 flagged for review",
        "8 places (8 from the gazetteer), 6 actors", "2019-10-12")
    assert invoke("validate", str(out)).exit_code == 0
    sources = json.loads(out.read_text(encoding="utf-8"))["sources"]
    assert [s["title"].split(", column ")[1] for s in sources] == [
        "source_headline: the headline of the article UCDP coded the event from",
        "source_article: the article(s) UCDP coded the event from"]
    source = sources[0]
    assert source["licence"].startswith("CC BY 4.0: UCDP Georeferenced Event Dataset")
    assert (source["format"], source["language"], source["publisher"]) == ("csv", "en", "UCDP GED")


def test_ucdp_precision_codes(tmp_path: Path) -> None:
    events = by_id(imported(tmp_path, "ucdp")[1])
    periods = {k: (e["date"], e["precision"], e["end"]) for k, e in events.items()}
    assert periods == {
        "ucdp-200001": ("2017-11-03", "day", None),  # date_prec 1
        "ucdp-200002": ("2016-07-04", "day", "2016-07-10"),  # 3: a week, kept as a span
        "ucdp-200003": ("2019-03", "month", None),  # 4
        "ucdp-200004": ("2019-10-09", "day", "2019-10-12"),  # 2: a span of 2-6 days
        "ucdp-200005": ("2015", "year", None),  # 5
    }


def test_ucdp_figures_places_and_quotes(tmp_path: Path) -> None:
    events = by_id(imported(tmp_path, "ucdp")[1])
    deir = events["ucdp-200001"]
    assert (deir["killed"], deir["killed_low"], deir["killed_high"], deir["civilians_killed"]) == \
        (34, 30, 40, 4)
    assert deir["place"]["id"] == "deir-ez-zor" and deir["type"] == "clash"
    assert (deir["actor"]["id"], deir["target"]["id"]) == ("syrian-army", "islamic-state")
    assert deir["coded_as"] == ["Syria: Government", "Government of Syria - IS",
                                "state-based conflict"]
    assert deir["quote"] == UCDP_ROWS[0]["source_headline"]
    # no headline: the article's words, never source_original (the name of who reported)
    assert events["ucdp-200004"]["quote"] == UCDP_ROWS[3]["source_article"]
    assert events["ucdp-200004"]["source"].endswith("-source-article")
    assert events["ucdp-200002"]["type"] == "attack"
    assert events["ucdp-200003"]["place"]["id"] == "baghuz"
    assert events["ucdp-200005"]["place"]["id"] == "syria"  # where_prec 6: the country
    assert events["ucdp-200005"]["place_precision"] == "country"


# --- spans of days in queries -----------------------------------------------------------------


def test_a_span_matches_every_range_it_overlaps(tmp_path: Path) -> None:
    out = imported(tmp_path, "ucdp")[1]  # ucdp-200004: 9-12 October 2019
    for start, end, found in (("2019-10-12", "2019-10-30", True), ("2019-10-01", "2019-10-09", True),
                              ("2019-10-13", "2019-12-31", False), ("2019-10-10", "2019-10-10", True),
                              ("2019-09", "2019-10-08", False)):
        ids = [e["id"] for e in events_of(out, "--from", start, "--to", end)]
        assert ("ucdp-200004" in ids) is found, (start, end)


def test_a_span_across_a_new_year_counts_under_both(tmp_path: Path) -> None:
    rows = [dict(UCDP_ROWS[3], id="300", date_start="2016-12-29", date_end="2017-01-02")]
    out = imported(tmp_path, "ucdp", rows)[1]
    assert [e["id"] for e in events_of(out, "--year", "2016")] == ["ucdp-300"]
    assert [e["id"] for e in events_of(out, "--year", "2017")] == ["ucdp-300"]
    counts = json.loads(invoke("--data", str(out), "summary", "--by", "month", "--json").stdout)
    assert counts == [{"key": "2016-12/2017-01", "count": 1}]
    table = invoke("--data", str(out), "summary", "--by", "year", "--lang", "en").stdout
    assert "│ 2016 – 2017 │ 1     │" in table
    assert "Events on some day of a span that crosses two periods are counted under both." in table


def test_hijri_of_a_span(tmp_path: Path) -> None:
    out = imported(tmp_path, "ucdp")[1]
    (event,) = [e for e in events_of(out, "--hijri") if e["id"] == "ucdp-200004"]
    assert event["hijri"] == {"start": "1441-02-10", "end": "1441-02-13"}
    row = invoke("--data", str(out), "list", "--hijri", "--year", "2019", "--from", "2019-10",
                 "--lang", "en", env={"COLUMNS": "160"}).stdout
    assert "9–12 Oct 2019" in row and "10–13 Safar 1441" in row


# --- bad input --------------------------------------------------------------------------------


def test_missing_columns_are_named(tmp_path: Path) -> None:
    text = export_text(tuple(c for c in ACLED_COLUMNS if c not in ("notes", "latitude")), ACLED_ROWS)
    (tmp_path / "old.csv").write_text(text, encoding="utf-8")
    result = invoke("import", "acled", str(tmp_path / "old.csv"), "-o", str(tmp_path / "s.json"))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Error: {tmp_path / 'old.csv'}: is not an ACLED export that "
                                  "can be imported: the columns latitude, notes are missing "
                                  f"(closest layout: {LAYOUT_2023})\n")
    assert not (tmp_path / "s.json").exists()


def test_the_other_datasets_export_is_recognised(tmp_path: Path) -> None:
    export = write_ucdp(tmp_path)
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "s.json"))
    assert result.exit_code == 1
    assert "it looks like a UCDP GED export: `timeline import ucdp`" in result.stderr


def test_older_releases_need_only_the_columns_an_event_uses(tmp_path: Path) -> None:
    needed = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
              "actor1", "actor2", "location", "latitude", "longitude", "fatalities", "notes")
    (tmp_path / "old.csv").write_text(export_text(needed, ACLED_ROWS), encoding="utf-8")
    out = tmp_path / "s.json"
    assert invoke("import", "acled", str(tmp_path / "old.csv"), "-o", str(out)).exit_code == 0
    assert len(by_id(out)) == 5


BAD_ROWS = (
    ({"event_date": "2017-13-45"}, "event_date '2017-13-45': no such day"),
    ({"event_date": "soon"}, "event_date 'soon' is not a date; expected 2017-10-17, 17 October "
     "2017, 17-Oct-17 or 17/10/2017"),
    ({"event_date": "0025-03-17", "year": ""}, "event_date '0025-03-17': the year 0025 cannot be "
     "a dataset's (a spreadsheet may have cut it to two digits)"),
    ({"event_date": "9-May-20"}, "event_date '9-May-20': the two-digit year 20 is not the year "
     "column's 2016"),
    ({"latitude": "north"}, "latitude 'north' is not a number"),
    ({"longitude": "190.5"}, "longitude 190.5: expected a number from -180 to 180"),
    ({"fatalities": "-3"}, "fatalities '-3': expected a whole number of 0 or more"),
    ({"notes": ""}, "notes empty: the event would have no quote"),
    ({"event_id_cnty": "***"}, "the row's id '***' is empty or has no letters or digits"),
    ({"notes": "shelling \x1b[31m"}, "cell 28 has control characters: not text"),
)


@pytest.mark.parametrize(("change", "message"), BAD_ROWS, ids=[m[:40] for _, m in BAD_ROWS])
def test_a_bad_row_names_its_line_and_nothing_is_written(tmp_path: Path, change: dict[str, str],
                                                         message: str) -> None:
    rows = [*ACLED_ROWS[:3], dict(ACLED_ROWS[3], **change), *ACLED_ROWS[4:]]
    result, out = imported(tmp_path, "acled", rows)
    assert result.exit_code == 1
    line = 2 + 3 + 1  # the header, three rows, the note of the first takes two lines
    assert result.stderr.endswith(f"{tmp_path / 'acled-syria.csv'}: line {line}: {message}; give "
                                  "--skip-bad to leave such rows out and list them\n")
    assert not out.parent.exists() or not any(out.parent.rglob("*"))


def test_skip_bad_leaves_them_out_and_lists_them_all(tmp_path: Path) -> None:
    rows = [dict(ACLED_ROWS[0], event_date="soon"), *ACLED_ROWS[1:3],
            dict(ACLED_ROWS[3], latitude=""), ACLED_ROWS[4]]
    result, out = imported(tmp_path, "acled", rows, "--skip-bad")
    assert result.exit_code == 0
    export = tmp_path / "acled-syria.csv"
    assert result.stderr.splitlines()[1:] == [
        f"{export}: line 2: event_date 'soon' is not a date; expected 2017-10-17, 17 October "
        "2017, 17-Oct-17 or 17/10/2017",
        f"{export}: line 6: latitude '' is not a number",
        *summary(export, out, LAYOUT_2023, "5 rows read, 3 imported, 2 skipped, 0 flagged for "
                 "review", "6 places (6 from the gazetteer), 5 actors", "2019-01-01"
                 ).splitlines()]
    assert list(by_id(out)) == ["acled-syr1002", "acled-syr1003", "acled-syr1005"]
    assert invoke("validate", str(out)).exit_code == 0


def test_duplicate_ids_are_bad_rows(tmp_path: Path) -> None:
    rows = [*ACLED_ROWS, dict(ACLED_ROWS[1], event_date="2017-03-09")]
    result = imported(tmp_path, "acled", rows)[0]
    assert result.exit_code == 1
    assert result.stderr.endswith("line 8: the id acled-syr1002 is also the id of the row on "
                                  "line 4; give --skip-bad to leave such rows out and list them\n")


NEEDED = "event_id_cnty, event_date, time_precision, event_type, actor1, location, latitude, " \
    "longitude, notes"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty; expected a CSV export with a header row"),
    (b"\n\n", "is empty; expected a CSV export with a header row"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "has NUL bytes: not a CSV text file"),
    (b"event_id_cnty,notes\nSYR1,a\x00b\n", "has NUL bytes: not a CSV text file"),
    (b'{"events": []}\n', f"is not an ACLED export that can be imported: the columns {NEEDED} "
     "are missing"),
    (b"EVENT_ID_CNTY;EVENT_DATE;NOTES\nSYR1;2017-01-01;x\n", "is not an ACLED export that can be "
     "imported: the columns TIME_PRECISION, EVENT_TYPE, ACTOR1, LOCATION, LATITUDE, LONGITUDE "
     "are missing"),
])
def test_files_that_are_not_exports(tmp_path: Path, content: bytes, message: str) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "out" / "s.json"))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Error: {export}: {message}\n"), result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))


def test_a_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    result = run("import", "ucdp", str(fifo), "-o", str(tmp_path / "s.json"), timeout=20)
    assert result.returncode == 1
    assert result.stderr.decode().endswith(f"{fifo}: is a named pipe (FIFO), not a file\n")


def test_nothing_is_replaced_without_force(tmp_path: Path) -> None:
    out = imported(tmp_path, "ucdp")[1]
    before = out.read_bytes()
    again = invoke("import", "ucdp", str(tmp_path / "ged-syria.csv"), "-o", str(out))
    assert (again.exit_code, again.stderr.splitlines()[-1]) == \
        (2, f"Error: --output: {out} exists; give --force to replace it")
    forced = invoke("import", "ucdp", str(tmp_path / "ged-syria.csv"), "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_bytes() == before  # the same export gives the same store, byte for byte


def test_the_export_is_never_written_to(tmp_path: Path) -> None:
    export = write_acled(tmp_path)
    result = invoke("import", "acled", str(export), "-o", str(export), "--force")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: --output: {export} is the export itself; inputs are "
                                  "only read\n")


def test_published_option(tmp_path: Path) -> None:
    out = imported(tmp_path, "ucdp", None, "--published", "2025-06-30")[1]
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["published"] == "2025-06-30"
    bad = invoke("import", "ucdp", str(tmp_path / "ged-syria.csv"), "-o", str(out), "--force",
                 "--published", "2025-06")
    assert (bad.exit_code, bad.stderr) == \
        (2, "Error: --published: 2025-06 is not a day; give one, e.g. 2025-06-30\n")


def test_acled_published_is_the_newest_timestamp(tmp_path: Path) -> None:
    out = imported(tmp_path)[1]
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["published"] == "2019-01-01"
    # newest by number, not by text: "999999999" (2001-09-09) sorts after "1500000000"
    rows = [dict(ACLED_ROWS[0], timestamp="999999999"), dict(ACLED_ROWS[1], timestamp="1500000000")]
    folder = tmp_path / "again"
    folder.mkdir()
    again = imported(folder, "acled", rows)[1]
    assert json.loads(again.read_text(encoding="utf-8"))["sources"][0]["published"] == "2017-07-14"


def test_validate_proves_every_quote_against_the_export(tmp_path: Path) -> None:
    out = imported(tmp_path)[1]
    copy = out.parent / "sources" / "acled-syria.csv"
    copy.write_text(copy.read_text(encoding="utf-8").replace("bread prices", "fuel prices"),
                    encoding="utf-8")
    result = invoke("validate", str(out))
    assert result.exit_code == 1
    assert "event acled-syr1005: field 'source': the quote is not found verbatim in the text of " \
        "source" in result.stderr


@pytest.mark.slow
def test_import_as_a_real_process(tmp_path: Path) -> None:
    export = write_ucdp(tmp_path)
    out = tmp_path / "s" / "store.json"
    result = run("import", "ucdp", str(export), "-o", str(out))
    assert (result.returncode, result.stdout) == (0, b"")
    listed = run("--data", str(out), "list", "--place", "منبج", "--json")
    assert [e["id"] for e in json.loads(listed.stdout)] == ["ucdp-200002"]


# --- properties -------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=25, deadline=None)
@given(day=DAYS, shape=st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%d-%m-%Y"]),
       precision=st.sampled_from(["1", "2", "3"]))
def test_any_acled_date_form_reads_at_its_precision(tmp_path_factory: Any, day: date, shape: str,
                                                    precision: str) -> None:
    folder = tmp_path_factory.mktemp("acled")
    row = dict(ACLED_ROWS[0], event_date=day.strftime(shape), year=str(day.year),
               time_precision=precision)
    out = imported(folder, "acled", [row])[1]
    (event,) = events_of(out)
    expected = {"1": (day.isoformat(), "day", None), "3": (day.isoformat()[:7], "month", None),
                "2": ((day - timedelta(days=3)).isoformat(), "day",
                      (day + timedelta(days=3)).isoformat())}[precision]
    assert (event["date"], event["precision"], event["end"]) == expected
    # the event is found by any day of its period, and by none outside it
    assert events_of(out, "--from", day.isoformat(), "--to", day.isoformat())
    after = (day + timedelta(days=40)).isoformat()
    assert not events_of(out, "--from", after)


@settings(max_examples=20, deadline=None)
@given(start=DAYS, length=st.integers(0, 40), code=st.sampled_from(["1", "2", "3", "4", "5"]))
def test_any_ucdp_period_validates_and_covers_its_days(tmp_path_factory: Any, start: date,
                                                       length: int, code: str) -> None:
    folder = tmp_path_factory.mktemp("ucdp")
    end = start + timedelta(days=length)
    row = dict(UCDP_ROWS[0], date_start=start.isoformat(), date_end=end.isoformat(), date_prec=code)
    out = imported(folder, "ucdp", [row])[1]
    assert invoke("validate", str(out)).exit_code == 0
    (event,) = events_of(out)
    first, last = period_bounds(event["date"])
    last = date.fromisoformat(event["end"]) if event["end"] else last
    assert first <= start <= end <= last  # the stored period holds every day the row allows
    assert last - first <= max(end - start, timedelta(days=365))  # and is no wider than needed
    for day in (start, end):
        assert events_of(out, "--from", day.isoformat(), "--to", day.isoformat())
    assert not events_of(out, "--to", (first - timedelta(days=1)).isoformat())
    assert not events_of(out, "--from", (last + timedelta(days=1)).isoformat())


def test_csv_quote_cells_are_whole(tmp_path: Path) -> None:
    """A quote must be a whole cell: a part of one does not pass validate."""
    out = imported(tmp_path)[1]
    document = json.loads(out.read_text(encoding="utf-8"))
    document["events"][0]["quote"] = document["events"][0]["quote"][:20]
    out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert invoke("validate", str(out)).exit_code == 1
    cells = {c for row in csv.reader(io.StringIO((out.parent / "sources" / "acled-syria.csv")
                                                 .read_text(encoding="utf-8"))) for c in row}
    assert RAQQA_NOTE in cells


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        out = imported(tmp_path, "ucdp")[1]
    finally:
        os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o644  # not a temporary file's private 0600
    assert (out.parent / "sources" / "ged-syria.csv").stat().st_mode & 0o777 == 0o644


def test_imports_merge_with_the_bundled_store(tmp_path: Path) -> None:
    acled = imported(tmp_path)[1]
    ged = tmp_path / "ged" / "store.json"
    assert invoke("import", "ucdp", str(write_ucdp(tmp_path)), "-o", str(ged)).exit_code == 0
    out = tmp_path / "all" / "store.json"
    result = invoke("merge", str(acled), str(ged), "bundled", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert invoke("validate", str(out)).exit_code == 0
    raqqa = [e for e in events_of(out, "--place", "الرقة") if e["date"] == "2017-10-17"]
    assert len(raqqa) == 1  # ACLED's row and the article tell one happening
    (told,) = raqqa
    assert told["other_sources"] and told["other_quotes"]
    # its figures come from one account, never mixed: 12 dead, not 12 dead of 1,130 civilians;
    # the other account's are kept beside them, and the disagreement is said
    assert (told["killed"], told["civilians_killed"]) in ((12, None), (3250, 1130))
    assert len(told["other_figures"]) == 1
    assert "each account's figures kept" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.8, 1.6])
def test_ctrl_c_during_an_import_writes_nothing(tmp_path: Path, after: float) -> None:
    import signal
    import subprocess
    import sys
    import time

    from helpers import ROOT, clean_env

    export = tmp_path / "acled.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_export.py"), "acled",
                    str(export), "--rows", "30000"], check=True, capture_output=True)
    out = tmp_path / "store" / "store.json"
    process = subprocess.Popen([sys.executable, "-m", "syria_timeline", "import", "acled",
                                str(export), "-o", str(out)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=clean_env(), cwd=ROOT)
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stdout == b"" and b"Traceback" not in stderr
    assert not (tmp_path / "store").exists()  # no store, no temporary file, no folder it made


@pytest.mark.slow
def test_on_a_terminal_the_import_says_it_has_begun(tmp_path: Path) -> None:
    from helpers import on_terminal

    export = write_ucdp(tmp_path)
    out = tmp_path / "s" / "store.json"
    _, screen = on_terminal(["import", "ucdp", str(export), "-o", str(out)], 200)
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert lines == [f"Importing {export} (0.0 MiB)…", *summary(
        export, out, "UCDP GED, 20.1 onwards (relid, code_status)", "5 rows read, 5 imported, "
        "0 skipped, 0 flagged for review", "8 places (8 from the gazetteer), 6 actors",
        "2019-10-12").splitlines()]
    piped = tmp_path / "piped"
    piped.mkdir()
    assert "Importing" not in imported(piped, "ucdp")[0].stderr


def test_acled_associated_actors_are_in_their_own_role_never_backers(tmp_path: Path) -> None:
    """assoc_actor_1/2: fighting beside a side, or saying who it is; not support."""
    out = imported(tmp_path)[1]
    raqqa = by_id(out)["acled-syr1001"]
    assert [a["id"] for a in raqqa["associated"]] == ["kurdish-forces", "us-led-coalition"]
    assert raqqa["supported_by"] == []
    assert "assoc_actor_1: YPG: People's Protection Units; Operation Inherent Resolve" \
        in raqqa["coded_as"]
    assert [e["id"] for e in events_of(out, "--actor", "التحالف الدولي")] == ["acled-syr1001"]
