"""Places named in running text: every gazetteer name form, longest match first.

A name is found with or without a cue word, as Arabic news writes them («استعادة سنجار»),
except where a place's name is also an ordinary word: words that mostly are not places (حي،
حول، الشام for the Levant, السورية as an adjective…) are never places, and the smallest places
(villages, whose names are often words) need a word that announces a place before them (في،
من، قرية، مدينة، سيطر على…). Places inside an actor's name (قوات سوريا الديموقراطية) are not
places. A place named as a landmark (شمال بغداد، قرب الحدود) or in a relative clause (التي
تبعد عن تدمر…) only counts when the clause names no other.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from syria_timeline.arabic import has_arabic, normalize
from syria_timeline.extract.dates import date_pattern, same_length
from syria_timeline.model import Place

# Words that are gazetteer names but mostly something else in news text (normalized when
# used): «حي» a neighbourhood, «حول» around, «الشام» the Levant, «السورية» an adjective…
NOT_PLACES = (
    "حي", "الحي", "حول", "الشام", "بلاد الشام", "الثورة", "البلاد", "البلد", "المدينة",
    "العاصمة", "الدولة", "النصر", "السلام", "الخير", "الحرية", "الوسط", "الشمال", "الجنوب",
    "الشرق", "الغرب", "المركز", "الجديدة", "القديمة", "الكبرى", "المنطقة", "الحدود", "المعارضة",
    "النظام", "الشعب", "الأمن", "السجن", "القلعة", "المطار", "الجامعة", "السوق", "الطريق",
    "القصر", "الجبهة", "التحالف", "الجيش", "الحكومة", "الأثرية", "الفرات", "النهر", "الريف",
    "الضفة", "الشرقية", "الغربية", "الشمالية", "الجنوبية", "مدن", "التنظيم", "الوطن", "الإسلام",
    "الحق", "الأمل", "العودة", "المستقبل", "القاعدة", "الأنصار", "الحراك", "العلم", "القاسم",
    "الزبير", "الكرامة", "الجلاء", "الزيارة", "الروضة", "الحاضر", "الشجرة", "الحمراء", "الدور",
    "القبو", "الضمير", "قنوات", "سلوك", "صدد", "الراعي", "ملح", "كسب", "حرير", "خالص", "مهين",
    "التل", "المزرعة", "الرياض", "الجيزة", "الهندية", "الشامية", "الحمزة", "الرفاعي", "العباسي",
    "السلمان", "شين", "نبل", "دبس", "بنان", "الوحدة", "الفتح", "الشهداء", "البعث", "الاستقلال",
    "التحرير", "الصمود", "النور", "الأمين", "الرشيد", "الفاروق", "الإمام", "الشيخ", "السيدة",
)
# Adjectives written like a country's or a province's name with the article (السورية،
# العراقي): never places, whatever aliases a gazetteer gives.
ADJECTIVES = ("السورية", "السوري", "السوريين", "السوريون", "العراقية", "العراقي", "العراقيين",
              "الشامية", "الشامي", "التركية", "التركي", "الكردية", "الكردي", "الحلبي", "الحلبية")
# Words after which a name is a place even when the place is a small one.
_CUES = (
    "في", "من", "على", "الى", "إلى", "نحو", "داخل", "مدينة", "مدينتي", "بلدة", "بلدتي", "قرية",
    "قريتي", "مخيم", "محافظة", "محافظتي", "منطقة", "ناحية", "حي", "أحياء", "ريف", "مطار",
    "قاعدة", "معبر", "سد", "حقل", "قضاء", "مركز", "بلدات", "قرى", "جبل", "تلة", "سيطر", "سيطرت",
    "السيطرة", "سيطرته", "سيطرتها",
    "استعاد", "استعادت", "استعادة", "دخل", "دخلت", "دخول", "اقتحم", "اقتحمت", "اقتحام", "حرر",
    "حررت", "تحرير", "سقوط", "سقطت", "سقط", "حصار", "محيط", "أطراف", "ضواحي", "مناطق", "معقل",
)
# Words before a place named as a landmark or a direction, not as where it happened.
_NEAR = (
    "قرب", "بالقرب", "مقربة", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
    "الشمال", "الجنوب", "الشرق", "الغرب", "حدود", "الحدود", "المتاخمة", "المتاخم", "المحاذية",
    "المحاذي", "بين", "عن",
)
# «أبو»، «ابن»: what follows is a person's name («أبو بكر البغدادي»، «ابن تيمية»).
_KUNYA = frozenset(normalize(w) for w in ("أبو", "أبي", "أبا", "ابن", "بن", "أم", "بنت", "آل"))
_RELATIVE = ("التي", "الذي", "الذين", "اللتين", "اللذين", "حيث")
# Smallest first. Sites (a camp, and a "locality": a neighbourhood, an air base, a dam…) before
# settlements; a village, a town and a city are one rank, so that the first named of them wins
# («سيطروا على حلب بعد معارك في قرية …» is about Aleppo); then regions, provinces, countries.
_RANK = {"camp": 0, "locality": 0, "village": 1, "town": 1, "city": 1, "region": 2,
         "province": 3, "country": 4}
_SMALL = ("village", "locality")


def rank(place: Place) -> int:
    return _RANK.get(place.kind, 0)


@dataclass(frozen=True)
class Named:
    """A place named at `start`..`end` of a text; `near` when named as a landmark (شمال
    بغداد), `relative` when named in a relative clause (التي تبعد عن حلب)."""

    start: int
    end: int
    place: Place
    near: bool = False
    relative: bool = False


class PlaceNames:
    """Normalized name form → places, and the longest form's length in words."""

    def __init__(self, spellings: Mapping[str, Sequence[Place]]) -> None:
        stop = {normalize(w) for w in NOT_PLACES}
        self.names = {k: list(v) for k, v in spellings.items() if k and k not in stop}
        self._article: dict[str, bool | None] = {}
        self.longest = max((len(k.split()) for k in self.names), default=1)
        self.first = frozenset(k.split(" ", 1)[0] for k in self.names)
        self.cues = frozenset(normalize(w) for w in _CUES)
        self.near = frozenset(normalize(w) for w in _NEAR)
        self.relative = frozenset(normalize(w) for w in _RELATIVE)
        self.adjectives = frozenset(ADJECTIVES)

    def article(self, key: str) -> bool | None:
        """True when every Arabic spelling of this name form has the article (الباب: without
        it «باب» is a common noun, باب عمرو), False when none has it (سورية: with it,
        «السورية» is an adjective), None when both are written."""
        if key not in self._article:
            spellings = [n for p in self.names.get(key, ()) for n in (p.name_ar, *p.aliases)
                         if has_arabic(n) and _normal(n) == key]
            with_it = {n.startswith("ال") for n in spellings}
            self._article[key] = with_it.pop() if len(with_it) == 1 else None
        return self._article[key]


