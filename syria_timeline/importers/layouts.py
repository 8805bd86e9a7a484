"""ACLED and UCDP GED exports: their columns, their codes, and one row made one event.

Columns are found by name, never by position, so older releases with fewer columns read too;
only the columns an event needs are required. Codes are mapped as each dataset documents them,
and nothing is made more precise than the row says: a week stays a span of days, a month a
month. The tables below are the mapping; the README shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any

from syria_timeline.errors import quoted
from syria_timeline.importers.actors import Actors
from syria_timeline.importers.places import Places
from syria_timeline.model import Record, slug
from syria_timeline.vocabulary import TYPE_NAMES_AR


class BadRow(ValueError):
    """Why a row cannot be an event; the message follows `line N: `."""


class Layout(Record):
    """What the tool needs to know of one dataset's export."""

    name: str
    title: str
    export: str  # "an ACLED export": what messages call a file of this layout
    columns: tuple[str, ...]  # the columns an event needs (besides a quote column)
    quote_columns: tuple[str, ...]  # the first non-empty one is the event's quote
    home: str
    licence: str
    to_event: Callable[[Row, Places, Actors], dict[str, Any]]


class Row:
    """One CSV row, its cells by column name ('' for a column the release does not have)."""

    __slots__ = ("cells", "columns", "line")

    def __init__(self, cells: Sequence[str], columns: dict[str, int], line: int) -> None:
        self.cells, self.columns, self.line = cells, columns, line

    def __getitem__(self, name: str) -> str:
        index = self.columns.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else ""


# --- ACLED ------------------------------------------------------------------------------------

# (event_type, sub_event_type) -> type; an event_type alone stands for its other sub-types.
ACLED_TYPES = {
    ("Battles", "Government regains territory"): "capture",
    ("Battles", "Non-state actor overtakes territory"): "capture",
    ("Strategic developments", "Non-violent transfer of territory"): "capture",
    ("Battles", ""): "clash",
    ("Explosions/Remote violence", ""): "strike",
    ("Violence against civilians", ""): "attack",
    ("Protests", ""): "protest",
    ("Riots", ""): "protest",
    ("Strategic developments", ""): "other",
}
ACLED_TIME_PRECISION = {"1": "the day", "2": "some day of the week around it (a span of 7 days)",
                        "3": "only the month"}
ACLED_GEO_PRECISION = {"1": "exact", "2": "near", "3": "region"}
_ACLED_DATES = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d-%m-%Y",
                "%d/%m/%Y", "%Y/%m/%d")


def acled_event(row: Row, places: Places, actors: Actors) -> dict[str, Any]:
    day = _acled_date(row)
    precision = row["time_precision"].strip()
    if precision not in ACLED_TIME_PRECISION:
        raise BadRow(f"time_precision {quoted(row['time_precision'])}: expected 1, 2 or 3")
    when = _week(day) if precision == "2" else \
        {"date": day.isoformat()[:7], "precision": "month"} if precision == "3" else \
        {"date": day.isoformat(), "precision": "day"}
    kind = ACLED_TYPES.get((row["event_type"], row["sub_event_type"])) or \
        ACLED_TYPES.get((row["event_type"], ""), "other")
    where = _code(row, "geo_precision", ACLED_GEO_PRECISION)
    place = places.place(_text(row, "location"), *_coordinates(row), row["admin1"].strip(), where)
    first, second = actors.actor(row["actor1"]), actors.actor(row["actor2"])
    backers = [a for a in (actors.actor(n) for n in row["assoc_actor_1"].split(";"))
               if a and a != first]
    return {
        "id": _id("acled", row["event_id_cnty"]), **when, "type": kind, "place": place,
        "place_precision": where,
        **_roles(kind, first, second), "supported_by": backers,
        "killed": _count(row, "fatalities"),
        "coded_as": [label for label in (row["event_type"], row["sub_event_type"]) if label],
    }


def _acled_date(row: Row) -> date:
    text = row["event_date"].strip()
    day = _read_acled_date(text)
    if day is None:
        raise BadRow(f"event_date {quoted(text)} is not a date; ACLED writes 2017-10-17, "
                     "17 October 2017 or 17-10-2017")
    _plausible(day, "event_date", text)
    year = row["year"].strip()
    if year and year != str(day.year):
        raise BadRow(f"event_date {quoted(text)} is in {day.year} but the year column says {year}; "
                     "day and month may have been swapped by a spreadsheet")
    return day


