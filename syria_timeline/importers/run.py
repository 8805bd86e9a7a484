"""A dataset export made a store: read row by row, written whole, the export kept as its source.

The export is streamed: each row becomes one compact JSON line in a spool file, and only the
places and actors (a few thousand) stay in memory. The store is then written to a temporary
file and renamed, so a failure at any row leaves nothing behind. The export itself is copied
under the store's `sources/` folder, with its SHA-256: every quote is one of its cells, which
`timeline validate` proves.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any

from syria_timeline.files import (
    MAX_SOURCE_BYTES,
    folders_for,
    line_column,
    open_regular,
    written_whole,
)
from syria_timeline.importers.actors import Actors
from syria_timeline.importers.layouts import BadRow, Layout, Row, summaries
from syria_timeline.importers.places import Places
from syria_timeline.model import SCHEMA_VERSION, Record

# A notes cell is a paragraph; far longer is not a cell of these exports but a broken quote.
_MAX_CELL = 1_000_000
_CONTROLS = frozenset(chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))


class ImportProblem(Exception):
    """Why an export cannot be imported at all; the message follows the file's name.

    `see` names, without any command's wording, the import that would read the file instead
    (`import ucdp`): the command line turns it into the command to type.
    """

    def __init__(self, message: str, *, see: str | None = None) -> None:
        super().__init__(message)
        self.see = see


class Imported(Record):
    """What an import wrote, and what it left out."""

    events: int
    places: int
    matched_places: int
    actors: int
    bad_rows: tuple[str, ...] = ()


def import_export(layout: Layout, export: Path, target: Path, *, skip_bad: bool,
                  published: str | None, known_actors: Any, gazetteer: Any) -> Imported:
    """Read `export`, write the store `target` and the export's copy beside it.

    The copy is written before the store is renamed into place: a store is never there
    without the text its quotes come from.
    """
    digest = _checked_digest(export)
    places, actors = Places(gazetteer), Actors(known_actors)
    source_name = f"sources/{export.name}"
    source_id = f"{layout.name}-{digest[:12]}"
    bad: list[str] = []
    latest = -1  # ACLED's newest row timestamp (seconds), -1 when none
    with folders_for(target), \
            tempfile.TemporaryFile("w+", encoding="utf-8", dir=target.parent) as spool:
        count = 0
        lines: dict[str, int] = {}
        for row in _rows(layout, export):
            try:
                event = _event(layout, row, places, actors, source_id)
                if lines.setdefault(event["id"], row.line) != row.line:
                    raise BadRow(f"the id {event['id']} is also the id of the row on line "
                                 f"{lines[event['id']]}")
            except BadRow as problem:
                if not skip_bad:
                    raise ImportProblem(f"line {row.line}: {problem}") from None
                bad.append(f"line {row.line}: {problem}")
                continue
            stamp = row["timestamp"].strip()
            if stamp.isascii() and stamp.isdigit() and int(stamp) <= _LAST_TIMESTAMP:
                latest = max(latest, int(stamp))  # as numbers: "999" is before "1000"
            spool.write(("" if count == 0 else ",\n") + json.dumps(event, ensure_ascii=False))
            count += 1
        if count == 0:
            raise ImportProblem("no row could be imported" + (f" ({len(bad)} bad)" if bad else ""))
        source = _source(layout, export, source_id, digest, source_name,
                         published or _published(export, latest))
        spool.seek(0)
        _write_store(target, source, places, actors, spool,
                     lambda: _copy(export, target.parent / source_name, digest))
    gazetteer_ids = sum(1 for p in places.records.values() if p.kind != "locality")
    return Imported(events=count, places=len(places.records), matched_places=gazetteer_ids,
                    actors=len(actors.records), bad_rows=tuple(bad))


def _checked_digest(path: Path) -> str:
    """The export's SHA-256, read as a regular file of bounded size; an empty or binary
    (NUL bytes) file is an ImportProblem."""
    with open_regular(path, MAX_SOURCE_BYTES) as stream:
        digest = _digest(stream, text=True)
    if digest == hashlib.sha256().hexdigest():
        raise ImportProblem("is empty; expected a CSV export with a header row")
    return digest


def _digest(stream: IO[bytes], text: bool = False) -> str:
    """A stream's SHA-256; with `text`, a NUL byte (a binary file) is an ImportProblem."""
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        if text and b"\x00" in block:
            raise ImportProblem("has NUL bytes: not a CSV text file")
        digest.update(block)
    return digest.hexdigest()


