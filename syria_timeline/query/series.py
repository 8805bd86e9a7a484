"""Counts by year or month as a time series: every period of the range, split by victor.

`summarize` counts the periods that have events; a chart needs the empty ones too (a gap in
the fighting is information) and, to show who was winning, each period's events by the side
that won them. Events that name no victor (clashes, strikes, a capture whose text does not
say who took the place) count under None.
"""

from __future__ import annotations

from collections import Counter

from syria_timeline.model import Record
from syria_timeline.query.counts import period_key
from syria_timeline.query.filters import Filters
from syria_timeline.store.loading import Store


class Period(Record):
    key: str  # 2017, 2017-10, or an interval 2016-12/2017-01 (a span across two periods)
    total: int
    sides: tuple[tuple[str | None, int], ...]  # (victor id or None, events), most first


def series(store: Store, filters: Filters, by: str) -> list[Period]:
    """The periods (`year` or `month`) from the first event's to the last's, or over the range
    the filters give (a start, an end, the years asked for), each with its events by victor.

    In months, events known only to their year keep the year's own row, before its months.
    """
    size = 4 if by == "year" else 7
    counted: dict[str, Counter[str | None]] = {}
    needed = filters.needed() | {"date", "end", "victor"}
    for row in store.events.rows(needed):
        if filters.matches(row):
            counted.setdefault(period_key(row.date, row.end, size), Counter())[row.victor] += 1
    # The filters' range when they give one; else the events' (a year-only event's months in).
    plain = sorted(k if len(k) == size else f"{k}-01" for k in counted if "/" not in k)
    plain += sorted(f"{k}-12" for k in counted if size == 7 and len(k) == 4)
    first, last = min(plain, default=None), max(plain, default=None)
    if filters.years:  # the years asked for, whole
        first, last = f"{min(filters.years)}-01"[:size], f"{max(filters.years)}-12"[:size]
    first = filters.start[:size] if filters.start else first
    last = filters.end[:size] if filters.end else last
    keys = set(counted) | set(_periods(first, last, size) if first and last else ())
    return [_period(key, counted.get(key, Counter())) for key in sorted(keys)]


def _periods(first: str, last: str, size: int) -> list[str]:
    if size == 4:
        return [str(year) for year in range(int(first), int(last) + 1)]
    year, month = int(first[:4]), int(first[5:7])
    keys = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        keys.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _period(key: str, sides: Counter[str | None]) -> Period:
    ordered = sorted(sides.items(), key=lambda item: (item[0] is None, -item[1], item[0] or ""))
    return Period(key=key, total=sum(sides.values()), sides=tuple(ordered))
