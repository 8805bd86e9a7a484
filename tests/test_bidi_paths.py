"""Everything a person reads takes one path: messages, help and tables alike, on stdout and
stderr, in the terminal's mode; multiplexers; each terminal's drawing quirks; the Arabic interface.

The terminal models are those seen on real windows (docs/terminals.py, README: Arabic on screen).
"""

from __future__ import annotations

import os

import pytest
from helpers import invoke, on_terminal, run

from syria_timeline import terminals
from syria_timeline.arabic import shaped, visual
from syria_timeline.errors import visible
from syria_timeline.output import i18n, people, screens
from syria_timeline.output.layout import Column, Display, render_table
from syria_timeline.terminals import TmuxQuery, choose

EXPLICIT, IMPLICIT = "\x1b[8l", "\x1b[8h"


# --- one path: stderr and help as tables -----------------------------------------------------------


@pytest.mark.slow
def test_an_error_on_vte_is_laid_out_and_switched_on_stderr() -> None:
    raw, _ = on_terminal(["city", "الرقه2"], 100, env={"VTE_VERSION": "7006"})
    assert raw.startswith(EXPLICIT) and raw.rstrip("\r\n").endswith(IMPLICIT)
    assert visual("الرقة") in raw and "الرقة" not in raw


@pytest.mark.slow
@pytest.mark.parametrize("args", [["city", "الرقه2", "--bidi", "off"],
                                  ["--bidi", "off", "city", "الرقه2"]],
                         ids=["on-the-subcommand", "global"])
def test_bidi_reaches_error_messages(args: list[str]) -> None:
    raw, _ = on_terminal(args, 100, env={"VTE_VERSION": "7006"})
    assert "\x1b" not in raw and "الرقه2" in raw


@pytest.mark.slow
def test_help_is_laid_out_for_the_terminal() -> None:
    raw, _ = on_terminal(["list", "--help"], 100, env={"TERM": "xterm-256color"})
    assert EXPLICIT in raw and visual("روسي") in raw
    piped = invoke("list", "--help").stdout
    assert "spelling: روسي finds" in piped and "\x1b" not in piped  # logical, as typed


def test_a_bad_timeline_bidi_names_the_variable() -> None:
    result = invoke("list", env={"TIMELINE_BIDI": "sideways"})
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: TIMELINE_BIDI: sideways is not a mode")
    typed = invoke("list", "--bidi", "sideways", env={"TIMELINE_BIDI": "app"})
    assert typed.stderr.startswith("Error: --bidi: sideways is not a mode")


def test_help_lists_every_mode_at_the_top_and_on_commands() -> None:
    for args in (["--help"], ["list", "--help"]):
        text = " ".join(invoke(*args).stdout.split())
        assert all(f"{mode} (" in text for mode in ("auto", "app", "terminal", "runs", "off"))


@pytest.mark.parametrize("byte", [0x80, 0xAB, 0xFF])
def test_bytes_of_a_name_that_are_not_utf8_are_shown_as_bytes(byte: int) -> None:
    name = os.fsdecode(b"/tmp/x" + bytes([byte]) + b".json")
    assert visible(name) == f"/tmp/x\\x{byte:02x}.json"
    assert visible("\ud800") == "\\ud800"  # a lone surrogate that stands for no byte


@pytest.mark.slow
def test_no_surrogate_escape_under_a_legacy_locale() -> None:
    result = run("--data", os.fsdecode(b"/nonexistent/\xff.json"), "list",
                 env={"LANG": "C", "LC_ALL": "C"})
    assert result.stderr == b"Error: /nonexistent/\\xff.json: no such file\n"


def test_ctrl_c_switches_the_terminal_back(tmp_path: object) -> None:
    read, write = os.pipe()
    people._SWITCHED[write] = IMPLICIT  # as `written` leaves it mid-write
    people.restore_now()
    os.close(write)
    assert os.read(read, 100) == IMPLICIT.encode()
    assert people._SWITCHED == {}


# --- multiplexers ----------------------------------------------------------------------------------


def tmux_says(client: dict[str, str], termtype: str = "") -> object:
    return lambda: TmuxQuery(client, termtype)


