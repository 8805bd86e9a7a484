"""An embedded index behind a large JSON store: SQLite (standard library), in the user's cache.

The JSON file stays the store people write, share and validate. After a large store passes the
full check, the columns queries filter on (dates as first and last day, place, type, every
actor in every role) go into a SQLite file with indexes, each event with its byte offset in the
store; the events themselves are read from the store's file (with pread, at their offsets) only
when a query returns them. A later query opens the index without reading the store at all.

The index is keyed like the check marker: the store's path, size, modification and change
times, inode and device, the tool's version; the source texts' state is kept inside it and
compared on opening. An edited store gets a new key, so a stale index is never used. It is
built in a temporary file and renamed into place, so a process killed mid-build leaves no
half-built index, and processes building at once each rename a whole one. Any failure to
build or open it (a read-only cache, a full disk, a broken file) falls back to reading the
store, which answers the same.

What the SQL answers must equal what the Python filters answer (`query.Filters.matches`):
a period overlaps a range when its first day is not after the range's end and its last day
not before its start; a year matches when it lies between the first and last day's years.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any

from syria_timeline import __version__
from syria_timeline.files import state
from syria_timeline.model import ACTOR_ROLES, Event

FORMAT = 8  # of the index file: a change makes every index be rebuilt
NEEDED = frozenset({"id", "date", "end", "type", "place", *ACTOR_ROLES})
_INDEXED = frozenset({"id", "date", "end", "type", "place", "victor", "loser"})  # as stored


class IndexUnavailable(Exception):
    """The index cannot be used or built here; the caller reads the store instead."""


class IndexMismatch(Exception):
    """The index and the store disagree (one changed, or the index lies): not a user's error;
    the store is checked again and a new index built (`Store.recheck`)."""


def _id_of(piece: bytes) -> Any:
    """The id of an event whose id is not written plainly (JSON may escape any letter)."""
    import msgspec

    try:
        return msgspec.json.decode(piece, type=dict[str, Any]).get("id")
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def index_path(store: Path, cache: Path | None, known: str | None = None) -> Path | None:
    """Where this exact state of the store (`files.state`, `known` if given) has its index;
    None if it cannot have one."""
    key = index_key(store, known)
    if cache is None or key is None:
        return None
    return cache / "index" / f"{key[:16]}-{key[16:40]}.sqlite"


def index_key(store: Path, known: str | None = None) -> str | None:
    """What names an index, and is kept in it to be compared when it is opened: the store's
    full path and state, the tool's version, the index format."""
    try:
        where = str(store.resolve())
    except (OSError, ValueError, RuntimeError):
        return None
    key = "|".join(map(str, (where, known or state(store), __version__, FORMAT)))
    return _digest(where)[:16] + _digest(key)


def make_room(target: Path) -> str | None:
    """The index's folder, made; why the cache cannot hold it, or None."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return (error.strerror or str(error)).lower()
    if not os.access(target.parent, os.W_OK):
        return "the folder is read-only"
    return None


def forget_others(kept: Path) -> None:
    """Older indexes of the same store path (it was edited since): never used again."""
    prefix = kept.name.split("-", 1)[0]
    for other in kept.parent.glob(f"{prefix}-*.sqlite"):
        if other != kept:
            with contextlib.suppress(OSError):
                other.unlink()


def sqlite_uri(path: Path, mode: str) -> str:
    """A database URI for any path: `#`, `?` and `%` in a folder's name are escaped, or SQLite
    would read them as the URI's fragment or query and open another file."""
    from urllib.parse import quote

    return f"file:{quote(str(path.absolute()))}?mode={mode}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- querying ---------------------------------------------------------------------------------


