"""How well `timeline extract` reads articles: the bundled one, and the development corpus.

    .venv/bin/python benchmarks/extract_quality.py            # both, and the speed
    .venv/bin/python benchmarks/extract_quality.py --show     # and each corpus miss and extra

1. The bundled article against the hand-made store: each reference event is matched to an
   extracted one with the same date and precision (and the same place, when several share the
   date). Reported: events found; of those, the place right, the victor right where the
   reference names one, the quote overlapping; and the extracted events the reference lacks.
2. The development corpus (`../shared/corpus/`, beside the checkout; its texts belong to their
   publishers and are never copied here): every article extracted in-process and scored by
   the corpus README's rule — an event fits a reading when its date is one of the reading's,
   its precision the same, and (when the reading names places) one of its keywords is in the
   event place's id, Arabic or English name; pairs are a maximum one-to-one matching; recall =
   pairs / readings; an event is spurious when its date is none of the article's readings'
   (optional ones too); place right = pairs with the place / pairs on date and precision alone.
   Where the corpus is not there, the report says so and goes on.
3. The time to extract a 5,000-word text once the names are loaded (start-up apart).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLE = ROOT / "data" / "sources" / "afp-2018-05-21-isis-defeats-syria.ar.txt"


def measure() -> dict[str, Any]:
    """The bundled article against the hand-made store."""
    from syria_timeline.extract.drafting import default_names, draft_store

    text = ARTICLE.read_text(encoding="utf-8")
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


def _place_words(event: dict[str, Any], by_id: dict[str, Any]) -> str:
    place = by_id.get(event["place"])
    words = [event["place"], place.name_ar, place.name_en] if place else [event["place"]]
    return " ".join(words).lower()


def _fits(reading: dict[str, Any], event: dict[str, Any], where: str, with_place: bool) -> bool:
    return (event["date"] in reading["dates"] and event["precision"] == reading["precision"]
            and (not with_place or not reading["places"]
                 or any(k.lower() in where for k in reading["places"])))


def _pairs(readings: list[dict[str, Any]], events: list[dict[str, Any]],
           fits: Callable[[dict[str, Any], int], bool]) -> dict[int, int]:
    """A maximum one-to-one matching {reading: event} (augmenting paths)."""
    owner: dict[int, int] = {}

    def take(r: int, seen: set[int]) -> bool:
        for e in range(len(events)):
            if e not in seen and fits(readings[r], e):
                seen.add(e)
                if e not in owner or take(owner[e], seen):
                    owner[e] = r
                    return True
        return False

    for r in range(len(readings)):
        take(r, set())
    return {r: e for e, r in owner.items()}


def score_article(article: dict[str, Any], names: Any) -> dict[str, Any]:
    from syria_timeline.extract.drafting import draft_store

    text = (CORPUS / article["file"]).read_text(encoding="utf-8")
    events = draft_store(text, date.fromisoformat(article["published"]), {"publisher": "corpus"},
                         names)["events"]
    where = [_place_words(e, names.by_id) for e in events]
    gold, placed = article["gold"], [g for g in article["gold"] if g["places"]]
    found = _pairs(gold, events, lambda g, e: _fits(g, events[e], where[e], True))
    dated = {d for g in gold + article["optional"] for d in g["dates"]}
    spurious = [e for e in events if e["date"] not in dated]
    return {
        "id": article["id"], "gold": len(gold), "found": len(found), "extracted": len(events),
        "spurious": len(spurious),
        "placed_by_date": len(_pairs(placed, events, lambda g, e: _fits(g, events[e], "", False))),
        "placed_right": len(_pairs(placed, events, lambda g, e: _fits(g, events[e], where[e], True))),
        "missed": [g for i, g in enumerate(gold) if i not in found],
        "spurious_events": spurious,
    }


def corpus(show: bool = False) -> list[str]:
    """The corpus table, one line per article and the overall figures; or why there is none."""
    gold = CORPUS / "gold.json"
    if not gold.is_file():
        return [f"development corpus: not found at {CORPUS} (it sits beside the checkout as "
                "../shared/corpus); only the bundled article is measured"]
    from syria_timeline.extract.drafting import default_names

    names = default_names()
    rows = [score_article(a, names) for a in json.loads(gold.read_text(encoding="utf-8"))["articles"]]
    lines = [f"{'article':32} {'gold':>4} {'found':>5} {'extr':>4} {'spur':>4} {'place':>6}"]
    for r in rows:
        lines.append(f"{r['id']:32} {r['gold']:4} {r['found']:5} {r['extracted']:4} "
                     f"{r['spurious']:4} {r['placed_right']:>3}/{r['placed_by_date']:<2}")
        lines += [f"    missed   {'|'.join(g['dates'])} {g['precision']}: {g['what']}"
                  for g in r["missed"] if show]
        lines += [f"    spurious {e['date']} {e['precision']}: {e['quote'][:60]}"
                  for e in r["spurious_events"] if show]
    total = {k: sum(r[k] for r in rows) for k in ("gold", "found", "extracted", "spurious",
                                                  "placed_by_date", "placed_right")}

    def share(a: str, b: str) -> float:
        return total[a] / total[b] if total[b] else 0.0

    lines.append(f"recall {share('found', 'gold'):.2f} ({total['found']}/{total['gold']}), "
                 f"spurious {share('spurious', 'extracted'):.2f} "
                 f"({total['spurious']}/{total['extracted']}), place right "
                 f"{share('placed_right', 'placed_by_date'):.2f} "
                 f"({total['placed_right']}/{total['placed_by_date']})")
    return lines


def speed() -> str:
    """Extraction time of a ~5,000-word article (the bundled one eight times over), once the
    gazetteer and the actors are loaded: the start-up of the command is apart."""
    from syria_timeline.extract.drafting import default_names, draft_store

    text = (ARTICLE.read_text(encoding="utf-8") + "\n\n") * 8
    names = default_names()
    began = time.perf_counter()
    draft_store(text, date(2018, 5, 21), {"publisher": "AFP"}, names)
    return f"{len(text.split()):,} words extracted in {time.perf_counter() - began:.2f} s"


if __name__ == "__main__":
    print("The bundled article, against the hand-made store")
    for name, value in measure().items():
        print(f"  {name:40} {value}")
    print("\nThe development corpus (../shared/corpus), by its README's rule")
    for line in corpus(show="--show" in sys.argv[1:]):
        print(f"  {line}")
    print(f"\n  {'speed':40} {speed()}")
