"""Fixtures: a clean environment for every test, and stores made from the bundled one."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SOURCE, bundled
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

# Hypothesis keeps the examples it found in a database; outside the checkout, so that a test
# run leaves `git status` clean (TIMELINE_HYPOTHESIS_DB chooses another folder).
_EXAMPLES = os.environ.get("TIMELINE_HYPOTHESIS_DB") or os.path.join(
    tempfile.gettempdir(), "syria-timeline-hypothesis")
settings.register_profile("timeline", database=DirectoryBasedExampleDatabase(_EXAMPLES))
settings.load_profile("timeline")



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