class Index:
    """An open index and the store file it describes."""

    def __init__(self, path: Path, store: Path, key: str, data: bytes | None = None) -> None:
        """Raises IndexUnavailable unless the file is an index of this tool's format built from
        the store whose key is `key`. `data`: the store's bytes, when they are in memory."""
        self.path = path
        self.key = key
        self.data = data
        self._words: bool | None = None  # whether the text index is attached (None: not tried)
        self._spans: dict[int, tuple[int, int, str]] = {}  # of the events the last select found
        self.progress: Any = None  # told how far the text index is, while it is made
        try:
            self.db = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, isolation_level=None)
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("key") != key or meta.get("format") != str(FORMAT):
                raise ValueError("built from another store")
            self.top: dict[str, Any] = json.loads(meta["top"])
            self.fingerprint: str = meta["fingerprint"]
            self.count = int(meta["count"])
            self.widest = int(meta["widest"])  # days from an event's first day to its last
            # Read with pread, not a memory map: only the bytes of the events a query returns
            # are read, and the rest of a large store never counts in this process's memory.
            self.fd = os.open(store, os.O_RDONLY)
            self.store = store
        except (OSError, sqlite3.Error, KeyError, ValueError) as error:
            raise IndexUnavailable(str(error)) from None

    def raw(self, n: int) -> bytes:
        offset, length, ident = self.db.execute(
            'SELECT "offset", length, id FROM events WHERE n = ?', (n,)).fetchone()
        return self._slice(offset, length, ident)

    def _slice(self, offset: int, length: int, ident: str) -> bytes:
        """The bytes of one event, which must be the event the index names there: a store
        changed since the key was checked, or an index that lies, never answers."""
        data = self.data
        piece = os.pread(self.fd, length, offset) if data is None else data[offset:offset + length]
        if piece[:1] != b"{" or piece[-1:] != b"}" or len(piece) != length or (
                b'"%s"' % ident.encode("utf-8", "surrogatepass") not in piece
                and _id_of(piece) != ident):
            raise IndexMismatch(f"{self.store}: the event at byte {offset} is not {ident!r}")
        return piece

    def all_raws(self) -> Iterator[bytes]:
        for row in self.db.execute('SELECT "offset", length, id FROM events ORDER BY n'):
            yield self._slice(*row)

    def raws(self, numbers: Sequence[int]) -> list[bytes]:
        spans = self._spans
        if not spans.keys() >= set(numbers):
            spans = dict(self._in("n", numbers, 'SELECT n, "offset", length, id FROM events'))
        return [self._slice(*spans[n]) for n in numbers]

    def _in(self, column: str, values: Sequence[Any], head: str) -> Iterator[Any]:
        """Rows whose `column` is one of `values`, in chunks below SQLite's variable limit."""
        values = list(values)
        for start in range(0, len(values), 30000):
            chunk = values[start:start + 30000]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"{head} WHERE {column} IN ({marks})", chunk):
                yield row[0], row[1:]

    def select(self, where: str, params: Sequence[Any], newest_first: bool,
               limit: int | None) -> list[int]:
        order = "date DESC, n" if newest_first else "date, n"
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        sql = f'SELECT n, "offset", length, id FROM events WHERE {where} ORDER BY {order}{tail}'
        found = self.db.execute(sql, params).fetchall()
        # Where they are in the file comes along: reading them needs no second query.
        self._spans = {n: (offset, length, ident) for n, offset, length, ident in found}
        return [row[0] for row in found]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.db.execute(sql, params).fetchall()

    def has_words(self, forms_of: Any) -> bool:
        """Whether the text index (`words`) is attached as `w`: made now if there is none yet,
        made again if the one there is not this index's. False where it cannot be kept."""
        if self._words is None:
            from syria_timeline.store import words

            target = words.words_path(self.path)
            self._words = self._attach(target)
            if not self._words:
                with contextlib.suppress(OSError):
                    target.unlink(missing_ok=True)
                    words.build(target, self.key, words.batches(self.all_raws(),
                                                                _decoder(words.TEXT)), forms_of,
                                (self.count, self.progress))
                self._words = self._attach(target)
        return self._words

    def _attach(self, target: Path) -> bool:
        if not target.exists():
            return False
        try:
            self.db.execute("ATTACH DATABASE ? AS w", (sqlite_uri(target, "ro"),))
            if self.db.execute("SELECT value FROM w.meta WHERE key = 'key'").fetchone() \
                    == (self.key,):
                return True
            self.db.execute("DETACH DATABASE w")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("DETACH DATABASE w")
        return False


