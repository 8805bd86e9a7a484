"""The events of a large store, read lazily: decode only the fields a query needs.

A store of 100,000 events is tens of megabytes; parsing it whole into Python objects costs
about four times its size in memory. Here the file's bytes are held once, each event is kept
as an undecoded slice (`msgspec.Raw`), a query decodes just the fields it filters on, and
only the events it returns are decoded in full.

A leaf: it knows the records, not how a store is checked or where it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import msgspec

from syria_timeline.model import Event

DecodeFailure = (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError)


class Top(msgspec.Struct):
    """A store's top level with its events left undecoded."""

    schema: Any = None
    sources: Any = None
    places: Any = None
    actors: Any = None
    events: list[msgspec.Raw] = msgspec.field(default_factory=list)


def decode_top(data: bytes) -> Top:
    """Raises one of DecodeFailure when the bytes are not such a document."""
    return msgspec.json.decode(data, type=Top)


def top_level_keys(data: bytes) -> list[str]:
    """Every key of the top-level object (Top skips the ones it does not know)."""
    return list(msgspec.json.decode(data, type=dict[str, msgspec.Raw]))


class LazyEvents:
    """Events as undecoded slices of the store's bytes."""

    answers = None  # no index: every question reads the rows

    def __init__(self, raws: list[msgspec.Raw]) -> None:
        self.raws = raws

    def __len__(self) -> int:
        return len(self.raws)

    def rows(self, fields: frozenset[str]) -> Sequence[Any]:
        decode: Callable[[bytes], Any] = msgspec.json.Decoder(row_type(fields)).decode
        return [decode(raw) for raw in self.raws]

    def event(self, index: int) -> Event:
        return Event.from_json(msgspec.json.decode(self.raws[index]))

    def records(self, fallback: Callable[[bytes], Any]) -> Iterator[Any]:
        """Each event as a plain JSON value, for the full check.

        What msgspec will not decode (a lone surrogate escape, an integer beyond 64 bits) is
        decoded by `fallback`, which the checks then report on precisely.
        """
        for raw in self.raws:
            try:
                yield msgspec.json.decode(raw)
            except DecodeFailure:
                yield fallback(bytes(raw))


@lru_cache(maxsize=8)
def row_type(fields: frozenset[str]) -> type:
    # The store was checked already: no type checks here, unknown fields skipped unread.
    return msgspec.defstruct("Row", [(name, Any, None) for name in sorted(fields)])
