"""Draft events from an article: which dated clauses are events, and where they happened.

A clause is an event when its date is a happening's: not a state (a date after «منذ» is
skipped by the date reader), not something still to come (سوف، من المقرر، a date after the
publication), not a date standing alone (a date on a line of its own dates the next line).
Its place is the one it names; else the place a pronoun points back to (دخلها، هذه المدينة),
the section heading's, or — when the text names none — the country the article is about,
each said in `review`. A happening told twice (a lead and its list) is one event, at the
most precise date and the smallest place the tellings give.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from syria_timeline.errors import printable
from syria_timeline.extract.dates import Context, Found, dates_in
from syria_timeline.extract.happenings import one_per_happening
from syria_timeline.extract.places import Named, PlaceNames, choose, places_named, rank
from syria_timeline.extract.segmentation import Sentence, clauses, dateline_end, sentences
from syria_timeline.extract.sides import actors_named, event_type, roles
from syria_timeline.model import Actor, Place, Record, slug

_FUTURE = re.compile(r"(?<!\w)(?:سوف|من المقرر|من المنتظر|من المتوقع|يتوقع|يُتوقع|ستجري|سيجري"
                     r"|ستبدأ|سيبدأ|ستعقد|سيعقد|المقبل|المقبلة|القادم|القادمة)(?!\w)")
# A pronoun or a demonstrative pointing back to the place named before: «فيها، منها، عليها»,
# a verb of the war with «ها» (دخلها، خسرها، تستعيدها), «هذه المدينة», «المدينة».
_BACK = re.compile(
    r"(?<!\w)(?:[وف]?(?:في|من|علي|على|الي|إلى|إلي|ب|حول|داخل)ها"
    r"|[وف]?\w{0,3}(?:دخل|خسر|عاد|عيد|سيطر|حرر|قتحم|طرد|هاجم|قصف|حاصر|سقط|نسحب)\w{0,2}ها"
    r"|هذه\s+(?:المدينة|البلدة|القرية|المنطقة|المحافظة)|المدينة|البلدة|القرية)(?!\w)")
_ATTRIBUTION = re.compile(r"[وف]?(?:وفق|بحسب|حسب|حسبما|طبقا ل|على)\s*(?:ما\s+)?(?:أفاد|افاد|أفادت|ذكر|ذكرت"
                          r"|قال|قالت|أعلن|أعلنت|أكد|أكدت|نقل|نقلت|أورد|أوردت)(?!\w)")
_DISTRICT = re.compile(r"(?<!\w)(?:حي|حيي|أحياء|احياء)\s+\w")  # «داخل حي الزهور»: a part of a town
_SETTLEMENT = re.compile(r"(?<!\w)(?:بلدة|قرية|بلدتي|قريتي|بلدات|قرى)\s+\w")
_YEAR_LINE = re.compile(r"\W*((?:19|20)\d\d)\W*")
_ITEM = re.compile(r"[\s\-–—•*·\d.)]*")
_BARE = re.compile(r"^[\s\W\d]*(?:(?:في|وفي|منذ|يوم|خلال|تاريخ|بتاريخ)\s*)?$")


class Names(Record):
    """What the extractor can name: places by normalized spelling and by id, actors, the
    store's place ids."""

    places: dict[str, list[Place]]
    by_id: dict[str, Place]
    actors: tuple[Actor, ...]
    store_places: frozenset[str]


@dataclass
class _State:
    """What the article has said so far, as a reader keeps it."""

    context: Context
    index: PlaceNames
    names: Names
    country: Place | None
    heading: Place | None = None
    last_place: Place | None = None
    last_victor: str | None = None
    pending: tuple[int, list[Found]] | None = None  # a date on a line of its own
    dateline: int = 0  # where the dateline («بيروت:»، «بغداد (أ ف ب) -») ends
    said: tuple[int, list[Named]] = (0, [])  # the sentence being read: where, and its places
    item: Place | None = None  # the place a list item opens with («- تدمر: سقطت … واستعيدت …»)
    events: list[dict[str, Any]] = field(default_factory=list)


