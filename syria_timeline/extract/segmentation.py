"""Cutting an article into sentences, and a sentence into the clauses its dates belong to.

The genre writes its milestones as lines (a heading, a bullet "- 23 آذار: …"), as sentences,
and as runs of both in one paragraph ("2011 - 15 آذار: … - 23 آذار: …"). A sentence is cut
into pieces at punctuation and at the words that open a new clause (وفي، ثم، فيما، في حين…),
never at any word that merely starts with و. A date that stands in a piece of its own
(«، اليوم الأحد،» or «في 29 حزيران 2014،») belongs with the words around it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from syria_timeline.extract.dates import Found, date_pattern, same_length

# Words that open a new clause. «و» alone, or joined to one of these, starts one; any other
# word that begins with و (وحول، وسيطر) does not.
_OPENERS = ("في", "بعد", "قبل", "خلال", "منذ", "كان", "كانت", "قد", "لاحقا", "لاحقاً", "بدءا",
            "بدءاً", "اعتبارا", "اعتباراً", "عقب", "إثر", "اثر")
_FREE_OPENERS = ("ثم", "فيما", "بينما", "في حين", "إلا أن", "الا ان", "إلا ان", "لكن", "ولكن",
                 "غير أن", "كما")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    heading: bool


@lru_cache(maxsize=1)
def _sentence_end() -> re.Pattern[str]:
    # A full stop not between digits, "؟ ! ?", "..", or a dash between spaces before a date,
    # which opens a list item ("… حمص. - 23 آذار: …", "… 2011 - 15 آذار: …").
    return re.compile(r"(?<!\d)[.!؟?](?!\d)[.!؟?\"»”]*(?=\s|$)|\s[-–—](?=\s)")


def sentences(text: str) -> Iterator[Sentence]:
    """Each sentence of each line; a short line without a full stop or a verb-like shape is a
    heading (its place and year are the section's)."""
    for line in re.finditer(r"[^\n]+", text):
        heading = _is_heading(line[0])
        begin, plain = 0, same_length(line[0])
        for cut in _sentence_end().finditer(line[0]):
            dash = cut[0].strip()[:1] in ("-", "–", "—")
            if dash and not _opens_item(plain, cut.end()):
                continue  # a dash around an aside («قسد - تحالف … - سيطرت»), not a list item
            yield from _trimmed(line.start(), line[0], begin, cut.start() if dash else cut.end(),
                                heading)
            begin = cut.end()
        yield from _trimmed(line.start(), line[0], begin, len(line[0]), heading)


def _opens_item(line: str, at: int) -> bool:
    """Whether a date (or a year and a colon) comes first after `at`: a list item begins."""
    at += len(line[at:]) - len(line[at:].lstrip())
    return bool(date_pattern().match(line, at) or re.match(r"(?:19|20)\d\d\s*[:\-–]", line[at:]))


def _trimmed(at: int, line: str, start: int, end: int, heading: bool) -> Iterator[Sentence]:
    span = line[start:end]
    left = len(span) - len(span.lstrip(" \t-–—•*·:"))
    right = len(span.rstrip())
    if right > left:
        yield Sentence(at + start + left, at + start + right, heading)


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("-") and stripped.endswith("-") and len(stripped) < 80:
        return True
    words = stripped.split()
    return 0 < len(words) <= 8 and not re.search(r"[.!؟?:،]\W*$", stripped) \
        and not re.search(r"(?<!\.)[.؟!](?!\.)\s", stripped)  # «كوباني.. من الحصار» is a title


@lru_cache(maxsize=1)
def _cuts() -> re.Pattern[str]:
    joined = "|".join(sorted(_OPENERS, key=len, reverse=True))
    free = "|".join(sorted(_FREE_OPENERS, key=len, reverse=True))
    return re.compile(rf"[،,؛;:]|\s(?=(?:و(?:{joined})|{free}|و)(?!\w))")


def pieces(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of a sentence, cut at punctuation and clause openers."""
    bounds = [0, *(m.end() for m in _cuts().finditer(sentence)), len(sentence)]
    out = [(a, b) for a, b in itertools.pairwise(bounds) if sentence[a:b].strip(" ،,:؛;")]
    return out or [(0, len(sentence))]


def clauses(sentence: str, found: Sequence[Found]) -> list[tuple[int, int, list[Found]]]:
    """(start, end, dates) of each clause that carries dates: the piece a date stands in, the
    pieces before the first date, and the pieces after it up to the next date's piece.

    Two dates in one piece that name the same period are one; different ones are cut apart at
    the later one (its preposition goes with it).
    """
    if not found:
        return []
    groups: list[tuple[int, int, list[Found]]] = []
    sentence = same_length(sentence)
    parts = _split_within(sentence, _bare_joined(sentence, pieces(sentence), found), found)
    for start, end in parts:
        inside = [f for f in found if start <= f.start < end]
        if inside and (not groups or _new(groups[-1][2], inside)):
            begin = 0 if not groups else start
            groups.append((begin, end, inside))
        elif groups:
            first, _, dates = groups[-1]
            groups[-1] = (first, end, [*dates, *inside])
    return [(a, b, _distinct(ds)) for a, b, ds in groups]


def _bare_joined(sentence: str, parts: list[tuple[int, int]], found: Sequence[Found]
                 ) -> list[tuple[int, int]]:
    """A piece that is only a date («وفي آب 2016،») is one with the piece after it."""
    out: list[tuple[int, int]] = []
    for start, end in parts:
        if out and _only_date(sentence, *out[-1], found):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _only_date(sentence: str, start: int, end: int, found: Sequence[Found]) -> bool:
    inside = [f for f in found if start <= f.start < end]
    if not inside:
        return False
    rest = sentence[start:end]
    for date_ in sorted(inside, key=lambda f: -f.start):
        rest = rest[:date_.start - start] + rest[date_.end - start:]
    return all(w in _PREPOSITIONS for w in re.findall(r"\w+", rest))


def _new(before: list[Found], inside: list[Found]) -> bool:
    return any(f.prefix not in {d.prefix for d in before} for f in inside)


def _distinct(dates: list[Found]) -> list[Found]:
    seen: dict[str, Found] = {}
    for date_ in dates:
        seen.setdefault(date_.prefix, date_)
    return list(seen.values())


def _split_within(sentence: str, parts: list[tuple[int, int]], found: Sequence[Found]
                  ) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in parts:
        inside = [f for f in found if start <= f.start < end]
        cuts = [start]
        for prev, date_ in itertools.pairwise(inside):
            if date_.prefix != prev.prefix:
                cuts.append(_and_before(sentence, prev.end, date_.start)
                            or _phrase_start(sentence, prev.end, date_.start))
        out += [(a, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True) if b > a]
    return out


def _and_before(sentence: str, floor: int, start: int) -> int | None:
    """Two dates in one piece and a word joined by «و» (or «قبل أن»، «ثم») between them
    («سيطر على الموصل في 10 حزيران وأعلن الخلافة في 29 حزيران»): the second clause begins
    there."""
    joined = list(re.finditer(r"(?<!\S)(?:و\w{2,}|(?:قبل|بعد)\s+[أا]ن|ثم|حيث|التي|الذي)(?!\w)",
                              sentence[floor:start]))
    return floor + joined[-1].start() if joined else None


_PREPOSITIONS = frozenset(("في", "من", "منذ", "اعتبارا", "اعتباراً", "خلال", "بعد", "قبل", "حتي",
                           "وفي", "ففي", "يوم", "مساء", "صباح", "فجر", "بتاريخ", "تاريخ", "و"))


def _phrase_start(sentence: str, floor: int, start: int) -> int:
    """Where a date's phrase begins: back over the prepositions in front of it."""
    at = start
    while True:
        head = sentence[floor:at].rstrip()
        word = head.split()[-1] if head.split() else ""
        if word not in _PREPOSITIONS:
            return at
        at = floor + len(head) - len(word)
