"""Files given to the tool, and the files it writes.

Read: only regular files of a bounded size. A named pipe would block forever, `/dev/zero`
would fill memory, a folder or a socket cannot be read at all: each is refused before a byte is
read, with a message that says what the path is. The caller words the message's subject
(`store`, `source text`).

Written: by one rule, `write_outputs`, that every writing command uses — never over an
existing file unless the user forces it, never over one of the command's inputs or a device
or a folder even then, always whole (a temporary file renamed into place), and the folders it
made removed again if the writing fails.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO

from syria_timeline.errors import BadValue, TimelineError, printable

# A store of 1,000,000 events written with indentation is about 850 MB; a store is held in
# memory once, so 2 GiB leaves room for that and refuses what no store needs.
MAX_STORE_BYTES = 2 * 1024**3
# Articles are kilobytes; a whole dataset export used as a source stays well below this.
MAX_SOURCE_BYTES = 256 * 1024**2

def shipped(name: str) -> Path:
    """A data file shipped inside the package; in a source checkout, the repo's data/ folder.

    The wheel puts data files in syria_timeline/data/, which is where
    importlib.resources.files() points for a package on disk; importing importlib.resources
    costs 4 ms of a 60 ms start-up, so the path is built directly. (Installs from a zip file
    are not supported.)
    """
    package = Path(__file__).resolve().parent
    packaged = package / "data" / name
    return packaged if packaged.exists() else package.parent / "data" / name


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


_CHUNK = 8 * 1024 * 1024


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else FileProblem.

    Asks for the file's own size (and one byte more, to see it end), never for the limit: that
    would reserve the whole limit (2 GiB for a store) up front, which a memory limit
    (`ulimit -v`) refuses for a file of a few kilobytes. A file that grows while it is read is
    read on in chunks, to the limit.
    """
    with open_regular(path, limit) as stream:
        expected = os.fstat(stream.fileno()).st_size
        data = stream.read(min(expected, limit) + 1)
        chunks, size = [data], len(data)
        while size > expected and size <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    if size > limit:
        raise FileProblem(f"is more than {limit:,} bytes, the limit")
    return data if len(chunks) == 1 else b"".join(chunks)


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
    the block ends without an error (text modes write UTF-8); its folders are made, and
    removed again if the block fails."""
    with folders_for(path):
        fd, temporary = _temporary_beside(path)
        try:
            with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as stream:
                yield stream
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@contextmanager
def folders_for(path: Path) -> Iterator[None]:
    """The folders `path` needs, made for the block and removed again if the block fails
    (a failed command leaves no empty folder it made). A folder that cannot be made is a
    one-line error."""
    try:
        made = _make_folders(path.parent)
    except OSError as error:
        raise TimelineError(f"{_shown(path.parent)}: cannot make this folder "
                            f"({error.strerror or error})", about="output") from None
    try:
        yield
    except BaseException:
        _remove_folders(made)
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Make `folder` and its missing parents; the ones made, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(exist_ok=True)
    return missing


def _remove_folders(folders: list[Path]) -> None:
    for folder in folders:  # deepest first; one still holding files stays
        try:
            folder.rmdir()
        except OSError:
            return


def write_whole(path: Path, data: bytes) -> None:
    """Write a file whole or not at all."""
    with written_whole(path) as stream:
        stream.write(data)


# --- the one rule for writing a user's file ---------------------------------------------------

# Longer paths fail in the kernel (ENAMETOOLONG); saying so up front names the path.
_MAX_PATH = 4096


def check_output(path: Path, inputs: Sequence[Path], force: bool,
                 same: bytes | Path | None = None, input_words: str = "one of its inputs"
                 ) -> None:
    """Raise BadValue unless `path` may be written: not an input, a folder or a device; not an
    existing file unless `force` (or unless it already holds exactly `same`: these bytes, or
    those of that file). `input_words` says what the input is (`the article itself`)."""
    shown = _shown(path)
    if len(str(path)) > _MAX_PATH or "\x00" in str(path):
        raise BadValue(f"{printable(str(path))}: not a usable path", about="output")
    if any(_same_file(path, source) for source in inputs):
        raise BadValue(f"{shown} is {input_words}; inputs are only read", about="output")
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        _check_folder(path)
        return
    except OSError as error:
        raise BadValue(f"{shown}: cannot be written ({error.strerror})", about="output") from None
    kind = kind_of(mode)
    if kind:
        raise BadValue(f"{shown} is {kind}; only a regular file is written", about="output")
    if not force and (same is None or not _holds(path, same)):
        raise BadValue(f"{shown} exists", about="output", see="force")


def _shown(path: Path) -> str:
    """A path in a message: whole (a user must recognise it), controls made visible."""
    return printable(str(path), limit=_MAX_PATH)


def _check_folder(path: Path) -> None:
    """A missing output's nearest existing folder must be a folder (not a file)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise BadValue(f"{_shown(path)}: {_shown(folder)} is a file, not a folder",
                       about="output")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _holds(path: Path, data: bytes | Path) -> bool:
    if isinstance(data, Path):
        import filecmp

        try:
            return filecmp.cmp(path, data, shallow=False)
        except OSError:
            return False
    try:
        return read_limited(path, len(data)) == data
    except FileProblem:
        return False


def write_outputs(files: dict[Path, bytes], inputs: Sequence[Path], force: bool,
                  unchanged_ok: Sequence[Path] = (), input_words: str = "one of its inputs"
                  ) -> None:
    """Write each file whole, after all of them passed `check_output`: a file that is refused
    leaves nothing written. The last one is the main output (a store after its sources).
    A file of `unchanged_ok` that already holds its bytes is left as it is (a source text
    copied before, or the very text an input reads)."""
    todo = {path: data for path, data in files.items()
            if not (path in unchanged_ok and _holds(path, data))}
    for path in todo:
        check_output(path, inputs, force, input_words=input_words)
    for path, data in todo.items():
        try:
            write_whole(path, data)
        except OSError as error:
            raise TimelineError(f"{_shown(path)}: cannot be written "
                                f"({error.strerror or error})", about="output") from None
