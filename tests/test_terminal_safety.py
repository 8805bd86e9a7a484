"""Text from a store, a file name or the command line never reaches a terminal as a control.

A store could otherwise set the window title (OSC), clear the screen (CSI 2J) or worse
through any command that shows its text. Control characters are shown visibly (`\\x1b`)
in tables and on stderr; JSON keeps them exactly (escaped by JSON itself).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import event, invoke, on_terminal, run
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline.errors import visible
from syria_timeline.output.layout import Column, Display, render_table

TITLE = "\x1b]0;pwned\x07"  # OSC: set the window title
CLEAR = "\x1b[2J"  # CSI: clear the screen
C1 = "\x9b31m"  # the one-byte CSI of C1
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile(document: dict[str, Any]) -> None:
    document["sources"][0].pop("file")  # quotes with controls cannot be in the article
    raqqa = event(document, "2017-10-17-raqqa")
    raqqa["summary_ar"] = f"{TITLE}الرقة{CLEAR}"
    raqqa["summary_en"] = f"{TITLE}Raqqa{C1}"
    raqqa["quote"] = f"{CLEAR}نص\x7f"
    place = next(p for p in document["places"] if p["id"] == "raqqa")
    place["name_en"] = f"Raqqa{CLEAR}"
    place["aliases"].append(f"Raqqa{TITLE}")
    actor = next(a for a in document["actors"] if a["id"] == "sdf")
    actor["name_en"] = f"SDF{C1}"
    document["sources"][0]["publisher"] = f"AFP{TITLE}"


@pytest.fixture
def store(make_store: Any) -> Path:
    path: Path = make_store(hostile)
    return path


COMMANDS = [
    ["list"], ["list", "--lang", "en"], ["show", "2017-10-17-raqqa"],
    ["show", "2017-10-17-raqqa", "--lang", "en"], ["places"], ["places", "--lang", "en"],
    ["actors", "--lang", "en"], ["city", "Raqqa"], ["city", "Raqqa", "--lang", "en"],
    ["summary", "--by", "place", "--lang", "en"], ["summary", "--by", "actor", "--lang", "en"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_tables_show_control_characters_visibly(store: Path, args: list[str]) -> None:
    result = invoke("--data", str(store), *args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert not CONTROL.search(result.stdout)
    assert "\\x1b" in result.stdout or "\\x9b" in result.stdout


@pytest.mark.parametrize("args", [["list", "--json"], ["list", "--jsonl"], ["show", "2017-10-17-raqqa",
                                                                           "--json"]], ids=" ".join)
def test_json_keeps_the_text_exactly(store: Path, args: list[str]) -> None:
    out = invoke("--data", str(store), *args).stdout
    assert not CONTROL.search(out.replace("\n", ""))  # escaped: \u001b, and \u009b though JSON
    assert "\\u009b31m" in out and "\\u007f" in out  # needs no escape for C1 and DEL
    document = json.loads(out) if args[-1] == "--json" else [json.loads(x) for x in out.splitlines()]
    records = document if isinstance(document, list) else [document]
    assert any(r["summary_ar"] == f"{TITLE}الرقة{CLEAR}" for r in records)
    assert any(r["summary_en"] == f"{TITLE}Raqqa{C1}" for r in records)


def test_csv_is_exact_when_piped_and_visible_on_a_terminal(store: Path) -> None:
    piped = invoke("--data", str(store), "list", "--csv").stdout
    assert f"{TITLE}الرقة{CLEAR}" in piped
    raw, _ = on_terminal(["--data", str(store), "list", "--csv"], 200)
    assert TITLE not in raw and "\\x1b]0;pwned\\x07" in raw


def test_validate_reports_control_characters_as_problems(store: Path) -> None:
    result = invoke("validate", str(store))
    assert (result.exit_code, result.stdout) == (1, "")
    assert not CONTROL.search(result.stderr)
    lines = result.stderr.splitlines()
    assert lines[-1] == f"7 problems in {store}"
    assert f"{store}: event 2017-10-17-raqqa: field 'summary_ar': " in result.stderr
    assert all(line.endswith("has control characters, which would act on a terminal")
               for line in lines[:-1])


@pytest.mark.parametrize("args", [
    ["--data", f"/tmp/no{CLEAR}such.json", "list"],
    ["city", f"Atlantis{TITLE}"],
    ["show", f"x{CLEAR}"],
    ["list", "--from", f"2017{TITLE}"],
    ["list", "--sort", f"{CLEAR}"],
    ["list", "extra", f"{CLEAR}argument"],
], ids=["path", "place", "id", "date", "choice", "extra argument"])
def test_errors_echo_input_visibly(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode != 0 and result.stdout == b""
    stderr = result.stderr.decode("utf-8")
    assert not CONTROL.search(stderr.replace("\n", ""))
    assert "\\x1b" in stderr


def test_suggestions_from_a_hostile_store_are_visible(store: Path) -> None:
    result = invoke("--data", str(store), "city", "الرقا")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: no place called الرقا; did you mean الرقة (Raqqa\\x1b[2J)")


def test_on_a_real_terminal_only_the_tools_own_sequences_are_sent(store: Path) -> None:
    raw, _ = on_terminal(["--data", str(store), "list"], 120)
    ours = raw.replace("\x1b[8l", "").replace("\x1b[8h", "").replace("\x1b[1m", "").replace(
        "\x1b[0m", "")
    assert not CONTROL.search(ours.replace("\n", "").replace("\r", ""))


@pytest.mark.parametrize("args", [["list"], ["show", "2017-10-17-raqqa"], ["summary"], ["places"],
                                  ["city", "الرقة"]], ids=" ".join)
def test_term_dumb_gets_no_escape_sequence_at_all(args: list[str]) -> None:
    raw, _ = on_terminal(args, 100, env={"TERM": "dumb"})
    assert "\x1b" not in raw
    assert "╭" in raw


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.text(), min_size=1, max_size=4), width=st.integers(1, 160),
       bidi=st.booleans(), lang=st.sampled_from(["ar", "en"]))
def test_no_text_in_any_cell_reaches_a_table_as_a_control(cells: list[str], width: int,
                                                          bidi: bool, lang: str) -> None:
    display = Display(lang=lang, bidi=bidi, color=False, width=width)
    columns = [Column(header=f"h{i}", flexible=i == 0) for i in range(len(cells))]
    table = render_table(display, columns, [cells], footer=[cells[0]])
    assert not CONTROL.search(table.replace("\n", ""))
    table.encode("utf-8")  # no lone surrogate either


@given(st.text())
def test_visible_leaves_only_newlines_and_tabs(text: str) -> None:
    shown = visible(text)
    assert not CONTROL.search(shown.replace("\n", "").replace("\t", ""))
    shown.encode("utf-8")
    assert visible(shown) == shown
    if not CONTROL.search(text) and text.isprintable():
        assert shown == text
