"""Gazetteer names in running Arabic text, found without cue words, longest name first.

`forms()` lists every Arabic name form with the places it names; `NOT_PLACE_WORDS` are forms
that are place names somewhere but in a news sentence mostly are not (حي a neighbourhood or
"alive", الشام the Levant, السورية an adjective, الثورة the revolution rather than Tabqa);
`mentions(text)` uses both: it finds names word by word, with the prefixes و ف ب ل ك that
Arabic writes joined to a word, and the longest name wins (دير الزور over الزور).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from syria_timeline.arabic import has_arabic, normalize
from syria_timeline.gazetteer.data import entries
from syria_timeline.gazetteer.names import keys
from syria_timeline.model import PLACE_SIZE_ORDER

# Place names that are, in a news sentence, most often a common word, a person's name or an
# adjective. They are still found as part of a longer name (مخيم الهول, سد الحرية).
NOT_PLACE_WORDS = (
    "حي", "حول", "الشام", "السورية", "سورية", "العراقية", "الثورة", "النصر", "الحرية", "التحرير",
    "الجديدة", "الجديد", "الشرقية", "الغربية", "الشمالية", "الجنوبية", "الشرقي", "الغربي",
    "الكبير", "الكبيرة", "الصغير", "الصغيرة", "الوسطى", "العربية", "العرب", "الإسلامية",
    "الدولة", "الأمن", "السلام", "الكرامة", "العمر", "المدينة", "المركز", "البلد", "الريف",
    "المطار", "المعبر", "المخيم", "السد", "الجبل", "المحطة", "الصناعة", "المزرعة", "السجن",
    "القرية", "البلدة", "الحدود", "الجيش", "النور", "الأمل", "الرشيد", "الحسين", "علي", "عمر",
    "خالد", "أحمد", "محمد", "حسن", "الحسن", "عيسى", "الأمين", "الوحدة", "الفرات", "دجلة",
    "الزور", "الخير", "البيضاء", "الحمراء", "الخضراء", "السوداء", "العين", "عين", "تل", "جبل",
    "الأول", "الثاني", "المنطقة", "القوات", "الفتح", "العدل", "الرحمن", "الإمام", "الشيخ",
    "الحاج", "السيد", "الملك", "الأمير", "الحرة", "الحر", "الوطن", "الشعب", "الاتحاد", "التل",
    "الصحة", "المزة", "الميدان", "القدم", "العمال", "الانتصار", "الشفاء", "الجولان", "الغاب",
    "الحمدانية", "الخالدية", "الأشرفية", "الجزيرة", "البادية", "تشرين", "الزهراء",
    "البغدادي", "الشريعة", "حركة", "المحافظة", "الحكومة", "النظام", "المعارضة", "الشمال", "الجنوب",
)
# Forms that are a common word only as written here, while the town's own spelling differs:
# سلمية "peaceful" (the town is السلمية), بحركة "with a movement" (the town Baharka).
NOT_PLACE_FORMS = frozenset({"سلمية", "بحركة", "حركة", "سورية", "عربية", "كبير", "جديدة"})
# Longer names that begin with a place's name and are not a place: a person (Saladin, not the
# governorate), the sharia. Read as one, so the place inside them is not found.
NOT_PLACE_PHRASES = ("صلاح الدين الأيوبي", "الشريعة الإسلامية")
# Prefixes Arabic writes joined to the next word: و ف (and), ب (in, by), ل (to), ك (as).
_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3\u064b-\u0652\u0640]+")


@dataclass(frozen=True)
class Mention:
    """A place name found in a text: where (character offsets), as written, and its places."""

    start: int
    end: int
    text: str
    places: tuple[str, ...]


@lru_cache(maxsize=1)
def not_place_keys() -> frozenset[str]:
    return frozenset(normalize(w) for w in NOT_PLACE_WORDS)


@lru_cache(maxsize=1)
def forms() -> dict[str, tuple[str, ...]]:
    """Every Arabic name form (normalized) → the ids of the places it names, the city first."""
    found: dict[str, list[str]] = {}
    skip = not_place_keys()
    for entry in entries().values():
        place = entry.place
        for name in (place.name_ar, *place.aliases):
            if not has_arabic(name):
                continue
            key = keys(name)[0]
            if key in skip or len(key.replace(" ", "")) < 3:
                continue
            ids = found.setdefault(key, [])
            if place.id not in ids:
                ids.append(place.id)
    every = entries()
    size = {kind: n for n, kind in enumerate(PLACE_SIZE_ORDER)}
    return {k: tuple(sorted(v, key=lambda i: size.get(every[i].place.kind, 0))) for k, v in found.items()}


@lru_cache(maxsize=1)
def _phrases() -> dict[str, int]:
    """Each phrase of `NOT_PLACE_PHRASES` (normalized) → its length in words."""
    return {normalize(p): p.count(" ") + 1 for p in NOT_PLACE_PHRASES}


def _phrase_at(words: list[re.Match[str]], i: int) -> int:
    """How many words a phrase that is not a place takes from word `i` on (0: none)."""
    for phrase, size in _phrases().items():
        rest = " ".join(normalize(w.group()) for w in words[i + 1:i + size])
        if any(f"{key} {rest}" == phrase for key, _ in _word_keys(words[i].group())):
            return size
    return 0


@lru_cache(maxsize=1)
def _longest() -> int:
    return max((k.count(" ") + 1 for k in forms()), default=1)


def _word_keys(word: str) -> list[tuple[str, int]]:
    """A word's key, and its keys with a joined prefix taken off (with that prefix's length)."""
    found = [(normalize(word), 0)]
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            found.append((normalize(word[len(prefix):]), len(prefix)))
    return found


def mentions(text: str) -> list[Mention]:
    """The gazetteer's names in `text`, left to right, each the longest name at its place."""
    table, longest = forms(), _longest()
    words = list(_WORD.finditer(text))
    found: list[Mention] = []
    i = 0
    while i < len(words):
        skip = _phrase_at(words, i)
        if skip:
            i += skip
            continue
        hit: Mention | None = None
        for size in range(min(longest, len(words) - i), 0, -1):
            rest = " ".join(normalize(w.group()) for w in words[i + 1:i + size])
            for key, cut in _word_keys(words[i].group()):
                ids = table.get(f"{key} {rest}".strip())
                if ids:
                    start, end = words[i].start() + cut, words[i + size - 1].end()
                    hit = Mention(start, end, text[start:end], ids)
                    break
            if hit and hit.text in NOT_PLACE_FORMS:
                hit = None
            if hit:
                found.append(hit)
                i += size
                break
        else:
            i += 1
    return found
