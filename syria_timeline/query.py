"""Questions asked of a store, as pure functions: no printing, no exits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from operator import itemgetter
from typing import Any, TypeVar

from syria_timeline.arabic import normalize
from syria_timeline.dates import DateInputError, overlaps, parse_bound, parse_year
from syria_timeline.errors import BadValue, NotFound, printable
from syria_timeline.model import ACTOR_ROLES, EVENT_TYPES, Actor, Event, Place, Record, actor_ids
from syria_timeline.store import Store
from syria_timeline.vocabulary import TYPE_NAMES_AR

# When one spelling names two places (a city and the province named after it, in a store that
# gives the province the city's name as an alias), the smaller one wins: people mean the city.
_KIND_ORDER = ("camp", "village", "town", "city", "province", "region", "country")
SUMMARY_KEYS = ("year", "place", "actor", "type")
_ACTOR_FIELDS = frozenset(ACTOR_ROLES)


class Filters(Record):
    """What `list` keeps. Every field narrows; None means no constraint."""

    years: frozenset[int] | None = None
    start: str | None = None  # first day of the range, ISO
    end: str | None = None  # last day of the range, ISO
    places: frozenset[str] | None = None  # place ids, provinces already expanded
    actor: str | None = None
    types: frozenset[str] | None = None
    newest_first: bool = False
    limit: int | None = None

    def needed(self) -> frozenset[str]:
        """The event fields these filters read, so large stores decode nothing else."""
        needed = {"date"}
        if self.places is not None:
            needed.add("place")
        if self.actor is not None:
            needed |= _ACTOR_FIELDS
        if self.types is not None:
            needed.add("type")
        return frozenset(needed)

    def matches(self, row: Any) -> bool:
        date: str = row.date
        if self.years is not None and int(date[:4]) not in self.years:
            return False
        if (self.start or self.end) and not overlaps(date, self.start, self.end):
            return False
        if self.places is not None and row.place not in self.places:
            return False
        if self.types is not None and row.type not in self.types:
            return False
        return self.actor is None or self.actor in actor_ids(row)


def make_filters(store: Store, *, years: Sequence[str] = (), start: str | None = None,
                 end: str | None = None, places: Sequence[str] = (), actor: str | None = None,
                 types: Sequence[str] = (), newest_first: bool = False,
                 limit: int | None = None) -> Filters:
    """Filters from what a user typed: any digits, any spelling, dates as periods.

    Raises BadValue (`about` the parameter) for values that cannot be read, NotFound for
    names that match nothing.
    """
    about = "years"
    try:
        year_set = frozenset(parse_year(y) for y in years) if years else None
        about = "start"
        first = parse_bound(start).first if start is not None else None
        about = "end"
        last = parse_bound(end).last if end is not None else None
    except DateInputError as error:
        raise BadValue(str(error), about=about) from None
    if first and last and first > last:
        raise BadValue(f"the start {printable(start or '')} is after the end "
                       f"{printable(end or '')}; swap them", about="range")
    return Filters(
        years=year_set, start=first, end=last, places=place_filter(store, places),
        actor=resolve_actor(store, actor).id if actor is not None else None,
        types=frozenset(resolve_type(t) for t in types) if types else None,
        newest_first=newest_first, limit=limit,
    )


def select(store: Store, filters: Filters) -> list[Event]:
    """The events that pass `filters`, in date order, expanded only after cutting to --limit.

    Events of one date keep their order in the store (the sort is stable both ways).
    """
    rows = store.events.rows(filters.needed())
    keyed = [(row.date, i) for i, row in enumerate(rows) if filters.matches(row)]
    del rows  # a large store's rows go before its matches are expanded: peak memory
    keyed.sort(key=itemgetter(0), reverse=filters.newest_first)
    kept = [i for _, i in keyed]
    if filters.limit is not None:
        kept = kept[: filters.limit]
    return [store.events.event(i) for i in kept]


# --- names ------------------------------------------------------------------------------------

R = TypeVar("R", Place, Actor)


def _names(record: Place | Actor) -> list[str]:
    return [record.name_ar, record.name_en, record.id, *record.aliases]


def _lookup(records: Iterable[R], name: str, what: str) -> R:
    wanted = normalize(name)
    if not wanted:
        raise BadValue(f"the {what} name is empty; give a name such as الرقة or Raqqa", about=what)
    index: dict[str, list[R]] = {}
    for record in records:
        for spelling in _names(record):
            index.setdefault(normalize(spelling), []).append(record)
    found = index.get(wanted)
    if found:
        return min(found, key=_rank)
    message, suggested = _not_found(what, name, wanted, index)
    raise NotFound(message, see=None if suggested else f"{what}s")


def _rank(record: Place | Actor) -> int:
    kind = getattr(record, "kind", None)
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else 0


def _not_found(what: str, name: str, wanted: str, index: dict[str, list[Any]]
               ) -> tuple[str, bool]:
    """The message, and whether it suggests a name."""
    message = f"no {what} called {printable(name)}"
    if len(wanted) <= 80:
        close = get_close_matches(wanted, list(index), n=6, cutoff=0.6)
        labels = list(dict.fromkeys(_label(index[key][0]) for key in close))[:3]
        if labels:
            return f"{message}; did you mean {' or '.join(labels)}?", True
    return message, False


def _label(record: Place | Actor) -> str:
    return f"{record.name_ar} ({record.name_en})"


def resolve_place(store: Store, name: str) -> Place:
    """A place by its Arabic or English name, id, or any alias, under any spelling."""
    return _lookup(store.places.values(), name, "place")


def resolve_actor(store: Store, name: str) -> Actor:
    return _lookup(store.actors.values(), name, "actor")


def resolve_type(name: str) -> str:
    """An event type by its id or Arabic name."""
    wanted = normalize(name)
    for type_id, arabic in TYPE_NAMES_AR.items():
        if wanted in (normalize(type_id), normalize(arabic)):
            return type_id
    close = get_close_matches(wanted, list(EVENT_TYPES), n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    accepted = ", ".join(f"{t} ({a})" for t, a in TYPE_NAMES_AR.items())
    raise BadValue(f"unknown event type {printable(name)}{hint} Accepted: {accepted}")


def place_filter(store: Store, names: Sequence[str]) -> frozenset[str] | None:
    if not names:
        return None
    return frozenset(i for n in names for i in store.place_children(resolve_place(store, n).id))


def find_event(store: Store, event_id: str) -> Event:
    """One event by its id; else the ids that contain what was typed, or look like it."""
    wanted = event_id.strip()
    ids = [row.id for row in store.events.rows(frozenset({"id"}))]
    if wanted in ids:
        return store.events.event(ids.index(wanted))
    close = [i for i in ids if wanted and wanted.lower() in i][:3] if len(wanted) > 2 else []
    close = close or get_close_matches(wanted, ids, n=3, cutoff=0.8)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise NotFound(f"no event with id {printable(event_id)}{hint}", see=None if close else "ids")


# --- counts and history -----------------------------------------------------------------------


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
    needed = _ACTOR_FIELDS if by == "actor" else {"date" if by == "year" else by}
    counter: Counter[str] = Counter()
    for row in store.events.rows(filters.needed() | needed):
        if not filters.matches(row):
            continue
        if by == "year":
            counter[row.date[:4]] += 1
        elif by == "actor":
            counter.update(set(actor_ids(row)))
        else:
            counter[getattr(row, by)] += 1
    records: dict[str, Place | Actor] = {**store.places} if by == "place" else {}
    if by == "actor":
        records = {**store.actors}
    counts = [Count(key=key, count=n, record=records.get(key)) for key, n in counter.items()]
    if by == "year":
        return sorted(counts, key=lambda c: c.key)
    return sorted(counts, key=lambda c: (-c.count, c.key))


def event_counts(store: Store) -> tuple[Counter[str], Counter[str]]:
    """Events per place id and per actor id (an event counts once per actor it names)."""
    places: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    for row in store.events.rows(_ACTOR_FIELDS | {"place"}):
        places[row.place] += 1
        actors.update(set(actor_ids(row)))
    return places, actors


def control_history(store: Store, place_id: str) -> list[Event]:
    """The captures at one place, in date order: each one a change of hands."""
    return select(store, Filters(places=frozenset({place_id}), types=frozenset({"capture"})))


def last_holders(store: Store) -> dict[str, str | None]:
    """Who holds each place after its latest capture in the store; None where unnamed.

    Countries have no holder: "the group seized vast areas of Syria" does not make it
    the holder of Syria.
    """
    latest: dict[str, tuple[str, str | None]] = {}
    for row in store.events.rows(frozenset({"date", "place", "type", "victor"})):
        if row.type == "capture" and row.date >= latest.get(row.place, ("", None))[0]:
            latest[row.place] = (row.date, row.victor)
    return {place.id: None if place.kind == "country" else latest.get(place.id, ("", None))[1]
            for place in store.places.values()}
