"""The bundled store is faithful to the article, and loading checks every rule."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import SOURCE, STORE, bundled, event, invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline.arabic import months, normalize, to_ascii_digits
from syria_timeline.errors import StoreError
from syria_timeline.store import checks
from syria_timeline.store import loading as store

TEXT = SOURCE.read_text(encoding="utf-8")
EVENTS = bundled()["events"]
# Days the article spells out in words instead of digits.
DAY_WORDS = {2: "الثاني من", 26: "السادس والعشرين من"}


def test_the_copy_of_the_article_is_the_shared_original() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "source" / SOURCE.name
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert shared.read_bytes() == SOURCE.read_bytes()


def test_source_record_carries_the_texts_hash() -> None:
    (source,) = bundled()["sources"]
    assert source["sha256"] == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert (source["publisher"], source["dateline"], source["published"], source["language"]) \
        == ("AFP", "بيروت", "2018-05-21", "ar")


@pytest.mark.parametrize("record", EVENTS, ids=lambda e: e["id"])
def test_quote_is_verbatim(record: dict[str, Any]) -> None:
    assert record["quote"] in TEXT


@pytest.mark.parametrize("record", EVENTS, ids=lambda e: e["id"])
def test_precision_is_what_the_quote_supports(record: dict[str, Any]) -> None:
    quote = to_ascii_digits(record["quote"])
    year, *rest = record["date"].split("-")
    if record["date_basis"] == "text":
        assert year in quote
    elif record["date_basis"] == "publication":
        assert year == "2018" and not re.search(r"\b20\d\d\b", quote.replace("منذ عام 2012", ""))
    if rest:
        month_names = [name for name, number in months().items() if number == int(rest[0])]
        assert any(name in normalize(quote) for name in month_names)
    if len(rest) == 2:
        day = int(rest[1])
        assert re.search(rf"(?<!\d){day}(?!\d)", quote) or DAY_WORDS[day] in quote
    else:
        # A month or year event: no day number stands before the month in the quote.
        names = "كانون|شباط|آذار|نيسان|ايار|حزيران|تموز|اب|آب|ايلول|تشرين"
        assert not re.search(rf"(?<![\d/])\d{{1,2}} (?:{names})", quote)


@pytest.mark.parametrize("record", [e for e in EVENTS if e["killed"] or e["civilians_killed"]],
                         ids=lambda e: e["id"])
def test_every_figure_appears_in_its_quote(record: dict[str, Any]) -> None:
    digits = to_ascii_digits(record["quote"]).replace("،", "").replace(",", "")
    for name in ("killed", "civilians_killed"):
        if record[name] is not None:
            assert str(record[name]) in digits


def test_named_actors_are_named_in_the_quote() -> None:
    actors = {a["id"]: a for a in bundled()["actors"]}
    for record in EVENTS:
        quote = normalize(record["quote"])
        for role in ("victor", "loser", "actor", "target", "figures_source", "supported_by"):
            ids = record[role] if isinstance(record[role], list) else [record[role]]
            for actor_id in filter(None, ids):
                names = [actors[actor_id]["name_ar"], *actors[actor_id]["aliases"]]
                words = {w for n in names for w in normalize(n).split() if len(w) > 3}
                assert words & set(quote.split()), (record["id"], role, actor_id)


def test_the_article_tells_twenty_events_once_each() -> None:
    ids = [e["id"] for e in EVENTS]
    assert len(ids) == len(set(ids)) == 20
    assert sum(e["place"] == "yarmouk" for e in EVENTS) == 1  # told twice, stored once


def test_no_invented_facts_where_the_text_is_silent() -> None:
    dabiq = event(bundled(), "2016-10-dabiq")
    assert dabiq["victor"] is None and dabiq["precision"] == "month"
    assert event(bundled(), "2016-08-jarablus")["loser"] is None
    assert event(bundled(), "2017-11-02-deir-ez-zor")["supported_by"] == []  # "its allies"


def test_references_resolve_and_ids_are_unique() -> None:
    document = bundled()
    assert list(checks.check(STORE, document)) == []
    for kind in ("places", "actors", "events"):
        ids = [r["id"] for r in document[kind]]
        assert len(ids) == len(set(ids))


def test_loading_the_bundled_store() -> None:
    loaded = store.load()
    assert len(loaded.events) == 20
    assert loaded.places["palmyra"].aliases[0] == "Tadmur"


BROKEN = [
    (lambda d: event(d, "2017-10-17-raqqa").pop("date"),
     "event 2017-10-17-raqqa: field 'date': missing"),
    (lambda d: event(d, "2017-10-17-raqqa").update(date=2017),
     "event 2017-10-17-raqqa: field 'date': a JSON number; expected a string"),
    (lambda d: event(d, "2017-10-17-raqqa").update(date="2017-02-30"),
     "event 2017-10-17-raqqa: field 'date': '2017-02-30' is not a real calendar date"),
    (lambda d: event(d, "2016-10-dabiq").update(date="2016-10-01"),
     "event 2016-10-dabiq: field 'date': '2016-10-01' does not have the shape YYYY-MM"),
    (lambda d: event(d, "2016-10-dabiq").update(precision="week"),
     "event 2016-10-dabiq: field 'precision': 'week'; expected one of day, month, year"),
    (lambda d: event(d, "2016-10-dabiq").update(id="2016-08-manbij"),
     "event 2016-08-manbij: field 'id': '2016-08-manbij' is used twice"),
    (lambda d: event(d, "2016-10-dabiq").update(place="atlantis"),
     "event 2016-10-dabiq: field 'place': 'atlantis' is not the id of any place"),
    (lambda d: event(d, "2016-10-dabiq").update(victor="martians"),
     "event 2016-10-dabiq: field 'victor': 'martians' is not the id of any actor"),
    (lambda d: event(d, "2016-08-manbij").update(supported_by=["nato"]),
     "event 2016-08-manbij: field 'supported_by': 'nato' is not the id of any actor in the store"),
    (lambda d: event(d, "2016-10-dabiq").update(type="battle"),
     "event 2016-10-dabiq: field 'type': 'battle'; expected one of capture"),
    (lambda d: event(d, "2016-10-dabiq").update(quote="خسرها التنظيم في 2016"),
     "event 2016-10-dabiq: field 'source': the quote is not found verbatim"),
    (lambda d: event(d, "2016-10-dabiq").update(killed=-3),
     "event 2016-10-dabiq: field 'killed': -3; expected a whole number from 0 to 1,000,000,000, "
     "or null"),
    (lambda d: event(d, "2017-10-17-raqqa").update(civilians_killed=5000),
     "event 2017-10-17-raqqa: field 'civilians_killed': 5000 is more than killed (3250)"),
    (lambda d: event(d, "2016-10-dabiq").update(colour="red"),
     "event 2016-10-dabiq: field 'colour': unknown field"),
    (lambda d: event(d, "2016-10-dabiq").update(source="reuters"),
     "event 2016-10-dabiq: field 'source': 'reuters' is not the id of any source"),
    (lambda d: d["places"][7].update(province="raqqa"),
     "place kobani: field 'province': 'raqqa' is not the id of a place of kind 'province'"),
    (lambda d: d["places"][7].update(lat=95),
     "place kobani: field 'lat': 95; expected a number from -90 to 90"),
    (lambda d: d["places"][7].update(kind="metropolis"),
     "place kobani: field 'kind': 'metropolis'; expected one of country"),
    (lambda d: d["actors"][0].pop("name_en"), "actor islamic-state: field 'name_en': missing"),
    (lambda d: d["actors"].append(d["actors"][0]),
     "actor islamic-state: field 'id': 'islamic-state' is used twice"),
    (lambda d: d.update(schema=4), "field 'schema': 4; this version reads schema 1, 2 or 3"),
    (lambda d: d.pop("events"), "missing top-level keys: events"),
    (lambda d: d.update(places={}), "field 'places': a JSON object; expected a list"),
    (lambda d: d["events"].append(7), "event #20: a JSON number; expected an object"),
]


@pytest.mark.parametrize(("edit", "message"), BROKEN, ids=[m[:50] for _, m in BROKEN])
def test_each_rule_names_file_record_and_field(make_store: Any, edit: Any, message: str) -> None:
    path = make_store(edit)
    with pytest.raises(StoreError) as caught:
        store.load(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    result = invoke("--data", str(path), "list", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: {message}")


def test_validate_lists_every_problem(make_store: Any) -> None:
    def edit(d: dict[str, Any]) -> None:
        event(d, "2016-10-dabiq").update(place="atlantis")
        event(d, "2016-08-manbij").update(date="2016-13")
        event(d, "2017-02-al-bab").update(type="siege")

    path = make_store(edit)
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and lines[-1] == f"3 problems in {path}"
    assert "event 2016-10-dabiq: field 'place'" in result.stderr
    assert "event 2016-08-manbij: field 'date'" in result.stderr
    assert "event 2017-02-al-bab: field 'type'" in result.stderr


def test_validate_a_good_store_and_a_changed_source_text(make_store: Any, tmp_path: Path) -> None:
    path = make_store()
    result = invoke("validate", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{path}: valid store: 20 events, 17 places, 9 actors, 1 source\n"
    copy = tmp_path / "sources" / SOURCE.name
    copy.write_text(copy.read_text(encoding="utf-8") + " ", encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert "field 'sha256': the file" in result.stderr


def test_a_store_is_only_read(make_store: Any) -> None:
    path = make_store()
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(path.parent.iterdir()))
    for args in (["list"], ["list", "--json"], ["city", "Raqqa"], ["places"], ["summary"]):
        assert invoke("--data", str(path), *args).exit_code == 0
    assert invoke("validate", str(path)).exit_code == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(path.parent.iterdir())) == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(["sources", "places", "actors", "events"]), index=st.integers(0, 19),
       field=st.sampled_from(["id", "date", "precision", "place", "province", "kind", "aliases",
                              "victor", "supported_by", "killed", "lat", "sha256", "quote",
                              "file", "name_ar", "type", "source"]),
       value=JSON_VALUES)
def test_any_value_in_any_field_is_a_problem_or_fine_never_a_crash(
        kind: str, index: int, field: str, value: Any) -> None:
    document = bundled()
    records = document[kind]
    records[index % len(records)][field] = value
    problems = list(checks.check(STORE, document))
    if not problems:
        store.from_document(STORE, document)
    assert all(p.startswith(f"{STORE}: ") and "\n" not in p for p in problems)
