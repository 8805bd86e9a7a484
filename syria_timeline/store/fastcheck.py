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

from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any, Literal, Optional

import msgspec

from syria_timeline.dates import check_stored
from syria_timeline.model import ACTOR_ROLES, BASE_TYPES, BaseType, Event, python_pattern
from syria_timeline.store.checks import Known


def _base(declared: BaseType) -> Any:
    """The msgspec type of one of the model's base types (`checks` says the same in words)."""
    if declared.choices:
        return Literal[declared.choices]
    if declared.json != "string":
        kind = int if declared.json == "integer" else float
        return Annotated[kind, msgspec.Meta(ge=declared.low, le=declared.high)]
    if declared.refers_to:  # whether the id is known is checked apart
        return str
    return Annotated[str, msgspec.Meta(pattern=python_pattern(declared.pattern or ""))]


_BASES = {name: _base(declared) for name, declared in BASE_TYPES.items()}


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
    decode: Any = msgspec.json.Decoder(event_type()).decode
    try:
        events = [decode(raw) for raw in raws]
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
        return None
    places, actors, sources = (known.ids[k] for k in ("place", "actor", "source"))
    ids: set[str] = set()
    for event in events:
        if event.id in ids or not _dates_pass(event.date, event.precision, event.end):
            return None
        ids.add(event.id)
        if event.place not in places or event.source not in sources or not _figures_pass(event):
            return None
        if not _actors_pass(event, actors) or not _quotes_pass(event, sources, known):
            return None
    return events


@lru_cache(maxsize=65536)
def _dates_pass(date: str, precision: str, end: str | None) -> bool:
    if check_stored(date, precision) is not None:
        return False
    return end is None or (check_stored(end, "day") is None and precision == "day"
                           and end > date)


def _actors_pass(event: Any, actors: set[str]) -> bool:
    for role in ACTOR_ROLES:
        value = getattr(event, role)
        if isinstance(value, list):
            if not actors.issuperset(value):
                return False
        elif value is not None and value not in actors:
            return False
    return True


def _figures_pass(event: Any) -> bool:
    killed, low, high = event.killed, event.killed_low, event.killed_high
    civilians = event.civilians_killed
    return not any(a is not None and b is not None and a > b for a, b in (
        (civilians, killed), (low, killed), (killed, high), (low, high)))


def _quotes_pass(event: Any, sources: set[str], known: Known) -> bool:
    if not known.texts.has(event.source, event.quote):
        return False
    if len(event.other_sources) != len(event.other_quotes):
        return False
    return all(s in sources and known.texts.has(s, q)
               for s, q in zip(event.other_sources, event.other_quotes, strict=True))
