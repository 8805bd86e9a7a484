"""Arabic on any terminal: the three ways to show it, and the choice among them.

The oracle: a terminal that reorders by itself applies the Unicode Bidirectional Algorithm to
each line, brackets mirrored. Applied (python-bidi) to the `terminal` layout, with the
paragraph forced left to right and with its direction found from the text, it must give back
the `app` layout (letters unshaped: shaping is the font's job): straight borders, the date
column rightmost, every cell the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest
from bidi.algorithm import get_display
from helpers import invoke, on_terminal

from syria_timeline import arabic, query, terminals
from syria_timeline.arabic import shaped, visual
from syria_timeline.output import screens
from syria_timeline.output.layout import (
    EXPLICIT_BIDI,
    IMPLICIT_BIDI,
    LRM,
    MARKS_PER_CELL,
    PDF,
    RLE,
    RLM,
    Display,
)
from syria_timeline.store.loading import Store, load


@pytest.fixture(scope="module")
def store() -> Store:
    return load()


SCREENS: dict[str, Callable[[Store, Display], str]] = {
    "list": lambda s, d: screens.events_table(
        s, query.select(s, query.Filters(years=frozenset({2017}))), d),
    "list --ids --hijri": lambda s, d: screens.events_table(
        s, query.select(s, query.Filters(years=frozenset({2016}))), d, ids=True, hijri=True),
    "city": lambda s, d: screens.events_table(
        s, query.select(s, query.Filters(places=frozenset({"palmyra"}))), d,
        footer=screens.history_lines(s, s.places["palmyra"],
                                     query.control_history(s, "palmyra"),
                                     query.last_holders(s)["palmyra"], d.lang)),
    "show": lambda s, d: screens.event_detail(s, s.events.event(17), d),
    "summary": lambda s, d: screens.counts_table(
        query.summarize(s, query.Filters(), "place"), "place", d, bars=True),
    "places": lambda s, d: screens.places_table(
        s, query.event_counts(s)[0], query.counts_within(s, query.event_counts(s)[0]),
        query.last_holders(s), d),
}


def unshaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `app` mode reorder without shaping, as the oracle's terminal would see it."""
    class Identity:
        @staticmethod
        def reshape(text: str) -> str:
            return text

    monkeypatch.setattr(arabic, "_reshaper", lambda: Identity())


def as_a_terminal_shows(line: str, base: str | None) -> str:
    shown = get_display(line, base_dir=base) if base else get_display(line)
    # A terminal draws a haraka on the cell before it: in visual order it follows its letter.
    shown = arabic._marks_first().sub(r"\2\1", shown)
    return shown.replace(LRM, "").replace(RLM, "").replace(RLE, "").replace(PDF, "")


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("base", ["L", None], ids=["forced-ltr", "auto-paragraph"])
def test_the_terminals_own_reordering_gives_the_app_layout(
        name: str, width: int, lang: str, base: str | None, store: Store,
        monkeypatch: pytest.MonkeyPatch) -> None:
    draw = SCREENS[name]
    unshaped(monkeypatch)
    room = MARKS_PER_CELL  # the same layout both ways: only the text's order differs
    app = draw(store, Display(lang=lang, bidi="app", color=False, width=width,
                              room_for_marks=room))
    terminal = draw(store, Display(lang=lang, bidi="terminal", color=False, width=width,
                                   room_for_marks=room))
    assert LRM in terminal
    # Counting the marks as columns, as mlterm does when it wraps, every line still fits.
    assert all(sum(not unicodedata.combining(c) for c in line) <= width
               for line in terminal.split("\n"))
    reordered = [as_a_terminal_shows(line, base) for line in terminal.split("\n")]
    assert reordered == app.split("\n")


def test_the_app_layout_mirrors_arabic_tables(store: Store) -> None:
    table = SCREENS["list"](store, Display(lang="ar", bidi="app", color=False, width=120))
    header = table.splitlines()[1]
    assert header.rstrip(" │").endswith(visual("التاريخ"))  # the date column is rightmost
    off = SCREENS["list"](store, Display(lang="ar", bidi="off", color=False, width=120))
    assert off.splitlines()[1].startswith("│ التاريخ")  # logical: first, as pipes get it