def extract_events(text: str, published: date, names: Names) -> list[dict[str, Any]]:
    """Every dated happening of an article, as draft events (ids, sources and summaries later)."""
    index = PlaceNames(names.places)
    country = _main_country(text, names)
    state = _State(Context(published), index, _with_government(names, country), country,
                   dateline=dateline_end(text))
    for sentence in sentences(text):
        _read(text, sentence, state)
    return one_per_happening(state.events, names.by_id)


def _read(text: str, sentence: Sentence, state: _State) -> None:
    said = text[sentence.start:sentence.end]
    skip = [(a, b) for a, b, _ in actors_named(said, state.names.actors)]
    named = places_named(said, state.index, skip, heading=sentence.heading)
    found = dates_in(said, state.context)
    state.said = (sentence.start, named)
    state.item = named[0].place if named and _ITEM.fullmatch(said[:named[0].start]) \
        and said[named[0].end:].lstrip().startswith(":") else None
    if found and _only_dates(said, found) and _ends_line(text, sentence.end):
        state.pending = (sentence.start, found)  # its statement is on the next line
        return
    year = _YEAR_LINE.fullmatch(said)
    if year and not found and year[1] <= state.context.published.isoformat()[:4]:
        review = ("the year on the line above dates it",)
        state.pending = (sentence.start, [Found(year.start(1), year.end(1), year[1], "year", "text",
                                                review)])
        return  # «2017» alone, then a statement without a date of its own
    if sentence.heading and not found:  # a short line with a date is a list item, not a heading
        state.heading = choose(named) or state.heading
        state.pending = None
        return
    start = sentence.start
    if not found and state.pending is not None:
        start, found = state.pending
        said = text[start:sentence.end]
    state.pending = None
    first = len(state.events)
    for c_start, c_end, dates in clauses(said, found):
        for date_ in dates:
            _add(text, start + c_start, start + c_end, date_, state)
    _gapped(state.events[first:])
    here = choose(named) if named and not found else None
    if here is not None and rank(here) < 3:
        state.last_place = here


def _gapped(events: list[dict[str, Any]]) -> None:
    """«سيطروا على حي في 28 تشرين الثاني، ثم بعد يومين على حي آخر»: a clause that goes
    on without its verb or its actor has the clause before's."""
    for before, event in itertools.pairwise(events):
        if event["type"] == "other" and before["type"] != "other" \
                and re.match(r"(?:ثم|[وف])", event["quote"]) and not _named_actor(event):
            event["type"] = before["type"]
            for role in ("victor", "actor"):
                event[role] = event.get(role) or before.get(role)
            event["review"].append("type and actor: the clause before's (the verb is not repeated)")


def _named_actor(event: dict[str, Any]) -> bool:
    return any(event.get(role) for role in ("victor", "loser", "actor", "target"))


def _ends_line(text: str, end: int) -> bool:
    """Whether nothing but white space follows `end` on its line."""
    newline = text.find("\n", end)
    return not text[end:newline if newline >= 0 else len(text)].strip()


def _only_dates(said: str, found: Sequence[Found]) -> bool:
    rest, at = [], 0
    for date_ in found:
        rest.append(said[at:date_.start])
        at = date_.end
    rest.append(said[at:])
    return _BARE.match(" ".join(rest)) is not None


def _add(text: str, start: int, end: int, date_: Found, state: _State) -> None:
    clause = text[start:end]
    trimmed = re.sub(r"^[\s،,:؛;\-–—.]+|[\s،,:؛;\-–—]+$", "", clause)  # keeps its full stop
    if not trimmed:
        return
    offset = start + clause.index(trimmed)
    if _FUTURE.search(trimmed) and date_.basis == "relative":
        return  # something still to come, said on the day of publication
    if _ATTRIBUTION.match(trimmed) and date_.basis == "relative":
        return  # «، وفق ما أفاد ناشطون الاثنين»: when it was reported, not when it happened
    event = _event(trimmed, offset, date_, state)
    if event is not None:
        state.events.append(event)


