"""Questions asked of a store, as pure functions: no printing, no exits."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from syria_timeline.dates import DateInputError, parse_bound, parse_year, span_overlaps, span_years
from syria_timeline.errors import BadValue, printable
from syria_timeline.model import ACTOR_ROLES, Actor, Event, Place, Record, actor_ids
from syria_timeline.query.names import place_filter, record_names, resolve_actor, resolve_type
from syria_timeline.store.loading import IndexAnswers, Store

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
                 newest_first: bool = False, limit: int | None = None,
                 place_ids: Sequence[str] = ()) -> Filters:
    """Filters from what a user typed: any digits, any spelling, dates as periods.

    `place_ids` are places already resolved (by id, never read again as names: a city's id
    can be a province's other name).

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
        years=year_set, start=first, end=last,
        places=_places(store, places, place_ids),
        actors=_actor_filter(store, actors), victors=_actor_filter(store, victors),
        losers=_actor_filter(store, losers),
        types=frozenset(resolve_type(t) for t in types) if types else None,
        text=text_filter(store, text) if text is not None else None,
        newest_first=newest_first, limit=limit,
    )


def _places(store: Store, names: Sequence[str], ids: Sequence[str]) -> frozenset[str] | None:
    by_name = place_filter(store, names)
    if not ids:
        return by_name
    by_id = frozenset(i for ident in ids for i in store.place_children(ident))
    return by_id if by_name is None else by_name | by_id


def _actor_filter(store: Store, names: Sequence[str]) -> frozenset[str] | None:
    return frozenset(resolve_actor(store, n).id for n in names) if names else None


def text_filter(store: Store, text: str) -> TextFilter:
    """The `--text` filter: the words typed, and the forms of every place's and actor's names."""
    from syria_timeline.query.text import Query

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

    def terms(self) -> list[tuple[frozenset[str], list[str], list[str]]]:
        """Each typed word as an index asks for it: its forms, the places and the actors
        whose names have one of them (an event at such a place, or naming such an actor,
        has the word)."""
        places = list(self.store.places.values())
        actors = list(self.store.actors.values())
        return [(term, sorted(p.id for p in places if not term.isdisjoint(self._forms(p))),
                 sorted(a.id for a in actors if not term.isdisjoint(self._forms(a))))
                for term in self.query.terms]

    def _forms(self, record: Place | Actor | None) -> frozenset[str]:
        if record is None:
            return frozenset()
        key = f"{type(record).__name__}:{record.id}"
        forms = self.forms.get(key)
        if forms is None:
            from syria_timeline.query.text import text_forms

            forms = self.forms[key] = text_forms(record_names(record))
        return forms


def select(store: Store, filters: Filters) -> list[Event]:
    """The events that pass `filters`, in date order, expanded only after cutting to --limit.

    Events of one date keep their order in the store (the sort is stable both ways).
    """
    if store.events.answers is not None:  # an index answers in SQL
        return _select_indexed(store.events.answers, filters)
    rows = store.events.rows(filters.needed())
    keyed = [(row.date, i) for i, row in enumerate(rows) if filters.matches(row)]
    del rows  # a large store's rows go before its matches are expanded: peak memory
    keyed.sort(key=itemgetter(0), reverse=filters.newest_first)
    kept = [i for _, i in keyed]
    if filters.limit is not None:
        kept = kept[: filters.limit]
    return [store.events.event(i) for i in kept]


def select_stored(store: Store, filters: Filters) -> list[bytes] | None:
    """`select`'s events as the store's file holds them (JSON bytes), where an index can give
    them without building an event of each; None where it cannot (read whole or lazily)."""
    index = store.events.answers
    return index.raws(index.select(filters)) if index is not None else None


def _select_indexed(events: IndexAnswers, filters: Filters) -> list[Event]:
    """`select` through an index, which answers the text too (from its words, or by reading
    the events the other filters keep)."""
    return events.events(events.select(filters))