def test_the_control_history_sits_right_aligned_under_an_rtl_table(store: Store) -> None:
    table = SCREENS["city"](store, Display(lang="ar", bidi="off", color=False, width=100))
    lines = table.splitlines()
    assert lines[-1] == "  تحت سيطرة الجيش السوري منذ 2 آذار 2017."  # logical: left
    shown = SCREENS["city"](store, Display(lang="ar", bidi="app", color=False, width=100))
    width = len(shown.splitlines()[0])
    assert all(len(line) == width for line in shown.splitlines()[-5:])
    # Right-aligned, and its indent is on the right too, where an Arabic line starts.
    assert shown.splitlines()[-1].endswith(visual("تحت سيطرة الجيش السوري منذ 2 آذار 2017.") + "  ")


def test_the_quote_keeps_its_harakat_on_screen(store: Store) -> None:
    raqqa = next(i for i in range(len(store.events)) if store.events.event(i).id
                 == "2017-10-17-raqqa")
    shown = screens.event_detail(store, store.events.event(raqqa),
                                 Display(lang="ar", bidi="app", color=False, width=100))
    assert "\u064b" in shown  # the tanween of قتيلاً
    assert re.search("[\ufe70-\ufeff]\u064b", shown)  # after its (shaped) letter


# --- choosing the mode ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "prefix", "terminal", "why"), terminals.DETECTION)
def test_each_terminal_in_the_table_gets_its_mode(name: str, prefix: str,
                                                  terminal: terminals.Terminal, why: str) -> None:
    assert terminals.detect({name: prefix or "1"}) == (terminal.mode, terminal.name)


def test_an_unknown_terminal_gets_app() -> None:
    assert terminals.detect({"TERM": "vt100"})[0] == "app"
    assert terminals.detect({})[0] == "app"


@pytest.mark.parametrize(("value", "mode"), [
    (None, "auto"), ("", "auto"), ("auto", "auto"), ("APP", "app"), ("terminal", "terminal"),
    ("off", "off"), ("runs", "runs"), ("1", "app"), ("0", "off"), ("true", "app"),
    ("no", "off")])
def test_the_words_a_mode_is_given_in(value: str | None, mode: str) -> None:
    assert terminals.chosen(value) == mode


def test_a_word_that_is_no_mode() -> None:
    with pytest.raises(ValueError):
        terminals.chosen("sideways")


ENVIRONMENTS: dict[str, tuple[dict[str, str], list[str], str]] = {
    "xterm": ({}, [], "app"),
    "VTE": ({"VTE_VERSION": "7003"}, [], "app"),
    "mlterm": ({"MLTERM": "3.9.3"}, [], "terminal"),
    "Konsole": ({"KONSOLE_VERSION": "221202"}, [], "terminal"),
    "Apple Terminal": ({"TERM_PROGRAM": "Apple_Terminal"}, [], "terminal"),
    "kitty": ({"KITTY_WINDOW_ID": "1", "TERM": "xterm-kitty"}, [], "runs"),
    "Windows Terminal": ({"WT_SESSION": "x"}, [], "app"),
    "tmux": ({"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen-256color"}, [], "app"),
    "Emacs": ({"INSIDE_EMACS": "29.1,comint", "TERM": "dumb"}, [], "terminal"),
    "unknown": ({"TERM": "vt220"}, [], "app"),
    "env beats auto": ({"VTE_VERSION": "7003", "TIMELINE_BIDI": "terminal"}, [], "terminal"),
    "old switch 1": ({"MLTERM": "3.9.3", "TIMELINE_BIDI": "1"}, [], "app"),
    "old switch 0": ({"TIMELINE_BIDI": "0"}, [], "off"),
    "option beats env": ({"TIMELINE_BIDI": "app"}, ["--bidi", "off"], "off"),
}


def mode_shown(raw: str) -> str:
    if "\x1b[8l" in raw:
        return "app"
    if LRM in raw or RLM in raw:
        return "terminal"
    header = raw.splitlines()[1]
    return "runs" if header.rstrip(" │\r\x1b[0m").endswith(shaped("التاريخ")) else "off"


