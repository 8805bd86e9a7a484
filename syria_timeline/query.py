"""Questions asked of a store, as pure functions: no printing, no exits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from operator import itemgetter
from typing import Any, TypeVar

from syria_timeline.arabic import normalize
from syria_timeline.dates import DateInputError, parse_bound, parse_year, span_overlaps, span_years
from syria_timeline.errors import BadValue, NotFound, printable
from syria_timeline.model import ACTOR_ROLES, EVENT_TYPES, Actor, Event, Place, Record, actor_ids
from syria_timeline.store import Store
from syria_timeline.vocabulary import TYPE_NAMES_AR

# When one spelling names two places (a city and the province named after it, in a store that
# gives the province the city's name as an alias), the smaller one wins: people mean the city.
_KIND_ORDER = ("camp", "village", "town", "city", "province", "region", "country")
SUMMARY_KEYS = ("year", "month", "place", "actor", "type")
_ACTOR_FIELDS = frozenset(ACTOR_ROLES)
TEXT_FIELDS = frozenset({"quote", "summary_ar", "summary_en", "place", *ACTOR_ROLES})


class Filters(Record):
    """What `list` keeps. Every field narrows; None means no constraint."""

    years: frozenset[int] | None = None
    start: str | None = None  # first day of the range, ISO
    end: str | None = None  # last day of the range, ISO
    places: frozenset[str] | None = None  # place ids, provinces already expanded
    actors: frozenset[str] | None = None  # named in any role
    victors: frozenset[str] | None = None
    losers: frozenset[str] | None = None
    types: frozenset[str] | None = None
    text: TextFilter | None = None
    newest_first: bool = False
    limit: int | None = None

    def needed(self) -> frozenset[str]:
        """The event fields these filters read, so large stores decode nothing else."""
        needed = {"date", "end"}
        if self.places is not None:
            needed.add("place")
        if self.actors is not None:
            needed |= _ACTOR_FIELDS
        if self.victors is not None:
            needed.add("victor")
        if self.losers is not None:
            needed.add("loser")
        if self.types is not None:
            needed.add("type")
        if self.text is not None:
            needed |= TEXT_FIELDS
        return frozenset(needed)

    def matches(self, row: Any) -> bool:
        date: str = row.date
        if self.years is not None and int(date[:4]) not in self.years and (
                row.end is None or self.years.isdisjoint(span_years(date, row.end))):
            return False
        if (self.start or self.end) and not span_overlaps(date, row.end, self.start, self.end):
            return False
        if self.places is not None and row.place not in self.places:
            return False
        if self.types is not None and row.type not in self.types:
            return False
        if self.victors is not None and row.victor not in self.victors:
            return False
        if self.losers is not None and row.loser not in self.losers:
            return False
        if self.actors is not None and self.actors.isdisjoint(actor_ids(row)):
            return False
        return self.text is None or self.text.matches(row)


def make_filters(store: Store, *, years: Sequence[str] = (), start: str | None = None,
                 end: str | None = None, places: Sequence[str] = (), actors: Sequence[str] = (),
                 victors: Sequence[str] = (), losers: Sequence[str] = (),
                 types: Sequence[str] = (), text: str | None = None,
                 newest_first: bool = False, limit: int | None = None) -> Filters:
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
        actors=_actor_filter(store, actors), victors=_actor_filter(store, victors),
        losers=_actor_filter(store, losers),
        types=frozenset(resolve_type(t) for t in types) if types else None,
        text=text_filter(store, text) if text is not None else None,
        newest_first=newest_first, limit=limit,
    )


def _actor_filter(store: Store, names: Sequence[str]) -> frozenset[str] | None:
    return frozenset(resolve_actor(store, n).id for n in names) if names else None


def text_filter(store: Store, text: str) -> TextFilter:
    """The `--text` filter: the words typed, and the forms of every place's and actor's names."""
    from syria_timeline.search import Query

    query = Query(text)
    if not query:
        raise BadValue("the text to search for has no words; give one or more, e.g. "
                       "الطيران الروسي", about="text")
    return TextFilter(query=query, store=store, forms={})


class TextFilter(Record):
    """Events whose text has every word of `query`: quote, summaries, place and actor names."""

    query: Any  # search.Query, imported only by the --text path
    store: Store
    forms: dict[str, frozenset[str]]  # a place's or actor's name forms, made when first met

    def matches(self, row: Any) -> bool:
        found = self.query.forms_of((row.quote, row.summary_ar, row.summary_en))
        found = found.union(self._forms(self.store.places.get(row.place)),
                            *(self._forms(self.store.actors.get(a)) for a in actor_ids(row)))
        return bool(self.query.found_in(found))

    def _forms(self, record: Place | Actor | None) -> frozenset[str]:
        if record is None:
            return frozenset()
        key = f"{type(record).__name__}:{record.id}"
        forms = self.forms.get(key)
        if forms is None:
            from syria_timeline.search import text_forms

            forms = self.forms[key] = text_forms(_names(record))
        return forms


def select(store: Store, filters: Filters) -> list[Event]:
    """The events that pass `filters`, in date order, expanded only after cutting to --limit.

    Events of one date keep their order in the store (the sort is stable both ways).
    """
    indexed = getattr(store.events, "select", None)  # an index answers in SQL
    if indexed is not None:
        return _select_indexed(store.events, filters)
    rows = store.events.rows(filters.needed())
    keyed = [(row.date, i) for i, row in enumerate(rows) if filters.matches(row)]
    del rows  # a large store's rows go before its matches are expanded: peak memory
    keyed.sort(key=itemgetter(0), reverse=filters.newest_first)
    kept = [i for _, i in keyed]
    if filters.limit is not None:
        kept = kept[: filters.limit]
    return [store.events.event(i) for i in kept]


def _select_indexed(events: Any, filters: Filters) -> list[Event]:
    """`select` through an index: SQL for every filter but --text, which reads the matches."""
    numbers = events.select(filters)
    if filters.text is not None:
        rows = events.rows_of(numbers, filters.needed())
        numbers = [n for n, row in zip(numbers, rows, strict=True) if filters.text.matches(row)]
        numbers = numbers[: filters.limit] if filters.limit is not None else numbers
    return events.events(numbers)  # type: ignore[no-any-return]


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
    """A place by its Arabic or English name, id, or any alias, under any spelling.

    The store's own places first; then the gazetteer's (every town of Syria and Iraq), which
    makes a place with no events a known place, not an unknown name.
    """
    try:
        return _lookup(store.places.values(), name, "place")
    except NotFound:
        pass
    from syria_timeline import gazetteer

    found = gazetteer.lookup(name)
    if found:
        place = min(found, key=_rank)
        return store.places.get(place.id, place)
    own: dict[str, list[Any]] = {}
    for place in store.places.values():
        for spelling in _names(place):
            own.setdefault(normalize(spelling), []).append(place)
    labels = _nearest(normalize(name), own, gazetteer.spellings())
    message = f"no place called {printable(name)}"
    if labels:
        raise NotFound(f"{message}; did you mean {' or '.join(labels)}?")
    raise NotFound(message, see="places")


def _nearest(wanted: str, own: dict[str, list[Any]], more: dict[str, list[Any]]) -> list[str]:
    """Up to three names like `wanted`: the store's own count a little more (a near miss of
    one of them is likelier), the gazetteer's only when they are close."""
    from difflib import SequenceMatcher

    if len(wanted) > 80:
        return []
    scored: list[tuple[float, str]] = []
    for index, cutoff, bonus in ((own, 0.6, 0.1), (more, 0.75, 0.0)):
        for key in get_close_matches(wanted, list(index), n=6, cutoff=cutoff):
            scored.append((SequenceMatcher(None, wanted, key).ratio() + bonus,
                           _label(index[key][0])))
    scored.sort(key=lambda item: -item[0])
    return list(dict.fromkeys(label for _, label in scored))[:3]


