"""`summary --by year|month` as a time series: every period, bars split by the winning side."""

from __future__ import annotations

import json
import re

import pytest
from helpers import invoke, on_terminal
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.output.chart import EIGHTHS, FULL, _cells, _segments, chart
from syria_timeline.output.layout import Display
from syria_timeline.query.series import Period

PLAIN = Display(lang="en", bidi="off", color=False, width=60)
COLOUR = Display(lang="en", bidi="off", color=True, width=60)


def _bars(output: str) -> dict[str, str]:
    """Each period's line after the legend: key -> what follows the axis."""
    return {line.split(" │", 1)[0].strip(): line.split(" │", 1)[1]
            for line in output.splitlines() if " │" in line and not line.startswith("│")}


def test_every_year_of_the_range_is_a_bar_empty_ones_too() -> None:
    result = invoke("summary", "--by", "year", "--chart", "--lang", "en", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    bars = _bars(result.stdout)
    assert list(bars) == [str(y) for y in range(2011, 2019)]
    assert bars["2012"] == bars["2013"] == " 0"
    counted = {c["key"]: c["count"] for c in json.loads(
        invoke("summary", "--by", "year", "--json").stdout)}
    assert {k: int(v.split()[-1]) for k, v in bars.items()} == {
        str(y): counted.get(str(y), 0) for y in range(2011, 2019)}


def test_months_cover_the_range_the_filters_give() -> None:
    result = invoke("summary", "--by", "month", "--from", "2014-06", "--to", "2014-09",
                    "--chart", "--lang", "en", env={"COLUMNS": "60"})
    assert list(_bars(result.stdout)) == ["2014", "2014-06", "2014-07", "2014-08", "2014-09"]
    assert "Events known only to their year are counted under the year." in result.stdout


def test_json_and_csv_list_only_the_periods_with_events() -> None:
    keys = [c["key"] for c in json.loads(invoke("summary", "--by", "year", "--json").stdout)]
    assert keys == ["2011", "2014", "2015", "2016", "2017", "2018"]
    csv = invoke("summary", "--by", "year", "--csv").stdout
    assert csv.splitlines()[0] == "key,count" and "2012" not in csv


def test_the_legend_names_each_side_with_its_pattern() -> None:
    output = invoke("summary", "--by", "year", "--chart", "--lang", "en",
                    env={"COLUMNS": "60"}).stdout
    legend = {m[1]: m[0] for m in re.findall(r"│ (\S)\1 │ ([^│]+?)\s+│", output)}
    assert legend["Islamic State group"] == "█" and legend["Syrian army"] == "▓"
    bars = _bars(output)
    assert set(bars["2017"].split()[0]) <= {"▓", "▒", "░"}  # army, rebels, SDF
    assert bars["2017"].startswith("▓") and "█" not in bars["2017"]


def test_chart_is_one_of_the_formats() -> None:
    result = invoke("summary", "--chart", "--json")
    assert result.exit_code == 2
    assert result.stderr == ("Error: choose one output format, not 2: --json, --jsonl, --csv, "
                             "--excel, --chart\n")


def test_colours_split_a_cell_where_one_side_ends() -> None:
    periods = [Period(key="2016", total=3, sides=(("sdf", 1), ("syrian-army", 2)))]
    text = chart(periods, {"sdf": "SDF", "syrian-army": "army"},
                 Display(lang="en", bidi="off", color=True, width=10 + 4 + 1 + 4))
    line = text.splitlines()[-1]
    # 10 cells, 80 eighths: the SDF 27 (3 cells and 3 eighths), the army 53; in the fourth
    # cell, three eighths of yellow (220) in front of red (160).
    assert line == ("2016 │\x1b[49;38;5;220m███\x1b[38;5;220;48;5;160m▍"
                    f"\x1b[49;38;5;160m{FULL * 6}\x1b[0m 3")


@pytest.mark.slow
def test_on_a_terminal_the_bars_are_coloured() -> None:
    raw, screen = on_terminal(["summary", "--by", "year", "--lang", "en"], 70)
    assert "\x1b[49;38;5;244m" in raw  # the group's grey
    rows = [line for line in screen.display if line.startswith("2017 │")]
    assert rows and rows[0].rstrip().endswith(" 6") and FULL in rows[0]


sides = st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=6)


@given(sides, st.integers(min_value=0, max_value=2000), st.integers(min_value=10, max_value=200))
def test_the_parts_add_up_to_the_bar(counts: list[int], more: int, room: int) -> None:
    total = sum(counts)
    most = total + more
    period = Period(key="2017", total=total,
                    sides=tuple((f"side-{i}", n) for i, n in enumerate(counts)))
    parts = _segments(period, most, room)
    eighths = max(round(total / most * room * 8), 1)
    assert sum(size for _, size in parts) == eighths
    cells = _cells(parts)
    assert len(cells) == -(-eighths // 8) <= room
    assert all(sum(n for _, n in cell) == 8 for cell in cells[:-1])
    assert [s for cell in cells for s, _ in cell] == sorted(
        (s for cell in cells for s, _ in cell), key=lambda s: int((s or "-0").split("-")[1]))
    bar, count = _bars(chart([period], {}, PLAIN))["2017"].rsplit(" ", 1)
    assert count == str(total) and bar
    assert set(bar) <= set(EIGHTHS[1:] + "█▓▒░#=+:~*")


def test_the_years_asked_for_are_shown_whole() -> None:
    result = invoke("summary", "--by", "month", "--year", "2016", "--year", "2017", "--chart")
    keys = list(_bars(result.stdout))
    assert keys == [f"{y}-{m:02d}" for y in (2016, 2017) for m in range(1, 13)]


def test_no_events_is_the_empty_table_not_an_empty_chart() -> None:
    for args in (["--year", "2012"], ["--text", "لا يوجد شيء كهذا"]):
        chart_output = invoke("summary", "--by", "year", *args, "--chart", "--lang", "en")
        table_output = invoke("summary", "--by", "year", *args, "--lang", "en")
        assert chart_output.exit_code == table_output.exit_code == 0
        assert chart_output.stdout == table_output.stdout
        assert "no events match." in chart_output.stdout and "│ 0" not in chart_output.stdout
