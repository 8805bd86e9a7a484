"""Dates with a precision: the store's ISO prefixes and the bounds users type.

A stored date is an ISO 8601 prefix cut to what the text says: ``2017-10-17`` (day),
``2016-08`` (month) or ``2014`` (year). Such a prefix names a period, every day that
starts with it, which lets overlap tests compare strings with no calendar arithmetic:
a period P overlaps the days [A, B] exactly when ``A[:len(P)] <= P <= B[:len(P)]``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from syria_timeline.arabic import months, normalize, to_ascii_digits
from syria_timeline.errors import quoted
from syria_timeline.model import PRECISIONS, Record

# No regular expressions on the start-up path: compiling them cost more than the checks.
_SHAPES = {4: "year", 7: "month", 10: "day"}
ACCEPTED_FORMS = (
    "2017, 2017-10, 2017-10-17, 17/10/2017, October 2017, 17 Oct 2017, "
    "تشرين الأول 2017, ١٧ أكتوبر ٢٠١٧, كانون الثاني/يناير 2014"
)


_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 2))


class DateInputError(ValueError):
    """A date a user typed that names no real period."""


def iso_precision(value: str) -> str | None:
    """The precision an ISO prefix has by its shape (YYYY, YYYY-MM, YYYY-MM-DD), else None."""
    precision = _SHAPES.get(len(value))
    parts = value.split("-")
    if precision is None or [len(p) for p in parts] != [4, 2, 2][: len(parts)]:
        return None
    return precision if all(p.isascii() and p.isdigit() for p in parts) else None


def check_stored(value: str, precision: str) -> str | None:
    """Why a stored date is wrong for its precision, or None when it is right."""
    if precision not in PRECISIONS:
        return f"precision {quoted(precision)} is not one of day, month, year"
    if iso_precision(value) != precision:
        shape = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}[precision]
        return f"{quoted(value)} does not have the shape {shape} that precision {quoted(precision)} needs"
    try:
        _first_day(value)
    except ValueError:
        return f"{quoted(value)} is not a real calendar date"
    return None


def _first_day(prefix: str) -> date:
    parts = [int(p) for p in prefix.split("-")]
    year = parts[0]
    if year < 1:
        raise ValueError("year 0")
    return date(year, parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_bounds(prefix: str) -> tuple[date, date]:
    """The first and last day of the period a prefix names."""
    first = _first_day(prefix)
    parts = prefix.split("-")
    if len(parts) == 3:
        return first, first
    if len(parts) == 2:
        import calendar

        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, first.replace(month=12, day=31)


def overlaps(prefix: str, start: str | None, end: str | None) -> bool:
    """Whether the period `prefix` shares a day with [start, end] (ISO days, None = open)."""
    n = len(prefix)
    return (start is None or start[:n] <= prefix) and (end is None or prefix <= end[:n])


def span_overlaps(prefix: str, last: str | None, start: str | None, end: str | None) -> bool:
    """`overlaps` for an event that may be a span of days, `prefix` to the day `last`."""
    if last is None:
        return overlaps(prefix, start, end)
    return (start is None or start <= last) and (end is None or prefix <= end)


def span_years(prefix: str, last: str | None) -> range:
    """The years an event's period touches (one, unless a span of days crosses a new year)."""
    first = int(prefix[:4])
    return range(first, (int(last[:4]) if last else first) + 1)


class Bound(Record):
    """A date a user typed, as the period it names."""

    prefix: str  # ISO prefix: YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def first(self) -> str:
        return period_bounds(self.prefix)[0].isoformat()

    @property
    def last(self) -> str:
        return period_bounds(self.prefix)[1].isoformat()


def parse_year(text: str) -> int:
    """A year typed in any digits: 2017, ٢٠١٧, ۲۰۱۷."""
    value = to_ascii_digits(text.strip())
    if not (value.isascii() and value.isdigit() and len(value) == 4) or int(value) < 1:
        raise DateInputError(f"{quoted(text)} is not a year; a year has four digits, e.g. 2017 or ٢٠١٧")
    return int(value)


def parse_bound(text: str) -> Bound:
    """A date, month or year in ISO, Arabic or English, as the period it names.

    A month with a year is that whole month, a year alone the whole year. Forms the
    fast paths below do not know go to python-dateutil.
    """
    cleaned = to_ascii_digits(text).strip()
    if not cleaned or len(cleaned) > 64:
        raise DateInputError(_bad(text))
    if iso_precision(cleaned):
        return _checked(text, cleaned)
    named = _named_month(cleaned)
    if named is not None:
        return _checked(text, named)
    if not re.search(r"\d{4}", cleaned) and any(
            normalize(word) in months() for word in re.split(r"[\s/,]+", cleaned)):
        raise DateInputError(f"{quoted(text)} has no year; add one, e.g. 2017-10 or October 2017")
    return _checked(text, _dateutil(text, cleaned))


def _checked(text: str, prefix: str) -> Bound:
    if check_stored(prefix, ("year", "month", "day")[prefix.count("-")]) is not None:
        raise DateInputError(_bad(text))
    return Bound(prefix=prefix)


def _bad(text: str) -> str:
    return f"{quoted(text)} is not a date this tool can read; accepted forms: {ACCEPTED_FORMS}"


def _named_month(text: str) -> str | None:
    """[day] month-name[/month-name] year, in Arabic or English: ``17 تشرين الاول/اكتوبر 2017``."""
    match = re.fullmatch(r"(?:في\s+)?(?:(\d{1,2})\s+)?(\D+?)\s*,?\s+(\d{4})", text)
    if match is None:
        return None
    day, names, year = match.groups()
    numbers = {months().get(normalize(name)) for name in names.split("/")}
    if len(numbers) != 1 or None in numbers:
        return None
    month = numbers.pop()
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{int(day):02d}"


def _dateutil(text: str, cleaned: str) -> str:
    """Any other form dateutil reads, at the precision the text gives (never a guessed day)."""
    from dateutil import parser

    # Year first (2017-1-5) is always year-month-day; otherwise the day comes first (5/1/2017).
    year_first = re.match(r"\d{4}\D", cleaned) is not None
    # Parse twice with different defaults: a field that changes with the default was not typed.
    try:
        one, two = (parser.parse(cleaned, default=default, yearfirst=year_first,
                                 dayfirst=not year_first) for default in _DEFAULTS)
    except (ValueError, OverflowError, parser.ParserError) as error:
        raise DateInputError(_bad(text)) from error
    if one.tzinfo is not None or one.time() != _DEFAULTS[0].time():
        # dateutil reads what follows a date as a time or a time zone: `2017-10-17 2018`.
        raise DateInputError(f"{quoted(text)} has more after the date (a time, or a second date); "
                             "give one date, e.g. 2017-10-17")
    if one.year != two.year:
        raise DateInputError(f"{quoted(text)} has no year; add one, e.g. 2017-10 or October 2017")
    if one.month != two.month:
        return f"{one.year:04d}"
    if one.day != two.day:
        return f"{one.year:04d}-{one.month:02d}"
    return one.date().isoformat()

