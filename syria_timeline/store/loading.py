"""Read and build a store: the bundled one, or any file in the same schema.

Stores are only ever opened for reading. Small stores are parsed whole with the standard
library; large ones (`LAZY_BYTES`) keep their events undecoded (`lazy`) and are checked in
full once, after which a marker in the user's cache says so until the store or one of its
source texts changes. A marker is never taken on trust alone: if a query meets a value that
breaks it, the store is checked again and the real problem reported (`Store.recheck`).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from syria_timeline import __version__
from syria_timeline.errors import StoreError
from syria_timeline.files import (
    MAX_STORE_BYTES,
    FileProblem,
    line_column,
    read_limited,
    shipped,
    state,
)
from syria_timeline.model import Actor, Event, Place, Record, Source
from syria_timeline.store.checks import check, parse_int, summary_line, validate_document
from syria_timeline.store.sources import SourceTexts, fingerprint

# Above this size a store is read lazily; below it, whole.
LAZY_BYTES = 4 * 1024 * 1024
_UTF8_CHUNK = 16 * 1024 * 1024


class IndexAnswers(Protocol):
    """What an index answers itself, in SQL, instead of reading every event's row.

    `query` asks `Events.answers` and falls back to `rows` when it is None; both ways give
    the same answers (tests/test_index.py runs random queries each way).
    """

    def select(self, filters: Any) -> list[int]:
        """The numbers of the events `filters` keeps, in the order asked for."""

    def counts(self, filters: Any, by: str) -> dict[str, int] | None:
        """Events per key of `by`; None where SQL cannot count it."""

    def latest_captures(self) -> dict[str, tuple[str, str | None]]:
        """Per place: the date and victor of its latest capture."""

    def place_and_actor_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Events per place id and per actor id."""

    def find_id(self, ident: str) -> int | None:
        """The number of the event with this exact id."""

    def events(self, numbers: Sequence[int]) -> list[Event]:
        """The events with these numbers."""

    def rows_of(self, numbers: Sequence[int], fields: frozenset[str]) -> Sequence[Any]:
        """The rows of these events with at least `fields`."""

    def forget(self) -> None:
        """Remove the index (it broke a query): the next run builds it anew."""


class Events(Protocol):
    """A store's events, in store order, however they are held."""

    @property
    def answers(self) -> IndexAnswers | None:
        """An index that answers queries itself, or None (events read whole or lazily)."""

    def __len__(self) -> int: ...

    def rows(self, fields: frozenset[str]) -> Sequence[Any]:
        """Records with at least `fields` readable as attributes, index-aligned with `event`."""

    def event(self, index: int) -> Event: ...


class EventList:
    """Events parsed whole: each row is the Event itself, so it has every field asked for."""

    answers = None

    def __init__(self, events: list[Event]) -> None:
        self._events = events

    def __len__(self) -> int:
        return len(self._events)

    def rows(self, fields: frozenset[str]) -> Sequence[Event]:
        return self._events

    def event(self, index: int) -> Event:
        return self._events[index]


class Store(Record):
    """A checked store: its gazetteer whole, its events behind `events`."""

    path: Path
    sources: dict[str, Source]
    places: dict[str, Place]
    actors: dict[str, Actor]
    events: Events
    warnings: tuple[str, ...] = ()  # e.g. a source text not found: its quotes unverified
    trusted: bool = False  # checked on an earlier run (the marker), not on this one

    def place_children(self, place_id: str) -> list[str]:
        """The place and every place that lies in it (a province's cities)."""
        return [place_id, *(p.id for p in self.places.values() if p.province == place_id)]

    def recheck(self) -> StoreError | None:
        """The store's problems after a full check, for a query that broke on a trusted store.

        A store answered from its index that passes the check again had a broken index: it is
        replaced by a new one, and the user is asked to run the command again.
        """
        index = self.events.answers
        if index is not None:
            index.forget()
        try:
            load(self.path, trust_marker=False)
        except StoreError as error:
            return error
        if index is not None:
            return StoreError([f"{self.path}: its index in the cache was broken and has been "
                               "built again; run the command again"])
        return None


def bundled_path() -> Path:
    """The store shipped inside the package (in a source checkout, the repo's data/ folder)."""
    return shipped("events.json")


# Above this size the first check takes long enough (about 5 s per 100 MB) to say so first.
SLOW_BYTES = 32 * 1024 * 1024


def load(path: Path | None = None, *, trust_marker: bool = True,
         notice: Callable[[str], None] | None = None) -> Store:
    """Read and check a store; the bundled one when `path` is None.

    `notice` is told, before a long first check of a large store, that it is coming.
    """
    path = bundled_path() if path is None else path
    if trust_marker:
        indexed = _load_indexed(path)
        if indexed is not None:
            return indexed
    data = read_store_bytes(path)
    if len(data) > LAZY_BYTES:
        return _load_lazy(path, data, trust_marker, notice)
    return _load_whole(path, data)


