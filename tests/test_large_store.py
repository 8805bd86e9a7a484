"""A large store, read lazily, answers exactly as the same store read whole."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, SOURCE, invoke

from syria_timeline.store import checks, streaming
from syria_timeline.store import loading as store

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    path = tmp_path / "big.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(path), "400"],
                   check=True, capture_output=True)
    return path


@pytest.mark.parametrize("args", [
    ["list", "--year", "2017", "--json"], ["list", "--place", "محافظة دير الزور", "--jsonl"],
    ["list", "--actor", "sdf", "--sort", "-date", "--limit", "7", "--csv"],
    ["list", "--from", "2016-08-15", "--to", "2016-10", "--type", "capture", "--json"],
    ["summary", "--by", "place", "--json"], ["city", "Raqqa", "--geojson"],
])
def test_lazy_and_whole_agree(generated: Path, monkeypatch: pytest.MonkeyPatch,
                              args: list[str]) -> None:
    whole = invoke("--data", str(generated), *args)
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    lazy = invoke("--data", str(generated), *args)
    assert (lazy.exit_code, lazy.stdout) == (whole.exit_code, whole.stdout)
    assert whole.exit_code == 0 and len(whole.stdout) > 100


def test_lazy_store_is_checked_once_then_remembered(generated: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    calls = []
    real_check = checks.check

    def counting_check(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("syria_timeline.store.opening.check", counting_check)
    assert invoke("--data", str(generated), "list", "--json").exit_code == 0
    assert invoke("--data", str(generated), "list", "--json").exit_code == 0
    assert len(calls) == 1
    document = json.loads(generated.read_text(encoding="utf-8"))
    document["events"][1]["id"] = document["events"][0]["id"]
    generated.write_text(json.dumps(document), encoding="utf-8")
    result = invoke("--data", str(generated), "list", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "is used twice" in result.stderr


def test_lazy_store_reports_unknown_top_level_keys(generated: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(generated.read_text(encoding="utf-8"))
    document["colour"] = "red"
    document["$schema"] = "syria_timeline/schema.json"
    generated.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    result = invoke("--data", str(generated), "list", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: {generated}: unknown top-level key 'colour' "
                             "(a store has schema, sources, places, actors, events)\n")


def test_lazy_store_broken_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 10)
    path = tmp_path / "broken.json"
    path.write_text('{"schema": 1,\n "events": [1, }', encoding="utf-8")
    result = invoke("--data", str(path), "list")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: line 2, column ")


def test_gazetteer_and_history_on_a_lazy_store(generated: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [invoke("--data", str(generated), *args).stdout
             for args in (["places", "--json"], ["actors", "--json"], ["city", "Palmyra"])]
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    lazy = [invoke("--data", str(generated), *args).stdout
            for args in (["places", "--json"], ["actors", "--json"], ["city", "Palmyra"])]
    assert lazy == whole
    assert "Palmyra" in json.dumps(json.loads(whole[0]))


@pytest.mark.parametrize("by", ["year", "place", "actor", "type"])
def test_summary_on_a_lazy_store(generated: Path, monkeypatch: pytest.MonkeyPatch, by: str) -> None:
    args = ["--data", str(generated), "summary", "--by", by, "--year", "2016", "--json"]
    whole = invoke(*args).stdout
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    assert invoke(*args).stdout == whole
    assert sum(c["count"] for c in json.loads(whole)) > 0


# --- the "already checked" marker ------------------------------------------------------------


def break_in_place(path: Path) -> None:
    """Make the store invalid without changing its size, then restore its modification time."""
    before = path.stat()
    data = path.read_bytes()
    first_id = json.loads(data)["events"][0]["id"].encode()
    bad = first_id[:-1] + b"X"  # uppercase: not an id, same length
    path.write_bytes(data.replace(first_id, bad, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_a_store_edited_in_place_with_size_and_time_restored_is_checked_again(
        generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    assert invoke("--data", str(generated), "list", "--json").exit_code == 0
    break_in_place(generated)
    result = invoke("--data", str(generated), "list", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "is not an id: use a-z, 0-9 and hyphens" in result.stderr


def test_a_changed_source_text_makes_the_store_checked_again(
        make_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_store()
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    assert invoke("--data", str(path), "list", "--json").exit_code == 0
    text = path.parent / "sources" / SOURCE.name
    text.write_text(text.read_text(encoding="utf-8").replace("الرقة", "مدينة"), encoding="utf-8")
    result = invoke("--data", str(path), "list", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "the quote is not found verbatim in the text of source 'afp-2018-05-21'" in result.stderr


@pytest.mark.parametrize(("field", "value", "args", "problem"), [
    ("date", "2017-13-17", ["list"], "'2017-13-17' is not a real calendar date"),
    ("date", "2017-13-17", ["city", "Raqqa"], "'2017-13-17' is not a real calendar date"),
    ("place", 13, ["summary", "--by", "place"], "field 'place': a JSON number; expected a string"),
    ("precision", "dai", ["show", "2017-10-17-raqqa-15"], "field 'precision': 'dai'; expected one of"),
])
def test_a_forged_marker_never_yields_a_traceback(
        generated: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: Any,
        args: list[str], problem: str) -> None:
    """Whatever the marker says, a bad value that breaks an answer is a clean store error."""
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    document = json.loads(generated.read_bytes())
    (target,) = [e for e in document["events"] if e["id"] == "2017-10-17-raqqa-15"]
    target[field] = value
    generated.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    marker = store._marker(generated, document["sources"])
    assert marker is not None
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()  # forged: this store never passed
    result = invoke("--data", str(generated), *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {generated}: event 2017-10-17-raqqa-15: ")
    assert problem in result.stderr
    assert not marker.exists()  # and the lie is forgotten


def test_a_relative_cache_folder_is_ignored(generated: Path, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert invoke("--data", str(generated), "list", "--json").exit_code == 0
    assert not (tmp_path / "relative-cache").exists()
    assert list((tmp_path / "home" / ".cache" / "syria-timeline" / "checked").iterdir())


def test_a_read_only_cache_only_costs_a_check(generated: Path, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    first = invoke("--data", str(generated), "list", "--year", "2016", "--json")
    second = invoke("--data", str(generated), "list", "--year", "2016", "--json")
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert first.stdout == second.stdout
    # one warning a run: the index cannot be kept, so every query reads the whole store
    assert first.stderr == second.stderr == (
        f"Warning: cannot keep an index in {blocked}/syria-timeline/index (not a directory): "
        "every query reads the whole store\n")


def _with_source(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The bundled store 50 times over, its source text beside it (quotes are checked)."""
    document = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
    document["events"] = [dict(e, id=f"{e['id']}-{n}") for n in range(50)
                          for e in document["events"]]
    (tmp_path / "sources").mkdir()
    for text in (ROOT / "data" / "sources").iterdir():
        (tmp_path / "sources" / text.name).write_bytes(text.read_bytes())
    return tmp_path / "store.json", document


