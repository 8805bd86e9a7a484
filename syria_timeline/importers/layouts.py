"""The layouts ACLED and UCDP have published, recognised from a file's header.

Columns are found by name, never by position, in any case and spelling the releases used
(`EVENT_ID_CNTY`, `event_id_cnty`; `ALLY_ACTOR_1`, later `assoc_actor_1`). Each layout says
which columns an event needs; a file that lacks some is told which, in its own spelling, for
the layout it is closest to. The layouts' names are facts from the datasets' codebooks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from syria_timeline.importers.reading import Header
from syria_timeline.model import Record

# Names older releases gave columns that newer ones renamed (first the old name).
ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}


class Layout(Record):
    """What the tool needs to know of one dataset's export."""

    name: str  # the dataset: acled or ucdp
    title: str
    export: str  # "an ACLED export": what messages call a file of this dataset
    needed: tuple[str, ...]  # the columns an event needs (besides one quote column)
    quote_columns: tuple[str, ...]  # the first non-empty one is the event's quote
    signature: tuple[str, ...]  # columns only this dataset's exports have
    home: str
    licence: str
    to_event: Callable[..., dict[str, Any]]
    published_day: Callable[[Row], str | None]  # the day a row says the export is of


class Row:
    """One CSV row, its cells by plain column name ('' for a column the file does not have)."""

    __slots__ = ("cells", "columns", "line", "review", "width")

    def __init__(self, cells: list[str], columns: dict[str, int], line: int, width: int
                 ) -> None:
        self.cells, self.columns, self.line, self.width = cells, columns, line, width
        self.review: list[str] = []

    def __getitem__(self, name: str) -> str:
        index = self.columns.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else ""


def variant(layout: Layout, header: Header, hxl: bool) -> str:
    """Which of the dataset's published layouts the header is (for notes and the report)."""
    has = header.columns.__contains__
    if layout.name == "ucdp":
        if hxl or has("iso3"):
            return "UCDP GED as copied to HDX (iso3 column, HXL tags)"
        if has("relid"):
            return "UCDP GED, 20.1 onwards (relid, code_status)"
        return "UCDP GED, 19.1 and before"
    if has("disorder_type"):
        return "ACLED, 2023 onwards (disorder_type, civilian_targeting, tags)"
    if has("ally_actor_1") or has("gwno"):
        return ("ACLED Version 5 to 7 and realtime files (upper case, GWNO, ALLY_ACTOR_1)"
                if header.upper() else "ACLED API and realtime files, 2016 to 2018 (gwno, "
                "ally_actor_1)")
    if has("data_id") or has("iso3") or has("event_id_no_cnty"):
        return "ACLED, 2019 to 2022 (data_id, iso, iso3)"
    return "ACLED"


def add_aliases(header: Header) -> None:
    """Let rows be read by today's column names whatever release the file is."""
    for old, new in ALIASES.items():
        if old in header.columns and new not in header.columns:
            header.columns[new] = header.columns[old]
            header.spelled[new] = header.spelled[old]


def missing_columns(layout: Layout, header: Header) -> list[str]:
    """The columns an event needs that the header lacks, spelled as the file spells names."""
    wanted = [c for c in layout.needed if c not in header.columns]
    if not any(c in header.columns for c in layout.quote_columns):
        wanted.append(" or ".join(layout.quote_columns))
    if header.upper():
        return [w.upper().replace(" OR ", " or ") for w in wanted]
    return wanted


def looks_like(layouts: Sequence[Layout], header: Header) -> Layout | None:
    """The dataset whose own columns the header has most of, if it has any."""
    scored = [(sum(1 for c in o.signature if c in header.columns), o) for o in layouts]
    score, best = max(scored, key=lambda pair: pair[0])
    return best if score >= 3 else None


# ACLED's first release (2010, with PRIO) has no notes: nothing an event could quote.
FIRST_ACLED = frozenset({"eventid", "eventdate", "conflictid", "locationname"})


def first_acled(header: Header) -> bool:
    return len(FIRST_ACLED & header.columns.keys()) >= 3
