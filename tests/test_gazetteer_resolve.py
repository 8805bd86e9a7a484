"""Name first: a row's or a sentence's place is the place it names, never merely the nearest."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from helpers import invoke
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline import gazetteer
from syria_timeline.importers.places import Places

PLACES = gazetteer.places()
ARABIC_NAMES = sorted({(p.name_ar, p.id) for p in PLACES.values()
                       if p.kind in ("city", "town") and " " not in p.name_ar})


def resolved(name: str, province: str | None = None, lat: float | None = None,
             lon: float | None = None) -> tuple[str, bool] | None:
    found = gazetteer.resolve(name, province, lat, lon)
    return None if found is None else (found.entry.place.id, found.far)


def test_a_row_16_km_from_the_place_it_names_keeps_its_place() -> None:
    found = gazetteer.resolve("Al-Qaim", "anbar-province", 34.40, 41.165)  # as an export has it
    assert found is not None and found.entry.place.id == "al-qa-im"
    assert found.distance_km is not None and 15 < found.distance_km < 17 and not found.far


def test_a_near_place_of_another_name_never_wins() -> None:
    # Rawah named, the point on Anah, 14 km away: still Rawah.
    assert resolved("Rawah", "anbar-province", 34.3686, 41.9819) == ("rawah", False)


def test_a_row_far_from_the_place_it_names_is_flagged_not_moved() -> None:
    assert resolved("Palmyra", "homs-province", 34.724, 36.7256) == ("palmyra", True)


def test_coordinates_choose_among_places_of_the_same_name() -> None:
    assert resolved("سنجار", None, 35.59, 37.0) == ("sinjar-idlib", False)
    assert resolved("سنجار", None, 36.32, 41.87) == ("sinjar", False)
    assert resolved("سنجار") == ("sinjar", False)  # no point: the better-known, larger one


def test_a_row_naming_damascus_is_the_city_though_the_governorate_has_a_point() -> None:
    # The governorate shares the name and carries the bundled store's point, nearer the row's.
    found = gazetteer.resolve("Damascus", "damascus", 33.5138, 36.2765)
    assert found is not None and found.entry.place.id == "damascus-city" and not found.far
    assert Places(PLACES).place("Damascus", 33.5138, 36.2765, "Damascus", None) == "damascus-city"


def test_the_rows_governorate_comes_before_its_point() -> None:
    assert resolved("سنجار", "idlib-province", 36.32, 41.87) == ("sinjar-idlib", True)


def test_a_place_near_a_governorates_boundary_is_found_by_name_and_point() -> None:
    # The export puts Rukban in Rural Damascus; the gazetteer in Homs, 7 km away.
    assert resolved("Rukban", "rif-dimashq-province", 33.33, 38.66) == ("rukban-camp", False)


def test_a_loose_romanization_is_matched_within_the_governorate_only() -> None:
    found = gazetteer.resolve("Aghtrin", "aleppo-province", 36.51, 37.34)
    assert found is not None and (found.entry.place.id, found.loose) == ("akhtarin", True)
    assert gazetteer.resolve("Aghtrin") is None
    assert resolved("Tuz Khurma", "salah-ad-din-province", 34.88, 44.63) == ("tuz-khurmatu", False)


def test_a_loose_match_far_from_the_rows_point_is_not_taken() -> None:
    assert gazetteer.resolve("Aghtrin", "aleppo-province", 36.2, 37.16) is None


@pytest.mark.parametrize(("name", "province", "lat", "lon"), [
    ("Ruwaiha", "idlib-province", 35.69, 36.55),  # r-h, like Ariha: two consonants say too little
    ("Eastern Ghariyeh", "daraa-province", 32.68, 36.26),  # not the eastern Daraa countryside
])
def test_consonants_alone_never_make_a_match(name: str, province: str, lat: float, lon: float) -> None:
    assert gazetteer.resolve(name, province, lat, lon) is None


@pytest.mark.parametrize(("name", "place_id"), [
    ("Baghdad - Kadhimiya", "kadhimiya"), ("Baghuz village", "baghuz"), ("Hole Camp", "al-hol-camp"),
])
def test_a_datasets_way_of_naming_a_place(name: str, place_id: str) -> None:
    found = gazetteer.resolve(name, PLACES[place_id].province, PLACES[place_id].lat, PLACES[place_id].lon)
    assert found is not None and found.entry.place.id == place_id


def test_an_unknown_name_is_nobodys() -> None:
    assert gazetteer.resolve("Xyzzy", "raqqa-province", 35.9, 39.0) is None


def test_the_importer_names_a_row_by_its_name_and_notes_a_far_point() -> None:
    places = Places(PLACES)
    assert places.place("Al-Qaim", 34.40, 41.165, "Anbar") == "al-qa-im" and places.note is None
    assert places.place("Tadmur", 34.724, 36.7256, "Homs") == "palmyra"
    assert places.note == "the row's point lies 144 km from Palmyra (تدمر), the place it names"
    assert places.place("Al-Qaim", 34.40, 41.165, "Anbar") == "al-qa-im" and places.note is None
    assert places.place("Tadmur", 34.724, 36.7256, "Homs") == "palmyra" and places.note  # remembered


def test_the_importer_keeps_an_unknown_name_at_the_rows_point() -> None:
    places = Places(PLACES)
    ident = places.place("Some Farm", 34.37, 41.98, "Anbar")  # on Anah, but not named Anah
    assert ident == "some-farm"
    assert places.records[ident].kind == "locality"
    assert places.records[ident].province == "anbar-province"


@pytest.mark.parametrize(("sentence", "found"), [
    ("سيطرت القوات على بلدة كفرنبل وحي جوبر ومدينة دير الزور",
     [("كفرنبل", "kafranbel"), ("جوبر", "jobar"), ("مدينة دير الزور", "deir-ez-zor")]),
    ("وصلت التعزيزات إلى مخيم الهول", [("مخيم الهول", "al-hol-camp")]),  # longest name first
    ("دخلوا بالرقة وبدير الزور", [("الرقة", "raqqa"), ("دير الزور", "deir-ez-zor")]),
    ("قصف على حي الشيخ مقصود في حلب", [("الشيخ مقصود", "sheikh-maqsoud"), ("حلب", "aleppo")]),
    ("اندلعت الثورة السورية في بلاد الشام", []),  # words that are place names but here are not
    ("خرجت مظاهرات سلمية ضد أبي بكر البغدادي", []),  # "peaceful"; a man's name, not the town
])
def test_names_in_running_text(sentence: str, found: list[tuple[str, str]]) -> None:
    mentions = gazetteer.mentions(sentence)
    assert [(m.text, m.places[0]) for m in mentions] == found
    assert all(sentence[m.start:m.end] == m.text for m in mentions)


def test_every_name_form_is_listed_with_its_places() -> None:
    forms = gazetteer.forms()
    assert forms[gazetteer.keys("الطبقة")[0]] == ("al-tabqa",)
    assert gazetteer.keys("الثورة")[0] not in forms  # listed as a word that mostly is not a place
    assert "الثورة" in gazetteer.NOT_PLACE_WORDS


def _variant(name: str, article: bool, ending: bool, hamza: bool) -> str:
    if article:
        name = name[2:] if name.startswith("ال") and len(name) > 4 else "ال" + name
    if ending:
        name = name[:-1] + {"ة": "ه", "ه": "ة", "ى": "ي", "ي": "ى"}.get(name[-1], name[-1])
    if hamza:
        name = name.replace("أ", "ا").replace("إ", "ا")
    return name


@given(st.sampled_from(ARABIC_NAMES), st.booleans(), st.booleans(), st.booleans())
def test_any_arabic_spelling_variant_finds_the_place(named: tuple[str, str], article: bool,
                                                     ending: bool, hamza: bool) -> None:
    name, ident = named
    assert ident in [p.id for p in gazetteer.lookup(_variant(name, article, ending, hamza))]


@given(st.sampled_from(sorted({p.name_en for p in PLACES.values() if p.kind in ("city", "town")})),
       st.sampled_from(["", "Al-", "al ", "Ar-"]), st.booleans())
def test_a_romanizations_skeleton_ignores_articles_case_and_hyphens(
        name: str, article: str, upper: bool) -> None:
    spelled = (article + name.replace(" ", "-"))
    spelled = spelled.upper() if upper else spelled
    assert gazetteer.latin_skeleton(spelled) == gazetteer.latin_skeleton(name)


@pytest.mark.parametrize("spellings", [
    ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zour"),
    ("Raqqa", "Ar-Raqqa", "Rakka", "Ar Raqqah"), ("Qamishli", "Quamishli", "Al-Qamishly"),
])
def test_the_spellings_datasets_use_share_one_skeleton(spellings: tuple[str, ...]) -> None:
    assert len({gazetteer.latin_skeleton(s) for s in spellings}) == 1


@pytest.mark.parametrize(("admin1", "province"), [
    ("Idleb", "idlib-province"), ("Al-Hasakeh", "hasakah-province"), ("Ar-Raqqa", "raqqa-province"),
    ("Deir-ez-Zor", "deir-ez-zor-province"), ("Dar'a", "daraa-province"),
    ("Lattakia", "latakia-province"), ("Tartous", "tartus-province"), ("As-Sweida", "suwayda-province"),
    ("Rural Damascus", "rif-dimashq-province"), ("Sala al-Din", "salah-ad-din-province"),
    ("Thi-Qar", "dhi-qar-province"), ("Qadissiya", "qadisiyyah-province"),
    ("Basrah", "basra-province"), ("Wassit", "wasit-province"), ("Babylon", "babil-province"),
    ("Ninewa", "nineveh-province"), ("Dahuk", "duhok-province"), ("Missan", "maysan-province"),
    ("Kerbala", "karbala-province"), ("Damascus", "damascus"),
])
def test_the_governorates_as_acled_and_ucdp_spell_them(admin1: str, province: str) -> None:
    assert Places(PLACES).province(admin1) == province


def test_an_admin1_of_another_country_is_no_governorate() -> None:
    places = Places(PLACES)
    assert places.province("Khulna") is None and places.province("Lusaka") is None


_WORDS = ["في", "على", "مدينة", "حي", "الرقة", "بالرقة", "دير", "الزور", "مخيم", "الهول", "جوبر", "كفر",
          "نبل", "و", "الثورة", "السورية", "حلب", "، ", "Raqqa", "2017"]


@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_mentions_are_ordered_apart_and_exactly_the_texts_own_characters(words: list[str]) -> None:
    text = " ".join(words)
    found = gazetteer.mentions(text)
    assert all(text[m.start:m.end] == m.text and m.places for m in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_a_city_is_never_answered_with_the_governorate_that_shares_its_name() -> None:
    """The store's Aleppo governorate has the other name Aleppo; the city `aleppo` stays the
    city: `city` filters by the id it resolved, never by that id read again as a name."""
    result = invoke("city", "مدينة حلب", "--json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert (answer["place"]["id"], answer["events"]) == ("aleppo", [])
