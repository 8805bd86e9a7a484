"""Tables for people: Rich boxes that fit the terminal and show Arabic correctly.

Wrapping, Arabic shaping and reordering happen here, cell by cell and line by line,
before Rich sees the text: Rich then only pads and draws the box. With bidi on (a
terminal that does not reorder by itself), each wrapped line is shaped and put in visual
order, widths are measured on the shaped text, the column order is mirrored for Arabic,
and the table is wrapped in `CSI 8 l` … `CSI 8 h` (BiDi in terminals: explicit mode) so a
terminal that implements it does not reorder a second time.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from syria_timeline.arabic import visual
from syria_timeline.model import Record

EXPLICIT_BIDI = "\x1b[8l"  # CSI 8 l: the program has laid the text out
IMPLICIT_BIDI = "\x1b[8h"  # CSI 8 h: back to the terminal's own bidi
# Below this width no boxed table fits; records are printed one field per line instead.
NARROWEST_TABLE = 40
_MIN_FLEXIBLE = 10
_MIN_FIXED = 8


class Display(Record):
    __slots__ = ("bidi", "color", "lang", "width")
    lang: str  # "ar" or "en"
    bidi: bool  # shape and reorder Arabic ourselves
    color: bool
    width: int

    @property
    def rtl(self) -> bool:
        return self.lang == "ar" and self.bidi


class Column(Record):
    __slots__ = ("flexible", "header", "style")
    _defaults: ClassVar[dict[str, Any]] = {"flexible": False, "style": ""}
    header: str
    flexible: bool  # gives up width first when the table is too wide
    style: str


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width=max(width, 1), break_on_hyphens=False)
                     or [""])
    return lines


def _natural(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _longest_word(column: int, rows: Sequence[Sequence[str]]) -> int:
    # Words up to this long are never broken in two; longer ones may be.
    words = (len(w) for row in rows for w in row[column].split())
    return min(max(words, default=0), 18)


def _fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Column widths whose table fits `width`, or None when none does."""
    widths = [max([_natural(c.header), *(_natural(r[i]) for r in rows)], default=1) or 1
              for i, c in enumerate(columns)]
    overhead = 3 * len(columns) + 1  # borders and one space of padding each side
    floors = [min(w, max(_MIN_FLEXIBLE if c.flexible else _MIN_FIXED, _natural(c.header),
                         _longest_word(i, rows)))
              for i, (w, c) in enumerate(zip(widths, columns, strict=True))]
    excess = sum(widths) + overhead - width
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            return None
        # The widest column gives a character; a flexible one counts half its width, so it
        # ends up with about twice the room of the others.
        i = max(shrinkable, key=lambda j: widths[j] / (2 if columns[j].flexible else 1))
        widths[i] -= 1
        excess -= 1
    return widths


def _lines(text: str, width: int, display: Display) -> str:
    wrapped = _wrap(text, width)
    return "\n".join(visual(line) if display.bidi else line for line in wrapped)


def _console(display: Display) -> Console:
    return Console(file=io.StringIO(), width=display.width, force_terminal=display.color,
                   color_system="standard" if display.color else None, no_color=not display.color,
                   highlight=False, emoji=False, markup=False, legacy_windows=False)


def render_table(display: Display, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                 footer: Sequence[str] = (), heading: bool = True) -> str:
    """The whole table as text, ready to write in one go."""
    widths = _fit(columns, rows, display.width) if display.width >= NARROWEST_TABLE else None
    if widths is None:
        body = _stacked(display, columns, rows)
    else:
        body = _boxed(display, columns, rows, widths, heading)
    body += "".join(_lines(line, display.width, display) + "\n" for line in footer)
    return f"{EXPLICIT_BIDI}{body}{IMPLICIT_BIDI}" if display.bidi else body


def _boxed(display: Display, columns: Sequence[Column], rows: Sequence[Sequence[str]],
           widths: list[int], heading: bool) -> str:
    order = list(range(len(columns)))
    if display.rtl:
        order.reverse()
    justify: Literal["right", "left"] = "right" if display.rtl else "left"
    table = Table(box=box.ROUNDED, show_header=heading, header_style="bold",
                  expand=False, pad_edge=True, padding=(0, 1))
    for i in order:
        table.add_column(Text(_lines(columns[i].header, widths[i], display)), width=widths[i],
                         no_wrap=True, overflow="crop", justify=justify, style=columns[i].style)
    for row in rows:
        table.add_row(*(Text(_lines(row[i], widths[i], display)) for i in order))
    console = _console(display)
    console.print(table)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def _stacked(display: Display, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> str:
    """One field per line, for terminals too narrow for a box."""
    width = max(display.width, 1)
    out: list[str] = []
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            if not cell:
                continue
            for line in _wrap(f"{column.header}: {cell}", width):
                shown = visual(line) if display.bidi else line
                out.append(shown.rjust(width) if display.rtl else shown)
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
