"""Shared helpers: the CLI in-process (CliRunner) and as a real process, on a real terminal.

Imported by the tests and by docs/screenshot.py; fixtures live in conftest.py.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyte
from typer.testing import CliRunner

from syria_timeline.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "data" / "events.json"
SOURCE = ROOT / "data" / "sources" / "afp-2018-05-21-isis-defeats-syria.ar.txt"


def bundled() -> dict[str, Any]:
    return json.loads(STORE.read_text(encoding="utf-8"))


def event(document: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in document["events"] if e["id"] == event_id)


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    """Run the CLI in-process; stdout and stderr apart."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test's environment without the tool's own settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env.pop("NO_COLOR", None)
    return {**env, **(extra or {})}


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
        stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m syria_timeline` as a real process (entry point, packaged data, encoding)."""
    return subprocess.run([sys.executable, "-m", "syria_timeline", *args], capture_output=True,
                          env=clean_env(env), cwd=cwd or ROOT, input=stdin, timeout=timeout)


def on_terminal(args: list[str], columns: int, env: dict[str, str] | None = None
                ) -> tuple[str, pyte.Screen]:
    """Run on a real pseudo-terminal of the given width; raw output and the screen it draws."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of `columns` columns
        os.environ.pop("NO_COLOR", None)
        os.environ.update({"COLUMNS": str(columns), "LINES": "200", "TERM": "xterm-256color",
                           **(env or {})})
        os.execv(sys.executable, [sys.executable, "-m", "syria_timeline", *args])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 200, columns, 0, 0))
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    raw = b"".join(chunks).decode("utf-8")
    screen = pyte.Screen(columns, 200)
    pyte.Stream(screen).feed(raw.replace("\n", "\r\n") if "\r\n" not in raw else raw)
    return raw, screen


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the command line `words` (Typer's completion protocol)."""
    full = clean_env({"_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": words,
                      "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
                      **(env or {})})
    script = "import sys; from syria_timeline.entry import main; sys.argv[0] = 'timeline'; main()"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=full,
                            cwd=ROOT, timeout=60)
    return [line for line in result.stdout.decode().splitlines() if line]