def resolve_actor(store: Store, name: str) -> Actor:
    """An actor by any name or alias; else the one actor whose names contain every word typed.

    A name that fits several actors (`army`: the Syrian and the Turkish army) is an error
    that names them, so that a filter never silently picks one.
    """
    actors = list(store.actors.values())
    wanted = normalize(name)
    exact = [a for a in actors if wanted and wanted in {normalize(n) for n in _names(a)}]
    if len(exact) > 1:
        raise _ambiguous(name, exact)
    if exact:
        return exact[0]
    words = set(wanted.split())
    partial = [a for a in actors if words and any(words <= set(normalize(n).split())
                                                  for n in _names(a))]
    if len(partial) > 1:
        raise _ambiguous(name, partial)
    if partial:
        return partial[0]
    return _lookup(actors, name, "actor")


def _ambiguous(name: str, actors: Sequence[Actor]) -> NotFound:
    labels = " or ".join(f"{a.name_ar} ({a.name_en}, {a.id})" for a in actors)
    return NotFound(f"{printable(name)} names several actors: {labels}; give one of them")


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


def find_event(store: Store, words: Sequence[str]) -> Event:
    """The one event meant by an id, a part of one, or a place (with a year or date after it).

    In that order: the exact id; the events at a place of that name (a province: at the places
    in it), kept to the period of a date typed last; the ids that contain what was typed.
    Several events: NotFound that lists them. None: NotFound with the nearest ids.
    """
    typed = " ".join(w.strip() for w in words).strip()
    by_id = getattr(store.events, "find_id", None)  # an index finds an exact id at once
    found_id = by_id(typed) if by_id else None
    if found_id is not None:
        return store.events.event(found_id)
    rows = store.events.rows(frozenset({"id", "date", "end", "place"}))
    ids = [row.id for row in rows]
    if typed in ids:
        return store.events.event(ids.index(typed))
    at_place = _at_place(store, rows, words)
    found = at_place[2] if at_place else None
    if at_place and not found:
        place, period, _ = at_place
        when = f" in {printable(period)}" if period else ""
        raise NotFound(f"no event at {_label(place)}{when}", see="ids")
    if found is None and len(typed) > 2:
        found = [i for i, ident in enumerate(ids) if typed.lower() in ident]
    if found and len(found) == 1:
        return store.events.event(found[0])
    if found:
        raise NotFound(_candidates(store, rows, typed, found))
    close = get_close_matches(typed, ids, n=3, cutoff=0.8)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise NotFound(f"no event with id {printable(typed)}{hint}", see=None if close else "ids")


