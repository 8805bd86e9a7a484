"""The layout of tables for people: boxes that fit the terminal and show Arabic correctly.

Column widths, wrapping, Arabic shaping and reordering happen here, cell by cell and line
by line, in one of four ways (`terminals` says which):

- `app`: each wrapped line is shaped and put in visual order, the column order is mirrored
  for Arabic, cells are right-aligned, and the table is wrapped in `CSI 8 l` … `CSI 8 h`
  (BiDi in terminals: explicit mode) so a terminal that implements it does not reorder a
  second time;
- `terminal`: the same layout, but the text stays logical for a terminal that reorders each
  line itself (the Unicode Bidirectional Algorithm): a left-to-right mark (LRM) opens and
  closes every cell, so borders and padding stay in place (mlterm needs both), and a cell
  whose text starts right to left is a right-to-left embedding (RLE … PDF), so the terminal
  reorders it inside its cell only, as it would a paragraph of its own, numbers and ids
  included. The tests apply the algorithm (python-bidi) to this output and must get the `app`
  layout back. Widths are measured as the terminal draws the text it shapes itself (lam-alef
  is one cell on mlterm, two on Konsole and kitty: `Display.lam_alef_cells`), and since
  mlterm counts each invisible mark as a column when it wraps a line, the layout leaves room
  for them (`Display.room_for_marks`);
- `runs`: the mirrored layout with logical cells and no marks, for kitty, which turns each run
  of right-to-left text around itself and draws marks as glyphs;
- `off`: logical text, left to right, as pipes get it.

The box is Rich's ROUNDED box, drawn from its glyphs (`rich.box`) rather than by
`rich.console`: since every cell is already laid out, the console would only pad and join,
and importing and running it cost 22 ms of a piped table's 90 ms (benchmarks/run.py), over
the start-up budget on its own.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable, Sequence

from rich.box import ROUNDED

from syria_timeline.arabic import has_arabic, shaped, visual
from syria_timeline.errors import visible
from syria_timeline.model import Record
from syria_timeline.output.people import (
    EXPLICIT_BIDI,
    HARAKAT,
    IMPLICIT_BIDI,
    mirror_for,
    turned_runs,
)

LRM, RLM = "\u200e", "\u200f"
RLE, PDF = "\u202b", "\u202c"  # right-to-left embedding, and its end
MARKS_PER_CELL = 4  # LRM, RLE, PDF, LRM: room left for them in `terminal` mode
HIGHLIGHT = ("\x1b[7m", "\x1b[27m")  # reverse video: visible with or without colours
# Below this width no boxed table fits; records are printed one field per line instead.
NARROWEST_TABLE = 40
_MIN_FLEXIBLE = 10
_MIN_FIXED = 8


class Display(Record):
    lang: str  # "ar" or "en"
    bidi: str  # "app", "terminal", "runs" or "off" (see the module's docstring)
    color: bool
    width: int
    explicit_bidi: bool = False  # say so to the terminal (CSI 8 l); never on TERM=dumb
    room_for_marks: int = 0  # columns each cell leaves for invisible marks (MARKS_PER_CELL)
    lam_alef_cells: int = 2  # cells لا takes when the terminal shapes it (mlterm: 1)
    harakat: bool = True  # kept; dropped where the terminal draws them on the wrong letter
    mirrors: bool = True  # the terminal mirrors brackets when it reorders (Konsole does not)
    preshape: bool = False  # `terminal` mode: letters sent in their joining forms (Konsole…)
    switch: tuple[str, str] = (EXPLICIT_BIDI, IMPLICIT_BIDI)  # what `explicit_bidi` sends

    @property
    def rtl(self) -> bool:
        """Columns mirrored and cells right-aligned: Arabic on a terminal."""
        return self.lang == "ar" and self.bidi != "off"


class Column(Record):
    header: str
    flexible: bool = False  # gives up width first when the table is too wide
    whole: bool = False  # never narrower than its longest cell: an id must be copied whole


def _safe(text: str) -> str:
    """Text from a store as a terminal must get it: no control character acts, tabs are spaces."""
    return visible(text).replace("\t", " ")


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        lines.extend(textwrap.wrap(paragraph, width=max(width, 1), break_on_hyphens=False,
                                   subsequent_indent=indent if len(indent) < width else "")
                     or [""])
    return lines


def cell_width(text: str) -> int:
    """Columns a line takes on a terminal: marks take none, wide East Asian letters two."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _natural(text: str) -> int:
    return max((cell_width(line) for line in text.split("\n")), default=0)


def _longest_word(column: int, rows: Sequence[Sequence[str]]) -> int:
    # Words up to this long are never broken in two; longer ones may be.
    words = (len(w) for row in rows for w in row[column].split())
    return min(max(words, default=0), 18)


