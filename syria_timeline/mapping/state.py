"""What a map shows, worked out from a store: markers, who held each place when, the sides.

Nothing here draws. An event counts on a day only when it is known to have happened by that
day: one known to its month counts from the month's last day, one known to its year from
the year's last day, a span of days from its last day. The same rule decides who held a
place: the latest capture known to be over by that day.

The holder comes from every capture in the store, not only from the events the filters keep:
a map of the SDF's events still shows who held each place on the map's date.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from syria_timeline.dates import period_bounds
from syria_timeline.errors import BadValue
from syria_timeline.model import Event, Place, Record
from syria_timeline.query.filters import Filters
from syria_timeline.store.loading import Store
from syria_timeline.vocabulary import TYPE_NAMES_AR, format_date, format_period

UNKNOWN = -1  # a capture whose text names no victor
NOBODY = -2  # no capture known at the place by that day
# Sides the public knows by a colour keep it; others take the palette in order of weight.
KNOWN_COLOURS = {
    "islamic-state": "#1b1b1b", "syrian-army": "#c62828", "rebels": "#2e7d32",
    "free-syrian-army": "#66bb6a", "hts": "#795548", "nusra-front": "#9ccc65",
    "sdf": "#f2c200", "kurdish-forces": "#d4a017", "turkish-army": "#6a1b9a",
    "iraqi-forces": "#1565c0", "pmf": "#00838f", "peshmerga": "#ef6c00",
    "us-led-coalition": "#0277bd", "russian-air-force": "#5d4037", "russian-forces": "#a1887f",
    "hezbollah": "#9e9d24", "iranian-forces": "#827717",
}
PALETTE = ("#ad1457", "#5e35b1", "#00acc1", "#8e24aa", "#c0ca33", "#3949ab", "#d81b60",
           "#26a69a", "#7e57c2", "#f4511e")
UNKNOWN_COLOUR = "#9e9e9e"
NOBODY_COLOUR = "#ffffff"
# Above this many (place, period) quotes, the panel keeps each place's latest event of a
# year, then of the whole map: a 100,000-event store must still make a file of a few MB.
MAX_QUOTES = 6000


class Side(Record):
    id: str
    name_ar: str
    name_en: str
    colour: str


class Capture(Record):
    step: int  # the first step by which it is known to be over
    side: int  # index in MapState.sides, or UNKNOWN
    date: str  # in Arabic words, to its precision: تشرين الأول 2017


class Shown(Record):
    """An event the panel can show: the latest of its place in its period."""

    step: int
    date: str  # in Arabic words, to its precision
    type: str
    sides: str  # the roles it names, in Arabic words (`sides_text`)
    quote: str


class Marker(Record):
    place: Place
    x: float  # longitude and latitude: the renderer projects them
    y: float
    count: int  # events in the selection by the map's day
    counts: tuple[tuple[int, int], ...]  # (step, events by the end of it), steps increasing
    captures: tuple[Capture, ...]  # the captures that change its holder, in order
    shown: tuple[Shown, ...]

    def holder(self, step: int) -> int:
        """The side holding the place at `step`: UNKNOWN, NOBODY or an index."""
        held = NOBODY
        for capture in self.captures:
            if capture.step > step:
                break
            held = capture.side
        return held


class MapState(Record):
    title: str  # the filter, in words
    day: str  # the map's day: the one asked for, else the selection's last day
    steps: tuple[str, ...]  # the slider's days: month ends, and the map's day
    step: int  # the index of `day` in steps
    sides: tuple[Side, ...]
    markers: tuple[Marker, ...]  # most events first: the renderer draws small ones on top
    events: int  # the events in the selection by the map's day
    unplaced: int  # of those, events at places with no coordinates


def last_day(event: Any) -> str:
    """The last day an event may have happened on."""
    return event.end or _period_end(event.date)


@lru_cache(maxsize=4096)
def _period_end(prefix: str) -> str:  # a store repeats its dates: 250,000 calls, a few hundred days
    return period_bounds(prefix)[1].isoformat()


# The fields a map reads of every event kept; the quote only of those the panel shows.
_FIELDS = frozenset({"date", "end", "place", "type", "victor", "loser", "actor", "target"})


def build(store: Store, filters: Filters, *, title: str, as_of: str | None = None) -> MapState:
    """The map of the events `filters` keep, as of the day `as_of` (ISO) or of their last day.

    Raises BadValue when no event is left to show.
    """
    rows = store.events.rows(filters.needed() | _FIELDS)
    kept = [(n, row) for n, row in enumerate(rows)
            if filters.matches(row) and (as_of is None or last_day(row) <= as_of)]
    if not kept:
        when = f" on or before {as_of}" if as_of else ""
        raise BadValue(f"no event to map{when}; widen the filters or choose a later day",
                       about="selection")
    kept.sort(key=lambda item: item[1].date)  # stable: one day's events keep the store's order
    day = as_of or max(last_day(row) for _, row in kept)
    steps = _steps(kept[0][1].date, day)
    captures = _captures(store, steps)
    sides = _sides(store, captures)
    order = {side.id: i for i, side in enumerate(sides)}
    markers, unplaced = _markers(store, kept, steps, captures, order)
    return MapState(title=title, day=day, steps=steps, step=len(steps) - 1, sides=sides,
                    markers=markers, events=len(kept), unplaced=unplaced)


def _steps(first: str, day: str) -> tuple[str, ...]:
    """Month ends from the first event's month to the map's day, which ends the list."""
    year, month = int(first[:4]), int(first[5:7]) if len(first) >= 7 else 1
    steps = []
    while True:
        end = period_bounds(f"{year:04d}-{month:02d}")[1].isoformat()
        if end >= day:
            break
        steps.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return (*steps, day)


def _captures(store: Store, steps: Sequence[str]) -> dict[str, list[tuple[int, str, str | None]]]:
    """Each place's captures (step, date, victor) in the order `city` tells its history: by
    date as stored, the store's order within one date. A capture counts from the first step
    by which it is known to be over."""
    found: dict[str, list[tuple[str, str, str | None]]] = {}
    rows = store.events.rows(frozenset({"date", "end", "place", "type", "victor"}))
    for row in rows:
        if row.type == "capture":
            found.setdefault(row.place, []).append((last_day(row), row.date, row.victor))
    return {place: [(bisect_left(steps, end), date, victor)
                    for end, date, victor in sorted(items, key=lambda item: item[1])]
            for place, items in found.items()}


def _sides(store: Store, captures: dict[str, list[tuple[int, str, str | None]]]
           ) -> tuple[Side, ...]:
    """Every victor that holds a place at some step, the most frequent first."""
    weight: dict[str, int] = {}
    for items in captures.values():
        for _, _, victor in items:
            if victor is not None:
                weight[victor] = weight.get(victor, 0) + 1
    ordered = sorted(weight, key=lambda a: (-weight[a], a))
    spare = iter([c for c in PALETTE if c not in KNOWN_COLOURS.values()] + [
        f"hsl({(i * 137) % 360}, 55%, 42%)" for i in range(len(ordered))])
    sides = []
    for actor_id in ordered:
        actor = store.actors.get(actor_id)
        sides.append(Side(id=actor_id, name_ar=actor.name_ar if actor else actor_id,
                          name_en=actor.name_en if actor else actor_id,
                          colour=KNOWN_COLOURS.get(actor_id) or next(spare)))
    return tuple(sides)


def _markers(store: Store, kept: Sequence[tuple[int, Any]], steps: Sequence[str],
             captures: dict[str, list[tuple[int, str, str | None]]], order: dict[str, int]
             ) -> tuple[tuple[Marker, ...], int]:
    by_place: dict[str, list[tuple[int, int]]] = {}  # place: (step, event number), in date order
    unplaced = 0
    for number, row in kept:
        place = store.places.get(row.place)
        if place is None or place.lat is None or place.lon is None:
            unplaced += 1
            continue
        by_place.setdefault(row.place, []).append((bisect_left(steps, last_day(row)), number))
    shown = _shown(store, by_place, steps)
    markers = []
    for place_id, items in by_place.items():
        place = store.places[place_id]
        held = _changes([Capture(step=s, side=order[v] if v is not None else UNKNOWN,
                                 date=format_date(d, "ar"))
                         for s, d, v in captures.get(place_id, ())])
        markers.append(Marker(place=place, x=float(place.lon or 0), y=float(place.lat or 0),
                              count=len(items), counts=_cumulative(s for s, _ in items),
                              captures=held, shown=shown[place_id]))
    markers.sort(key=lambda m: (-m.count, m.place.id))
    return tuple(markers), unplaced


def _changes(captures: Sequence[Capture]) -> tuple[Capture, ...]:
    """Who holds the place from each step on, as changes: at a step, the holder is the last
    capture of the history among those over by then (a capture known only to its month is
    over at the month's end, though the history may place a day of that month after it).
    A side that takes a place it already held keeps it since the first time."""
    by_step: dict[int, int] = {}  # step: the latest place in the history of its captures
    for position, capture in enumerate(captures):
        by_step[capture.step] = position
    kept: list[Capture] = []
    latest = -1
    for step in sorted(by_step):
        latest = max(latest, by_step[step])
        holder = captures[latest]
        if not kept or holder.side != kept[-1].side:
            kept.append(Capture(step=step, side=holder.side, date=holder.date))
    return tuple(kept)


def _cumulative(steps: Iterable[int]) -> tuple[tuple[int, int], ...]:
    per_step: dict[int, int] = {}
    for step in steps:
        per_step[step] = per_step.get(step, 0) + 1
    total, out = 0, []
    for step in sorted(per_step):
        total += per_step[step]
        out.append((step, total))
    return tuple(out)


def _shown(store: Store, by_place: dict[str, list[tuple[int, int]]], steps: Sequence[str]
           ) -> dict[str, tuple[Shown, ...]]:
    """Each place's latest event per month; per year, or one, when that is too many quotes.
    Only these events are read whole (a quote is most of an event)."""
    for key in (lambda s: s, lambda s: steps[s][:4], lambda s: ""):
        latest: dict[str, dict[object, tuple[int, int]]] = {}
        for place_id, items in by_place.items():
            periods = latest.setdefault(place_id, {})
            for step, number in items:  # date order: a later event replaces an earlier one
                if step >= periods.get(key(step), (-1, number))[0]:
                    periods[key(step)] = (step, number)
        if sum(len(p) for p in latest.values()) <= MAX_QUOTES:
            break
    chosen = sorted({n for periods in latest.values() for _, n in periods.values()})
    index = store.events.answers  # an index reads them in one query
    whole = index.events(chosen) if index else [store.events.event(n) for n in chosen]
    events = dict(zip(chosen, whole, strict=True))
    return {place_id: tuple(_to_shown(store, step, events[n]) for step, n in
                            sorted(periods.values(), key=lambda item: item[0]))
            for place_id, periods in latest.items()}


def _to_shown(store: Store, step: int, event: Event) -> Shown:
    return Shown(step=step, date=format_period(event.date, event.end, "ar"),
                 type=TYPE_NAMES_AR.get(event.type, event.type),
                 sides=sides_text(store, event), quote=event.quote)


def sides_text(store: Store, event: Event) -> str:
    """Who did what to whom, in Arabic words: the victor and the loser of a capture, the actor
    and the target of anything else; only the roles the event names."""
    def name(actor_id: str | None) -> str:
        actor = store.actors.get(actor_id or "")
        return actor.name_ar if actor else (actor_id or "")

    roles = (("المنتصر", event.victor), ("الخاسر", event.loser), ("الفاعل", event.actor),
             ("المستهدف", event.target))
    named = [f"{label}: {name(actor_id)}" for label, actor_id in roles if actor_id]
    return "، ".join(named) or "لا يذكر النص طرفًا"
