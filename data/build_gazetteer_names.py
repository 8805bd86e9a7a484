"""Names for data/build_gazetteer.py: which Arabic form to show, which forms to keep as aliases.

GeoNames' alternate names for a town mix Arabic, Kurdish, Persian, Ottoman, official and
colloquial spellings with no language tag in the packages. The display name is chosen by a
rule, the same for every place:

1. only forms in Arabic letters (no پ چ ژ گ ڤ ێ ۆ ە ڵ ڕ ھ ی ک: those are Persian or Kurdish);
2. the form that reads back most like GeoNames' own romanization of the name (BGN/PCGN, whose
   dots tell ط from ت and ص from س, and whose macrons tell long vowels): Qāmishlī gives
   القامشلي over القامشلو, Ţabqah الطبقة over الثورة;
3. as the news writes it: no vowel marks (أذرِعات), no ة inside a word (كةربالا), no extra words
   (كربلاء المقدسة, مركز قضاء القائم), a final ي where the romanization ends in ī (الرمادي,
   not الرمادى), hamza on an initial alef (إدلب rather than ادلب).

Where the rule is still wrong, data/places/display_names.tsv says what to show and why.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Letters of Persian, Kurdish and Urdu that Arabic does not use.
NOT_ARABIC_LETTERS = frozenset("پچژگڤێۆەڵڕھیکہۍڪۇېےۊڎڑ")
_ARABIC_FORM = re.compile(r"[\u0621-\u063a\u0641-\u0652\u0670 ]+")
_MARK = re.compile(r"[\u064b-\u0652\u0670]")
_EXTRA_WORDS = ("مدينة", "مركز", "قضاء", "ناحية", "محافظة", "المقدسة", "الأشرف", "الاشرف", "بلدة", "قرية")
_ARTICLE_WORD = r"\b(?:al|ar|as|ash|ad|aḑ|adh|an|at|aţ|ath|az|aş|el|er|es|esh|ed|ez|en)\b"
_GENERIC_LATIN = re.compile(r"^(?:n[aā]\S*iyat|madinat|qaryat|markaz)\s+")
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|adh|an|at|ath|az|el|er|es|ed|ez|en)[-' ]+", re.I)

# Arabic letters read back as a romanization would write them. Capitals are the emphatic or
# pharyngeal letters that BGN/PCGN marks with a dot (Ţ, Ş, Ḑ, Z̧, Ḩ); 3 is ‘ayn.
_AR_TO_LATIN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ئ": "", "ؤ": "", "ى": "a",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "H", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "ع": "3", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "u", "ي": "i", " ": " ",
}
_DOTTED = {"ţ": "T", "ş": "S", "ḑ": "D", "ḩ": "H", "ẓ": "Z", "‘": "3", "ʿ": "3"}
_FINE = {"T", "S", "D", "H", "Z", "3"}


def is_arabic_form(name: str) -> bool:
    """An Arabic-script name written in Arabic letters only (Kurdish and Persian ones left out)."""
    return bool(_ARABIC_FORM.fullmatch(name)) and not NOT_ARABIC_LETTERS & set(name)


def is_latin_form(name: str) -> bool:
    """A name in Latin letters (with accents): worth keeping as a spelling to look up."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bool(re.fullmatch(r"[A-Za-z0-9 '‘’ʿʼ().,\-]+", plain)) and any(c.isalpha() for c in plain)


def _latin_reading(romanized: str) -> str:
    """GeoNames' romanization as consonants and long vowels: `Al Qāmishlī` → `qAmshlI`.

    Capitals are the letters BGN/PCGN marks (Ţ Ş Ḑ Z̧ Ḩ ‘, ā ī ū); short vowels, which Arabic
    does not write, are left out; so is a final h after a vowel (a tā’ marbūṭa).
    """
    text = _ARTICLE.sub("", romanized.strip())
    text = re.sub(r"(?<=[aeiouáāīū])h\b", "", text)
    text = "".join(_DOTTED.get(c, c) for c in unicodedata.normalize("NFC", text.lower()))
    text = text.replace("ā", "A").replace("ī", "I").replace("ū", "U").replace("á", "A")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'ʼ`\- ]", "", text)
    text = re.sub(r"[aeiouyw]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def _arabic_reading(name: str) -> str:
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in name.split()]
    out = []
    for word in words:
        head, body = word[:1], word[1:]
        # A long vowel is written inside a word; an initial alef is its hamza's seat.
        body = body.replace("ا", "A").replace("ى", "A").replace("و", "U").replace("ي", "I")
        body = re.sub(r"[هة]$", "", body)
        out.append("".join(_AR_TO_LATIN.get(c, c if c in "AIU" else "") for c in head + body))
    text = "".join(out)
    text = re.sub(r"^[aiu]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def _likeness(arabic: str, reading: str) -> float:
    mine = _arabic_reading(arabic)
    fine = SequenceMatcher(None, mine, reading).ratio()
    coarse = SequenceMatcher(None, mine.lower(), reading.lower()).ratio()
    if not re.search("[AIU]", reading):  # no macrons: vowels say nothing
        plain = re.sub("[AIU]", "", mine)
        fine = SequenceMatcher(None, plain, reading).ratio()
        coarse = SequenceMatcher(None, plain.lower(), reading.lower()).ratio()
    return fine + coarse


def _key(name: str) -> str:
    name = re.sub(r"^ال", "", name.replace("ة", "ه").replace("ى", "ي"))
    return re.sub("[أإآ]", "ا", name)


def _style_penalty(name: str, romanized: str, others: list[str]) -> float:
    words = name.split()
    penalty = 0.0
    if _MARK.search(name):
        penalty += 0.6
    if any("ة" in w[:-1] for w in words):
        penalty += 1.0
    penalty += 0.5 * sum(w in _EXTRA_WORDS for w in words)
    latin_words = len(_ARTICLE.sub("", romanized).split())
    penalty += 0.3 * max(0, len(words) - latin_words)
    if name.endswith("ى") and re.search(r"[īiy]h?$", romanized):
        penalty += 0.5
    if name.endswith("ا") and romanized.endswith("á"):
        penalty += 0.5
    if any(len(w) == 1 for w in words):  # "د مشق"
        penalty += 1.0
    if _ARTICLE.match(romanized) and not name.startswith("ال"):
        penalty += 0.2
    if re.match(r"^(?:ال(?=ا)|(?!ال))ا", name):  # an initial alef without its hamza
        penalty += 0.05
    if not name.startswith("ال") and any(o.startswith("ال") and _key(o) == _key(name) for o in others):
        penalty += 0.2  # the written name has its article
    inner = _GENERIC_LATIN.sub("", romanized.lower())[1:]
    articles = len(re.findall(_ARTICLE_WORD, inner))
    penalty += 0.2 * abs(sum(w.startswith("ال") for w in words[1:]) - articles)
    if re.search(r"[iī]yah$", romanized) and not re.search("[ةه]$", name):
        penalty += 0.3
    if name.endswith("ه") and name[:-1] + "ة" in others:
        penalty += 0.2
    # Spellings that agree with this one once ال, ة/ه, ى/ي and hamzas are set aside.
    penalty -= 0.05 * sum(_key(o) == _key(name) for o in others if o != name)
    return penalty


def candidates(arabic_forms: list[str], romanized: str) -> list[str]:
    """The Arabic forms, with the spellings the news uses added: أبو/أم with their hamza, a
    final ة where the romanization ends in -ah."""
    forms = []
    for form in arabic_forms:
        if not NOT_ARABIC_LETTERS & (set(form) - {"ک", "ی"}):
            form = form.replace("ک", "ك").replace("ی", "ي")  # Persian keyboards' kaf and ya
        if not is_arabic_form(form):
            continue
        form = re.sub(r"(^| )ابو ", r"\1أبو ", re.sub(r"(^| )ام ", r"\1أم ", form.strip()))
        forms.append(form)
        if form.endswith("ه") and re.search(r"ah$", romanized):
            forms.append(form[:-1] + "ة")
    return list(dict.fromkeys(forms))


def display_name(arabic_forms: list[str], romanized: str) -> str | None:
    """The Arabic form to show for a place GeoNames romanizes as `romanized` (None: no form)."""
    forms = candidates(arabic_forms, romanized)
    if not forms:
        return None
    reading = _latin_reading(romanized)
    scored = [(_likeness(f, reading) - _style_penalty(f, romanized, forms), -i, f)
              for i, f in enumerate(forms)]
    return max(scored)[2]
