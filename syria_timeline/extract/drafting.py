"""A draft store from an Arabic article of the "dated milestones" genre (أبرز المحطات).

Rules for the genre, not for one text. Each dated statement becomes an event whose quote is the
sentence it rests on, verbatim; its date keeps the precision the text gives; its place is the
most specific place the sentence names (the gazetteer knows them); its type comes from the verbs;
its actors from a lexicon, in the roles the sentence's pattern gives. What a rule had to guess
(a year from context, a place from the section heading, a pronoun) is written in the event's
`review` list. Nothing the text does not say is filled in: no victor where none is named, no
day where a month is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from syria_timeline.arabic import MONTH_NAMES, has_arabic, normalize, to_ascii_digits
from syria_timeline.errors import printable
from syria_timeline.model import PLACE_SIZE_ORDER, Actor, Place, Record, slug

# The month names of the one table (Levantine, Egyptian and Maghrebi), in Arabic script.
_MONTHS_AR = {n: tuple(name for name in names if has_arabic(name))
              for n, names in MONTH_NAMES.items()}
_ORDINALS = {
    "الأول": 1, "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
    "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12,
    "الثالث عشر": 13, "الرابع عشر": 14, "الخامس عشر": 15, "السادس عشر": 16, "السابع عشر": 17,
    "الثامن عشر": 18, "التاسع عشر": 19, "العشرين": 20, "الثلاثين": 30,
}
_UNITS = {"الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
          "السابع": 7, "الثامن": 8, "التاسع": 9}
_PART_OF_MONTH = ("مطلع", "منتصف", "أواخر", "اواخر", "أوائل", "اوائل", "بداية", "نهاية", "أواسط")
_WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2,
             "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6}
# Verbs and nouns that make an event's type, in the order they are tried.
_TYPES = (
    ("declaration", ("الخلافة",)),
    ("capture", ("سيطر", "السيطرة", "استولى", "استعاد", "استعادة", "طرد", "دخل", "سقط", "خسر",
                 "خسارة", "انتزع", "حرر", "تحرير", "اقتحم")),
    ("airstrikes", ("غارات", "غاراته", "الغارات", "غارة")),
    ("offensive", ("هجوم", "هجومها", "هجومه", "المرحلة", "معركة")),
)
# Words that put a place name after them (a village must have one: its name is often a word).
_PLACE_CUES = frozenset(normalize(w) for w in (
    "في", "من", "على", "الى", "إلى", "مدينة", "بلدة", "قرية", "مخيم", "محافظة", "منطقة", "نحو"))
_KIND_RANK = {kind: rank for rank, kind in enumerate(PLACE_SIZE_ORDER)}


class Found(Record):
    """A date found in a sentence, as the period it names."""

    start: int
    end: int
    prefix: str  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    precision: str
    basis: str  # text, context, publication or relative
    review: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    months = "|".join(sorted((re.escape(n) for names in _MONTHS_AR.values() for n in names),
                             key=len, reverse=True))
    month = rf"(?<!\w)(?P<month>(?:{months})(?:\s*/\s*(?:{months}))?)(?!\w)"
    ordinal = "|".join(sorted((re.escape(w) for w in _ORDINALS), key=len, reverse=True))
    units = "|".join(_UNITS)
    day = (rf"(?P<day>\d{{1,2}}|(?:{units})\s+و\s*(?:العشرين|الثلاثين)|{ordinal})"
           r"(?:\s+من)?")
    part = "|".join(_PART_OF_MONTH)
    return re.compile(
        rf"(?P<since>منذ\s+(?:\S+\s+){{0,3}})?"
        rf"(?:(?P<part>{part})\s+)?(?:{day}\s+)?{month}(?:\s*(?P<year>\d{{4}}))?"
        rf"|(?P<since2>منذ\s+(?:\S+\s+){{0,3}})?(?:عام|العام|سنة)\s+(?P<year_only>\d{{4}})")


def _month_number(text: str) -> int:
    first = normalize(text.split("/")[0])
    return next(n for n, names in _MONTHS_AR.items() if first in (normalize(x) for x in names))


def _day_number(text: str) -> int:
    text = " ".join(text.split())
    if text.isdigit():
        return int(text)
    if text in _ORDINALS:
        return _ORDINALS[text]
    unit, _, tens = text.partition(" و")
    return _UNITS[unit.strip()] + (20 if "العشرين" in tens else 30)


class Context:
    """What the article has said so far: the last year and month dated, the publication."""

    def __init__(self, published: date) -> None:
        self.published = published
        self.year: int | None = None
        self.month: int | None = None


def dates_in(sentence: str, context: Context) -> list[Found]:
    """The dates a sentence gives, in order; `منذ …` phrases date a state and are skipped."""
    text = to_ascii_digits(sentence)  # same length: offsets stay valid
    found: list[Found] = []
    for match in _date_pattern().finditer(text):
        if match["since"] or match["since2"]:
            continue
        if int(match["year"] or match["year_only"] or 1000) < 1000:
            continue  # four digits but no year an article of this genre gives (0000, 0999)
        if match["year_only"]:
            year = int(match["year_only"])
            context.year, context.month = year, None
            found.append(Found(start=match.start(), end=match.end(), prefix=f"{year:04d}",
                               precision="year", basis="text"))
            continue
        found.append(_month_date(match, context, text[match.end():match.end() + 12]))
    found += _relative_dates(text, context, found)
    return sorted(found, key=lambda f: f.start)


def _month_date(match: re.Match[str], context: Context, after: str = "") -> Found:
    month = _month_number(match["month"])
    review: list[str] = []
    published = context.published
    relative = re.match(r"\s*(الحالي|الجاري|الماضي)", after) if not match["year"] else None
    if relative:  # "مارس الحالي": this year's; "أيلول الماضي": the latest before publication
        year, basis = published.year, "relative"
        if relative[1] == "الماضي" and month >= published.month:
            year -= 1
        review.append(f"«{relative[1]}» counted from the publication date")
    elif match["year"]:
        year, basis = int(match["year"]), "text"
    elif context.year is not None:
        year, basis = context.year, "context"
        if context.month is not None and month < context.month and year < 9999:
            year += 1  # a milestone list runs forward: May after November is next year's
        review.append(f"the year {year} is taken from the dates before it")
    else:
        year, basis = context.published.year, "publication"
        review.append(f"the year {year} is the article's own")
    context.year, context.month = year, month
    prefix, precision = f"{year:04d}-{month:02d}", "month"
    if match["part"]:
        review.append(f"«{match['part']}» a month: kept as the month")
    elif match["day"]:
        day = _day_number(match["day"])
        try:
            date(year, month, day)
        except ValueError:  # "30 شباط": no such day; the month is what the text can give
            review.append(f"the day {day} does not exist in that month: kept as the month")
        else:
            prefix, precision = f"{prefix}-{day:02d}", "day"
    return Found(start=match.start(), end=match.end(), prefix=prefix, precision=precision,
                 basis=basis, review=tuple(review))


def _relative_dates(text: str, context: Context, found: Sequence[Found]) -> list[Found]:
    """اليوم، أمس، weekdays, الشهر/العام الماضي: against the publication date."""
    out: list[Found] = []
    published = context.published
    taken = [(f.start, f.end) for f in found]
    for word, offset in (("أول أمس", 2), ("اول امس", 2), ("أمس", 1), ("امس", 1), ("اليوم", 0)):
        for match in re.finditer(rf"(?<!\w){word}(?!\w)", text):
            day = published - timedelta(days=offset)
            out.append(_relative(match, day.isoformat(), "day", taken))
            taken.append((match.start(), match.end()))  # أمس inside أول أمس is not a second
    for word, weekday in _WEEKDAYS.items():
        for match in re.finditer(rf"(?<!\w){word}(?!\w)", text):
            back = (published.weekday() - weekday) % 7  # the latest such day by publication
            out.append(_relative(match, (published - timedelta(days=back)).isoformat(), "day",
                                 taken))
    for match in re.finditer(r"(?:الشهر|العام)\s+الماضي", text):
        if match[0].startswith("الشهر"):
            last = published.replace(day=1) - timedelta(days=1)
            out.append(_relative(match, last.isoformat()[:7], "month", taken))
        else:
            out.append(_relative(match, f"{published.year - 1:04d}", "year", taken))
    return [f for f in out if f is not None]


def _relative(match: re.Match[str], prefix: str, precision: str,
              taken: Sequence[tuple[int, int]]) -> Any:
    if any(start <= match.start() < end for start, end in taken):
        return None
    return Found(start=match.start(), end=match.end(), prefix=prefix, precision=precision,
                 basis="relative", review=(f"«{match[0]}» counted from the publication date",))


# --- sentences -----------------------------------------------------------------------------------


def sentences(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_heading) of each sentence: paragraphs, split after a full stop."""
    for paragraph in re.finditer(r"[^\n]+", text):
        line = paragraph[0]
        stripped = line.strip()
        heading = stripped.startswith("-") and stripped.endswith("-") and len(stripped) < 80
        start = paragraph.start() + (len(line) - len(line.lstrip()))
        for piece in re.finditer(r"[^.!؟?]+[.!؟?]*", line.strip()):
            if piece[0].strip(" -"):
                yield start + piece.start(), start + piece.end(), heading