BREAKS: list[tuple[str, Any]] = [
    ("nothing", None), ("id", "2014-01-14-raqqa-0"), ("quote", "not in the article"),
    ("summary_en", "a bell\x07 rings"), ("summary_ar", "   "), ("date", "2017-02-30"),
    ("precision", "week"), ("killed", -1), ("place", "atlantis"), ("colour", "red"),
    ("victor", "nobody"), ("sha256", "0" * 64), ("figures_source", "nobody"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("field", "value"), BREAKS)
def test_validate_of_a_large_store_reports_as_the_whole_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: Any) -> None:
    path, document = _with_source(tmp_path)
    if field == "sha256":
        document["sources"][0]["sha256"] = value
    elif value is not None:
        document["events"][700][field] = value
        document["events"][5][field] = value
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    whole = invoke("validate", str(path))
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    for chunk in (64 * 1024 * 1024, 3000):  # one chunk; many, cut after whole events
        monkeypatch.setattr(streaming, "CHUNK", chunk)
        streamed = invoke("validate", str(path))
        assert (streamed.exit_code, streamed.stdout, streamed.stderr) == (
            whole.exit_code, whole.stdout, whole.stderr)
    assert whole.exit_code == (0 if field == "nothing" else 1)


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["events first", "a key after", "duplicate events",
                                    "trailing text", "braces"])
def test_validate_of_a_store_laid_out_otherwise(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                layout: str) -> None:
    """Whatever the layout, the chunked read says what the whole read says."""
    path, document = _with_source(tmp_path)
    events = document.pop("events")
    if layout == "braces":  # an end of event inside text, where a chunk may be cut
        events[3]["summary_en"] = events[3]["summary_en"] + ' "}, {"id": "x"}'
    text = json.dumps(document, ensure_ascii=False, indent=1)[:-2]
    listed = json.dumps(events, ensure_ascii=False, indent=1)
    text = {"events first": '{"events": ' + listed + "," + text[1:] + "}",
            "a key after": text + ', "events": ' + listed + ', "colour": 1}',
            "duplicate events": text + ', "events": [], "events": ' + listed + "}",
            "trailing text": text + ', "events": ' + listed + "} x",
            "braces": text + ', "events": ' + listed + "}"}[layout]
    path.write_text(text, encoding="utf-8")
    whole = invoke("validate", str(path))
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.setattr(streaming, "CHUNK", 2000)
    streamed = invoke("validate", str(path))
    assert (streamed.exit_code, streamed.stdout, streamed.stderr) == (
        whole.exit_code, whole.stdout, whole.stderr)
    assert whole.exit_code == (1 if layout in ("a key after", "trailing text") else 0)


def test_a_chunk_is_cut_after_its_last_whole_event() -> None:
    data = b'{"a": "x"}, {"b": "y}, {"}, {"c": "z}, '
    raws, end = streaming._cut(data) or ([], 0)
    assert [bytes(raw) for raw in raws] == [b'{"a": "x"}', b'{"b": "y}, {"}']
    assert data[end:] == b', {"c": "z}, '
    assert streaming._cut(b'{"c": "z}, ') is None