def conditions(filters: Any, widest: int) -> tuple[str, list[Any]]:
    """The SQL of every filter but `--text`, equal to `Filters.matches` on the same events.

    No period is longer than `widest` days, so an event that ends after the range starts
    begins at most that long before it. That bound, and the range's end, are also put on the
    stored `date`, which the index on (date, n) holds: an ISO prefix sorts as its first day
    does (`_floor`), so the one index serves both the range and the order.
    """
    parts: list[str] = []
    params: list[Any] = []
    if filters.years is not None:  # the period touches the year: as `dates.span_years`
        years = sorted(filters.years)
        spans = ["(first <= ? AND last >= ?)"] * len(years)
        for year in years:
            params += [f"{year:04d}-12-31", f"{year:04d}-01-01"]
        parts.append(f"({' OR '.join(spans) or '0'})")
        if years:
            _date_between(parts, params, f"{years[0]:04d}-01-01", f"{years[-1]:04d}-12-31",
                          widest)
    if filters.start is not None:
        parts.append("last >= ?")
        params.append(filters.start)
    if filters.end is not None:
        parts.append("first <= ?")
        params.append(filters.end)
    if filters.start is not None or filters.end is not None:
        _date_between(parts, params, filters.start, filters.end, widest)
    for column, values in (("place", filters.places), ("type", filters.types),
                           ("victor", filters.victors), ("loser", filters.losers)):
        if values is not None:
            parts.append(f"{column} IN ({','.join('?' * len(values))})")
            params += sorted(values)
    if filters.actors is not None:
        marks = ",".join("?" * len(filters.actors))
        parts.append(f"n IN (SELECT n FROM roles WHERE actor IN ({marks}))")
        params += sorted(filters.actors)
    return " AND ".join(parts) or "1", params


def _date_between(parts: list[str], params: list[Any], start: str | None, end: str | None,
                  widest: int) -> None:
    """Bounds on `date` implied by overlapping [start, end] (ISO days): never exclude a match."""
    if start is not None:
        parts.append("date >= ?")
        params.append(_floor(start, widest))
    if end is not None:
        parts.append("date <= ?")  # first <= end exactly when date <= end, as strings
        params.append(end)


def _floor(day: str, widest: int) -> str:
    """The smallest stored date whose first day is `widest` days before `day` or later.

    `2017`, `2017-01` and `2017-01-01` all begin on 1 January: a first day of D or later is a
    date string at or after D with its trailing `-01`s taken off (`2017-03-01` -> `2017-03`).
    """
    try:
        earliest = (Date.fromisoformat(day) - timedelta(days=widest)).isoformat()
    except (OverflowError, ValueError):
        return ""
    while earliest.endswith("-01"):
        earliest = earliest[:-3]
    return earliest


def _with_text(where: str, params: list[Any], text: Any) -> tuple[str, list[Any]]:
    """`where` and the --text filter: each typed word (its forms) in an event's words, or in
    the names of its place or one of its actors (`text.terms`: the places and actors)."""
    from syria_timeline.store.words import match

    parts = [where]
    params = list(params)
    for forms, places, actors in text.terms():
        alternatives = ["n IN (SELECT rowid FROM w.words WHERE words MATCH ?)"]
        params.append(match(forms))
        if places:
            alternatives.append(f"place IN ({','.join('?' * len(places))})")
            params += places
        if actors:
            alternatives.append(f"n IN (SELECT n FROM roles WHERE actor IN "
                                f"({','.join('?' * len(actors))}))")
            params += actors
        parts.append(f"({' OR '.join(alternatives)})")
    return " AND ".join(parts), params