# --- names: places and actors --------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, int]]:
    """(normalized word, offset) of each word, prefix letters still attached."""
    return [(_normal(m[0]), m.start()) for m in re.finditer(r"[\w\u0640\u064b-\u0652]+", text)]


@lru_cache(maxsize=65536)
def _normal(word: str) -> str:
    return normalize(word)


_NOT_PLACES = frozenset(normalize(w) for w in (
    "مدينة", "المدينة", "محافظة", "منطقة", "قرية", "بلدة", "مخيم", "الحدود", "البلاد", "الدولة"))


_NEAR = frozenset(normalize(w) for w in (
    "المتاخمة", "المتاخم", "قرب", "بالقرب", "مقربة", "حدود", "الحدود", "جنوب", "شمال", "شرق",
    "غرب"))


@lru_cache(maxsize=65536)
def _without_prefixes(word: str) -> frozenset[str]:
    """The word with attached prefixes (و ف ب ل ك, and an article after them) taken off."""
    out = {word}
    core = word
    for _ in range(3):
        if len(core) <= 3 or core[0] not in "وفبلك":
            break
        core = core[1:]
        out.add(core[2:] if core.startswith("ال") and len(core) > 3 else core)
    return frozenset(out)


def places_named(text: str, places: dict[str, list[Place]], store_ids: frozenset[str],
                 actors: Sequence[Actor] = (), heading: bool = False) -> list[tuple[int, Place]]:
    """(offset, place) of each place named, the longest name at each position.

    Places inside an actor's name (سوريا in قوات سوريا الديموقراطية) are not places. A place
    not in the store needs a word that announces a place before it (في، من، مدينة…): a
    village's name is often a word. A section heading names its place without one.
    """
    inside = [(at, at + len(" ".join(name))) for at, name in _actor_spans(text, actors)]
    words = [(w, at) for w, at in _tokens(text)
             if not any(start <= at < end for start, end in inside)]
    found: list[tuple[int, Place]] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            if i + size > len(words):
                continue
            head, *rest = [w for w, _ in words[i:i + size]]
            cue = heading or (i > 0 and words[i - 1][0] in _PLACE_CUES)
            if i > 0 and words[i - 1][0] in _NEAR:
                break  # "adjacent to Iraq": a landmark, not where it happened
            for variant in sorted(_without_prefixes(head), key=len, reverse=True):
                key = " ".join([variant, *rest])
                if key in _NOT_PLACES:
                    continue
                match = [p for p in places.get(key, []) if p.id in store_ids or cue
                         or variant != head]
                if match:
                    found.append((words[i][1], min(match, key=lambda p: (
                        p.id not in store_ids, *_specific(p)))))
                    i += size - 1
                    break
            else:
                continue
            break
        i += 1
    return found