@pytest.mark.slow
def test_validate_of_a_large_store_that_is_not_utf8(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path, document = _with_source(tmp_path)
    text = json.dumps(document, ensure_ascii=False, indent=1).encode()
    for at in (text.index(b"\xd8"), len(text) // 2, text.rindex(b"}") - 1):
        path.write_bytes(text[:at] + b"\xff" + text[at:])
        whole = invoke("validate", str(path))
        monkeypatch.setattr(store, "LAZY_BYTES", 1000)
        streamed = invoke("validate", str(path))
        monkeypatch.setattr(store, "LAZY_BYTES", 4 * 1024 * 1024)
        assert (streamed.exit_code, streamed.stderr) == (whole.exit_code, whole.stderr)
        assert "is not UTF-8" in whole.stderr


def test_a_large_store_reports_its_progress(generated: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from syria_timeline.store import building

    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.setattr(building, "BATCH", 100)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    told: list[tuple[str, int, int]] = []
    store.load(generated, progress=lambda *step: told.append(step))
    assert told == [*(("checking", n, 400) for n in range(0, 400, 100)),
                    *(("indexing", n, len(building.INDEXES))
                      for n in range(len(building.INDEXES)))]
    told.clear()
    monkeypatch.setattr(streaming, "CHUNK", 50_000)
    store.validate_file(generated, progress=lambda *step: told.append(step))
    size = generated.stat().st_size
    assert {(what, total) for what, _, total in told} == {("reading", size)}
    done = [step[1] for step in told]
    assert done == sorted(done) and len(done) > 2 and 0 < done[0] < 50_000 < done[-1] < size


def test_progress_without_a_terminal_is_a_few_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from syria_timeline.cli.progress import Shown

    shown = Shown(terminal=False)
    for done in range(0, 1000, 50):
        shown("checking", done, 1000)
    shown("indexing", 0, 5)
    shown("indexing", 1, 5)
    shown.close()
    assert capsys.readouterr().err.splitlines() == [
        "checking the events: 0 of 1,000", "checking the events: 250 of 1,000",
        "checking the events: 500 of 1,000", "checking the events: 750 of 1,000",
        "making the index: 0 of 5"]


@pytest.mark.parametrize("quiet", [False, True])
def test_quiet_shows_no_progress(generated: Path, tmp_path: Path, quiet: bool,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from syria_timeline.cli import progress
    from syria_timeline.store import building

    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.setattr(building, "BATCH", 100)
    monkeypatch.setattr(progress, "PLAIN_BYTES", 1000)  # a log gets lines for this store
    result = invoke(*(["--quiet"] if quiet else []), "--data", str(generated), "validate",
                    str(generated))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines == ([] if quiet else ["checking the store: 0 of 0 MiB"])


@pytest.mark.parametrize("quiet", [False, True])
def test_the_first_text_search_shows_how_far_its_index_is(
        generated: Path, tmp_path: Path, quiet: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from syria_timeline.cli import progress
    from syria_timeline.store import building, words

    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.setattr(building, "BATCH", 100)
    monkeypatch.setattr(words, "BATCH", 100)
    monkeypatch.setattr(progress, "PLAIN_BYTES", 1000)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    quieter = ["--quiet"] if quiet else []
    assert invoke(*quieter, "--data", str(generated), "list", "--year", "2017").exit_code == 0
    asked = [*quieter, "--data", str(generated), "list", "--text", "الرقة", "--limit", "1"]
    first, again = invoke(*asked), invoke(*asked)
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert first.stderr.splitlines() == ([] if quiet else [
        "indexing the words: 0 of 400", "indexing the words: 100 of 400",
        "indexing the words: 200 of 400", "indexing the words: 300 of 400",
        "indexing the words: 400 of 400"])
    assert again.stderr == ""


def test_rows_written_here_or_by_a_second_process_answer_alike(
        generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from syria_timeline.store import building

    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    asked = ["--data", str(generated), "list", "--actor", "sdf", "--sort", "-date", "--jsonl"]
    found = []
    for way in ("second process", "here", "second process cannot start"):
        monkeypatch.setattr(building, "SECOND_PROCESS", way != "here")
        if way.endswith("cannot start"):
            monkeypatch.setattr(sys, "executable", "/bin/false")
        cache = tmp_path / way.replace(" ", "-")
        monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
        first, again = invoke(*asked), invoke(*asked)  # built, then read from the index
        assert first.exit_code == again.exit_code == 0
        assert first.stdout == again.stdout and first.stderr == again.stderr == ""
        made = list(cache.glob("syria-timeline/index/*.sqlite"))
        assert len(made) == 1
        with contextlib.closing(sqlite3.connect(made[0])) as db:  # every index, each way
            assert sorted(r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) \
                == ["by_date", "by_id", "by_place"]
        found.append(again.stdout)
    assert found[0] == found[1] == found[2] and found[0].count("\n") > 10