def read_store_bytes(path: Path) -> bytes:
    try:
        data = read_limited(path, MAX_STORE_BYTES)
    except FileProblem as problem:
        reason = str(problem)
        if reason.startswith("is a folder"):
            reason = "is a folder; give the path of a store's JSON file"
        elif reason == "not found":
            reason = "no such file"
        raise StoreError([f"{path}: {reason}"]) from None
    if not data or data.isspace():  # isspace, unlike strip, never copies a large file
        raise StoreError([f"{path}: is empty; a store is a JSON object (see the README)"])
    return data


def parse_json(path: Path, data: bytes) -> Any:
    try:
        # A byte-order mark, which some editors write, is not JSON: skip it.
        text = data.decode("utf-8")[1 if data.startswith(b"\xef\xbb\xbf") else 0:]
    except UnicodeDecodeError as error:
        raise StoreError([_utf8_problem(path, data, error.start)]) from None
    try:
        return json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as error:
        raise StoreError(
            [f"{path}: line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}"]
        ) from None
    except RecursionError:
        raise StoreError([f"{path}: JSON nested too deeply to be a store"]) from None


def _utf8_problem(path: Path, data: bytes, offset: int) -> str:
    line, column = line_column(data, offset)
    return (f"{path}: line {line}, column {column}: byte 0x{data[offset]:02x} is not UTF-8; "
            "a store must be UTF-8 text")


def _load_whole(path: Path, data: bytes) -> Store:
    return from_document(path, parse_json(path, data))


def from_document(path: Path, document: Any) -> Store:
    """A store from a parsed document, checked (StoreError if it breaks any rule)."""
    texts = SourceTexts(path)
    problems = list(check(path, document, texts=texts))
    if problems:
        raise StoreError(problems)
    events = EventList([Event.from_json(e) for e in document["events"]])
    return _build(path, document, events, tuple(texts.warnings()), trusted=False)


def _build(path: Path, document: dict[str, Any], events: Events, warnings: tuple[str, ...],
           trusted: bool) -> Store:
    """A Store from a document that `check` passed (or that a marker says passed)."""
    return Store(
        path=path,
        sources={s["id"]: Source.from_json(s) for s in document["sources"]},
        places={p["id"]: Place.from_json(p) for p in document["places"]},
        actors={a["id"]: Actor.from_json(a) for a in document["actors"]},
        events=events, warnings=warnings, trusted=trusted,
    )


def validate_file(path: Path) -> tuple[list[str], str]:
    """Every problem of the store at `path` (source texts' SHA-256 included), or a summary."""
    try:
        document = parse_json(path, read_store_bytes(path))
    except StoreError as error:
        return error.problems, ""
    problems = validate_document(path, document, SourceTexts(path, strict=True))
    return problems, "" if problems else summary_line(path, document)


# --- large stores ------------------------------------------------------------------------------


def _load_lazy(path: Path, data: bytes, trust_marker: bool,
               notice: Callable[[str], None] | None = None) -> Store:
    from syria_timeline.store import large as lazy

    try:
        top = lazy.decode_top(data)
    except lazy.DecodeFailure:
        # msgspec's messages lack line and column, and it refuses some valid JSON (lone
        # surrogate escapes): the standard library says precisely what is wrong, or reads it.
        return _load_whole(path, data)
    except RecursionError:
        raise StoreError([f"{path}: JSON nested too deeply to be a store"]) from None
    document = {"schema": top.schema, "sources": top.sources, "places": top.places,
                "actors": top.actors, "events": []}
    events = lazy.LazyEvents(top.events)
    marker = _marker(path, top.sources)
    texts = SourceTexts(path)
    if trust_marker and marker is not None and _is_marker(marker):
        try:
            texts.note_missing(top.sources)
            warnings = [*texts.warnings(), *_index(path, data, document, events)]
            return _build(path, document, events, tuple(warnings), trusted=True)
        except (TypeError, KeyError, AttributeError, ValueError):
            pass  # a marker that lies: check in full below
    if notice is not None and len(data) > SLOW_BYTES:
        notice(f"Note: {path} ({len(data) / 2**20:,.0f} MiB) is new or changed: checking it "
               "once and indexing it; later queries are answered from the index")
    try:
        decoded = _full_check(path, data, document, events, texts)
    except StoreError:
        _forget(marker)
        raise
    _remember(marker)
    warnings = [*texts.warnings(), *_index(path, data, document, events, decoded)]
    return _build(path, document, events, tuple(warnings), trusted=False)