def _specific(place: Place) -> tuple[int, str]:
    return _KIND_RANK.get(place.kind, 9), place.id


def actors_named(text: str, actors: Sequence[Actor]) -> list[tuple[int, Actor]]:
    """(offset, actor) of each actor named, longest name first at each position."""
    return [(at, actor) for at, actor, _ in _actor_matches(text, actors)]


def _actor_spans(text: str, actors: Sequence[Actor]) -> list[tuple[int, list[str]]]:
    return [(at, name) for at, _, name in _actor_matches(text, actors)]


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


def _actor_matches(text: str, actors: Sequence[Actor]) -> list[tuple[int, Actor, list[str]]]:
    by_first = _actor_names(tuple(actors))
    words = _tokens(text)
    found: list[tuple[int, Actor, list[str]]] = []
    i = 0
    while i < len(words):
        candidates = [c for key in _without_prefixes(words[i][0]) for c in by_first.get(key, [])]
        candidates.sort(key=lambda item: -len(item[0]))
        for name, actor in candidates:
            size = len(name)
            window = [w for w, _ in words[i:i + size]]
            if len(window) == size and all(name[k] == window[k] or name[k] in
                                           _without_prefixes(window[k]) for k in range(size)):
                found.append((words[i][1], actor, window))
                i += size - 1
                break
        i += 1
    return found


