"""The console entry point: settles Ctrl-C, pipes, encodings and stderr before any import.

Importing Typer and the tool takes most of a start-up; a Ctrl-C pressed during it must end
the program as quietly as one pressed later, so the handler is installed first, here, in a
module that imports only the standard library's lightest parts and `errors`.
"""

import gc

# Start-up makes tens of thousands of objects that live as long as the process (modules,
# functions, classes); the collector would walk them again and again for nothing (a tenth of
# the start-up). It is off until they are all made, then they are frozen out of its sight
# (`main`), which also spares them the collection at exit.
gc.disable()

import _signal  # type: ignore[import-not-found]  # noqa: E402  # C module: `signal` first builds enums (ms)
import os  # noqa: E402

from syria_timeline.errors import INTERRUPTED  # noqa: E402


def _interrupted(signum: int, frame: object) -> None:
    # During start-up there is nothing to clean up and no traceback to show; once a command
    # runs, the CLI unwinds it first (cli/app.py, TimelineGroup.invoke), and switches a
    # terminal left in explicit bidi mode back.
    os._exit(INTERRUPTED)


# At import, before anything else is imported: this module is only ever run as the program.
_signal.signal(_signal.SIGINT, _interrupted)

import signal  # noqa: E402
import sys  # noqa: E402
from typing import Any, TextIO  # noqa: E402

from syria_timeline.errors import visible  # noqa: E402


class VisibleStream:
    """stderr that shows control characters instead of obeying them.

    Click's own messages echo what was typed (`Got unexpected extra argument …`); through
    this wrapper no escape sequence in them reaches the terminal.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.underlying = stream  # for text already made safe and laid out (output.people)

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # `timeline list | head -1`: end quietly like any Unix filter when the reader leaves.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # UTF-8 whatever the locale
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if sys.stderr is not None:
        sys.stderr = VisibleStream(sys.stderr)
    if sys.stdout is None:  # started with `>&-`: whatever the command, it cannot answer
        print("Error: standard output is closed; nothing can be written", file=sys.stderr)
        sys.exit(1)
    from syria_timeline.cli.app import main as run

    gc.freeze()
    gc.enable()
    run()
