"""The `timeline` command: options wired to the query layer and the renderers, nothing more.

Errors are turned into one line on stderr and an exit code in one place,
`TimelineGroup.invoke`: 0 success (empty results included), 1 not found or an unusable
store, 2 a usage error.
"""

import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from syria_timeline import __version__
from syria_timeline.errors import BadValue, TimelineError, printable
from syria_timeline.model import EVENT_TYPES, Event

if TYPE_CHECKING:  # the real imports wait for the commands that use them (start-up time)
    from syria_timeline.query import Filters
    from syria_timeline.store import Store
    from syria_timeline.tables import Display


class TimelineGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TimelineError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


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
    place = "place"
    actor = "actor"
    type = "type"


class Lang(str, Enum):
    ar = "ar"
    en = "en"


def _complete_places(ctx: typer.Context, incomplete: str) -> list[str]:
    from syria_timeline.completion import place_names

    return place_names(ctx, incomplete)


def _complete_actors(ctx: typer.Context, incomplete: str) -> list[str]:
    from syria_timeline.completion import actor_ids

    return actor_ids(ctx, incomplete)


def _complete_types(incomplete: str) -> list[str]:
    return [t for t in EVENT_TYPES if t.startswith(incomplete)]


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
    "--place", "-p", metavar="NAME", autocompletion=_complete_places,
    help="Keep events at this place, or in this province (repeatable); any spelling: "
    "الرقة, Raqqa, ar-Raqqah.")]
ActorOpt = Annotated[str | None, typer.Option(
    "--actor", "-a", metavar="NAME", autocompletion=_complete_actors,
    help="Keep events naming this actor in any role: victor, loser, actor, target or backer.")]
TypeOpt = Annotated[list[str] | None, typer.Option(
    "--type", "-t", metavar="TYPE", autocompletion=_complete_types,
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
LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", "-l", help="Language of headers, names and summaries: ar (default) or en. "
    "Env: TIMELINE_LANG.", show_default=False)]
