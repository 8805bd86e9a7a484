"""A dataset's actor names matched to the actor lexicon, by organisation.

ACLED names a unit with its organisation, the years of the government it served and a
sub-unit (`Military Forces of Iraq (2018-) Popular Mobilization Forces`), a qualifier in
brackets (`Islamic State (Syria)`, `Civilians (Iraq)`) and an acronym (`QSD: Syrian
Democratic Forces`); UCDP names parties (`Government of Syria`, `IS`, `Syrian insurgents`).
A name is tried as its sub-unit first (the PMF is a unit of Iraq's forces, and its own
actor), then whole without the years, then as its organisation without qualifier, then by
its acronym's parts. Names nothing knows keep the dataset's own name. Ids stay stable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from syria_timeline.lexicon import ACTOR_SPELLINGS, DATASET_ACTORS
from syria_timeline.model import Actor, slug

# Actors ACLED and UCDP name often in Syria and Iraq that the lexicon lacks: (id, Arabic,
# English, the datasets' spellings). Facts (names); the 50 most frequent names of the
# Syrian and Iraqi rows of both datasets resolve to these or to the lexicon's actors.
ORGANISATIONS = (
    ("syrian-police", "الشرطة السورية", "Syrian police", ("police forces of syria",)),
    ("iraqi-police", "الشرطة العراقية", "Iraqi police", ("police forces of iraq",)),
    ("israeli-army", "الجيش الإسرائيلي", "Israeli army", (
        "military forces of israel", "government of israel")),
    ("us-forces", "القوات الأمريكية", "US forces", (
        "military forces of the united states", "government of united states of america",
        "government of the united states")),
    ("pkk", "حزب العمال الكردستاني", "Kurdistan Workers' Party (PKK)", (
        "pkk", "kurdistan workers party")),
    ("syrian-national-army", "الجيش الوطني السوري", "Syrian National Army", (
        "syrian national army", "jws", "sna")),
    ("operation-peace-spring", "قوات عملية نبع السلام", "Operation Peace Spring forces", (
        "operation peace spring",)),
    ("unidentified-armed-group", "مجموعة مسلحة مجهولة", "Unidentified armed group", (
        "unidentified armed group", "unidentified military forces")),
    ("pro-government-militia", "ميليشيا موالية للحكومة", "Pro-government militia", (
        "militia (pro-government)",)),
    ("pro-iran-militia", "ميليشيا موالية لإيران", "Pro-Iranian militia", (
        "militia (pro-iran)",)),
    ("islamist-militia", "ميليشيا إسلامية", "Islamist militia", ("islamist militia",)),
    ("tribal-militia", "ميليشيا عشائرية", "Tribal militia", (
        "unidentified tribal militia",)),
    ("tribal-mobilization", "الحشد العشائري", "Tribal Mobilisation Forces", (
        "tribal mobilization forces", "tmf")),
    ("ndf", "قوات الدفاع الوطني", "National Defence Forces", (
        "national defense forces", "ndf")),
    ("ahrar-al-sharqiyah", "أحرار الشرقية", "Ahrar al-Sharqiya", ("ahrar al sharqiyah",)),
    ("sham-legion", "فيلق الشام", "Sham Legion", ("al sham corps", "faylaq al sham")),
    ("hamza-division", "فرقة الحمزة", "Hamza Division", (
        "hamza division", "hamza division aleppo")),
    ("levant-front", "الجبهة الشامية", "Levant Front", ("levant front", "jas")),
    ("sultan-murad-division", "فرقة السلطان مراد", "Sultan Murad Division", (
        "sultan murad division",)),
    ("sharqiya-army", "جيش الشرقية", "Sharqiya Army", ("sharqiya army",)),
    ("suleiman-shah-brigade", "فرقة السلطان سليمان شاه", "Sultan Suleiman Shah Brigade", (
        "sultan suleiman shah brigade",)),
    ("badr-organization", "منظمة بدر", "Badr Organisation", ("badr organization",)),
    ("dawa-party", "حزب الدعوة الإسلامية", "Islamic Dawa Party", ("islamic dawa party",)),
    ("jaysh-al-islam", "جيش الإسلام", "Jaysh al-Islam", ("jaysh al islam", "jaish al islam")),
    ("faylaq-al-rahman", "فيلق الرحمن", "Faylaq al-Rahman", ("faylaq al rahman",)),
    ("islamic-front", "الجبهة الإسلامية", "Islamic Front", ("islamic front",)),
    ("zenki-movement", "حركة نور الدين الزنكي", "Nour al-Din al-Zenki Movement", (
        "harakat nour al din al zenki", "nour al din al zenki movement")),
    ("ansar-al-islam", "أنصار الإسلام", "Ansar al-Islam", ("ansar al islam",)),
    ("jaysh-al-ahrar", "جيش الأحرار", "Jaysh al-Ahrar", ("jaysh al ahrar",)),
    ("former-rebels", "مقاتلون سابقون في المعارضة", "Former opposition fighters", (
        "former opposition rebels",)),
    ("kurds", "الكرد", "Kurds", ("kurdish ethnic group",)),
    ("prisoners", "سجناء", "Prisoners", ("prisoners",)),
    ("displaced", "لاجئون ونازحون", "Refugees and displaced people", ("refugees/idps",)),
    ("workers", "عمال", "Workers", ("labour group", "labor group")),
    ("teachers", "معلمون", "Teachers", ("teachers",)),
    ("farmers", "مزارعون", "Farmers", ("farmers",)),
    ("health-workers", "عاملون في القطاع الصحي", "Health workers", ("health workers",)),
    ("journalists", "صحفيون", "Journalists", ("journalists",)),
    ("students", "طلاب", "Students", ("students",)),
)
# Dataset names of actors the lexicon has, that its own spellings do not cover.
SPELLINGS = {
    "government of iran": "iranian-forces", "military forces of iran": "iranian-forces",
    "islamic revolutionary guard corps": "iranian-forces", "pyd": "kurdish-forces",
    "peoples protection units": "kurdish-forces", "government of syria": "syrian-army",
    "military forces of syria": "syrian-army", "hayat tahrir al sham": "hts",
}
_YEARS = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)\s*")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "az", "at", "an", "the"})


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A name reduced to what spellings share: `Hay'at Tahrir al-Sham` → `hayat tahrir sham`."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower())
                    if not unicodedata.combining(c)).replace("'", "").replace("`", "")
    words = re.split(r"[^a-z0-9\u0600-\u06ff]+", plain)
    return " ".join(w for w in words if w and w not in _ARTICLES)


def organisation_names(name: str) -> list[str]:
    """The names to try for a dataset's actor name, most specific first."""
    found = _YEARS.search(name)
    whole = _YEARS.sub(" ", name).strip()
    names = [name[found.end():].strip()] if found and name[found.end():].strip() else []
    organisation = name[:found.start()].strip() if found else name.strip()
    names += [whole, organisation, _QUALIFIER.sub("", organisation)]
    for text in list(names):
        if ":" in text:
            names += [part.strip() for part in text.split(":")]
    return [n for n in dict.fromkeys(names) if n]


