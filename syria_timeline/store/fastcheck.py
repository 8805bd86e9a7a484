"""The check of a large store's events at the speed of C: a proof that they pass, or "look closer".

`checks` says precisely what is wrong with a store, one field at a time, in Python: about 40 µs
an event. For a store of a million events that is most of a minute, so a large store's events
are first decoded with msgspec into types made from the same declarations (`model`): shapes,
choices, ranges and unknown fields are checked by its C decoder; references, dates against
their precision, spans, figures and quotes by a few set lookups here. When every event passes,
the store passes `checks` too. When any does not, nothing is decided here: the caller runs
`checks`, which finds the same problem and words it. A test holds the two to the same verdicts.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any, Literal, Optional

import msgspec

from syria_timeline.dates import check_stored
from syria_timeline.model import BASE_TYPES, BaseType, Event, python_pattern
from syria_timeline.store.checks import CONTROL, Known

# What `EventRules` checks in Python, faster than a pattern per string in msgspec's decode
# (60% of it): blank text, an id's letters; dates by `_dates_pass`.
_IN_PYTHON = frozenset({"Text", "Id", "Day", "DatePrefix"})
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _base(name: str, declared: BaseType) -> Any:
    """The msgspec type of one of the model's base types (`checks` says the same in words)."""
    if declared.choices:
        return Literal[declared.choices]
    if declared.json != "string":
        kind = int if declared.json == "integer" else float
        return Annotated[kind, msgspec.Meta(ge=declared.low, le=declared.high)]
    if declared.refers_to or name in _IN_PYTHON:  # whether the id is known is checked apart
        return str
    return Annotated[str, msgspec.Meta(pattern=python_pattern(declared.pattern or ""))]


_BASES = {name: _base(name, declared) for name, declared in BASE_TYPES.items()}


def _type(declared: str) -> tuple[Any, bool]:
    """The msgspec type of a declared field type, and whether it may be left out."""
    if declared.startswith("tuple["):
        return list[_BASES[declared[len("tuple["):-len(", ...]")]]], True  # type: ignore[misc]
    base, _, optional = declared.partition(" | ")
    return (Optional[_BASES[base]] if optional else _BASES[base]), bool(optional)  # noqa: UP045


@lru_cache(maxsize=1)
def event_type() -> type:
    fields: list[Any] = []
    for name, declared in Event.field_types().items():
        kind, optional = _type(declared)
        default = Event._defaults.get(name, msgspec.NODEFAULT)
        if optional and default is msgspec.NODEFAULT:
            default = None
        fields.append((name, kind, [] if isinstance(default, tuple) else default)
                      if default is not msgspec.NODEFAULT else (name, kind))
    required = [f for f in fields if len(f) == 2]
    return msgspec.defstruct("CheckedEvent", [*required, *(f for f in fields if len(f) == 3)],
                             forbid_unknown_fields=True)


def events_pass(raws: Sequence[Any], known: Known) -> list[Any] | None:
    """The decoded events if every one passes every rule of `checks`; None if any may not."""
    rules = EventRules(known)
    events = rules.decode(raws)
    return events if events is not None and rules.all_pass(events) else None


class EventRules:
    """The event rules of `checks`, for events decoded a batch at a time (`decode`)."""

    def __init__(self, known: Known) -> None:
        self._decode: Any = msgspec.json.Decoder(event_type()).decode
        self.places, self.actors, self.sources = (known.ids[k] for k in ("place", "actor", "source"))
        self.ids: set[str] = set()
        self.known = known
        self.strict = known.strict  # validate: control characters in text are problems too
        self._quotes: set[tuple[str, str]] = set()  # (source, quote) found already: quotes repeat

    def again(self) -> None:
        """Forget the ids seen: the events are checked again from the first."""
        self.ids.clear()

    def decode(self, raws: Sequence[Any]) -> list[Any] | None:
        """The events typed, shapes and ranges checked; None when one is not such an event."""
        decode = self._decode
        try:
            return [decode(raw) for raw in raws]
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
            return None

    def passes(self, event: Any) -> bool:
        return self.all_pass((event,))

    def all_pass(self, events: Sequence[Any]) -> bool:
        """Whether every event of a batch passes (its lookups bound once: a million events)."""
        ids, places, sources, actors, quotes = (self.ids, self.places, self.sources,
                                                self.actors, self._quotes)
        strict, found, id_letters = self.strict, self._found, _ID.fullmatch
        for event in events:
            ident = event.id
            if ident in ids or not id_letters(ident):
                return False
            ids.add(ident)
            if not _dates_pass(event.date, event.precision, event.end) \
                    or event.place not in places or event.source not in sources:
                return False
            if not (_texts_pass(event, strict) and _figures_pass(event)
                    and actors.issuperset(named(event))):
                return False
            if (event.source, event.quote) not in quotes and not found(event.source, event.quote):
                return False
            if (event.other_sources or event.other_quotes) and not self._others_pass(event):
                return False
        return True

    def _others_pass(self, event: Any) -> bool:
        if len(event.other_sources) != len(event.other_quotes):
            return False
        return all(s in self.sources and self._found(s, q)
                   for s, q in zip(event.other_sources, event.other_quotes, strict=True))

    def _found(self, source: str, quote: str) -> bool:
        if (source, quote) in self._quotes:
            return True
        if not self.known.texts.has(source, quote):
            return False
        self._quotes.add((source, quote))
        return True


# The event's texts: three it must have, lists it may (read from the model: a new one is seen).
_TEXT_LISTS = tuple(n for n, t in Event.field_types().items() if t == "tuple[Text, ...]")
_TEXTS_MORE = tuple(n for n, t in Event.field_types().items()
                    if t == "Text" and n not in ("quote", "summary_ar", "summary_en"))


_NAMES = (*_TEXT_LISTS, *_TEXTS_MORE, "id")  # "id": a tuple back however few the others
_lists = operator.attrgetter(*_NAMES)


def _texts_pass(event: Any, strict: bool) -> bool:
    """Text is never blank (`checks`: empty once stripped); validate also refuses controls."""
    quote, arabic, english = event.quote, event.summary_ar, event.summary_en
    if not (quote and arabic and english) or quote.isspace() or arabic.isspace() \
            or english.isspace():
        return False
    more: list[str] = []
    for value in _lists(event)[:-1]:
        if value:
            more.extend(value) if isinstance(value, list) else more.append(value)
    if more and not all(text and not text.isspace() for text in more):
        return False
    return not strict or not any(CONTROL.search(t) for t in (quote, arabic, english, *more))


def named(event: Any) -> tuple[str, ...]:
    """Every actor an event names (`model.actor_ids`, in another order), at the speed a million
    events need."""
    singles = (event.victor, event.loser, event.actor, event.target, event.figures_source)
    return (*[a for a in singles if a is not None], *(event.supported_by or ()),
            *(event.associated or ()))


@lru_cache(maxsize=65536)
def _dates_pass(date: str, precision: str, end: str | None) -> bool:
    if check_stored(date, precision) is not None:
        return False
    return end is None or (check_stored(end, "day") is None and precision == "day"
                           and end > date)


def _figures_pass(event: Any) -> bool:
    killed, low, high = event.killed, event.killed_low, event.killed_high
    civilians = event.civilians_killed
    if low is None and high is None and civilians is None:  # most events: nothing to compare
        return True
    return not any(a is not None and b is not None and a > b for a, b in (
        (civilians, killed), (low, killed), (killed, high), (low, high)))
