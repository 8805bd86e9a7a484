"""Draw docs/list-2017.svg: `timeline list --year 2017` as a terminal without bidi shows it.

Run by hand after changing the table, with the test extra installed:
`.venv/bin/python docs/screenshot.py`. The command runs on a real pseudo-terminal, 100
columns wide (the test suite's own helper), so the shaped, reordered, mirrored output is
exactly what the tool writes there; pyte plays it onto a screen and Rich exports the screen as
SVG. The text is already in visual order, so the SVG forces left-to-right drawing: a browser
must not reorder it a second time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from helpers import on_terminal  # noqa: E402

COLUMNS = 100
OUT = HERE / "list-2017.svg"


def main() -> None:
    _, screen = on_terminal(["list", "--year", "2017"], COLUMNS)
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        console = Console(record=True, width=COLUMNS, file=sink)
        for line in lines:
            console.print(Text(line), soft_wrap=True)
    svg = console.export_svg(title="timeline list --year 2017")
    svg = svg.replace("<text ", '<text direction="ltr" unicode-bidi="bidi-override" ')
    OUT.write_text(svg, encoding="utf-8")
    print(f"{OUT}: {len(lines)} lines")


if __name__ == "__main__":
    main()
