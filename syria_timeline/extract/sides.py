"""Who did what: the actors a clause names, in the roles its pattern gives them.

Actors come from the lexicon (the bundled store's and the war's other actors), matched longest
name first, with prefixes (و، ب، ل) and as their fighters (مقاتلو، عناصر، جهاديو…). The
patterns of the genre for a place changing hands:

- «سيطر X على P»، «دخل X P»، «أحكم X سيطرته»، «تحت سيطرة X»: X took it;
- «استعاد X P من (قبضة) Y»، «طرد X Y من P»، «تمكن X من طرد Y»: X took it from Y;
- «سقطت P بيد X»: X took it; «خسر Y P»، «خسارة Y»، «انسحب Y من P»، «معقل Y»: Y lost it;
- «بعد معارك مع Y»: Y lost it, when someone else took it;
- the passive (تم طرد Y، تمت السيطرة): no victor is named, and none is given.

Backers (بدعم من X، مدعومة من X، تدعمها X) are never the victor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from syria_timeline.arabic import has_arabic, normalize
from syria_timeline.extract.places import without_prefixes, words
from syria_timeline.model import Actor

# Verbs and nouns that make an event's type, in the order they are tried.
TYPES = (
    ("declaration", ("الخلافة", "تأسيس", "اندماج")),
    # Stems: «ستعيد» is تستعيد and يستعيد, «قتحم» اقتحم and يقتحم (a letter before is allowed).
    ("capture", ("سيطر", "السيطرة", "سيطرته", "سيطرتها", "ستولى", "ستولي", "ستعاد", "ستعيد",
                 "استعادة", "طرد", "دخل", "سقط", "سقوط", "خسر", "خسارة", "نتزع", "حرر", "تحرير",
                 "قتحم", "نسحب", "انسحاب", "أحكم", "احكمت")),
    ("airstrikes", ("غارات", "غاراته", "الغارات", "غارة")),
    ("offensive", ("هجوم", "هجومها", "هجومه", "هجوما", "المرحلة", "معركة", "عملية", "حملة")),
    ("protest", ("تظاهرات", "تظاهرة", "احتجاجات", "احتجاج", "مظاهرات", "الاحتجاجات",
                 "التظاهرات")),
    ("clash", ("اشتباكات", "معارك", "مواجهات")),
    ("strike", ("قصف", "تفجير", "انفجار", "صاروخ", "صواريخ", "ضربات", "ضربة", "الضربات")),
)
# «مقاتلو التنظيم»: an actor named by its fighters or units is the actor.
FIGHTERS = ("مقاتلو", "مقاتلي", "عناصر", "جهاديو", "جهاديي", "مسلحو", "مسلحي", "متشددو",
            "متشددي", "ارهابيو", "ارهابيي", "وحدات", "قوات", "جنود", "فلول", "مقاتلات")
_UNITS = frozenset((*FIGHTERS, "تنظيم", "ما", "يسمى", "الجماعة", "جماعة", "آخر", "اخر",
                    "بقايا", "مقاتلين", "عناصره", "وحدات"))
_BACKING = ("بدعم من", "بدعم جوي من", "مدعومة من", "مدعوما من", "مدعومين من", "مدعومة ب",
            "تدعمها", "يدعمها", "بمساندة", "بغطاء جوي من", "بمؤازرة", "بالتعاون مع", "بإسناد من",
            "باسناد من", "المدعومة من", "المدعوم من", "المدعومين من")
_LOSER_BEFORE = ("معقل", "معاقل", "انسحاب", "خسارة")
# «بعد معارك (استمرت أسابيع) مع Y»: Y fought and lost.
_FOUGHT = re.compile(r"(?:معارك|المعارك|معركة|اشتباكات|مواجهات|قتال)(?:\s+\S+){0,3}\s+مع$")
_FROM = ("من", "من قبضة", "من أيدي", "من ايدي", "من يد", "من سيطرة", "من تحت سيطرة")


_SECOND_RANK = ("protest", "clash", "strike")
# Words that begin like a cue but are not one: «تدخل» an intervention, «أسقط» shot down.
_NOT_CUES = frozenset(normalize(w) for w in (
    "تدخل", "تدخلا", "التدخل", "بالتدخل", "مدخل", "المدخل", "أسقط", "أسقطت", "اسقاط", "مطرد",
    "محرر", "المحرر", "محررة"))


def event_type(clause: str) -> str:
    """The type whose word comes first in the clause (the main verb comes before the rest);
    battles, protests and shelling only when no word of a change of hands, an announcement,
    an air campaign or an offensive is there («بعد معارك … تمكنت من طرد»)."""
    cues, lengths = _type_cues()
    first: dict[str, int] = {}
    for i, (word, _, _) in enumerate(words(clause)):
        if word in _NOT_CUES or word[1:] in _NOT_CUES:
            continue
        for at in (0, 1):  # a letter before the stem: وسيطر، فخسر، تسيطر
            for size in lengths:
                type_id = cues.get(word[at:at + size])
                if type_id is not None:
                    first.setdefault(type_id, i)
    if not first:
        return "other"
    return min(first, key=lambda t: (t in _SECOND_RANK, first[t], _ORDER.index(t)))


_ORDER = tuple(type_id for type_id, _ in TYPES)


@lru_cache(maxsize=1)
def _type_cues() -> tuple[dict[str, str], tuple[int, ...]]:
    """Each normalized cue's type (the first type that lists it), and the cues' lengths."""
    cues: dict[str, str] = {}
    for type_id, words_ in TYPES:
        for cue in words_:
            cues.setdefault(normalize(cue), type_id)
    return cues, tuple(sorted({len(c) for c in cues}))


@lru_cache(maxsize=8)
def _actor_names(actors: tuple[Actor, ...]) -> dict[str, list[tuple[list[str], Actor]]]:
    """Each actor's Arabic names as words, longest first, by their first word."""
    names = sorted(((normalize(n).split(), a) for a in actors
                    for n in (a.name_ar, a.name_en, *a.aliases) if has_arabic(n)),
                   key=lambda item: -len(item[0]))
    by_first: dict[str, list[tuple[list[str], Actor]]] = {}
    for name, actor in names:
        if name:
            by_first.setdefault(name[0], []).append((name, actor))
    return by_first


