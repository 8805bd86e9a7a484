"""What every command shares: opening the store, choosing the display, writing stdout and stderr.

Output is written only once it is complete (a document cut in half is worse than none);
messages go to stderr with control characters shown and Arabic readable on the terminal.
"""

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from syria_timeline.cli.options import Lang, Sort
from syria_timeline.errors import BadValue, OutputError, printable, visible

if TYPE_CHECKING:  # the real imports wait for the commands that use them (start-up time)
    from syria_timeline.output.layout import Display
    from syria_timeline.output.people import Screen
    from syria_timeline.query import Filters
    from syria_timeline.store.loading import Store


def open_store(ctx: typer.Context) -> "Store":
    from syria_timeline.store.loading import load

    data = ctx.find_root().params.get("data")
    # On a terminal, a long first check says it is coming instead of looking like a hang.
    on_terminal = sys.stderr is not None and sys.stderr.isatty()
    from syria_timeline.cli.progress import for_store

    shown = for_store(Path(data) if data else None, on_terminal) if progress_wanted() else None
    notice = say if on_terminal and progress_wanted() else None
    try:
        store = load(Path(data) if data else None, notice=notice, progress=shown)
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


# The `--bidi` asked for (global, or on the subcommand once it is parsed): messages, help and
# errors follow it as tables do.
_BIDI: list[str | None] = [None]


def ask_bidi(value: str | None) -> None:
    """Remember the `--bidi` given, for everything shown after (messages included)."""
    if value is not None:
        _BIDI[0] = value


_LANG: list[str | None] = [None]
# `--quiet`: no progress on stderr (errors, warnings and a command's one-line result stay).
_QUIET = [False]


def ask_quiet(value: bool) -> None:
    _QUIET[0] = value


def progress_wanted() -> bool:
    """Whether long work may show how far it is (not with `--quiet`)."""
    return not _QUIET[0]


def ask_lang(value: str) -> None:
    """The global `--lang`: the tables' language too, where a command's own is not given."""
    if value.strip().lower() not in ("ar", "en"):
        raise BadValue(f"--lang: {printable(value)} is not a language; accepted: ar, en")
    _LANG[0] = value.strip().lower()


def _table_language(lang: Lang) -> str:
    from typer._click.core import ParameterSource
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    default = ctx is None or ctx.get_parameter_source("lang") in (None, ParameterSource.DEFAULT)
    return _LANG[0] if _LANG[0] is not None and default else lang.value


def _screen(stream: Any) -> "Screen":
    """The screen behind a stream for the `--bidi` asked for; a bad value reads as auto here
    (the option's own check reports it)."""
    from syria_timeline.output.people import screen

    value = _BIDI[0] if _BIDI[0] is not None else os.environ.get("TIMELINE_BIDI")
    try:
        return screen(stream, value)
    except ValueError:
        return screen(stream, None)


def display(lang: Lang, bidi: str | None) -> "Display":
    from syria_timeline.output.layout import MARKS_PER_CELL, Display

    bidi_mode(bidi)  # checked even when piped: a bad setting is said at once
    ask_bidi(bidi)
    shown = _screen(sys.stdout)
    terminal = shown.terminal
    dumb = os.environ.get("TERM") == "dumb"  # no escape sequence of any kind
    color = terminal and not dumb and not os.environ.get("NO_COLOR")
    mode = shown.mode
    quirks = shown.choice.terminal
    return Display(lang=_table_language(lang), bidi=mode, color=color, explicit_bidi=shown.explicit,
                   room_for_marks=MARKS_PER_CELL if mode == "terminal" else 0,
                   lam_alef_cells=quirks.lam_alef_cells, harakat=shown.harakat,
                   mirrors=quirks.mirrors or mode != "terminal", preshape=quirks.preshape,
                   switch=shown.switch if shown.explicit else ("", ""),
                   width=shutil.get_terminal_size().columns)