class IndexedEvents:
    """A store's events behind its index: the Events protocol, and SQL for what SQL can do."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.answers = self  # the Events protocol: this one answers queries itself

    def __len__(self) -> int:
        return self.index.count

    def forget(self) -> None:
        """Remove the index file (it broke a query): the next run checks and builds anew."""
        with contextlib.suppress(OSError):
            self.index.path.unlink()

    def rows(self, fields: frozenset[str]) -> Sequence[Any]:
        """Every event's `fields`: from the index when it holds them all (ids for completion,
        dates and places for `show`), else decoded from the file one by one."""
        if fields and fields <= _INDEXED:
            from collections import namedtuple

            names = sorted(fields)
            row = namedtuple("Row", names)  # type: ignore[misc]
            columns = ", ".join(f'"{name}"' for name in names)
            return [row(*values) for values in
                    self.index.query(f"SELECT {columns} FROM events ORDER BY n")]
        decode = _decoder(fields)
        return [decode(raw) for raw in self.index.all_raws()]

    def event(self, index: int) -> Event:
        import msgspec

        return Event.from_json(msgspec.json.decode(self.index.raw(index)))

    def raws(self, numbers: Sequence[int]) -> list[bytes]:
        return self.index.raws(numbers)

    def events(self, numbers: Sequence[int]) -> list[Event]:
        import msgspec

        return [Event.from_json(msgspec.json.decode(raw)) for raw in self.index.raws(numbers)]

    def select(self, filters: Any) -> list[int]:
        """The events `filters` keeps, in the order `query.select` gives them: all in SQL when
        the text index can be had, else --text reads the events SQL found."""
        where, params = conditions(filters, self.index.widest)
        text = filters.text
        if text is not None and self.index.has_words(text.query.forms_of):
            where, params = _with_text(where, params, text)
            text = None
        limit = filters.limit if text is None else None
        numbers = self.index.select(where, params, filters.newest_first, limit)
        if text is not None:
            rows = self.rows_of(numbers, filters.needed())
            numbers = [n for n, row in zip(numbers, rows, strict=True) if text.matches(row)]
            numbers = numbers[: filters.limit] if filters.limit is not None else numbers
        return numbers

    def rows_of(self, numbers: Sequence[int], fields: frozenset[str]) -> Sequence[Any]:
        decode = _decoder(fields)
        return [decode(raw) for raw in self.index.raws(numbers)]

    def counts(self, filters: Any, by: str) -> dict[str, int] | None:
        """Events per year, month, place, type or actor, as `query.summarize` counts them;
        None when a filter needs the events' text."""
        where, params = conditions(filters, self.index.widest)
        if filters.text is not None:
            if not self.index.has_words(filters.text.query.forms_of):
                return None
            where, params = _with_text(where, params, filters.text)
        key = _KEYS.get(by)
        if by == "actor":
            sql = (f"SELECT actor, count(*) FROM roles WHERE n IN (SELECT n FROM events "
                   f"WHERE {where}) GROUP BY actor")
        elif key is not None:
            sql = f"SELECT {key} AS k, count(*) FROM events WHERE {where} GROUP BY k"
        else:
            return None
        return dict(self.index.query(sql, params))

    def latest_captures(self) -> dict[str, tuple[str, str | None]]:
        """Each place's latest capture: (date, victor); of equal dates the last in the store."""
        sql = ("SELECT place, date, victor FROM events e WHERE type = 'capture' AND n = "
               "(SELECT n FROM events WHERE place = e.place AND type = 'capture' "
               "ORDER BY date DESC, n DESC LIMIT 1)")
        return {place: (date, victor) for place, date, victor in self.index.query(sql)}

    def place_and_actor_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        places = dict(self.index.query("SELECT place, count(*) FROM events GROUP BY place"))
        actors = dict(self.index.query("SELECT actor, count(*) FROM roles GROUP BY actor"))
        return places, actors

    def find_id(self, ident: str) -> int | None:
        found = self.index.query("SELECT n FROM events WHERE id = ? ORDER BY n LIMIT 1",
                                 (ident,))
        return found[0][0] if found else None


# The summary keys in SQL, as `query.period_key` makes them: a span across two periods
# counts under both ends, `2016-12/2017-01`.
_KEYS = {
    "year": "CASE WHEN \"end\" IS NULL OR substr(\"end\", 1, 4) = substr(date, 1, 4) "
            "THEN substr(date, 1, 4) ELSE substr(date, 1, 4) || '/' || substr(\"end\", 1, 4) END",
    "month": "CASE WHEN \"end\" IS NULL OR substr(\"end\", 1, 7) = substr(date, 1, 7) "
             "THEN substr(date, 1, 7) ELSE substr(date, 1, 7) || '/' || substr(\"end\", 1, 7) END",
    "place": "place",
    "type": "type",
}


def _decoder(fields: frozenset[str]) -> Any:
    import msgspec

    from syria_timeline.store.large import row_type

    return msgspec.json.Decoder(row_type(fields)).decode
