"""How far long work is, on stderr: a bar with an estimate on a terminal, a few lines otherwise.

The library reports `(what, done, total)` (`store.building.Progress`); this draws it. On a
terminal, rich's bar (imported only once there is something to show); elsewhere one line per
quarter, and only for work long enough to be worth a line in a log (`PLAIN_BYTES`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

# Below these sizes a store is checked in seconds: no bar, and a log gets no lines for it.
BAR_BYTES = 32 * 1024 * 1024
PLAIN_BYTES = 256 * 1024 * 1024
_WORDS = {"checking": "checking the events", "indexing": "making the index",
          "reading": "checking the store", "words": "indexing the words"}
_MIB = frozenset({"reading"})  # counted in bytes: shown in MiB


class Shown:
    """A progress callback; `close` ends what it drew."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self._bar: Any = None
        self._task: Any = None
        self._what = ""
        self._quarter = -1

    def __call__(self, what: str, done: int, total: int) -> None:
        if self.terminal:
            self._draw(what, done, total)
            return
        quarter = 4 * done // total if total else 0
        if what != self._what or quarter != self._quarter:
            self._what, self._quarter = what, quarter
            if what in _MIB:
                done, total = done >> 20, total >> 20
                print(f"{_WORDS[what]}: {done:,} of {total:,} MiB", file=sys.stderr, flush=True)
                return
            print(f"{_WORDS.get(what, what)}: {done:,} of {total:,}", file=sys.stderr, flush=True)

    def _draw(self, what: str, done: int, total: int) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 TaskProgressColumn(), TimeRemainingColumn(),
                                 transient=True, console=Console(stderr=True))
            self._bar.start()
            # Ctrl-C ends the program at once (entry.py), with no chance to show it again.
            self._bar.console.show_cursor(True)
        if what != self._what:
            if self._task is not None:
                self._bar.remove_task(self._task)
            self._task = self._bar.add_task(_WORDS.get(what, what), total=total)
            self._what = what
        self._bar.update(self._task, completed=done)
        if 0 < total <= done:  # the last step is done (the words' index, after the store)
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
            self._task, self._what = None, ""


def for_store(path: Path | None, terminal: bool) -> Shown | None:
    """What shows the progress of reading the store at `path` (None: the bundled one)."""
    try:
        size = os.stat(path).st_size if path is not None else 0
    except (OSError, ValueError):
        return None
    return Shown(terminal) if size > (BAR_BYTES if terminal else PLAIN_BYTES) else None
