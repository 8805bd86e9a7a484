"""`timeline merge`: one store from several; same happenings told once, every quote kept."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import SOURCE, STORE, bundled, event, invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline import merge

ARTICLE = """دمشق: أعلنت قوات سوريا الديموقراطية السبت السيطرة على بلدة الباغوز.

في 17 تشرين الاول/اكتوبر 2017، طردت قوات سوريا الديموقراطية تنظيم الدولة الإسلامية من مدينة الرقة.

في 23 آذار/مارس 2019، أعلنت قوات سوريا الديموقراطية السيطرة على بلدة الباغوز بعد معارك مع التنظيم.
"""


def documents(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_whole_flow_of_the_readme(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    mine, everything = tmp_path / "mine" / "store.json", tmp_path / "all" / "store.json"
    assert invoke("extract", str(article), "--published", "2019-03-23", "-o", str(mine)).exit_code == 0
    assert invoke("validate", str(mine)).exit_code == 0
    result = invoke("merge", "bundled", str(mine), "-o", str(everything))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"21 events from 2 stores (1 told by several sources), 0 "
                             f"contradictions; written to {everything}\n")
    assert invoke("validate", str(everything)).exit_code == 0
    baghuz = json.loads(invoke("--data", str(everything), "city", "الباغوز", "--json").stdout)
    assert [e["victor"]["id"] for e in baghuz] == ["sdf"]
    raqqa = json.loads(invoke("--data", str(everything), "show", "2017-10-17-raqqa", "--json").stdout)
    assert raqqa["quote"] == event(bundled(), "2017-10-17-raqqa")["quote"]  # the base account
    assert raqqa["other_quotes"] == [
        "في 17 تشرين الاول/اكتوبر 2017، طردت قوات سوريا الديموقراطية تنظيم الدولة الإسلامية من "
        "مدينة الرقة."]


def test_merging_a_store_with_itself_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out" / "store.json"
    assert invoke("merge", str(STORE), "bundled", "-o", str(out)).exit_code == 0
    merged, original = documents(out), bundled()
    for kind in ("places", "actors", "sources"):
        assert sorted(merged[kind], key=lambda r: r["id"]) == sorted(original[kind],
                                                                     key=lambda r: r["id"])
    strip = [{k: v for k, v in e.items() if k not in ("other_sources", "other_quotes")}
             for e in merged["events"]]
    assert sorted(strip, key=lambda e: e["id"]) == sorted(original["events"], key=lambda e: e["id"])
    assert all(e["other_sources"] == [] for e in merged["events"])
    assert (out.parent / "sources" / SOURCE.name).read_bytes() == SOURCE.read_bytes()


@settings(max_examples=25, deadline=None)
@given(split=st.lists(st.booleans(), min_size=20, max_size=20))
def test_the_order_of_the_inputs_does_not_matter(split: list[bool]) -> None:
    one, two = copy.deepcopy(bundled()), copy.deepcopy(bundled())
    one["events"] = [e for e, side in zip(one["events"], split, strict=True) if side]
    two["events"] = [e for e, side in zip(two["events"], split, strict=True) if not side]
    inputs = [merge.Input(STORE, one), merge.Input(STORE.with_name("other.json"), two)]
    assert merge.merge(inputs)[0] == merge.merge(inputs[::-1])[0]


def test_two_readings_of_the_same_words_are_one_event_and_reported(make_store: Any,
                                                                    tmp_path: Path) -> None:
    other = make_store(lambda d: event(d, "2017-10-17-raqqa").update(
        victor="syrian-army", id="2017-10-17-raqqa-other"), name="other.json")
    out = tmp_path / "merged.json"
    result = invoke("merge", "bundled", str(other), "-o", str(out))
    assert result.exit_code == 0
    assert ("Contradiction: 2017-10-17-raqqa and 2017-10-17-raqqa-other: the same words of "
            "afp-2018-05-21, read with victor sdf or syrian-army: kept as one event, victor "
            "sdf") in result.stderr
    raqqa = [e for e in documents(out)["events"] if e["date"] == "2017-10-17"]
    assert [e["victor"] for e in raqqa] == ["sdf"]


def another_source(document: dict[str, Any]) -> dict[str, Any]:
    """The same store told by another source (its own id and text): other words."""
    other = copy.deepcopy(document)
    other["sources"][0].update(id="another-agency", sha256="0" * 64)
    other["sources"][0].pop("file", None)
    for record in other["events"]:
        record["source"] = "another-agency"
    return other


def test_contradicting_accounts_of_two_sources_are_kept_apart_and_reported() -> None:
    other = another_source(bundled())
    event(other, "2017-10-17-raqqa").update(victor="syrian-army", id="2017-10-17-raqqa-other")
    document, conflicts, _ = merge.merge([merge.Input(STORE, bundled()),
                                          merge.Input(STORE.with_name("other.json"), other)])
    assert conflicts == ["2017-10-17-raqqa and 2017-10-17-raqqa-other: 2017-10-17 at raqqa, "
                         "victor sdf or syrian-army: kept apart"]
    raqqa = [e for e in document["events"] if e["date"] == "2017-10-17"]
    assert sorted(e["victor"] for e in raqqa) == ["sdf", "syrian-army"]


def test_accounts_of_two_sources_with_different_figures_keep_their_own() -> None:
    other = another_source(bundled())
    event(other, "2017-10-17-raqqa").update(killed=3000, id="2017-10-17-raqqa-other")
    document, conflicts, _ = merge.merge([merge.Input(STORE, bundled()),
                                          merge.Input(STORE.with_name("other.json"), other)])
    assert conflicts == ["2017-10-17-raqqa and 2017-10-17-raqqa-other: 2017-10-17 at raqqa, "
                         "killed 3250, civilians_killed 1130 or killed 3000, civilians_killed "
                         "1130: one event, each account's figures kept"]
    (raqqa,) = [e for e in document["events"] if e["date"] == "2017-10-17"]
    assert (raqqa["killed"], raqqa["other_figures"]) == (
        3250, ["another-agency: killed 3000, civilians_killed 1130"])
    # Every happening is one event told by both sources.
    assert len(document["events"]) == len(bundled()["events"])
    assert all(e["other_sources"] == ["another-agency"] for e in document["events"])


def test_it_never_writes_over_a_file_nor_touches_its_inputs(tmp_path: Path) -> None:
    out = tmp_path / "store.json"
    out.write_text("mine", encoding="utf-8")
    refused = invoke("merge", "bundled", "-o", str(out))
    assert (refused.exit_code, refused.stderr) == (
        2, f"Error: --output: {out} exists; give --force to replace it\n")
    assert out.read_text(encoding="utf-8") == "mine"
    assert invoke("merge", "bundled", "-o", str(out), "--force").exit_code == 0
    same = invoke("merge", str(out), "-o", str(out), "--force")
    assert same.exit_code == 2 and "inputs are only read" in same.stderr


def test_a_broken_input_is_a_clean_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = invoke("merge", "bundled", str(broken), "-o", str(tmp_path / "out.json"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {broken}: line 1, column 2: not valid JSON")
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(("sources", "quotes", "problem"), [
    (["afp-2018-05-21"], [], "0 quotes for 1 other sources"),
    (["afp-2018-05-21"], ["لم ترد في المقال"], "a quote is not found verbatim"),
])
def test_other_accounts_are_checked(sources: list[str], quotes: list[str], problem: str,
                                    make_store: Any) -> None:
    path = make_store(lambda d: event(d, "2016-10-dabiq").update(other_sources=sources,
                                                                 other_quotes=quotes))
    result = invoke("validate", str(path))
    assert result.exit_code == 1 and problem in result.stderr


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), stores=st.integers(1, 3))
def test_any_merge_is_valid_and_ignores_input_order(seed: int, stores: int) -> None:
    """Stores that keep some events, rename a place, change victors or coarsen dates."""
    import random

    from syria_timeline.store import checks

    rng = random.Random(seed)
    inputs = []
    for k in range(stores):
        document = copy.deepcopy(bundled())
        document["events"] = [e for e in document["events"] if rng.random() < 0.6]
        if rng.random() < 0.5:
            place = rng.choice(document["places"])
            old, place["id"] = place["id"], place["id"] + "-x"
            for other in document["places"]:
                other["province"] = place["id"] if other.get("province") == old else \
                    other.get("province")
            for e in document["events"]:
                e["place"] = place["id"] if e["place"] == old else e["place"]
        for e in document["events"]:
            if e.get("victor") and rng.random() < 0.1:
                e["victor"] = rng.choice([a["id"] for a in document["actors"]])
            if e["precision"] == "day" and rng.random() < 0.1:
                e["date"], e["precision"] = e["date"][:7], "month"
        inputs.append(merge.Input(STORE.with_name(f"store-{k}.json"), document))
    merged = merge.merge(inputs)[0]
    assert list(checks.check(STORE.with_name("merged.json"), merged)) == []
    shuffled = inputs[::-1]
    rng.shuffle(shuffled)
    assert merge.merge(shuffled)[0] == merged


def draft(tmp_path: Path, name: str, text: str, published: str) -> Path:
    """`timeline extract` of a text, written with its source beside it."""
    article = tmp_path / f"{name}.txt"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / name / "store.json"
    result = invoke("extract", str(article), "--published", published, "--publisher", name,
                    "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_the_bundled_article_s_own_draft_adds_no_happening(tmp_path: Path) -> None:
    mine = draft(tmp_path, "afp", SOURCE.read_text(encoding="utf-8"), "2018-05-21")
    out = tmp_path / "merged.json"
    assert invoke("merge", "bundled", str(mine), "-o", str(out)).exit_code == 0
    merged = documents(out)["events"]
    told = [(e["place"], e["date"][:7]) for e in merged if e["type"] == "capture"]
    assert sorted(told) == sorted(set(told))  # no capture told twice at one place in a month
    manbij = [e for e in merged if e["place"] == "manbij"]
    assert len(manbij) == 1  # the same words of the same text: nothing new to keep


def test_another_article_s_account_of_a_bundled_happening_is_one_event(tmp_path: Path) -> None:
    text = ("دمشق (وكالات) - \nفي 14 كانون الثاني/يناير 2014، سيطر تنظيم الدولة الإسلامية على "
            "مدينة الرقة في شمال سوريا بعد معارك عنيفة مع فصائل المعارضة المسلحة.\n")
    other = draft(tmp_path, "agency", text, "2014-01-15")
    out = tmp_path / "merged.json"
    assert invoke("merge", "bundled", str(other), "-o", str(out)).exit_code == 0
    raqqa = [e for e in documents(out)["events"] if e["date"] == "2014-01-14"]
    assert len(raqqa) == 1 and raqqa[0]["victor"] == "islamic-state"
    assert len(raqqa[0]["other_sources"]) == 1


def test_a_city_never_folds_into_the_governorate_named_after_it() -> None:
    """The bundled store's governorate `damascus` is called دمشق; a store's city دمشق stays a
    city: a governorate and the city it is named after share a name, never a place."""
    other = another_source(bundled())
    other["places"].append({"id": "damascus-city", "name_ar": "دمشق", "name_en": "Damascus",
                            "kind": "city", "province": "damascus"})
    event(other, "2018-05-21-damascus-yarmouk")["place"] = "damascus-city"
    document, _, _ = merge.merge([merge.Input(STORE, bundled()),
                                  merge.Input(STORE.with_name("other.json"), other)])
    kinds = {p["id"]: p["kind"] for p in document["places"]}
    assert (kinds["damascus"], kinds["damascus-city"]) == ("province", "city")
    assert {e["place"] for e in document["events"] if e["date"].startswith("2018-05")} >= \
        {"damascus-city"}
