"""The lookup normalizer: every spelling of a name finds it (examples and properties)."""

from __future__ import annotations

import json

import pytest
from helpers import bundled, invoke
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.arabic import normalize

SPELLINGS = ["الرقة", "الرقه", "رقة", "الرَّقَّة", "الـرقة", "Raqqa", "ar-Raqqah", "RAQQA"]
ALIASES = [name for p in bundled()["places"] for name in [p["name_ar"], *p["aliases"]]]
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_spellings_of_raqqa_find_raqqa(spelling: str) -> None:
    result = invoke("city", spelling, "--json")
    assert result.exit_code == 0
    assert {e["place"]["id"] for e in json.loads(result.stdout)} == {"raqqa"}


@pytest.mark.parametrize(("a", "b"), [("Palmyra", "تدمر"), ("Tadmur", "تدمر"),
                                      ("أبو كمال", "Albu Kamal"), ("عين العرب", "Kobani")])
def test_aliases_across_scripts(a: str, b: str) -> None:
    assert invoke("city", a, "--json").stdout == invoke("city", b, "--json").stdout


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.sampled_from([a for a in ALIASES if any("\u0600" <= c <= "\u06ff" for c in a)]),
       st.lists(st.tuples(st.integers(0, 40), st.sampled_from(HARAKAT)), max_size=6))
def test_alias_with_harakat_or_tatweel_still_matches(alias: str, marks: list[tuple[int, str]]
                                                     ) -> None:
    decorated = alias
    for position, mark in marks:
        cut = min(position, len(decorated))
        if cut == 0 or decorated[cut - 1] == " ":
            continue  # a mark needs a letter before it
        decorated = decorated[:cut] + mark + decorated[cut:]
    assert normalize(decorated) == normalize(alias)
