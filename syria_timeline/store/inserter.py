"""A new index's rows written by a second process while the first decodes and checks events.

Inserting a million rows into SQLite is a third of the first query's time, and Python runs it
on one core however many the machine has (the statement binds its values holding the GIL).
So the process that checks the events sends each batch's rows down a pipe, packed with
msgpack, to a fresh Python running `main` below, which inserts them into the index file while
the first goes on to the next batch. The rows are made, numbered and checked by the first
process only: this one writes what it is given, nothing else.

Frames: a 4-byte length, then msgpack of [events' rows, roles' rows]; the end of input is the
end of the rows, and then the rows are committed. On Ctrl-C the first process kills this one
(it ignores SIGINT itself) and removes the file.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

_ROWS = "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
_ROLES = "INSERT INTO roles VALUES (?, ?)"
PRAGMAS = ("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
           " PRAGMA cache_size = -32768; PRAGMA threads = 2;")


class Inserter:
    """The second process, from the first's side."""

    def __init__(self, path: Path) -> None:
        import msgspec

        self._encode = msgspec.msgpack.Encoder().encode
        self._process = subprocess.Popen(
            [sys.executable, "-m", "syria_timeline.store.inserter", str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._pipe: IO[bytes] = self._process.stdin  # type: ignore[assignment]
        self._ready = False

    def ready(self) -> bool:
        """Whether it started and opened the file (it says so with one byte, once): a Python
        that cannot run this module (a frozen program) leaves the rows to the first."""
        if not self._ready and self._process.stdout is not None:
            self._ready = self._process.stdout.read(1) == b"+"
        return self._ready

    def add(self, rows: list[tuple[Any, ...]], roles: list[tuple[str, int]]) -> None:
        frame = self._encode((rows, roles))
        try:
            self._pipe.write(len(frame).to_bytes(4, "big"))
            self._pipe.write(frame)
        except BrokenPipeError:
            self.finish()  # it ended early: says why
            raise

    def finish(self) -> None:
        """Wait for every row to be committed; sqlite3.Error with the second process's
        reason when it could not write them."""
        with contextlib.suppress(BrokenPipeError):
            self._pipe.close()
        problem = self._process.stderr.read() if self._process.stderr else b""
        if self._process.wait() != 0:
            lines = problem.decode("utf-8", "replace").strip().splitlines()
            raise sqlite3.OperationalError(lines[-1] if lines else "the rows were not written")

    def kill(self) -> None:
        """Stop it at once (Ctrl-C, or the events broke a rule): the file is dropped."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout, self._process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the first process decides, and kills
    import msgspec

    decode = msgspec.msgpack.Decoder().decode
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    try:
        db.executescript(PRAGMAS)
        db.execute("BEGIN")
        sys.stdout.buffer.write(b"+")
        sys.stdout.flush()
        source = sys.stdin.buffer
        while size := int.from_bytes(source.read(4), "big"):
            rows, roles = decode(source.read(size))
            db.executemany(_ROWS, rows)
            db.executemany(_ROLES, roles)
        db.execute("COMMIT")
    except (sqlite3.Error, OSError, ValueError, msgspec.DecodeError) as error:
        print(str(error).lower(), file=sys.stderr)
        sys.exit(1)
    finally:
        db.close()


if __name__ == "__main__":
    main()
