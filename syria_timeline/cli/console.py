"""What every command shares: opening the store, choosing the display, writing stdout and stderr.

Output is written only once it is complete (a document cut in half is worse than none);
messages go to stderr with control characters shown and Arabic readable on the terminal.
"""

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from syria_timeline.cli.options import Lang, Sort
from syria_timeline.errors import BadValue, OutputError, printable, visible

if TYPE_CHECKING:  # the real imports wait for the commands that use them (start-up time)
    from syria_timeline.output.layout import Display
    from syria_timeline.query import Filters
    from syria_timeline.store.loading import Store


def open_store(ctx: typer.Context) -> "Store":
    from syria_timeline.store.loading import load

    data = ctx.find_root().params.get("data")
    # On a terminal, a long first check says it is coming instead of looking like a hang.
    on_terminal = sys.stderr is not None and sys.stderr.isatty()
    from syria_timeline.cli.progress import for_store

    shown = for_store(Path(data) if data else None, on_terminal)
    try:
        store = load(Path(data) if data else None, notice=say if on_terminal else None,
                     progress=shown)
    finally:
        if shown is not None:
            shown.close()
    ctx.find_root().meta["store"] = store
    for warning in store.warnings:
        say(f"Warning: {warning}")
    return store


def one_format(**flags: bool) -> str | None:
    """The one output format asked for, or None for a table."""
    chosen = [name for name, on in flags.items() if on]
    if len(chosen) > 1:
        names = ", ".join(f"--{n}" for n in flags)
        raise BadValue(f"choose one output format, not {len(chosen)}: {names}")
    return chosen[0] if chosen else None


def display(lang: Lang, bidi: str | None) -> "Display":
    from syria_timeline import terminals
    from syria_timeline.output.layout import MARKS_PER_CELL, Display

    terminal = sys.stdout.isatty()
    dumb = os.environ.get("TERM") == "dumb"  # no escape sequence of any kind
    color = terminal and not dumb and not os.environ.get("NO_COLOR")
    mode = bidi_mode(bidi)  # checked even when piped: a bad setting is said at once
    mode = mode if terminal else "off"
    return Display(lang=lang.value, bidi=mode, color=color,
                   explicit_bidi=mode == "app" and not dumb,
                   room_for_marks=MARKS_PER_CELL if mode == "terminal" else 0,
                   lam_alef_cells=terminals.lam_alef_cells(),
                   width=shutil.get_terminal_size().columns)


def bidi_mode(value: str | None) -> str:
    from syria_timeline import terminals

    try:
        return terminals.resolve(value)
    except ValueError:
        raise BadValue(f"--bidi: {printable(value or '')} is not a mode; accepted: auto, app, "
                       "terminal, runs, off (1 and 0 mean app and off)") from None


def say(text: str) -> None:
    """A message on stderr: control characters shown, Arabic readable on this terminal."""
    text = visible(text)
    stderr = sys.stderr
    if stderr is not None and stderr.isatty() and not text.isascii():
        from syria_timeline import terminals

        try:
            mode = terminals.resolve(os.environ.get("TIMELINE_BIDI"))
        except ValueError:
            mode = "app"
        if mode == "app":
            from syria_timeline.arabic import visual

            text = "\n".join(visual(line) for line in text.split("\n"))
    print(text, file=sys.stderr)


def write(text: str | list[str]) -> None:
    """Write a document that is already complete, so no error can cut it in half."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise OutputError("standard output is closed; nothing can be written")
    try:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
        sys.stdout.flush()
    except OSError as error:
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def write_document(text: str | list[str]) -> None:
    """JSON, CSV, …: exact for programs, harmless on a screen (controls shown, not obeyed)."""
    if sys.stdout is not None and sys.stdout.isatty():
        text = visible(text if isinstance(text, str) else "".join(text))
    write(text)


def filters_from(store: "Store", year: Sequence[str] | None, start: str | None, end: str | None,
             place: Sequence[str] | None, actor: Sequence[str] | None,
             victor: Sequence[str] | None, loser: Sequence[str] | None,
             types: Sequence[str] | None, text: str | None, sort: Sort = Sort.date,
             limit: int | None = None) -> "Filters":
    from syria_timeline.query import make_filters

    return make_filters(store, years=year or (), start=start, end=end, places=place or (),
                        actors=actor or (), victors=victor or (), losers=loser or (),
                        types=types or (), text=text, newest_first=sort is Sort.newest,
                        limit=limit)


def marks(filters: "Filters") -> Any:
    """What a table highlights: the words `--text` found."""
    return filters.text.query.marks if filters.text is not None else None


def geojson_note(store: "Store", events: Sequence[Any], fmt: str) -> None:
    if fmt == "geojson":
        from syria_timeline.output.documents import unlocated

        left = unlocated(store, events)
        if left:
            print(f"Note: {left} event{'s' if left != 1 else ''} left out: "
                  f"{'their places have' if left != 1 else 'its place has'} no coordinates",
                  file=sys.stderr)


def write_records(fmt: str, records: list[dict[str, Any]]) -> None:
    from syria_timeline.output.documents import RECORD_DOCUMENTS

    write_document(RECORD_DOCUMENTS[fmt](records))


def published_day(text: str, example: str) -> str:
    """`--published`: one day, as ISO; else BadValue."""
    from syria_timeline.dates import DateInputError, parse_bound

    try:
        prefix = parse_bound(text).prefix
    except DateInputError as error:
        raise BadValue(f"--published: {error}") from None
    if prefix.count("-") != 2:
        raise BadValue(f"--published: {printable(text)} is not a day; give one, e.g. {example}")
    return prefix
