"""`show` without knowing the id: a part of one, or a place (and a date); `--ids` to see them."""

from __future__ import annotations

import json

import pytest
from helpers import invoke, run


def shown_id(*words: str) -> str:
    result = invoke("show", *words, "--json")
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["id"])


@pytest.mark.parametrize(("words", "event_id"), [
    (["2017-10-17-raqqa"], "2017-10-17-raqqa"),
    (["kobani"], "2015-01-26-kobani"),  # a part of one id
    (["كوباني"], "2015-01-26-kobani"),  # a place with one event
    (["عين العرب"], "2015-01-26-kobani"),  # under another of its names, two words
    (["الرقة", "2017"], "2017-10-17-raqqa"),  # a place and a year
    (["Raqqa", "2014-01"], "2014-01-14-raqqa"),  # and a month
    (["تدمر", "آذار 2017"], "2017-03-02-palmyra"),  # a date as the article writes it
    (["دير", "الزور"], "2017-11-02-deir-ez-zor"),  # a two-word place, unquoted
    (["yarmouk"], "2018-05-21-damascus-yarmouk"),
])
def test_one_event_from_an_id_a_part_of_one_or_a_place(words: list[str], event_id: str) -> None:
    assert shown_id(*words) == event_id


def test_several_events_list_the_candidates_and_print_nothing() -> None:
    result = invoke("show", "الرقة")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: الرقة fits 2 events; give one of these ids:\n"
                             "  2014-01-14-raqqa  2014-01-14  الرقة (Raqqa)\n"
                             "  2017-10-17-raqqa  2017-10-17  الرقة (Raqqa)\n")


def test_a_year_that_fits_several_lists_them_with_aligned_ids() -> None:
    result = invoke("show", "2016")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "Error: 2016 fits 4 events; give one of these ids:",
        "  2016-08-jarablus  2016-08     جرابلس (Jarablus)",
        "  2016-08-manbij    2016-08     منبج (Manbij)",
        "  2016-10-dabiq     2016-10     دابق (Dabiq)",
        "  2016-12-palmyra   2016-12     تدمر (Palmyra)",
    ]


@pytest.mark.parametrize(("words", "message"), [
    (["الرقة", "2019"], "Error: no event at الرقة (Raqqa) in 2019; `timeline list --ids` shows "
                        "the ids\n"),
    (["2017-10-17-raka"], "Error: no event with id 2017-10-17-raka; did you mean "
                          "2017-10-17-raqqa?\n"),
    (["nothing-like-it"], "Error: no event with id nothing-like-it; `timeline list --ids` "
                          "shows the ids\n"),
])
def test_nothing_found_points_to_the_ids(words: list[str], message: str) -> None:
    result = invoke("show", *words)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


def test_ids_column_in_list_and_city() -> None:
    table = invoke("list", "--year", "2016", "--ids", "--lang", "en", env={"COLUMNS": "100"})
    lines = table.stdout.splitlines()
    assert lines[1].startswith("│ Id               │ Date ")
    cells = [line.split("│")[1].strip() for line in lines[3:] if line.startswith("│")]
    assert [cell for cell in cells if cell] == [
        "2016-08-jarablus", "2016-08-manbij", "2016-10-dabiq", "2016-12-palmyra"]
    city = invoke("city", "Palmyra", "--ids", "--lang", "en", env={"COLUMNS": "100"})
    assert "│ 2017-03-02-palmyra │" in city.stdout
    assert "2017-03-02-palmyra" not in invoke("list", "--year", "2017", "--lang", "en").stdout


def test_show_as_a_process_with_a_place_and_a_year() -> None:
    result = run("show", "الرقة", "2017", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "2017-10-17-raqqa"


def test_ids_are_never_broken_across_lines() -> None:
    expected = ["2017-02-al-bab", "2017-03-02-palmyra", "2017-10-14-mayadin", "2017-10-17-raqqa",
                "2017-11-02-deir-ez-zor", "2017-11-19-albu-kamal"]
    table = invoke("list", "--ids", "--year", "2017", "--lang", "en", env={"COLUMNS": "100"}).stdout
    cells = [line.split("│")[1].strip() for line in table.splitlines()[3:] if line.startswith("│")]
    assert [c for c in cells if c] == expected
    # Where no table fits with whole ids, one field a line: still whole.
    narrow = invoke("list", "--ids", "--year", "2017", "--lang", "en", env={"COLUMNS": "80"}).stdout
    assert [line[4:] for line in narrow.splitlines() if line.startswith("Id: ")] == expected
