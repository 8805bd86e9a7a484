"""Shared helpers: the CLI in-process (CliRunner) and as a real process, and store builders."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from syria_timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "data" / "events.json"
SOURCE = ROOT / "data" / "sources" / "afp-2018-05-21-isis-defeats-syria.ar.txt"


def bundled() -> dict[str, Any]:
    return json.loads(STORE.read_text(encoding="utf-8"))


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    """Run the CLI in-process; stdout and stderr apart."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
        stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m syria_timeline` as a real process (entry point, packaged data, encoding)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "syria_timeline", *args], capture_output=True,
                          env=full_env, cwd=cwd or ROOT, input=stdin, timeout=60)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TIMELINE_DATA", "TIMELINE_LANG", "TIMELINE_BIDI", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[..., Path]:
    """make_store(edit) writes a copy of the bundled store changed by edit(document)."""

    def make(edit: Callable[[dict[str, Any]], Any] | None = None, name: str = "store.json") -> Path:
        document = copy.deepcopy(bundled())
        if edit is not None:
            edit(document)
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / SOURCE.name).write_bytes(SOURCE.read_bytes())
        path = tmp_path / name
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return make


def event(document: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in document["events"] if e["id"] == event_id)
