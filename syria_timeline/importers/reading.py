"""An export's text read as its writer meant it: encoding, separator, header, records.

Exports reach users saved by spreadsheets, R and pandas as often as straight from the
dataset's site: in Windows-1252, with a byte-order mark, with `;` between cells, with a row
of HXL hashtags under the header, with row numbers in an unnamed first column. The reader
takes them as they come and says what it assumed. Every record after the header is handed
on, as cells or as the reason it could not be read, with the line it starts on, so that the
caller can account for every row. A quote left open does not swallow the rows after it: the
record it starts is reported on the line where the quoted field began, and reading goes on
with the next line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

# A cell is a paragraph of notes; far longer is a broken quote or not an export at all.
MAX_CELL = 100_000
# A record still open after this much text has run away (an unclosed quote): give it up.
MAX_RECORD = 1_000_000
_SEPARATORS = (",", ";", "\t", "|")
_HEADER_SEARCH = 12  # lines a header may be preceded by (a title, a blank line)
_UNNAMED = re.compile(r"^(|unnamed: ?\d+|\.\.\.\d+|x|v1)$")
# C0 and C1 controls (a Latin-1 file's 0x80–0x9F), which would act on a terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ReadProblem(Exception):
    """Why the file as a whole cannot be read as a table."""


class Broken:
    """A record that could not be read as cells: where, and why."""

    __slots__ = ("line", "reason")

    def __init__(self, line: int, reason: str) -> None:
        self.line, self.reason = line, reason


class Header:
    """The header row: each column's index under its plain name, as the file spells it."""

    def __init__(self, cells: list[str], separator: str, line: int) -> None:
        self.separator, self.line, self.width = separator, line, len(cells)
        self.columns: dict[str, int] = {}
        self.spelled: dict[str, str] = {}
        self.unnamed: list[int] = []
        for index, cell in enumerate(cells):
            name = plain_name(cell)
            if _UNNAMED.match(name):
                self.unnamed.append(index + 1)
            elif name not in self.columns:
                self.columns[name] = index
                self.spelled[name] = cell.strip().lstrip("\ufeff")

    def upper(self) -> bool:
        """Whether the file spells its column names in capitals (ACLED before 2019)."""
        letters = "".join(self.spelled.values())
        return letters.upper() == letters


def plain_name(cell: str) -> str:
    """A column name as the layouts know it: `\\ufeffEVENT_ID_CNTY ` → `event_id_cnty`."""
    return re.sub(r"\s+", "_", cell.strip().lstrip("\ufeff").strip().lower())


class _Lines:
    """The file's physical lines, numbered, with the text of the record being read kept so
    that a broken record can be given back and read again from its second line."""

    def __init__(self, lines: Iterable[str], line: int) -> None:
        self._lines = iter(lines)
        self._back: list[str] = []
        self.line = line  # the number of the last line handed out
        self.record: list[str] = []
        self._size = 0
        self._armed = False  # records are read: a run-away one is given up

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        text = self._back.pop() if self._back else next(self._lines)
        self.line += 1
        self.record.append(text)
        self._size += len(text)
        if self._size > MAX_RECORD and self._armed:
            raise _RunAway
        return text

    def start(self) -> int:
        """Begin a record; the number of the line it will start on."""
        self.record, self._size, self._armed = [], 0, True
        return self.line + 1

    def give_back(self, lines: list[str]) -> None:
        self._back.extend(reversed(lines))
        self.line -= len(lines)


class _RunAway(Exception):
    pass


