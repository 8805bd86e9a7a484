"""Questions asked of a store, as pure functions: no printing, no exits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from typing import Any, TypeVar

from syria_timeline.arabic import normalize
from syria_timeline.dates import DateInputError, parse_bound, span_overlaps
from syria_timeline.errors import BadValue, NotFound, printable
from syria_timeline.model import EVENT_TYPES, PLACE_SIZE_ORDER, Actor, Event, Place
from syria_timeline.store.loading import Store
from syria_timeline.vocabulary import TYPE_NAMES_AR

R = TypeVar("R", Place, Actor)


def record_names(record: Place | Actor) -> list[str]:
    return [record.name_ar, record.name_en, record.id, *record.aliases]


def _lookup(records: Iterable[R], name: str, what: str) -> R:
    wanted = normalize(name)
    if not wanted:
        raise BadValue(f"the {what} name is empty; give a name such as الرقة or Raqqa", about=what)
    index: dict[str, list[R]] = {}
    for record in records:
        for spelling in record_names(record):
            index.setdefault(normalize(spelling), []).append(record)
    found = index.get(wanted)
    if found:
        return min(found, key=_rank)
    message, suggested = _not_found(what, name, wanted, index)
    raise NotFound(message, see=None if suggested else f"{what}s")


def _rank(record: Place | Actor) -> int:
    kind = getattr(record, "kind", None)
    return PLACE_SIZE_ORDER.index(kind) if kind in PLACE_SIZE_ORDER else 0


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
        for spelling in record_names(place):
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
    exact = [a for a in actors if wanted and wanted in {normalize(n) for n in record_names(a)}]
    if len(exact) > 1:
        raise _ambiguous(name, exact)
    if exact:
        return exact[0]
    words = set(wanted.split())
    partial = [a for a in actors if words and any(words <= set(normalize(n).split())
                                                  for n in record_names(a))]
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
    index = store.events.answers  # an index finds an exact id at once
    found_id = index.find_id(typed) if index is not None else None
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


