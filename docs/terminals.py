"""Screenshots of `timeline` in real terminals, for the README's "Arabic on screen" matrix.

Run by hand on a Debian machine, after installing the terminals and a virtual screen:

    apt-get install -y xvfb xterm mlterm sakura konsole kitty imagemagick fonts-dejavu-core
    .venv/bin/python docs/terminals.py [COMMAND WORDS...]

Each terminal is started on its own Xvfb screen with its default settings, runs the tool from
this checkout with `--bidi` left to `auto` (the terminal's own variables decide), and the
screen is saved as docs/terminals/<terminal>.png. Look at every picture before trusting it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "terminals"
FONT = "DejaVu Sans Mono"
# name: the command line that starts the terminal running SCRIPT, 100 columns wide.
TERMINALS = {
    "xterm": ["xterm", "-fa", FONT, "-fs", "11", "-geometry", "100x34+0+0", "-e", "SCRIPT"],
    "vte-sakura": ["sakura", "--font", f"{FONT} 11", "--columns", "100", "--rows", "34",
                   "-x", "SCRIPT"],
    "mlterm": ["mlterm", "--deffont", FONT, "-w", "15", "-g", "100x34+0+0", "-e", "SCRIPT"],
    "konsole": ["konsole", "--hide-menubar", "--hide-tabbar", "-p", f"Font={FONT},11",
                "-p", "TerminalColumns=100", "-p", "TerminalRows=34", "-e", "SCRIPT"],
    "kitty": ["kitty", "-o", f"font_family={FONT}", "-o", "font_size=11",
              "-o", "initial_window_width=100c", "-o", "initial_window_height=34c", "SCRIPT"],
}


def shoot(name: str, command: list[str], words: list[str], display: int) -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch, "run.sh")
        script.write_text(
            "#!/bin/sh\n"
            f'cd "{ROOT}"\n'
            f'PYTHONPATH="{ROOT}" "{sys.executable}" -m syria_timeline {" ".join(words)}\n'
            "sleep 30\n", encoding="utf-8")
        script.chmod(0o755)
        screen = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1100x760x24"],
                                  stderr=subprocess.DEVNULL)
        env = {**os.environ, "DISPLAY": f":{display}", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "LIBGL_ALWAYS_SOFTWARE": "1", "QT_QPA_PLATFORM": "xcb"}
        for key in ("TIMELINE_BIDI", "VTE_VERSION", "MLTERM", "TERM", "COLUMNS", "LINES"):
            env.pop(key, None)
        time.sleep(1.5)
        argv = [str(script) if part == "SCRIPT" else part for part in command]
        terminal = subprocess.Popen(argv, env=env, stderr=subprocess.DEVNULL)
        time.sleep(10)
        OUT.mkdir(exist_ok=True)
        picture = OUT / f"{name}.png"
        subprocess.run(["import", "-window", "root", "-display", f":{display}", str(picture)],
                       check=True)
        terminal.kill()
        screen.kill()
        return picture


SHOTS = {"list": ["list", "--year", "2017", "--limit", "4"], "city": ["city", "تدمر"]}


def main() -> None:
    shots = {"custom": sys.argv[1:]} if sys.argv[1:] else SHOTS
    number = 90
    for name, command in TERMINALS.items():
        if shutil.which(command[0]) is None:
            print(f"{name}: not installed, skipped")
            continue
        for shot, words in shots.items():
            number += 1
            print(shoot(f"{name}-{shot}", command, words, number))


if __name__ == "__main__":
    main()
