"""The fast check of large stores passes exactly the events the precise check passes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from helpers import SOURCE, STORE, bundled
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_timeline.model import Event
from syria_timeline.store import checks, fastcheck
from syria_timeline.store.sources import SourceTexts

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([10**9, 10**9 + 1, 2**64, 1.0,
                                                                    -0.0, 1e300]),
    st.sampled_from(["", " ", "\u00a0", "\t", "x", "-x", "a--b", "A", "raqqa", "sdf", "syria",
                     "islamic-state", "2017", "2017-10", "2017-10-17", "2017-02-30", "2017-13",
                     "0000", "day", "month", "year", "capture", "clash", "exact", "text",
                     "afp-2018-05-21", "2017-10-18", "2017-10-16", "\ud800", "ok\u0085"]),
    st.text(max_size=6), st.lists(st.sampled_from(["sdf", "nobody", "", 3]), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
)
FIELDS = st.sampled_from([*Event.fields(), "unknown_field"])


def verdicts(document: dict[str, Any], folder: Path) -> tuple[bool, bool]:
    path = folder / "store.json"
    texts = SourceTexts(path)
    slow = not list(checks.check(path, document, texts=texts))
    raws = [json.dumps(e).encode("utf-8", "surrogatepass") for e in document["events"]]
    fast = fastcheck.events_pass(raws, checks.Known(document, texts)) is not None
    return slow, fast


@settings(max_examples=400, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 19), FIELDS, VALUES | st.just("<drop>")),
                      min_size=0, max_size=3))
def test_fast_and_slow_checks_agree(tmp_path_factory: Any, edits: list[Any]) -> None:
    folder = tmp_path_factory.mktemp("store")
    (folder / "sources").mkdir()
    (folder / "sources" / SOURCE.name).write_bytes(SOURCE.read_bytes())
    document = copy.deepcopy(bundled())
    for n, field, value in edits:
        if value == "<drop>":
            document["events"][n].pop(field, None)
        else:
            document["events"][n][field] = value
    slow, fast = verdicts(document, folder)
    assert fast == slow or (slow and not fast and _undecodable(document)), edits
    if not edits:
        assert fast and slow


def _undecodable(document: dict[str, Any]) -> bool:
    """What msgspec cannot decode at all (a lone surrogate) is left to the slow check."""
    return "\\ud800" in json.dumps(document)


def test_the_fast_check_sees_the_bundled_store_valid() -> None:
    document = json.loads(STORE.read_text(encoding="utf-8"))
    slow, fast = verdicts(document, STORE.parent)
    assert slow and fast
