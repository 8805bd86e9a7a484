"""What a person reads, on stdout or on stderr: one way to lay every line out for its terminal.

Tables, `show`, messages, warnings, progress and help all come here (tables through `layout`,
the rest through `for_person`), so each stream decides with the same detection and the same
`--bidi`: a stream that is no terminal gets logical text; a terminal gets the mode `terminals`
chooses for it; a terminal that honours `CSI 8 l` (VTE) gets it on the very stream it is
written to, and `CSI 8 h` after, so that it is left as it was found. Should Ctrl-C stop a write
half way, the entry point's handler calls `restore_now` before the program ends.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Mapping
from functools import lru_cache
from typing import TextIO

from syria_timeline.arabic import has_arabic, shaped, visual
from syria_timeline.errors import visible
from syria_timeline.terminals import Choice, choose

EXPLICIT_BIDI = "\x1b[8l"  # CSI 8 l: the program has laid the text out
IMPLICIT_BIDI = "\x1b[8h"  # CSI 8 h: back to the terminal's own bidi
HARAKAT = re.compile("[\u064b-\u065f\u0670]")
# What kitty turns around (seen on kitty 0.26.5): from the digits and punctuation before an
# Arabic letter to the next space, whatever is glued on (digits: "و20" laid out "20و" is drawn
# "و02" unless turned with the word; brackets, which it mirrors as it turns them; Latin after
# the letter). A group of digits with no letter (`3،250`, whose comma is no letter) it leaves
# alone. Latin glued after an Arabic letter (لـExcel) cannot be sent so that kitty shows it
# right: the catalog leaves a space there.
RTL_RUN = re.compile("[^\\sA-Za-z]*[\u0620-\u064a\u066e-\u06d3\u06d5\ufb50-\ufdff\ufe70-\ufefc]\\S*")
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# Streams (by descriptor) that were told CSI 8 l and not yet CSI 8 h: what Ctrl-C restores.
_SWITCHED: dict[int, str] = {}


class Screen:
    """One output stream as a person sees it: its mode, its terminal, its width."""

    def __init__(self, choice: Choice, terminal: bool, dumb: bool, width: int) -> None:
        self.choice = choice
        self.mode = choice.mode if terminal else "off"
        self.terminal = terminal
        # CSI 8 l for the terminal that does not reorder anyway is harmless, and VTE needs it.
        self.explicit = terminal and not dumb and self.mode == "app"
        self.switch = (EXPLICIT_BIDI, IMPLICIT_BIDI) if self.explicit else ("", "")
        self.width = width
        # Harakat where the terminal draws them on their letter, and in every pipe.
        self.harakat = choice.terminal.harakat or not terminal

    def lines(self, text: str) -> str:
        """Text of several lines laid out line by line for this stream (no switch)."""
        if self.mode == "off" or not has_arabic(text):
            return text
        return "\n".join(self.line(line) for line in text.split("\n"))

    def line(self, line: str) -> str:
        if not self.harakat:
            line = HARAKAT.sub("", line)
        if self.mode in ("app", "runs"):
            # An indent stays where it is (help's columns), whichever way the rest reads.
            body = line.lstrip(" ")
            shown = visual(body)
            shown = turned_runs(shown) if self.mode == "runs" else shown
            return line[: len(line) - len(body)] + shown
        if self.mode == "terminal":
            quirks = self.choice.terminal
            line = shaped(line) if quirks.preshape else line
            return line if quirks.mirrors else mirror_for(line)
        return line

    def framed(self, text: str) -> str:
        """Laid-out text between the switch to explicit mode and the switch back."""
        if not self.switch[0] or not has_arabic(text):
            return text
        return f"{self.switch[0]}{text}{self.switch[1]}"


def turned_runs(line: str) -> str:
    """A laid-out line with each run kitty turns around turned back first, brackets mirrored
    (kitty mirrors them as it turns them)."""
    return RTL_RUN.sub(lambda run: run[0][::-1].translate(_MIRRORED), line)


def mirror_for(line: str) -> str:
    """Brackets turned where the bidi algorithm mirrors them, for a terminal that reorders but
    does not mirror (Konsole): it then draws each one facing its text, as L4 asks."""
    if not has_arabic(line) or not any(c in _BRACKETS for c in line):
        return line
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    # Konsole sets every line left to right (seen: `الاستعمال: timeline …` starts at the left).
    storage["base_level"] = 0
    storage["base_dir"] = "L"
    algorithm.get_embedding_levels(line, storage, False, False)
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    # What is left after the rules is the line in logical order without the explicit
    # embeddings (X9): walk both together.
    kept = iter(storage["chars"])
    rtl = [False if char in _REMOVED else next(kept)["level"] % 2 == 1 for char in line]
    # A pair of brackets faces one way (UBA N0, which this python-bidi predates): both turn
    # when either resolves right to left.
    for opening, closing in _pairs(line):
        rtl[opening] = rtl[closing] = rtl[opening] or rtl[closing]
    return "".join(c.translate(_MIRRORED) if turn and c in _BRACKETS else c
                   for c, turn in zip(line, rtl, strict=True))


def _pairs(line: str) -> list[tuple[int, int]]:
    """Positions of matching brackets."""
    closes = {"(": ")", "[": "]", "{": "}", "<": ">", "«": "»"}
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, char in enumerate(line):
        if char in closes:
            stack.append((closes[char], i))
        elif stack and char == stack[-1][0]:
            pairs.append((stack.pop()[1], i))
    return pairs


_BRACKETS = frozenset("()[]{}<>«»")
_REMOVED = frozenset("\u202a\u202b\u202c\u202d\u202e")


@lru_cache(maxsize=8)
def _choice(value: str | None) -> Choice:
    return choose(os.environ, value)


def screen(stream: TextIO | None, value: str | None, environ: Mapping[str, str] | None = None
           ) -> Screen:
    """The screen behind a stream, for the mode asked for (`--bidi`, TIMELINE_BIDI) or auto.

    Raises ValueError for a mode that is no mode.
    """
    terminal = stream is not None and _isatty(stream)
    env = os.environ if environ is None else environ
    choice = _choice(value) if environ is None else choose(env, value)
    if not terminal:  # a pipe: no need to ask tmux anything
        choice = choice._replace(mode="off")
    return Screen(choice, terminal, env.get("TERM") == "dumb",
                  shutil.get_terminal_size().columns)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def for_person(text: str, shown_on: Screen) -> str:
    """Text for a person on this screen: controls shown, Arabic laid out, the switch around it."""
    return shown_on.framed(shown_on.lines(visible(text)))


def written(stream: TextIO, text: str) -> None:
    """Write laid-out text whole; a switch to explicit mode in it is undone even by Ctrl-C."""
    target: TextIO = getattr(stream, "underlying", stream)  # past the stream that shows controls
    fd = _fileno(target)
    if EXPLICIT_BIDI in text:
        _SWITCHED[fd] = IMPLICIT_BIDI
    target.write(text)
    target.flush()
    _SWITCHED.pop(fd, None)


def _fileno(stream: TextIO) -> int:
    try:
        return stream.fileno()
    except (OSError, ValueError, AttributeError):
        return -1


def restore_now() -> None:
    """Put back the terminal's own bidi on every stream left in explicit mode (Ctrl-C)."""
    for fd, sequence in list(_SWITCHED.items()):
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.write(fd, sequence.encode())
    _SWITCHED.clear()
