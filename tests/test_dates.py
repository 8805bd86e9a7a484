"""Dates as users type them: periods, any digits, any month names, nothing guessed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import invoke
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.dates import DateInputError, overlaps, parse_bound, parse_year, period_bounds


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


@pytest.mark.parametrize(("text", "prefix"), [
    ("2017-1-5", "2017-01-05"), ("2017/1/5", "2017-01-05"), ("2017.1.5", "2017-01-05"),
    ("2017-12-1", "2017-12-01"), ("5/1/2017", "2017-01-05"), ("5-1-2017", "2017-01-05"),
    ("٥/١/٢٠١٧", "2017-01-05"), ("2017-3", "2017-03"),
])
def test_year_first_is_year_month_day_and_day_first_only_for_day_first_forms(
        text: str, prefix: str) -> None:
    assert parse_bound(text).prefix == prefix


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from(["-", "/", "."]))
def test_any_year_first_date_without_padding(day: dt.date, separator: str) -> None:
    text = f"{day.year}{separator}{day.month}{separator}{day.day}"
    assert parse_bound(text).prefix == day.isoformat()


def test_a_range_typed_year_first_is_not_inverted() -> None:
    result = invoke("list", "--from", "2017-1-5", "--to", "2017-3-2", "--json")
    assert result.exit_code == 0
    assert [e["id"] for e in json.loads(result.stdout)] == ["2017-02-al-bab", "2017-03-02-palmyra"]


@pytest.mark.parametrize("text", ["2017-10-17 2018-10-17", "17 Oct 2017 10:30", "2017-10-17 +03:00",
                                  "Oct 2017 2019", "2017 foo"])
def test_trailing_text_after_a_date_is_an_error(text: str) -> None:
    with pytest.raises(DateInputError):
        parse_bound(text)
    result = invoke("list", "--to", text, "--json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: --to: ")


@pytest.mark.parametrize("text", ["17", "٢٠١", "20170", "1", "0000", " 99 "])
def test_a_year_has_four_digits(text: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_year(text)
    assert "a year has four digits" in str(caught.value)
    result = invoke("list", "--year", text)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: --year: ")


STORED = st.tuples(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                   st.sampled_from([4, 7, 10])).map(lambda d: d[0].isoformat()[:d[1]])


@given(STORED, st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.integers(min_value=0, max_value=4000))
def test_the_index_bounds_on_stored_dates_keep_every_match(stored: str, day: dt.date,
                                                           widest: int) -> None:
    # The index narrows a range by the stored date string (one index serves range and
    # order); that must keep exactly the events whose first day is in bounds.
    from syria_timeline.store.index import _floor

    first = period_bounds(stored)[0]
    assert (first <= day) == (stored <= day.isoformat())
    try:
        earliest = day - dt.timedelta(days=widest)
    except OverflowError:
        assert _floor(day.isoformat(), widest) == ""
        return
    assert (first >= earliest) == (stored >= _floor(day.isoformat(), widest))
