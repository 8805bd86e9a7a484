"""The date reader of `extract`: every way the genre writes a date, and the rules that resolve
the ones it leaves incomplete. Sentences written for these tests in the genre's style."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.arabic import MONTH_NAMES
from syria_timeline.extract.dates import WEEKDAYS, Context, dates_in

LEVANTINE = {n: names[0] for n, names in MONTH_NAMES.items()}
EGYPTIAN = {1: "يناير", 2: "فبراير", 3: "مارس", 4: "أبريل", 5: "مايو", 6: "يونيو", 7: "يوليو",
            8: "أغسطس", 9: "سبتمبر", 10: "أكتوبر", 11: "نوفمبر", 12: "ديسمبر"}
DAY = dt.date(2019, 3, 23)  # a Saturday


def read(sentence: str, published: dt.date = DAY, context: Context | None = None
         ) -> list[tuple[str, str]]:
    return [(f.prefix, f.precision) for f in dates_in(sentence, context or Context(published))]


@pytest.mark.parametrize(("sentence", "dates"), [
    ("في 12 آب أغسطس 2016 دخلت القوات البلدة", [("2016-08-12", "day")]),
    ("في 3 تشرين الأول أكتوبر 2015 بدأت الغارات", [("2015-10-03", "day")]),
    ("في 9 يوليو (تموز) 2014 انسحب المقاتلون", [("2014-07-09", "day")]),
    ("في 9 تموز/يوليو 2014 انسحب المقاتلون", [("2014-07-09", "day")]),
    ("يوم 7 من شهر نيسان 2017 قصفت الطائرات المطار", [("2017-04-07", "day")]),
    ("في الـ15 من آذار 2011 خرجت تظاهرات", [("2011-03-15", "day")]),
    ("في الحادي والعشرين من آب 2013 وقع الهجوم", [("2013-08-21", "day")]),
    ("في 4 و5 نيسان 2017 اشتدت المعارك", [("2017-04-04", "day")]),
    ("في 22/12/2016 خرجت آخر الحافلات", [("2016-12-22", "day")]),
    ("أواخر أيلول 2015 بدأت الحملة", [("2015-09", "month")]),
    ("في 2014 سيطر التنظيم على مناطق واسعة", [("2014", "year")]),
    ("خلال العام 2015 تراجع التنظيم", [("2015", "year")]),
    ("في مطلع عام 2016 وصل الوفد", [("2016", "year")]),
    ("سيطر الجيش على الحي اليوم السبت", [("2019-03-23", "day")]),
    ("قصفت الطائرات البلدة أمس الجمعة", [("2019-03-22", "day")]),
    ("قصفت الطائرات البلدة أول أمس", [("2019-03-21", "day")]),
    ("قصفت الطائرات البلدة فجر الخميس", [("2019-03-21", "day")]),
    ("اجتمع الوفدان الأحد الماضي", [("2019-03-17", "day")]),
    ("اجتمع الوفدان السبت الماضي", [("2019-03-16", "day")]),
    ("تراجعت المعارك الشهر الماضي", [("2019-02", "month")]),
    ("تراجعت المعارك العام الماضي", [("2018", "year")]),
    ("وصل الوفد في كانون الثاني الماضي", [("2019-01", "month")]),
    ("وصل الوفد في نيسان الماضي", [("2018-04", "month")]),
    ("وصلت التعزيزات في الخامس من آذار الحالي", [("2019-03-05", "day")]),
    ("انسحبت القوات قبل يومين", [("2019-03-21", "day")]),
    ("قصفت الطائرات البلدة ليل الجمعة - السبت", [("2019-03-22", "day")]),
    ("من 10 نيسان 2013 وحتى 15 أيار استمر الحصار", [("2013-04-10", "day")]),
])
def test_date_phrases(sentence: str, dates: list[tuple[str, str]]) -> None:
    assert read(sentence) == dates


@pytest.mark.parametrize("sentence", [
    "تسيطر الفصائل على البلدة منذ 2013",
    "للمرة الأولى منذ العام 2012",
    "تحت الحصار منذ تشرين الثاني 2016",
    "تواصل القصف منذ الثلاثاء حتى مساء الخميس",
    "ومن المتوقع أن تبدأ المفاوضات غداً",
    "تستمر الهدنة حتى نهاية آذار 2019",
    "تبدأ الجولة المقبلة في آب المقبل",
    "في اليوم التالي انسحبوا",  # no day before it to count from
    "مارس الجيش ضغوطا على الفصائل",  # a verb, not the month
    "تتجمع الحشود أيام الجمعة في الساحة",
    "كانت البلدة هادئة قبل 2011",
    "ستعقد الجولة في 2020",  # after publication
    "عقد الاجتماع في اليوم نفسه",
    "انسحبت القوات قبل أسبوع",  # a round figure: no day the text gives
])
def test_not_dates_of_a_happening(sentence: str) -> None:
    assert read(sentence) == []


def test_a_year_heading_gives_its_year_to_the_months_below() -> None:
    context = Context(DAY)
    assert read("2013", context=context) == []
    assert read("- 14 آذار: انشقاق ضابط", context=context) == [("2013-03-14", "day")]
    assert read("النزاع في أرقام: 2012 - 4 شباط: فيتو", context=context) == [("2012-02-04", "day")]


def test_relative_words_count_from_the_date_before_them() -> None:
    context = Context(DAY)
    assert read("في 30 نيسان 2016 بدأ الهجوم", context=context) == [("2016-04-30", "day")]
    assert read("وفي اليوم التالي سقطت البلدة", context=context) == [("2016-05-01", "day")]
    assert read("وبعد يومين انسحب المقاتلون", context=context) == [("2016-05-03", "day")]
    assert read("وتواصلت الغارات طيلة الشهر نفسه", context=context) == [("2016-05", "month")]
    assert read("وفي العام ذاته تبدل المشهد", context=context) == [("2016", "year")]


def test_a_since_date_leaves_the_year_of_later_months_alone() -> None:
    context = Context(dt.date(2015, 12, 11))
    assert read("في تشرين الأول 2015 انسحب المقاتلون", context=context) == [("2015-10", "month")]
    assert read("ويفرض المقاتلون حصارا على البلدة منذ أيار 2013", context=context) == []
    assert read("وفي حزيران دخلوا البلدة", context=context) == [("2015-06", "month")]


MONTH_NAME = st.integers(1, 12).flatmap(lambda m: st.tuples(
    st.just(m), st.sampled_from([n for n in MONTH_NAMES[m] if n.isascii() is False])))


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), MONTH_NAME,
       st.sampled_from(["/", " ", " (", "-"]), st.sampled_from([True, False]))
def test_a_full_date_in_any_spelling_is_that_day(day: dt.date, named: tuple[int, str],
                                                 separator: str, double: bool) -> None:
    month, name = named
    if month != day.month:
        day = day.replace(month=month, day=min(day.day, 28))
    pair = f"{LEVANTINE[month]}{separator}{EGYPTIAN[month]}{')' if '(' in separator else ''}"
    sentence = f"في {day.day} {pair if double else name} {day.year}، سيطرت القوات على البلدة"
    assert read(sentence, published=dt.date(2099, 1, 1)) == [(day.isoformat(), "day")]


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(1, 12),
       st.one_of(st.none(), st.tuples(st.integers(1950, 2090), st.integers(1, 12))))
def test_a_month_told_as_past_is_never_after_publication(published: dt.date, month: int,
                                                         before: tuple[int, int] | None) -> None:
    context = Context(published)
    if before is not None:
        dates_in(f"في {LEVANTINE[before[1]]} {before[0]} اندلعت المعارك", context)
    found = dates_in(f"وفي {LEVANTINE[month]} سيطر الجيش على البلدة", context)
    assert [f.prefix[5:] for f in found] == [f"{month:02d}"]
    assert found[0].prefix <= published.isoformat()[:7]
    assert found[0].review  # a guessed year is always said


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.sampled_from(range(7)),
       st.sampled_from(["", "يوم ", "فجر ", "مساء "]))
def test_a_weekday_is_the_latest_such_day_by_publication(published: dt.date, weekday: int,
                                                         before: str) -> None:
    name = next(w for w, n in WEEKDAYS.items() if n == weekday)
    (found,) = dates_in(f"سيطر الجيش {before}{name} على البلدة", Context(published))
    day = dt.date.fromisoformat(found.prefix)
    assert day.weekday() == weekday and 0 <= (published - day).days <= 6


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 30)),
       st.sampled_from([("في اليوم التالي", 1), ("بعد يومين", 2), ("بعد ثلاثة أيام", 3),
                        ("في اليوم نفسه", 0)]))
def test_a_day_counted_from_the_day_before(day: dt.date, phrase: tuple[str, int]) -> None:
    context = Context(dt.date(2099, 1, 1))
    dates_in(f"في {day.day} {LEVANTINE[day.month]} {day.year} بدأ الهجوم", context)
    (found,) = dates_in(f"و{phrase[0]} سقطت البلدة", context)
    assert found.prefix == (day + dt.timedelta(days=phrase[1])).isoformat()


@given(st.text(alphabet="0123456789 /-.،:في آذار2011منذحتى", max_size=40),
       st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)))
def test_whatever_the_text_a_date_is_a_real_period_not_after_publication(
        text: str, published: dt.date) -> None:
    for found in dates_in(text, Context(published)):
        parts = [int(p) for p in found.prefix.split("-")]
        dt.date(parts[0], *([*parts[1:], 1, 1])[:2])  # a real calendar date
        assert found.prefix <= published.isoformat()[:len(found.prefix)]
        assert text[found.start:found.end].strip()


def test_a_year_that_opens_a_statement_dates_it() -> None:
    assert read("2015: سقوط تدمر بيد التنظيم") == [("2015", "year")]
    assert read("2015 - 12 أيار: سقوط تدمر") == [("2015-05-12", "day")]


def test_a_weekday_before_its_date_is_that_date() -> None:
    assert read("وفي يوم الأحد، الموافق 10 آذار 2019، دخلت القوات البلدة") == [("2019-03-10", "day")]


@given(st.integers(1950, 2090), st.integers(1, 12))
def test_the_month_and_year_after_the_date_before(year: int, month: int) -> None:
    context = Context(dt.date(2099, 1, 1))
    dates_in(f"في {LEVANTINE[month]} {year} بدأ الهجوم", context)
    (found,) = dates_in("وفي الشهر التالي سقطت البلدة", context)
    assert found.prefix == (f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}")
    (found,) = dates_in("وفي العام التالي انسحبوا", context)
    assert found.prefix == str(year + (month == 12) + 1)


def test_months_under_a_year_heading_keep_its_year_in_any_order() -> None:
    context = Context(DAY)
    read("2013", context=context)
    assert read("21 آب: قصف على البلدة", context=context) == [("2013-08-21", "day")]
    assert read("حزيران: سقوط البلدة", context=context) == [("2013-06", "month")]


@pytest.mark.parametrize("sentence", ["وفي اليوم الأول من الهجوم تقدمت القوات",
                                      "تستمر المعارك إلى اليوم", "احتفل السكان باليوم الوطني"])
def test_the_noun_day_is_not_today(sentence: str) -> None:
    assert read(sentence) == []


def test_a_month_of_the_same_year() -> None:
    context = Context(DAY)
    read("في 26 كانون الثاني 2015 انسحب المقاتلون", context=context)
    assert read("وفي حزيران من العام نفسه عادوا", context=context) == [("2015-06", "month")]


def test_a_weekday_just_after_its_date_is_that_date() -> None:
    assert read("في 29 حزيران 2014، وكان يوم الأحد، أعلن التنظيم") == [("2014-06-29", "day")]