def _event(clause: str, offset: int, date_: Found, state: _State) -> dict[str, Any] | None:
    names = state.names
    type_id = event_type(clause)
    review = list(date_.review)
    skip = [(a, b) for a, b, _ in actors_named(clause, names.actors)]
    named = [n for n in places_named(clause, state.index, skip)
             if offset + n.start >= state.dateline]  # where it was written, not what happened
    country = state.country.id if state.country else None
    place = choose(named, country, landmarks=False)
    if place is not None and all(n.relative or n.near for n in named) \
            and state.last_place is not None and _BACK.search(clause):
        place = None  # «سيطرت على المدينة … بعد هجوم على الموصل»: the city named before
    fallback = place is None
    if place is None and _RELATIVE_START.match(clause):
        place, note = _antecedent(offset, state)
        fallback = place is None
        review += [note] if place else []
    if place is None:
        place, note = _fallback(clause, state, choose(named, country))
        if place is None:
            return None
        review.append(note)
    found_roles, role_review = roles(clause, type_id, names.actors)
    review += role_review
    government = _GOVERNMENT.search(clause)
    if government and state.country and _ARMIES.get(state.country.id) in found_roles.values():
        review.append(f"actor: «{government[0]}» read as the army of {state.country.name_en}, "
                      "the country the article names most")
    if type_id == "capture" and found_roles.get("victor") is None and state.last_victor \
            and re.search(r"(?<!\w)(?:بيده|بيدها|بأيديهم|بايديهم|بيدهم)(?!\w)", clause):
        found_roles["victor"] = state.last_victor
        review.append("victor: «بيده» points back to the actor named before")
    if not fallback and rank(place) < 3:  # «المدينة» points back to a town, not a country
        state.last_place = place
    state.last_victor = found_roles.get("victor") or found_roles.get("actor") or state.last_victor
    return {"date": date_.prefix, "precision": date_.precision, "date_basis": date_.basis, "back": date_.back,
            "type": type_id, "place": place.id, "fallback": fallback, **found_roles,
            "quote": clause, "offset": offset, "sentence": state.said[0], "review": review}


# «…على الغوطة، والذي وقع فجر 21 آب»: a clause that opens with a relative pronoun tells of
# the noun before it, so it happened where the words before it say.
_RELATIVE_START = re.compile(r"[وف]?(?:الذي|التي|اللذين|اللتين|الذين)(?!\w)")


def _antecedent(offset: int, state: _State) -> tuple[Place | None, str]:
    start, named = state.said
    place = choose([n for n in named if start + n.end <= offset])
    return place, f"place: {place.name_ar if place else ''}, named just before the relative clause"


def _fallback(clause: str, state: _State, aside: Place | None) -> tuple[Place | None, str]:
    """The section heading's place; the place a pronoun points back to; a place the clause
    names only as a landmark; the article's country."""
    if state.item is not None:
        return state.item, f"place: {state.item.name_ar}, which the list item opens with"
    if state.heading is not None and rank(state.heading) < 4:
        return state.heading, f"place: {state.heading.name_ar}, from the section heading"
    if state.last_place is not None and _BACK.search(clause):
        return state.last_place, f"place: {state.last_place.name_ar}, which the clause points back to"
    if aside is not None:
        return aside, f"place: {aside.name_ar}, named in the clause only as a landmark"
    if state.last_place is not None and _DISTRICT.search(clause):
        return state.last_place, (f"place: {state.last_place.name_ar}, the place named before: the "
                                  "district the clause names is not in the gazetteer")
    province = state.names.by_id.get(state.last_place.province or "") if state.last_place else None
    if province is not None and _SETTLEMENT.search(clause):
        return province, (f"place: {province.name_ar}, the province of the place named before: the "
                          "village the clause names is not in the gazetteer")
    if state.heading is not None:  # a title naming a country: the article's, not a section's
        return state.heading, f"place: {state.heading.name_ar}, from the heading"
    if state.country is not None:
        return state.country, (f"place: the clause names none; {state.country.name_ar}, the "
                               "country the article names most, stands for it")
    return None, ""


# «القوات الحكومية»: the government's forces of the country the article is about.
_GOVERNMENT = re.compile(r"(?<!\w)(?:القوات الحكومية|قوات الحكومة|القوات الأمنية|قوات الأمن)(?!\w)")
_ARMIES = {"syria": "syrian-army", "iraq": "iraqi-forces"}


