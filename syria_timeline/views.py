"""What each command shows a person: headers, rows and wording, in Arabic or English."""

from __future__ import annotations

from collections.abc import Sequence

from syria_timeline.arabic import MONTH_NAMES_AR, MONTH_NAMES_EN
from syria_timeline.model import Actor, Event, Place
from syria_timeline.query import TYPE_NAMES_AR, Count, control_history, last_holders
from syria_timeline.store import Store
from syria_timeline.tables import Column, Display, render_table

_WORDS = {
    "date": ("التاريخ", "Date"),
    "hijri": ("الهجري", "Hijri"),
    "place": ("المكان", "Place"),
    "who": ("من", "Who"),
    "what": ("ماذا حدث", "What happened"),
    "figures": ("الأرقام", "Figures"),
    "no_events": ("لا أحداث تطابق الطلب.", "no events match."),
    "count": ("العدد", "Count"),
    "kind": ("النوع", "Kind"),
    "province": ("المحافظة", "Province"),
    "events": ("الأحداث", "Events"),
    "holder": ("آخر من سيطر", "Last holder"),
    "name": ("الاسم", "Name"),
    "id": ("المعرّف", "Id"),
    "aliases": ("أسماء أخرى", "Other names"),
    "history": ("تاريخ السيطرة على", "Control history of"),
    "unnamed": ("(لا يسمّيه النص)", "(the text does not say)"),
    "type": ("النوع", "Type"),
    "victor": ("المنتصر", "Victor"),
    "loser": ("الخاسر", "Loser"),
    "actor": ("الفاعل", "Actor"),
    "target": ("ضد", "Against"),
    "backers": ("بدعم من", "Backed by"),
    "summary": ("الملخص", "Summary"),
    "quote": ("النص الأصلي", "Source quote"),
    "source": ("المصدر", "Source"),
    "precision": ("الدقة", "Precision"),
    "year": ("السنة", "Year"),
    "actor_key": ("الطرف", "Actor"),
}
_PRECISION = {"day": ("يوم", "day"), "month": ("شهر", "month"), "year": ("سنة", "year")}
_KINDS = {"country": "بلد", "province": "محافظة", "city": "مدينة", "town": "بلدة",
          "village": "قرية", "camp": "مخيم", "region": "منطقة"}


def word(key: str, lang: str) -> str:
    arabic, english = _WORDS[key]
    return arabic if lang == "ar" else english