# --- events ----------------------------------------------------------------------------------------

_BACKING = ("بدعم من", "مدعومة من", "مدعوما من", "مدعومين من", "تدعمها", "يدعمها", "بمساندة")
_TYPE_EN = {"capture": "Capture", "declaration": "Declaration", "airstrikes": "Airstrikes",
            "offensive": "Offensive", "outbreak": "Outbreak", "other": "Event"}


class Names(Record):
    """What the extractor can name: places by normalized spelling and by id, actors, the
    store's place ids."""

    places: dict[str, list[Place]]
    by_id: dict[str, Place]
    actors: tuple[Actor, ...]
    store_places: frozenset[str]


def event_type(clause: str) -> str | None:
    """The type whose word comes first in the clause (the main verb comes before the rest)."""
    words = [_normal(w) for w in re.findall(r"\w+", clause)]
    first: list[tuple[int, str]] = []
    for type_id, cues in _type_cues():
        hits = [i for i, w in enumerate(words) for c in cues
                if w.startswith(c) or w[1:].startswith(c)]  # وسيطر، فخسر
        if hits:
            first.append((min(hits), type_id))
    return min(first)[1] if first else None


@lru_cache(maxsize=1)
def _type_cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((type_id, tuple(normalize(c) for c in cues)) for type_id, cues in _TYPES)


def roles(clause: str, type_id: str, actors: Sequence[Actor]) -> tuple[dict[str, Any], list[str]]:
    """Actors in their roles, from the clause's pattern; and what a human should check."""
    named = actors_named(clause, actors)
    review: list[str] = []
    backers = [a.id for at, a in named if _after(clause, at, _BACKING)]
    target = next((a.id for at, a in named if _after(clause, at, ("ضد",))), None)
    main = [(at, a) for at, a in named if a.id not in backers and a.id != target]
    found: dict[str, Any] = {"supported_by": list(dict.fromkeys(backers))}
    if type_id != "capture":
        found["actor"] = main[0][1].id if main else None
        found["target"] = target
        return found, review
    victor = loser = None
    # "معقل X": X held the place before, so X lost it.
    stronghold = [a.id for at, a in main if _after(clause, at, ("معقل", "معاقل"))]
    if stronghold:
        loser = stronghold[0]
        main = [(at, a) for at, a in main if a.id != loser]
    held = re.search(r"تحت\s+سيطرة", clause)
    lost = re.search(r"(?:خسر\w*|خسارة|انتكاسة)", clause)
    driven = re.search(r"(?:طرد\w*|استعاد\w*|استعادة)", clause)
    if held:
        victor = next((a.id for at, a in main if at > held.start()), None)
    if lost:
        before = [a.id for at, a in main if at < lost.start()]
        after = [a.id for at, a in main if at > lost.start() and a.id != victor]
        loser = loser or ((before[-1] if before else None)
                          if not re.match(r"خسر", lost[0]) or not after else after[0])
    elif driven:
        before = [a.id for at, a in main if at < driven.start()]
        after = [a.id for at, a in main if at > driven.start()]
        # Verb first (طرد الجيش التنظيم) or subject first (تمكن الجيش من طرد التنظيم).
        victor = victor or (before[0] if before else after.pop(0) if after else None)
        loser = loser or next((a for a in after if a != victor), None)
    elif victor is None and main:
        victor = main[0][1].id
        review.append("victor: the first actor the sentence names")
    if victor is None and re.search(r"بيد[هها]\b|بيده", clause):
        review.append("victor: «بيده» points back to an actor named before")
    found.update(victor=victor, loser=loser if loser != victor else None)
    return found, review