@lru_cache(maxsize=8192)
def _read_acled_date(text: str) -> date | None:
    """The day in any of ACLED's date forms (an export has a few thousand distinct ones)."""
    for shape in _ACLED_DATES:
        try:
            return datetime.strptime(text, shape).date()
        except ValueError:
            continue
    return None


def _week(middle: date) -> dict[str, Any]:
    """ACLED codes "some day that week" as the week's middle day: the span is that week."""
    return {"date": (middle - timedelta(days=3)).isoformat(), "precision": "day",
            "end": (middle + timedelta(days=3)).isoformat()}


# --- UCDP GED ---------------------------------------------------------------------------------

UCDP_TYPES = {"1": ("clash", "state-based conflict"), "2": ("clash", "non-state conflict"),
              "3": ("attack", "one-sided violence")}
UCDP_DATE_PRECISION = {"1": "the day", "2": "a span of 2 to 6 days", "3": "a week",
                       "4": "only the month", "5": "only the year"}
UCDP_WHERE_PRECISION = {"1": "exact", "2": "near", "3": "district", "4": "province",
                        "5": "region", "6": "country", "7": "border"}


def ucdp_event(row: Row, places: Places, actors: Actors) -> dict[str, Any]:
    start, end = _ucdp_day(row, "date_start"), _ucdp_day(row, "date_end")
    if end < start:
        raise BadRow(f"date_end {quoted(row['date_end'])} is before date_start {quoted(row['date_start'])}")
    code = row["date_prec"].strip()
    if code not in UCDP_DATE_PRECISION:
        raise BadRow(f"date_prec {quoted(row['date_prec'])}: expected 1 to 5")
    violence = row["type_of_violence"].strip()
    if violence not in UCDP_TYPES:
        raise BadRow(f"type_of_violence {quoted(row['type_of_violence'])}: expected 1, 2 or 3")
    kind, label = UCDP_TYPES[violence]
    name = row["where_coordinates"].strip() or row["adm_2"].strip() or row["adm_1"].strip() \
        or _text(row, "country")
    where = _code(row, "where_prec", UCDP_WHERE_PRECISION)
    place = places.place(name, *_coordinates(row), row["adm_1"].strip(), where)
    best, low, high = (_count(row, c) for c in ("best", "low", "high"))
    civilians = _count(row, "deaths_civilians")
    _ordered(("low", low), ("best", best), ("high", high))
    _ordered(("deaths_civilians", civilians), ("best", best))
    return {
        "id": _id("ucdp", row["id"]), **_period(start, end, code), "type": kind, "place": place,
        "place_precision": where,
        **_roles(kind, actors.actor(row["side_a"]), actors.actor(row["side_b"])),
        "killed": best, "killed_low": low, "killed_high": high, "civilians_killed": civilians,
        "coded_as": [t for t in (row["conflict_name"], row["dyad_name"], label) if t.strip()],
    }


def _ucdp_day(row: Row, column: str) -> date:
    text = row[column].strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise BadRow(f"{column} {quoted(text)} is not a date; UCDP writes 2017-10-17") from None
    _plausible(day, column, text)
    return day


def _period(start: date, end: date, code: str) -> dict[str, Any]:
    """The stored date at the precision the codes give, never finer than the two days allow."""
    if start == end:
        return {"date": start.isoformat(), "precision": "day"}
    if code == "4" and start.isoformat()[:7] == end.isoformat()[:7]:
        return {"date": start.isoformat()[:7], "precision": "month"}
    if code == "5" and start.year == end.year:
        return {"date": str(start.year), "precision": "year"}
    return {"date": start.isoformat(), "precision": "day", "end": end.isoformat()}


# --- shared -----------------------------------------------------------------------------------


def _plausible(day: date, column: str, text: str) -> None:
    if day.year < 1900:
        raise BadRow(f"{column} {quoted(text)}: the year {day.year:04d} cannot be a dataset's (a "
                     "spreadsheet may have cut it to two digits); export the file again")


def _roles(kind: str, first: str | None, second: str | None) -> dict[str, str | None]:
    """Captures: the first actor took the place from the second; else the first acted against
    the second."""
    if kind == "capture":
        return {"victor": first, "loser": second}
    return {"actor": first, "target": second}


