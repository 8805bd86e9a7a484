"""Large stores, read lazily: decode only the fields a query filters on, expand only matches.

A store of 100,000 events is tens of megabytes; parsing it whole into Python objects costs
about four times its size in memory. Here the file's bytes are held once, each event is kept
as an undecoded slice (`msgspec.Raw`), a query decodes just the fields it filters on, and
only the events it returns are decoded in full.

Checking every event of such a file is the slow part, so a store that passed is remembered
by path, size, modification time and inode in the user's cache folder
($XDG_CACHE_HOME/syria-timeline, else ~/.cache/syria-timeline) and not checked again until
one of those changes. Nothing is ever written next to the store.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from syria_timeline import __version__
from syria_timeline.model import Event
from syria_timeline.store import (
    Store,
    StoreError,
    build,
    check,
    line_column,
    make_event,
)


class _Top(msgspec.Struct):
    schema: Any = None
    sources: Any = None
    places: Any = None
    actors: Any = None
    events: list[msgspec.Raw] = msgspec.field(default_factory=list)


class LazyStore(Store):
    def __init__(self, store: Store, raws: list[msgspec.Raw]) -> None:
        super().__init__(store.path, store.sources, store.places, store.actors)
        self.raws = raws

    def __len__(self) -> int:
        return len(self.raws)

    def rows(self, fields: frozenset[str]) -> Sequence[Any]:
        decode: Callable[[bytes], Any] = msgspec.json.Decoder(_row_type(fields)).decode
        return [decode(raw) for raw in self.raws]

    def event(self, index: int) -> Event:
        return make_event(msgspec.json.decode(self.raws[index]))


@lru_cache(maxsize=8)
def _row_type(fields: frozenset[str]) -> type:
    # The store was checked already: no type checks here, unknown fields skipped unread.
    return msgspec.defstruct("Row", [(name, Any, None) for name in sorted(fields)])


def load_lazy(path: Path, data: bytes) -> LazyStore:
    top = _decode(path, data)
    document = {"schema": top.schema, "sources": top.sources, "places": top.places,
                "actors": top.actors, "events": []}
    marker = _marker(path)
    if marker is None or not marker.exists():
        # _Top skips keys it does not know; the full check must see them to report them.
        keys = msgspec.json.decode(data, type=dict[str, msgspec.Raw]).keys()
        document.update((key, None) for key in keys if key not in document)
        events = (msgspec.json.decode(raw) for raw in top.events)
        problems = list(check(path, document, events=events))
        if problems:
            raise StoreError(problems)
        _remember(marker)
    return LazyStore(build(path, document), top.events)


def _decode(path: Path, data: bytes) -> _Top:
    try:
        return msgspec.json.decode(data, type=_Top)
    except msgspec.ValidationError as error:
        raise StoreError([f"{path}: {error}"]) from None
    except msgspec.DecodeError as error:
        found = re.search(r"\(byte (\d+)\)", str(error))
        where = "line {}, column {}: ".format(*line_column(data, int(found[1]))) if found else ""
        raise StoreError([f"{path}: {where}not valid JSON: {error}"]) from None
    except RecursionError:
        raise StoreError([f"{path}: JSON nested too deeply to be a store"]) from None


def _marker(path: Path) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}|{__version__}"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "syria-timeline", "checked", hashlib.sha256(key.encode()).hexdigest())


def _remember(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only home only costs a re-check next time
