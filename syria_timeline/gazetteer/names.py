"""Every spelling of every place, as lookup keys.

A name's key is `arabic.normalize` of it (which already sets aside ال, ة/ه, ى/ي, hamza forms,
vowel marks, Latin accents and al-/ar- prefixes), and the same key without its spaces, so that
كفرنبل finds كفر نبل and ديرالزور finds دير الزور. Latin names have a looser key too, their
consonants (`latin_skeleton`), so that Deir ez-Zor, Dayr az Zawr and Deir Ezzor, or Raqqa,
Ar-Raqqa and Rakka, meet: datasets romanize one name many ways. The loose key is used only
where a governorate narrows the choice (see `resolve`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from syria_timeline.arabic import normalize
from syria_timeline.gazetteer.data import Entry, entries

_LATIN_ARTICLES = frozenset({"al", "el", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "adh",
                             "az", "ez", "at", "et", "ath", "an", "en", "ul", "l"})
# Words a dataset adds to a place's name that are not the name (UCDP: "Raqqa town").
GENERIC_WORDS = frozenset({"town", "city", "village", "camp", "district", "subdistrict", "sub",
                           "governorate", "province", "muhafazat", "region", "area", "countryside",
                           "outskirts", "nahiya", "nahiyat", "mantiqat", "qada", "of", "the"})
# Letters romanizations write differently for one Arabic letter: ث ذ ظ are th, dh, z, t or d;
# غ and خ are gh, kh, g or k.
_DIGRAPHS = (("sh", "s"), ("kh", "k"), ("gh", "k"), ("th", "t"), ("dh", "t"), ("ch", "s"),
             ("q", "k"), ("c", "k"), ("g", "k"), ("x", "ks"), ("ou", "u"), ("ee", "i"))


def keys(name: str) -> tuple[str, ...]:
    """The lookup keys of a name: normalized, and normalized with no spaces."""
    key = normalize(name)
    if key.isascii():
        # Romanizations differ in doubled letters and a final h: Maarat, Ma'arrat; Hawija, Hawijah.
        joined = re.sub(r"(.)\1+", r"\1", re.sub(r"(?<=[aeiou])h\b", "", key).replace(" ", ""))
    else:
        # No spaces, and no article inside: ديرالزور is دير الزور written as one word.
        joined = key[:2] + key[2:].replace(" ", "").replace("ال", "")
    return (key,) if joined == key else (key, joined)


def without_generic(name: str) -> str:
    """A Latin name without the words a dataset adds to it: `Baghuz village` → `Baghuz`."""
    words = name.split()
    kept = [w for w in words if w.lower() not in GENERIC_WORDS]
    return " ".join(kept) if kept and name.isascii() else name


@lru_cache(maxsize=65536)
def latin_skeleton(name: str) -> str:
    """A Latin name's consonants: `Deir ez-Zor`, `Dayr az Zawr`, `Deir Ezzor` → `drzr`.

    Articles, generic words (town, camp…), vowels, y and w are left out, letters a
    romanization writes two ways are made one (q/k, sh/s…), doubled letters single, and a
    final h after a vowel dropped (Raqqah, Raqqa). Empty for a name with Arabic letters.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = re.sub(r"\([^)]*\)", " ", plain.lower())
    if not plain.isascii():
        return ""
    words = [w for w in re.split(r"[^a-z0-9]+", plain.replace("'", "").replace("`", "")) if w]
    words = [w for w in words if w not in _LATIN_ARTICLES and w not in GENERIC_WORDS] or words
    out = []
    for word in words:
        word = re.sub(r"^(?:al|el|ar|as|ash|ad|az|at|an|ad)(?=(.)\1)", "", word)  # Ezzor, Assafira
        word = re.sub(r"(?<=[aeiou])h$", "", word)
        for pair, single in _DIGRAPHS:
            word = word.replace(pair, single)
        out.append(re.sub(r"[aeiouyw]", "", word))
    return re.sub(r"(.)\1+", r"\1", "".join(out))


@lru_cache(maxsize=1)
def index() -> dict[str, tuple[Entry, ...]]:
    """Every key of every name, id and alias → the places it names, largest index first."""
    found: dict[str, list[Entry]] = {}
    for entry in entries().values():
        place = entry.place
        for spelling in (place.name_ar, place.name_en, place.id, *place.aliases):
            for key in keys(spelling):
                bucket = found.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
    return {k: tuple(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def skeletons() -> dict[str, tuple[Entry, ...]]:
    """Latin skeleton → places, for names no key finds."""
    found: dict[str, list[Entry]] = {}
    for entry in entries().values():
        place = entry.place
        for spelling in (place.name_en, *place.aliases):
            skeleton = latin_skeleton(spelling)
            if len(skeleton) >= 2:
                bucket = found.setdefault(skeleton, [])
                if entry not in bucket:
                    bucket.append(entry)
    return {k: tuple(v) for k, v in found.items()}


def find(name: str) -> tuple[Entry, ...]:
    """The places a name names under any spelling (several places can share a name)."""
    table = index()
    found: list[Entry] = []
    for key in keys(name):
        found.extend(e for e in table.get(key, ()) if e not in found)
    return tuple(found)