def _bare(raw: str) -> str:
    """The word without the prefixes و، ف، ب، ل، ك before its article («وللسورية» → السورية)."""
    while len(raw) > 4 and not raw.startswith(("ال", "لل")) and raw[0] in "وفبلك":
        raw = raw[1:]
    return "ال" + raw[2:] if raw.startswith("لل") else raw


def _has_article(raw: str) -> bool:
    core = raw.lstrip("وف")
    return core.startswith(("ال", "بال", "كال", "لل"))


_WORD = re.compile(r"[\w\u0640\u064b-\u0652]+")


@lru_cache(maxsize=65536)
def _normal(word: str) -> str:
    return normalize(word)


@lru_cache(maxsize=65536)
def without_prefixes(word: str) -> tuple[tuple[str, str], ...]:
    """(form, prefix) of the word with attached prefixes taken off (و ف ب ل ك, then the
    article): «وبالرقة» → رقه with prefix «وب»; the word itself first, prefix «»."""
    out = [(word, "")]
    core, prefix = word, ""
    for _ in range(3):
        if len(core) <= 3 or core[0] not in "وفبلك":
            break
        prefix, core = prefix + core[0], core[1:]
        if core.startswith("ل") and prefix.endswith("ل") and len(core) > 3:  # لل = ل + ال
            core = core[1:]
        out.append((core[2:] if core.startswith("ال") and len(core) > 3 else core, prefix))
    return tuple(out)


