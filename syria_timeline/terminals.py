"""Which way to show Arabic on the terminal at hand, from what the terminal says about itself.

Four ways (`--bidi`, `TIMELINE_BIDI`):

- `app`: the tool shapes and reorders each line itself, and says so with `CSI 8 l` (explicit
  BiDi mode) so that a terminal that implements it does not reorder a second time;
- `terminal`: for terminals that apply the Unicode Bidirectional Algorithm to each line: the
  text stays logical, and directional marks hold the borders and cells in place;
- `runs`: for terminals that turn each run of right-to-left text around by themselves but
  apply no algorithm across a line (kitty): the table mirrored, its cells logical, no marks
  (kitty draws them as glyphs);
- `off`: logical text as it is (what pipes always get).

`auto` picks one from the environment, by the table below (README: Arabic on screen). The
first variable found decides; a terminal nothing identifies gets `app`, which is right for
every terminal that does not reorder (most of them).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

MODES = ("auto", "app", "terminal", "runs", "off")
# Old switch values, kept working: 1 = app, 0 = off.
ALIASES = {"1": "app", "true": "app", "yes": "app", "on": "app",
           "0": "off", "false": "off", "no": "off"}

# (variable, value it must start with or "" for any, mode, terminal, why)
DETECTION = (
    ("INSIDE_EMACS", "", "terminal", "Emacs (shell, term)", "Emacs reorders every buffer"),
    ("MLTERM", "", "terminal", "mlterm", "reorders by itself and ignores CSI 8 l"),
    ("KONSOLE_VERSION", "", "terminal", "Konsole", "reorders by itself (BiDi rendering on by "
     "default)"),
    ("TERM_PROGRAM", "Apple_Terminal", "terminal", "Apple Terminal", "reorders by itself"),
    ("VTE_VERSION", "", "app", "GNOME Terminal, Tilix, sakura, xfce4-terminal (VTE)",
     "VTE honours CSI 8 l: the tool's own layout is shown as is"),
    ("KITTY_WINDOW_ID", "", "runs", "kitty", "turns each right-to-left run around itself; "
     "draws directional marks as glyphs"),
    ("WT_SESSION", "", "app", "Windows Terminal", "does not reorder"),
    ("TERM_PROGRAM", "WezTerm", "app", "WezTerm", "does not reorder (bidi off by default)"),
    ("TERM_PROGRAM", "iTerm.app", "app", "iTerm2", "RTL is behind a preference, off by default"),
    ("TERM_PROGRAM", "vscode", "app", "VS Code (xterm.js)", "does not reorder"),
    ("TERM_PROGRAM", "ghostty", "app", "Ghostty", "does not reorder"),
    ("ALACRITTY_WINDOW_ID", "", "app", "Alacritty", "does not reorder"),
    ("TMUX", "", "app", "tmux", "passes lines through; the terminal outside is unknown"),
    ("TERM", "xterm", "app", "xterm and terminals that call themselves xterm",
     "xterm does not reorder"),
)


# Terminals that draw lam-alef (لا) as one cell when they shape logical text themselves.
LAM_ALEF_IN_ONE_CELL = ("MLTERM",)


def lam_alef_cells(environ: Mapping[str, str] | None = None) -> int:
    """How many cells لا takes on this terminal when it is sent as two letters."""
    env = os.environ if environ is None else environ
    return 1 if any(name in env for name in LAM_ALEF_IN_ONE_CELL) else 2


def chosen(value: str | None) -> str:
    """The mode a user asked for (`--bidi` or TIMELINE_BIDI), `auto` when nothing was said."""
    if value is None or not value.strip():
        return "auto"
    word = value.strip().lower()
    word = ALIASES.get(word, word)
    if word not in MODES:
        raise ValueError(word)
    return word


def detect(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The mode for this terminal and the name of the terminal that decided it."""
    env = os.environ if environ is None else environ
    for name, prefix, mode, terminal, _ in DETECTION:
        value = env.get(name)
        if value is not None and value.startswith(prefix):
            return mode, terminal
    return "app", "a terminal nothing identifies"


def resolve(value: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`app`, `terminal` or `off`: what `auto` (or an explicit choice) means here."""
    mode = chosen(value)
    return detect(environ)[0] if mode == "auto" else mode