def _rows(layout: Layout, path: Path) -> Iterator[Row]:
    """The export's rows, each with the line it starts on; problems of the file as a whole
    (encoding, CSV syntax, missing columns) as ImportProblem."""
    with open(path, encoding="utf-8", newline="") as stream:
        try:
            yield from _parsed(layout, stream)
        except UnicodeDecodeError:
            raise ImportProblem(_not_utf8(path)) from None
        except csv.Error as error:
            raise ImportProblem(f"line {getattr(error, 'line', '?')}: not CSV: {error}") from None


def _parsed(layout: Layout, stream: IO[str]) -> Iterator[Row]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if not header:
        raise ImportProblem("is empty; expected a CSV export with a header row")
    if header[0].startswith("\ufeff"):  # a spreadsheet's byte-order mark
        header[0] = header[0][1:]
    columns = {name.strip(): i for i, name in enumerate(header)}
    _check_columns(layout, columns)
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            error.line = line  # type: ignore[attr-defined]
            raise
        if cells:
            yield Row(cells, columns, line)
        line = reader.line_num + 1


def _check_columns(layout: Layout, columns: dict[str, int]) -> None:
    missing = [c for c in layout.columns if c not in columns]
    if not any(c in columns for c in layout.quote_columns):
        missing.append(" or ".join(layout.quote_columns))
    if not missing:
        return
    from syria_timeline.importers.layouts import LAYOUTS

    other = [o for o in LAYOUTS.values() if o is not layout and all(c in columns for c in o.columns)]
    hint = f"; it looks like {other[0].export}" if other else ""
    see = f"import {other[0].name}" if other else None
    if len(columns) == 1 and any(d in next(iter(columns)) for d in ";\t|"):
        hint = "; its columns are not separated by commas: export it as CSV"
    raise ImportProblem(f"is not {layout.export}: missing columns "
                        f"{', '.join(missing)}{hint}", see=see)


def _not_utf8(path: Path) -> str:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_column(data, error.start)
        return (f"line {line}, column {column}: byte 0x{data[error.start]:02x} is not UTF-8; "
                "export the file as UTF-8 CSV")
    return "is not UTF-8 text"


def _event(layout: Layout, row: Row, places: Places, actors: Actors, source_id: str
           ) -> dict[str, Any]:
    quote = next((row[c] for c in layout.quote_columns if row[c].strip()), "")
    if not quote:
        raise BadRow(f"{' and '.join(layout.quote_columns)} empty: the event would have no quote")
    fields = layout.to_event(row, places, actors)
    for text in (quote, row["location"], row["actor1"], row["actor2"], row["side_a"],
                 row["side_b"], row["where_coordinates"]):
        if len(text) > _MAX_CELL or not _CONTROLS.isdisjoint(text):
            raise BadRow("a cell has control characters or is too long to be text")
    summary_ar, summary_en = summaries(fields, places, actors)
    event = {k: v for k, v in fields.items() if v not in (None, [])}
    event.update(summary_ar=summary_ar, summary_en=summary_en, source=source_id, quote=quote)
    return event


# 9999-12-31T23:59:59Z: a later "timestamp" is no time a dataset was written (a typing error).
_LAST_TIMESTAMP = 253_402_300_799


def _published(path: Path, latest_timestamp: int) -> str:
    """ACLED: the day of the newest row's timestamp; else the day the file was last changed."""
    if latest_timestamp >= 0:
        return datetime.fromtimestamp(latest_timestamp, tz=timezone.utc).date().isoformat()
    return date.fromtimestamp(os.stat(path).st_mtime).isoformat()


def _source(layout: Layout, export: Path, ident: str, digest: str, name: str, published: str
            ) -> dict[str, Any]:
    return {"id": ident, "publisher": layout.title, "dateline": export.name,
            "published": published, "language": "en", "title": f"{layout.title} export "
            f"{export.name}", "file": name, "sha256": digest, "url": layout.home,
            "format": "csv", "licence": layout.licence}


def _write_store(target: Path, source: dict[str, Any], places: Places, actors: Actors,
                 events: IO[str], before_rename: Callable[[], None]) -> None:
    """The store whole, in the usual key order (events last), through a temporary file."""
    head = {"schema": SCHEMA_VERSION, "sources": [source],
            "places": [p.to_json() for p in places.records.values()],
            "actors": [a.to_json() for a in actors.records.values()]}
    text = json.dumps(head, ensure_ascii=False, indent=2)
    with written_whole(target, "w") as out:
        out.write(text[:-2] + ',\n  "events": [\n')
        shutil.copyfileobj(events, out)
        out.write("\n  ]\n}\n")
        before_rename()


def _copy(export: Path, copy: Path, digest: str) -> None:
    """The export beside the store, whole (temporary file, then rename); one already there
    with the same bytes is kept."""
    if copy.is_file():
        with open(copy, "rb") as stream:
            if _digest(stream) == digest:
                return
    with written_whole(copy) as out, open(export, "rb") as stream:
        shutil.copyfileobj(stream, out)
