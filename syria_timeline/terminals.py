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

Inside a multiplexer (tmux, GNU screen) the variables are those of whichever terminal started
its server, perhaps long ago, and `CSI 8 l` does not get through. So the terminal outside is
looked for where the multiplexer keeps it (tmux: the process environment of the client
attached now, then the terminal's own answer to XTVERSION), and what it needs is written:
logical text for a terminal that reorders by itself, the tool's own layout for one that does
not. `CSI 8 l` is never sent through tmux's passthrough, even where `allow-passthrough` is
on: tmux draws the lines later than the passthrough arrives, so the mode is back before they
are drawn (seen in sakura: every line reversed).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import NamedTuple

MODES = ("auto", "app", "terminal", "runs", "off")
# Old switch values, kept working: 1 = app, 0 = off.
ALIASES = {"1": "app", "true": "app", "yes": "app", "on": "app",
           "0": "off", "false": "off", "no": "off"}


class Terminal(NamedTuple):
    """A terminal, the mode it needs and how it draws what the layout cannot choose."""

    name: str
    mode: str
    harakat: bool = True  # draws a haraka on its own letter (kitty, Alacritty: one letter off)
    mirrors: bool = True  # mirrors brackets in right-to-left text when it reorders (Konsole: no)
    lam_alef_cells: int = 2  # cells لا takes when the terminal shapes it itself (mlterm: 1)
    explicit: bool = False  # honours CSI 8 l (VTE): the tool's layout is shown as it is
    # Given logical text, draws it best already shaped (presentation forms): Konsole leaves a
    # gap in لا, mlterm drops the tanween of لاً, VTE does not join لا; shaped, all three are
    # right, and لا takes one cell everywhere.
    preshape: bool = False
    # Counts invisible marks as columns (mlterm): behind a multiplexer, which does not, the
    # marks of `terminal` mode push rows past the edge.
    marks_take_columns: bool = False


XTERM = Terminal("xterm and terminals that call themselves xterm", "app")
VTE = Terminal("GNOME Terminal, Tilix, sakura, xfce4-terminal (VTE)", "app", explicit=True,
               preshape=True)
MLTERM = Terminal("mlterm", "terminal", lam_alef_cells=1, preshape=True,
                  marks_take_columns=True)
KONSOLE = Terminal("Konsole", "terminal", mirrors=False, preshape=True)
KITTY = Terminal("kitty", "runs", harakat=False)
ALACRITTY = Terminal("Alacritty", "app", harakat=False)
UNKNOWN = Terminal("a terminal nothing identifies", "app")

# (variable, value it must start with or "" for any, terminal, why)
DETECTION: tuple[tuple[str, str, Terminal, str], ...] = (
    ("INSIDE_EMACS", "", Terminal("Emacs (shell, term)", "terminal"),
     "Emacs reorders every buffer"),
    ("MLTERM", "", MLTERM, "reorders by itself and ignores CSI 8 l"),
    ("KONSOLE_VERSION", "", KONSOLE, "reorders by itself (BiDi rendering on by default)"),
    ("TERM_PROGRAM", "Apple_Terminal", Terminal("Apple Terminal", "terminal"),
     "reorders by itself"),
    ("VTE_VERSION", "", VTE, "VTE honours CSI 8 l: the tool's own layout is shown as is"),
    ("KITTY_WINDOW_ID", "", KITTY, "turns each right-to-left run around itself; draws "
     "directional marks as glyphs"),
    ("WT_SESSION", "", Terminal("Windows Terminal", "app"), "does not reorder"),
    ("TERM_PROGRAM", "WezTerm", Terminal("WezTerm", "app"), "does not reorder (bidi off by "
     "default)"),
    ("TERM_PROGRAM", "iTerm.app", Terminal("iTerm2", "app"), "RTL is behind a preference, "
     "off by default"),
    ("TERM_PROGRAM", "vscode", Terminal("VS Code (xterm.js)", "app"), "does not reorder"),
    ("TERM_PROGRAM", "ghostty", Terminal("Ghostty", "app"), "does not reorder"),
    ("ALACRITTY_WINDOW_ID", "", ALACRITTY, "does not reorder; draws harakat one letter off"),
    ("TERM", "alacritty", ALACRITTY, "does not reorder; draws harakat one letter off"),
    ("TERM", "xterm", XTERM, "xterm does not reorder"),
)
# A terminal's answer to XTVERSION, which tmux keeps as `client_termtype`.
VERSION_ANSWERS = (("XTerm(", XTERM), ("kitty(", KITTY), ("alacritty", ALACRITTY),
                   ("mlterm", MLTERM), ("Konsole", KONSOLE), ("VTE", VTE))
# Variables a multiplexer sets inside itself; they say nothing of the terminal outside.
MULTIPLEXER_VARIABLES = ("TMUX", "STY")


class Choice(NamedTuple):
    """What auto (or an explicit mode) comes to on this terminal."""

    mode: str
    terminal: Terminal
    via: str = ""  # "tmux" or "screen" when a multiplexer sits between


def chosen(value: str | None) -> str:
    """The mode a user asked for (`--bidi` or TIMELINE_BIDI), `auto` when nothing was said."""
    if value is None or not value.strip():
        return "auto"
    word = value.strip().lower()
    word = ALIASES.get(word, word)
    if word not in MODES:
        raise ValueError(word)
    return word


def identify(environ: Mapping[str, str]) -> Terminal | None:
    """The terminal its own variables name, or None."""
    for name, prefix, terminal, _ in DETECTION:
        value = environ.get(name)
        if value is not None and value.startswith(prefix):
            return terminal
    return None


def detect(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The mode for this terminal and the name of the terminal that decided it."""
    choice = choose(environ)
    return choice.mode, choice.terminal.name


def choose(environ: Mapping[str, str] | None = None, value: str | None = None,
           tmux: Callable[[], TmuxQuery | None] | None = None) -> Choice:
    """The terminal at hand and the mode it gets: `value` if one was asked for, else auto."""
    env = os.environ if environ is None else environ
    mode = chosen(value)
    if "TMUX" in env:
        choice = _behind_multiplexer(_outside_tmux(env, tmux or ask_tmux), "tmux")
    elif "STY" in env:
        choice = _behind_multiplexer(identify(env), "screen")
    else:
        terminal = identify(env) or UNKNOWN
        choice = Choice(terminal.mode, terminal)
    return choice if mode == "auto" else choice._replace(mode=mode)


def _behind_multiplexer(outer: Terminal | None, via: str) -> Choice:
    """Through tmux or screen: the multiplexer redraws each line as it got it.

    A terminal that reorders by itself reorders it again, so it gets logical text (VTE too: no
    `CSI 8 l` gets through in time); mlterm, which counts the marks as columns where the multiplexer
    does not, gets logical text with no marks at all. When nothing says what is outside,
    `app`: the most common pairing is tmux in a terminal that does not reorder (xterm-likes,
    Alacritty, WezTerm, iTerm2…).
    """
    terminal = outer or Terminal(f"{via}, the terminal outside unknown", "app")
    if terminal.marks_take_columns:  # logical text with no marks: each line reads right
        return Choice("off", terminal, via)
    if terminal.explicit:
        return Choice("terminal", terminal, via)
    return Choice(terminal.mode, terminal, via)


class TmuxQuery(NamedTuple):
    """What tmux says of the client attached now (its process and terminal)."""

    client_environ: Mapping[str, str]
    termtype: str


def _outside_tmux(env: Mapping[str, str], ask: Callable[[], TmuxQuery | None]
                  ) -> Terminal | None:
    answer = ask()
    if answer is not None:
        found = identify(answer.client_environ) if answer.client_environ else None
        if found is None:
            found = next((t for prefix, t in VERSION_ANSWERS
                          if answer.termtype.startswith(prefix)), None)
        if found is not None:
            return found
    # The variables tmux's server inherited: right when the same terminal started it.
    outer = {k: v for k, v in env.items() if k not in MULTIPLEXER_VARIABLES}
    outer.pop("TERM", None)  # tmux's own (screen…, tmux…)
    return identify(outer)


def ask_tmux() -> TmuxQuery | None:
    """Ask tmux about the client of this pane's session; None if tmux does not answer."""
    import subprocess  # here: only a run inside tmux pays for it
    try:
        shown = subprocess.run(
            ["tmux", "display-message", "-p",
             "#{client_pid}\t#{client_termtype}"],
            capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    parts = shown.stdout.rstrip("\n").split("\t")
    if shown.returncode != 0 or len(parts) != 2:
        return None
    pid, termtype = parts
    return TmuxQuery(_process_environ(pid), termtype)


def _process_environ(pid: str) -> dict[str, str]:
    """Another process's environment (Linux /proc; the client runs as the same user)."""
    try:
        raw = open(f"/proc/{int(pid)}/environ", "rb").read()  # noqa: SIM115
    except (OSError, ValueError):
        return {}
    pairs = (item.decode("utf-8", "replace").partition("=") for item in raw.split(b"\0"))
    return {name: value for name, _, value in pairs if name}


def resolve(value: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`app`, `terminal`, `runs` or `off`: what `auto` (or an explicit choice) means here."""
    return choose(environ, value).mode


def lam_alef_cells(environ: Mapping[str, str] | None = None) -> int:
    """How many cells لا takes on this terminal when it is sent as two letters."""
    return choose(environ).terminal.lam_alef_cells
