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
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from syria_timeline import __version__
from syria_timeline.dates import period_bounds, span_years
from syria_timeline.files import state
from syria_timeline.model import ACTOR_ROLES, Event, actor_ids

FORMAT = 4  # of the index file: a change makes every index be rebuilt
NEEDED = frozenset({"id", "date", "end", "type", "place", *ACTOR_ROLES})
_INDEXED = frozenset({"id", "date", "end", "type", "place", "victor", "loser"})  # as stored


class IndexUnavailable(Exception):
    """The index cannot be used or built here; the caller reads the store instead."""


def index_path(store: Path, cache: Path | None) -> Path | None:
    """Where this exact state of the store has its index; None if it cannot have one."""
    if cache is None:
        return None
    try:
        where = str(store.resolve())
    except (OSError, ValueError, RuntimeError):
        return None
    key = "|".join(map(str, (where, state(store), __version__, FORMAT)))
    return cache / "index" / f"{_digest(where)[:16]}-{_digest(key)[:24]}.sqlite"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- building ---------------------------------------------------------------------------------


def make_room(target: Path) -> None:
    """The index's folder, made; IndexUnavailable when the cache cannot hold it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailable((error.strerror or str(error)).lower()) from None
    if not os.access(target.parent, os.W_OK):
        raise IndexUnavailable("the folder is read-only")


def build(target: Path, top: dict[str, Any], fingerprint: str, rows: Sequence[Any],
          spans: Iterable[tuple[int, int]]) -> None:
    """Write the index of a checked store: `rows` decoded with `NEEDED`, `spans` each event's
    (offset, length) in the file. Raises IndexUnavailable when it cannot be written."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        _remove_orphans(target.parent)
        _write(temporary, top, fingerprint, rows, spans)
        os.replace(temporary, target)
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise IndexUnavailable(reason.lower()) from None
    finally:  # whatever stopped it (Ctrl-C too), no half-built file stays behind
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    _forget_others(target)


def _remove_orphans(folder: Path) -> None:
    """Temporary files of builds whose process is gone (killed: no clean-up could run)."""
    for leftover in folder.glob(".*.tmp"):
        pid = leftover.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _write(path: Path, top: dict[str, Any], fingerprint: str, rows: Sequence[Any],
           spans: Iterable[tuple[int, int]]) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -262144;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE TABLE events (n INTEGER PRIMARY KEY, id TEXT, date TEXT, "end" TEXT,
                first TEXT, last TEXT, type TEXT, place TEXT,
                victor TEXT, loser TEXT, "offset" INTEGER, length INTEGER);
            CREATE TABLE roles (actor TEXT, n INTEGER);
            CREATE TABLE years (year INTEGER, n INTEGER);
        """)
        db.execute("BEGIN")
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       (_columns(n, row, span) for n, (row, span) in
                        enumerate(zip(rows, spans, strict=True))))
        db.executemany("INSERT INTO roles VALUES (?, ?)",
                       ((actor, n) for n, row in enumerate(rows) for actor in set(actor_ids(row))))
        db.executemany("INSERT INTO years VALUES (?, ?)",
                       ((year, n) for n, row in enumerate(rows) for year in span_years(row.date, row.end)))
        widest = db.execute("SELECT max(julianday(last) - julianday(first)) FROM events")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("top", json.dumps(top, ensure_ascii=False)), ("fingerprint", fingerprint),
            ("count", str(len(rows))), ("widest", str(int(widest.fetchone()[0] or 0)))])
        db.execute("COMMIT")
        db.executescript("""
            CREATE INDEX by_date ON events (date, n);
            CREATE INDEX by_first ON events (first);
            CREATE INDEX by_place ON events (place, type, date, n);
            CREATE INDEX by_id ON events (id);
            CREATE INDEX by_actor ON roles (actor, n);
            CREATE INDEX by_year ON years (year, n);
        """)
    finally:
        db.close()


def _columns(n: int, row: Any, span: tuple[int, int]) -> tuple[Any, ...]:
    first, last = _period(row.date, row.end)
    return (n, row.id, row.date, row.end, first, last, row.type, row.place, row.victor,
            row.loser, span[0], span[1])


@lru_cache(maxsize=65536)
def _period(date: str, end: str | None) -> tuple[str, str]:
    """The first and last day (a store has a few thousand distinct dates)."""
    first, last = period_bounds(date)
    return first.isoformat(), end or last.isoformat()


def _forget_others(kept: Path) -> None:
    """Older indexes of the same store path (it was edited since): never used again."""
    prefix = kept.name.split("-", 1)[0]
    for other in kept.parent.glob(f"{prefix}-*.sqlite"):
        if other != kept:
            with contextlib.suppress(OSError):
                other.unlink()


def spans_of(data: bytes, raws: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Each undecoded event's (offset, length) in the file's bytes, in order.

    The events of a checked store are objects, one after another in one array: each starts
    at the first `{` after the one before it ends (only commas and spaces lie between).
    """
    at = data.index(bytes(raws[0])) if raws else 0
    for n, raw in enumerate(raws):
        start = data.index(b"{", at)
        # Between two events only a comma and spaces: an earlier copy of the first event's
        # text (a "$comment" holding one) could not be followed by the others like this.
        if n and data[at:start].strip() != b",":
            raise IndexUnavailable("the events could not be located in the file")
        if n % 1000 == 0 and data[start:start + len(raw)] != bytes(raw):
            raise IndexUnavailable("the events could not be located in the file")
        yield start, len(raw)
        at = start + len(raw)


