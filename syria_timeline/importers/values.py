"""A row's cells read as values: dates in every form exports are saved in, counts, coordinates.

A cell that cannot be what its column holds makes the row a BadRow (left out, named by its
line). A value that can be read but disagrees with the rest of the row (a best estimate
outside its low–high range, a date precision the dates contradict) is kept, with a review
note saying what to check: the row is never dropped for it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Protocol

from syria_timeline.arabic import MONTH_NAMES
from syria_timeline.errors import quoted

# What R, pandas and spreadsheets write in an empty cell.
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "<na>", "#n/a"})
# English month names, from the one month table.
_MONTHS = {name: number for number, names in MONTH_NAMES.items() for name in names
           if name.isascii()}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NAMED = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2}|\d{4})$")
_NAMED_FIRST = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
FIRST_YEAR = 1989  # UCDP GED begins in 1989, ACLED in 1997
LAST_YEAR = 2100  # a fixed bound: an import must not change with the day it runs


class BadRow(ValueError):
    """Why a row cannot be an event; the message follows `line N: `."""


# The countries the gazetteer covers, as the datasets name them.
GAZETTEER_COUNTRIES = frozenset({"syria", "iraq", "syrian arab republic"})


def gazetteer_admin1(row: RowLike, column: str) -> str:
    """The row's province name when the gazetteer can know it (a Syrian or Iraqi row, or a
    file without a country column); else nothing, so no time goes into matching it."""
    country = row["country"].strip().lower()
    return row[column].strip() if not country or country in GAZETTEER_COUNTRIES else ""


class RowLike(Protocol):
    def __getitem__(self, name: str) -> str: ...


class ReviewedRow(RowLike, Protocol):
    review: list[str]


def coded(row: ReviewedRow, column: str, table: dict[str, str], accepted: str) -> str | None:
    """A cell's meaning in a codebook table; an empty cell none, and a code the table lacks
    none with a review note (the row is kept: one odd code does not lose an event)."""
    text = row[column].strip()
    if missing(text):
        return None
    if text not in table:
        row.review.append(f"{column} {quoted(text, 20)} is not {accepted}: left out")
        return None
    return table[text]


def missing(text: str) -> bool:
    return text.strip().lower() in MISSING


class Day:
    """A date read from a cell, and what had to be assumed to read it (empty: nothing)."""

    __slots__ = ("assumed", "day")

    def __init__(self, day: date, assumed: str = "") -> None:
        self.day, self.assumed = day, assumed


def read_day(text: str, column: str, year: str = "") -> Day:
    """The day a cell names: ISO, `17 October 2017`, `01-January-2015`, `9-May-20`,
    `31-12-19`, `17/10/2017`. A two-digit year is the row's `year` column's (else 19xx or
    20xx, whichever is a dataset's); day and month both ≤ 12 are read day first, as both
    datasets write them, with a note."""
    found = _parsed(text.strip(), year.strip())
    if found is None:
        raise BadRow(f"{column} {quoted(text.strip(), 40)} is not a date; expected 2017-10-17, "
                     "17 October 2017, 17-Oct-17 or 17/10/2017")
    if isinstance(found, str):
        raise BadRow(f"{column} {quoted(text.strip(), 40)}: {found}")
    return found


@lru_cache(maxsize=16384)
def _parsed(text: str, year: str) -> Day | str | None:
    if match := _ISO.match(text) or _YMD.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _NAMED.match(text):
        return _named(match[1], match[2], match[3], year)
    if match := _NAMED_FIRST.match(text):
        return _named(match[2], match[1], match[3], year)
    if match := _NUMERIC.match(text):
        return _numeric(int(match[1]), int(match[2]), match[3], year)
    return None


def _named(day: str, month: str, year_text: str, year: str) -> Day | str | None:
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    full, note = _full_year(year_text, year)
    if full is None:
        return note
    found = _day(full, number, int(day))
    return Day(found.day, note) if isinstance(found, Day) else found


def _numeric(first: int, second: int, year_text: str, year: str) -> Day | str | None:
    full, note = _full_year(year_text, year)
    if full is None:
        return note
    if first > 12 >= second or second > 12:
        day, month = (first, second) if first > 12 else (second, first)
        found = _day(full, month, day)
        if isinstance(found, Day) and second > 12:
            return Day(found.day, _join(note, "read month first, as the day is over 12"))
        return Day(found.day, note) if isinstance(found, Day) else found
    found = _day(full, second, first)
    if isinstance(found, Day) and first != second:
        return Day(found.day, _join(note, f"{first}/{second} read as day/month, as the "
                                    "datasets write dates; a spreadsheet may have swapped "
                                    "them"))
    return found


def _full_year(text: str, year: str) -> tuple[int | None, str]:
    if len(text) == 4:
        return int(text), ""
    if year.isdigit() and len(year) == 4:
        if year[2:] == text:
            return int(year), ""
        return None, f"the two-digit year {text} is not the year column's {year}"
    full = (1900 if int(text) >= FIRST_YEAR % 100 else 2000) + int(text)
    return full, f"the two-digit year {text} read as {full}: the row has no year column"


def _day(year: int, month: int, day: int) -> Day | str:
    try:
        return Day(date(year, month, day))
    except ValueError:
        return "no such day"


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def plausible(day: date, column: str, text: str) -> None:
    if not FIRST_YEAR - 90 <= day.year <= LAST_YEAR:
        raise BadRow(f"{column} {quoted(text.strip(), 40)}: the year {day.year:04d} cannot be a "
                     "dataset's (a spreadsheet may have cut it to two digits)")


def count(text: str, column: str) -> int | None:
    """A whole number of people, None for an empty cell; `12.0` (pandas) reads as 12."""
    text = text.strip()
    if missing(text):
        return None
    if text.endswith(".0"):
        text = text[:-2]
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise BadRow(f"{column} {quoted(text, 40)}: expected a whole number of 0 or more")
    return int(text)


def coordinate(text: str, column: str, limit: float) -> float:
    text = text.strip().replace(",", ".") if text.count(",") == 1 else text.strip()
    try:
        value = float(text)
    except ValueError:
        raise BadRow(f"{column} {quoted(text, 40)} is not a number") from None
    if not -limit <= value <= limit:
        raise BadRow(f"{column} {text[:40]}: expected a number from {-limit:g} to {limit:g}")
    return value
