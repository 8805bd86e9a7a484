"""An export opened as a table of rows: checked bytes, assumed encoding, header, layout.

Everything the tool had to assume to read the file (an encoding other than UTF-8, an HXL
row, unnamed columns, lines before the header) is kept as a note for the summary. The file's
problems as a whole (empty, binary, not this dataset's) are ImportProblems; a row's
problems are the caller's to count.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from syria_timeline.errors import quoted
from syria_timeline.files import MAX_SOURCE_BYTES, open_regular
from syria_timeline.importers.layouts import (
    Layout,
    Row,
    add_aliases,
    first_acled,
    looks_like,
    missing_columns,
    variant,
)
from syria_timeline.importers.reading import (
    Broken,
    Header,
    ReadProblem,
    find_header,
    is_hxl,
    open_lines,
    records,
)

# Bytes Windows-1252 leaves undefined: a file with them is read as Latin-1 instead.
_NOT_CP1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
# U+0080–U+009F in UTF-8 (C1 controls): Windows-1252 punctuation once read as Latin-1
# (U+0092 for ’); no export means them as controls. Read back as that punctuation.
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
REPAIR_C1 = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0)
             if bytes([code]) not in _NOT_CP1252}


class ImportProblem(Exception):
    """Why an export cannot be imported at all; the message follows the file's name.

    `see` names, without any command's wording, the import that would read the file instead
    (`import ucdp`): the command line turns it into the command to type.
    """

    def __init__(self, message: str, *, see: str | None = None) -> None:
        super().__init__(message)
        self.see = see


class Examined:
    """An export's SHA-256, size and the encoding it is read in (with why, if not UTF-8)."""

    def __init__(self, digest: str, size: int, encoding: str, note: str,
                 repair: bool = False) -> None:
        self.digest, self.size, self.encoding, self.note = digest, size, encoding, note
        self.repair = repair  # C1 controls to read as Windows-1252 punctuation


def examine(path: Path) -> Examined:
    """Read the export once: its digest, and whether it is UTF-8 (else Windows-1252, else
    Latin-1, which every byte is). Empty and binary files are ImportProblems."""
    digest, size = hashlib.sha256(), 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    bad_at: int | None = None
    latin = c1 = False
    with open_regular(path, MAX_SOURCE_BYTES) as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            if b"\x00" in block:
                raise ImportProblem("has NUL bytes: not a CSV text file")
            digest.update(block)
            if bad_at is None:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    bad_at = size + max(error.start, 0)
            latin = latin or any(b in block for b in _NOT_CP1252)
            c1 = c1 or _C1.search(block) is not None  # (one split across blocks: missed)
            size += len(block)
    if size == 0:
        raise ImportProblem("is empty; expected a CSV export with a header row")
    if bad_at is None:
        note = ("has control characters U+0080–U+009F, Windows-1252 punctuation once read as "
                "Latin-1 (U+0092 for ’): read as that punctuation") if c1 else ""
        return Examined(digest.hexdigest(), size, "utf-8-sig", note, repair=c1)
    encoding = "latin-1" if latin else "cp1252"
    return Examined(digest.hexdigest(), size, encoding,
                    f"not UTF-8 (byte {bad_at + 1:,} is not), so read as "
                    f"{'Latin-1' if latin else 'Windows-1252'}, as spreadsheets save it")


def repaired(lines: Iterable[str]) -> Iterator[str]:
    """The lines with C1 controls read as the Windows-1252 punctuation they once were."""
    for text in lines:
        yield text.translate(REPAIR_C1)


class Table:
    """The export's rows for one dataset, with what was assumed to read them."""

    def __init__(self, path: Path, examined: Examined, layout: Layout,
                 others: Sequence[Layout]) -> None:
        self.path, self.layout, self.others = path, layout, others
        self.notes = [examined.note] if examined.note else []
        self.encoding, self.repair = examined.encoding, examined.repair
        self.variant = ""
        self.separator = ","
        self.done = 0  # characters read so far, for progress

    def rows(self) -> Iterator[Row | Broken]:
        """Each row (with its line), or a record that could not be read (Broken)."""
        with open(self.path, encoding=self.encoding, newline="") as stream:
            yield from self._rows(repaired(stream) if self.repair else stream)

    def _rows(self, stream: Iterable[str]) -> Iterator[Row | Broken]:
        lines = open_lines(stream)
        known = frozenset((*self.layout.needed, *self.layout.signature,
                           *self.layout.quote_columns, "ally_actor_1"))
        try:
            header, before = find_header(lines, known)
        except ReadProblem as problem:
            raise ImportProblem(str(problem)) from None
        if before:
            self.notes.append(f"{len(before)} line(s) before the header (line "
                              f"{header.line}) left out: {quoted(before[0].strip())}")
        first = True
        for record in records(lines, header):
            self.done = lines.line
            if first:
                first = False
                if not isinstance(record, Broken) and is_hxl(record[1]):
                    self._check(header, hxl=True)
                    self.notes.append(f"line {record[0]} holds HXL hashtags (HDX's tags), "
                                      "read as such, not as a row")
                    continue
                self._check(header, hxl=False)
            yield record if isinstance(record, Broken) else Row(record[1], header.columns,
                                                                 record[0], header.width)
        if first:
            self._check(header, hxl=False)

    def _check(self, header: Header, hxl: bool) -> None:
        """The header must have what the layout needs; say which layout it is."""
        add_aliases(header)
        missing = missing_columns(self.layout, header)
        if missing:
            self._refuse(header, missing)
        self.variant = variant(self.layout, header, hxl)
        self.separator = header.separator
        if header.separator != ",":
            self.notes.append(f"cells separated by {header.separator!r}, not commas")
        if header.unnamed:
            self.notes.append(f"column(s) {', '.join(map(str, header.unnamed))} have no "
                              "name (a spreadsheet's empty columns, or row numbers R or pandas "
                              "added): left out")

    def _refuse(self, header: Header, missing: list[str]) -> None:
        if first_acled(header):
            raise ImportProblem("is in the layout of ACLED's first release (2010: EventID, "
                                "EventDate, Side A), which has no notes column: an event "
                                "would have no quote; download the export again from ACLED")
        other = looks_like((self.layout, *self.others), header)
        if other is not None and other is not self.layout:
            raise ImportProblem(f"is not {self.layout.export}: it looks like {other.export}",
                                see=f"import {other.name}")
        what = "" if other is None else f" (closest layout: {variant(self.layout, header, False)})"
        raise ImportProblem(f"is not {self.layout.export} that can be imported: the columns "
                            f"{', '.join(missing)} are missing{what}")
