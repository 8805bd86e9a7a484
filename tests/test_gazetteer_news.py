"""Places as Arabic news names them: governorates by their plain names, the war's famous places,
the bare region names the news writes, and no generic word pair taken for a place."""

from __future__ import annotations

import csv

import pytest
from helpers import ROOT, invoke

from syria_timeline import gazetteer
from syria_timeline.arabic import normalize
from syria_timeline.extract.places import PlaceNames, places_named

# Every governorate of both countries by the name news writes it with, and its id.
GOVERNORATES = [
    ("نينوى", "nineveh-province"), ("الأنبار", "anbar-province"),
    ("صلاح الدين", "salah-ad-din-province"), ("ديالى", "diyala-province"),
    ("كركوك", "kirkuk-province"), ("دهوك", "duhok-province"), ("أربيل", "erbil-province"),
    ("السليمانية", "sulaymaniyah-province"), ("بابل", "babil-province"),
    ("كربلاء", "karbala-province"), ("النجف", "najaf-province"), ("واسط", "wasit-province"),
    ("ميسان", "maysan-province"), ("ذي قار", "dhi-qar-province"), ("المثنى", "muthanna-province"),
    ("القادسية", "qadisiyyah-province"), ("البصرة", "basra-province"),
    ("بغداد", "baghdad-province"), ("حلبجة", "halabja-province"), ("دمشق", "damascus"),
    ("ريف دمشق", "rif-dimashq-province"), ("حلب", "aleppo-province"), ("حمص", "homs-province"),
    ("حماة", "hama-province"), ("إدلب", "idlib-province"), ("اللاذقية", "latakia-province"),
    ("طرطوس", "tartus-province"), ("درعا", "daraa-province"), ("السويداء", "suwayda-province"),
    ("القنيطرة", "quneitra-province"), ("دير الزور", "deir-ez-zor-province"),
    ("الرقة", "raqqa-province"), ("الحسكة", "hasakah-province"),
]
# Governorates no city shares a name with: the plain name is the governorate's alone.
ONLY_GOVERNORATE = ("نينوى", "الأنبار", "صلاح الدين", "ديالى", "بابل", "واسط", "ميسان", "ذي قار",
                    "المثنى", "القادسية", "ريف دمشق")
# Places the war's reporting is told by (battles, sieges, massacres, crossings, bases), as
# news writes them, and the place each names.
FAMOUS = [
    ("باب عمرو", "baba-amr"), ("الحولة", "houla"), ("داريا", "darayya"), ("مضايا", "madaya"),
    ("خان شيخون", "khan-shaykhun"), ("خان العسل", "khan-al-asal"), ("مخيم اليرموك", "yarmouk"),
    ("عين العرب", "kobani"), ("مطار منغ", "menagh-airbase"), ("مطار كويرس", "kuweires-airbase"),
    ("مطار أبو الظهور", "abu-al-duhur-airbase"), ("مطار الشعيرات", "shayrat-airbase"),
    ("معبر باب الهوى", "bab-al-hawa-crossing"), ("معبر نصيب", "nassib-crossing"),
    ("الباغوز", "baghuz"), ("قاعدة سبايكر", "speicher-base"), ("جرف الصخر", "jurf-al-sakhar"),
    ("آمرلي", "amirli"), ("سد الموصل", "mosul-dam"), ("التريمسة", "tremseh"),
    ("البيضا", "bayda-baniyas"), ("القبير", "qubeir"), ("سلمى", "salma-latakia"),
    ("أطمة", "atmeh"), ("سجن صيدنايا", "sednaya-prison"), ("الحجر الأسود", "al-hajar-al-aswad"),
    ("الشيخ مسكين", "shaykh-miskin"), ("حي الوعر", "waer"), ("العياضية", "ayadiyah"),
    ("معان", "maan-hama"), ("الشريعة", "shariah-hama"), ("الغوطة", "eastern-ghouta"),
]
INDEX = PlaceNames(gazetteer.spellings())


def ids(name: str) -> list[str]:
    return [p.id for p in gazetteer.lookup(name)]


def in_text(sentence: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.places) for m in gazetteer.mentions(sentence)]


def extracted(sentence: str) -> list[str]:
    """The places the extract package finds in a sentence."""
    return [n.place.id for n in places_named(sentence, INDEX)]


def test_the_lists_cover_every_governorate_and_thirty_famous_places() -> None:
    assert {ident for _, ident in GOVERNORATES} == \
        {p.id for p in gazetteer.places().values() if p.kind == "province"}
    assert len(FAMOUS) >= 30


@pytest.mark.parametrize(("name", "ident"), GOVERNORATES)
def test_a_governorate_is_found_by_its_plain_name_and_as_muhafaza(name: str, ident: str) -> None:
    assert ident in ids(name)
    assert ids(f"محافظة {name}") == [ident]
    assert gazetteer.places()[ident].name_ar == f"محافظة {name}"
    assert in_text(f"قصفت الطائرات محافظة {name} أمس") == [(f"محافظة {name}", (ident,))]
    [(span, places)] = in_text(f"قصفت الطائرات {name} أمس")
    assert span == name and ident in places


@pytest.mark.parametrize("name", ONLY_GOVERNORATE)
def test_a_plain_governorate_name_in_running_text_is_the_governorate(name: str) -> None:
    ident = dict(GOVERNORATES)[name]
    assert in_text(f"وسيطر التنظيم على أجزاء من {name} في الصيف") == [(name, (ident,))]
    assert extracted(f"سيطر التنظيم على {name} في الصيف") == [ident]