def _with_government(names: Names, country: Place | None) -> Names:
    """The names, the army of the article's country also known as «القوات الحكومية»."""
    army = _ARMIES.get(country.id) if country else None
    if army is None:
        return names
    words = ("القوات الحكومية", "قوات الحكومة", "القوات الأمنية", "قوات الأمن")
    actors = tuple(Actor(**{**a.to_json(), "aliases": (*a.aliases, *words)}) if a.id == army else a
                   for a in names.actors)
    return Names(places=names.places, by_id=names.by_id, actors=actors,
                 store_places=names.store_places)


def _main_country(text: str, names: Names) -> Place | None:
    """The country the article names most (adjectives too: السوري، العراقية), else Syria."""
    counts = Counter({"syria": len(re.findall(r"سوري", text)), "iraq": len(re.findall(r"عراق", text))})
    best = max(("syria", "iraq"), key=lambda c: (counts[c], c == "syria"))
    return names.by_id.get(best)


# Articles are a few thousand words (a 5,000-word one is 50 KB). Far above this a file is not
# one article; it is refused at once, before it is read (a 50 MB file once took five minutes
# with no word). Below it, extraction is linear: 1 MiB takes a few seconds.
MAX_ARTICLE_BYTES = 1024**2
_TYPE_EN = {"capture": "Capture", "declaration": "Declaration", "airstrikes": "Airstrikes",
            "offensive": "Offensive", "outbreak": "Outbreak", "protest": "Protest",
            "clash": "Clashes", "strike": "Strike", "attack": "Attack", "other": "Event"}


class ArticleTooLarge(ValueError):
    """A text far larger than an article: its message says the limit and what to do."""


def _too_large(size: int) -> str:
    return (f"is {size:,} bytes; an article may have at most {MAX_ARTICLE_BYTES:,} (1 MiB): "
            "split the file into its articles and extract each one")


def check_size(text: str) -> None:
    """ArticleTooLarge when the text is above `MAX_ARTICLE_BYTES` in UTF-8."""
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(_too_large(size))


def summary_en(event: dict[str, Any], names: Names) -> str:
    """A one-line English summary made only of what was extracted (a draft to rewrite)."""
    place = names.by_id.get(event["place"])
    who = next((a.name_en for a in names.actors if a.id == (event.get("victor") or
                                                            event.get("actor"))), None)
    head = f"{_TYPE_EN.get(event['type'], 'Event')}: {place.name_en if place else event['place']}"
    return f"{head}, by {who} ({event['date']})." if who else f"{head} ({event['date']})."


def draft_store(text: str, published: date, source: dict[str, Any], names: Names
                ) -> dict[str, Any]:
    """A store in the store's schema: the source, the events, and the places and actors they use.

    `source` gives the source record's fields but `id` and `sha256` (publisher, title, url,
    file…). No event: an empty event list (the caller decides whether that is an error).
    A text above `MAX_ARTICLE_BYTES` raises ArticleTooLarge before any reading.
    """
    check_size(text)
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
    return sorted(records.values(), key=lambda p: (-_rank_of(p), p["id"]))


def _rank_of(record: dict[str, Any]) -> int:
    return rank(Place.from_json(record))


def _actors_used(events: Sequence[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    used = {a for e in events for role in ("victor", "loser", "actor", "target")
            for a in [e.get(role)] if a} | {a for e in events for a in e["supported_by"]}
    return [a.to_json() for a in names.actors if a.id in used]


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
    """An article's bytes and its text: a regular UTF-8 text file of at most
    `MAX_ARTICLE_BYTES`, refused at once by its size when larger."""
    from syria_timeline.errors import TimelineError
    from syria_timeline.files import FileProblem, read_limited

    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        size = 0  # read_limited says what is wrong with the path
    if size > MAX_ARTICLE_BYTES:
        raise TimelineError(f"{printable(str(path))}: {_too_large(size)}")
    try:
        data = read_limited(path, MAX_ARTICLE_BYTES)
    except FileProblem as problem:
        raise TimelineError(f"{printable(str(path))}: {problem}") from None
    if b"\x00" in data:
        raise TimelineError(f"{printable(str(path))}: has NUL bytes: not a text file")
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TimelineError(f"{printable(str(path))}: byte {error.start}: not UTF-8 text") from None
