"""Documents for programs: JSON, JSON Lines, CSV and GeoJSON, and the records in them.

Each function returns the whole document, as one string or a list of chunks, built in full
before the CLI writes any of it: a failure can never leave half a document on stdout. The
field order is the records' declaration order (`model`), which is the JSON contract.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from syria_timeline.model import ACTOR_ROLES, EVENT_FIELDS, Actor, Event, Place
from syria_timeline.store.loading import Store

if TYPE_CHECKING:  # annotations only: `list` does not load the counts
    from syria_timeline.query.counts import Count, Holder

# The event's lists of words (not of actors): one declaration, in the model.
TEXT_LISTS = tuple(name for name, declared in Event.field_types().items()
                   if declared.startswith("tuple[") and name not in ACTOR_ROLES)

# Roles that hold one actor; the others (`supported_by`, `associated`) hold a list.
_LIST_ROLES = tuple(role for role in ACTOR_ROLES
                    if Event.field_types()[role].startswith("tuple["))
_SINGLE_ROLES = tuple(role for role in ACTOR_ROLES if role not in _LIST_ROLES)
# Each field's value where a stored event leaves it out (lists as JSON has them).
_DEFAULTS: dict[str, Any] = {name: [] if isinstance(Event._defaults.get(name), tuple) else
             Event._defaults.get(name) for name in EVENT_FIELDS}


def ref(record: Place | Actor | None) -> dict[str, str] | None:
    if record is None:
        return None
    return {"id": record.id, "name_ar": record.name_ar, "name_en": record.name_en}


def event_record(store: Store, event: Event, *, hijri: bool = False) -> dict[str, Any]:
    """An event as the JSON contract has it: every stored field, references expanded."""
    record: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
    record["place"] = ref(store.places.get(event.place))
    for name in _SINGLE_ROLES:
        record[name] = ref(store.actors.get(record[name])) if record[name] else None
    for name in _LIST_ROLES:
        record[name] = [ref(store.actors.get(a)) for a in getattr(event, name)]
    for name in TEXT_LISTS:
        record[name] = list(getattr(event, name))
    if hijri:
        from syria_timeline.hijri import hijri_iso

        record["hijri"] = hijri_iso(event.date, event.end)
    return record


def _json(value: Any, indent: int | None = None) -> str:
    """JSON must escape only C0 controls; DEL and C1 are escaped too, so that no JSON printed
    to a terminal carries a control character. The value after parsing is the same."""
    text = json.dumps(value, ensure_ascii=False, indent=indent) if indent is not None \
        else _encoder().encode(value)
    # A search in C first: translating every line char by char cost a second on 12,500 events.
    return text if _c1().search(text) is None else _escape_c1(text)


def _escape_c1(text: str) -> str:
    return _c1().sub(lambda char: f"\\u{ord(char[0]):04x}", text)


@lru_cache(maxsize=1)
def _encoder() -> json.JSONEncoder:
    """One encoder for every line: `json.dumps` would build one per call."""
    return json.JSONEncoder(ensure_ascii=False)


@lru_cache(maxsize=1)
def _c1() -> re.Pattern[str]:
    return re.compile("[\x7f-\x9f]")


def dumps(value: Any) -> str:
    return _json(value, indent=2) + "\n"


def events_json(store: Store, events: Sequence[Event], *, hijri: bool = False) -> list[str]:
    """One array, one event per line: valid JSON that grep and diff can still work with.

    Returned as chunks, built in full before anything is written; each line comes from the
    standard library's C encoder (an indented dump would use its slow pure-Python one).
    """
    return _array(events_jsonl(store, events, hijri=hijri))


def _array(lines: list[str]) -> list[str]:
    """JSON lines made one array, one element per line."""
    if not lines:
        return ["[]\n"]
    for n in range(len(lines) - 1):  # in place, one line at a time: no second copy of them all
        lines[n] = lines[n][:-1] + ",\n"
    return ["[\n", *lines, "]\n"]


# From this many events on, lines are encoded by msgspec (already loaded for large stores):
# the same text as the standard library's encoder (a test compares every code point up to
# U+3000 and every record of the bundled store), in less than half the time.
_MANY = 1000


def events_jsonl(store: Store, events: Sequence[Event], *, hijri: bool = False) -> list[str]:
    encode = _fast_line if len(events) >= _MANY else _json
    return [encode(event_record(store, e, hijri=hijri)) + "\n" for e in events]


def stored_jsonl(store: Store, raws: Sequence[bytes]) -> list[bytes]:
    """`events_jsonl` from the events' stored JSON, with no event object built: the same lines
    (references expanded, absent fields given their defaults), for answers of 100,000 events.

    Made and written as UTF-8 bytes, each line once: 150,000 lines are 150 MB, and every copy
    of them (decoded, joined, encoded again for stdout) cost as much as making them."""
    lines = _stored_lines(store, raws)
    return [part for line in lines for part in (line, b"\n")]


def stored_json(store: Store, raws: Sequence[bytes]) -> list[bytes]:
    """`events_json` from the events' stored JSON: the array of `stored_jsonl`'s lines."""
    if not raws:
        return [b"[]\n"]
    chunks = [b"[\n"]
    for line in _stored_lines(store, raws):
        chunks += (line, b",\n")
    chunks[-1] = b"\n]\n"
    return chunks


def _stored_lines(store: Store, raws: Sequence[bytes]) -> list[bytes]:
    import msgspec

    decode = msgspec.json.Decoder().decode
    if len(raws) < _MANY:
        return [_json(_stored_record(store, decode(raw))).encode("utf-8") for raw in raws]
    line, c1 = _ContractLine(store), _c1_bytes().search
    lines = [line(raw) for raw in raws]
    for n, made in enumerate(lines):
        # Two byte scans first: ten times faster than the pattern, which most lines never need.
        if (b"\x7f" in made or b"\xc2" in made) and c1(made) is not None:
            lines[n] = _escape_c1(made.decode("utf-8")).encode("utf-8")
    return lines


class _Reference:
    """A place or actor id as stored, become its reference object as it is decoded."""

    __slots__ = ("record",)

    def __init__(self, record: Any) -> None:
        self.record = record


class _ActorReference(_Reference):
    __slots__ = ()


class _ContractLine:
    """One event's contract line from its stored JSON, decoded, completed and encoded by
    msgspec in C: the records of `_stored_record` with no dictionary built (a third faster)."""

    def __init__(self, store: Store) -> None:
        import msgspec

        known: dict[type[_Reference], dict[str, _Reference]] = {
            _Reference: {k: _Reference(ref(v)) for k, v in store.places.items()},
            _ActorReference: {k: _ActorReference(ref(v)) for k, v in store.actors.items()}}

        def found(kind: type[_Reference], value: Any) -> Any:
            try:
                return known[kind][value]
            except KeyError:  # msgspec reports it as a ValidationError
                raise ValueError("not a reference this store has") from None

        self._decode = msgspec.json.Decoder(_contract_type(), dec_hook=found).decode
        self._encode = msgspec.json.Encoder(enc_hook=lambda ref: ref.record).encode
        self._spaced, self._store, self._failure = msgspec.json.format, store, msgspec.MsgspecError

    def __call__(self, raw: bytes) -> bytes:
        try:
            event = self._decode(raw)
        except self._failure:  # a reference the store lacks: null, as `_stored_record` has it
            return _fast_line(_stored_record(self._store, json.loads(raw))).encode("utf-8")
        return self._spaced(self._encode(event), indent=0)


@lru_cache(maxsize=1)
def _contract_type() -> Any:
    import msgspec

    fields: list[Any] = []
    for name in EVENT_FIELDS:
        kind: Any = Any
        if name == "place":
            kind = _Reference | None
        elif name in _SINGLE_ROLES:
            kind = _ActorReference | None
        elif name in _LIST_ROLES:
            kind = list[_ActorReference]
        default = _DEFAULTS[name]
        fields.append((name, kind, msgspec.field(default_factory=list) if default == [] else
                       default))
    return msgspec.defstruct("ContractEvent", fields)


@lru_cache(maxsize=1)
def _c1_bytes() -> re.Pattern[bytes]:
    """`_c1` in UTF-8: DEL, or C2 followed by 80-9F (C2 also leads «, », © …, which stay)."""
    return re.compile(b"\x7f|\xc2[\x80-\x9f]")


def _stored_record(store: Store, stored: dict[str, Any]) -> dict[str, Any]:
    """`event_record` of the event `stored` holds (its JSON, decoded)."""
    # Every field in contract order (the defaults' order), the stored values over them: a
    # checked store has no other field. Shared default lists are only ever read.
    record: dict[str, Any] = {**_DEFAULTS, **stored}
    record["place"] = ref(store.places.get(record["place"]))
    for name in _SINGLE_ROLES:
        record[name] = ref(store.actors.get(record[name])) if record[name] else None
    for name in _LIST_ROLES:
        record[name] = [ref(store.actors.get(a)) for a in record[name]]
    return record


def _fast_line(value: Any) -> str:
    """`_json(value)` by way of msgspec: compact, then spaced as `json.dumps` spaces it."""
    import msgspec

    text = msgspec.json.format(msgspec.json.encode(value), indent=0).decode("utf-8")
    return text if _c1().search(text) is None else _escape_c1(text)


# CSV has no nesting: a reference becomes its Arabic name, with the English one beside it.
_CSV_REFERENCES = ("place", *ACTOR_ROLES)


def csv_columns() -> list[str]:
    columns: list[str] = []
    for name in EVENT_FIELDS:
        columns.append(name)
        if name in _CSV_REFERENCES:
            columns.append(f"{name}_en")
    return [*columns, "hijri"]


def events_csv(store: Store, events: Sequence[Event], *, hijri: bool = False) -> list[str]:
    columns = csv_columns() if hijri else csv_columns()[:-1]
    return [_csv(columns, (_flat(event_record(store, e, hijri=hijri)) for e in events))]


def events_excel(store: Store, events: Sequence[Event], *, hijri: bool = False) -> list[str]:
    """CSV for spreadsheets: a byte-order mark, CRLF, and no cell read as a formula."""
    columns = csv_columns() if hijri else csv_columns()[:-1]
    return [_csv(columns, (_flat(event_record(store, e, hijri=hijri)) for e in events), excel=True)]


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Any]], excel: bool = False) -> str:
    import csv
    import io

    out = io.StringIO()
    if excel:
        # Without the mark Excel reads UTF-8 as the local code page: Arabic turns to noise.
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns),
                            lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _formula_safe(v) for k, v in row.items()} if excel else row)
    return out.getvalue()


def _formula_safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or CR first) is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    flat = dict(record)
    for name in _CSV_REFERENCES:
        value = record[name]
        refs = value if isinstance(value, list) else [value] if value else []
        flat[name] = "; ".join(r["name_ar"] for r in refs)
        flat[f"{name}_en"] = "; ".join(r["name_en"] for r in refs)
    for name in TEXT_LISTS:
        flat[name] = "; ".join(record[name])
    if isinstance(flat.get("hijri"), dict):
        flat["hijri"] = "/".join(flat["hijri"].values())
    return flat


def events_geojson(store: Store, events: Sequence[Event], *, hijri: bool = False) -> list[str]:
    """A FeatureCollection: one Point per event whose place has coordinates ([lon, lat]).

    Properties are flat, the CSV's columns (`place` the Arabic name, `place_en`, `victor`,
    `victor_en`…), so that GIS tools show each as a field.
    """
    features = []
    for event in events:
        place = store.places.get(event.place)
        if place is None or place.lat is None or place.lon is None:
            continue
        features.append({
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": _flat(event_record(store, event, hijri=hijri)),
        })
    return [dumps({"type": "FeatureCollection", "features": features})]


def unlocated(store: Store, events: Sequence[Event]) -> int:
    """How many events GeoJSON leaves out: their place has no coordinates."""
    return sum(1 for e in events if getattr(store.places.get(e.place), "lat", None) is None)


def count_record(count: Count) -> dict[str, Any]:
    record: dict[str, Any] = {"key": count.key}
    if count.record is not None:
        record["name_ar"] = count.record.name_ar
        record["name_en"] = count.record.name_en
    record["count"] = count.count
    return record


def place_record(store: Store, place: Place, events: int, within: int, holder: Holder
                 ) -> dict[str, Any]:
    """A place as `places --json` has it: its stored fields, then its counts and holder.

    `events` are the place's own; `events_within` adds those of the places inside it (what
    `city` lists). `last_holder_since` is the date of the capture that made it the holder.
    """
    record = place.to_json()
    record["province"] = ref(store.places.get(place.province or ""))
    return {**record, "events": events, "events_within": within,
            "last_holder": ref(store.actors.get(holder.actor or "")),
            "last_holder_since": holder.since}


def actor_record(actor: Actor, events: int) -> dict[str, Any]:
    return {**actor.to_json(), "events": events}


def records_jsonl(records: Sequence[dict[str, Any]]) -> str:
    return "".join(_json(r) + "\n" for r in records)


def records_csv(records: Sequence[dict[str, Any]], excel: bool = False) -> str:
    if not records:
        return "\ufeff" if excel else ""
    rows = ({k: _cell(v) for k, v in record.items()} for record in records)
    return _csv(list(records[0]), rows, excel=excel)


def records_excel(records: Sequence[dict[str, Any]]) -> str:
    return records_csv(records, excel=True)


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("name_ar", "")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


# Each output option's document, for events and for other records.
EVENT_DOCUMENTS = {"json": events_json, "jsonl": events_jsonl, "csv": events_csv,
                   "excel": events_excel, "geojson": events_geojson}
STORED_DOCUMENTS = {"json": stored_json, "jsonl": stored_jsonl}
RECORD_DOCUMENTS = {"json": dumps, "jsonl": records_jsonl, "csv": records_csv,
                    "excel": records_excel}
