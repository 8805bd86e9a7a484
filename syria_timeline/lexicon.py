"""One lexicon of the war's actors, read by extraction and by dataset imports alike.

The bundled store's actors are the core; `LEXICON` adds the war's other actors as articles
name them; `ACTOR_SPELLINGS` maps the names datasets (ACLED, UCDP) give them to those ids;
`DATASET_ACTORS` are the actors datasets name that no article lexicon has. All of it is facts
(names), kept as data.
"""

from __future__ import annotations

from collections.abc import Iterable

from syria_timeline.model import Actor

# The war's other actors, beside the bundled store's: (id, Arabic, English, other names).
LEXICON = (
    ("free-syrian-army", "الجيش السوري الحر", "Free Syrian Army", ("الجيش الحر", "FSA")),
    ("hts", "هيئة تحرير الشام", "Hayat Tahrir al-Sham", ("تحرير الشام", "HTS")),
    ("nusra-front", "جبهة النصرة", "al-Nusra Front", ("النصرة", "جبهة فتح الشام")),
    ("ahrar-al-sham", "حركة أحرار الشام", "Ahrar al-Sham", ("أحرار الشام",)),
    ("hezbollah", "حزب الله", "Hezbollah", ("حزب الله اللبناني",)),
    ("russian-forces", "القوات الروسية", "Russian forces", ("الجيش الروسي", "روسيا العسكرية")),
    ("iranian-forces", "القوات الإيرانية", "Iranian forces", ("الحرس الثوري الإيراني",
                                                              "الحرس الثوري")),
    ("iraqi-forces", "القوات العراقية", "Iraqi forces", ("الجيش العراقي", "القوات الحكومية العراقية")),
    ("pmf", "الحشد الشعبي", "Popular Mobilisation Forces", ("قوات الحشد الشعبي", "PMF")),
    ("peshmerga", "البشمركة", "Peshmerga", ("قوات البشمركة", "البيشمركة")),
)


# Dataset actor names the lexicon's aliases do not already cover (facts: names).
ACTOR_SPELLINGS = {
    "military forces of syria": "syrian-army", "government of syria": "syrian-army",
    "police forces of syria": "syrian-army", "islamic state": "islamic-state",
    "is": "islamic-state", "military forces of turkey": "turkish-army",
    "government of turkey": "turkish-army", "military forces of russia": "russian-forces",
    "government of russia": "russian-forces", "military forces of iraq": "iraqi-forces",
    "government of iraq": "iraqi-forces", "hayat tahrir al sham": "hts",
    "jabhat fateh al sham": "nusra-front", "jabhat al nusra": "nusra-front",
    "al nusra front": "nusra-front", "ahrar al sham": "ahrar-al-sham",
    "popular mobilization forces": "pmf", "operation inherent resolve": "us-led-coalition",
    "global coalition against daesh": "us-led-coalition", "opposition rebels": "rebels",
    "syrian insurgents": "rebels", "ypj": "kurdish-forces", "hezbollah": "hezbollah",
    "civilians": "civilians", "protesters": "protesters", "rioters": "rioters",
}
# Actors every dataset names that no article lexicon has.
DATASET_ACTORS = (
    Actor(id="civilians", name_ar="مدنيون", name_en="Civilians"),
    Actor(id="protesters", name_ar="متظاهرون", name_en="Protesters"),
    Actor(id="rioters", name_ar="مثيرو شغب", name_en="Rioters"),
)


# Other names Arabic news gives the bundled store's actors (facts: names), for articles.
ARTICLE_ALIASES = {
    "syrian-army": ("القوات النظامية", "الجيش النظامي", "قوات الأسد", "القوات الحكومية السورية",
                    "قوات الحكومة السورية", "الجيش السوري النظامي"),
    "turkish-army": ("القوات التركية", "الجيش التركي وحلفاؤه"),
    "rebels": ("فصائل المعارضة", "المعارضة المسلحة", "الفصائل المقاتلة", "مقاتلي المعارضة",
               "مقاتلو المعارضة", "الفصائل المسلحة", "فصائل سورية معارضة"),
    "kurdish-forces": ("الوحدات الكردية", "وحدات حماية الشعب الكردية"),
    "islamic-state": ("تنظيم داعش", "تنظيم الدولة", "الدولة الإسلامية في العراق وسوريا"),
}


def known_actors(core: Iterable[Actor]) -> tuple[Actor, ...]:
    """`core` (a store's actors, with the other names articles give them) followed by the
    lexicon's other actors."""
    named = tuple(Actor(**{**a.to_json(), "aliases": (*a.aliases, *(
        n for n in ARTICLE_ALIASES.get(a.id, ()) if n not in a.aliases))}) for a in core)
    extra = tuple(Actor(id=i, name_ar=ar, name_en=en, aliases=aliases)
                  for i, ar, en, aliases in LEXICON)
    return (*named, *extra)
