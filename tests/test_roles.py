"""Actors by role: --victor, --loser, --actor (any role); names that fit several are errors."""

from __future__ import annotations

import json

import pytest
from helpers import invoke


def ids(*args: str) -> list[str]:
    result = invoke("list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return [e["id"] for e in json.loads(result.stdout)]


def test_victor_is_who_took_the_place() -> None:
    assert ids("--victor", "قسد") == ["2016-08-manbij", "2017-10-17-raqqa"]
    assert ids("--victor", "SDF", "--type", "capture") == ["2016-08-manbij", "2017-10-17-raqqa"]
    # Repeatable: either one.
    assert ids("--victor", "قسد", "--victor", "YPG") == [
        "2015-01-26-kobani", "2016-08-manbij", "2017-10-17-raqqa"]


def test_loser_is_who_lost_it() -> None:
    assert ids("--loser", "opposition") == ["2014-01-14-raqqa"]
    assert ids("--loser", "داعش", "--year", "2015") == ["2015-01-26-kobani"]
    assert ids("--victor", "داعش", "--loser", "داعش") == []


def test_actor_keeps_meaning_any_role() -> None:
    assert ids("--actor", "SOHR") == ["2017-10-17-raqqa"]  # the source of the figures
    assert ids("--actor", "Russia") == ["2017-03-02-palmyra"]  # a backer
    assert ids("--actor", "روسيا", "--actor", "قسد") == [
        "2016-08-manbij", "2017-03-02-palmyra", "2017-10-17-raqqa", "2018-05-sdf-final-phase"]


@pytest.mark.parametrize("name", ["الجيش العربي السوري", "قوات النظام", "regime", "Regime forces",
                                  "النظام السوري", "SAA"])
def test_common_names_of_the_syrian_army(name: str) -> None:
    assert ids("--actor", name) == ids("--actor", "syrian-army")


@pytest.mark.parametrize(("name", "actor_id"), [
    ("داعش", "islamic-state"), ("ISIS", "islamic-state"), ("تنظيم الدولة", "islamic-state"),
    ("قسد", "sdf"), ("YPG", "kurdish-forces"), ("وحدات حماية الشعب", "kurdish-forces"),
    ("Turkey", "turkish-army"), ("coalition", "us-led-coalition"),
])
def test_common_names_resolve(name: str, actor_id: str) -> None:
    assert ids("--actor", name) == ids("--actor", actor_id)


@pytest.mark.parametrize("name", ["army", "الجيش", "Army", "الجيـــش"])
def test_a_name_that_fits_several_actors_is_an_error_that_names_them(name: str) -> None:
    for option in ("--actor", "--victor", "--loser"):
        result = invoke("list", option, name)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"Error: {name} names several actors: الجيش السوري (Syrian army, syrian-army) or "
            "الجيش التركي (Turkish army, turkish-army); give one of them\n")


def test_summary_takes_the_roles_too() -> None:
    result = invoke("summary", "--by", "place", "--victor", "الجيش السوري", "--json")
    assert [c["key"] for c in json.loads(result.stdout)] == [
        "albu-kamal", "deir-ez-zor", "mayadin", "palmyra", "yarmouk"]
