"""Draw docs/list-2017.svg: `timeline list --year 2017` as a terminal without bidi shows it.

Run by hand after changing the table: `.venv/bin/python docs/screenshot.py`. The command runs
on a real pseudo-terminal, 100 columns wide, so the shaped, reordered, mirrored output is
exactly what the tool writes there; pyte plays it onto a screen and Rich exports the screen as
SVG. The text is already in visual order, so the SVG forces left-to-right drawing: a browser
must not reorder it a second time.
"""

from __future__ import annotations

import os
import pty
import sys
from pathlib import Path

import pyte
from rich.console import Console
from rich.text import Text

COLUMNS = 100
OUT = Path(__file__).with_name("list-2017.svg")


def terminal_output(args: list[str]) -> str:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"COLUMNS": str(COLUMNS), "TERM": "xterm-256color"})
        os.environ.pop("NO_COLOR", None)
        os.execv(sys.executable, [sys.executable, "-m", "syria_timeline", *args])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8")


def main() -> None:
    raw = terminal_output(["list", "--year", "2017"])
    screen = pyte.Screen(COLUMNS, 60)
    pyte.Stream(screen).feed(raw.replace("\n", "\r\n"))
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    console = Console(record=True, width=COLUMNS, file=open(os.devnull, "w"))  # noqa: SIM115
    for line in lines:
        console.print(Text(line), soft_wrap=True)
    svg = console.export_svg(title="timeline list --year 2017")
    svg = svg.replace("<text ", '<text direction="ltr" unicode-bidi="bidi-override" ')
    OUT.write_text(svg, encoding="utf-8")
    print(f"{OUT}: {len(lines)} lines")


if __name__ == "__main__":
    main()
