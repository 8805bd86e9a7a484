"""What each command shows a person: its rows and notes, in Arabic or English.

Screens are handed the answers (events, counts, holders, histories); they never ask the
store a question themselves. Words come from `vocabulary`, boxes from `layout`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from syria_timeline.model import Actor, Event, Place
from syria_timeline.output.layout import Column, Display, render_table
from syria_timeline.query import Count, Holder
from syria_timeline.store.loading import Store
from syria_timeline.vocabulary import (
    format_date,
    format_period,
    kind_name,
    place_precision_name,
    precision_name,
    type_name,
    word,
)


def figures(event: Event, lang: str) -> str:
    if event.killed is None and event.civilians_killed is None:
        return ""
    if lang == "ar":
        text = _counted("killed", event.killed) if event.killed is not None else ""
        text += _estimates(event, lang)
        if event.civilians_killed is not None:
            text += f"، {word('among_them', lang)} {_counted('civilians', event.civilians_killed)}"
        return text.strip("، ")
    parts = []
    if event.killed is not None:
        parts.append(f"{event.killed:,} {word('killed', lang)}{_estimates(event, lang)}")
    if event.civilians_killed is not None:
        parts.append(f"{event.civilians_killed:,} {word('civilians', lang)}")
    return ", ".join(parts)


# Arabic counts agree with their number (gettext's six forms): قتيل واحد، قتيلان، 3 قتلى،
# 11 قتيلاً، 100 قتيل.
_COUNTED = {"killed": ("{n} killed", "{n} killed"), "civilians": ("{n} civilian", "{n} civilians")}


def _counted(key: str, count: int) -> str:
    from syria_timeline.output.i18n import ngettext

    agreed = ngettext(*_COUNTED[key], count, lang="ar")
    return agreed if agreed is not None else f"{count} {word(key, 'ar')}"


def _estimates(event: Event, lang: str) -> str:
    """A dataset's low and high estimates around its best one: `، تقديرات بين 3 و7`, ` (3–7)`."""
    low, high = event.killed_low, event.killed_high
    if low is None or high is None or low == high:
        return ""
    # No brackets in Arabic: terminals that reorder by themselves would turn them round.
    return f"، {word('estimates', lang)} {low} و{high}" if lang == "ar" else f" ({low:,}–{high:,})"


def _name(record: Place | Actor | None, lang: str) -> str:
    return record.name(lang) if record is not None else ""


def events_table(store: Store, events: Sequence[Event], display: Display, *,
                 hijri: bool = False, ids: bool = False, footer: Sequence[str] = (),
                 marks: Callable[[str], bool] | None = None, empty: str | None = None) -> str:
    """The events, one a row; `ids` adds their ids, `marks` picks words to highlight, `empty`
    says what no events means."""
    lang = display.lang
    columns = [Column(header=word("id", lang), whole=True)] if ids else []
    columns.append(Column(header=word("date", lang)))
    if hijri:
        columns.append(Column(header=word("hijri", lang)))
    columns += [Column(header=word("place", lang)), Column(header=word("who", lang)),
                Column(header=word("what", lang), flexible=True), Column(header=word("figures", lang))]
    rows = [[e.id] * ids + _event_row(store, e, lang, hijri) for e in events]
    notes = list(footer) if events else [empty or word("no_events", lang), *footer]
    return render_table(display, columns, rows, footer=notes, marks=marks)


def no_events_at(place: Place, lang: str) -> str:
    return word("no_events_at", lang).format(place=place.name(lang))


def _event_row(store: Store, event: Event, lang: str, hijri: bool) -> list[str]:
    row = [format_period(event.date, event.end, lang)]
    if hijri:
        from syria_timeline.hijri import hijri_text

        row.append(hijri_text(event.date, lang, event.end))
    agent = store.actors.get(event.agent or "")
    row += [_name(store.places.get(event.place), lang), _name(agent, lang),
            event.summary(lang), figures(event, lang)]
    return row


def history_lines(store: Store, place: Place, history: Sequence[Event], holder: Holder,
                  lang: str) -> list[str]:
    """Who took the place from whom, capture by capture, and who holds it as of when.

    Arabic reads `X، انتزعها من Y` ("X, who wrested it from Y"), English `X ← Y`; no brackets
    in Arabic, which terminals that reorder by themselves turn the wrong way round.
    """
    if not history:
        return []
    lines = [f"{word('history', lang)} {place.name(lang)}:"]
    for event in history:
        taker = store.actors.get(event.victor or "")
        lost = store.actors.get(event.loser or "")
        when = format_period(event.date, event.end, lang)
        lines.append(f"  {when}: {_change_of_hands(taker, lost, lang)}")
    holds = store.actors.get(holder.actor or "")
    if holds is not None and holder.since:
        lines.append(f"  {word('held_by', lang)} {holds.name(lang)} {word('as_of', lang)} "
                     f"{format_date(holder.since, lang)}.")
    return lines


def _change_of_hands(taker: Actor | None, lost: Actor | None, lang: str) -> str:
    who = taker.name(lang) if taker else word("unnamed", lang)
    if lost is None:
        return who
    if lang == "en":
        return f"{who} ← {lost.name(lang)}"
    return f"{who}، {word('took_from', lang)} {lost.name(lang)}"


