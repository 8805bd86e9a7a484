"""No row lost without a word: broken quoting, oversized cells, empty rows; dates and actors.

Every row of a file ends imported or skipped (imported + skipped = rows), a skipped row named by
the line it begins on; a quote left open never swallows the rows after it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from exports import ACLED_COLUMNS, ACLED_ROWS, export_text
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline.importers.actors import Actors, organisation_names
from syria_timeline.importers.values import BadRow, missing, read_day

MORE = "; give --skip-bad to leave such rows out and list them"


def rows_of(count: int) -> list[dict[str, str]]:
    """`count` single-line ACLED rows with their own ids and notes."""
    base = ACLED_ROWS[1]
    return [dict(base, event_id_cnty=f"SYR{9000 + i}", notes=f"Row {i}, invented: shelling.")
            for i in range(count)]


def write(tmp_path: Path, text: str) -> Path:
    export = tmp_path / "acled.csv"
    export.write_text(text, encoding="utf-8", newline="")
    return export


def run(export: Path, *extra: str) -> tuple[Any, Path]:
    out = export.parent / "store" / "store.json"
    return invoke("import", "acled", str(export), "-o", str(out), *extra), out


def counts(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if " rows read, " in line).split("; ")[1]


def ids(out: Path) -> list[str]:
    return [e["id"] for e in json.loads(out.read_text(encoding="utf-8"))["events"]]


def broken(text: str, index: int) -> str:
    """The export with the notes cell of data row `index` opened by a quote never closed."""
    lines = text.splitlines(keepends=True)
    row = lines[index + 1]
    cut = row.index("Row ")
    lines[index + 1] = row[:cut - 1] + '"' + row[cut:].replace('"', "")
    return "".join(lines)


def test_an_unclosed_quote_names_its_line_and_swallows_nothing(tmp_path: Path) -> None:
    export = write(tmp_path, broken(export_text(ACLED_COLUMNS, rows_of(6)), 2))
    result, out = run(export)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{export}: line 4: a quoted field begins on this line and is not closed where the row "
        f"ends: the next 1 line(s) were taken into it; the row is left out and reading goes on "
        f"with line 5{MORE}\n")
    result, out = run(export, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert counts(result.stderr) == "6 rows read, 5 imported, 1 skipped, 0 flagged for review"
    assert ids(out) == ["acled-syr9000", "acled-syr9001", "acled-syr9003", "acled-syr9004",
                        "acled-syr9005"]


def test_an_unclosed_quote_on_the_last_row(tmp_path: Path) -> None:
    text = export_text(ACLED_COLUMNS, rows_of(3))
    export = write(tmp_path, broken(text, 2))
    result, _out = run(export, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert f"{export}: line 4: " in result.stderr
    assert counts(result.stderr) == "3 rows read, 2 imported, 1 skipped, 0 flagged for review"


@settings(max_examples=25, deadline=None)
@given(count=st.integers(2, 12), data=st.data())
def test_any_row_broken_by_a_quote_is_the_only_one_lost(tmp_path_factory: Any, count: int,
                                                        data: Any) -> None:
    index = data.draw(st.integers(0, count - 1))
    folder = tmp_path_factory.mktemp("quote")
    export = write(folder, broken(export_text(ACLED_COLUMNS, rows_of(count)), index))
    result, out = run(export, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert f"{export}: line {index + 2}: a quoted field begins on this line" in result.stderr
    assert ids(out) == [f"acled-syr{9000 + i}" for i in range(count) if i != index]


@settings(max_examples=20, deadline=None)
@given(notes=st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                              max_size=40).filter(lambda t: not missing(t)),
                      min_size=1, max_size=5))
def test_any_quoting_of_notes_reads_back_verbatim(tmp_path_factory: Any, notes: list[str]) -> None:
    """Quotation marks, commas and semicolons in a cell: the quote is the cell, exactly (an
    empty cell, or R's and pandas' NA, is no quote)."""
    folder = tmp_path_factory.mktemp("notes")
    rows = [dict(r, notes=n) for r, n in zip(rows_of(len(notes)), notes, strict=True)]
    result, out = run(write(folder, export_text(ACLED_COLUMNS, rows)))
    assert result.exit_code == 0, result.stderr
    quotes = [e["quote"] for e in json.loads(out.read_text(encoding="utf-8"))["events"]]
    assert quotes == notes
    assert invoke("validate", str(out)).exit_code == 0


def test_one_oversized_cell_is_one_skipped_row(tmp_path: Path) -> None:
    rows = rows_of(4)
    rows[1]["notes"] = "x" * 200_000
    export = write(tmp_path, export_text(ACLED_COLUMNS, rows))
    result, out = run(export)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{export}: line 3: cell 28 holds 200,000 characters, more "
                                  f"than the 100,000 a dataset's cell can hold{MORE}\n")
    result, out = run(export, "--skip-bad")
    assert result.exit_code == 0
    assert counts(result.stderr) == "4 rows read, 3 imported, 1 skipped, 0 flagged for review"
    assert ids(out) == ["acled-syr9000", "acled-syr9002", "acled-syr9003"]


def test_a_cell_of_megabytes_is_left_out_and_reading_goes_on(tmp_path: Path) -> None:
    rows = rows_of(3)
    rows[1]["notes"] = "y" * 1_200_000
    export = write(tmp_path, export_text(ACLED_COLUMNS, rows))
    result, out = run(export, "--skip-bad")
    assert result.exit_code == 0
    assert f"{export}: line 3: this row runs on for more than 1,000,000 characters" in \
        result.stderr
    assert ids(out) == ["acled-syr9000", "acled-syr9002"]


def test_empty_rows_are_counted_not_fatal(tmp_path: Path) -> None:
    text = export_text(ACLED_COLUMNS, rows_of(2)) + "," * 30 + "\r\n" + "," * 30 + "\r\n"
    export = write(tmp_path, text)
    result, _out = run(export)
    assert result.exit_code == 0, result.stderr
    assert f"{export}: 2 empty row(s) left out (lines 4 to 5)" in result.stderr.splitlines()
    assert counts(result.stderr) == "4 rows read, 2 imported, 2 skipped, 0 flagged for review"


def test_a_row_with_too_many_cells(tmp_path: Path) -> None:
    lines = export_text(ACLED_COLUMNS, rows_of(2)).splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n") + ",extra\n"
    export = write(tmp_path, "".join(lines))
    result = run(export, "--skip-bad")[0]
    assert f"{export}: line 2: 32 cells where the header has 31: a separator inside an " \
        "unquoted cell?" in result.stderr.splitlines()
    assert counts(result.stderr) == "2 rows read, 1 imported, 1 skipped, 0 flagged for review"


def test_every_row_is_in_the_report(tmp_path: Path) -> None:
    rows = [*rows_of(3), dict(rows_of(4)[3], time_precision="7")]
    rows[0]["latitude"] = "north"
    export = write(tmp_path, export_text(ACLED_COLUMNS, rows))
    report = tmp_path / "report.jsonl"
    result = run(export, "--skip-bad", "--report", str(report))[0]
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {"line": 2, "outcome": "skipped", "reasons": ["latitude 'north' is not a number"],
         "id": None},
        {"line": 5, "outcome": "flagged", "id": "acled-syr9003", "reasons": [
            "time_precision '7' is not 1, 2 or 3: the date is kept as the month, the least "
            "the codebook allows"]}]


# --- dates as spreadsheets write them ---------------------------------------------------------

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200)
@given(day=DAYS, shape=st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y",
                                        "%d-%b-%Y", "%-d-%b-%y", "%d-%m-%y", "%d/%m/%Y",
                                        "%Y-%m-%d 00:00:00.000", "%d %b %Y"]))
def test_any_date_form_with_its_year_column_reads_back(day: date, shape: str) -> None:
    found = read_day(day.strftime(shape), "event_date", str(day.year))
    assert found.day == day
    ambiguous = shape in ("%d-%m-%y", "%d/%m/%Y") and day.day <= 12 and day.day != day.month
    assert bool(found.assumed) == ambiguous


@given(day=DAYS)
def test_a_two_digit_year_must_agree_with_the_year_column(day: date) -> None:
    with pytest.raises(BadRow, match="is not the year column's"):
        read_day(day.strftime("%d-%b-%y"), "event_date", str(day.year + 1))


def test_month_first_only_when_the_day_says_so() -> None:
    assert read_day("10/17/2017", "d").day == date(2017, 10, 17)
    assert read_day("10/17/2017", "d").assumed == "read month first, as the day is over 12"
    assert read_day("17/10/2017", "d").assumed == ""


# --- actors by organisation -------------------------------------------------------------------

# The most frequent actor names of ACLED's and UCDP's Syrian and Iraqi rows (facts: names).
TOP_NAMES = {
    "Military Forces of Syria (2000-)": "syrian-army",
    "Military Forces of Syria (2000-) Air Force Intelligence Directorate": "syrian-army",
    "Military Forces of Syria (2000-) 4th Armored Division": "syrian-army",
    "Police Forces of Syria (2000-)": "syrian-police",
    "Military Forces of Turkey (2016-)": "turkish-army",
    "Unidentified Armed Group (Syria)": "unidentified-armed-group",
    "Civilians (Syria)": "civilians", "Civilians (Iraq)": "civilians",
    "Islamic State (Iraq)": "islamic-state", "Islamic State (Syria)": "islamic-state",
    "QSD: Syrian Democratic Forces": "sdf", "Opposition Rebels (Syria)": "rebels",
    "Operation Peace Spring": "operation-peace-spring", "Protesters (Syria)": "protesters",
    "Protesters (Iraq)": "protesters", "Military Forces of Russia (2000-)": "russian-forces",
    "Military Forces of Russia (2000-) Military Police": "russian-forces",
    "Global Coalition Against Daesh": "us-led-coalition", "PKK: Kurdistan Workers Party": "pkk",
    "Military Forces of Iraq (2018-) Popular Mobilization Forces": "pmf",
    "Military Forces of Iraq (2018-)": "iraqi-forces", "JWS: Syrian National Army":
    "syrian-national-army", "HTS: Hayat Tahrir al Sham": "hts",
    "Military Forces of the United States (2017-)": "us-forces", "Labour Group (Iraq)": "workers",
    "Police Forces of Iraq (2018-)": "iraqi-police",
    "Police Forces of Iraq (2018-) Rapid Reaction Force": "iraqi-police",
    "Militia (Pro-Government)": "pro-government-militia", "Militia (Pro-Iran)": "pro-iran-militia",
    "Unidentified Armed Group (Iraq)": "unidentified-armed-group", "Prisoners (Syria)": "prisoners",
    "Refugees/IDPs (Syria)": "displaced", "Military Forces of Israel (2009-)": "israeli-army",
    "TMF: Tribal Mobilization Forces": "tribal-mobilization", "Teachers (Iraq)": "teachers",
    "Farmers (Syria)": "farmers", "Ahrar al Sharqiyah": "ahrar-al-sharqiyah",
    "Islamist Militia (Syria)": "islamist-militia", "Al Sham Corps": "sham-legion",
    "Kurdish Ethnic Group (Iraq)": "kurds", "Hamza Division - Aleppo": "hamza-division",
    "AAS: Ahrar al Sham": "ahrar-al-sham", "JaS: Levant Front": "levant-front",
    "Health Workers (Iraq)": "health-workers", "Sharqiya Army": "sharqiya-army",
    "Former Opposition Rebels (Syria)": "former-rebels", "Sultan Murad Division":
    "sultan-murad-division", "Rioters (Syria)": "rioters", "Badr Organization": "badr-organization",
    "Islamic Dawa Party": "dawa-party",
    # UCDP GED's names of the sides
    "Government of Syria": "syrian-army", "IS": "islamic-state", "Syrian insurgents": "rebels",
    "Civilians": "civilians", "SDF": "sdf", "Government of Iraq": "iraqi-forces",
    "Government of Turkey": "turkish-army", "PKK": "pkk",
    "Government of Russia (Soviet Union)": "russian-forces", "Jabhat Fateh al-Sham": "nusra-front",
    "Hayat Tahrir al-Sham": "hts", "Ahrar al-Sham": "ahrar-al-sham", "PYD": "kurdish-forces",
    "Jaysh al-Islam": "jaysh-al-islam", "Government of Israel": "israeli-army",
    "Government of Iran": "iranian-forces", "Hezbollah": "hezbollah",
    "Government of United States of America": "us-forces", "Faylaq al-Rahman": "faylaq-al-rahman",
}


@pytest.mark.parametrize(("name", "ident"), list(TOP_NAMES.items()))
def test_the_most_frequent_names_map_to_their_organisation(name: str, ident: str) -> None:
    from syria_timeline.lexicon import known_actors
    from syria_timeline.store.loading import load

    actors = Actors(known_actors(load().actors.values()))
    assert actors.known_id(name) == ident
    assert actors.known[ident].name_ar  # an Arabic name to show


def test_names_are_tried_sub_unit_first() -> None:
    assert organisation_names("Military Forces of Iraq (2018-) Popular Mobilization Forces") == [
        "Popular Mobilization Forces", "Military Forces of Iraq Popular Mobilization Forces",
        "Military Forces of Iraq"]
    assert organisation_names("QSD: Syrian Democratic Forces") == [
        "QSD: Syrian Democratic Forces", "QSD", "Syrian Democratic Forces"]
    assert organisation_names("Islamic State (Syria)") == ["Islamic State (Syria)",
                                                           "Islamic State"]


@pytest.mark.parametrize(("change", "reason"), [
    ({"event_date": "9999-12-31", "year": "9999", "time_precision": "3"},
     "event_date '9999-12-31': the year 9999 cannot be a dataset's (a spreadsheet may have cut "
     "it to two digits)"),
    ({"fatalities": "9" * 5000}, "fatalities '" + "9" * 37 + "…': expected a whole number of 0 "
     "or more"),
    ({"latitude": "1e400"}, "latitude 1e400: expected a number from -90 to 90"),
    ({"longitude": "nan"}, "longitude nan: expected a number from -180 to 180"),
])
def test_values_at_the_edge_are_one_short_line(tmp_path: Path, change: dict[str, str],
                                               reason: str) -> None:
    rows = rows_of(2)
    rows[1].update(change)
    export = write(tmp_path, export_text(ACLED_COLUMNS, rows))
    result = run(export, "--skip-bad")[0]
    assert f"{export}: line 3: {reason}" in result.stderr.splitlines()


def test_a_timestamp_past_any_date_is_not_the_exports_day(tmp_path: Path) -> None:
    rows = rows_of(2)
    rows[1]["timestamp"] = "999999999999"
    out = run(write(tmp_path, export_text(ACLED_COLUMNS, rows)))[1]
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["published"] == "2017-03-07"