def format_date(prefix: str, lang: str) -> str:
    """Only the precision the date has: `آب 2016`, never a day the text does not give."""
    parts = [int(p) for p in prefix.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTH_NAMES_AR[parts[1]].split("/")[0] if lang == "ar" else MONTH_NAMES_EN[parts[1]][:3]
    text = f"{month} {parts[0]}"
    return f"{parts[2]} {text}" if len(parts) == 3 else text


def figures(event: Event, lang: str) -> str:
    if event.killed is None and event.civilians_killed is None:
        return ""
    if lang == "ar":
        text = f"{event.killed} قتيلاً" if event.killed is not None else ""
        if event.civilians_killed is not None:
            text += f"، بينهم {event.civilians_killed} مدنياً"
        return text.strip("، ")
    parts = []
    if event.killed is not None:
        parts.append(f"{event.killed:,} killed")
    if event.civilians_killed is not None:
        parts.append(f"{event.civilians_killed:,} civilians")
    return ", ".join(parts)


def _name(record: Place | Actor | None, lang: str) -> str:
    return record.name(lang) if record is not None else ""


def events_table(store: Store, events: Sequence[Event], display: Display, *,
                 hijri: bool = False, footer: Sequence[str] = ()) -> str:
    lang = display.lang
    columns = [Column(header=word("date", lang))]
    if hijri:
        columns.append(Column(header=word("hijri", lang)))
    columns += [Column(header=word("place", lang)), Column(header=word("who", lang)),
                Column(header=word("what", lang), flexible=True), Column(header=word("figures", lang))]
    rows = [_event_row(store, e, lang, hijri) for e in events]
    notes = list(footer) if events else [word("no_events", lang), *footer]
    return render_table(display, columns, rows, footer=notes)


def _event_row(store: Store, event: Event, lang: str, hijri: bool) -> list[str]:
    row = [format_date(event.date, lang)]
    if hijri:
        from syria_timeline.hijri import hijri_text

        row.append(hijri_text(event.date, lang))
    agent = store.actors.get(event.agent or "")
    row += [_name(store.places.get(event.place), lang), _name(agent, lang),
            event.summary(lang), figures(event, lang)]
    return row


def history_lines(store: Store, place: Place, lang: str) -> list[str]:
    """Who held the place from when, capture by capture, for the foot of `city`."""
    history = control_history(store, place.id)
    if not history:
        return []
    lines = [f"{word('history', lang)} {place.name(lang)}:"]
    for event in history:
        holder = store.actors.get(event.victor or "")
        who = holder.name(lang) if holder else word("unnamed", lang)
        lost = store.actors.get(event.loser or "")
        after = f" ← {lost.name(lang)}" if lost else ""
        lines.append(f"  {format_date(event.date, lang)}: {who}{after}")
    return lines


def counts_table(counts: Sequence[Count], by: str, display: Display, bars: bool) -> str:
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
        if by == "type" and lang == "ar":
            label = TYPE_NAMES_AR.get(count.key, count.key)
        row = [label, str(count.count)]
        if bars:
            row.append("█" * max(1, round(count.count / most * min(bar_room, 30))))
        rows.append(row)
    return render_table(display, columns, rows, footer=[] if counts else [word("no_events", lang)])


def places_table(store: Store, counts: dict[str, int], display: Display) -> str:
    lang = display.lang
    columns = [Column(header=word("name", lang)), Column(header=word("kind", lang)),
               Column(header=word("province", lang)), Column(header=word("events", lang)),
               Column(header=word("holder", lang)), Column(header=word("aliases", lang), flexible=True)]
    rows = []
    holders = last_holders(store)
    for place in store.places.values():
        holder = store.actors.get(holders[place.id] or "")
        rows.append([
            place.name(lang), _KINDS.get(place.kind, place.kind) if lang == "ar" else place.kind,
            _name(store.places.get(place.province or ""), lang), str(counts.get(place.id, 0)),
            _name(holder, lang), "، ".join(place.aliases) if lang == "ar" else ", ".join(place.aliases),
        ])
    return render_table(display, columns, rows)


def actors_table(store: Store, counts: dict[str, int], display: Display) -> str:
    lang = display.lang
    columns = [Column(header=word("name", lang)), Column(header=word("id", lang)),
               Column(header=word("events", lang)), Column(header=word("aliases", lang), flexible=True)]
    rows = [[a.name(lang), a.id, str(counts.get(a.id, 0)), ", ".join(a.aliases)]
            for a in store.actors.values()]
    return render_table(display, columns, rows)


def event_detail(store: Store, event: Event, display: Display, *, hijri: bool = False) -> str:
    """One event in full; the verbatim quote set apart in its own box below."""
    lang = display.lang
    date = format_date(event.date, lang)
    if hijri:
        from syria_timeline.hijri import hijri_text

        date += f" ({hijri_text(event.date, lang)})"
    place = store.places.get(event.place)
    province = store.places.get(place.province or "") if place else None
    comma = "، " if lang == "ar" else ", "
    where = _name(place, lang) + (f"{comma}{_name(province, lang)}" if province else "")
    fields = [
        ("id", event.id),
        ("date", date),
        ("precision", _PRECISION[event.precision][0 if lang == "ar" else 1]),
        ("type", TYPE_NAMES_AR.get(event.type, event.type) if lang == "ar" else event.type),
        ("place", where),
        ("victor", _name(store.actors.get(event.victor or ""), lang)),
        ("loser", _name(store.actors.get(event.loser or ""), lang)),
        ("actor", _name(store.actors.get(event.actor or ""), lang)),
        ("target", _name(store.actors.get(event.target or ""), lang)),
        ("backers", comma.join(_name(store.actors.get(a), lang) for a in event.supported_by)),
        ("figures", _figures_with_source(store, event, lang)),
        ("summary", event.summary(lang)),
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
