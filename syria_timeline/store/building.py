"""A large store's events checked and written into a new index in one pass.

The first query on a large store used to decode every event for the check, build the index
from a second decode, and answer from a third. Here each batch of events is decoded once,
checked (`fastcheck.EventRules`) and written as rows; the indexes are created once every row
is in (one sort each, not a million tree insertions), and the answer comes from the new index.

While the pass runs the garbage collector is off: it would otherwise walk the millions of new
objects over and over (two thirds of the decode's time) although none of them forms a cycle.
A batch at a time keeps memory near the store's own size.

The index is written to a temporary file that every way out removes, Ctrl-C included: the
program's own handler ends the process at once, so while the file exists Ctrl-C is turned into
an exception here (and a long SQLite statement is stopped by its progress handler), the file
is removed, and then the program's handler is called as it would have been.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date as Date
from pathlib import Path
from typing import Any

from syria_timeline.dates import period_bounds
from syria_timeline.store.fastcheck import named
from syria_timeline.store.index import IndexUnavailable
from syria_timeline.store.inserter import PRAGMAS, Inserter

BATCH = 20_000
SECOND_PROCESS = True  # rows inserted by a second process (`inserter`)
Progress = Callable[[str, int, int], None]  # what is being done, how far, out of how much

_TABLES = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
    CREATE TABLE events (n INTEGER PRIMARY KEY, id TEXT, date TEXT, "end" TEXT,
        first TEXT, last TEXT, type TEXT, place TEXT,
        victor TEXT, loser TEXT, "offset" INTEGER, length INTEGER);
    CREATE TABLE roles (actor TEXT, n INTEGER, PRIMARY KEY (actor, n)) WITHOUT ROWID;
"""
# Kept in order while the rows go in, by the second process, which has time to spare beside
# the check (a million events: 3 s less than sorting them after); the last is made once every
# row is in (one sort), as all are when there is no second process. An actor's rows arrive in
# the order of `n`, so keeping `roles` ordered by actor (its key) only ever appends.
ALONGSIDE = ("CREATE INDEX by_date ON events (date, n)", "CREATE INDEX by_id ON events (id)")
INDEXES = ("CREATE INDEX by_place ON events (place, type, date, n)",)


class Unlocated(Exception):
    """The events could not be found one after another in the file's bytes."""


class Stop:
    """Whether Ctrl-C was pressed while a temporary file existed."""

    asked = False

    def __call__(self) -> int:
        # SQLite calls this every few thousand steps: running any Python code lets a pending
        # Ctrl-C raise, which makes SQLite abandon the statement.
        return int(self.asked)


@contextlib.contextmanager
def temporary_beside(target: Path) -> Iterator[tuple[Path, Stop]]:
    """A temporary file's path beside `target`, removed on every way out; the caller renames it
    into place once it is whole. Ctrl-C inside removes it before the program's handler runs."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove_orphans(target.parent)
    with _interrupt_after_cleanup() as stop:
        try:
            yield temporary, stop
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


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


@contextlib.contextmanager
def _interrupt_after_cleanup() -> Iterator[Stop]:
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals reach the main thread only
        return
    previous = signal.getsignal(signal.SIGINT)

    def interrupt(signum: int, frame: Any) -> None:
        stop.asked = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    try:
        yield stop
    except BaseException:
        if not stop.asked:
            raise
        signal.signal(signal.SIGINT, previous)
        if callable(previous):  # the program's own way to end on Ctrl-C, now that all is clean
            previous(signal.SIGINT, None)
        raise KeyboardInterrupt from None
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while millions of acyclic objects are made; what stays is frozen
    (never walked again) once they are."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class Writer:
    """Rows of a new index, a batch at a time, then its indexes and what describes it.

    The rows are inserted by a second process (`inserter`) where one can be started, on the
    machine's other core; else here."""

    def __init__(self, path: Path, stop: Stop) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.set_progress_handler(stop, 20_000)
        self.db.executescript(PRAGMAS + _TABLES)
        self.inserter: Inserter | None = None
        if SECOND_PROCESS:
            self.db.executescript(";".join(ALONGSIDE))
            with contextlib.suppress(OSError):
                self.inserter = Inserter(path)
        if self.inserter is None:
            self._without_alongside()
        self._periods: dict[tuple[str, str | None], tuple[str, str]] = {}
        self.widest = 0  # days from an event's first day to its last, at most
        self.count = 0

    def add(self, events: Sequence[Any], spans: Iterator[tuple[int, int]]) -> None:
        """Rows for events (`NEEDED` readable as attributes), numbered on from the last batch."""
        rows: list[tuple[Any, ...]] = []
        roles: list[tuple[str, int]] = []
        add_row, add_role = rows.append, roles.append
        periods, period = self._periods, self._period
        n = self.count
        for event, (offset, length) in zip(events, spans):  # noqa: B905 (spans run on)
            date, end = event.date, event.end
            first, last = periods.get((date, end)) or period(date, end)
            add_row((n, event.id, date, end, first, last, event.type, event.place, event.victor,
                     event.loser, offset, length))
            for actor in set(named(event)):
                add_role((actor, n))
            n += 1
        if n - self.count != len(events):
            raise Unlocated
        self.count = n
        if self._second():
            self.inserter.add(rows, roles)  # type: ignore[union-attr]
            return
        self.db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self.db.executemany("INSERT INTO roles VALUES (?, ?)", roles)

    def _second(self) -> bool:
        """Whether the second process writes the rows (else they are written here)."""
        if self.inserter is not None and not self.inserter.ready():
            self.inserter.kill()  # it could not start: the rows are written here
            self.inserter = None
            self._without_alongside()
        return self.inserter is not None

    def _without_alongside(self) -> None:
        """Rows written here: every index is made at the end, none kept along the way."""
        for sql in ALONGSIDE:
            self.db.execute(f"DROP INDEX IF EXISTS {sql.split()[2]}")
        self.db.execute("BEGIN")

    def _period(self, date: str, end: str | None) -> tuple[str, str]:
        """The first and last day (a store has a few thousand distinct dates)."""
        found = self._periods.get((date, end))
        if found is None:
            first, last = period_bounds(date)
            found = self._periods[date, end] = (first.isoformat(), end or last.isoformat())
            days = (Date.fromisoformat(found[1]) - first).days
            self.widest = max(self.widest, days)
        return found

    def finish(self, meta: dict[str, str], progress: Progress | None) -> None:
        """Commit the rows and what describes them, then make the indexes."""
        meta = {**meta, "count": str(self.count), "widest": str(self.widest)}
        later = INDEXES if self._second() else (*ALONGSIDE, *INDEXES)  # not kept along the way
        if self.inserter is not None:
            self.inserter.finish()
            self.inserter = None
            self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        self.db.execute("COMMIT")
        for done, sql in enumerate(later):
            if progress is not None:
                progress("indexing", done, len(later))
            self.db.execute(sql)

    def close(self) -> None:
        if self.inserter is not None:  # not finished: the rows are not wanted
            self.inserter.kill()
        self.db.close()


