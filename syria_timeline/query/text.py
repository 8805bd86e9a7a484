"""Text search: an event matches when every word typed is found in its text, under any spelling.

An event's text is its quote, both summaries, and the names (and other names) of its place and
of every actor it names. Words are compared after the lookup normalizer (harakat, tatweel, hamza
forms, ة/ه, ى/ي, Latin case and accents, the article ال) and a light stemmer written for this
tool: attached prefixes (و ف ب ل ك, and with the article: وال بال فال كال لل) and simple
suffixes (ات ون ين ان ية ها ه ي) come off, as do English plurals. A typed word matches a
word of the text when the two share a form. So روسي finds الروسي, قتيلا finds قتيلاً,
اسلامية finds الإسلامية, forces finds force.

Why not a published stemmer: snowballstemmer's Arabic stemmer (BSD) gave a different stem for
1,729 of 3,450 prefixed forms of the article's own words (الرقة → الرق but والرقة → والرق,
طيران → طيران but الطيران → طير), so a prefix typed or left off would change what is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from syria_timeline.arabic import has_arabic, normalize, to_ascii_digits

_PREFIX_LETTERS = frozenset("وفبلك")
# Longest first; ة is ه after normalize, so ية is يه.
_SUFFIXES = ("ات", "ون", "ين", "ان", "يه", "ها", "ه", "ي")
_SHORTEST = 3  # never cut a word below three letters: roots are three letters long


def words(text: str) -> list[str]:
    """The normalized words of a text.

    Normalized twice: first the whole text, which drops the harakat that would otherwise cut
    words in two, then each word, so that an article behind punctuation («"الخلافة"») goes too.
    """
    return [w for w in map(_word, re.findall(r"\w+", normalize(to_ascii_digits(text)))) if w]


@lru_cache(maxsize=65536)
def _word(token: str) -> str:
    return normalize(token)


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every form under which a normalized word may be found: prefixes and suffixes off."""
    if not has_arabic(word):
        return _english_forms(word)
    cores = {word}
    core = word
    for _ in range(3):  # و, ف, ب, ل, ك and runs of them (وب, لل, ولل…)
        if len(core) <= _SHORTEST or core[0] not in _PREFIX_LETTERS:
            break
        core = core[1:]
        cores.add(core)
        if core.startswith("ال") and len(core) > 3:  # وال، بال…: the article as normalize drops it
            cores.add(core[2:])
            break
    for core in list(cores):
        for suffix in _SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= _SHORTEST:
                cores.add(core[: -len(suffix)])
                break
    return frozenset(cores)


def _english_forms(word: str) -> frozenset[str]:
    found = {word}
    if len(word) > 4 and word.endswith("ies"):
        found.add(word[:-3] + "y")
    elif len(word) > 3 and word.endswith("es"):
        found |= {word[:-2], word[:-1]}
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        found.add(word[:-1])
    return frozenset(found)


def text_forms(texts: Iterable[str]) -> frozenset[str]:
    """The forms of every word of some texts."""
    found: set[str] = set()
    for text in texts:
        for word in words(text):
            found |= forms(word)
    return frozenset(found)


class Query:
    """What `--text` asked for: each typed word, as the set of its forms."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.terms = [forms(w) for w in words(text)]
        self._all = frozenset().union(*self.terms) if self.terms else frozenset()

    @staticmethod
    def forms_of(texts: Iterable[str]) -> frozenset[str]:
        """The forms of every word of some texts (what `found_in` is given)."""
        return text_forms(texts)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def found_in(self, found: frozenset[str]) -> bool:
        """Whether every typed word is among `found` (the forms of an event's text)."""
        return all(not term.isdisjoint(found) for term in self.terms)

    def marks(self, word: str) -> bool:
        """Whether a word as shown (with its harakat, its prefixes) is one of those typed."""
        normalized = words(word)
        return any(not forms(w).isdisjoint(self._all) for w in normalized)
