"""`--text`: every word typed is found in an event's text, under any Arabic spelling."""

from __future__ import annotations

import json
import re

import pytest
from helpers import bundled, invoke, on_terminal
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline.query.text import Query, forms, text_forms, words


def found(*args: str) -> list[str]:
    result = invoke("list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return [e["id"] for e in json.loads(result.stdout)]


@pytest.mark.parametrize(("text", "ids"), [
    ("الطيران الروسي", ["2017-03-02-palmyra"]),
    ("روسي", ["2017-03-02-palmyra"]),  # the article is optional
    ("روسيا", ["2017-03-02-palmyra"]),  # an other name of the Russian air force
    ("سويسرا", []),
    ("قتيلا", ["2017-10-17-raqqa"]),  # the quote has قتيلاً: tanween ignored
    ("بالطيران", ["2016-08-jarablus", "2017-03-02-palmyra"]),  # a prefix the text lacks
    ("Russian air force", ["2017-03-02-palmyra"]),  # English: the actor's name
    ("RUSSIAN aircraft", ["2017-03-02-palmyra"]),  # case, and the English summary
    ("air strike", ["2014-09-coalition-airstrikes"]),  # plural in the text, singular typed
    ("قسد", ["2016-08-manbij", "2017-10-17-raqqa", "2018-05-sdf-final-phase"]),  # an alias
    ("Tadmur 2017", ["2017-03-02-palmyra"]),  # a place's other name, and a year in the quote
    ("المرصد السوري", ["2017-10-17-raqqa"]),
    ("مخيم اللاجئين", ["2018-05-21-damascus-yarmouk"]),
    ("zzzz", []),
])
def test_examples(text: str, ids: list[str]) -> None:
    assert found("--text", text) == ids


def test_islamic_finds_both_hamza_spellings() -> None:
    events = bundled()["events"]
    with_hamza = {e["id"] for e in events if "الإسلامية" in e["quote"]}
    without = {e["id"] for e in events if "الاسلامية" in e["quote"]}
    assert with_hamza and without
    assert with_hamza | without <= set(found("--text", "اسلامية"))


def test_text_combines_with_every_filter() -> None:
    assert found("--text", "الجيش", "--year", "2017") == [
        "2017-02-al-bab", "2017-03-02-palmyra", "2017-10-14-mayadin", "2017-11-02-deir-ez-zor",
        "2017-11-19-albu-kamal"]
    assert found("--text", "الجيش", "--year", "2017", "--victor", "rebels") == ["2017-02-al-bab"]
    # النظام is the Syrian army's other name, so its events there are found by it too.
    assert found("--text", "النظام", "--place", "محافظة دير الزور") == [
        "2017-10-14-mayadin", "2017-11-02-deir-ez-zor", "2017-11-19-albu-kamal"]


def test_city_and_summary_take_text_too() -> None:
    city = invoke("city", "تدمر", "--text", "الروسي", "--json")
    assert [e["id"] for e in json.loads(city.stdout)] == ["2017-03-02-palmyra"]
    summary = invoke("summary", "--text", "الجيش", "--json")
    assert json.loads(summary.stdout) == [{"key": "2016", "count": 1}, {"key": "2017", "count": 5},
                                          {"key": "2018", "count": 1}]


@pytest.mark.parametrize("text", ["", "   ", "،،", "- -"])
def test_a_text_with_no_words_is_a_usage_error(text: str) -> None:
    result = invoke("list", "--text", text)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --text: the text to search for has no words; give one or "
                             "more, e.g. الطيران الروسي\n")


def test_matches_are_highlighted_on_a_colour_terminal() -> None:
    raw, _ = on_terminal(["list", "--text", "Russian", "--lang", "en"], 120)
    assert re.search(r"\x1b\[7mRussian\x1b\[27m", raw)
    plain, _ = on_terminal(["list", "--text", "Russian", "--lang", "en"], 120,
                           env={"NO_COLOR": "1"})
    assert "\x1b[7m" not in plain
    arabic, _ = on_terminal(["list", "--text", "الروسي"], 120)
    assert arabic.count("\x1b[7m") >= 1


def test_matches_are_not_highlighted_when_piped() -> None:
    assert "\x1b" not in invoke("list", "--text", "الروسي").stdout


# Whole words, with their own harakat and tatweel: a word is letters and the marks on them.
WORD = r"[\u0621-\u0652\u0640]+"
QUOTE_WORDS = sorted({w for e in bundled()["events"] for w in re.findall(WORD, e["quote"])
                      if len(w) >= 3})
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب"]


@settings(max_examples=300, deadline=None)
@given(word=st.sampled_from(QUOTE_WORDS), prefix=st.sampled_from(PREFIXES),
       marks=st.lists(st.tuples(st.integers(1, 12), st.sampled_from(MARKS)), max_size=3))
def test_any_quote_word_decorated_still_finds_its_events(
        word: str, prefix: str, marks: list[tuple[int, str]]) -> None:
    typed = prefix + word
    for position, mark in marks:
        cut = min(position, len(typed))
        typed = typed[:cut] + mark + typed[cut:]
    query = Query(typed)
    for event in bundled()["events"]:
        if word in re.findall(WORD, event["quote"]):
            assert query.found_in(text_forms([event["quote"]])), (typed, event["id"])


@given(st.text())
def test_forms_always_include_the_word_itself(text: str) -> None:
    for word in words(text):
        assert word in forms(word)
        assert all(len(form) >= min(len(word), 3) for form in forms(word))