# --- querying ---------------------------------------------------------------------------------


class Index:
    """An open index and the store file it describes."""

    def __init__(self, path: Path, store: Path) -> None:
        self.path = path
        self._spans: dict[int, tuple[int, int]] = {}  # of the events the last select found
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
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
        offset, length = self.db.execute(
            'SELECT "offset", length FROM events WHERE n = ?', (n,)).fetchone()
        return self._slice(offset, length)

    def _slice(self, offset: int, length: int) -> bytes:
        piece = os.pread(self.fd, length, offset)
        if piece[:1] != b"{" or piece[-1:] != b"}" or len(piece) != length:
            # Changed between opening and reading (the key is checked on opening): the next
            # run sees a new key and checks it again.
            from syria_timeline.errors import StoreError

            raise StoreError([f"{self.store}: changed while it was being read; run the "
                              "command again"])
        return piece

    def all_raws(self) -> Iterator[bytes]:
        for offset, length in self.db.execute('SELECT "offset", length FROM events ORDER BY n'):
            yield self._slice(offset, length)

    def raws(self, numbers: Sequence[int]) -> list[bytes]:
        spans = self._spans
        if not spans.keys() >= set(numbers):
            spans = dict(self._in("n", numbers, 'SELECT n, "offset", length FROM events'))
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
        sql = f'SELECT n, "offset", length FROM events WHERE {where} ORDER BY {order}{tail}'
        found = self.db.execute(sql, params).fetchall()
        # Where they are in the file comes along: reading them needs no second query.
        self._spans = {n: (offset, length) for n, offset, length in found}
        return [n for n, _, _ in found]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.db.execute(sql, params).fetchall()


def conditions(filters: Any, widest: int) -> tuple[str, list[Any]]:
    """The SQL of every filter but `--text`, equal to `Filters.matches` on the same events.

    No period is longer than `widest` days, so an event that ends after the range starts
    begins at most that long before it: a bound the index on `first` can use.
    """
    parts: list[str] = []
    params: list[Any] = []
    if filters.years is not None:
        marks = ",".join("?" * len(filters.years))
        parts.append(f"n IN (SELECT n FROM years WHERE year IN ({marks}))")
        params += sorted(filters.years)
    if filters.start is not None:
        parts.append("last >= ? AND first >= coalesce(date(?, ?), '')")
        params += [filters.start, filters.start, f"-{widest} days"]
    if filters.end is not None:
        parts.append("first <= ?")
        params.append(filters.end)
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

    def events(self, numbers: Sequence[int]) -> list[Event]:
        import msgspec

        return [Event.from_json(msgspec.json.decode(raw)) for raw in self.index.raws(numbers)]

    def select(self, filters: Any) -> list[int]:
        """The events `filters` keeps (all but --text), in the order `select` gives them."""
        where, params = conditions(filters, self.index.widest)
        limit = filters.limit if filters.text is None else None
        return self.index.select(where, params, filters.newest_first, limit)

    def rows_of(self, numbers: Sequence[int], fields: frozenset[str]) -> Sequence[Any]:
        decode = _decoder(fields)
        return [decode(raw) for raw in self.index.raws(numbers)]

    def counts(self, filters: Any, by: str) -> dict[str, int] | None:
        """Events per year, month, place, type or actor, as `query.summarize` counts them;
        None when a filter needs the events' text."""
        if filters.text is not None:
            return None
        where, params = conditions(filters, self.index.widest)
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
