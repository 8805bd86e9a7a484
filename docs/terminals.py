"""Screenshots of `timeline` in real terminals and multiplexers, for the README's "Arabic on screen".

Run by hand on a Debian machine, after installing the terminals and a virtual screen:

    apt-get install -y xvfb xterm sakura konsole mlterm kitty alacritty tmux screen \\
        imagemagick fonts-dejavu-core
    .venv/bin/python docs/terminals.py                 # every terminal, every shot
    .venv/bin/python docs/terminals.py kitty konsole   # some terminals
    .venv/bin/python docs/terminals.py --shot error    # some shots

Each terminal is started on its own Xvfb screen with its default settings and runs one shot:
the tool from this checkout with `--bidi` left to `auto` (the terminal's own variables decide)
and the locale C.UTF-8 (Arabic shots set LANG=ar_SY.UTF-8 themselves). The screen is saved as
docs/terminals/<terminal>-<shot>.png, cut to the window and in 8-bit colour (small files).
Look at every picture before trusting it.
"""

from __future__ import annotations

import argparse
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
COLUMNS, ROWS = 100, 34
GEOMETRY = f"{COLUMNS}x{ROWS}"
# name: the command line that starts the terminal running SCRIPT.
TERMINALS: dict[str, list[str]] = {
    "xterm": ["xterm", "-fa", FONT, "-fs", "11", "-geometry", f"{GEOMETRY}+0+0", "-e", "SCRIPT"],
    "vte-sakura": ["sakura", "--font", f"{FONT} 11", "--columns", str(COLUMNS), "--rows",
                   str(ROWS), "-x", "SCRIPT"],
    "mlterm": ["mlterm", "--deffont", FONT, "-w", "15", "-g", f"{GEOMETRY}+0+0", "-e", "SCRIPT"],
    "konsole": ["konsole", "--hide-menubar", "--hide-tabbar", "-p", f"Font={FONT},11",
                "-p", f"TerminalColumns={COLUMNS}", "-p", f"TerminalRows={ROWS}", "-e", "SCRIPT"],
    "kitty": ["kitty", "-o", f"font_family={FONT}", "-o", "font_size=11",
              "-o", f"initial_window_width={COLUMNS}c", "-o", f"initial_window_height={ROWS}c",
              "SCRIPT"],
    "alacritty": ["alacritty", "-o", f"font.normal.family='{FONT}'", "-o", "font.size=11",
                  "-o", f"window.dimensions.columns={COLUMNS}",
                  "-o", f"window.dimensions.lines={ROWS}", "-e", "SCRIPT"],
}
# Multiplexers: the outer terminal, and the command that runs SCRIPT inside the multiplexer
# (a server of its own, so that no earlier server's variables leak in).
MULTIPLEXED: dict[str, tuple[str, list[str]]] = {
    "tmux-in-vte": ("vte-sakura", ["tmux", "-L", "shots", "-f", "/dev/null", "new-session",
                                   "MUXSCRIPT"]),
    # tmux's passthrough on: the tool sends VTE CSI 8 l through it and lays the text out itself.
    "tmux-in-vte-passthrough": ("vte-sakura", [
        "tmux", "-L", "shots", "-f", "/dev/null", "start-server", "\\;", "set", "-g",
        "allow-passthrough", "on", "\\;", "new-session", "MUXSCRIPT"]),
    "tmux-in-xterm": ("xterm", ["tmux", "-L", "shots", "-f", "/dev/null", "new-session",
                                "MUXSCRIPT"]),
    "tmux-in-konsole": ("konsole", ["tmux", "-L", "shots", "-f", "/dev/null", "new-session",
                                    "MUXSCRIPT"]),
    "tmux-in-mlterm": ("mlterm", ["tmux", "-L", "shots", "-f", "/dev/null", "new-session",
                                  "MUXSCRIPT"]),
    "screen-in-vte": ("vte-sakura", ["screen", "-S", "shots", "MUXSCRIPT"]),
}
# shot: (environment, the tool's arguments). A fixed set: a table, one event, an error with an
# Arabic suggestion, the help.
ARABIC = {"LANG": "ar_SY.UTF-8", "LANGUAGE": "ar"}
SHOTS: dict[str, tuple[dict[str, str], list[str]]] = {
    "list": ({}, ["list", "--year", "2017", "--limit", "4"]),
    "show": ({}, ["show", "2017-10-17-raqqa"]),
    "error": ({}, ["city", "الرقه2"]),
    "help": (ARABIC, ["city", "--help"]),
}