def find_header(lines: _Lines, known: frozenset[str]) -> tuple[Header, list[str]]:
    """The header: the first of the opening lines whose cells, split on one of the usual
    separators, name the most known columns. The lines before it are returned as left out."""
    opening: list[str] = []
    for text in lines:
        opening.append(text)
        if len(opening) >= _HEADER_SEARCH:
            break
    best: tuple[int, int, str] = (0, 0, ",")
    for index, text in enumerate(opening):
        for separator in _SEPARATORS:
            cells = next(csv.reader([text], delimiter=separator), [])
            score = sum(1 for c in cells if plain_name(c) in known)
            if score > best[0]:
                best = (score, index, separator)
    score, index, separator = best
    if score == 0:
        index = next((i for i, t in enumerate(opening) if t.strip()), None) or 0
        if not opening or not opening[index].strip():
            raise ReadProblem("is empty; expected a CSV export with a header row")
    lines.give_back(opening[index + 1:])
    cells = next(csv.reader([opening[index]], delimiter=separator), [])
    return Header(cells, separator, index + 1), [t for t in opening[:index] if t.strip()]


def records(lines: _Lines, header: Header) -> Iterator[tuple[int, list[str]] | Broken]:
    """Each record after the header: (line, cells), or a Broken record; blank lines skipped."""
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_RECORD))
    while True:
        reader = csv.reader(lines, delimiter=header.separator, strict=False)
        while True:
            first = lines.start()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (_RunAway, csv.Error) as error:
                yield _resynced(lines, first, _runaway_reason(error))
                break
            if _unclosed(lines.record, cells, header):
                yield _resynced(lines, first, _unclosed_reason(first, len(lines.record)))
                break
            if cells:
                yield first, cells


def _resynced(lines: _Lines, first: int, reason: str) -> Broken:
    """Leave out the record's first line and read on from the next one."""
    lines.give_back(lines.record[1:])
    return Broken(first, reason)


def _swallowed(continuation: list[str], header: Header) -> bool:
    """Whether a record that runs over several lines took in whole rows: one of its later
    lines, read alone, has as many cells as the header."""
    wanted = len(header.columns) + len(header.unnamed)
    for text in continuation:
        cells = next(csv.reader([text], delimiter=header.separator), [])
        while cells and not cells[-1].strip() and len(cells) > wanted:
            cells.pop()
        if len(cells) >= wanted > 2:
            return True
    return False


def _unclosed(record: list[str], cells: list[str], header: Header) -> bool:
    """Whether a quote was left open: the file ended inside a cell (it ends with the line
    break), or a record over several lines has its quotation marks not in pairs (an inner
    one is doubled) or took in whole rows."""
    if cells and cells[-1].endswith(("\n", "\r")):
        return True
    if len(record) == 1:
        return False
    return sum(text.count('"') for text in record) % 2 == 1 or _swallowed(record[1:], header)


def _unclosed_reason(first: int, count: int) -> str:
    if count == 1:
        return ("a quoted field begins on this line and is never closed (the file ends "
                "inside it); the row is left out")
    return (f"a quoted field begins on this line and is not closed where the row ends: the "
            f"next {count - 1} line(s) were taken into it; the row is left out and reading "
            f"goes on with line {first + 1}")


def _runaway_reason(error: Exception) -> str:
    if isinstance(error, _RunAway):
        return (f"this row runs on for more than {MAX_RECORD:,} characters (a quote that is "
                "never closed?); it is left out and reading goes on with the next line")
    return f"not CSV ({error}); the row is left out and reading goes on with the next line"


def cell_problem(cells: list[str]) -> str | None:
    """Why a row's cells cannot be text: an oversized cell or control characters."""
    if max(map(len, cells), default=0) > MAX_CELL:
        index, cell = next((i, c) for i, c in enumerate(cells) if len(c) > MAX_CELL)
        return (f"cell {index + 1} holds {len(cell):,} characters, more than the "
                f"{MAX_CELL:,} a dataset's cell can hold")
    if _CONTROLS.search("".join(cells)):
        index = next(i for i, c in enumerate(cells) if _CONTROLS.search(c))
        return f"cell {index + 1} has control characters: not text"
    return None


def is_hxl(cells: list[str]) -> bool:
    """A row of HXL hashtags (`#date+start`), as HDX adds under the header."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


def open_lines(stream: Iterable[str], line: int = 0) -> _Lines:
    return _Lines(stream, line)
