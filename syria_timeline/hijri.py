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


def hijri_iso(prefix: str) -> HijriValue:
    """`1439-01-27` for a day; {"start", "end"} for a month or year; None out of range."""
    first, last = period_bounds(prefix)
    start, end = _convert(first), _convert(last)
    if start is None or end is None:
        return None
    if first == last:
        return str(start)
    return {"start": str(start), "end": str(end)}


def hijri_text(prefix: str, lang: str = "ar") -> str:
    """`27 محرم 1439` for a day; the Hijri months a month or year spans: `شوال – ذو القعدة 1437`."""
    first, last = period_bounds(prefix)
    start, end = _convert(first), _convert(last)
    if start is None or end is None:
        return ""
    if first == last:
        return f"{start.day} {start.month_name(lang)} {start.year}"
    head = start.month_name(lang) + (f" {start.year}" if start.year != end.year else "")
    return f"{head} – {end.month_name(lang)} {end.year}"