class Actors:
    """Actors met in a dataset: known ones by their store ids, others under their own names."""

    def __init__(self, known: Iterable[Actor]) -> None:
        table = tuple(Actor(id=i, name_ar=ar, name_en=en) for i, ar, en, _ in ORGANISATIONS)
        self.known = {a.id: a for a in (*known, *DATASET_ACTORS, *table)}
        self.records: dict[str, Actor] = {}
        self._by_name: dict[str, str] = {}
        for ident, _, _, spellings in ORGANISATIONS:
            for spelling in spellings:
                self._by_name[name_key(spelling)] = ident
        for spelling, ident in (*SPELLINGS.items(), *ACTOR_SPELLINGS.items()):
            self._by_name.setdefault(name_key(spelling), ident)
        for actor in self.known.values():
            for name in (actor.name_en, actor.id, *actor.aliases):
                key = name_key(name)
                if key and key.isascii():
                    self._by_name.setdefault(key, actor.id)
        self._met: dict[str, str] = {}

    def actor(self, name: str) -> str | None:
        """The id of the actor a dataset names; None for an empty cell."""
        name = name.strip()
        if not name:
            return None
        ident = self._met.get(name)
        if ident is None:
            ident = self.known_id(name) or self._new(name)
            self._met[name] = ident
        if ident in self.known:
            self.records.setdefault(ident, self.known[ident])
        return ident

    def known_id(self, name: str) -> str | None:
        """The lexicon's id for a dataset's name, tried by organisation; None if unknown."""
        for candidate in organisation_names(name):
            found = self._by_name.get(name_key(candidate))
            if found in self.known:
                return found
        return None

    def _new(self, name: str) -> str:
        base = slug(name, 60) or "actor"
        ident, n = base, 1
        while ident in self.records or ident in self.known:
            n += 1
            ident = f"{base}-{n}"
        self.records[ident] = Actor(id=ident, name_ar=name, name_en=name)
        return ident
