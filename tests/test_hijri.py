"""Umm al-Qura Hijri dates, in JSON and on screen."""

from __future__ import annotations

import json

from helpers import invoke


def test_hijri_dates() -> None:
    (raqqa,) = json.loads(invoke("list", "--place", "raqqa", "--year", "2017", "--hijri",
                                 "--json").stdout)
    assert raqqa["hijri"] == "1439-01-27"
    (dabiq,) = json.loads(invoke("list", "--place", "dabiq", "--hijri", "--json").stdout)
    assert dabiq["hijri"] == {"start": "1437-12-30", "end": "1438-01-30"}
    assert "hijri" not in json.loads(invoke("list", "--limit", "1", "--json").stdout)[0]
    table = invoke("list", "--place", "raqqa", "--year", "2017", "--hijri", env={"COLUMNS": "140"})
    assert "27 محرم 1439" in table.stdout
    shown = invoke("show", "2016-10-dabiq", "--hijri", "--lang", "en", env={"COLUMNS": "120"})
    assert "Oct 2016 (Dhu al-Hijjah 1437 – Muharram 1438)" in shown.stdout
