"""Files given to the tool: read only if they are regular files of a bounded size.

A named pipe would block forever, `/dev/zero` would fill memory, a folder or a socket
cannot be read at all: each is refused before a byte is read, with a message that says what
the path is. The caller words the message's subject (`store`, `source text`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO

# A store of 1,000,000 events written with indentation is about 850 MB; a store is held in
# memory once, so 2 GiB leaves room for that and refuses what no store needs.
MAX_STORE_BYTES = 2 * 1024**3
# Articles are kilobytes; a whole dataset export used as a source stays well below this.
MAX_SOURCE_BYTES = 256 * 1024**2

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileProblem(Exception):
    """Why a file cannot be read: its message completes "PATH: …"."""


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else "not a regular file"


def open_regular(path: Path, limit: int) -> BinaryIO:
    """A regular file of at most `limit` bytes, opened for reading; else FileProblem."""
    try:
        before = os.stat(path)
        kind = kind_of(before.st_mode)
        if kind:
            raise FileProblem(f"is {kind}, not a file")
        if before.st_size > limit:
            raise FileProblem(f"is {before.st_size:,} bytes; the limit is {limit:,}")
        # O_NONBLOCK: had the path become a pipe since the stat, opening it must not block.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise FileProblem("not found") from None
    except PermissionError:
        raise FileProblem("not allowed to read this file") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise FileProblem(f"cannot be read ({getattr(error, 'strerror', None) or error})") from None
    stream = os.fdopen(fd, "rb")
    kind = kind_of(os.fstat(fd).st_mode)
    if kind:
        stream.close()
        raise FileProblem(f"is {kind}, not a file")
    return stream


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else FileProblem."""
    with open_regular(path, limit) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileProblem(f"is more than {limit:,} bytes, the limit")
    return data


def state(path: Path) -> str:
    """What identifies a file's content without reading it: size, times, inode and device.

    The change time (st_ctime_ns) cannot be set back by a user, so a file edited in place
    with its size and modification time restored still has a new state.
    """
    try:
        s = os.stat(path)
    except (OSError, ValueError):
        return "missing"
    return f"{s.st_size}:{s.st_mtime_ns}:{s.st_ctime_ns}:{s.st_ino}:{s.st_dev}"


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a byte offset, for messages about a file's content."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in `path`'s folder, to be renamed to `path` once written whole.

    It gets the mode a new file would (0666 less the umask), not mkstemp's private 0600:
    a store is shared like any file the user writes.
    """
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    mask = os.umask(0)
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)
    return fd, temporary


@contextmanager
def written_whole(path: Path, mode: str = "wb") -> Iterator[IO[Any]]:
    """A file written whole or not at all: a temporary file beside it, renamed into place when
    the block ends without an error (text modes write UTF-8); its folders are made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = _temporary_beside(path)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_whole(path: Path, data: bytes) -> None:
    """Write a file whole or not at all."""
    with written_whole(path) as stream:
        stream.write(data)