def _fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Column widths whose table fits `width`, or None when none does."""
    widths = [max([_natural(c.header), *(_natural(r[i]) for r in rows)], default=1) or 1
              for i, c in enumerate(columns)]
    overhead = 3 * len(columns) + 1  # borders and one space of padding each side
    floors = [w if c.whole else min(w, max(_MIN_FLEXIBLE if c.flexible else _MIN_FIXED,
                                           _natural(c.header), _longest_word(i, rows)))
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


def _lines(text: str, width: int, display: Display) -> list[str]:
    wrapped = _wrap(text if display.harakat else HARAKAT.sub("", text), width)
    if display.bidi == "app":
        return [visual(line) for line in wrapped]
    if display.bidi == "runs":
        return [turned_runs(visual(line)) for line in wrapped]
    if display.bidi == "terminal" and display.preshape:
        return [shaped(line) for line in wrapped]
    return wrapped


def _placed(text: str, room: int, display: Display, right: bool) -> str:
    """A laid-out line padded to `room` columns, and held in place in `terminal` mode."""
    # A terminal that shapes logical text itself may draw lam-alef in one cell (mlterm).
    joined = display.bidi == "terminal" and display.lam_alef_cells == 1
    gap = " " * max(room - cell_width(shaped(text) if joined else text), 0)
    if display.bidi != "terminal":
        return f"{gap}{text}" if right else f"{text}{gap}"
    # An Arabic cell is embedded right to left, as if it were a paragraph of its own: marks
    # alone would leave a Latin word in it (an id) where a left-to-right line keeps it.
    held = f"{RLE}{text}{PDF}" if _starts_rtl(text) else text
    if not display.mirrors:
        held = mirror_for(held)
    return f"{LRM}{gap}{held}{LRM}" if right else f"{LRM}{held}{gap}{LRM}"


def _starts_rtl(text: str) -> bool:
    """Whether the first letter with a direction is right-to-left (the paragraph's own rule)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def render_table(display: Display, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                 footer: Sequence[str] = (), heading: bool = True,
                 marks: Callable[[str], bool] | None = None) -> str:
    """The whole table as text, ready to write in one go; control characters made visible.

    `marks` says which words of the body to highlight (in reverse video, with colour on).
    """
    columns = [Column(header=_safe(c.header), flexible=c.flexible, whole=c.whole)
               for c in columns]
    rows = [[_safe(cell) for cell in row] for row in rows]
    footer = [_safe(note) for note in footer]
    width = display.width - display.room_for_marks * len(columns)
    widths = _fit(columns, rows, width) if display.width >= NARROWEST_TABLE else None
    if widths is None:
        body = _stacked(display, columns, rows)
        room = max(display.width - display.room_for_marks, 1)
    else:
        body = _boxed(display, columns, rows, widths, heading, _highlighter(display, marks))
        room = sum(widths) + 3 * len(widths) + 1
    # Notes under a right-to-left table are right-aligned to its edge (or to their own).
    notes = [line for note in footer
             for line in _lines(note, max(display.width - display.room_for_marks, 1), display)]
    room = max([room, *(cell_width(line) for line in notes)]) if display.rtl else 0
    body += "".join(_placed(line, room, display, display.rtl) + "\n" for line in notes)
    return f"{display.switch[0]}{body}{display.switch[1]}" if display.explicit_bidi else body


def _highlighter(display: Display, marks: Callable[[str], bool] | None
                 ) -> Callable[[str], str] | None:
    """What styles the marked words of a laid-out line, or None when nothing is marked."""
    if marks is None or not display.color:
        return None

    def logical(word: str) -> str:
        # A shaped, reordered Arabic word reads backwards; its letters' presentation forms
        # are undone by the matcher's own normalization.
        return word[::-1] if display.bidi == "app" and has_arabic(word) else word

    def highlight(line: str) -> str:
        return " ".join(f"{HIGHLIGHT[0]}{w}{HIGHLIGHT[1]}" if w and marks(logical(w)) else w
                        for w in line.split(" "))

    return highlight


def _boxed(display: Display, columns: Sequence[Column], rows: Sequence[Sequence[str]],
           widths: list[int], heading: bool, highlight: Callable[[str], str] | None) -> str:
    order = list(range(len(columns)))
    if display.rtl:
        order.reverse()
    sizes = [widths[i] for i in order]
    padded = [size + 2 for size in sizes]  # one space of padding each side
    lines = [ROUNDED.get_top(padded)]
    if heading:
        bold = ("\x1b[1m", "\x1b[0m") if display.color else ("", "")
        cells = [_lines(columns[i].header, widths[i], display) for i in order]
        lines += _row(cells, sizes, display, (ROUNDED.head_left, ROUNDED.head_vertical,
                                               ROUNDED.head_right), bold)
        lines.append(ROUNDED.get_row(padded, level="head"))
    for row in rows:
        cells = [_lines(row[i], widths[i], display) for i in order]
        lines += _row(cells, sizes, display, (ROUNDED.mid_left, ROUNDED.mid_vertical,
                                               ROUNDED.mid_right), ("", ""), highlight)
    lines.append(ROUNDED.get_bottom(padded))
    return "\n".join(lines) + "\n"


def _row(cells: list[list[str]], sizes: list[int], display: Display,
         edges: tuple[str, str, str], style: tuple[str, str],
         highlight: Callable[[str], str] | None = None) -> list[str]:
    """The text lines of one table row: every cell padded to its width, side by side."""
    left, middle, end = edges
    height = max(len(cell) for cell in cells)
    out = []
    for k in range(height):
        parts = []
        for cell, size in zip(cells, sizes, strict=True):
            text = cell[k] if k < len(cell) else ""
            placed = _placed(text, size, display, display.rtl)  # measured before styling
            if text and (highlight is not None or style[0]):
                styled = highlight(text) if highlight is not None else text
                placed = placed.replace(text, f"{style[0]}{styled}{style[1]}", 1)
            parts.append(f" {placed} ")
        out.append(left + middle.join(parts) + end)
    return out


def _stacked(display: Display, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> str:
    """One field per line, for terminals too narrow for a box."""
    width = max(display.width - display.room_for_marks, 1)
    out: list[str] = []
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            if not cell:
                continue
            for line in _lines(f"{column.header}: {cell}", width, display):
                out.append(_placed(line, width if display.rtl else 0, display, display.rtl))
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
