"""The errors the CLI turns into one line on stderr and an exit code."""

from __future__ import annotations

NOT_FOUND = 1
USAGE = 2


class TimelineError(Exception):
    """An error a user can fix; its message is the whole explanation."""

    exit_code = NOT_FOUND


class NotFound(TimelineError):
    """A name or id that matches nothing in the store."""

    exit_code = NOT_FOUND


class BadValue(TimelineError):
    """An option value that cannot be used (exit 2, like any usage error)."""

    exit_code = USAGE


def printable(text: str, limit: int = 60) -> str:
    """User input made safe to echo: no control or bidi characters, and not too long."""
    cleaned = "".join(c if c.isprintable() and not 0x202A <= ord(c) <= 0x202E
                      and not 0x2066 <= ord(c) <= 0x2069 else "?" for c in text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