_LAST: list[Any] = [None, None]  # the last actors given and their names: one lexicon a run


def actors_named(text: str, actors: Sequence[Actor]) -> list[tuple[int, int, Actor]]:
    """(start, end, actor) of each actor named, the longest name first at each word."""
    if _LAST[0] is not actors:
        _LAST[:] = [actors, _actor_names(tuple(actors))]
    by_first: dict[str, list[tuple[list[str], Actor]]] = _LAST[1]
    tokens = words(text)
    found: list[tuple[int, int, Actor]] = []
    i = 0
    while i < len(tokens):
        candidates = [c for form, _ in without_prefixes(tokens[i][0])
                      for c in by_first.get(form, [])]
        candidates.sort(key=lambda item: -len(item[0]))
        for name, actor in candidates:
            size = len(name)
            window = [w for w, _, _ in tokens[i:i + size]]
            if len(window) == size and all(name[k] == window[k] or name[k] in
                                           {f for f, _ in without_prefixes(window[k])}
                                           for k in range(size)):
                found.append((tokens[i][1], tokens[i + size - 1][2], actor))
                i += size - 1
                break
        i += 1
    return found


def _ends_with(text: str, at: int, cues: Sequence[str], reach: int = 24) -> bool:
    """Whether the words before `at` end with a cue, its fighters apart («مع عناصر …»)."""
    words = text[max(0, at - reach - 40):at].replace("\"", " ").replace("«", " ").split()
    while words and words[-1] in _UNITS:
        words.pop()
    before = " ".join(words)[-reach:]
    return any(before.endswith(cue) for cue in cues)


def _before(text: str, at: int) -> str:
    words = text[max(0, at - 80):at].split()
    while words and words[-1] in _UNITS:
        words.pop()
    return " ".join(words)