def _coordinates(row: Row) -> tuple[float, float]:
    values = []
    for column, limit in (("latitude", 90.0), ("longitude", 180.0)):
        text = row[column].strip()
        try:
            value = float(text)
        except ValueError:
            raise BadRow(f"{column} {quoted(text)} is not a number") from None
        if not -limit <= value <= limit:
            raise BadRow(f"{column} {text}: expected a number from {-limit:g} to {limit:g}")
        values.append(value)
    return values[0], values[1]


def _count(row: Row, column: str) -> int | None:
    text = row[column].strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise BadRow(f"{column} {quoted(text)}: expected a whole number of 0 or more")
    return int(text)


def _ordered(*pairs: tuple[str, int | None]) -> None:
    known = [(name, value) for name, value in pairs if value is not None]
    for (small, a), (large, b) in pairwise(known):
        if a > b:
            raise BadRow(f"{small} {a} is more than {large} {b}")


def _code(row: Row, column: str, table: dict[str, str]) -> str | None:
    text = row[column].strip()
    if not text:
        return None
    if text not in table:
        raise BadRow(f"{column} {quoted(text)}: expected one of {', '.join(table)}")
    return table[text]


def _text(row: Row, column: str) -> str:
    text = row[column].strip()
    if not text:
        raise BadRow(f"{column} is empty")
    return text


def _id(prefix: str, text: str) -> str:
    ident = slug(text, 60)
    if not ident:
        raise BadRow(f"the row's id {quoted(text)} is empty or has no letters or digits")
    return f"{prefix}-{ident}"


_AFTER_AGAINST = {"civilians": "المدنيين", "protesters": "المتظاهرين", "rioters": "مثيري الشغب"}


def summaries(event: dict[str, Any], places: Places, actors: Actors) -> tuple[str, str]:
    """A one-line Arabic and English summary, made only of the row's own codes and names."""
    place = places.records[event["place"]]
    first = event.get("victor") or event.get("actor")
    second = event.get("loser") or event.get("target")
    names = {a: (actors.records[a].name_ar, actors.records[a].name_en) for a in (first, second)
             if a}
    if second in _AFTER_AGAINST:  # "ضد" takes the genitive: ضد المدنيين, not ضد مدنيون
        names[second] = (_AFTER_AGAINST[second], names[second][1])
    if event["type"] == "capture":
        ar = f"سيطرة {names[first][0] if first else 'طرف غير مسمى'} على {place.name_ar}"
        en = f"{names[first][1] if first else 'Unnamed actor'} took {place.name_en}"
        if second:
            ar, en = f"{ar}، انتزعها من {names[second][0]}", f"{en} from {names[second][1]}"
        return ar, en
    ar = f"{TYPE_NAMES_AR[event['type']]} في {place.name_ar}"
    label = event["coded_as"][-1] if event["coded_as"] else event["type"]
    en = f"{label[:1].upper()}{label[1:]} at {place.name_en}"
    if first:
        ar, en = f"{ar}: {names[first][0]}", f"{en}: {names[first][1]}"
        if second:
            ar, en = f"{ar} ضد {names[second][0]}", f"{en} against {names[second][1]}"
    return ar, en


ACLED = Layout(
    name="acled", title="ACLED", export="an ACLED export",
    columns=("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
              "actor1", "actor2", "location", "latitude", "longitude", "fatalities"),
    quote_columns=("notes",), home="https://acleddata.com",
    licence=("ACLED's terms of use: the data are for the user's own analysis and may not be "
             "redistributed; cite the Armed Conflict Location & Event Data Project (ACLED), "
             "acleddata.com"),
    to_event=acled_event,
)
UCDP = Layout(
    name="ucdp", title="UCDP GED", export="a UCDP GED export",
    columns=("id", "type_of_violence", "side_a", "side_b", "latitude", "longitude",
              "date_prec", "date_start", "date_end", "best"),
    quote_columns=("source_headline", "source_original", "source_article"),
    home="https://ucdp.uu.se/downloads/",
    licence=("CC BY 4.0: UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data "
             "Program, ucdp.uu.se; cite Sundberg and Melander (2013), Journal of Peace "
             "Research 50(4)"),
    to_event=ucdp_event,
)
LAYOUTS = {"acled": ACLED, "ucdp": UCDP}
ACLED_REMINDER = ("ACLED data are for your own use under ACLED's terms of use: do not share "
                  "this store or the copy of the export under its sources/ folder. Cite: Armed "
                  "Conflict Location & Event Data Project (ACLED), acleddata.com.")