@pytest.mark.parametrize("name", ["نينوى", "الأنبار", "ريف دمشق"])
def test_city_answers_for_a_governorate_by_its_plain_name(name: str) -> None:
    result = invoke("city", name, "--bidi", "off")
    assert (result.exit_code, result.stderr) == (0, "")
    assert f"في المعجم الجغرافي: محافظة {name} (" in result.stdout


def test_rif_dimashq_is_its_own_governorate_not_damascus() -> None:
    assert in_text("غارات على ريف دمشق") == [("ريف دمشق", ("rif-dimashq-province",))]
    assert extracted("غارات على بلدات في ريف دمشق") == ["rif-dimashq-province"]


def test_a_city_that_shares_its_governorates_name_still_comes_first() -> None:
    assert in_text("وصلت القوات إلى كركوك") == [("كركوك", ("kirkuk", "kirkuk-province"))]
    assert extracted("وصلت القوات إلى كركوك") == ["kirkuk"]
    assert extracted("وصلت القوات إلى محافظة كركوك") == ["kirkuk-province"]


@pytest.mark.parametrize(("name", "ident"), FAMOUS)
def test_a_famous_place_of_the_war_is_known_and_found_in_running_text(name: str, ident: str) -> None:
    assert ident in ids(name)
    sentence = f"وسيطرت القوات على {name} بعد معارك"
    assert extracted(sentence) == [ident]
    if name not in ("الشريعة",):  # a common word alone (the sharia): only after بلدة or قرية
        assert (name, ident) in [(text, places[0]) for text, places in in_text(sentence)]


@pytest.mark.parametrize(("ident", "arabic", "english", "province"), [
    ("ayadiyah", "العياضية", "Al-Ayadiyah", "nineveh-province"),
    ("maan-hama", "معان", "Ma'an", "hama-province"),
    ("shariah-hama", "الشريعة", "Al-Shariaa", "hama-province"),
    ("houla", "الحولة", "Houla", "homs-province"),
    ("eastern-ghouta", "الغوطة الشرقية", "Eastern Ghouta", "rif-dimashq-province"),
    ("salaheddine-aleppo", "حي صلاح الدين", "Salaheddine", "aleppo-province"),
])
def test_the_new_and_renamed_places_show_the_name_news_writes(
        ident: str, arabic: str, english: str, province: str) -> None:
    place = gazetteer.places()[ident]
    assert (place.name_ar, place.name_en, place.province) == (arabic, english, province)
    assert extracted(f"ودخلت القوات إلى {arabic} فجرا") == [ident]


def test_bare_ghouta_is_the_eastern_ghouta_and_the_table_says_why() -> None:
    assert ids("الغوطة") == ["eastern-ghouta"]
    assert in_text("حصار الغوطة") == [("الغوطة", ("eastern-ghouta",))]
    assert in_text("في الغوطة الغربية") == [("الغوطة الغربية", ("western-ghouta",))]
    lines = (ROOT / "data" / "places" / "aliases.tsv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([x for x in lines if not x.startswith("#")], delimiter="\t",
                          quoting=csv.QUOTE_NONE)
    [row] = [r for r in rows if r["place"] == "eastern-ghouta"]
    assert "الغوطة" in row["aliases"].split("|") and "Eastern Ghouta" in row["reason"]


def test_salah_ad_din_is_the_governorate_and_the_aleppo_neighbourhood_is_named_with_hayy() -> None:
    assert ids("صلاح الدين") == ["salah-ad-din-province"]
    assert in_text("اشتباكات في حي صلاح الدين بحلب")[0] == ("حي صلاح الدين", ("salaheddine-aleppo",))


def test_the_word_sharia_is_not_the_village_nor_saladin_the_governorate() -> None:
    assert in_text("أعلن التنظيم تطبيق الشريعة الإسلامية") == []
    assert in_text("تمثال صلاح الدين الأيوبي في دمشق") == [("دمشق", ("damascus-city", "damascus"))]
    assert in_text("وبصلاح الدين الأيوبي") == []
    assert in_text("طهرت القوات بلدة الشريعة") == [("بلدة الشريعة", ("shariah-hama",))]


def test_no_alias_is_a_generic_pair() -> None:
    kind_words = {normalize(w) for w in ("مدينة", "قرية", "بلدة", "ناحية", "منطقة", "حي", "مخيم")}
    starts = {normalize(n).split()[0] for p in gazetteer.places().values()
              for n in (p.name_ar, *p.aliases) if " " in normalize(n)}
    common = starts & gazetteer.text.not_place_keys()
    assert {"تل", "عين", "حي"} <= common
    for place in gazetteer.places().values():
        for alias in place.aliases:
            words = normalize(alias).split()
            assert not (len(words) == 2 and words[0] in kind_words and words[1] in common), \
                (place.id, alias)


def test_a_generic_pair_never_takes_the_start_of_a_longer_name() -> None:
    assert "at-tall" not in ids("مدينة تل")
    assert in_text("دخلت القوات مدينة تل أبيض") == [("تل أبيض", ("tall-abyad",))]
    assert extracted("دخلت القوات مدينة تل أبيض") == ["tall-abyad"]
    assert "مدينة المدينة" not in gazetteer.places()["al-madinah"].aliases
