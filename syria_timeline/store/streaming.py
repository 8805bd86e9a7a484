"""A large store's events read from its file a chunk at a time, for `validate`.

Holding a store's bytes whole costs its size in memory before a single event is looked at.
Here the file is read in chunks (`CHUNK`), and each chunk is cut after the last whole event it
holds. Where an event ends is found by structure, not by guessing: a cut is kept only when the
text from the start of the events array to it, closed by a `]`, decodes as a JSON array. JSON
reads from left to right the same whatever follows, so such a text ends exactly at the end of
an event (a `}` inside a string, or inside a nested value, leaves it unclosed).

The rest of the document (schema, sources, places, actors) is read from the bytes before the
events array; anything this reader does not expect (the events first, keys after them, bytes
that are not UTF-8 where it looks) makes it give up (`Unstreamable`), and the caller reads the
whole file as before: what is reported never depends on how the file was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

import msgspec

from syria_timeline.store import large

CHUNK = 64 * 1024 * 1024
_TRIES = 64  # `}` tried from a chunk's end before reading on: text rarely holds one
_EVENTS_KEY = re.compile(rb'"events"\s*:\s*\[')
_SPACE = b" \t\r\n"
_decode_raws: Any = msgspec.json.Decoder(list[msgspec.Raw]).decode


class Unstreamable(Exception):
    """The file is not laid out as this reader expects: read it whole."""


class EventChunks:
    """The top of a store (`top`), then its events a list of undecoded slices at a time."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self.read = 0  # bytes read so far
        self.count = 0  # events handed out so far
        self.done = 0  # bytes of the file up to the last event handed out
        head, self._rest = self._head()
        self.top = _top(head)

    def _more(self, size: int = 0) -> bytes:
        block = self._file.read(size or CHUNK)
        self.read += len(block)
        return block

    def _head(self) -> tuple[bytes, bytes]:
        """The bytes before the events array's first element, and those after its `[`."""
        data = b""
        while True:
            block = self._more()
            if not block:
                raise Unstreamable
            data += block
            for found in _EVENTS_KEY.finditer(data):
                try:  # only a top-level key leaves the text before it a whole object so closed
                    msgspec.json.decode(data[:found.start()] + b'"events":[]}')
                except msgspec.DecodeError:
                    continue
                return data[:found.start()], data[found.end():]

    def __iter__(self) -> Iterator[list[msgspec.Raw]]:
        rest = self._rest
        self._rest = b""
        ended = False
        while True:
            rest = rest.lstrip(_SPACE)
            if self.count and rest[:1] == b",":
                rest = rest[1:].lstrip(_SPACE)
            if rest[:1] == b"]" or (not rest and ended):
                self._tail(rest, ended)
                return
            if len(rest) < CHUNK and not ended:
                block = self._more()
                ended = not block
                rest += block
                continue
            cut = _cut(rest)
            if cut is None:
                if ended:
                    raise Unstreamable
                block = self._more(max(len(rest), CHUNK))  # an event longer than a chunk
                ended = not block
                rest += block
                continue
            raws, rest = cut[0], rest[cut[1]:]
            self.count += len(raws)
            self.done = self.read - len(rest)
            yield raws

    def _tail(self, rest: bytes, ended: bool) -> None:
        """After the events: only the end of the document may follow."""
        if not ended:
            rest += self._file.read()
        if rest[1:].strip(_SPACE) != b"}" or not rest.startswith(b"]"):
            raise Unstreamable


def _top(head: bytes) -> large.Top:
    """The store's top level from the bytes before its events (all of it: none may follow)."""
    try:
        head.decode("utf-8")
        top = large.decode_top(head + b'"events":[]}')
        keys = msgspec.json.decode(head + b'"events":[]}', type=dict[str, msgspec.Raw])
    except (*large.DecodeFailure, RecursionError):
        raise Unstreamable from None
    if any(getattr(top, k) is None for k in ("schema", "sources", "places", "actors")) \
            or set(keys) != {"schema", "sources", "places", "actors", "events"} \
            or head.startswith(b"\xef\xbb\xbf"):
        raise Unstreamable  # anything unusual: the whole-file path words it
    return top


def _cut(data: bytes) -> tuple[list[msgspec.Raw], int] | None:
    """The whole events at the start of `data` and where the last one ends; None if none is
    found among the last `_TRIES` closing braces."""
    end = len(data)
    for _ in range(_TRIES):
        end = data.rfind(b"}", 0, end)
        if end < 0:
            return None
        after = data[end + 1:end + 65].lstrip(_SPACE)[:1]
        if after in (b",", b"]", b""):
            try:
                return _decode_raws(b"[" + data[:end + 1] + b"]"), end + 1
            except (msgspec.DecodeError, RecursionError):
                pass
    return None
