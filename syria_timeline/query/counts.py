"""Questions asked of a store, as pure functions: no printing, no exits."""

from __future__ import annotations

from collections import Counter

from syria_timeline.errors import BadValue, printable
from syria_timeline.model import ACTOR_ROLES, Actor, Event, Place, Record, actor_ids
from syria_timeline.query.filters import Filters, select
from syria_timeline.store.loading import Store

SUMMARY_KEYS = ("year", "month", "place", "actor", "type")
_ACTOR_FIELDS = frozenset(ACTOR_ROLES)


class Count(Record):
    key: str
    count: int
    record: Place | Actor | None = None


def summarize(store: Store, filters: Filters, by: str) -> list[Count]:
    """How many of the events `filters` keeps fall in each year, place, actor (any role) or type.

    Counts from the fields it needs alone: no event is expanded.
    """
    if by not in SUMMARY_KEYS:
        raise BadValue(f"cannot summarize by {printable(by)}; accepted: {', '.join(SUMMARY_KEYS)}")
    index = store.events.answers  # an index counts in SQL
    in_sql = index.counts(filters, by) if index is not None else None
    counter: Counter[str] = Counter(in_sql or {})
    needed = _ACTOR_FIELDS if by == "actor" else {"date", "end"} if by in ("year", "month") \
        else {by}
    for row in store.events.rows(filters.needed() | needed) if in_sql is None else ():
        if not filters.matches(row):
            continue
        if by in ("year", "month"):
            counter[period_key(row.date, row.end, 4 if by == "year" else 7)] += 1
        elif by == "actor":
            counter.update(set(actor_ids(row)))
        else:
            counter[getattr(row, by)] += 1
    records: dict[str, Place | Actor] = {**store.places} if by == "place" else {}
    if by == "actor":
        records = {**store.actors}
    counts = [Count(key=key, count=n, record=records.get(key)) for key, n in counter.items()]
    if by in ("year", "month"):
        return sorted(counts, key=lambda c: c.key)
    return sorted(counts, key=lambda c: (-c.count, c.key))


def period_key(date: str, end: str | None, size: int) -> str:
    """The year (size 4) or month (7) an event counts under, never one it is not known to be in.

    An event known only to the year counts under the year. A span of days that crosses into
    another month (or year) counts under both ends as an ISO interval, `2016-12/2017-01`:
    either could be the month.
    """
    first = date[:size]
    if end is None or end[:size] == first:
        return first
    return f"{first}/{end[:size]}"


def event_counts(store: Store) -> tuple[Counter[str], Counter[str]]:
    """Events per place id and per actor id (an event counts once per actor it names)."""
    places: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    if store.events.answers is not None:
        own, named = store.events.answers.place_and_actor_counts()
        return Counter(own), Counter(named)
    for row in store.events.rows(_ACTOR_FIELDS | {"place"}):
        places[row.place] += 1
        actors.update(set(actor_ids(row)))
    return places, actors


def counts_within(store: Store, own: Counter[str]) -> dict[str, int]:
    """Events at each place or at a place inside it: what `city` lists for that place."""
    inside: dict[str, int] = Counter()
    for place in store.places.values():  # one pass: a store can have thousands of places
        if place.province:
            inside[place.province] += own[place.id]
    return {p.id: own[p.id] + inside[p.id] for p in store.places.values()}


def control_history(store: Store, place_id: str) -> list[Event]:
    """The captures at one place, in date order: each one a change of hands."""
    return select(store, Filters(places=frozenset({place_id}), types=frozenset({"capture"})))


class Holder(Record):
    """Who holds a place after its latest capture in the store, and since when."""

    actor: str | None = None  # None where the text does not say who took it
    since: str | None = None  # the date of that capture


def last_holders(store: Store) -> dict[str, Holder]:
    """Each place's holder after its latest capture in the store.

    Countries have no holder: "the group seized vast areas of Syria" does not make it
    the holder of Syria.
    """
    latest: dict[str, tuple[str, str | None]] = {}
    index = store.events.answers
    rows = () if index else store.events.rows(frozenset({"date", "place", "type", "victor"}))
    for row in rows:
        if row.type == "capture" and row.date >= latest.get(row.place, ("", None))[0]:
            latest[row.place] = (row.date, row.victor)
    if index:
        latest = index.latest_captures()
    holders = {}
    for place in store.places.values():
        date, victor = latest.get(place.id, (None, None))
        holders[place.id] = Holder() if place.kind == "country" or victor is None \
            else Holder(actor=victor, since=date)
    return holders
