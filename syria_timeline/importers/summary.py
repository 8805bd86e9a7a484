"""A dataset event's one-line Arabic and English summary, made only of the row's own codes
and names: nothing is said that the row does not say."""

from __future__ import annotations

from typing import Any

from syria_timeline.importers.actors import Actors
from syria_timeline.importers.places import Places
from syria_timeline.vocabulary import TYPE_NAMES_AR

_AFTER_AGAINST = {"civilians": "المدنيين", "protesters": "المتظاهرين", "rioters": "مثيري الشغب"}


def summaries(event: dict[str, Any], label: str, places: Places, actors: Actors
              ) -> tuple[str, str]:
    """`label`: the dataset's most specific code for the event (`Armed clash`)."""
    place = places.records[event["place"]]
    first = event.get("victor") or event.get("actor")
    second = event.get("loser") or event.get("target")
    names = {a: (actors.records[a].name_ar, actors.records[a].name_en) for a in (first, second)
             if a}
    if second in _AFTER_AGAINST:  # "ضد" takes the genitive: ضد المدنيين, not ضد مدنيون
        names[second] = (_AFTER_AGAINST[second], names[second][1])
    if event["type"] == "capture":
        ar = f"سيطرة {names[first][0] if first else 'طرف غير مسمى'} على {place.name_ar}"
        en = f"{names[first][1] if first else 'Unnamed actor'} took {place.name_en}"
        if second:
            ar, en = f"{ar}، انتزعها من {names[second][0]}", f"{en} from {names[second][1]}"
        return ar, en
    ar = f"{TYPE_NAMES_AR[event['type']]} في {place.name_ar}"
    label = label or event["type"]
    en = f"{label[:1].upper()}{label[1:]} at {place.name_en}"
    if first:
        ar, en = f"{ar}: {names[first][0]}", f"{en}: {names[first][1]}"
        if second:
            ar, en = f"{ar} ضد {names[second][0]}", f"{en} against {names[second][1]}"
    return ar, en
