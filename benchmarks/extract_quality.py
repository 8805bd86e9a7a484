"""How well `timeline extract` rebuilds the hand-made store from its own article.

    .venv/bin/python benchmarks/extract_quality.py

Each reference event is matched to an extracted one with the same date and precision (and the
same place, when several share the date). Reported: events found with the exact date and
precision; of those, the place right, the victor right where the reference names one, the
quote overlapping the reference's; and the extracted events the reference does not have.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def measure() -> dict[str, Any]:
    from syria_timeline.extract.drafting import default_names, draft_store

    article = ROOT / "data" / "sources" / "afp-2018-05-21-isis-defeats-syria.ar.txt"
    text = article.read_text(encoding="utf-8")
    extracted = draft_store(text, date(2018, 5, 21), {"publisher": "AFP"}, default_names())["events"]
    reference = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    pairs, left = [], list(extracted)
    for ref in reference:
        same = [e for e in left if (e["date"], e["precision"]) == (ref["date"], ref["precision"])]
        same.sort(key=lambda e: e["place"] != ref["place"])
        if same:
            pairs.append((ref, same[0]))
            left.remove(same[0])
    with_victor = [(r, e) for r, e in pairs if r["victor"]]
    return {
        "reference events": len(reference),
        "found, exact date and precision": len(pairs),
        "place right": sum(r["place"] == e["place"] for r, e in pairs),
        "type right": sum(r["type"] == e["type"] for r, e in pairs),
        "victor right (reference names one)": f"{sum(r['victor'] == e['victor'] for r, e in with_victor)}"
                                              f" of {len(with_victor)}",
        "quote overlaps": sum(r["quote"] in e["quote"] or e["quote"] in r["quote"] or
                              bool(set(r["quote"].split()) & set(e["quote"].split()))
                              for r, e in pairs),
        "extra events": len(left),
        "missed": [r["id"] for r in reference if r not in [p[0] for p in pairs]],
    }


def speed() -> str:
    """Extraction time of a ~5,000-word article (the bundled one eight times over)."""
    import time

    from syria_timeline.extract.drafting import default_names, draft_store

    article = ROOT / "data" / "sources" / "afp-2018-05-21-isis-defeats-syria.ar.txt"
    text = (article.read_text(encoding="utf-8") + "\n\n") * 8
    names = default_names()
    began = time.perf_counter()
    draft_store(text, date(2018, 5, 21), {"publisher": "AFP"}, names)
    return f"{len(text.split()):,} words extracted in {time.perf_counter() - began:.2f} s"


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:40} {value}")
    print(f"{'speed':40} {speed()}")
