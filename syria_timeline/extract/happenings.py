"""One event per happening: a happening told twice in an article (its lead and its list) is
one event, at the most precise date and the smallest place the tellings give."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from syria_timeline.extract.places import rank
from syria_timeline.model import Place


def one_per_happening(events: list[dict[str, Any]], by_id: Mapping[str, Place]) -> list[dict[str, Any]]:
    """A happening told twice (its lead and its list) is one event: overlapping dates, the
    same kind, and the same place or one inside the other (or a place the text did not name).
    Only events of the same year are compared: linear in the article's length."""
    kept: list[dict[str, Any]] = []
    by_year: dict[str, list[int]] = {}
    for event in events:
        year = str(event["date"])[:4]
        twin = next((k for k in by_year.get(year, []) if _same(kept[k], event, by_id)), None)
        if twin is None:
            by_year.setdefault(year, []).append(len(kept))
            kept.append(event)
        else:
            kept[twin] = _joined(kept[twin], event, by_id)
    return kept


def _same(a: dict[str, Any], b: dict[str, Any], by_id: Mapping[str, Place]) -> bool:
    """Overlapping dates (a year and a day in it are two happenings: at most a month apart in
    precision), the same kind (or one untyped, on the same date), and places that are one."""
    short, long_ = sorted((str(a["date"]), str(b["date"])), key=len)
    if not long_.startswith(short) or len(long_) - len(short) > 3:
        return False
    if a["type"] != b["type"] and not (short == long_ and "other" in (a["type"], b["type"])):
        return False
    if a["quote"] == b["quote"]:
        return short == long_
    if a.get("sentence") == b.get("sentence"):
        return False  # two clauses of one sentence tell two happenings
    if a["back"] or b["back"]:
        return False  # «في اليوم نفسه»: another happening on the date of the one before
    lead = short == long_ and (a["date_basis"] == "relative") != (b["date_basis"] == "relative")
    return _country(a, by_id) or _country(b, by_id) or _related(str(a["place"]), str(b["place"]),
                                                                 by_id, lead)


def _country(event: dict[str, Any], by_id: Mapping[str, Place]) -> bool:
    """An event whose place stands in for one the text did not name (the article's country)."""
    place = by_id.get(event["place"])
    return bool(event["fallback"] and place and place.kind == "country")


def _joined(a: dict[str, Any], b: dict[str, Any], by_id: Mapping[str, Place]) -> dict[str, Any]:
    """The telling with the more precise date (the dated one over «today»), with the smaller
    place of the two when only one was named or one lies inside the other."""
    first, second = sorted((a, b), key=lambda e: (-len(e["date"]), e["date_basis"] == "relative",
                                                  e["offset"]))
    merged = {**first, "review": [*first["review"], "told twice in the article: one event"]}
    here, there = by_id.get(first["place"]), by_id.get(second["place"])
    if not second["fallback"] and (first["fallback"] or (here and there and rank(there) < rank(here))):
        merged.update(place=second["place"], fallback=False,
                      review=[n for n in merged["review"] if not n.startswith("place:")])
    for role in ("victor", "loser", "actor", "target"):
        merged[role] = merged.get(role) or second.get(role)
    return merged


def _related(a: str, b: str, by_id: Mapping[str, Place], lead: bool = False) -> bool:
    """The same place, one inside the other; for a lead's «today» and the list's same day,
    two places of one province too (دمشق and its camp اليرموك)."""
    if a == b:
        return True
    pa, pb = by_id.get(a), by_id.get(b)
    if not (pa and pb):
        return False
    return pa.province == b or pb.province == a or (
        lead and pa.province is not None and pa.province == pb.province)
