"""The `timeline` command: options wired to the query layer and the output modules.

`TimelineGroup.main` is the one place where errors become a message on stderr and an exit
code: 0 success (empty results included), 1 not found, an unusable store or output that
cannot be written, 2 a usage error. The library's messages name no option or command;
the names are added here (`OPTION_NAMES`, `LISTED_BY`).
"""

import errno
import os
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from syria_timeline import __version__
from syria_timeline.errors import BadValue, OutputError, TimelineError, printable, visible
from syria_timeline.model import EVENT_TYPES

# No `from __future__ import annotations` here: Typer would evaluate every option's annotation
# string at each start (get_type_hints), 8 ms of it on `list`.
if TYPE_CHECKING:  # the real imports wait for the commands that use them (start-up time)
    from syria_timeline.output.layout import Display
    from syria_timeline.query import Filters
    from syria_timeline.store import Store

_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG}
# What the library calls a parameter -> the option a user typed it in.
OPTION_NAMES = {"years": "--year", "start": "--from", "end": "--to", "range": "--from/--to",
                "text": "--text"}
# What lists the accepted values, for messages that could suggest none.
LISTED_BY = {"places": "; `timeline places` lists them all",
             "actors": "; `timeline actors` lists them all",
             "ids": "; `timeline list --ids` shows the ids",
             "problems": " (`timeline validate FILE` lists them all)"}


class TimelineGroup(TyperGroup):
    """The top-level command: builds only the subcommand asked for, and reports errors."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [_command_name(info) for info in commands.registered_commands]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        # Typer builds every command's options at each start (3 ms of a 60 ms start-up);
        # built on demand, a run builds one (click's "lazily loading subcommands").
        for info in commands.registered_commands:
            if _command_name(info) == cmd_name:
                command = typer.main.get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None)
                # The command list shows each summary whole, not cut at 45 characters.
                command.short_help = (command.help or "").strip().split("\n")[0]
                if os.environ.get("_TIMELINE_COMPLETE"):  # the shell asks for completions
                    _complete_by_name(command)
                return command
        return None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (TimelineError, typer.Exit):
            raise
        except Exception:
            # A store trusted on the word of its cache marker broke a query: check it again,
            # so the user gets its real problem instead of a traceback.
            store: Store | None = ctx.meta.get("store")
            error = store.recheck() if store is not None and store.trusted else None
            if error is None:
                raise
            raise error from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except OSError as error:
            if error.errno not in _WRITE_ERRORS:
                raise
            # click's own output (--help) to a full disk or a closed descriptor
            self._fail(OutputError(f"cannot write the output: {error.strerror or error}"))
        except TimelineError as error:
            self._fail(error)

    @staticmethod
    def _fail(error: TimelineError) -> NoReturn:
        if isinstance(error, OutputError):
            _discard_stdout()
        _say(f"Error: {_message(error)}")
        sys.exit(error.exit_code)


class TimelineCommand(TyperCommand):
    """A command whose usage line reads `NAME`, `ID`, `PATH`: no braces around arguments."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.replace("{", "").replace("}", "") for piece in
                super().collect_usage_pieces(ctx)]


def _complete_by_name(command: Any) -> None:
    """Give each parameter its completion values, by the parameter's name."""
    from syria_timeline import completion

    for param in command.params:
        values = completion.BY_PARAMETER.get(param.name or "")
        if values is not None:
            # What click's `shell_complete=` sets: Typer's own `autocompletion=` drops every
            # value that does not start with what was typed, and رق must complete to الرقة.
            param._custom_shell_complete = completion.unfiltered(values)


def _command_name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _message(error: TimelineError) -> str:
    message = str(error)
    if error.about in OPTION_NAMES:
        message = f"{OPTION_NAMES[error.about]}: {message}"
    return message + LISTED_BY.get(error.see or "", "")


def _discard_stdout() -> None:
    """After a failed write, let the interpreter's final flush go nowhere instead of failing."""
    stdout = sys.__stdout__
    if stdout is not None and sys.stdout is stdout:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())


