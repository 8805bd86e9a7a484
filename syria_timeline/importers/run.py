"""A dataset export made a store: every row read, accounted for, and written whole.

Each row becomes one compact JSON line in a spool file; only the places and actors (a few
thousand) stay in memory. Every row of the file ends as imported or skipped, never lost: a
skipped row keeps its line and reason, an imported row the dataset contradicts itself in keeps
a review note. The store is written to a temporary file and renamed; the export is copied
under the store's `sources/` folder with its SHA-256, so that every quote, the verbatim cell
of one named column, can be proven against it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from syria_timeline.errors import quoted
from syria_timeline.files import folders_for, written_whole
from syria_timeline.importers.actors import Actors
from syria_timeline.importers.known import LAYOUTS
from syria_timeline.importers.layouts import Layout, Row
from syria_timeline.importers.places import Places
from syria_timeline.importers.reading import Broken, cell_problem
from syria_timeline.importers.summary import summaries
from syria_timeline.importers.table import REPAIR_C1, ImportProblem, Table, examine, repaired
from syria_timeline.importers.values import BadRow, missing
from syria_timeline.model import SCHEMA_VERSION, Record, slug

__all__ = ["ImportProblem", "Imported", "import_export"]
# What a column's cells are, for the source record of the events quoting it.
_COLUMN_WORDS = {"notes": "ACLED's description of the event",
                 "source_headline": "the headline of the article UCDP coded the event from",
                 "source_article": "the article(s) UCDP coded the event from"}
Progress = Callable[[int, float], None]


class Outcome(Record):
    """One row left out (skipped) or kept with notes to check (flagged)."""

    line: int
    outcome: str  # skipped or flagged
    reasons: tuple[str, ...]
    id: str | None = None


class Imported(Record):
    """What an import read, wrote and left out: imported + skipped = rows."""

    layout: str
    rows: int
    events: int
    places: int
    matched_places: int
    actors: int
    published: str
    notes: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    quotes: tuple[tuple[str, int], ...] = ()  # (column, events quoting it)

    def skipped(self) -> int:
        return sum(1 for o in self.outcomes if o.outcome == "skipped")

    def flagged(self) -> int:
        return sum(1 for o in self.outcomes if o.outcome == "flagged")


class _Tally:
    """The running account of an import."""

    def __init__(self, skip_bad: bool) -> None:
        self.skip_bad, self.rows, self.events = skip_bad, 0, 0
        self.outcomes: list[Outcome] = []
        self.quotes: dict[str, int] = {}
        self.ids: dict[str, int] = {}
        self.latest = ""

    def skip(self, line: int, reason: str, blank: bool = False) -> None:
        if not (self.skip_bad or blank):
            raise ImportProblem(f"line {line}: {reason}", see="skip-bad")
        self.outcomes.append(Outcome(line=line, outcome="skipped", reasons=(reason,)))


def import_export(layout: Layout, export: Path, target: Path, *, skip_bad: bool,
                  published: str | None, known_actors: Any, gazetteer: Any,
                  progress: Progress | None = None) -> Imported:
    """Read `export`, write the store `target` and the export's copy beside it.

    The copy is written before the store is renamed into place: a store is never there
    without the text its quotes come from.
    """
    examined = examine(export)
    table = Table(export, examined, layout, [o for o in LAYOUTS.values() if o is not layout])
    places, actors = Places(gazetteer), Actors(known_actors)
    base = f"{layout.name}-{examined.digest[:12]}"
    tally = _Tally(skip_bad)
    with folders_for(target), \
            tempfile.TemporaryFile("w+", encoding="utf-8", dir=target.parent) as spool:
        for item in table.rows():
            tally.rows += 1
            _one(item, layout, places, actors, base, tally, spool)
            if progress is not None and tally.rows % 5000 == 0:
                progress(tally.rows, table.done)
        if tally.events == 0:
            raise ImportProblem(f"no row could be imported ({tally.rows} rows read"
                                f"{', all of them left out' if tally.rows else ''})")
        day = published or tally.latest
        digest = examined.digest if _as_is(table) else _digest(_copy_chunks(export, table))
        sources = [_source(layout, export, f"{base}-{slug(c, 30)}", c, digest, day, table)
                   for c in tally.quotes]
        spool.seek(0)
        source_copy = target.parent / "sources" / export.name
        _write_store(target, sources, places, actors, spool,
                     lambda: _copy(export, source_copy, table, digest))
    return Imported(
        layout=table.variant, rows=tally.rows, events=tally.events,
        places=len(places.records), actors=len(actors.records), published=day,
        matched_places=sum(1 for p in places.records.values() if p.kind != "locality"),
        notes=tuple(table.notes), outcomes=tuple(tally.outcomes),
        quotes=tuple(tally.quotes.items()))


def _one(item: Row | Broken, layout: Layout, places: Places, actors: Actors, base: str,
         tally: _Tally, spool: IO[str]) -> None:
    """Account for one record: imported (perhaps flagged) or skipped, never neither."""
    if isinstance(item, Broken):
        tally.skip(item.line, item.reason)
        return
    if not "".join(item.cells).strip():
        tally.skip(item.line, "empty row", blank=True)
        return
    try:
        event = _event(layout, item, places, actors, base, tally)
    except BadRow as problem:
        tally.skip(item.line, str(problem))
        return
    if item.review:
        event["review"] = item.review
        tally.outcomes.append(Outcome(line=item.line, outcome="flagged",
                                      reasons=tuple(item.review), id=event["id"]))
    spool.write(("" if tally.events == 0 else ",\n") + json.dumps(event, ensure_ascii=False))
    tally.events += 1


def _event(layout: Layout, row: Row, places: Places, actors: Actors, base: str,
           tally: _Tally) -> dict[str, Any]:
    problem = cell_problem(row.cells) or _width(row)
    if problem:
        raise BadRow(problem)
    column = next((c for c in layout.quote_columns if not missing(row[c])), None)
    if column is None:
        raise BadRow(f"{' and '.join(layout.quote_columns)} empty: the event would have no "
                     "quote")
    fields = layout.to_event(row, places, actors)
    fields["id"] = _id(fields["id"])
    if tally.ids.setdefault(fields["id"], row.line) != row.line:
        raise BadRow(f"the id {fields['id']} is also the id of the row on line "
                     f"{tally.ids[fields['id']]}")
    label = fields.pop("_label", "")
    summary_ar, summary_en = summaries(fields, label, places, actors)
    event = {k: v for k, v in fields.items() if v not in (None, [])}
    event.update(summary_ar=summary_ar, summary_en=summary_en,
                 source=f"{base}-{slug(column, 30)}", quote=row[column])
    tally.quotes[column] = tally.quotes.get(column, 0) + 1
    tally.latest = max(tally.latest, layout.published_day(row) or event.get("end") or
                       event["date"])
    return event


def _width(row: Row) -> str | None:
    """A row with more cells than the header (not counting empty ones at the end) has a
    separator inside an unquoted cell; fewer, it was cut."""
    width, count = row.width, len(row.cells)
    if count == width:
        return None
    if count < width:
        return f"{count} cells where the header has {width}: the row is cut short"
    if any(cell.strip() for cell in row.cells[width:]):
        return f"{count} cells where the header has {width}: a separator inside an unquoted cell?"
    return None


def _id(text: str) -> str:
    prefix, _, rest = text.partition("-")
    ident = slug(rest, 60)
    if not ident:
        raise BadRow(f"the row's id {quoted(rest.strip(), 40)} is empty or has no letters or "
                     "digits")
    return f"{prefix}-{ident}"


def _source(layout: Layout, export: Path, ident: str, column: str, digest: str,
            published: str, table: Table) -> dict[str, Any]:
    words = _COLUMN_WORDS.get(column, column)
    copied = "" if _as_is(table) else " (copied as the tool read it: UTF-8, commas)"
    return {"id": ident, "publisher": layout.title, "dateline": export.name,
            "published": published, "language": "en",
            "title": f"{layout.title} export {export.name}{copied}, column {column}: {words}",
            "file": f"sources/{export.name}", "sha256": digest, "url": layout.home,
            "format": "csv", "licence": layout.licence}


def _as_is(table: Table) -> bool:
    """Whether the export can be kept byte for byte: UTF-8 with commas, as quotes are
    proven against."""
    return table.encoding == "utf-8-sig" and table.separator == "," and not table.repair


def _copy_chunks(export: Path, table: Table) -> Iterator[bytes]:
    """The export as UTF-8 with commas: the same cells, so the same quotes."""
    with open(export, encoding=table.encoding, newline="") as stream:
        if table.separator == ",":
            for block in iter(lambda: stream.read(1 << 20), ""):
                yield block.translate(REPAIR_C1 if table.repair else {}).encode("utf-8")
            return
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        lines = repaired(stream) if table.repair else stream
        for cells in csv.reader(lines, delimiter=table.separator, strict=False):
            writer.writerow(cells)
            if buffer.tell() > 1 << 20:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")


def _digest(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _write_store(target: Path, sources: Sequence[dict[str, Any]], places: Places,
                 actors: Actors, events: IO[str], before_rename: Callable[[], None]) -> None:
    """The store whole, in the usual key order (events last), through a temporary file."""
    head = {"schema": SCHEMA_VERSION, "sources": list(sources),
            "places": [p.to_json() for p in places.records.values()],
            "actors": [a.to_json() for a in actors.records.values()]}
    text = json.dumps(head, ensure_ascii=False, indent=2)
    with written_whole(target, "w") as out:
        out.write(text[:-2] + ',\n  "events": [\n')
        shutil.copyfileobj(events, out)
        out.write("\n  ]\n}\n")
        before_rename()


def _copy(export: Path, copy: Path, table: Table, digest: str) -> None:
    """The export beside the store, whole (temporary file, then rename); one already there
    with the same bytes is kept."""
    if copy.is_file() and examine(copy).digest == digest:
        return
    with written_whole(copy) as out:
        if _as_is(table):
            with open(export, "rb") as stream:
                shutil.copyfileobj(stream, out)
        else:
            for chunk in _copy_chunks(export, table):
                out.write(chunk)
