"""Every rule a store must follow, and the `validate` run that reports them all.

The field rules derive from the record declarations in `model`: a field's type name says
what its value must be (`ActorId | None`: an actor of the store, or null), and a field with
no default is required. What the types cannot say (a date that fits its precision, no more
civilians than dead, a quote found verbatim in its source text) is checked here too.

Every problem is one line that names the record (event id, place id, …) and the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from syria_timeline.dates import check_stored
from syria_timeline.errors import is_text, printable
from syria_timeline.model import (
    BASE_TYPES,
    CHOICES,
    READABLE_SCHEMAS,
    SCHEMA_VERSION,
    Actor,
    BaseType,
    Event,
    Place,
    Record,
    Source,
    python_pattern,
)
from syria_timeline.store.sources import SourceTexts

SCHEMA = SCHEMA_VERSION
SCHEMAS = READABLE_SCHEMAS
TOP_LEVEL = ("schema", "sources", "places", "actors", "events")
# Counts above this are not casualty figures but typing errors (or an attack on the parser).
_SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


class Known:
    """The ids a record may refer to, gathered before the events are checked."""

    def __init__(self, document: dict[str, Any], texts: SourceTexts) -> None:
        self.ids = {kind: _ids(document[f"{kind}s"]) for kind in ("source", "place", "actor")}
        self.provinces = {p["id"] for p in document["places"] if isinstance(p, dict)
                          and p.get("kind") == "province" and isinstance(p.get("id"), str)}
        self.texts = texts
        self.strict = texts.strict  # validate: control characters in text are problems too
        self.seen: dict[str, set[str]] = {}  # ids met so far, by kind: duplicates


def _ids(records: list[Any]) -> set[str]:
    return {r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}


def check(path: Path, document: Any, events: Iterable[Any] | None = None,
          texts: SourceTexts | None = None) -> Iterator[str]:
    """Every problem of a parsed store, one line each, prefixed by the file name.

    `events` replaces document["events"] for stores whose events are decoded one by one.
    `texts` reads the source texts (a strict one, for validate, reports more).
    """
    for problem in _check(document, events, texts or SourceTexts(path)):
        yield f"{path}: {problem}"


def _check(document: Any, events: Iterable[Any] | None, texts: SourceTexts) -> Iterator[str]:
    problem = _top_level(document, lazy=events is not None)
    if problem:
        yield problem
        return
    for key in document:
        if key not in TOP_LEVEL and not key.startswith("$"):
            yield f"unknown top-level key {key!r} (a store has {', '.join(TOP_LEVEL)})"
    texts.load(document["sources"])
    known = Known(document, texts)
    for kind, cls in (("source", Source), ("place", Place), ("actor", Actor)):
        for index, record in enumerate(document[f"{kind}s"]):
            yield from check_record(cls, kind, index, record, known)
    for index, record in enumerate(document["events"] if events is None else events):
        yield from check_record(Event, "event", index, record, known)


def _top_level(document: Any, lazy: bool) -> str | None:
    if not isinstance(document, dict):
        return (f"the top level is a JSON {json_type(document)}; a store is an object with "
                f"the keys {', '.join(TOP_LEVEL)}")
    missing = [key for key in TOP_LEVEL if key not in document]
    if missing:
        return f"missing top-level keys: {', '.join(missing)} (a store has {', '.join(TOP_LEVEL)})"
    if document["schema"] not in SCHEMAS or type(document["schema"]) is not int:
        return (f"field 'schema': {_shown(document['schema'])}; this version reads schema "
                f"{', '.join(map(str, SCHEMAS[:-1]))} or {SCHEMAS[-1]}")
    for key in TOP_LEVEL[1:]:
        if not (key == "events" and lazy) and not isinstance(document[key], list):
            return f"field {key!r}: a JSON {json_type(document[key])}; expected a list"
    return None


def json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def check_record(cls: type[Record], kind: str, index: int, record: Any, known: Known
                 ) -> Iterator[str]:
    """Problems of one record of the store (a source, place, actor or event)."""
    if not isinstance(record, dict):
        yield f"{kind} #{index}: a JSON {json_type(record)}; expected an object"
        return
    ident = record.get("id")
    # An id with a newline or a control character in it is shown escaped: one problem, one line.
    label = f"{kind} {printable(ident, 80)}" if isinstance(ident, str) and ident.strip() \
        and is_text(ident) else f"{kind} #{index}"
    problems = [*_duplicate(kind, ident, known), *_unknown_fields(cls, record),
                *_field_problems(cls, record, known), *_record_rules(kind, record, known)]
    for name, problem in problems:
        yield f"{label}: field {name!r}: {problem}"


def _duplicate(kind: str, ident: Any, known: Known) -> Iterator[tuple[str, str]]:
    if not isinstance(ident, str):
        return
    seen = known.seen.setdefault(kind, set())
    if ident in seen:
        yield "id", f"{_shown(ident)} is used twice; ids must be unique"
    seen.add(ident)


def _unknown_fields(cls: type[Record], record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for name in record:
        if name not in cls.field_types():
            yield (_shown(name)[1:-1], "unknown field "
                   f"(known fields: {', '.join(sorted(cls.fields()))})")


def _field_problems(cls: type[Record], record: dict[str, Any], known: Known
                    ) -> Iterator[tuple[str, str]]:
    required = set(cls.required())
    for name, declared in cls.field_types().items():
        if name not in record:
            if name in required:
                yield name, "missing"
            continue
        value = record[name]
        problem = _value_problem(declared, value, known, name in required)
        if problem:
            yield name, problem


def _value_problem(declared: str, value: Any, known: Known, required: bool) -> str | None:
    """Why `value` does not fit a field declared as `X`, `X | None` or `tuple[X, ...]`."""
    if declared.startswith("tuple["):
        base = declared[len("tuple["):-len(", ...]")]
        if not isinstance(value, list):
            return f"a JSON {json_type(value)}; expected a list"
        problems = (_base_problem(base, item, known) for item in value)
        return next((p for p in problems if p), None)
    base, _, optional = declared.partition(" | ")
    if value is None and (optional or not required):
        return None if optional else "null; a value is required"
    return _base_problem(base, value, known)


def _base_problem(base: str, value: Any, known: Known) -> str | None:
    declared = BASE_TYPES[base]
    if declared.json != "string":
        return _number_problem(declared, value)
    if not isinstance(value, str):
        return f"a JSON {json_type(value)}; expected a string"
    if not is_text(value):
        return f"{_shown(value)} has a lone surrogate, which is not text"
    if declared.choices:
        return None if value in declared.choices else \
            f"{_shown(value)}; expected one of {', '.join(declared.choices)}"
    if declared.refers_to:
        return _reference_problem(declared.refers_to, value, known)
    if base == "Id":
        return _slug_problem(value)
    if not value.strip():
        return "empty"
    if base == "Day":
        return check_stored(value, "day")
    if declared.expected and not _pattern(declared.pattern).search(value):
        return f"{_shown(value, 40)}; expected {declared.expected}"
    if known.strict and _has_control(value):
        return f"{_shown(value, 40)} has control characters, which would act on a terminal"
    return None


@cache
def _pattern(pattern: str | None) -> re.Pattern[str]:
    return re.compile(python_pattern(pattern or ""))


def _reference_problem(kind: str, value: str, known: Known) -> str | None:
    if kind == "province":
        if value in known.provinces:
            return None
        return f"{_shown(value)} is not the id of a place of kind 'province'"
    if value in known.ids[kind]:
        return None
    return f"{_shown(value)} is not the id of any {kind} in the store"


def _slug_problem(value: str) -> str | None:
    if not value.strip():
        return "empty"
    if value[0] == "-" or not _SLUG_CHARS.issuperset(value):
        return f"{_shown(value)} is not an id: use a-z, 0-9 and hyphens"
    return None


def _number_problem(declared: BaseType, value: Any) -> str | None:
    kinds = int if declared.json == "integer" else (int, float)
    expected = declared.expected
    if isinstance(value, bool) or not isinstance(value, kinds):
        return f"{_shown(value)}; expected {expected}"
    if isinstance(value, int) and value.bit_length() > 64:
        return f"{_shown(value)}; expected {expected}"
    low, high = declared.low, declared.high
    in_range = (low is None or low <= value) and (high is None or value <= high)
    return None if in_range else f"{value!r}; expected {expected}"


def _record_rules(kind: str, record: dict[str, Any], known: Known) -> list[tuple[str, str]]:
    """Rules across fields, which no single field's type can say."""
    rules = _RULES.get(kind)
    return [(name, problem) for name, problem in rules(record, known)] if rules else []


