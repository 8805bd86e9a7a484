"""Arabic text: one normalizer for every lookup, digits, month names, and display shaping.

`normalize` is the single key function behind place, actor and type lookups and the
date parser, so a spelling that finds a city also finds it in `--place` and `--actor`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Harakat, Quranic annotation marks and the superscript alef: never part of a name's identity.
_MARKS = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]
)
# Tatweel, and the invisible characters people paste along with names from web pages and
# from bidi-aware editors (marks, embeddings, isolates, joiners, BOM).
_INVISIBLE = dict.fromkeys(
    [0x0640, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    # Persian keyboards type these for kaf and ya.
    "ک": "ك", "ی": "ي",
    # Latin punctuation that spellings of one name disagree on.
    "-": " ", "_": " ", "'": "", "’": "", "ʼ": "", "`": "", "‘": "", ".": "",
})
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LATIN_ARTICLES = ("al", "ar", "as", "ad", "an", "at", "az", "ash", "el", "ed", "es", "ez")
_ARTICLE_WORDS = frozenset([*_LATIN_ARTICLES, "ال"])


@lru_cache(maxsize=1)
def _latin_article() -> re.Pattern[str]:
    # Compiled on first use: `list --year … --json` never needs it (start-up time).
    return re.compile(rf"^(?:{'|'.join(_LATIN_ARTICLES)})[-' ]+(?=\w)", re.IGNORECASE)


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits to 0-9."""
    return text.translate(DIGITS)


def has_arabic(text: str) -> bool:
    """Whether the text has an Arabic letter, as logical text or as shaped presentation forms."""
    return any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"
               for c in text)


def _fold_word(word: str) -> str:
    # The article is optional: الرقة and رقة are one name. Strip it as often as it stands
    # first, so that normalizing twice changes nothing; keep very short words whole.
    while word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


def _strip_latin_article(word: str) -> str:
    article = _latin_article()
    stripped = article.sub("", word)
    while stripped != word:
        word, stripped = stripped, article.sub("", stripped)
    return word


def normalize(text: str) -> str:
    """A lookup key: same key for every spelling of one name.

    Idempotent. Strips harakat, tatweel and bidi controls; unifies alef forms, ة/ه, ى/ي;
    makes the Arabic article ال and the Latin al-/ar-/as-/ad-… prefixes optional; folds
    Latin case and accents; ignores hyphens, apostrophes and runs of spaces.
    """
    import unicodedata  # here, not at the top: `list --year … --json` never normalizes

    text = unicodedata.normalize("NFKC", text)  # presentation forms back to letters
    text = text.translate(_MARKS).translate(_INVISIBLE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not _is_latin_mark(c))
    text = unicodedata.normalize("NFC", text)
    words: list[str] = []
    for word in text.casefold().split():
        word = _strip_latin_article(word).translate(_LETTERS)
        words.extend(_fold_word(w) for w in word.split())
    # "Al Bab", "ال رقة": an article standing alone before a name is optional too.
    last = len(words) - 1
    return " ".join(w for i, w in enumerate(words) if i == last or w not in _ARTICLE_WORDS)


def _is_latin_mark(char: str) -> bool:
    # Combining marks below U+0300..036F are Latin accents (Kobanî → kobani); Arabic marks
    # are removed separately and hamza-above is kept apart by NFC.
    return 0x0300 <= ord(char) <= 0x036F


# Month names as people write them, keyed by their normalized form.
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("كانون الثاني", "يناير", "جانفي", "january", "jan"),
    2: ("شباط", "فبراير", "فيفري", "february", "feb"),
    3: ("آذار", "اذار", "مارس", "march", "mar"),
    4: ("نيسان", "أبريل", "ابريل", "إبريل", "أفريل", "افريل", "april", "apr"),
    5: ("أيار", "ايار", "مايو", "ماي", "may"),
    6: ("حزيران", "يونيو", "يونيه", "جوان", "june", "jun"),
    7: ("تموز", "يوليو", "يوليه", "جويلية", "july", "jul"),
    8: ("آب", "اب", "أغسطس", "اغسطس", "أغسطس", "أوت", "اوت", "august", "aug"),
    9: ("أيلول", "ايلول", "سبتمبر", "september", "sep", "sept"),
    10: ("تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر", "october", "oct"),
    11: ("تشرين الثاني", "نوفمبر", "november", "nov"),
    12: ("كانون الأول", "كانون الاول", "ديسمبر", "december", "dec"),
}


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month number by normalized name (built on first use: start-up time)."""
    return {normalize(name): n for n, names in MONTH_NAMES.items() for name in names}


def visual(line: str) -> str:
    """One line of logical-order text as a terminal without bidi support must draw it.

    Shapes the letters (joining forms) and reorders the line. Call it on a single,
    already-wrapped line: reordering a paragraph would swap its lines.
    """
    if not has_arabic(line):
        return line
    # python-bidi's pure-Python algorithm: unlike its compiled one, it mirrors brackets in
    # right-to-left runs (rule L4), so that (منذ …) does not come out as )منذ …(.
    from bidi.algorithm import get_display

    shown = str(get_display(shaped(line)))
    # Reversing a word puts each haraka before its letter; a terminal draws a mark on the
    # cell before it, so it must follow its letter in visual order too.
    return _marks_first().sub(r"\2\1", shown)


@lru_cache(maxsize=1)
def _marks_first() -> re.Pattern[str]:
    return re.compile("([\u064b-\u065f\u0670]+)([^\u064b-\u065f\u0670])")


def shaped(text: str) -> str:
    """The text with its letters in joining forms and lam-alef as one letter, as drawn."""
    return str(_reshaper().reshape(text)) if has_arabic(text) else text


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    import arabic_reshaper

    # Its default drops harakat: a quote must stay verbatim on screen (قتيلاً, not قتيلا).
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
