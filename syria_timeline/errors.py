"""The errors a user can fix, and how text from outside is made safe to show.

The library speaks of what a value is (`about="start"`: the start of a date range) and what
would list the valid ones (`see="places"`); the CLI turns those into option and command
names. No message here names an option or a command.
"""

from __future__ import annotations

from collections.abc import Sequence

NOT_FOUND = 1
USAGE = 2
INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


class TimelineError(Exception):
    """An error a user can fix; its message is the whole explanation."""

    exit_code = NOT_FOUND

    def __init__(self, message: str, *, about: str | None = None, see: str | None = None
                 ) -> None:
        super().__init__(message)
        self.about = about  # the parameter the value was given for
        self.see = see  # what lists the accepted values, when the message gave no suggestion


class NotFound(TimelineError):
    """A name or id that matches nothing in the store."""

    exit_code = NOT_FOUND


class BadValue(TimelineError):
    """A value that cannot be used (exit 2, like any usage error)."""

    exit_code = USAGE


class StoreError(TimelineError):
    """A store that cannot be used. `problems` are one-line messages, file name included."""

    exit_code = NOT_FOUND
    SHOWN = 3

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        first = self.problems[: self.SHOWN]
        more = len(self.problems) - len(first)
        tail = [f"… and {more} more problems"] if more else []
        super().__init__("\n".join(first + tail), see="problems" if more else None)


class OutputError(TimelineError):
    """Standard output cannot be written (closed, or the disk is full)."""

    exit_code = NOT_FOUND


# C0 controls but newline and tab, DEL, C1 controls: what a terminal acts on instead of showing.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
# Bidi embeddings, overrides and isolates: they would reorder the rest of the line.
_BIDI = {c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_UNSAFE = {**_CONTROLS, **_BIDI}
_UNSAFE_LINE = {**_UNSAFE, 0x0A: "\\n", 0x09: "\\t"}


def visible(text: str) -> str:
    """Text for a terminal, newlines and tabs kept: control characters shown as `\\x1b`.

    Lone surrogates, which no encoder accepts, are shown as `\\ud800` too, and the bytes of a
    file name that were not UTF-8 as `\\xff`.
    """
    cleaned = text.translate(_UNSAFE)
    if not cleaned.isascii() and not is_text(cleaned):
        cleaned = "".join(_surrogate(c) if 0xD800 <= ord(c) <= 0xDFFF else c for c in cleaned)
    return cleaned


def _surrogate(char: str) -> str:
    # U+DC80..U+DCFF stand for the bytes of a name that were not UTF-8 (Python's
    # surrogateescape, under LANG=C too): show the byte, as `ls -b` would, not the code point.
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def is_text(text: str) -> bool:
    """Whether the string can be written as UTF-8: no lone surrogate (`"\\ud800"` in JSON)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def quoted(value: object, limit: int = 60) -> str:
    """A value a user gave, quoted in a message: repr's quotes, controls shown, at most `limit`
    characters (a 5,000-digit number must not make a 5 KB error line)."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…" + shown[-1]


def printable(text: str, limit: int = 60) -> str:
    """User input made safe to echo on one line: visible controls, and not too long."""
    cleaned = visible(text.translate(_UNSAFE_LINE))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