def bidi_mode(value: str | None) -> str:
    from syria_timeline import terminals

    try:
        return terminals.chosen(value)
    except ValueError:
        # Typer fills the option from TIMELINE_BIDI: say which of the two was wrong.
        given = "--bidi" if _on_command_line("--bidi") else "TIMELINE_BIDI"
        raise BadValue(f"{given}: {printable(value or '')} is not a mode; accepted: auto, app, "
                       "terminal, runs, off (1 and 0 mean app and off)") from None


def _on_command_line(option: str) -> bool:
    """Whether the value came from the command line (else from its environment variable)."""
    from typer._click.core import ParameterSource
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    while ctx is not None:
        if ctx.get_parameter_source(option.lstrip("-")) is ParameterSource.COMMANDLINE:
            return True
        ctx = ctx.parent
    return False


def say(text: str) -> None:
    """A message on stderr: control characters shown, Arabic readable on this terminal."""
    from syria_timeline.output.people import for_person, written

    stderr = sys.stderr
    if stderr is None:
        return
    from syria_timeline.output.i18n import message

    shown = _screen(stderr)
    written(stderr, for_person(message(text), shown) + "\n")


def in_language(command: Any, ctx: Any) -> None:
    """A command's help, its options' and Click's own words in the interface's language."""
    from syria_timeline.output import i18n

    if i18n.current() == "en":
        return
    import typer.core

    setattr(typer.core, "_", i18n.gettext_)  # noqa: B010  Typer's headings: Options, Arguments, Commands, default…
    for item in [command, *command.get_params(ctx)]:
        if getattr(item, "help", None):
            item.help = i18n.gettext_(item.help)
    if getattr(command, "short_help", None):
        command.short_help = i18n.gettext_(command.short_help)


def usage_prefix() -> str:
    from syria_timeline.output import i18n

    return i18n.gettext_("Usage: ")


def click_failure(error: Any) -> NoReturn:
    """Click's own error (an unknown option, a bad choice): usage, hint and message, in the
    interface's language and laid out as every message is."""
    from typer._click.exceptions import UsageError

    from syria_timeline.output import i18n

    lines = []
    ctx = error.ctx if isinstance(error, UsageError) else None
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(i18n.gettext_("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    say("\n".join([*lines, f"Error: {error.format_message()}"]))
    sys.exit(error.exit_code)


def for_stderr(text: str) -> str:
    """A progress line (written in place, by its own carriage return): translated and laid out
    as every message is."""
    from syria_timeline.output.i18n import message
    from syria_timeline.output.people import for_person

    return for_person(message(text), _screen(sys.stderr))


def for_stdout(text: str) -> str:
    """Help and other text Click writes to stdout, laid out for the screen there."""
    from syria_timeline.output.people import for_person

    return for_person(text, _screen(sys.stdout))


def write(text: str | list[str]) -> None:
    """Write a document that is already complete, so no error can cut it in half."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise OutputError("standard output is closed; nothing can be written")
    try:
        if isinstance(text, str) and "\x1b[8l" in text:
            from syria_timeline.output.people import written  # Ctrl-C must switch back

            written(sys.stdout, text)
        elif isinstance(text, str):
            sys.stdout.write(text)
            sys.stdout.flush()
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


def write_encoded(chunks: list[bytes]) -> None:
    """A document made as UTF-8 bytes (large JSON answers), written as it is to a pipe or a
    file; on a terminal, shown as `write_document` shows text."""
    if sys.stdout is None:
        raise OutputError("standard output is closed; nothing can be written")
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None or sys.stdout.isatty():
        write_document(b"".join(chunks).decode("utf-8"))
        return
    try:
        sys.stdout.flush()
        binary.writelines(chunks)
        binary.flush()
    except OSError as error:
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


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
            say(f"Note: {left} event{'s' if left != 1 else ''} left out: "
                f"{'their places have' if left != 1 else 'its place has'} no coordinates")


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