def _event_rules(record: dict[str, Any], known: Known) -> Iterator[tuple[str, str]]:
    date, precision = record.get("date"), record.get("precision")
    if isinstance(date, str) and precision in CHOICES["Precision"] and is_text(date):
        problem = check_stored(date, precision)
        if problem:
            yield "date", problem
    yield from _span_rules(record)
    yield from _figure_rules(record)
    quote = record.get("quote")
    source = record.get("source")
    if isinstance(source, str) and isinstance(quote, str) and not known.texts.has(source, quote):
        yield "source", f"the quote is not found verbatim in the text of source {_shown(source)}"
    yield from _other_accounts(record, known)


def _span_rules(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A span of days starts at a day and ends after it."""
    date, end = record.get("date"), record.get("end")
    if not isinstance(end, str) or not isinstance(date, str) or check_stored(end, "day"):
        return
    if record.get("precision") != "day":
        yield "end", "a span of days needs precision 'day' (its first day is `date`)"
    elif not end > date:
        yield "end", f"{_shown(end)} is not after the date {_shown(date)}; a span ends after it starts"


def _figure_rules(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """No more civilians than dead; a low estimate at most the best, the best at most the high."""
    names = ("killed", "civilians_killed", "killed_low", "killed_high")
    known: dict[str, int] = {n: record[n] for n in names if _small_int(record.get(n))}
    for small, large in (("civilians_killed", "killed"), ("killed_low", "killed"),
                         ("killed", "killed_high"), ("killed_low", "killed_high")):
        if small in known and large in known and known[small] > known[large]:
            yield small, f"{known[small]} is more than {large} ({known[large]})"
            return


def _other_accounts(record: dict[str, Any], known: Known) -> Iterator[tuple[str, str]]:
    """Each other source's quote is verbatim in that source: the lists go in pairs."""
    sources, quotes = record.get("other_sources", []), record.get("other_quotes", [])
    if not isinstance(sources, list) or not isinstance(quotes, list):
        return
    if len(sources) != len(quotes):
        yield "other_quotes", (f"{len(quotes)} quotes for {len(sources)} other sources; give one "
                               "quote for each")
        return
    for source, quote in zip(sources, quotes, strict=True):
        if isinstance(source, str) and isinstance(quote, str) and not known.texts.has(source, quote):
            yield "other_quotes", (f"a quote is not found verbatim in the text of source "
                                   f"{_shown(source)}")


def _place_rules(record: dict[str, Any], known: Known) -> Iterator[tuple[str, str]]:
    if (record.get("lat") is None) != (record.get("lon") is None):
        yield "lat", "give both lat and lon, or neither"


class HugeNumber:
    """A JSON integer too long to be any field's value, kept unconverted.

    Python refuses to convert integers of more than 4,300 digits (a denial-of-service guard),
    so the parser hands such numbers here and the checks report them.
    """

    def __init__(self, digits: str) -> None:
        self.digits = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"a number of {self.digits} digits"


def parse_int(text: str) -> int | HugeNumber:
    return int(text) if len(text) <= 40 else HugeNumber(text)


def _source_rules(record: dict[str, Any], known: Known) -> Iterator[tuple[str, str]]:
    problem = known.texts.problem(record.get("id"))
    if problem:
        yield "file", problem


_RULES: dict[str, Callable[[dict[str, Any], Known], Iterable[tuple[str, str]]]] = {
    "event": _event_rules, "place": _place_rules, "source": _source_rules}


def _small_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 64


# C0 controls but newline and tab, DEL, C1: one compiled search, not a loop over characters.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _has_control(text: str) -> bool:
    return CONTROL.search(text) is not None


def _shown(value: Any, limit: int = 80) -> str:
    """A value quoted for a message: repr escapes controls and surrogates; long ones cut."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of {len(str(abs(value)))} digits"  # at most 40: see parse_int
    shown = repr(value)
    if not isinstance(value, str):
        return shown
    text = shown if len(shown) <= limit else shown[: limit - 2] + "…'"
    return text.translate(_REPR_BIDI)


_REPR_BIDI = {c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


# --- validate --------------------------------------------------------------------------------


def validate_document(path: Path, document: Any, texts: SourceTexts) -> list[str]:
    """Every problem, control characters and source texts' SHA-256 included."""
    problems = list(check(path, document, texts=texts))
    if not problems:
        problems = [f"{path}: {p}" for p in texts.hash_problems(document["sources"])]
    return problems


def summary_line(path: Path, document: dict[str, Any]) -> str:
    counts = {k: len(document[k]) for k in ("events", "places", "actors", "sources")}
    words = ", ".join(f"{n} {k[:-1] if n == 1 else k}" for k, n in counts.items())
    return f"{path}: valid store: {words}"