def _after(text: str, at: int, cues: Sequence[str]) -> bool:
    before = text[max(0, at - 14):at].strip()
    return any(before.endswith(cue) for cue in cues)


def clauses(sentence: str, found: Sequence[Found]) -> list[tuple[int, int]]:
    """(start, end) in the sentence of the clause each date belongs to."""
    if not found:
        return []
    bounds = [0]
    for date_ in found[1:]:
        cut = max(sentence.rfind("،", 0, date_.start), sentence.rfind(" و", 0, date_.start))
        bounds.append(cut + 1 if cut > bounds[-1] else date_.start)
    ends = [*bounds[1:], len(sentence)]
    return [(start, end) for start, end in zip(bounds, ends, strict=True)]


def extract_events(text: str, published: date, names: Names) -> list[dict[str, Any]]:
    """Every dated statement of an article, as draft events (ids, sources and summaries later)."""
    context = Context(published)
    heading_place: Place | None = None
    last_place: Place | None = None
    last_victor: str | None = None
    events: list[dict[str, Any]] = []
    for start, end, heading in sentences(text):
        sentence = text[start:end]
        named = places_named(sentence, names.places, names.store_places, names.actors, heading)
        if heading:
            heading_place = min((p for _, p in named), key=_specific, default=heading_place)
            continue
        found = dates_in(sentence, context)
        for (c_start, c_end), date_ in zip(clauses(sentence, found), found, strict=True):
            clause = sentence[c_start:c_end].strip(" ،,")
            if not (c_start <= date_.start and date_.end <= c_end) or not clause:
                continue  # the clause cut lost its own date: nothing to rest an event on
            offset = start + sentence.index(clause, c_start)
            event = _event(clause, offset, date_, names, heading_place, last_place, last_victor)
            if event is None:
                continue
            last_place = names.by_id.get(event["place"])
            last_victor = event.get("victor") or last_victor
            events.append(event)
        if named and not found:
            last_place = min((p for _, p in named), key=_specific)
    return _one_per_happening(events, names)


def _event(clause: str, offset: int, date_: Found, names: Names, heading: Place | None,
           last: Place | None, last_victor: str | None) -> dict[str, Any] | None:
    type_id = event_type(clause) or "other"
    review = list(date_.review)
    places = [p for _, p in places_named(clause, names.places, names.store_places, names.actors)]
    # The most specific place; among equals the first named, and Syria's before Iraq's.
    place = min(places, key=lambda p: (_KIND_RANK.get(p.kind, 9), p.id == "iraq"), default=None)
    if place is None:
        place = heading or last
        if place is None:
            return None
        review.append(f"place: {place.name_ar}, from the "
                      f"{'section heading' if place is heading else 'sentence before'}")
    found_roles, role_review = roles(clause, type_id, names.actors)
    review += role_review
    if type_id == "capture" and found_roles.get("victor") is None and "بيد" in clause and last_victor:
        found_roles["victor"] = last_victor
    return {"date": date_.prefix, "precision": date_.precision, "date_basis": date_.basis,
            "type": type_id, "place": place.id, **found_roles, "quote": clause,
            "offset": offset, "review": review}


