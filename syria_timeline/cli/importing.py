"""What `import` shows and writes besides the store: progress, the rows left out, the report."""

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from syria_timeline.cli.console import for_stderr, progress_wanted, say

if TYPE_CHECKING:
    from syria_timeline.importers.run import Imported

Progress = Callable[[int, float], None]


def progress_line(export: str, path: Path) -> Progress | None:
    """On a terminal, a line that says how far the import is (rows, share of the file)."""
    stderr = _raw_stderr()
    if stderr is None or not stderr.isatty() or not path.is_file() or not progress_wanted():
        return None
    size = max(path.stat().st_size, 1)
    started = time.monotonic()
    say(f"Importing {export} ({size / 2**20:,.1f} MiB)…")

    def show(rows: int, done: float) -> None:
        share = min(done / size, 1.0)
        stderr.write("\r\x1b[K" + for_stderr(f"Importing {export}: {rows:,} rows ({share:.0%}, "
                                                f"{time.monotonic() - started:.0f} s)"))
        stderr.flush()

    return show


def end_progress(progress: Progress | None) -> None:
    stderr = _raw_stderr()
    if progress is not None and stderr is not None:
        stderr.write("\r\x1b[K")
        stderr.flush()


def _raw_stderr() -> TextIO | None:
    """stderr itself: messages go through a stream that shows control characters, but the
    progress line is ours and needs its carriage return."""
    return sys.__stderr__


def tell(export: str, out: str, done: "Imported", report: str | None) -> None:
    """Each skipped row by its line (blank ones together), the notes, the summary line; the
    report file if asked for."""
    blank = [o.line for o in done.outcomes if o.outcome == "skipped" and
             o.reasons == ("empty row",)]
    for outcome in done.outcomes:
        if outcome.outcome == "skipped" and outcome.reasons != ("empty row",):
            say(f"{export}: line {outcome.line}: {outcome.reasons[0]}")
    if blank:
        say(f"{export}: {len(blank)} empty row(s) left out (lines {blank[0]} to {blank[-1]})")
    for note in done.notes:
        say(f"{export}: {note}")
    if report is not None:
        _write_report(Path(report), done)
    flagged = done.flagged()
    say(f"{export}: {done.layout}; {_rows(done.rows)} read, {done.events:,} imported, "
        f"{done.skipped():,} skipped, {flagged:,} flagged for review"
        f"{' (see the report)' if flagged and report else ''}")
    say(f"{done.places:,} places ({done.matched_places:,} from the gazetteer), "
        f"{done.actors:,} actors; published {done.published}; written to {out}")


def _rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


def _write_report(path: Path, done: "Imported") -> None:
    from syria_timeline.files import written_whole

    with written_whole(path, "w") as stream:
        for outcome in done.outcomes:
            stream.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
