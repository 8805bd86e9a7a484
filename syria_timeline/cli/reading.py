"""The commands that read a store: list, city, summary, show, places, actors."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from syria_timeline.cli.console import (
    display,
    filters_from,
    geojson_note,
    marks,
    one_format,
    open_store,
    write,
    write_document,
    write_encoded,
    write_records,
)
from syria_timeline.cli.options import (
    ActorOpt,
    BidiOpt,
    CsvOpt,
    ExcelOpt,
    FromOpt,
    GeojsonOpt,
    HijriOpt,
    IdsOpt,
    JsonlOpt,
    JsonOpt,
    Lang,
    LangOpt,
    LimitOpt,
    LoserOpt,
    PlaceOpt,
    Sort,
    SortOpt,
    SummaryKey,
    TextOpt,
    ToOpt,
    TypeOpt,
    VictorOpt,
    YearOpt,
)
from syria_timeline.cli.registry import TimelineCommand, commands

if TYPE_CHECKING:
    from syria_timeline.model import Event
    from syria_timeline.query import Filters
    from syria_timeline.store.loading import Store


def write_events(store: "Store", events: "list[Event]", fmt: str, hijri: bool) -> None:
    """Events as the document asked for (JSON, CSV, GeoJSON…), for `list` and `city` alike."""
    from syria_timeline.output.documents import EVENT_DOCUMENTS

    write_document(EVENT_DOCUMENTS[fmt](store, events, hijri=hijri))
    geojson_note(store, events, fmt)


def stored_answer(store: "Store", filters: "Filters", fmt: str | None, hijri: bool) -> bool:
    """JSON and JSON Lines of an indexed store, written from the events' stored JSON (no
    event object built: 150,000 events in a blink); False where that path does not apply."""
    if fmt not in ("json", "jsonl") or hijri or store.events.answers is None:
        return False
    from syria_timeline.output.documents import STORED_DOCUMENTS
    from syria_timeline.query import select_stored

    raws = select_stored(store, filters)
    if raws is None:
        return False
    write_encoded(STORED_DOCUMENTS[fmt](store, raws))
    return True


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

    fmt = one_format(json=json_, jsonl=jsonl, csv=csv, excel=excel, geojson=geojson)
    store = open_store(ctx)
    filters = filters_from(store, year, start, end, place, actor, victor, loser, type_, text, sort,
                       limit)
    if stored_answer(store, filters, fmt, hijri):
        return
    events = select(store, filters)
    if fmt is None:
        from syria_timeline.output.screens import events_table

        write(events_table(store, events, display(lang, bidi), hijri=hijri, ids=ids,
                            marks=marks(filters)))
    else:
        write_events(store, events, fmt, hijri)


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

    fmt = one_format(json=json_, jsonl=jsonl, csv=csv, excel=excel, geojson=geojson)
    store = open_store(ctx)
    place = query.resolve_place(store, name)
    filters = query.make_filters(store, place_ids=[place.id], text=text)
    if stored_answer(store, filters, fmt, hijri):
        return
    events = query.select(store, filters)
    from syria_timeline.gazetteer import describe

    # A place with no events: what the gazetteer knows of it, rather than nothing.
    facts_only = not events and text is None and describe.facts(place.id) is not None
    if fmt is None:
        from syria_timeline.output import screens

        shown = display(lang, bidi)
        holder = query.last_holders(store).get(place.id, query.Holder())
        history = screens.history_lines(store, place, query.control_history(store, place.id),
                                        holder, shown.lang)
        meaning = describe.which_meaning(name, place.id, store.places, shown.lang)
        facts = describe.lines(place.id, shown.lang) if facts_only else []
        notes = [*history, *facts, *([meaning] if meaning else [])]
        write(screens.events_table(store, events, shown, hijri=hijri, ids=ids, footer=notes,
                                   marks=marks(filters), empty=screens.no_events_at(place, shown.lang)))
    elif facts_only and fmt == "json":
        from syria_timeline.output.documents import dumps

        write_document(dumps({"place": describe.facts(place.id), "events": []}))
    else:
        write_events(store, events, fmt, hijri)


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
    chart: Annotated[bool, typer.Option(
        "--chart", help="Draw the bars when piped too, as plain text (for a report). By year "
        "or month, every period of the range is a bar, split by the side that won.")] = False,
) -> None:
    """Count events by year, month, place, actor (any role) or type; the list filters apply."""
    from syria_timeline import query

    fmt = one_format(json=json_, jsonl=jsonl, csv=csv, excel=excel, chart=chart)
    store = open_store(ctx)
    filters = filters_from(store, year, start, end, place, actor, victor, loser, type_, text)
    bars = chart or sys.stdout.isatty()
    if fmt in (None, "chart") and bars and by.value in ("year", "month"):
        from syria_timeline.cli.mapping import time_chart

        write(time_chart(store, filters, by.value, display(lang, bidi)))
        return
    counts = query.summarize(store, filters, by.value)
    if fmt in (None, "chart"):
        from syria_timeline.output.screens import counts_table

        shown = display(lang, bidi)
        write(counts_table(counts, by.value, shown, bars=bars))
    else:
        from syria_timeline.output.documents import count_record

        write_records(fmt, [count_record(c) for c in counts])


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

    store = open_store(ctx)
    event = find_event(store, what)
    if json_:
        from syria_timeline.output.documents import dumps, event_record

        write_document(dumps(event_record(store, event, hijri=hijri)))
    else:
        from syria_timeline.output.screens import event_detail

        write(event_detail(store, event, display(lang, bidi), hijri=hijri))


@commands.command(cls=TimelineCommand)
def places(
    ctx: typer.Context, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    excel: ExcelOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """The gazetteer: every place, its event counts and who last took it, as of when."""
    from syria_timeline.query import counts_within, event_counts, last_holders

    fmt = one_format(json=json_, jsonl=jsonl, csv=csv, excel=excel)
    store = open_store(ctx)
    counts, holders = event_counts(store)[0], last_holders(store)
    within = counts_within(store, counts)
    if fmt is None:
        from syria_timeline.output.screens import places_table

        write(places_table(store, counts, within, holders, display(lang, bidi)))
    else:
        from syria_timeline.output.documents import place_record

        write_records(fmt, [place_record(store, p, counts[p.id], within[p.id], holders[p.id])
                             for p in store.places.values()])


@commands.command(cls=TimelineCommand)
def actors(
    ctx: typer.Context, json_: JsonOpt = False, jsonl: JsonlOpt = False, csv: CsvOpt = False,
    excel: ExcelOpt = False, lang: LangOpt = Lang.ar, bidi: BidiOpt = None,
) -> None:
    """Every actor and the number of events naming it."""
    from syria_timeline.query import event_counts

    fmt = one_format(json=json_, jsonl=jsonl, csv=csv, excel=excel)
    store = open_store(ctx)
    counts = event_counts(store)[1]
    if fmt is None:
        from syria_timeline.output.screens import actors_table

        write(actors_table(store, counts, display(lang, bidi)))
    else:
        from syria_timeline.output.documents import actor_record

        write_records(fmt, [actor_record(a, counts[a.id]) for a in store.actors.values()])