STALE_VTE = {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color", "VTE_VERSION": "7006"}


@pytest.mark.parametrize(("env", "tmux", "mode", "name"), [
    # The client attached now is what counts, not the variables the server was started with.
    (STALE_VTE, tmux_says({"TERM": "xterm", "XTERM_VERSION": "XTerm(379)"}, "XTerm(379)"),
     "app", terminals.XTERM.name),
    (STALE_VTE, tmux_says({"KONSOLE_VERSION": "221203"}), "terminal", "Konsole"),
    (STALE_VTE, tmux_says({}, "kitty(0.26.5)"), "runs", "kitty"),
    # mlterm counts marks as columns, tmux does not: logical text with no marks.
    (STALE_VTE, tmux_says({"MLTERM": "3.9.0"}), "off", "mlterm"),
    # VTE outside: CSI 8 l does not get through in time (not even by tmux's passthrough, seen:
    # tmux draws the lines after the switch back), so logical text.
    (STALE_VTE, tmux_says({"VTE_VERSION": "7006"}), "terminal", terminals.VTE.name),
    # tmux does not answer: the inherited variables, else the common pairing (app).
    (STALE_VTE, lambda: None, "terminal", terminals.VTE.name),
    ({"TMUX": "x", "TERM": "screen"}, lambda: None, "app", "tmux, the terminal outside unknown"),
    ({"STY": "1.pts-0", "VTE_VERSION": "7006"}, None, "terminal", terminals.VTE.name),
    ({"STY": "1.pts-0", "TERM": "screen"}, None, "app", "screen, the terminal outside unknown"),
])
def test_inside_a_multiplexer_the_terminal_outside_decides(
        env: dict[str, str], tmux: object, mode: str, name: str) -> None:
    choice = choose(env, tmux=tmux)  # type: ignore[arg-type]
    assert (choice.mode, choice.terminal.name) == (mode, name)


def test_no_switch_is_sent_through_a_multiplexer() -> None:
    choice = choose(STALE_VTE, tmux=tmux_says({"VTE_VERSION": "1"}))
    assert people.Screen(choice, terminal=True, dumb=False, width=80).switch == ("", "")


def test_timeline_bidi_overrides_what_tmux_says() -> None:
    assert choose(STALE_VTE, "off", tmux=tmux_says({"VTE_VERSION": "1"})).mode == "off"


# --- quirks seen on real windows -------------------------------------------------------------------


def kitty(line: str) -> str:
    """kitty 0.26.5: each run of Arabic letters with what is glued to it turned, brackets
    mirrored; digits with no letter left alone."""
    return people.RTL_RUN.sub(lambda run: run[0][::-1].translate(str.maketrans("()", ")(")),
                              line)


@pytest.mark.parametrize("text", ["خلال أشهر، 3،250 قتيلاً بينهم 1،130 مدنيا",
                                  "3250 قتيلا (المرصد السوري)", "و20 و3،5"])
def test_kitty_shows_the_app_layout(text: str) -> None:
    assert kitty(people.turned_runs(visual(text))) == visual(text)


def test_digit_groups_with_an_arabic_comma_are_not_turned() -> None:
    assert "3،250" in people.turned_runs(visual("اوقعت 3،250 قتيلا"))


@pytest.mark.parametrize("bidi", ["app", "runs"])
def test_harakat_are_dropped_only_where_the_terminal_misplaces_them(bidi: str) -> None:
    cells = [["3250 قتيلاً"]]
    kept, dropped = (render_table(Display(lang="ar", bidi=bidi, color=False, width=60,
                                          harakat=harakat), [Column(header="")], cells,
                                  heading=False) for harakat in (True, False))
    assert "\u064b" in kept and "\u064b" not in dropped
    piped = render_table(Display(lang="ar", bidi="off", color=False, width=60), [Column(header="")],
                         cells, heading=False)
    assert "قتيلاً" in piped


def test_konsole_gets_brackets_it_will_draw_facing_their_text() -> None:
    line = "3250 قتيلاً (المرصد السوري)"
    sent = people.mirror_for(line)
    assert sent == "3250 قتيلاً )المرصد السوري("
    assert people.mirror_for("did you mean الرقة (Raqqa)?").endswith("(Raqqa)?")


@pytest.mark.parametrize("name", ["KONSOLE_VERSION", "MLTERM"])
def test_terminals_that_shape_badly_get_joining_forms(name: str) -> None:
    chosen = choose({name: "1"})
    shown = people.Screen(chosen, terminal=True, dumb=False, width=80)
    assert shown.line("ثلاثة قتيلاً") == shaped("ثلاثة قتيلاً")  # logical order, joined
    assert chosen.terminal.preshape


# --- the Arabic interface --------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "said"), [
    (0, "0 قتيل"), (1, "قتيل واحد"), (2, "قتيلان"), (3, "3 قتلى"), (10, "10 قتلى"),
    (11, "11 قتيلاً"), (99, "99 قتيلاً"), (100, "100 قتيل"), (103, "103 قتلى"), (3250, "3250 قتيلاً")])
def test_arabic_counts_agree_with_their_number(count: int, said: str) -> None:
    assert i18n.ngettext("{n} killed", "{n} killed", count, lang="ar") == said


def test_the_figures_of_a_table_agree() -> None:
    from syria_timeline.store.loading import load

    store = load()
    raqqa = next(store.events.event(i) for i in range(len(store.events))
                 if store.events.event(i).id == "2017-10-17-raqqa")
    assert screens.figures(raqqa, "ar").startswith("3250 قتيلاً، بينهم 1130 مدنياً")