def _one_per_happening(events: list[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    """An article that tells a happening twice (its lead and its list) gives one event."""
    kept: list[dict[str, Any]] = []
    for event in events:
        twin = next((k for k in kept if k["date"] == event["date"] and k["type"] == event["type"]
                     and _related(k["place"], event["place"], names)), None)
        if twin is None:
            kept.append(event)
        elif twin["date_basis"] == "relative" and event["date_basis"] != "relative":
            kept[kept.index(twin)] = {**event, "review": [*event["review"],
                                                          "told twice: the dated telling kept"]}
    return kept


def _related(a: str, b: str, names: Names) -> bool:
    if a == b:
        return True
    pa, pb = names.by_id.get(a), names.by_id.get(b)
    return bool(pa and pb and (pa.province == b or pb.province == a))


def summary_en(event: dict[str, Any], names: Names) -> str:
    """A one-line English summary made only of what was extracted (a draft to rewrite)."""
    place = names.by_id.get(event["place"])
    who = next((a.name_en for a in names.actors if a.id == (event.get("victor") or
                                                            event.get("actor"))), None)
    head = f"{_TYPE_EN[event['type']]}: {place.name_en if place else event['place']}"
    return f"{head}, by {who} ({event['date']})." if who else f"{head} ({event['date']})."


def default_names() -> Names:
    """The gazetteer's places (with the bundled store's), the bundled store's actors and the
    lexicon's."""
    from syria_timeline import gazetteer
    from syria_timeline.lexicon import known_actors
    from syria_timeline.store.loading import load

    bundled = load()
    return Names(places=gazetteer.spellings(), by_id=gazetteer.places(),
                 actors=known_actors(bundled.actors.values()),
                 store_places=frozenset(bundled.places))


def read_article(path: Path) -> tuple[bytes, str]:
    """An article's bytes and its text: a regular UTF-8 text file of bounded size."""
    from syria_timeline.errors import TimelineError
    from syria_timeline.files import MAX_SOURCE_BYTES, FileProblem, read_limited

    try:
        data = read_limited(path, MAX_SOURCE_BYTES)
    except FileProblem as problem:
        raise TimelineError(f"{printable(str(path))}: {problem}") from None
    if b"\x00" in data:
        raise TimelineError(f"{printable(str(path))}: has NUL bytes: not a text file")
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TimelineError(f"{printable(str(path))}: byte {error.start}: not UTF-8 text") from None


def draft_store(text: str, published: date, source: dict[str, Any], names: Names
                ) -> dict[str, Any]:
    """A store in the store's schema: the source, the events, and the places and actors they use.

    `source` gives the source record's fields but `id` and `sha256` (publisher, title, url,
    file…). No event: an empty event list (the caller decides whether that is an error).
    """
    import hashlib

    events = extract_events(text, published, names)
    source_id = slug(f"{source.get('publisher', 'source')}-{published.isoformat()}") or "source"
    record = {"id": source_id, **{k: v for k, v in source.items() if v is not None},
              "published": published.isoformat(), "language": "ar",
              "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    record.setdefault("dateline", _dateline(text))
    ids: set[str] = set()
    out = []
    for event in sorted(events, key=lambda e: e["offset"]):
        ident = f"{event['date']}-{event['place']}"
        while ident in ids:
            ident += "-2"
        ids.add(ident)
        out.append({
            "id": ident, "date": event["date"], "precision": event["precision"],
            "date_basis": event["date_basis"], "type": event["type"], "place": event["place"],
            **{role: event.get(role) for role in ("victor", "loser", "actor", "target")},
            "supported_by": event.get("supported_by", []),
            "summary_ar": " ".join(event["quote"].split()),
            "summary_en": summary_en(event, names), "source": source_id,
            "quote": event["quote"],
            "review": [*event["review"], "summaries are drafts made from the quote"],
        })
    return {"schema": 1, "sources": [record], "places": _places_used(out, names),
            "actors": _actors_used(out, names), "events": out}


def _dateline(text: str) -> str:
    """The city before the first colon of the first line (بيروت:), as AFP and others write it."""
    first = text.strip().split("\n", 1)[0]
    head, colon, _ = first.partition(":")
    return head.strip() if colon and 0 < len(head.split()) <= 3 else "غير مذكور"


def _places_used(events: Sequence[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    wanted = {e["place"] for e in events}
    records: dict[str, dict[str, Any]] = {}
    while wanted:
        place = names.by_id.get(wanted.pop())
        if place is None or place.id in records:
            continue
        records[place.id] = place.to_json()
        if place.province:
            wanted.add(place.province)
    return sorted(records.values(), key=lambda p: (_KIND_RANK.get(p["kind"], 9) * -1, p["id"]))


def _actors_used(events: Sequence[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    used = {a for e in events for role in ("victor", "loser", "actor", "target")
            for a in [e.get(role)] if a} | {a for e in events for a in e["supported_by"]}
    return [a.to_json() for a in names.actors if a.id in used]
