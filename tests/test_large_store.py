"""A large store, read lazily, answers exactly as the same store read whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, invoke

from syria_timeline import checks, store


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

    monkeypatch.setattr("syria_timeline.store.check", counting_check)
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