@pytest.mark.parametrize("env", [{"LANG": "ar_SY.UTF-8"}, {"TIMELINE_LANG": "ar"}])
def test_an_arabic_locale_gives_arabic_help_and_messages(env: dict[str, str]) -> None:
    result = run("city", "--help", env=env)
    assert "الاستعمال: timeline city" in result.stdout.decode()
    assert "اعرض هذه الرسالة واخرج." in result.stdout.decode()
    error = run("city", "الرقه2", env=env)
    assert error.stderr.decode() == ("خطأ: لا مكان باسم الرقه2؛ هل تقصد الرقة (Raqqa) أو محافظة الرقة "
                                    "(Raqqa Governorate)؟\n")


def test_lang_on_the_command_line_gives_arabic_click_errors() -> None:
    result = run("--lang", "ar", "lis")
    assert result.stderr.decode().endswith("خطأ: لا أمر باسم 'lis'.\n")


def test_english_stays_the_default() -> None:
    result = run("city", "الرقه2", env={"LANG": "en_US.UTF-8"})
    assert result.stderr.decode().startswith("Error: no place called")


def test_json_never_changes_with_the_language() -> None:
    english = run("list", "--year", "2017", "--json", env={"LANG": "C.UTF-8"}).stdout
    assert run("list", "--year", "2017", "--json", env={"LANG": "ar_SY.UTF-8"}).stdout == english
    assert run("--lang", "ar", "list", "--year", "2017", "--json").stdout == english


def test_an_untranslated_message_stays_whole() -> None:
    i18n.settle("ar")
    try:
        assert i18n.message("something no catalog knows") == "something no catalog knows"
        assert i18n.message("Error: \nsecond") == "خطأ: \nsecond"
    finally:
        i18n.settle("en")


def test_an_indent_stays_on_the_left_of_a_laid_out_line() -> None:
    """Help's columns: a wrapped Arabic line keeps its indent where the option column is."""
    shown = people.Screen(choose({}), terminal=True, dumb=False, width=80)
    assert shown.line("      أطرافها كل كلمة") == "      " + visual("أطرافها كل كلمة")


def test_no_latin_is_glued_to_an_arabic_letter_in_the_catalog() -> None:
    """kitty turns Latin glued after an Arabic letter with it (لـExcel drawn `lecxEـل`),
    whatever is sent: the Arabic interface leaves a space there."""
    import re

    catalog = i18n.catalog("ar")._catalog
    glued = [text for text in catalog.values() if isinstance(text, str)
             and re.search("[\u0621-\u064a][A-Za-z]", text)]
    assert glued == []


def test_konsole_lines_are_left_to_right_paragraphs() -> None:
    """Help's `[env var: …]` after Arabic: Konsole, reading the line left to right, draws the
    brackets as typed, so they are not turned (they were: `…ar[` on Konsole 22.12)."""
    line = "  [متغير البيئة: TIMELINE_LANG; الافتراضي: ar]"
    assert people.mirror_for(line) == line


def test_every_translation_keeps_the_fields_of_its_message() -> None:
    """A translated message is filled from the English one's fields: none lost, none made up."""
    import re

    field = re.compile(r"\{(\w+)\}")
    catalog = i18n.catalog("ar")._catalog
    assert len(catalog) > 80  # compiled by the build (hatch_build.py), not missing
    for msgid, msgstr in catalog.items():
        english = msgid[0] if isinstance(msgid, tuple) else msgid
        if english:
            assert set(field.findall(msgstr)) <= set(field.findall(english)), english


def konsole_shows(line: str) -> str:
    """Konsole 22.12 as seen: the bidi algorithm on a left-to-right line, brackets not
    mirrored, the letters as sent (already in their joining forms), marks not drawn."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 0, "L"
    algorithm.get_embedding_levels(line, storage, False, False)
    for step in (algorithm.explicit_embed_and_overrides, algorithm.resolve_weak_types,
                 algorithm.resolve_neutral_types, algorithm.resolve_implicit_levels,
                 algorithm.reorder_resolved_levels):
        step(storage, False)
    shown = "".join(entry["ch"] for entry in storage["chars"])
    from syria_timeline import arabic

    return arabic._marks_first().sub(r"\2\1", shown).replace("\u200e", "")


@pytest.mark.parametrize("name", ["show", "city"])
def test_konsole_shows_the_app_layout(name: str) -> None:
    """What the tool sends Konsole (logical, joining forms, brackets turned for it) is, once
    Konsole has reordered it, the tool's own layout: brackets facing their text, لا joined."""
    from syria_timeline import query
    from syria_timeline.store.loading import load

    store = load()
    draw = {
        "show": lambda d: screens.event_detail(store, next(
            store.events.event(i) for i in range(len(store.events))
            if store.events.event(i).id == "2017-10-17-raqqa"), d),
        "city": lambda d: screens.events_table(
            store, query.select(store, query.Filters(places=frozenset({"raqqa"}))), d),
    }[name]
    common = {"lang": "ar", "color": False, "width": 100, "room_for_marks": 4}
    app = draw(Display(bidi="app", **common))
    sent = draw(Display(bidi="terminal", mirrors=False, preshape=True, **common))
    assert ("(" in app) == (name == "show")  # the figures row's (المرصد …)
    assert [konsole_shows(line) for line in sent.split("\n")] == app.split("\n")