def roles(clause: str, type_id: str, actors: Sequence[Actor]) -> tuple[dict[str, Any], list[str]]:
    """Actors in their roles, from the clause's pattern; and what a human should check."""
    named = [(at, a) for at, _, a in actors_named(clause, actors)]
    backers = list(dict.fromkeys(a.id for at, a in named if _ends_with(clause, at, _BACKING)))
    target = next((a.id for at, a in named if _ends_with(clause, at, ("ضد",))), None)
    main = [(at, a.id) for at, a in named if a.id not in backers and a.id != target
            and not _described(clause, at)]
    found: dict[str, Any] = {"supported_by": backers}
    if type_id != "capture":
        found.update(actor=main[0][1] if main else None, target=target)
        return found, []
    victor, loser, review = _capture(clause, main, [(at, a.id) for at, a in named
                                                    if a.id not in backers])
    loser = loser or target
    found.update(victor=victor, loser=loser if loser != victor else None)
    return found, review


def _capture(clause: str, main: list[tuple[int, str]], every: list[tuple[int, str]]
             ) -> tuple[str | None, str | None, list[str]]:
    loser = next((a for at, a in main if _ends_with(clause, at, _LOSER_BEFORE)
                  or _FOUGHT.search(_before(clause, at))), None)
    lost = re.search(r"(?<!\w)[وف]?(?:[تين]?خسر\w*|[تين]?نسحب\w*|انسحب\w*|خسارة|انتكاسة|هزيمة)",
                     clause)
    if lost and loser is None:  # «خسر التنظيم تدمر»، «التنظيم خسر…»: the loser is the subject
        after = [a for at, a in main if at > lost.start()]
        before = [a for at, a in main if at < lost.start()]
        verb = re.match(r"[وف]?[تين]?(?:خسر|ا?نسحب)", lost[0]) is not None
        order = (after + before[::-1]) if verb else (before[::-1] + after)
        loser = order[0] if order else None
    driven = re.search(r"(?<!\w)[وف]?(?:[تين]?طرد|استعاد|[تين]?ستعيد|استعادة|أخرج|اخرج|[تين]?خرج"
                       r"|دحر|[تين]?دحر|حرر|[تين]?حرر|تحرير)\w*", clause)
    if driven and loser is None:  # «استعاد X P من (قبضة) Y»: Y lost it
        loser = next((a for at, a in main if at > driven.start() and _after_from(clause, at)),
                     None)
    took = [(at, a) for at, a in main if a != loser]
    passive = re.search(r"(?<!\w)(?:تم|تمت|جرى|يتم)\s+(?:\w+\s+)?(?:طرد|السيطرة|استعادة|تحرير"
                        r"|اخراج|إخراج|دحر)", clause)
    victor, review = _holder(clause, every), []
    if victor is None and not passive and took:
        victor = took[0][1]
        if len({a for _, a in took}) > 1:
            review.append("victor: the first of the actors the clause names")
    if driven and loser is None:  # «طرد X Y من P»: the one driven out after the verb
        loser = next((a for at, a in main if at > driven.start() and a != victor), None)
    return victor, loser, review


def _holder(clause: str, every: list[tuple[int, str]]) -> str | None:
    """«سقطت P بيد X»، «تحت سيطرة X»: X holds it now."""
    cue = re.search(r"(?:بيد|بأيدي|بايدي|في\s+يد|في\s+أيدي|تحت\s+سيطرة)\s*", clause)
    if cue is None:
        return None
    return next((a for at, a in every if at >= cue.end() - 1 and not _after_from(clause, at)),
                None)


def _described(text: str, at: int) -> bool:
    """«قسد التي تهيمن عليها وحدات حماية الشعب»: an actor inside a relative clause describes
    another; it is not a party of the happening."""
    before = text[max(0, at - 40):at].split()[-4:]
    return any(w in ("التي", "الذي", "الذين") for w in before)


def _after_from(text: str, at: int) -> bool:
    return _ends_with(text, at, _FROM, reach=16)