def _load_indexed(path: Path) -> Store | None:
    """The store from its index, without reading it; None when it has no usable one."""
    try:
        if os.stat(path).st_size <= LAZY_BYTES:
            return None
    except (OSError, ValueError):
        return None
    from syria_timeline.store import index

    where = index.index_path(path, cache_folder())
    if where is None or not where.exists():
        return None
    try:
        opened = index.Index(where, path)
    except index.IndexUnavailable:
        return None
    top = opened.top
    if opened.fingerprint != fingerprint(path, top["sources"]):
        return None  # a source text changed: check again
    texts = SourceTexts(path)
    texts.note_missing(top["sources"])
    document = {**top, "events": []}
    return _build(path, document, index.IndexedEvents(opened), tuple(texts.warnings()),
                  trusted=True)


def _index(path: Path, data: bytes, document: dict[str, Any], events: Any,
           decoded: Sequence[Any] | None = None) -> list[str]:
    """Build the index of a store that just passed the check; a warning if it cannot be."""
    from syria_timeline.store import index

    where = index.index_path(path, cache_folder())
    if where is None:
        return ["no cache folder (HOME and XDG_CACHE_HOME unset): every query reads the "
                "whole store"]
    top = {k: document[k] for k in ("schema", "sources", "places", "actors")}
    try:
        index.make_room(where)  # before decoding a million rows for nothing
        rows = decoded if decoded is not None else events.rows(index.NEEDED)
        index.build(where, top, fingerprint(path, top["sources"]), rows,
                    index.spans_of(data, events.raws))
    except index.IndexUnavailable as problem:
        return [f"cannot keep an index in {where.parent} ({problem}): every query reads the "
                "whole store"]
    return []


def _full_check(path: Path, data: bytes, document: dict[str, Any], events: Any,
                texts: SourceTexts) -> list[Any] | None:
    """Raise StoreError with every problem; else the events as `fastcheck` decoded them (None
    when they were checked the slow way)."""
    from syria_timeline.store import fastcheck
    from syria_timeline.store import large as lazy

    _check_utf8(path, data)
    # Top skips keys it does not know; the full check must see them to report them.
    document.update((k, None) for k in lazy.top_level_keys(data) if k not in document)
    problems = list(check(path, document, events=[], texts=texts))  # all but the events
    if problems:
        raise StoreError(problems)
    from syria_timeline.store.checks import Known

    decoded = fastcheck.events_pass(events.raws, Known(document, texts))
    if decoded is not None:
        return decoded
    # Some event may break a rule: the slow check finds it and says what is wrong.

    def fallback(raw: bytes) -> Any:
        try:
            return json.loads(raw.decode("utf-8"), parse_int=parse_int)
        except ValueError:
            return None

    problems = list(check(path, document, events=events.records(fallback), texts=texts))
    if problems:
        raise StoreError(problems)
    return None


def _check_utf8(path: Path, data: bytes) -> None:
    """The small path's UTF-8 message, without decoding a large store into one string."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    for start in range(0, len(data), _UTF8_CHUNK):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[start:start + _UTF8_CHUNK], final=start + _UTF8_CHUNK >= len(data))
        except UnicodeDecodeError as error:
            raise StoreError([_utf8_problem(path, data, start - pending + error.start)]) from None


def cache_folder() -> Path | None:
    """$XDG_CACHE_HOME/syria-timeline, else ~/.cache/syria-timeline; a relative one is ignored."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base, "syria-timeline")


def _marker(path: Path, sources: Any) -> Path | None:
    """The marker file that says this exact store (and its texts) passed the full check."""
    import hashlib

    folder = cache_folder()
    where = _where(path)
    if folder is None or where is None:
        return None
    key = "|".join([where, state(path), __version__, fingerprint(path, sources)])
    return folder / "checked" / hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _where(path: Path) -> str | None:
    """The store's full path (None where it has none: a loop of links, a NUL byte)."""
    try:
        return str(path.resolve())
    except (OSError, ValueError, RuntimeError):
        return None


def _is_marker(marker: Path) -> bool:
    """Only a regular file the tool made is a marker: a link (to anything) is not."""
    try:
        return stat.S_ISREG(os.lstat(marker).st_mode)
    except OSError:
        return False


def _remember(marker: Path | None) -> None:
    if marker is None:
        return
    folder = cache_folder()
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        # Never through a link: the tool writes only inside its own cache.
        if folder is None or not marker.parent.resolve().is_relative_to(folder.resolve()):
            return
        if os.path.islink(marker):
            marker.unlink()
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o644))
    except OSError:
        pass  # a read-only cache only costs a check next time


def _forget(marker: Path | None) -> None:
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink(missing_ok=True)