BidiOpt = Annotated[bool | None, typer.Option(
    "--bidi/--no-bidi", help="Shape and reorder Arabic for terminals that do not (default: on "
    "when stdout is a terminal). Env: TIMELINE_BIDI=1|0. Never applied to piped output.",
    show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    # A plain string: click's Path type would stat it first and fail on a NUL byte.
    data: Annotated[str | None, typer.Option(
        "--data", metavar="PATH", help="Use this store instead of the bundled one. "
        "Env: TIMELINE_DATA.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Query the timeline: list, city, summary, show, places, actors; validate, schema."""
    ctx.obj = data


# --- plumbing ---------------------------------------------------------------------------------


def _store(ctx: typer.Context) -> "Store":
    from syria_timeline.store import load, store_path

    return load(store_path(ctx.find_root().obj))


def _format(**flags: bool) -> str:
    chosen = [name for name, on in flags.items() if on]
    if len(chosen) > 1:
        names = ", ".join(f"--{n}" for n in flags)
        raise BadValue(f"choose one output format, not {len(chosen)}: {names}")
    return chosen[0] if chosen else "table"


def _display(lang: Lang | None, bidi: bool | None) -> "Display":
    from syria_timeline.tables import Display

    terminal = sys.stdout.isatty()
    if bidi is None:
        bidi = _env_flag("TIMELINE_BIDI", default=terminal)
    color = terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    width = shutil.get_terminal_size().columns
    return Display(lang=_lang(lang), bidi=bidi and terminal, color=color, width=width)


def _lang(lang: Lang | None) -> str:
    if lang is not None:
        return lang.value
    value = os.environ.get("TIMELINE_LANG", "").strip().lower() or "ar"
    if value not in ("ar", "en"):
        raise BadValue(f"TIMELINE_LANG={printable(value)} is not a language; accepted: ar, en")
    return value


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise BadValue(f"{name}={printable(value)} is not a switch; accepted: 1 or 0")


def _write(text: str | list[str]) -> None:
    """Write a document that is already complete, so no error can cut it in half."""
    if isinstance(text, str):
        sys.stdout.write(text)
    else:
        sys.stdout.writelines(text)
    sys.stdout.flush()


def _filters(store: "Store", year: Sequence[str] | None, start: str | None, end: str | None,
             place: Sequence[str] | None, actor: str | None, types: Sequence[str] | None,
             sort: Sort = Sort.date, limit: int | None = None) -> "Filters":
    from syria_timeline.query import make_filters

    return make_filters(store, years=year or (), start=start, end=end, places=place or (),
                        actor=actor, types=types or (), newest_first=sort is Sort.newest,
                        limit=limit)


def _emit_events(store: "Store", events: list[Event], fmt: str, lang: Lang | None,
                 bidi: bool | None, hijri: bool, footer: Callable[[str], list[str]] | None = None
                 ) -> None:
    if fmt == "table":
        from syria_timeline.views import events_table

        display = _display(lang, bidi)
        notes = footer(display.lang) if footer else []
        _write(events_table(store, events, display, hijri=hijri, footer=notes))
        return
    from syria_timeline import render

    writers = {"json": render.events_json, "jsonl": render.events_jsonl,
               "csv": render.events_csv, "geojson": render.events_geojson}
    _write(writers[fmt](store, events, hijri=hijri))


# --- commands ---------------------------------------------------------------------------------


@app.command("list")
def list_events(
    ctx: typer.Context,
    year: YearOpt = None, start: FromOpt = None, end: ToOpt = None, place: PlaceOpt = None,
    actor: ActorOpt = None, type_: TypeOpt = None, sort: SortOpt = Sort.date,
    limit: LimitOpt = None, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    geojson: GeojsonOpt = False, hijri: HijriOpt = False, lang: LangOpt = None,
    bidi: BidiOpt = None,
) -> None:
    """List events, oldest first; every filter narrows the list."""
    from syria_timeline.query import select

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, geojson=geojson)
    store = _store(ctx)
    filters = _filters(store, year, start, end, place, actor, type_, sort, limit)
    _emit_events(store, select(store, filters), fmt, lang, bidi, hijri)


@app.command()
def city(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        autocompletion=_complete_places,
        help="A place in Arabic or English, under any spelling: الرقة, Raqqa, Tadmur.")],
    json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    geojson: GeojsonOpt = False, hijri: HijriOpt = False, lang: LangOpt = None,
    bidi: BidiOpt = None,
) -> None:
    """Every event at one place (a province: at the places in it), with who held it when."""
    from syria_timeline import query

    fmt = _format(json=json_, jsonl=jsonl, csv=csv, geojson=geojson)
    store = _store(ctx)
    place = query.resolve_place(store, name)
    events = query.select(store, query.Filters(places=frozenset(store.place_children(place.id))))

    def history(language: str) -> list[str]:
        from syria_timeline.views import history_lines

        return history_lines(store, place, language)

    _emit_events(store, events, fmt, lang, bidi, hijri, footer=history)


@app.command()
def summary(
    ctx: typer.Context,
    by: Annotated[SummaryKey, typer.Option("--by", "-b", help="What to count by.")
                  ] = SummaryKey.year,
    year: YearOpt = None, start: FromOpt = None, end: ToOpt = None, place: PlaceOpt = None,
    actor: ActorOpt = None, type_: TypeOpt = None,
    json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    lang: LangOpt = None, bidi: BidiOpt = None,
) -> None:
    """Count events by year, place, actor (any role) or type; the list filters apply."""
    from syria_timeline import query

    fmt = _format(json=json_, jsonl=jsonl, csv=csv)
    store = _store(ctx)
    counts = query.summarize(store, _filters(store, year, start, end, place, actor, type_), by.value)
    if fmt == "table":
        from syria_timeline.views import counts_table

        display = _display(lang, bidi)
        _write(counts_table(counts, by.value, display, bars=sys.stdout.isatty()))
        return
    from syria_timeline import render

    records = [render.count_record(c) for c in counts]
    _write(_records(fmt, records))


def _records(fmt: str, records: list[dict[str, Any]]) -> str:
    from syria_timeline import render

    if fmt == "jsonl":
        return render.records_jsonl(records)
    if fmt == "csv":
        return render.records_csv(records)
    return render.dumps(records)


@app.command()
def show(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="ID", help="An event id, e.g. 2017-10-17-raqqa.")],
    json_: JsonOpt = False, hijri: HijriOpt = False, lang: LangOpt = None, bidi: BidiOpt = None,
) -> None:
    """One event in full, with the sentence of the article it comes from."""
    from syria_timeline.query import find_event

    store = _store(ctx)
    event = find_event(store, event_id)
    if json_:
        from syria_timeline import render

        _write(render.dumps(render.event_record(store, event, hijri=hijri)))
        return
    from syria_timeline.views import event_detail

    _write(event_detail(store, event, _display(lang, bidi), hijri=hijri))


