"""Umm al-Qura Hijri dates for stored Gregorian periods (hijridate)."""

from __future__ import annotations

from datetime import date
from typing import Any

from syria_timeline.dates import period_bounds

HijriValue = str | dict[str, str] | None


def _convert(day: date) -> Any:
    """hijridate's Hijri for a day, or None outside its Umm al-Qura tables (1924-2077)."""
    from hijridate import Gregorian

    try:
        return Gregorian.fromdate(day).to_hijri()
    except OverflowError:
        return None


def _bounds(prefix: str, end: str | None) -> tuple[date, date]:
    first, last = period_bounds(prefix)
    return first, date.fromisoformat(end) if end else last


def hijri_iso(prefix: str, end: str | None = None) -> HijriValue:
    """`1439-01-27` for a day; {"start", "end"} for a month, year or span; None out of range."""
    first, last = _bounds(prefix, end)
    start, end_day = _convert(first), _convert(last)
    if start is None or end_day is None:
        return None
    if first == last:
        return str(start)
    return {"start": str(start), "end": str(end_day)}


def hijri_text(prefix: str, lang: str = "ar", end: str | None = None) -> str:
    """`27 محرم 1439` for a day; the Hijri months a month or year spans: `شوال – ذو القعدة 1437`;
    a span of days from its first day to its last: `3–9 رجب 1438`."""
    first, last = _bounds(prefix, end)
    start, end_day = _convert(first), _convert(last)
    if start is None or end_day is None:
        return ""
    if first == last:
        return f"{start.day} {start.month_name(lang)} {start.year}"
    if end is not None:  # a span of days: day to day, the month and year said once
        if (start.month, start.year) == (end_day.month, end_day.year):
            return f"{start.day}–{end_day.day} {end_day.month_name(lang)} {end_day.year}"
        head = f"{start.day} {start.month_name(lang)}" + (
            f" {start.year}" if start.year != end_day.year else "")
        return f"{head} – {end_day.day} {end_day.month_name(lang)} {end_day.year}"
    head = start.month_name(lang) + (f" {start.year}" if start.year != end_day.year else "")
    return f"{head} – {end_day.month_name(lang)} {end_day.year}"
