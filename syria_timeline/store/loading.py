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

    def raws(self, numbers: Sequence[int]) -> list[bytes]:
        """The stored JSON of these events, as the store's file has it."""

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
         notice: Callable[[str], None] | None = None,
         progress: Callable[[str, int, int], None] | None = None) -> Store:
    """Read and check a store; the bundled one when `path` is None.

    `notice` is told, before a long first check of a large store, that it is coming;
    `progress` how far it is (what is being done, how much of how much).
    """
    path = bundled_path() if path is None else path
    if trust_marker and _large(path):
        indexed = _load_indexed(path, progress)
        if indexed is not None:
            return indexed
    before = state(path)  # what the file was before it was read: see `opening`
    data = read_store_bytes(path)
    if len(data) > LAZY_BYTES:
        from syria_timeline.store import opening

        return opening.load_large(path, data, before, trust_marker, notice, progress)
    return _load_whole(path, data)


def _large(path: Path) -> bool:
    try:
        return os.stat(path).st_size > LAZY_BYTES
    except (OSError, ValueError):
        return False


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


def validate_file(path: Path, progress: Callable[[str, int, int], None] | None = None
                  ) -> tuple[list[str], str]:
    """Every problem of the store at `path` (source texts' SHA-256 included), or a summary.

    A large store is read a chunk at a time (`opening.validate_streamed`), or whole when it
    must be (`opening.validate_large`): the same problems either way."""
    try:
        if _large(path):  # first a chunk at a time, in a little memory
            from syria_timeline.store import opening

            found = opening.validate_streamed(path, progress)
            if found is not None:
                return found
        data = read_store_bytes(path)
        if len(data) > LAZY_BYTES:
            from syria_timeline.store import opening

            found = opening.validate_large(path, data, progress)
            if found is not None:
                return found
        document = parse_json(path, data)
    except StoreError as error:
        return error.problems, ""
    problems = validate_document(path, document, SourceTexts(path, strict=True))
    return problems, "" if problems else summary_line(path, document)


# --- large stores (`opening`) ---------------------------------------------------------------


def _load_indexed(path: Path, progress: Callable[[str, int, int], None] | None
                  ) -> Store | None:
    """The store from its index, without reading it; None when it has no usable one (see
    `opening`: the index names the store's state, and its meta must agree)."""
    from syria_timeline.store import index

    known = state(path)
    key = index.index_key(path, known)
    where = index.index_path(path, cache_folder(), known)
    if key is None or where is None or not where.exists():
        return None
    try:
        opened = index.Index(where, path, key)
    except index.IndexUnavailable:
        return None
    opened.progress = progress  # the text index, made on the first --text, says how far it is
    top = opened.top
    if opened.fingerprint != fingerprint(path, top["sources"]):
        return None  # a source text changed: check again
    texts = SourceTexts(path)
    texts.note_missing(top["sources"])
    document = {**top, "events": []}
    return _build(path, document, index.IndexedEvents(opened), tuple(texts.warnings()),
                  trusted=True)


def _check_utf8(path: Path, data: bytes, begin: int = 0, stop: int | None = None) -> None:
    """The small path's UTF-8 message, without decoding a large store into one string; of
    the bytes from `begin` to `stop` (all of them by default)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    stop = len(data) if stop is None else stop
    for start in range(begin, stop, _UTF8_CHUNK):
        pending = len(decoder.getstate()[0])
        end = min(start + _UTF8_CHUNK, stop)
        try:
            decoder.decode(view[start:end], final=end >= stop)
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


def _marker(path: Path, sources: Any, known: str | None = None) -> Path | None:
    """The marker file that says this exact store (and its texts) passed the full check."""
    import hashlib

    folder = cache_folder()
    where = _where(path)
    if folder is None or where is None:
        return None
    key = "|".join([where, known or state(path), __version__, fingerprint(path, sources)])
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