@pytest.mark.parametrize("case", list(ENVIRONMENTS))
def test_the_mode_on_a_real_pseudo_terminal(case: str) -> None:
    env, args, mode = ENVIRONMENTS[case]
    raw, _ = on_terminal(["list", "--year", "2017", *args], 100, env=env)
    assert mode_shown(raw) == mode
    # Logical order where the terminal reorders (in joining forms for those that draw them
    # best so: Konsole, mlterm, VTE), else laid out by the tool.
    preshaped = ("mlterm", "Konsole", "env beats auto")  # the last: VTE told `terminal`
    logical = shaped("الجيش السوري") if case in preshaped else "الجيش السوري"
    assert (logical in raw) == (mode in ("terminal", "off"))


def test_term_dumb_gets_the_app_layout_without_any_escape() -> None:
    raw, _ = on_terminal(["list", "--year", "2017"], 100, env={"TERM": "dumb"})
    assert "\x1b" not in raw
    assert visual("الجيش السوري") in raw


def test_errors_on_a_terminal_are_readable_there() -> None:
    raw, _ = on_terminal(["show", "كوبانيي"], 100)
    assert visual("كوبانيي") in raw and "كوبانيي" not in raw
    logical, _ = on_terminal(["show", "كوبانيي"], 100, env={"MLTERM": "3.9.3"})
    assert shaped("كوبانيي") in logical  # logical order, in the joining forms mlterm draws best


def test_a_bad_mode_is_a_usage_error() -> None:
    result = invoke("list", "--bidi", "sideways")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --bidi: sideways is not a mode; accepted: auto, app, "
                             "terminal, runs, off (1 and 0 mean app and off)\n")



def test_brackets_are_mirrored_in_right_to_left_text() -> None:
    shown = visual("2 آذار 2017: الجيش السوري (من تنظيم الدولة)")
    assert shown.index("(") < shown.index(")")  # drawn as ( … ) on screen, not ) … (


@pytest.mark.parametrize(("environ", "cells"), [({"MLTERM": "3.9.0"}, 1), ({}, 2),
                                                ({"KONSOLE_VERSION": "221202"}, 2),
                                                ({"KITTY_WINDOW_ID": "1"}, 2)])
def test_lam_alef_takes_the_cells_the_terminal_gives_it(environ: dict[str, str], cells: int
                                                        ) -> None:
    assert terminals.lam_alef_cells(environ) == cells


def test_runs_mode_is_the_app_layout_with_each_word_turned_back(store: Store) -> None:
    """kitty turns each run of Arabic (a word and the punctuation on it) around itself."""
    app = SCREENS["city"](store, Display(lang="ar", bidi="app", color=False, width=120))
    runs = SCREENS["city"](store, Display(lang="ar", bidi="runs", color=False, width=120))
    assert kitty(runs) == app.replace(EXPLICIT_BIDI, "").replace(IMPLICIT_BIDI, "").splitlines()
    assert shaped("السوري") + " " + shaped("الجيش") in runs  # words in visual order
    assert LRM not in runs and RLE not in runs


def kitty(text: str) -> list[str]:
    """What kitty draws: from the digits and punctuation before an Arabic letter to the next
    space, turned around and its brackets mirrored (seen on kitty 0.26.5: `20و` sent is
    drawn `و02`, `(المرصد` as `المرصد)`); a group of digits with no letter (`3،250`) is left as
    it is."""
    mirrored = str.maketrans("()", ")(")
    return [re.sub(r"[^\sA-Za-z]*[\ufb50-\ufdff\ufe70-\ufefc]\S*",
                   lambda word: word[0][::-1].translate(mirrored), line)
            for line in text.splitlines()]


def test_runs_mode_turns_digits_glued_to_a_word_with_it() -> None:
    from syria_timeline.output.layout import Column, render_table

    cells = [["12 قتيلاً، تقديرات بين 10 و20"]]
    app, runs = (render_table(Display(lang="ar", bidi=mode, color=False, width=80),
                              [Column(header="", flexible=True)], cells, heading=False)
                 for mode in ("app", "runs"))
    assert "20" + shaped("و") in app  # "and 20", laid out right to left
    assert shaped("و") + "02" in runs  # sent turned, for kitty to turn back
    assert kitty(runs) == app.splitlines()