commands = typer.Typer()
app = typer.Typer(
    cls=TimelineGroup,
    help="The Islamic State group's defeats in Syria, 2014-2018, from a sourced AFP timeline.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Sort(str, Enum):
    date = "date"
    newest = "-date"


class SummaryKey(str, Enum):
    year = "year"
    month = "month"
    place = "place"
    actor = "actor"
    type = "type"


class Lang(str, Enum):
    ar = "ar"
    en = "en"


# Options shared by several commands, declared once.
YearOpt = Annotated[list[str] | None, typer.Option(
    "--year", "-y", metavar="YEAR",
    help="Keep events in this year (repeatable); Arabic digits work: ٢٠١٧.")]
FromOpt = Annotated[str | None, typer.Option(
    "--from", metavar="DATE",
    help="Keep events whose period reaches this date or later: 2016-08-15, 2016-08, "
    "آب 2016, ١٥ اغسطس ٢٠١٦. A month or year means its first day.")]
ToOpt = Annotated[str | None, typer.Option(
    "--to", metavar="DATE",
    help="Keep events whose period starts by this date: a month or year covers all of it.")]
PlaceOpt = Annotated[list[str] | None, typer.Option(
    "--place", "-p", metavar="NAME",
    help="Keep events at this place, or in this province (repeatable); any spelling: "
    "الرقة, Raqqa, ar-Raqqah.")]
ActorOpt = Annotated[list[str] | None, typer.Option(
    "--actor", "-a", metavar="NAME",
    help="Keep events naming this actor in any role: victor, loser, actor, target, backer or "
    "source of figures (repeatable); any name or alias: قسد, SDF, داعش, regime.")]
VictorOpt = Annotated[list[str] | None, typer.Option(
    "--victor", metavar="NAME",
    help="Keep events where this actor took the place (repeatable).")]
LoserOpt = Annotated[list[str] | None, typer.Option(
    "--loser", metavar="NAME",
    help="Keep events where this actor lost the place (repeatable).")]
TextOpt = Annotated[str | None, typer.Option(
    "--text", "-s", metavar="WORDS",
    help="Keep events whose quote, summaries, place or actors contain every word, under any "
    "Arabic spelling: روسي finds الروسي; prefixes and plurals are ignored.")]
IdsOpt = Annotated[bool, typer.Option("--ids", help="Add a column with each event's id.")]
ExcelOpt = Annotated[bool, typer.Option(
    "--excel", help="CSV for Excel and LibreOffice: UTF-8 with BOM, CRLF, no cell read as a "
    "formula.")]
TypeOpt = Annotated[list[str] | None, typer.Option(
    "--type", "-t", metavar="TYPE",
    help=f"Keep events of this type (repeatable): {', '.join(EVENT_TYPES)}.")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="date (oldest first) or -date.")]
