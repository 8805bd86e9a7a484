"""The `map` command: the events the list filters keep, drawn on Syria and Iraq."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from syria_timeline.cli.console import filters_from, open_store, say
from syria_timeline.cli.options import (
    ActorOpt,
    FromOpt,
    LoserOpt,
    PlaceOpt,
    TextOpt,
    ToOpt,
    TypeOpt,
    VictorOpt,
    YearOpt,
)
from syria_timeline.cli.registry import TimelineCommand, commands
from syria_timeline.errors import BadValue, printable

if TYPE_CHECKING:
    from syria_timeline.output.layout import Display
    from syria_timeline.query import Filters
    from syria_timeline.store.loading import Store

FORMATS = {".svg": "svg", ".html": "html", ".htm": "html"}
_INPUT = "the store the map is drawn from"


@commands.command("map", cls=TimelineCommand)
def map_command(
    ctx: typer.Context,
    out: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE",
        help="The map to write: FILE.svg (a picture) or FILE.html (the picture with a slider "
        "over time and each place's events).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE",
        help="Show what had happened by this day, coloured by who held each place that day: "
        "2017-10-20, 20 تشرين الأول 2017; a month or year means its last day. Default: the "
        "day of the last event kept.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the file if it exists (never an input).")] = False,
    year: YearOpt = None, start: FromOpt = None, end: ToOpt = None, place: PlaceOpt = None,
    actor: ActorOpt = None, victor: VictorOpt = None, loser: LoserOpt = None,
    type_: TypeOpt = None, text: TextOpt = None,
) -> None:
    """Draw a map of Syria and Iraq: a marker per place, coloured by who held it.

    The outlines are Natural Earth's (public domain). The file needs no network: open it in
    any browser. Places with no coordinates (a country, a province) get no marker.
    """
    from syria_timeline.files import check_output, write_outputs
    from syria_timeline.mapping.state import build

    target = Path(out)
    kind = _format(target)
    day = _day(as_of) if as_of is not None else None
    store = open_store(ctx)
    check_output(target, [store.path], force, input_words=_INPUT)
    filters = filters_from(store, year, start, end, place, actor, victor, loser, type_, text)
    state = build(store, filters, as_of=day,
                  title=_title(store, year, start, end, place, actor, victor, loser, type_, text))
    if kind == "svg":
        from syria_timeline.mapping import svg as drawing
    else:
        from syria_timeline.mapping import page as drawing  # type: ignore[no-redef]
    write_outputs({target: drawing.render(state).encode("utf-8")}, inputs=[store.path],
                  force=force, input_words=_INPUT)
    left = f"; {_many(state.unplaced, 'event')} at places with no coordinates" \
        if state.unplaced else ""
    say(f"{printable(out, limit=4096)}: {_many(len(state.markers), 'place')}, "
        f"{_many(state.events, 'event')}{left}")


def _many(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _format(target: Path) -> str:
    kind = FORMATS.get(target.suffix.lower())
    if kind is None:
        given = f"the extension {printable(target.suffix)}" if target.suffix else "no extension"
        raise BadValue(f"--output: {printable(str(target), limit=4096)} has {given}; accepted: .svg (a "
                       "picture) or .html (a page with a slider), e.g. -o map.html")
    return kind


def _day(typed: str) -> str:
    from syria_timeline.dates import DateInputError, parse_bound

    try:
        return parse_bound(typed).last
    except DateInputError as error:
        raise BadValue(f"--as-of: {error}") from None


def _title(store: "Store", year: list[str] | None, start: str | None, end: str | None,
           place: list[str] | None, actor: list[str] | None, victor: list[str] | None,
           loser: list[str] | None, types: list[str] | None, text: str | None) -> str:
    """The filters in Arabic words, names as the store writes them: the map's title."""
    from syria_timeline.query import resolve_actor, resolve_place, resolve_type
    from syria_timeline.vocabulary import TYPE_NAMES_AR

    def actors(names: list[str] | None) -> str:
        return "، ".join(resolve_actor(store, n).name_ar for n in names or ())

    parts = [
        ("السنة", "، ".join(year or ())), ("من", start or ""), ("إلى", end or ""),
        ("المكان", "، ".join(resolve_place(store, n).name_ar for n in place or ())),
        ("الطرف", actors(actor)), ("المنتصر", actors(victor)), ("الخاسر", actors(loser)),
        ("النوع", "، ".join(TYPE_NAMES_AR[resolve_type(t)] for t in types or ())),
        ("النص", f"«{text}»" if text else ""),
    ]
    return " · ".join(f"{label} {value}" for label, value in parts if value) or "كل الأحداث"


def time_chart(store: "Store", filters: "Filters", by: str, shown: "Display") -> str:
    """`summary --by year|month` as bars: every period, each split by the side that won."""
    from syria_timeline.output.chart import chart
    from syria_timeline.query.series import series
    from syria_timeline.vocabulary import word

    periods = series(store, filters, by)
    if not any(p.total for p in periods):  # nothing to draw: the empty table says so
        from syria_timeline.output.screens import counts_table

        return counts_table([], by, shown, bars=False)
    notes = []
    if by == "month" and any(len(p.key) == 4 for p in periods):
        notes.append(word("year_only", shown.lang))
    if any("/" in p.key for p in periods):
        notes.append(word("across", shown.lang))
    names = {actor.id: actor.name(shown.lang) for actor in store.actors.values()}
    return chart(periods, names, shown, notes)
