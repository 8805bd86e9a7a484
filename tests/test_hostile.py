"""Bad input of every kind ends cleanly: a short message, a non-zero exit, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_timeline.dates import ACCEPTED_FORMS
from syria_timeline.model import EVENT_TYPES
from syria_timeline.vocabulary import TYPE_NAMES_AR


def clean_failure(result: Any, code: int) -> None:
    assert result.exit_code == code
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert 0 < len(result.stderr.splitlines()) <= 5


FORMS = ACCEPTED_FORMS
TYPES = ", ".join(f"{name} ({TYPE_NAMES_AR[name]})" for name in EVENT_TYPES)


# Each bad value: the exact exit code and the message's last line (click's usage errors put
# the usage and a help hint above it).
@pytest.mark.parametrize(("args", "code", "last_line"), [
    (["list", "--year", "twenty"], 2,
     "Error: --year: 'twenty' is not a year; a year has four digits, e.g. 2017 or ٢٠١٧"),
    (["list", "--year", "-5"], 2,
     "Error: --year: '-5' is not a year; a year has four digits, e.g. 2017 or ٢٠١٧"),
    (["list", "--year", "99999999999"], 2,
     "Error: --year: '99999999999' is not a year; a year has four digits, e.g. 2017 or ٢٠١٧"),
    (["list", "--from", "2017-02-30"], 2,
     "Error: --from: '2017-02-30' is not a date this tool can read; accepted forms: " + FORMS),
    (["list", "--to", "yesterday-ish"], 2,
     "Error: --to: 'yesterday-ish' is not a date this tool can read; accepted forms: " + FORMS),
    (["list", "--from", ""], 2,
     "Error: --from: '' is not a date this tool can read; accepted forms: " + FORMS),
    (["list", "--from", "2019", "--to", "2014"], 2,
     'Error: --from/--to: the start 2019 is after the end 2014; swap them'),
    (["list", "--type", "massacre"], 2,
     'Error: unknown event type massacre Accepted: ' + TYPES),
    (["list", "--limit", "-3"], 2,
     "Error: Invalid value for '--limit' / '-n': -3 is not in the range x>=0."),
    (["list", "--limit", "many"], 2,
     "Error: Invalid value for '--limit' / '-n': 'many' is not a valid int range."),
    (["city", ""], 2,
     'Error: the place name is empty; give a name such as الرقة or Raqqa'),
    (["city", "   "], 2,
     'Error: the place name is empty; give a name such as الرقة or Raqqa'),
    (["list", "--place", ""], 2,
     'Error: the place name is empty; give a name such as الرقة or Raqqa'),
    (["list", "--year", "2017" * 2500], 2,
     "Error: --year: '" + "2017" * 14 + "2…' is not a year; a year has four digits, e.g. 2017 or ٢٠١٧"),
    (["city", "x" * 10_000], 1,
     "Error: no place called " + "x" * 59 + "…; `timeline places` lists them all"),
    (["list", "--from", "9" * 10_000], 2,
     "Error: --from: '" + "9" * 57 + "…' is not a date this tool can read; accepted forms: " + FORMS),
    (["city", "; rm -rf / $(reboot) `id` | cat"], 1,
     'Error: no place called ; rm -rf / $(reboot) `id` | cat; `timeline places` lists them all'),
    (["nonsense"], 2,
     "Error: No such command 'nonsense'."),
    (["list", "--sort", "size"], 2,
     "Error: Invalid value for '--sort': 'size' is not one of 'date', '-date'."),
    (["show"], 2,
     "Error: Missing argument 'ID'."),
    (["list", "--lang", "fr"], 2,
     "Error: Invalid value for '--lang' / '-l' (env var: 'TIMELINE_LANG'): 'fr' is not one of 'ar', 'en'."),
])
def test_bad_option_values(args: list[str], code: int, last_line: str) -> None:
    result = invoke(*args)
    clean_failure(result, code)
    assert result.stderr.splitlines()[-1] == last_line


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


@pytest.mark.slow
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
