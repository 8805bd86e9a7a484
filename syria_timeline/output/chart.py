"""Counts by year or month drawn as bars, each bar split by the side that won its events.

A bar is measured in eighths of a cell. With colour, every side is a colour and a cell where
one side's part ends and the next begins is an eighth block in the first side's colour on
the next side's: the split is exact to an eighth (a side with less than an eighth of a cell
between two others is too thin to draw). Without colour (a report, a pipe), every
side is a pattern (█ ▓ ▒ ░ …) and the bar's last cell an eighth block when it is solid.

Lines run left to right whatever the language: the periods are ISO keys (2017, 2017-10), the
same in both, and a bar grows from its axis. The legend is a table (`render_table`) so that
side names in Arabic are shown as the terminal needs them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from syria_timeline.output.layout import Column, Display, render_table
from syria_timeline.query.series import Period

EIGHTHS = " ▏▎▍▌▋▊▉"  # 0 to 7 eighths of a cell, from the left
FULL = "█"
PATTERNS = ("█", "▓", "▒", "░", "#", "=", "+", ":", "~", "*")
# 256-colour numbers: readable on dark and light backgrounds; sides known for a colour keep it.
KNOWN_COLOURS = {"islamic-state": 244, "syrian-army": 160, "rebels": 34, "sdf": 220,
                 "kurdish-forces": 178, "turkish-army": 98, "iraqi-forces": 33,
                 "us-led-coalition": 39, "free-syrian-army": 70, "hts": 58, "pmf": 30,
                 "peshmerga": 208}
SPARE_COLOURS = (162, 141, 44, 130, 197, 63, 172, 37, 125, 149)
NO_VICTOR_COLOUR = 103  # a blue grey: apart from the group's grey on any background
NO_VICTOR = {"ar": "بلا منتصر (ليست سيطرة، أو لا يسمّيه النص)",
             "en": "no victor (not a capture, or the text does not say)"}
VICTOR = {"ar": "المنتصر", "en": "victor"}
_RESET = "\x1b[0m"


def chart(periods: Sequence[Period], names: Mapping[str, str], display: Display,
          notes: Sequence[str] = ()) -> str:
    """The legend, then one line per period: key, bar, count. `names`: victor id → name."""
    sides = _sides(periods)
    styles = _styles(sides, display.color)
    key_width = max((len(p.key) for p in periods), default=4)
    most = max((p.total for p in periods), default=0)
    room = max(display.width - key_width - len(str(most)) - 4, 10)
    body = "".join(f"{p.key:<{key_width}} │{_bar(p, most, room, styles, display.color)}"
                   f" {p.total}\n" for p in periods)
    return _legend(sides, styles, names, display, notes) + body


def _sides(periods: Sequence[Period]) -> list[str | None]:
    """Every side that won events, the most events first; None (no victor) last."""
    totals: dict[str | None, int] = {}
    for period in periods:
        for side, n in period.sides:
            totals[side] = totals.get(side, 0) + n
    return sorted(totals, key=lambda s: (s is None, -totals[s], s or ""))


def _styles(sides: Sequence[str | None], color: bool) -> dict[str | None, str | int]:
    """Each side's colour (an SGR 256-colour number) or, without colour, its pattern."""
    if not color:
        named = [s for s in sides if s is not None]
        styles: dict[str | None, str | int] = {
            s: PATTERNS[i % len(PATTERNS)] for i, s in enumerate(named)}
        styles[None] = "·"
        return styles
    # After the spare colours, the 6×6×6 cube stepped through far apart: no two sides alike.
    cube = [16 + (i * 97) % 216 for i in range(216)]
    spare = iter(dict.fromkeys(c for c in (*SPARE_COLOURS, *cube)
                               if c not in KNOWN_COLOURS.values() and c != NO_VICTOR_COLOUR))
    out: dict[str | None, str | int] = {None: NO_VICTOR_COLOUR}
    for side in sides:
        if side is not None:
            out[side] = KNOWN_COLOURS.get(side) or next(spare, 250)
    return out


def _segments(period: Period, most: int, room: int) -> list[tuple[str | None, int]]:
    """Each side's share of the bar in eighths, rounded so that the shares add up exactly."""
    if not period.total:
        return []
    total_eighths = max(round(period.total / most * room * 8), 1)
    out, done, seen = [], 0, 0
    for side, n in period.sides:
        seen += n
        end = round(seen / period.total * total_eighths)
        out.append((side, end - done))
        done = end
    return [(side, size) for side, size in out if size > 0]


def _bar(period: Period, most: int, room: int, styles: Mapping[str | None, str | int],
         color: bool) -> str:
    cells = _cells(_segments(period, most, room))
    if not color:
        return "".join(_plain(cell, styles) for cell in cells)
    out, current = [], ""
    for cell in cells:
        sgr, glyph = _coloured(cell, styles)
        if sgr != current:  # one escape per run of a colour, not per cell
            out.append(f"\x1b[{sgr}m")
            current = sgr
        out.append(glyph)
    return "".join(out) + (_RESET if cells else "")


def _cells(segments: Sequence[tuple[str | None, int]]) -> list[list[tuple[str | None, int]]]:
    """The bar cut into cells of 8 eighths: each cell the sides in it, with their eighths."""
    cells: list[list[tuple[str | None, int]]] = [[]] if segments else []
    for side, size in segments:
        while size:
            free = 8 - sum(n for _, n in cells[-1])
            if free == 0:
                cells.append([])
                continue
            taken = min(free, size)
            cells[-1].append((side, taken))
            size -= taken
    return cells


def _plain(parts: Sequence[tuple[str | None, int]], styles: Mapping[str | None, str | int]
           ) -> str:
    """The side with most of the cell draws it; a solid bar's last cell is cut to an eighth."""
    filled = sum(n for _, n in parts)
    glyph = str(styles[max(parts, key=lambda p: p[1])[0]])
    return EIGHTHS[filled] if filled < 8 and glyph == FULL else glyph


def _coloured(parts: Sequence[tuple[str | None, int]], styles: Mapping[str | None, str | int]
              ) -> tuple[str, str]:
    """A cell's SGR parameters and glyph. Where one side ends inside the cell and the next
    begins, the first is an eighth block in front and the next the background behind it."""
    filled = sum(n for _, n in parts)
    if filled < 8:  # the bar's end, on the terminal's own background
        side = max(parts, key=lambda p: p[1])[0]
        return f"49;38;5;{styles[side]}", EIGHTHS[filled]
    (first, size), *rest = parts
    if not rest:
        return f"49;38;5;{styles[first]}", FULL
    return f"38;5;{styles[first]};48;5;{styles[rest[0][0]]}", EIGHTHS[size]


def _legend(sides: Sequence[str | None], styles: Mapping[str | None, str | int],
            names: Mapping[str, str], display: Display, notes: Sequence[str]) -> str:
    """A table: each side's swatch and name. The swatches are coloured after the layout, so
    that the table's widths count only what is seen."""
    swatch = "██"
    rows = [[swatch if display.color else str(styles[s]) * 2,
             names.get(s, s) if s is not None else NO_VICTOR[display.lang]] for s in sides]
    columns = [Column(header=""), Column(header=VICTOR[display.lang])]
    table = render_table(display, columns, rows, footer=notes)
    if not display.color:
        return table
    pieces = table.split(swatch)  # in row order: the n-th swatch is the n-th side's
    coloured = [f"\x1b[38;5;{styles[side]}m{swatch}{_RESET}" for side in sides]
    return pieces[0] + "".join(c + p for c, p in zip(coloured, pieces[1:], strict=False))
