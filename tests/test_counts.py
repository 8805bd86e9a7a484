"""Counting and holding: summary by month, each place's counts and holder as of when."""

from __future__ import annotations

import json

from helpers import invoke


def test_summary_by_month_keeps_year_only_events_under_their_year() -> None:
    counts = json.loads(invoke("summary", "--by", "month", "--year", "2014", "--year", "2011",
                               "--json").stdout)
    assert counts == [
        {"key": "2011", "count": 1}, {"key": "2014", "count": 1}, {"key": "2014-01", "count": 1},
        {"key": "2014-06", "count": 1}, {"key": "2014-08", "count": 1},
        {"key": "2014-09", "count": 1}]
    everything = json.loads(invoke("summary", "--by", "month", "--json").stdout)
    assert sum(c["count"] for c in everything) == 20


def test_summary_by_month_table_says_so() -> None:
    result = invoke("summary", "--by", "month", "--year", "2014", "--lang", "en")
    assert result.stdout == (
        "╭──────────┬───────╮\n"
        "│ Month    │ Count │\n"
        "├──────────┼───────┤\n"
        "│ 2014     │ 1     │\n"
        "│ Jan 2014 │ 1     │\n"
        "│ Jun 2014 │ 1     │\n"
        "│ Aug 2014 │ 1     │\n"
        "│ Sep 2014 │ 1     │\n"
        "╰──────────┴───────╯\n"
        "Events known only to their year are counted under the year.\n")


def test_places_say_since_when_the_last_holder_holds() -> None:
    places = {p["id"]: p for p in json.loads(invoke("places", "--json").stdout)}
    assert (places["palmyra"]["last_holder"]["id"], places["palmyra"]["last_holder_since"]) == (
        "syrian-army", "2017-03-02")
    assert places["manbij"]["last_holder_since"] == "2016-08"  # a month stays a month
    assert (places["dabiq"]["last_holder"], places["dabiq"]["last_holder_since"]) == (None, None)
    assert places["syria"]["last_holder_since"] is None


def test_places_counts_agree_with_city() -> None:
    places = json.loads(invoke("places", "--json").stdout)
    for place in places:
        listed = json.loads(invoke("city", place["id"], "--json").stdout)
        assert place["events_within"] == len(listed), place["id"]
        assert place["events"] == sum(e["place"]["id"] == place["id"] for e in listed)
    aleppo = next(p for p in places if p["id"] == "aleppo-province")
    assert (aleppo["events"], aleppo["events_within"]) == (0, 5)


def test_places_table_shows_both_counts_and_the_date() -> None:
    table = invoke("places", "--lang", "en", env={"COLUMNS": "200"}).stdout
    assert "│ Events │ With places in it │ Last holder" in table
    assert "Syrian army (as of 2 Mar 2017)" in table
    arabic = invoke("places", env={"COLUMNS": "200"}).stdout
    assert "الجيش السوري، منذ 2 آذار 2017" in arabic
