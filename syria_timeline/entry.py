"""The console entry point: settles Ctrl-C, closed pipes and encodings before any import.

Importing Typer and the tool takes most of a start-up; a Ctrl-C pressed during it must end
the program as quietly as one pressed later, so the handler is installed first, here, in a
module that imports nothing but the standard library's signal and sys.
"""

import os
import signal
import sys

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


def _interrupted(signum: int, frame: object) -> None:
    # No traceback, no cleanup to wait for: nothing is written to files given to the tool,
    # and what this run writes to stdout is complete or not started.
    os._exit(INTERRUPTED)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    if hasattr(signal, "SIGPIPE"):
        # `timeline list | head -1`: end quietly like any Unix filter when the reader leaves.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # UTF-8 whatever the locale
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    from syria_timeline.cli import main as run

    run()