def _script(folder: Path, env: dict[str, str], words: list[str], wrapper: list[str] | None
            ) -> Path:
    """The shell script the terminal runs: the tool, then a pause for the picture."""
    venv = ROOT / ".venv" / "bin" / "timeline"  # the checkout's own install, data included
    tool = f'"{venv}"' if venv.exists() else f'"{sys.executable}" -m syria_timeline'
    settings = " ".join(f"{k}={v}" for k, v in env.items())
    inner = folder / "inner.sh"
    inner.write_text("#!/bin/sh\n"
                     f'cd "{ROOT}"\n'
                     f"export PYTHONPATH='{ROOT}' {settings}\n"
                     f"{tool} {' '.join(_quoted(w) for w in words)}\n"
                     "sleep 60\n", encoding="utf-8")
    inner.chmod(0o755)
    if wrapper is None:
        return inner
    outer = folder / "outer.sh"
    command = " ".join(str(inner) if w == "MUXSCRIPT" else w for w in wrapper)
    outer.write_text(f"#!/bin/sh\nexec {command}\n", encoding="utf-8")
    outer.chmod(0o755)
    return outer


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def shoot(name: str, command: list[str], script: Path, display: int, picture: Path) -> None:
    screen = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1100x760x24"],
                              stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": f":{display}", "LANG": "C.UTF-8", "LC_ALL": "",
           "LIBGL_ALWAYS_SOFTWARE": "1", "QT_QPA_PLATFORM": "xcb"}
    # Nothing of the terminal this script runs in: each terminal sets its own variables.
    for key in ("TIMELINE_BIDI", "TIMELINE_LANG", "VTE_VERSION", "MLTERM", "TERM", "COLUMNS",
                "LINES", "TMUX", "TMUX_PANE", "STY", "KITTY_WINDOW_ID", "KONSOLE_VERSION",
                "ALACRITTY_WINDOW_ID", "TERM_PROGRAM", "LC_ALL", "LANGUAGE"):
        env.pop(key, None)
    time.sleep(1.5)
    argv = [str(script) if part == "SCRIPT" else part for part in command]
    terminal = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(12)
        window = _window(display)
        subprocess.run(["import", "-window", window or "root", "-display", f":{display}",
                        f"png8:{picture}"], check=True)
    finally:
        os.killpg(terminal.pid, 9)
        terminal.wait()
        subprocess.run(["tmux", "-L", "shots", "kill-server"], stderr=subprocess.DEVNULL,
                       check=False)
        subprocess.run(["screen", "-S", "shots", "-X", "quit"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        screen.kill()
        screen.wait()


def _window(display: int) -> str | None:
    """The terminal's own window, so that the picture has no empty screen around it."""
    if shutil.which("xdotool") is None:
        return None
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."],
                           capture_output=True, text=True, env={**os.environ,
                                                                "DISPLAY": f":{display}"},
                           check=False)
    ids = found.stdout.split()
    return ids[-1] if ids else None


def main() -> None:
    global ROOT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("terminals", nargs="*", help="terminals to run (default: all)")
    parser.add_argument("--shot", action="append", choices=list(SHOTS),
                        help="shots to take (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the pictures")
    parser.add_argument("--checkout", type=Path, default=HERE.parent, help="the checkout to run")
    options = parser.parse_args()
    ROOT = options.checkout.resolve()
    everything = [*TERMINALS, *MULTIPLEXED]
    chosen = options.terminals or everything
    options.out.mkdir(parents=True, exist_ok=True)
    number = 90
    for name in chosen:
        outer, wrapper = MULTIPLEXED.get(name, (name, None))
        command = TERMINALS[outer]
        if shutil.which(command[0]) is None or (wrapper and shutil.which(wrapper[0]) is None):
            print(f"{name}: not installed, skipped")
            continue
        for shot in options.shot or list(SHOTS):
            env, words = SHOTS[shot]
            number += 1
            picture = options.out / f"{name}-{shot}.png"
            with tempfile.TemporaryDirectory() as folder:
                shoot(name, command, _script(Path(folder), env, words, wrapper), number, picture)
            print(picture, flush=True)


if __name__ == "__main__":
    main()