def _at_place(store: Store, rows: Sequence[Any], words: Sequence[str]
              ) -> tuple[Place, str, list[int]] | None:
    """The place the words name, the date typed after it, and the indexes of its events."""
    words = [w for w in " ".join(words).split() if w]
    for cut in range(len(words), 0, -1):  # the longest place name first, a date after it
        try:
            place = resolve_place(store, " ".join(words[:cut]))
            typed = " ".join(words[cut:])
            period = parse_bound(typed) if typed else None
        except (NotFound, BadValue, DateInputError):
            continue
        inside = set(store.place_children(place.id))
        return place, typed, [i for i, row in enumerate(rows) if row.place in inside and (
            period is None or span_overlaps(row.date, row.end, period.first, period.last))]
    return None


def _candidates(store: Store, rows: Sequence[Any], typed: str, found: list[int]) -> str:
    lines = [f"{printable(typed)} fits {len(found)} events; give one of these ids:"]
    width = max(len(rows[i].id) for i in found)
    for i in sorted(found, key=lambda j: rows[j].date):
        place = store.places.get(rows[i].place)
        where = _label(place) if place else rows[i].place
        lines.append(f"  {rows[i].id:<{width}}  {rows[i].date:<10}  {where}")
    return "\n".join(lines)


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
    counted = getattr(store.events, "counts", None)  # an index counts in SQL
    in_sql = counted(filters, by) if counted else None
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
    indexed = getattr(store.events, "place_and_actor_counts", None)
    if indexed is not None:
        own, named = indexed()
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
    indexed = getattr(store.events, "latest_captures", None)
    rows = () if indexed else store.events.rows(frozenset({"date", "place", "type", "victor"}))
    for row in rows:
        if row.type == "capture" and row.date >= latest.get(row.place, ("", None))[0]:
            latest[row.place] = (row.date, row.victor)
    if indexed:
        latest = indexed()
    holders = {}
    for place in store.places.values():
        date, victor = latest.get(place.id, (None, None))
        holders[place.id] = Holder() if place.kind == "country" or victor is None \
            else Holder(actor=victor, since=date)
    return holders
