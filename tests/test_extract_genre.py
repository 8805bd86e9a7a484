"""Rules for the genre added when `extract` was tried on articles it was not written against:
each with sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.extract.dates import Context, dates_in
from syria_timeline.extract.drafting import default_names, draft_store
from syria_timeline.extract.places import PlaceNames, places_named
from syria_timeline.extract.segmentation import dateline_end

NAMES = default_names()
INDEX = PlaceNames(NAMES.places)


def events(text: str, published: dt.date) -> list[dict[str, Any]]:
    return draft_store(text, published, {"publisher": "Test"}, NAMES)["events"]  # type: ignore[no-any-return]


def read(sentence: str, published: dt.date, before: str | None = None) -> list[tuple[str, str]]:
    context = Context(published)
    if before:
        context.remember(before)
    return [(f.prefix, f.precision) for f in dates_in(sentence, context)]


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "published", "before", "expected"), [
    ("في مثل هذا اليوم من عام 2015 سقطت المدينة", dt.date(2018, 5, 20), None, [("2015-05-20", "day")]),
    ("قتل المئات منذ بدء الهجوم في الخامس من آب", dt.date(2017, 9, 1), None, [("2017-08-05", "day")]),
    ("يعيش النازحون في المخيم منذ 2016", dt.date(2019, 1, 1), None, []),
    ("وفي أول مارس خرجت القافلة", dt.date(2019, 3, 26), None, [("2019-03-01", "day")]),
    ("وفي أوائل مارس خرجت القافلة", dt.date(2019, 3, 26), None, [("2019-03", "month")]),
    ("سقطت القرية، ثم البلدة بعد يوم واحد", dt.date(2016, 1, 1), "2015-06-10",
     [("2015-06-11", "day")]),
    ("أعلن الجيش الأربعاء قبل الماضي بدء العملية", dt.date(2017, 6, 18), None, [("2017-06-07", "day")]),
    ("ظهر في 4 تموز، بعد أن أعلن التنظيم في 29 حزيران قيام دولته", dt.date(2017, 1, 1), "2014-06",
     [("2014-07-04", "day"), ("2014-06-29", "day")]),
    ("نظم الاستفتاء في 25 سبتمبر/أيلول من العام ذاته", dt.date(2018, 10, 15), "2017-10-16",
     [("2017-09-25", "day")]),
    ("دخلوا يوم 27 كانون الأول، وفي اليوم التالي أعلن النصر", dt.date(2016, 1, 10), "2015-07",
     [("2015-12-27", "day"), ("2015-12-28", "day")]),
    ("وبعد أسبوع سقطت البلدة", dt.date(2016, 1, 10), "2015-07-01", []),
    ("وتضيق المساحة يوما بعد يوم", dt.date(2016, 1, 10), "2015-07-01", []),
    ("سيطرت القوات في 18 آذار من العام الماضي على المدينة", dt.date(2019, 8, 6), None,
     [("2018-03-18", "day")]),
    ("في تموز من العام الجاري", dt.date(2019, 8, 6), "2014-01", [("2019-07", "month")]),
])
def test_dates_of_the_genre(sentence: str, published: dt.date, before: str | None,
                            expected: list[tuple[str, str]]) -> None:
    assert read(sentence, published, before) == expected


@given(st.dates(dt.date(2012, 3, 1), dt.date(2024, 12, 31)), st.integers(2011, 2024))
def test_this_day_of_a_year_is_that_years_publication_day(published: dt.date, year: int) -> None:
    found = read(f"في مثل هذا اليوم من عام {year} دخل المسلحون المدينة", published)
    if (published.month, published.day) == (2, 29) or year > published.year:
        assert found in ([], [(str(year), "year")]) or found[0][0] <= published.isoformat()
    else:
        assert found == [(published.replace(year=year).isoformat(), "day")]


@given(st.sampled_from(["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]),
       st.dates(dt.date(2012, 1, 1), dt.date(2024, 12, 31)))
def test_the_weekday_before_last_is_a_week_before_the_last(day: str, published: dt.date) -> None:
    (last,) = read(f"وقال {day} الماضي إن", published)
    (before_last,) = read(f"وقال {day} قبل الماضي إن", published)
    gap = dt.date.fromisoformat(last[0]) - dt.date.fromisoformat(before_last[0])
    assert gap == dt.timedelta(days=7)


# --- events and places ---------------------------------------------------------------------------

def test_the_same_day_tells_another_happening() -> None:
    text = ("أعلن رئيس الوزراء أمس الجمعة تحرير مدينة القائم، وفي اليوم نفسه أعلن الجيش السوري "
            "السيطرة على مدينة دير الزور.")
    found = {(e["date"], e["place"]) for e in events(text, dt.date(2017, 11, 4))}
    assert found == {("2017-11-03", "al-qa-im"), ("2017-11-03", "deir-ez-zor")}


def test_a_year_alone_on_its_line_dates_the_statement_below() -> None:
    text = "محطات\n\nآب 2014\nالتنظيم يستولي على مطار الطبقة.\n\n2017\nمعارك شوارع في الرقة طوال الصيف.\n"
    (year,) = [e for e in events(text, dt.date(2018, 1, 1)) if e["precision"] == "year"]
    assert year["date"] == "2017" and "the year on the line above dates it" in year["review"]


def test_a_list_item_opening_with_a_place_places_its_clauses() -> None:
    text = "- الرمادي: سقطت (أيار 2015) واستعيدت (كانون الأول 2015).\n"
    found = events(text, dt.date(2016, 1, 1))
    assert [(e["date"], e["place"]) for e in found] == [("2015-05", "ramadi"), ("2015-12", "ramadi")]
    assert any("the list item opens with" in note for note in found[1]["review"])


def test_a_relative_clause_happened_where_its_antecedent_is() -> None:
    text = ("يحيي السوريون اليوم الثلاثاء ذكرى الهجوم على الغوطة الشرقية في ريف دمشق، "
            "والذي وقع فجر 21 آب 2013.")
    (event,) = [e for e in events(text, dt.date(2018, 8, 21)) if e["date"] == "2013-08-21"]
    assert event["place"] == "eastern-ghouta"
    assert any("relative clause" in note for note in event["review"])


def test_a_place_after_bad_is_the_background_not_the_happening() -> None:
    text = "في 14/4/2018 أعلن الجيش السيطرة على الغوطة الشرقية بعد خروج المقاتلين من دوما."
    (event,) = events(text, dt.date(2018, 4, 20))
    assert event["place"] == "eastern-ghouta"


def test_a_cue_word_gives_way_to_the_longer_name_after_it() -> None:
    assert [n.place.id for n in places_named("السيطرة على مدينة تل أبيض الحدودية", INDEX)] \
        == ["tall-abyad"]


@pytest.mark.parametrize(("text", "dateline"), [
    ("البيشمركة تعلن تحرير البلدة\n\nأربيل - أعلن رئيس الإقليم", "أربيل - "),
    ("بغداد (رويترز) - أعلن رئيس الوزراء", "بغداد (رويترز) - "),
    ("عنوان طويل\n\n17 مايو 2015 سقطت الرمادي", ""),
    ("الموصل (العراق) (أ ف ب) - أعلنت القوات", "الموصل (العراق) (أ ف ب) - "),
])
def test_the_dateline_may_follow_a_title(text: str, dateline: str) -> None:
    end = dateline_end(text)
    assert text[:end].endswith(dateline) if dateline else end == 0


def test_a_dateline_place_is_not_where_it_happened() -> None:
    text = "البيشمركة تعلن النصر\n\nأربيل - أعلن رئيس الإقليم اليوم الجمعة تحرير مدينة سنجار."
    (event,) = events(text, dt.date(2015, 11, 13))
    assert event["place"] == "sinjar"


def test_when_it_was_reported_is_not_when_it_happened() -> None:
    text = "تجددت المعارك مساء الأحد في ريف حماة الشمالي، وفق ما أفاد ناشطون الاثنين."
    assert [e["date"] for e in events(text, dt.date(2016, 9, 5))] == ["2016-09-04"]


def test_two_clauses_of_one_sentence_are_two_happenings() -> None:
    text = ("وفي أواسط عام 2015 أعلنت القاهرة دعمها للتدخل الروسي في سوريا الذي بدأ نهاية سبتمبر "
            "من العام ذاته.")
    found = [(e["date"], e["precision"]) for e in events(text, dt.date(2018, 1, 10))]
    assert found == [("2015", "year"), ("2015-09", "month")]


def test_a_district_the_gazetteer_lacks_is_in_the_town_named_before() -> None:
    text = ("الموصل (العراق) (أ ف ب) - أعلنت القوات اليوم الخميس استعادة جامعة الموصل.\n\n"
            "وتقدمت القوات أمس داخل حي الزهرات المجاور.")
    (yesterday,) = [e for e in events(text, dt.date(2017, 1, 12)) if e["date"] == "2017-01-11"]
    assert "mosul" in yesterday["place"] and any("district" in n for n in yesterday["review"])


def test_a_village_the_gazetteer_lacks_is_in_the_province_named_before() -> None:
    text = ("أعاد الجيش اليوم الأمن إلى بلدة قلعة المضيق في ريف حماة.\n\n"
            "وتابعت الوحدات تقدمها بعد أن طهرت أمس بلدة الحويز من الألغام.")
    (yesterday,) = [e for e in events(text, dt.date(2019, 5, 9)) if e["date"] == "2019-05-08"]
    assert NAMES.by_id[yesterday["place"]].kind == "province" and "hama" in yesterday["place"]
    assert any("village" in note for note in yesterday["review"])
