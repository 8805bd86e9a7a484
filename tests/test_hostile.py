"""Bad input of every kind ends cleanly: a short message, a non-zero exit, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def clean_failure(result: Any, code: int | None = None) -> None:
    assert result.exit_code != 0 if code is None else result.exit_code == code
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert 0 < len(result.stderr.splitlines()) <= 5


@pytest.mark.parametrize("args", [
    ["list", "--year", "twenty"], ["list", "--year", "-5"], ["list", "--year", "99999999999"],
    ["list", "--from", "2017-02-30"], ["list", "--to", "yesterday-ish"], ["list", "--from", ""],
    ["list", "--from", "2019", "--to", "2014"], ["list", "--type", "massacre"],
    ["list", "--limit", "-3"], ["list", "--limit", "many"], ["city", ""], ["city", "   "],
    ["list", "--place", ""], ["list", "--year", "2017" * 2500], ["city", "x" * 10_000],
    ["list", "--from", "9" * 10_000], ["city", "; rm -rf / $(reboot) `id` | cat"],
    ["nonsense"], ["list", "--sort", "size"], ["show"], ["list", "--lang", "fr"],
])
def test_bad_option_values(args: list[str]) -> None:
    clean_failure(invoke(*args))


def test_no_arguments_shows_help_and_exits_2() -> None:
    result = invoke()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: ") and "Commands:" in result.stderr


def test_names_with_bidi_controls_and_harakat_still_match() -> None:
    for name in ("\u202bالرقة\u202c", "\u200fالرَّقَّة\u200f", "\u2067تَدْمُر\u2069", "الـــرقة"):
        result = invoke("city", name, "--json")
        assert result.exit_code == 0, name
        assert json.loads(result.stdout)


def test_echoed_input_cannot_reorder_the_terminal() -> None:
    result = invoke("city", "\u202eevil\u202c")
    assert result.exit_code == 1
    assert "\u202e" not in result.stderr


BAD_STORES = {
    "missing": (None, "no such file"),
    "directory": ("<dir>", "is a folder"),
    "empty": (b"", "is empty"),
    "blank": (b"  \n\t", "is empty"),
    "truncated": (b'{"schema": 1, "sources": [', "line 1, column 27: not valid JSON"),
    "deep": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "not a store": (b"[1, 2, 3]", "the top level is a JSON array"),
    "object, not a store": (b'{"hello": "world"}', "missing top-level keys"),
    "latin-1": ('{"schema": 1, "x": "caf\xe9"}'.encode("latin-1"),
                "line 1, column 24: byte 0xe9 is not UTF-8"),
    "wrong types": (json.dumps({"schema": 1, "sources": [], "places": [], "actors": [],
                                "events": [{"id": 3}]}).encode(), "event #0: field 'id'"),
}


@pytest.mark.parametrize("name", list(BAD_STORES))
def test_bad_store_files(name: str, tmp_path: Path) -> None:
    content, message = BAD_STORES[name]
    path = tmp_path / "store.json"
    if content == "<dir>":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    for result in (invoke("--data", str(path), "list", "--json"),
                   invoke("list", env={"TIMELINE_DATA": str(path)})):
        clean_failure(result, 1)
        assert result.stderr.startswith(f"Error: {path}: ")
        assert message in result.stderr


def test_a_nul_byte_in_a_path() -> None:
    for args in (["--data", "a\x00b", "list"], ["validate", "a\x00b"]):
        result = invoke(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert "embedded null byte" in result.stderr


def test_dev_null_as_a_store() -> None:
    result = invoke("--data", "/dev/null", "list")
    clean_failure(result, 1)
    assert result.stderr == "Error: /dev/null: is a character device, not a file\n"


def test_validate_on_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"{")
    result = invoke("validate", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"{path}: line 1, column 2: not valid JSON")


def test_bare_locale_and_no_color_still_print_utf8() -> None:
    result = run("list", "--year", "2017", env={"LC_ALL": "C", "LANG": "C", "NO_COLOR": "1"})
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "الرقة" in text and "\x1b" not in text


OPTIONS = ["--year", "--from", "--to", "--place", "--actor", "--type", "--limit", "--sort",
           "--lang"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(option=st.sampled_from(OPTIONS), value=st.text(max_size=40))
def test_any_text_to_any_option_ends_cleanly(option: str, value: str) -> None:
    result = invoke("list", option, value, "--json")
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert result.stdout == ""


@settings(max_examples=80, deadline=None)
@given(path=st.text(max_size=40), by=st.text(max_size=10))
def test_any_text_as_a_store_path_or_summary_key(path: str, by: str) -> None:
    for args in (["--data", path, "list", "--json"], ["summary", "--by", by, "--json"]):
        result = invoke(*args)
        assert result.exit_code in (0, 1, 2)
        assert "Traceback" not in result.stderr
        if result.exit_code:
            assert result.stdout == ""


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=30))
def test_any_text_as_a_place_or_event_id(name: str) -> None:
    for command in ("city", "show"):
        result = invoke(command, name, "--json")
        assert result.exit_code in (0, 1, 2)
        assert "Traceback" not in result.stderr


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=40), words=st.lists(st.text(max_size=12), min_size=1, max_size=3))
def test_any_text_to_search_or_to_show_ends_cleanly(text: str, words: list[str]) -> None:
    for args in (["list", "--text", text, "--json"], ["show", *words, "--json"]):
        result = invoke(*args)
        assert result.exit_code in (0, 1, 2)
        assert "Traceback" not in result.stderr
        if result.exit_code:
            assert result.stdout == ""
        elif "--help" not in args:  # help is text, and may come first
            json.loads(result.stdout)


ARTICLE_WORDS = ["في", "14", "2", "السادس والعشرين من", "كانون الثاني/يناير", "آذار", "2017",
                 "مطلع", "أيار", "سيطر", "الجيش السوري", "على", "مدينة", "الرقة", "منذ", "عام",
                 "أمس", "الاثنين", "،", ".", "\n", "تدمر", "بدعم من", "قسد", "خسرها", "داعش",
                 "الحالي", "الماضي", "معقل", "بيده", "-", "تحت سيطرة", "0", "30", "31", "99",
                 "0000", "0999", "9999", "شباط", "الحادي والثلاثين من", "كانون الأول", "و", "طرد"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ARTICLE_WORDS) | st.text(max_size=6), max_size=40))
def test_any_article_extracts_to_a_valid_store_or_a_clean_error(pieces: list[str]) -> None:
    import datetime as dt

    from syria_timeline.extract.drafting import default_names, draft_store
    from syria_timeline.store import checks

    text = " ".join(pieces)
    document = draft_store(text, dt.date(2019, 3, 23), {"publisher": "Test"}, default_names())
    for event in document["events"]:
        assert event["quote"] in text
    problems = [p for p in checks.check(Path("draft.json"), document)
                if "quote is not found" not in p]  # no text file beside this draft
    assert problems == []
