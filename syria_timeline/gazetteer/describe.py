"""What the gazetteer knows of one place, for a place that has no events to show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from syria_timeline.arabic import has_arabic, normalize
from syria_timeline.gazetteer.data import entries
from syria_timeline.gazetteer.names import find
from syria_timeline.model import Place

# The gazetteer's kinds of place, in Arabic and English.
KIND_NAMES = {
    "country": ("دولة", "country"), "province": ("محافظة", "governorate"),
    "district": ("منطقة إدارية", "district"), "city": ("مدينة", "city"), "town": ("بلدة", "town"),
    "village": ("قرية", "village"), "neighbourhood": ("حي", "neighbourhood"),
    "region": ("منطقة", "region"), "camp": ("مخيم", "camp"), "dam": ("سد", "dam"),
    "airport": ("مطار", "airport"), "airbase": ("قاعدة جوية", "air base"),
    "military-base": ("قاعدة عسكرية", "military base"), "oil-field": ("حقل نفط", "oil field"),
    "gas-field": ("حقل غاز", "gas field"), "border-crossing": ("معبر حدودي", "border crossing"),
    "mountain": ("جبل", "mountain"), "landmark": ("معلم", "landmark"), "prison": ("سجن", "prison"),
    "refinery": ("مصفاة", "refinery"), "road": ("طريق", "road"), "locality": ("موقع", "locality"),
}
_LABELS = {
    "known": ("في المعجم الجغرافي", "In the gazetteer"), "in": ("في", "in"),
    "names": ("أسماء أخرى", "Other names"), "point": ("الإحداثيات", "Coordinates"),
    "source": ("مصدر الإحداثيات", "Coordinates from"),
    "approx": ("تقدير من خرائط عامة", "read off public maps"),
}


def _say(label: str, lang: str) -> str:
    arabic, english = _LABELS[label]
    return arabic if lang == "ar" else english


def kind_name(kind: str, lang: str) -> str:
    arabic, english = KIND_NAMES.get(kind, (kind, kind))
    return arabic if lang == "ar" else english


def facts(ident: str) -> dict[str, Any] | None:
    """The gazetteer's record of a place, with its own kind and its point's source; None if unknown."""
    entry = entries().get(ident)
    if entry is None:
        return None
    return {**entry.place.to_json(), "kind": entry.kind, "source": entry.source}


def lines(ident: str, lang: str, limit: int = 8) -> list[str]:
    """The facts as lines to read: name, kind and governorate; other names; the point."""
    record = facts(ident)
    if record is None:
        return []
    other = "en" if lang == "ar" else "ar"
    title = f"{record[f'name_{lang}']} ({record[f'name_{other}']})"
    where = kind_name(record["kind"], lang)
    province = entries().get(record["province"] or "")
    if province is not None:
        where += f" {_say('in', lang)} {province.place.name(lang)}"
    found = [f"{_say('known', lang)}: {title}، {where}" if lang == "ar"
             else f"{_say('known', lang)}: {title}, {where}"]
    # The reader's own script first: Arabic forms for an Arabic reader, romanizations for others.
    aliases = sorted(record.get("aliases", ()), key=lambda a: has_arabic(a) != (lang == "ar"))
    if aliases:
        more = "…" if len(aliases) > limit else ""
        found.append(f"{_say('names', lang)}: {('، ' if lang == 'ar' else ', ').join(aliases[:limit])}{more}")
    if record["lat"] is not None:
        source = record["source"] or ""
        origin = _say("approx", lang) if "approx" in source else source.replace("geonames:", "GeoNames ")
        found.append(f"{_say('point', lang)}: {record['lat']:.4f}, {record['lon']:.4f}"
                     + (f" ({origin})" if origin else ""))
    return found


def _named(spellings: tuple[str, ...], places: Mapping[str, Place]) -> list[Place]:
    wanted = {normalize(s) for s in spellings}
    return [p for p in places.values()
            if wanted & {normalize(n) for n in (p.name_ar, p.name_en, p.id, *p.aliases)}]


def which_meaning(name: str, chosen: str, store: Mapping[str, Place], lang: str) -> str | None:
    """When `name` is both a city and its governorate: which one `chosen` is, and how to name
    the other (حلب, دير الزور, الرقة, حمص). The store's own places answer when they hold both
    (the gazetteer's file is not read then); the gazetteer otherwise."""
    spellings = (name, f"محافظة {name}", f"{name} Governorate")
    named = _named(spellings, store)
    mine = next((p for p in named if p.id == chosen), None) or \
        next((e.place for e in find(name) if e.place.id == chosen), None)
    if mine is None or mine.kind not in ("province", "city", "town"):
        return None
    other = _counterpart(mine, named) or _counterpart(mine, [e.place for s in spellings for e in find(s)])
    if other is None:
        return None
    this, that = (kind_name(p.kind, lang) for p in (mine, other))
    ask = _unambiguous(other, store)
    if lang == "ar":
        return f"{name} اسم {this} و{that}: المعروض هنا ال{this}؛ لل{that} اكتب {ask}"
    return f"{name} names a {this} and a {that}: this is the {this}; for the {that}, ask for {ask}"


def _counterpart(mine: Place, named: list[Place]) -> Place | None:
    if mine.kind == "province":
        return next((p for p in named if p.province == mine.id and p.kind in ("city", "town")), None)
    return next((p for p in named if p.id == mine.province), None)


def _unambiguous(place: Place, store: Mapping[str, Place]) -> str:
    """A spelling that names `place` and nothing else, in the store or the gazetteer."""
    for spelling in (place.name_ar, f"مدينة {place.name_ar}", place.name_en, f"{place.name_en} city"):
        owners = {p.id for p in _named((spelling,), store)}
        if not owners:  # the store answers a name it knows first; else the gazetteer
            owners = {e.place.id for e in find(spelling)}
        if owners == {place.id}:
            return spelling
    return place.id