def counts_table(counts: Sequence[Count], by: str, display: Display, bars: bool) -> str:
    """A count a row; by month, months read as dates and year-only events under their year."""
    lang = display.lang
    header = word("actor_key" if by == "actor" else by, lang)
    columns = [Column(header=header), Column(header=word("count", lang))]
    most = max((c.count for c in counts), default=0)
    bar_room = max(display.width - 50, 10)
    if bars:
        columns.append(Column(header="", flexible=True))
    rows = []
    for count in counts:
        label = count.record.name(lang) if count.record is not None else count.key
        if by == "type":
            label = type_name(count.key, lang)
        elif by in ("month", "year"):
            label = format_date(count.key, lang)
        row = [label, str(count.count)]
        if bars:
            row.append("█" * max(1, round(count.count / most * min(bar_room, 30))))
        rows.append(row)
    notes = [] if counts else [word("no_events", lang)]
    if by == "month" and any(len(c.key) == 4 for c in counts):
        notes.append(word("year_only", lang))
    if any("/" in c.key for c in counts):
        notes.append(word("across", lang))
    return render_table(display, columns, rows, footer=notes)


def places_table(store: Store, counts: Mapping[str, int], within: Mapping[str, int],
                 holders: Mapping[str, Holder], display: Display) -> str:
    """Every place: its own events, and with the places inside it (what `city` lists)."""
    lang = display.lang
    columns = [Column(header=word("name", lang)), Column(header=word("kind", lang)),
               Column(header=word("province", lang)), Column(header=word("events", lang)),
               Column(header=word("within", lang)), Column(header=word("holder", lang)),
               Column(header=word("aliases", lang), flexible=True)]
    comma = "، " if lang == "ar" else ", "
    rows = [[place.name(lang), kind_name(place.kind, lang),
             _name(store.places.get(place.province or ""), lang), str(counts.get(place.id, 0)),
             str(within.get(place.id, 0)), _holder(store, holders.get(place.id), lang),
             comma.join(place.aliases)]
            for place in store.places.values()]
    return render_table(display, columns, rows)


def _holder(store: Store, holder: Holder | None, lang: str) -> str:
    actor = store.actors.get(holder.actor or "") if holder else None
    if actor is None or holder is None or holder.since is None:
        return ""
    since = f"{word('as_of', lang)} {format_date(holder.since, lang)}"
    return f"{actor.name(lang)}، {since}" if lang == "ar" else f"{actor.name(lang)} ({since})"


def actors_table(store: Store, counts: Mapping[str, int], display: Display) -> str:
    lang = display.lang
    columns = [Column(header=word("name", lang)), Column(header=word("id", lang)),
               Column(header=word("events", lang)), Column(header=word("aliases", lang), flexible=True)]
    rows = [[a.name(lang), a.id, str(counts.get(a.id, 0)), ", ".join(a.aliases)]
            for a in store.actors.values()]
    return render_table(display, columns, rows)


def event_detail(store: Store, event: Event, display: Display, *, hijri: bool = False) -> str:
    """One event in full; the verbatim quote set apart in its own box below."""
    lang = display.lang
    date = format_period(event.date, event.end, lang)
    if hijri:
        from syria_timeline.hijri import hijri_text

        date += f" ({hijri_text(event.date, lang, event.end)})"
    place = store.places.get(event.place)
    province = store.places.get(place.province or "") if place else None
    comma = "، " if lang == "ar" else ", "
    where = _name(place, lang) + (f"{comma}{_name(province, lang)}" if province else "")
    if event.place_precision and event.place_precision != "exact":
        how_near = place_precision_name(event.place_precision, lang)
        where += f"{comma}{how_near}" if lang == "ar" else f" ({how_near})"
    actor = store.actors.get
    fields = [
        ("id", event.id),
        ("date", date),
        ("precision", precision_name("span" if event.end else event.precision, lang)),
        ("type", type_name(event.type, lang)),
        ("place", where),
        ("victor", _name(actor(event.victor or ""), lang)),
        ("loser", _name(actor(event.loser or ""), lang)),
        ("actor", _name(actor(event.actor or ""), lang)),
        ("target", _name(actor(event.target or ""), lang)),
        ("backers", comma.join(_name(actor(a), lang) for a in event.supported_by)),
        ("associated", comma.join(_name(actor(a), lang) for a in event.associated)),
        ("figures", _figures_with_source(store, event, lang)),
        ("other_figures", "\n".join(event.other_figures)),
        ("summary", event.summary(lang)),
        ("coded_as", " / ".join(event.coded_as)),
        ("source", _source_line(store, event)),
    ]
    rows = [[word(key, lang), value] for key, value in fields if value]
    columns = [Column(header=""), Column(header="", flexible=True)]
    detail = render_table(display, columns, rows, heading=False)
    quote = render_table(display, [Column(header=word("quote", lang), flexible=True)], [[event.quote]])
    return detail + quote


def _figures_with_source(store: Store, event: Event, lang: str) -> str:
    text = figures(event, lang)
    counted_by = store.actors.get(event.figures_source or "")
    if text and counted_by:
        text += f" ({counted_by.name(lang)})"
    return text


def _source_line(store: Store, event: Event) -> str:
    source = store.sources.get(event.source)
    if source is None:
        return event.source
    return f"{source.publisher}, {source.dateline}, {source.published}"