def words(text: str) -> list[tuple[str, int, int]]:
    """(normalized word, start, end) of each word (not "_", which normalizes to nothing)."""
    return [(n, m.start(), m.end()) for m in _WORD.finditer(text) for n in [_normal(m[0])] if n]


def places_named(text: str, index: PlaceNames, skip: Sequence[tuple[int, int]] = (),
                 heading: bool = False) -> list[Named]:
    """Each place the text names, longest name first at each word, in text order."""
    skip = [*skip, *((m.start(), m.end()) for m in date_pattern().finditer(same_length(text)))]
    tokens = _outside(words(text), skip)
    found: list[Named] = []
    relative = False  # inside a relative clause, up to the next comma or «و»
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        if i and (re.search(r"[،,:؛;.(]", text[tokens[i - 1][2]:tokens[i][1]]) or word[0] == "و"):
            relative = False
        if word in index.relative:
            relative = True
        hit = _match_at(text, tokens, i, index, heading,
                        bool(found) and found[-1].end >= tokens[i - 1][2])
        if hit is None:
            i += 1
            continue
        size, place = hit
        near = i > 0 and tokens[i - 1][0] in index.near
        found.append(Named(tokens[i][1], tokens[i + size - 1][2], place, near, relative))
        i += size
    return found


def _outside(tokens: list[tuple[str, int, int]], skip: Sequence[tuple[int, int]]
             ) -> list[tuple[str, int, int]]:
    """The tokens that start outside every span of `skip`."""
    starts = [t[1] for t in tokens]
    inside: set[int] = set()
    for a, b in skip:
        inside.update(range(bisect_left(starts, a), bisect_left(starts, b)))
    return [t for k, t in enumerate(tokens) if k not in inside]


def _match_at(text: str, tokens: list[tuple[str, int, int]], i: int, index: PlaceNames,
              heading: bool, after_place: bool) -> tuple[int, Place] | None:
    before = [f for f, _ in without_prefixes(tokens[i - 1][0])] if i > 0 else []
    if any(tokens[j][0] in _KUNYA for j in range(max(0, i - 2), i)):
        return None  # «أبو بكر البغدادي»: a person's name, not the town
    forms = without_prefixes(tokens[i][0])
    if not any(form in index.first for form, _ in forms):
        return None
    cue = heading or after_place or any(b in index.cues for b in before)
    for size in range(min(index.longest, len(tokens) - i), 0, -1):
        rest = [t[0] for t in tokens[i + 1:i + size]]
        for form, prefix in forms:
            key = " ".join([form, *rest])
            places = index.names.get(key)
            raw = text[tokens[i][1]:tokens[i][2]]
            if not places or index.article(key) not in (None, _has_article(raw)) \
                    or _bare(raw) in index.adjectives:
                continue
            if any(_adjective(form, p) for p in places):
                continue  # «السورية»: a nisba of Syria's name, an adjective
            usable = [p for p in places if cue or "ب" in prefix or p.kind not in _SMALL]
            if usable:
                return size, _which(usable, before)
    return None


def _adjective(form: str, place: Place) -> bool:
    main = normalize(place.name_ar)
    return form != main and (form.endswith("يه") or form.endswith("ي")) \
        and not main.endswith(form[-2:]) and form.startswith(main[:3])


def _which(places: Sequence[Place], before: Sequence[str]) -> Place:
    """Of the places one spelling names: the province after «محافظة» or «ريف», else the
    smallest (people mean the city)."""
    province = any(b in (normalize("محافظة"), normalize("ريف")) for b in before)
    return min(places, key=lambda p: (p.kind != "province" if province else 0, rank(p), p.id))


def choose(named: Sequence[Named], country: str | None = None, landmarks: bool = True
           ) -> Place | None:
    """The place a clause is about: the smallest it names in its own words, else in its
    relative clauses, else (when `landmarks`) as a landmark; the first among equals, and among
    countries the one the article is about."""
    own = [n for n in named if not n.near and not n.relative] or \
        [n for n in named if not n.near] or (list(named) if landmarks else [])
    if not own:
        return None
    return min(own, key=lambda n: (rank(n.place), n.place.id != country, n.start)).place