def describe(top: dict[str, Any], fingerprint: str, key: str, fmt: int) -> dict[str, str]:
    """The index's meta rows: what it was built from, to be compared when it is opened."""
    return {"top": json.dumps(top, ensure_ascii=False), "fingerprint": fingerprint,
            "key": key, "format": str(fmt)}


def spans_of(data: bytes, raws: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Each undecoded event's (offset, length) in the file's bytes, in order.

    The events of a checked store are objects, one after another in one array: each starts
    at the first `{` after the one before it ends (only commas and spaces lie between).
    """
    at = data.index(bytes(raws[0])) if raws else 0
    find = data.index
    for n, raw in enumerate(raws):
        start = find(b"{", at)
        size = len(raw)
        # Between two events only a comma and spaces: an earlier copy of the first event's
        # text (a "$comment" holding one) could not be followed by the others like this.
        if n and data[at:start].strip() != b",":
            raise Unlocated
        if n % 1000 == 0 and data[start:start + size] != bytes(raw):
            raise Unlocated
        yield start, size
        at = start + size


def run_pass(raws: Sequence[Any], decode: Callable[[Sequence[Any]], list[Any] | None],
             passes: Callable[[Sequence[Any]], bool] | None, writer: Writer | None,
             spans: Iterator[tuple[int, int]], progress: Progress | None) -> bool:
    """Decode, check (`passes`: a batch) and write (`writer`) the events a batch at a time;
    False as soon as one may break a rule (the full check then says which)."""
    total = len(raws)
    with collector_paused():  # else it walks each batch's new objects: a third of the time
        for start in range(0, total, BATCH):
            if progress is not None:
                progress("checking" if passes else "indexing", start, total)
            events = decode(raws[start:start + BATCH])
            if events is None or (passes is not None and not passes(events)):
                return False
            if writer is not None:
                writer.add(events, spans)
    return True


def write(temporary: Path, stop: Stop, meta: dict[str, str], data: bytes, raws: Sequence[Any],
          decode: Callable[[Sequence[Any]], list[Any] | None],
          passes: Callable[[Sequence[Any]], bool] | None, progress: Progress | None) -> bool:
    """Check the events (`passes`) and write the index at `temporary`; False as soon as one
    may break a rule. Raises IndexUnavailable when the index cannot be written."""
    try:
        writer = Writer(temporary, stop)
        try:
            if not run_pass(raws, decode, passes, writer, spans_of(data, raws), progress):
                return False
            writer.finish(meta, progress)
        finally:
            writer.close()
    except (OSError, sqlite3.Error, Unlocated) as error:
        if stop.asked:  # SQLite stopped for Ctrl-C: the caller cleans up and ends
            raise KeyboardInterrupt from None
        reason = error.strerror if isinstance(error, OSError) and error.strerror else \
            str(error) or "the events could not be located in the file"
        raise IndexUnavailable(reason.lower()) from None
    return True