@app.command()
def places(
    ctx: typer.Context, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    lang: LangOpt = None, bidi: BidiOpt = None,
) -> None:
    """The gazetteer: every place, its event count and who last took it."""
    _gazetteer(ctx, "places", _format(json=json_, jsonl=jsonl, csv=csv), lang, bidi)


@app.command()
def actors(
    ctx: typer.Context, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    lang: LangOpt = None, bidi: BidiOpt = None,
) -> None:
    """Every actor and the number of events naming it."""
    _gazetteer(ctx, "actors", _format(json=json_, jsonl=jsonl, csv=csv), lang, bidi)


def _gazetteer(ctx: typer.Context, kind: str, fmt: str, lang: Lang | None, bidi: bool | None
               ) -> None:
    from syria_timeline.query import event_counts, last_holders

    store = _store(ctx)
    place_counts, actor_counts = event_counts(store)
    if fmt == "table":
        from syria_timeline import views

        display = _display(lang, bidi)
        if kind == "places":
            _write(views.places_table(store, place_counts, display))
        else:
            _write(views.actors_table(store, actor_counts, display))
        return
    from syria_timeline import render

    if kind == "places":
        holders = last_holders(store)
        records = [render.place_record(store, p, place_counts[p.id], holders[p.id])
                   for p in store.places.values()]
    else:
        records = [render.actor_record(a, actor_counts[a.id]) for a in store.actors.values()]
    _write(_records(fmt, records))


@app.command()
def validate(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A store file to check.")],
) -> None:
    """Check a store and print every problem, not only the first (exit 1 if any)."""
    from syria_timeline.store import validate_file

    problems, summary_line = validate_file(Path(path))
    if problems:
        typer.echo("\n".join(problems), err=True)
        typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {path}",
                   err=True)
        raise typer.Exit(1)
    _write(summary_line + "\n")


@app.command()
def schema() -> None:
    """Print the store's JSON Schema, for editors and for building a store of your own."""
    from syria_timeline.store import schema_text

    _write(schema_text())


def main() -> None:
    """Console entry point: UTF-8 out whatever the locale, quiet on a closed pipe."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if hasattr(signal, "SIGPIPE"):
        # `timeline list | head -1`: end quietly like any Unix filter when the reader leaves.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _keep_only_the_command_asked_for(sys.argv[1:])
    app(prog_name="timeline")


def _keep_only_the_command_asked_for(argv: Sequence[str]) -> None:
    """Typer builds the options of every command at each start, 3 ms of a 60 ms start-up.

    When the command line names a command, only that one is built (click's "lazily loading
    subcommands", done before Typer builds the group). Without one (`timeline`, `--help`,
    `--version`, a typo that wants suggestions, shell completion) all of them are.
    """
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return
    commands = {info.name or getattr(info.callback, "__name__", ""): info
                for info in app.registered_commands}
    words = iter(argv)
    for word in words:
        if word == "--data":
            next(words, None)
        elif not word.startswith("-"):
            if word in commands:
                app.registered_commands[:] = [commands[word]]
            return
