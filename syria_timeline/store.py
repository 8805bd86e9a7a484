"""Load and check an event store: the bundled one, or any file in the same schema.

Stores are only ever opened for reading. Every problem is one line that names the file,
the record (event id, or place/actor id) and the field, so a user can fix it without a
traceback. Small stores are parsed whole with the standard library; large ones go
through `syria_timeline.bigstore`, which decodes only what a query needs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from syria_timeline.dates import check_stored
from syria_timeline.errors import NOT_FOUND, TimelineError, printable
from syria_timeline.model import (
    DATE_BASES,
    EVENT_FIELDS,
    EVENT_TYPES,
    PLACE_KINDS,
    Actor,
    Event,
    Place,
    Source,
)

SCHEMA = 1
# Above this size a store is read lazily (see bigstore); below it, whole.
LAZY_BYTES = 4 * 1024 * 1024
_SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_REQUIRED_TEXT = ("id", "date", "precision", "type", "place", "summary_ar", "summary_en",
                  "source", "quote")
_OPTIONAL_TEXT = ("date_basis", "victor", "loser", "actor", "target", "figures_source")
_COUNTS = ("killed", "civilians_killed")
_TOP = ("schema", "sources", "places", "actors", "events")
MAX_SHOWN_PROBLEMS = 3


class StoreError(TimelineError):
    """A store that cannot be used. `problems` are one-line messages, file name included."""

    exit_code = NOT_FOUND

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        first = self.problems[:MAX_SHOWN_PROBLEMS]
        more = len(self.problems) - len(first)
        tail = [f"… and {more} more problems (`timeline validate FILE` lists them all)"]
        super().__init__("\n".join(first + (tail if more else [])))


def bundled_path() -> Path:
    """The store shipped inside the package; in a source checkout, the repo's data/ folder.

    The wheel puts the store at syria_timeline/data/events.json. For a package installed on
    disk that is exactly where importlib.resources.files() points, and importing
    importlib.resources costs 4 ms of a 60 ms start-up, so the path is built directly.
    (Installs from a zip file are not supported.)
    """
    packaged = Path(__file__).parent / "data" / "events.json"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "events.json"


class Store:
    """A checked store: its gazetteer whole, its events behind `rows` and `event`."""

    def __init__(self, path: Path, sources: dict[str, Source], places: dict[str, Place],
                 actors: dict[str, Actor], events: list[Event] | None = None) -> None:
        self.path = path
        self.sources = sources
        self.places = places
        self.actors = actors
        self._events = events or []

    def __len__(self) -> int:
        return len(self._events)

    def rows(self, fields: frozenset[str]) -> Sequence[Any]:
        """Records with at least `fields` readable as attributes, index-aligned with `event`."""
        return self._events

    def event(self, index: int) -> Event:
        return self._events[index]

    def place_children(self, place_id: str) -> list[str]:
        """The place and every place that lies in it (a province's cities)."""
        return [place_id, *(p.id for p in self.places.values() if p.province == place_id)]


def load(path: Path | None = None) -> Store:
    """Read and check a store; the bundled one when `path` is None."""
    path = bundled_path() if path is None else path
    data = read_bytes(path)
    if len(data) > LAZY_BYTES:
        from syria_timeline.bigstore import load_lazy

        return load_lazy(path, data)
    document = parse_json(path, data)
    problems = list(check(path, document))
    if problems:
        raise StoreError(problems)
    return build(path, document)


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise StoreError([f"{path}: is a folder; give the path of a store's JSON file"]) from None
    except PermissionError:
        raise StoreError([f"{path}: not allowed to read this file"]) from None
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL byte in it
        reason = getattr(error, "strerror", None) or error
        raise StoreError([f"{printable(str(path))}: cannot be read ({reason})"]) from None
    if not data or data.isspace():  # isspace, unlike strip, never copies a large file
        raise StoreError([f"{path}: is empty; a store is a JSON object (see the README)"])
    return data


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode_text(path: Path, data: bytes) -> str:
    try:
        # A byte-order mark, which some editors write, is not JSON: skip it.
        return data.decode("utf-8")[1 if data.startswith(b"\xef\xbb\xbf") else 0:]
    except UnicodeDecodeError as error:
        line, column = line_column(data, error.start)
        byte = data[error.start]
        raise StoreError(
            [f"{path}: line {line}, column {column}: byte 0x{byte:02x} is not UTF-8; "
             "a store must be UTF-8 text"]
        ) from None


def parse_json(path: Path, data: bytes) -> Any:
    text = decode_text(path, data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise StoreError(
            [f"{path}: line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}"]
        ) from None
    except RecursionError:
        raise StoreError([f"{path}: JSON nested too deeply to be a store"]) from None


# --- checking -------------------------------------------------------------------------------


def check(path: Path, document: Any, events: Iterable[Any] | None = None) -> Iterator[str]:
    """Every problem of a parsed store, one line each, prefixed by the file name.

    `events` replaces document["events"] for stores whose events are decoded one by one.
    """
    for problem in _check(path, document, events):
        yield f"{path}: {problem}"


def _check(path: Path, document: Any, events: Iterable[Any] | None) -> Iterator[str]:
    if not isinstance(document, dict):
        yield (f"the top level is a JSON {_json_type(document)}; a store is an object with "
               f"the keys {', '.join(_TOP)}")
        return
    missing = [key for key in _TOP if key not in document]
    if missing:
        yield f"missing top-level keys: {', '.join(missing)} (a store has {', '.join(_TOP)})"
        return
    for key in document:
        if key not in _TOP and not key.startswith("$"):
            yield f"unknown top-level key {key!r} (a store has {', '.join(_TOP)})"
    if document["schema"] != SCHEMA:
        yield f"field 'schema': {document['schema']!r}; this version reads schema {SCHEMA}"
        return
    for key in _TOP[1:]:
        if key == "events" and events is not None:
            continue
        if not isinstance(document[key], list):
            yield f"field {key!r}: a JSON {_json_type(document[key])}; expected a list"
            return
    texts: dict[str, str | None] = {}
    yield from _check_sources(path, document["sources"], texts)
    yield from _check_places(document["places"])
    yield from _check_actors(document["actors"])
    places = {p["id"]: p for p in document["places"]
              if isinstance(p, dict) and isinstance(p.get("id"), str)}
    actors = {a["id"] for a in document["actors"]
              if isinstance(a, dict) and isinstance(a.get("id"), str)}
    seen: set[str] = set()
    for index, event in enumerate(document["events"] if events is None else events):
        yield from check_event(index, event, places, actors, texts, seen)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _objects(kind: str, records: list[Any]) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(label, record) for each record; record is None after a problem that stops its checks.

    Reports records that are not objects and ids used twice.
    """
    seen: set[str] = set()
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            yield f"{kind} #{index}: a JSON {_json_type(record)}; expected an object", None
            continue
        ident = record.get("id")
        label = f"{kind} {ident}" if isinstance(ident, str) and ident else f"{kind} #{index}"
        if isinstance(ident, str):
            if ident in seen:
                yield f"{label}: field 'id': {ident!r} is used twice; ids must be unique", None
            seen.add(ident)
        yield label, record


def _problems(label: str, checks: Iterable[tuple[str, str | None]]) -> Iterator[str]:
    for name, problem in checks:
        if problem is not None:
            yield f"{label}: field {name!r}: {problem}"


def _text(record: dict[str, Any], name: str, *, required: bool = True) -> str | None:
    if name not in record:
        return "missing" if required else None
    value = record[name]
    if value is None and not required:
        return None
    if not isinstance(value, str):
        return f"a JSON {_json_type(value)}; expected a string"
    if not value.strip():
        return "empty"
    return None


def _slug(record: dict[str, Any]) -> str | None:
    problem = _text(record, "id")
    ident: str = record.get("id", "")
    if problem is None and (ident[0] == "-" or not _SLUG_CHARS.issuperset(ident)):
        return f"{record['id']!r} is not an id: use a-z, 0-9 and hyphens"
    return problem


def _aliases(record: dict[str, Any]) -> str | None:
    value = record.get("aliases", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return "expected a list of non-empty strings"
    return None


def _unknown(record: dict[str, Any], known: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    allowed = set(known)
    for name in record:
        if name not in allowed:
            yield name, f"unknown field (known fields: {', '.join(sorted(allowed))})"


def _check_sources(path: Path, sources: list[Any], texts: dict[str, str | None]
                   ) -> Iterator[str]:
    known = ("id", "publisher", "publisher_ar", "dateline", "published", "language",
             "title", "file", "sha256")
    for label, record in _objects("source", sources):
        if record is None:
            yield label
            continue
        checks = [("id", _slug(record)), *_unknown(record, known)]
        checks += [(n, _text(record, n)) for n in ("publisher", "dateline", "language", "sha256")]
        checks += [(n, _text(record, n, required=False)) for n in ("title", "publisher_ar", "file")]
        published = _text(record, "published")
        if published is None:
            published = check_stored(record["published"], "day")
        checks.append(("published", published))
        file_problem = None
        if isinstance(record.get("file"), str) and isinstance(record.get("id"), str):
            file_problem = _read_source(path, record, texts)
        checks.append(("file", file_problem))
        if isinstance(record.get("id"), str):
            texts.setdefault(record["id"], None)
        yield from _problems(label, checks)


def _read_source(path: Path, record: dict[str, Any], texts: dict[str, str | None]
                 ) -> str | None:
    source_file = path.parent / record["file"]
    try:
        texts[record["id"]] = source_file.read_text(encoding="utf-8")
    except (OSError, ValueError):  # ValueError: not UTF-8, or a NUL byte in the path
        return f"{str(source_file)!r} cannot be read as UTF-8 text (paths are relative to the store)"
    return None


def _check_places(places: list[Any]) -> Iterator[str]:
    known = ("id", "name_ar", "name_en", "aliases", "kind", "province", "lat", "lon")
    provinces = {p["id"] for p in places if isinstance(p, dict)
                 and p.get("kind") == "province" and isinstance(p.get("id"), str)}
    for label, record in _objects("place", places):
        if record is None:
            yield label
            continue
        checks = _named(record, known)
        kind = record.get("kind")
        checks.append(("kind", None if kind in PLACE_KINDS
                       else f"{kind!r}; expected one of {', '.join(PLACE_KINDS)}"))
        province = record.get("province")
        checks.append(("province", None if province is None
                       or (isinstance(province, str) and province in provinces)
                       else f"{province!r} is not the id of a place of kind 'province'"))
        checks += _coordinates(record)
        yield from _problems(label, checks)


def _coordinates(record: dict[str, Any]) -> list[tuple[str, str | None]]:
    checks: list[tuple[str, str | None]] = []
    for name, limit in (("lat", 90), ("lon", 180)):
        value = record.get(name)
        ok = value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)
                               and -limit <= value <= limit)
        checks.append((name, None if ok else f"{value!r}; expected a number from -{limit} "
                       f"to {limit}, or null"))
    if (record.get("lat") is None) != (record.get("lon") is None):
        checks.append(("lat", "give both lat and lon, or neither"))
    return checks


def _check_actors(actors: list[Any]) -> Iterator[str]:
    known = ("id", "name_ar", "name_en", "aliases")
    for label, record in _objects("actor", actors):
        if record is None:
            yield label
            continue
        yield from _problems(label, _named(record, known))


def _named(record: dict[str, Any], known: Iterable[str]) -> list[tuple[str, str | None]]:
    """The checks places and actors share: id, known fields, both names, aliases."""
    checks = [("id", _slug(record)), *_unknown(record, known)]
    checks += [(n, _text(record, n)) for n in ("name_ar", "name_en")]
    checks.append(("aliases", _aliases(record)))
    return checks


def check_event(index: int, record: Any, places: dict[str, Any], actors: set[str],
                texts: dict[str, str | None], seen: set[str]) -> Iterator[str]:
    """Problems of one event. `seen` collects ids across calls to find duplicates."""
    if not isinstance(record, dict):
        yield f"event #{index}: a JSON {_json_type(record)}; expected an object"
        return
    ident = record.get("id")
    label = f"event {ident}" if isinstance(ident, str) and ident else f"event #{index}"
    checks: list[tuple[str, str | None]] = [("id", _slug(record)),
                                            *_unknown(record, EVENT_FIELDS)]
    if isinstance(ident, str):
        if ident in seen:
            checks.append(("id", f"{ident!r} is used twice; ids must be unique"))
        seen.add(ident)
    checks += [(n, _text(record, n)) for n in _REQUIRED_TEXT[1:]]
    checks += [(n, _text(record, n, required=False)) for n in _OPTIONAL_TEXT]
    checks += _event_values(record, places, actors, texts)
    yield from _problems(label, checks)


def _event_values(record: dict[str, Any], places: dict[str, Any], actors: set[str],
                  texts: dict[str, str | None]) -> list[tuple[str, str | None]]:
    checks: list[tuple[str, str | None]] = []
    date, precision = record.get("date"), record.get("precision")
    if isinstance(date, str) and isinstance(precision, str):
        checks.append(("date", check_stored(date, precision)))
    value = record.get("type")
    if isinstance(value, str) and value not in EVENT_TYPES:
        checks.append(("type", f"{value!r}; expected one of {', '.join(EVENT_TYPES)}"))
    value = record.get("date_basis")
    if isinstance(value, str) and value not in DATE_BASES:
        checks.append(("date_basis", f"{value!r}; expected one of {', '.join(DATE_BASES)}"))
    value = record.get("place")
    if isinstance(value, str) and value not in places:
        checks.append(("place", f"{value!r} is not the id of any place in the store"))
    for name in ("victor", "loser", "actor", "target", "figures_source"):
        value = record.get(name)
        if isinstance(value, str) and value not in actors:
            checks.append((name, f"{value!r} is not the id of any actor in the store"))
    checks.append(("supported_by", _backers(record.get("supported_by", []), actors)))
    checks += _counts(record)
    checks.append(("source", _quote_problem(record, texts)))
    return checks


def _backers(value: Any, actors: set[str]) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "expected a list of actor ids"
    unknown = [v for v in value if v not in actors]
    if unknown:
        return f"{', '.join(map(repr, unknown))} not the id of any actor in the store"
    return None


def _counts(record: dict[str, Any]) -> list[tuple[str, str | None]]:
    checks: list[tuple[str, str | None]] = []
    for name in _COUNTS:
        value = record.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value < 0):
            checks.append((name, f"{value!r}; expected a whole number 0 or more, or null"))
    killed, civilians = record.get("killed"), record.get("civilians_killed")
    if isinstance(killed, int) and isinstance(civilians, int) and civilians > killed:
        checks.append(("civilians_killed", f"{civilians} is more than killed ({killed})"))
    return checks


def _quote_problem(record: dict[str, Any], texts: dict[str, str | None]) -> str | None:
    source, quote = record.get("source"), record.get("quote")
    if not isinstance(source, str):
        return None
    if source not in texts:
        return f"{source!r} is not the id of any source in the store"
    text = texts[source]
    if text is not None and isinstance(quote, str) and quote not in text:
        return f"the quote is not found verbatim in the text of source {source!r}"
    return None


# --- building -------------------------------------------------------------------------------


def build(path: Path, document: dict[str, Any]) -> Store:
    """A Store from a document that `check` passed."""
    return Store(
        path=path,
        sources={s["id"]: Source(**s) for s in document["sources"]},
        places={p["id"]: make_place(p) for p in document["places"]},
        actors={a["id"]: Actor(**{**a, "aliases": tuple(a.get("aliases", ()))})
                for a in document["actors"]},
        events=[make_event(e) for e in document["events"]],
    )


def make_place(record: dict[str, Any]) -> Place:
    return Place(**{**record, "aliases": tuple(record.get("aliases", ()))})


def make_event(record: dict[str, Any]) -> Event:
    return Event(**{**record, "supported_by": tuple(record.get("supported_by", ()))})


def validate_file(path: Path) -> tuple[list[str], str]:
    """Every problem of the store at `path` (source texts' SHA-256 included), or a summary."""
    try:
        document = parse_json(path, read_bytes(path))
    except StoreError as error:
        return error.problems, ""
    problems = list(check(path, document))
    if not problems:
        problems = list(_hash_problems(path, document["sources"]))
    if problems:
        return problems, ""
    counts = (len(document[k]) for k in ("events", "places", "actors", "sources"))
    return [], "{}: valid store: {} events, {} places, {} actors, {} sources".format(path, *counts)


def _hash_problems(path: Path, sources: list[dict[str, Any]]) -> Iterator[str]:
    import hashlib

    for source in sources:
        if source.get("file"):
            digest = hashlib.sha256((path.parent / source["file"]).read_bytes()).hexdigest()
            if digest != source["sha256"].lower():
                yield (f"{path}: source {source['id']}: field 'sha256': the file "
                       f"{source['file']} has SHA-256 {digest}; the text changed or the hash is wrong")


def schema_text() -> str:
    """The JSON Schema of schema 1, shipped as syria_timeline/schema.json."""
    return Path(__file__).with_name("schema.json").read_text(encoding="utf-8")


def store_path(option: str | None) -> Path | None:
    """The store to use: --data, else $TIMELINE_DATA, else None for the bundled one."""
    if option is not None:
        return Path(option)
    env = os.environ.get("TIMELINE_DATA", "").strip()
    return Path(env) if env else None
