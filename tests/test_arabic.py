"""Normalization and date parsing: examples and properties."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import bundled, invoke
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.arabic import normalize
from syria_timeline.dates import DateInputError, overlaps, parse_bound, parse_year, period_bounds

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


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_iso_day_month_year_parse_to_their_period(day: dt.date) -> None:
    iso = day.isoformat()
    assert parse_bound(iso).prefix == iso
    assert parse_bound(iso[:7]).first == iso[:7] + "-01"
    assert parse_bound(iso[:4]).last == iso[:4] + "-12-31"
    arabic = iso.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_bound(arabic).prefix == iso


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["{d} {m} {y}", "{m} {y}"]))
def test_month_names_in_any_language(day: dt.date, form: str) -> None:
    names = {1: "كانون الثاني", 5: "ايار", 8: "آب", 10: "تشرين الأول/أكتوبر", 12: "ديسمبر"}
    month = names.get(day.month, day.strftime("%B"))
    bound = parse_bound(form.format(d=day.day, m=month, y=day.year))
    expected = day.isoformat() if "{d}" in form else day.isoformat()[:7]
    assert bound.prefix == expected


@given(st.dates(), st.dates(), st.sampled_from([4, 7, 10]))
def test_overlap_agrees_with_calendar_arithmetic(a: dt.date, b: dt.date, cut: int) -> None:
    start, end = sorted([a, b])
    prefix = start.isoformat()[:cut]
    first, last = period_bounds(prefix)
    probe_start, probe_end = end.replace(day=1), end
    assert overlaps(prefix, probe_start.isoformat(), probe_end.isoformat()) == (
        first <= probe_end and probe_start <= last)


@pytest.mark.parametrize("text", ["2017-02-30", "2017-13", "0000", "Smarch 2017", "17 ايار",
                                  "15 أغسطس", "كانون الثاني",
                                  "", "٢٠١٧-٠٢-٣٠", "2017-1-1-1"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_bound(text)
    assert "accepted forms" in str(caught.value) or "no year" in str(caught.value)


@pytest.mark.parametrize(("text", "year"), [("2017", 2017), ("٢٠١٧", 2017), ("۲۰۱۷", 2017)])
def test_years_in_any_digits(text: str, year: int) -> None:
    assert parse_year(text) == year


def test_free_forms_go_to_dateutil_at_their_precision() -> None:
    assert parse_bound("17/10/2017").prefix == "2017-10-17"
    assert parse_bound("Oct 17, 2017").prefix == "2017-10-17"
    assert parse_bound("2017/10").prefix == "2017-10"