LimitOpt = Annotated[int | None, typer.Option(
    "--limit", "-n", metavar="N", min=0, help="At most this many events, after sorting.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON array (UTF-8).")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="One JSON object per line.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="CSV with a header row.")]
GeojsonOpt = Annotated[bool, typer.Option(
    "--geojson", help="A GeoJSON FeatureCollection of the events that have coordinates.")]
HijriOpt = Annotated[bool, typer.Option(
    "--hijri", help="Add the Umm al-Qura Hijri date (JSON gains `hijri`).")]
LangOpt = Annotated[Lang, typer.Option(
    "--lang", "-l", envvar="TIMELINE_LANG", case_sensitive=False,
    help="Language of headers, names and summaries: ar or en.")]
BidiOpt = Annotated[str | None, typer.Option(
    "--bidi", envvar="TIMELINE_BIDI", metavar="MODE", show_default=False,
    help="How Arabic is shown on a terminal: auto (the default: chosen from what the terminal "
    "says about itself), app (the tool shapes and reorders), terminal (for terminals that "
    "reorder by themselves), off (logical text). Piped output is always off.")]


def _version(value: bool) -> None:
    if value:
        _write(f"timeline {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    # A plain string: click's Path type would stat it first and fail on a NUL byte.
    data: Annotated[str | None, typer.Option(
        "--data", metavar="PATH", envvar="TIMELINE_DATA",
        help="Use this store instead of the bundled one.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Query the timeline: list, city, summary, show, places, actors; validate, schema."""


# --- plumbing ---------------------------------------------------------------------------------


def _store(ctx: typer.Context) -> "Store":
    from syria_timeline.store import load

    data = ctx.find_root().params.get("data")
    # On a terminal, a long first check says it is coming instead of looking like a hang.
    on_terminal = sys.stderr is not None and sys.stderr.isatty()
    store = load(Path(data) if data else None, notice=_say if on_terminal else None)
    ctx.find_root().meta["store"] = store
    for warning in store.warnings:
        _say(f"Warning: {warning}")
    return store


def _format(**flags: bool) -> str | None:
    """The one output format asked for, or None for a table."""
    chosen = [name for name, on in flags.items() if on]
    if len(chosen) > 1:
        names = ", ".join(f"--{n}" for n in flags)
        raise BadValue(f"choose one output format, not {len(chosen)}: {names}")
    return chosen[0] if chosen else None


def _display(lang: Lang, bidi: str | None) -> "Display":
    from syria_timeline import terminals
    from syria_timeline.output.layout import MARKS_PER_CELL, Display

    terminal = sys.stdout.isatty()
    dumb = os.environ.get("TERM") == "dumb"  # no escape sequence of any kind
    color = terminal and not dumb and not os.environ.get("NO_COLOR")
    mode = _bidi_mode(bidi)  # checked even when piped: a bad setting is said at once
    mode = mode if terminal else "off"
    return Display(lang=lang.value, bidi=mode, color=color,
                   explicit_bidi=mode == "app" and not dumb,
                   room_for_marks=MARKS_PER_CELL if mode == "terminal" else 0,
                   lam_alef_cells=terminals.lam_alef_cells(),
                   width=shutil.get_terminal_size().columns)


def _bidi_mode(value: str | None) -> str:
    from syria_timeline import terminals

    try:
        return terminals.resolve(value)
    except ValueError:
        raise BadValue(f"--bidi: {printable(value or '')} is not a mode; accepted: auto, app, "
                       "terminal, runs, off (1 and 0 mean app and off)") from None


def _say(text: str) -> None:
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


def _write(text: str | list[str]) -> None:
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


def _write_document(text: str | list[str]) -> None:
    """JSON, CSV, …: exact for programs, harmless on a screen (controls shown, not obeyed)."""
    if sys.stdout is not None and sys.stdout.isatty():
        text = visible(text if isinstance(text, str) else "".join(text))
    _write(text)


def _filters(store: "Store", year: Sequence[str] | None, start: str | None, end: str | None,
             place: Sequence[str] | None, actor: Sequence[str] | None,
             victor: Sequence[str] | None, loser: Sequence[str] | None,
             types: Sequence[str] | None, text: str | None, sort: Sort = Sort.date,
             limit: int | None = None) -> "Filters":
    from syria_timeline.query import make_filters

    return make_filters(store, years=year or (), start=start, end=end, places=place or (),
                        actors=actor or (), victors=victor or (), losers=loser or (),
                        types=types or (), text=text, newest_first=sort is Sort.newest,
                        limit=limit)


def _marks(filters: "Filters") -> Any:
    """What a table highlights: the words `--text` found."""
    return filters.text.query.marks if filters.text is not None else None


def _geojson_note(store: "Store", events: Sequence[Any], fmt: str) -> None:
    if fmt == "geojson":
        from syria_timeline.output.documents import unlocated

        left = unlocated(store, events)
        if left:
            print(f"Note: {left} event{'s' if left != 1 else ''} left out: "
                  f"{'their places have' if left != 1 else 'its place has'} no coordinates",
                  file=sys.stderr)


def _write_store(target: Path, store: bytes, texts: dict[Path, bytes], force: bool) -> None:
    """Write a store and its source texts, each whole. Nothing is replaced unless `--force`
    says so (a text already there with the same bytes is no conflict); all is checked before
    anything is written."""
    from syria_timeline.files import write_whole

    clashes = [target] if target.exists() else []
    clashes += [p for p, data in texts.items() if p.exists() and (p.is_dir() or
                                                                  p.read_bytes() != data)]
    if clashes and not force:
        raise BadValue(f"--output: {clashes[0]} exists; give --force to replace it")
    for path, data in texts.items():
        write_whole(path, data)
    write_whole(target, store)


def _write_records(fmt: str, records: list[dict[str, Any]]) -> None:
    from syria_timeline.output.documents import RECORD_DOCUMENTS

    _write_document(RECORD_DOCUMENTS[fmt](records))


# --- commands ---------------------------------------------------------------------------------


@commands.command("list", cls=TimelineCommand)
def list_events(
    ctx: typer.Context,
    year: YearOpt = None, start: FromOpt = None, end: ToOpt = None, place: PlaceOpt = None,
    actor: ActorOpt = None, victor: VictorOpt = None, loser: LoserOpt = None,
    type_: TypeOpt = None, text: TextOpt = None, sort: SortOpt = Sort.date,
    limit: LimitOpt = None, ids: IdsOpt = False, json_: JsonOpt = False,
    jsonl: JsonlOpt = False, csv: CsvOpt = False, excel: ExcelOpt = False,
    geojson: GeojsonOpt = False, hijri: HijriOpt = False, lang: LangOpt = Lang.ar,
    bidi: BidiOpt = None,
) -> None:
    """List events, oldest first; every filter narrows the list."""
    from syria_timeline.query import select

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, excel=excel, geojson=geojson)
    store = _store(ctx)
    filters = _filters(store, year, start, end, place, actor, victor, loser, type_, text, sort,
                       limit)
    events = select(store, filters)
    if fmt is None:
        from syria_timeline.output.screens import events_table

        _write(events_table(store, events, _display(lang, bidi), hijri=hijri, ids=ids,
                            marks=_marks(filters)))
    else:
        from syria_timeline.output.documents import EVENT_DOCUMENTS

        _write_document(EVENT_DOCUMENTS[fmt](store, events, hijri=hijri))
        _geojson_note(store, events, fmt)


@commands.command(cls=TimelineCommand)
def city(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="A place in Arabic or English, under any spelling: الرقة, Raqqa, Tadmur.")],
    text: TextOpt = None, ids: IdsOpt = False, json_: JsonOpt = False, jsonl: JsonlOpt = False,
    csv: CsvOpt = False, excel: ExcelOpt = False, geojson: GeojsonOpt = False,
    hijri: HijriOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """Every event at one place (a province: at the places in it), with who held it when."""
    from syria_timeline import query

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, excel=excel, geojson=geojson)
    store = _store(ctx)
    place = query.resolve_place(store, name)
    filters = query.make_filters(store, places=[place.id], text=text)
    events = query.select(store, filters)
    if fmt is None:
        from syria_timeline.output import screens

        display = _display(lang, bidi)
        holder = query.last_holders(store).get(place.id, query.Holder())
        history = screens.history_lines(store, place, query.control_history(store, place.id),
                                        holder, display.lang)
        _write(screens.events_table(store, events, display, hijri=hijri, ids=ids,
                                    footer=history, marks=_marks(filters),
                                    empty=screens.no_events_at(place, display.lang)))
    else:
        from syria_timeline.output.documents import EVENT_DOCUMENTS

        _write_document(EVENT_DOCUMENTS[fmt](store, events, hijri=hijri))
        _geojson_note(store, events, fmt)


@commands.command(cls=TimelineCommand)
def summary(
    ctx: typer.Context,
    by: Annotated[SummaryKey, typer.Option(
        "--by", "-b", help="What to count by; a month's key is YYYY-MM, and an event known "
        "only to its year counts under the year.")] = SummaryKey.year,
    year: YearOpt = None, start: FromOpt = None, end: ToOpt = None, place: PlaceOpt = None,
    actor: ActorOpt = None, victor: VictorOpt = None, loser: LoserOpt = None,
    type_: TypeOpt = None, text: TextOpt = None,
    json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    excel: ExcelOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """Count events by year, month, place, actor (any role) or type; the list filters apply."""
    from syria_timeline import query

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, excel=excel)
    store = _store(ctx)
    filters = _filters(store, year, start, end, place, actor, victor, loser, type_, text)
    counts = query.summarize(store, filters, by.value)
    if fmt is None:
        from syria_timeline.output.screens import counts_table

        display = _display(lang, bidi)
        _write(counts_table(counts, by.value, display, bars=sys.stdout.isatty()))
    else:
        from syria_timeline.output.documents import count_record

        _write_records(fmt, [count_record(c) for c in counts])


@commands.command(cls=TimelineCommand)
def show(
    ctx: typer.Context,
    what: Annotated[list[str], typer.Argument(
        metavar="ID",
        help="An event id (2017-10-17-raqqa), any part of one that fits one event (kobani), "
        "or a place under any spelling, with a year or date if it has several events "
        "(الرقة 2017).")],
    json_: Annotated[bool, typer.Option("--json", help="The event as one JSON object.")] = False,
    hijri: HijriOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """One event in full, with the sentence of the article it comes from."""
    from syria_timeline.query import find_event

    store = _store(ctx)
    event = find_event(store, what)
    if json_:
        from syria_timeline.output.documents import dumps, event_record

        _write_document(dumps(event_record(store, event, hijri=hijri)))
    else:
        from syria_timeline.output.screens import event_detail

        _write(event_detail(store, event, _display(lang, bidi), hijri=hijri))


@commands.command(cls=TimelineCommand)
def places(
    ctx: typer.Context, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    excel: ExcelOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """The gazetteer: every place, its event counts and who last took it, as of when."""
    from syria_timeline.query import counts_within, event_counts, last_holders

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, excel=excel)
    store = _store(ctx)
    counts, holders = event_counts(store)[0], last_holders(store)
    within = counts_within(store, counts)
    if fmt is None:
        from syria_timeline.output.screens import places_table

        _write(places_table(store, counts, within, holders, _display(lang, bidi)))
    else:
        from syria_timeline.output.documents import place_record

        _write_records(fmt, [place_record(store, p, counts[p.id], within[p.id], holders[p.id])
                             for p in store.places.values()])


@commands.command(cls=TimelineCommand)
def actors(
    ctx: typer.Context, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    excel: ExcelOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """Every actor and the number of events naming it."""
    from syria_timeline.query import event_counts

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, excel=excel)
    store = _store(ctx)
    counts = event_counts(store)[1]
    if fmt is None:
        from syria_timeline.output.screens import actors_table

        _write(actors_table(store, counts, _display(lang, bidi)))
    else:
        from syria_timeline.output.documents import actor_record

        _write_records(fmt, [actor_record(a, counts[a.id]) for a in store.actors.values()])


@commands.command(cls=TimelineCommand)
def validate(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A store file to check.")],
) -> None:
    """Check a store and print every problem, not only the first (exit 1 if any)."""
    from syria_timeline.store import validate_file

    problems, summary_line = validate_file(Path(path))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {path}"
        _say("\n".join([*problems, count]))
        raise typer.Exit(1)
    _write(visible(summary_line) + "\n")


@commands.command(cls=TimelineCommand)
def extract(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="A UTF-8 text file.")],
    published: Annotated[str, typer.Option(
        "--published", metavar="DATE", help="The article's publication day, e.g. 2019-03-23.")],
    publisher: Annotated[str, typer.Option("--publisher", metavar="NAME")] = "unknown",
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL")] = None,
    out: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="PATH",
        help="Write the store here, and the article beside it under sources/ (so that its "
        "quotes can be checked); else print the store.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files already there.")] = False,
) -> None:
    """A draft store from an Arabic article of dated milestones: one event per dated statement."""
    from syria_timeline.extract import default_names, draft_store
    from syria_timeline.files import MAX_SOURCE_BYTES, FileProblem, read_limited
    from syria_timeline.output.documents import dumps

    path = Path(article)
    try:
        data = read_limited(path, MAX_SOURCE_BYTES)
    except FileProblem as problem:
        raise TimelineError(f"{article}: {problem}") from None
    day = _published_day(published, "2019-03-23")
    if b"\x00" in data:
        raise TimelineError(f"{article}: has NUL bytes: not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TimelineError(f"{article}: byte {error.start}: not UTF-8 text") from None
    from datetime import date

    source = {"publisher": publisher, "title": title, "url": url,
              "file": f"sources/{path.name}" if out else None}
    document = draft_store(text, date.fromisoformat(day), source, default_names())
    events = document["events"]
    if not events:
        raise TimelineError(f"{article}: no dated statement found; the tool reads articles that "
                            "date their events (في 14 تشرين الأول/أكتوبر 2017، …)")
    if out:
        target = Path(out)
        _write_store(target, dumps(document).encode("utf-8"),
                     {target.parent / "sources" / path.name: data}, force)
    else:
        _write_document(dumps(document))
    review = sum(1 for e in events if len(e["review"]) > 1)
    _say(f"{len(events)} event{'s' if len(events) != 1 else ''}, {review} to review"
         + (f"; written to {out}" if out else ""))


@commands.command(cls=TimelineCommand)
def merge(
    stores: Annotated[list[str], typer.Argument(
        metavar="STORE", help="Stores to merge; the word `bundled` names the bundled one.")],
    out: Annotated[str, typer.Option("--output", "-o", metavar="PATH",
                                     help="The merged store; its folders are made.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")
                     ] = False,
) -> None:
    """One store from several: the same places, actors and happenings told once, every quote kept."""
    from syria_timeline import merge as merging
    from syria_timeline.files import MAX_SOURCE_BYTES, FileProblem, read_limited
    from syria_timeline.output.documents import dumps
    from syria_timeline.store import bundled_path, from_document, parse_json, read_store_bytes

    paths = [bundled_path() if name == "bundled" else Path(name) for name in stores]
    target = Path(out)
    if any(target.resolve() == p.resolve() for p in paths):
        raise BadValue(f"--output: {out} is one of the stores to merge; inputs are only read")
    inputs = []
    for path in paths:
        document = parse_json(path, read_store_bytes(path))
        from_document(path, document)  # every input is checked first
        inputs.append(merging.Input(path, document))
    document, conflicts, texts = merging.merge(inputs)
    try:
        files = {target.parent / name: read_limited(source, MAX_SOURCE_BYTES)
                 for name, source in texts.items()}
    except FileProblem as problem:
        raise TimelineError(f"a source text cannot be copied: {problem}") from None
    _write_store(target, dumps(document).encode("utf-8"), files, force)
    for conflict in conflicts:
        _say(f"Contradiction: {conflict}")
    several = sum(1 for e in document["events"] if e["other_sources"])
    _say(f"{len(document['events'])} events from {len(paths)} stores ({several} told by several "
         f"sources), {len(conflicts)} contradiction{'s' if len(conflicts) != 1 else ''}; "
         f"written to {out}")


def _published_day(text: str, example: str) -> str:
    """`--published`: one day, as ISO; else BadValue."""
    from syria_timeline.dates import DateInputError, parse_bound

    try:
        prefix = parse_bound(text).prefix
    except DateInputError as error:
        raise BadValue(f"--published: {error}") from None
    if prefix.count("-") != 2:
        raise BadValue(f"--published: {printable(text)} is not a day; give one, e.g. {example}")
    return prefix


def _same_file(a: Path, b: Path) -> bool:
    import filecmp

    try:
        return a.resolve() == b.resolve() or filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


class Dataset(str, Enum):
    acled = "acled"
    ucdp = "ucdp"


@commands.command("import", cls=TimelineCommand)
def import_dataset(
    dataset: Annotated[Dataset, typer.Argument(
        metavar="DATASET", help="acled or ucdp: whose export FILE is.")],
    export: Annotated[str, typer.Argument(metavar="FILE", help="The export, a UTF-8 CSV file.")],
    out: Annotated[str, typer.Option("--output", "-o", metavar="PATH", help=(
        "The store to write; the export is copied beside it under sources/, so that every "
        "quote can be checked."))],
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Leave out rows that cannot be read, and list them all.")] = False,
    published: Annotated[str | None, typer.Option("--published", metavar="DATE", help=(
        "The export's day, e.g. 2025-06-30 (else ACLED's newest timestamp, or the file's "
        "date)."))] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files already there.")] = False,
) -> None:
    """A store from an ACLED or UCDP GED export: Arabic names, spans of days, every row's text."""
    from syria_timeline import gazetteer
    from syria_timeline.datasets import ACLED_REMINDER, LAYOUTS
    from syria_timeline.extract import default_names
    from syria_timeline.files import FileProblem
    from syria_timeline.importing import ImportProblem, import_export

    path, target = Path(export), Path(out)
    day = _published_day(published, "2025-06-30") if published is not None else None
    copy = target.parent / "sources" / path.name
    if path.exists() and target.exists() and target.resolve() == path.resolve():
        raise BadValue(f"--output: {out} is the export itself; inputs are only read")
    if target.exists() and not force:
        raise BadValue(f"--output: {target} exists; give --force to replace it")
    if copy.exists() and not force and (copy.is_dir() or not _same_file(copy, path)):
        raise BadValue(f"--output: {copy} exists; give --force to replace it")
    layout = LAYOUTS[dataset.value]
    if layout.name == "acled":
        _say(ACLED_REMINDER)
    if sys.stderr is not None and sys.stderr.isatty() and path.is_file():
        # 100,000 rows take about ten seconds: say what is happening instead of looking stuck.
        _say(f"Importing {export} ({path.stat().st_size / 2**20:,.1f} MiB)…")
    try:
        done = import_export(layout, path, target, skip_bad=skip_bad, published=day,
                             known_actors=default_names().actors, gazetteer=gazetteer.places())
    except (FileProblem, ImportProblem) as problem:
        raise TimelineError(f"{export}: {problem}") from None
    for line in done.bad_rows:
        _say(f"{export}: {line}")
    left = f"; {len(done.bad_rows)} bad rows left out" if done.bad_rows else ""
    _say(f"{done.events} events, {done.places} places ({done.matched_places} from the "
         f"gazetteer), {done.actors} actors{left}; written to {out}")


@commands.command(cls=TimelineCommand)
def schema() -> None:
    """Print the store's JSON Schema, for editors and for building a store of your own."""
    from syria_timeline.schema import schema_text

    _write_document(schema_text())


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the entry module has settled signals and encodings)."""
    app(prog_name="timeline", args=list(argv) if argv is not None else None)
