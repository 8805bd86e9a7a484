"""Values no check expected: huge integers, lone surrogates, bad bytes, NaN, control characters.

Each is a one-line store problem, the same whether the store is read whole or lazily (a
large store): never a crash later, when the value is printed or encoded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke

from syria_timeline.store import loading as store

WHOLE, LAZY = "whole", "lazy"


def query(path: Path, way: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    if way == LAZY:
        monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    return invoke("--data", str(path), "list", "--json")


def raw_store(make_store: Callable[..., Path], old: str, new: str) -> Path:
    """The bundled store with one piece of its JSON text replaced, as a file."""
    path = make_store()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("way", [WHOLE, LAZY])
@pytest.mark.parametrize("digits", [11, 25, 41, 5000, 100_000])
def test_integers_of_any_size(way: str, digits: int, make_store: Any,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = raw_store(make_store, '"killed": 3250', f'"killed": {"9" * digits}')
    result = query(path, way, monkeypatch)
    assert (result.exit_code, result.stdout) == (1, "")
    shown = "9" * digits if digits < 20 else f"a number of {digits} digits"
    assert result.stderr == (f"Error: {path}: event 2017-10-17-raqqa: field 'killed': "
                             f"{shown}; expected a whole number from 0 to 1,000,000,000, "
                             "or null\n")


@pytest.mark.parametrize("way", [WHOLE, LAZY])
@pytest.mark.parametrize(("old", "new", "where"), [
    ('"name_ar": "الرقة"', '"name_ar": "الرقة\\ud800"', "place raqqa: field 'name_ar'"),
    ('"summary_en": "ISIL', '"summary_en": "\\udfffISIL', "event 2014-01-14-raqqa: field 'summary_en'"),
])
def test_lone_surrogates_are_not_text(way: str, old: str, new: str, where: str,
                                      make_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = raw_store(make_store, old, new)
    result = query(path, way, monkeypatch)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {path}: {where}: ")
    assert result.stderr.rstrip("\n").endswith("has a lone surrogate, which is not text")


@pytest.mark.parametrize("offset", [10, 5000, 20000])
def test_bad_utf8_gives_the_same_line_and_column_both_ways(
        offset: int, make_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_store()
    data = path.read_bytes()
    # Put a bad byte inside a string value near `offset`, where the JSON stays well formed.
    at = data.index(b'"', offset) + 1
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    whole = query(path, WHOLE, monkeypatch)
    lazy = query(path, LAZY, monkeypatch)
    assert (whole.exit_code, whole.stdout, lazy.exit_code, lazy.stdout) == (1, "", 1, "")
    assert lazy.stderr == whole.stderr
    assert " is not UTF-8; a store must be UTF-8 text\n" in whole.stderr
    assert ": byte 0xff" in whole.stderr


@pytest.mark.parametrize("way", [WHOLE, LAZY])
@pytest.mark.parametrize(("old", "new", "problem"), [
    ('"lat": 34.56', '"lat": NaN', "place palmyra: field 'lat': nan; expected a number"),
    ('"lat": 34.56', '"lat": Infinity', "place palmyra: field 'lat': inf; expected a number"),
    ('"lat": 34.56', '"lat": 1e999', "place palmyra: field 'lat': inf; expected a number"),
    ('"killed": 3250', '"killed": 3250.5', "event 2017-10-17-raqqa: field 'killed': 3250.5;"),
    ('"killed": 3250', '"killed": true', "event 2017-10-17-raqqa: field 'killed': True;"),
])
def test_numbers_that_are_not_values(way: str, old: str, new: str, problem: str,
                                     make_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = raw_store(make_store, old, new)
    result = query(path, way, monkeypatch)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {path}: {problem}")


def test_the_fast_json_lines_are_the_standard_ones() -> None:
    """Large outputs are encoded by msgspec: the text must be json.dumps's, to the byte."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from syria_timeline.output import documents
    from syria_timeline.store.loading import load

    store = load()
    for event in store.events.rows(frozenset()):
        for hijri in (False, True):
            record = documents.event_record(store, event, hijri=hijri)
            assert documents._fast_line(record) == documents._json(record)

    @settings(max_examples=300, deadline=None)
    @given(st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1)
                        | st.text(st.characters(blacklist_categories=["Cs"])),
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8))
    def same(value: object) -> None:
        assert documents._fast_line(value) == documents._json(value)

    same()
    for code in range(0x3000):
        value = {"k": chr(code) + "x", "n": [1, None, True]}
        assert documents._fast_line(value) == documents._json(value), hex(code)


def test_answers_made_from_stored_json_are_the_lines_made_from_events(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An indexed store answers --json/--jsonl from each event's stored JSON, decoded and
    encoded by msgspec: the same bytes as the lines made from event objects, controls and
    guillemets included, and a reference the store lacks is null there as here."""
    from syria_timeline.model import Event
    from syria_timeline.output import documents
    from syria_timeline.store.loading import bundled_path, load

    store = load()
    stored = json.loads(bundled_path().read_text(encoding="utf-8"))["events"]
    stored[0]["summary_en"] = "a \x85 b \x7f «c» ©"
    stored[1]["quote"] = stored[1]["quote"] + "\x9f"
    events = [Event.from_json(e) for e in stored]
    raws = [json.dumps(e, ensure_ascii=False).encode("utf-8") for e in stored]
    for many in (1, 10_000):  # msgspec's path, and the standard library's
        monkeypatch.setattr(documents, "_MANY", many)
        assert b"".join(documents.stored_jsonl(store, raws)).decode("utf-8") \
            == "".join(documents.events_jsonl(store, events))
        assert b"".join(documents.stored_json(store, raws)).decode("utf-8") \
            == "".join(documents.events_json(store, events))
    assert documents.stored_json(store, []) == [b"[]\n"]
    monkeypatch.setattr(documents, "_MANY", 1)
    lost = json.dumps({**stored[2], "place": "nowhere", "victor": "no-one"}).encode("utf-8")
    line = json.loads(documents.stored_jsonl(store, [lost])[0])
    assert (line["place"], line["victor"], line["id"]) == (None, None, stored[2]["id"])
