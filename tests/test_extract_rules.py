"""The rules of `extract` family by family: clauses, places, sides, and which dated clauses are
events. Every sentence here is written for these tests in the genre's style."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from syria_timeline.extract.dates import Context, dates_in
from syria_timeline.extract.drafting import default_names, draft_store
from syria_timeline.extract.places import PlaceNames, choose, places_named
from syria_timeline.extract.segmentation import clauses, sentences
from syria_timeline.extract.sides import event_type, roles

NAMES = default_names()
INDEX = PlaceNames(NAMES.places)
PUBLISHED = dt.date(2019, 3, 23)


def events(text: str, published: dt.date = PUBLISHED) -> list[dict[str, Any]]:
    document = draft_store(text, published, {"publisher": "Test"}, NAMES)
    return document["events"]  # type: ignore[no-any-return]


def where(event: dict[str, Any]) -> str:
    return NAMES.by_id[event["place"]].name_en.lower()


def named(text: str) -> list[str]:
    return [n.place.name_en.lower() for n in places_named(text, INDEX)]


# --- clauses -------------------------------------------------------------------------------------

def cut(sentence: str) -> list[str]:
    found = dates_in(sentence, Context(PUBLISHED))
    return [sentence[a:b].strip(" ،") for a, b, _ in clauses(sentence, found)]


def test_a_word_that_starts_with_waw_does_not_cut_a_clause() -> None:
    sentence = "في 3 آذار 2016، سيطرت الفصائل على البلدة وحولتها إلى قاعدة ووزعت فيها السلاح"
    assert cut(sentence) == [sentence]


def test_a_date_between_commas_stays_with_its_verb() -> None:
    sentence = "طردت القوات الحكومية المسلحين، اليوم السبت، من آخر أحياء المدينة"
    assert cut(sentence) == [sentence]


def test_two_dated_clauses_are_cut_where_the_second_begins() -> None:
    sentence = "سيطر التنظيم على البلدة في 4 أيار 2015 وخسرها في 9 آب 2016"
    assert cut(sentence) == ["سيطر التنظيم على البلدة في 4 أيار 2015", "وخسرها في 9 آب 2016"]
    sentence = "دخل المقاتلون القرية في حزيران 2014 قبل أن يطردوا منها في آذار 2015"
    assert cut(sentence)[1] == "قبل أن يطردوا منها في آذار 2015"


def test_list_items_in_one_paragraph_are_sentences() -> None:
    text = "أبرز المحطات: 2013 - 5 حزيران: سقوط القصير. - 12 تموز: هجوم جديد"
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "أبرز المحطات: 2013", "5 حزيران: سقوط القصير.", "12 تموز: هجوم جديد"]


# --- places --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "places"), [
    ("واستعادت القوات سنجار بعد أيام", ["sinjar"]),  # no cue word
    ("وتقدمت القوات في الموصل", ["mosul"]),
    ("وانتشرت القوات في حي الشيخ في المدينة", []),  # حي: a neighbourhood, not Al Hayy
    ("وانتشرت القوات حول المدينة وحول البلدة", []),  # حول: around
    ("وكان اسمه الدولة الإسلامية في العراق والشام", ["iraq"]),  # الشام: the Levant
    ("وقالت الحكومة السورية إن الجيش العراقي تقدم", []),  # adjectives
    ("وأغلقت القوات باب المدينة", []),  # a gate: al-Bab is written with its article
    ("وسيطر الجيش على الباب بعد معارك", ["al-bab"]),
])
def test_gazetteer_names_in_running_text(text: str, places: list[str]) -> None:
    assert [p for p in named(text) if p] == places


def test_places_inside_an_actor_name_are_not_places() -> None:
    found = places_named("تقدمت قوات سوريا الديموقراطية", INDEX, [(6, 28)])
    assert found == []


def test_the_place_a_clause_is_about() -> None:
    def about(text: str) -> str:
        place = choose(places_named(text, INDEX), "syria")
        return place.name_en.lower() if place else ""

    # A landmark (north of Baghdad) is not where it happened.
    assert "tikrit" in about("استعادت القوات تكريت شمال بغداد")
    # A relative clause's place gives way to the clause's own.
    assert "mosul" in about("دخلت القوات الموصل التي تبعد عن أربيل ساعة")
    # The smallest place named: the town, not its province or country.
    assert "manbij" in about("سيطرت القوات على منبج في محافظة حلب شمال سوريا")
    # «محافظة X» is the province, not the city of the same name.
    assert NAMES.by_id[choose(places_named("سيطروا على محافظة الرقة", INDEX)).id].kind == "province"  # type: ignore[union-attr]


# --- sides ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("clause", "victor", "loser"), [
    ("سيطر تنظيم الدولة الإسلامية على البلدة بعد معارك مع فصائل معارضة", "islamic-state", "rebels"),
    ("استعاد الجيش السوري المدينة من قبضة تنظيم الدولة الإسلامية", "syrian-army", "islamic-state"),
    ("طردت قوات سوريا الديموقراطية التنظيم من البلدة", "sdf", "islamic-state"),
    ("تمكن الجيش السوري من طرد التنظيم من القرية", "syrian-army", "islamic-state"),
    ("سقطت المدينة بيد التنظيم", "islamic-state", None),
    ("خسر التنظيم المدينة", None, "islamic-state"),
    ("انسحب مقاتلو التنظيم من البلدة", None, "islamic-state"),
    ("تم طرد التنظيم من البلدة", None, "islamic-state"),
    ("أصبحت المدينة تحت سيطرة قوات سوريا الديموقراطية", "sdf", None),
    ("سيطرت الفصائل المعارضة بدعم من الجيش التركي على البلدة", "rebels", None),
    ("طردت قسد التي تهيمن عليها وحدات حماية الشعب التنظيم من البلدة", "sdf", "islamic-state"),
])
def test_who_took_it_from_whom(clause: str, victor: str | None, loser: str | None) -> None:
    found, _ = roles(clause, "capture", NAMES.actors)
    assert (found["victor"], found["loser"]) == (victor, loser)


def test_backers_are_kept_apart() -> None:
    found, _ = roles("سيطرت الفصائل المعارضة بدعم من الجيش التركي على البلدة", "capture",
                     NAMES.actors)
    assert found["supported_by"] == ["turkish-army"]


@pytest.mark.parametrize(("clause", "type_id"), [
    ("بعد أشهر من المعارك، تمكنت القوات من طرد التنظيم", "capture"),
    ("شنت الطائرات غارات على مواقع التنظيم", "airstrikes"),
    ("خرجت تظاهرات في المدينة", "protest"),
    ("اندلعت اشتباكات عنيفة قرب البلدة", "clash"),
    ("أعلن التنظيم قيام الخلافة", "declaration"),
    ("زار الوفد المدينة", "other"),
])
def test_the_kind_of_event(clause: str, type_id: str) -> None:
    assert event_type(clause) == type_id


# --- which dated clauses are events --------------------------------------------------------------

def test_states_and_what_is_still_to_come_are_not_events() -> None:
    text = ("وتسيطر الفصائل على البلدة منذ 2013.\n"
            "ومن المقرر أن تبدأ المفاوضات غدا الأحد.\n"
            "وستبدأ الجولة المقبلة في نيسان المقبل.\n"
            "في 4 شباط 2019، سيطر الجيش السوري على منبج.\n")
    assert [(e["date"], where(e)) for e in events(text)] == [("2019-02-04", "manbij")]


def test_a_happening_told_twice_is_one_event_at_the_most_precise_date() -> None:
    text = ("أعلن الجيش السوري اليوم السبت سيطرته على منبج.\n"
            "وفيما يلي أبرز المحطات:\n"
            "- في آذار 2016: سيطر التنظيم على جرابلس.\n"
            "- 23 آذار 2019: الجيش السوري يسيطر على منبج بعد معارك مع التنظيم.\n")
    found = events(text)
    assert [(e["date"], where(e)) for e in found] == [("2016-03", "jarablus"),
                                                      ("2019-03-23", "manbij")]
    assert "told twice in the article: one event" in found[1]["review"]
    assert found[1]["loser"] == "islamic-state"  # the list's telling says more


def test_a_dated_statement_that_names_no_place_is_kept_with_a_note() -> None:
    (event,) = events("في 30 أيلول 2015، بدأت روسيا حملة جوية واسعة.\n")
    assert (event["date"], event["place"]) == ("2015-09-30", "syria")
    assert any(note.startswith("place: the clause names none") for note in event["review"])


def test_a_pronoun_points_back_to_the_place_before() -> None:
    text = ("في 2 آذار 2017، استعاد الجيش السوري تدمر من التنظيم.\n"
            "وفي كانون الأول 2017، خسرها التنظيم مرة أخرى.\n")
    second = events(text)[1]
    assert where(second) == "palmyra" and any("points back" in n for n in second["review"])


def test_a_date_on_a_line_of_its_own_dates_the_next_line() -> None:
    text = "12 نيسان 2018\nدخلت قوات سوريا الديموقراطية الطبقة بعد معارك مع التنظيم.\n"
    (event,) = events(text)
    assert (event["date"], event["victor"], event["loser"]) == ("2018-04-12", "sdf", "islamic-state")
    assert event["quote"] == text.strip()  # the date's line and its statement


def test_the_dateline_is_not_where_it_happened() -> None:
    (event,) = events("دمشق: أعلن الجيش السوري اليوم السبت سيطرته على حلب بالكامل.\n")
    assert where(event) == "aleppo"


def test_the_losers_fighters_name_the_loser() -> None:
    clause = "سيطرت قوات سوريا الديموقراطية على البلدة بعد معارك استمرت أسابيع مع عناصر تنظيم داعش"
    found, _ = roles(clause, "capture", NAMES.actors)
    assert (found["victor"], found["loser"]) == ("sdf", "islamic-state")


def test_a_clause_without_its_verb_has_the_clause_befores() -> None:
    text = "في 3 آذار 2016، سيطر الجيش السوري على تدمر، ثم بعد يومين على القريتين.\n"
    _first, second = events(text)
    assert (second["date"], second["type"], second["victor"]) == ("2016-03-05", "capture",
                                                                 "syrian-army")
    assert any("the verb is not repeated" in note for note in second["review"])


def test_a_month_that_opens_a_list_item_is_its_date() -> None:
    text = "2012\nتموز: تفجير في دمشق يقتل عددا من المسؤولين.\n"
    (event,) = events(text)
    assert (event["date"], event["precision"], event["type"]) == ("2012-07", "month", "strike")


@pytest.mark.parametrize("clause", ["روسيا تبدأ تدخلا عسكريا في البلاد",
                                    "أسقطت الدفاعات الجوية طائرة فوق البلدة"])
def test_words_that_only_begin_like_a_capture(clause: str) -> None:
    assert event_type(clause) != "capture"


def test_a_short_dated_line_without_a_full_stop_is_an_item_not_a_heading() -> None:
    text = "أبرز المحطات\n\n5 حزيران 2013: سقوط القصير بيد الجيش السوري\n"
    (event,) = events(text)
    assert (event["date"], event["victor"]) == ("2013-06-05", "syrian-army")
    assert "qusayr" in where(event)


def test_two_towns_taken_the_same_day_are_two_events() -> None:
    text = ("سيطر الجيش السوري اليوم السبت على بلدة خان شيخون.\n"
            "وسيطر الجيش السوري اليوم على بلدة سراقب.\n")
    assert len(events(text)) == 2


def test_a_dash_around_an_aside_does_not_cut_the_sentence() -> None:
    text = "في 17 تشرين الأول 2017 - بعد أربعة أشهر من المعارك - سيطرت قسد على الرقة.\n"
    (event,) = events(text)
    assert (event["date"], event["victor"], where(event)) == ("2017-10-17", "sdf", "raqqa")


def test_headline_present_tense_patterns() -> None:
    found, _ = roles("وحدات حماية الشعب تطرد التنظيم من المدينة", "capture", NAMES.actors)
    assert (found["victor"], found["loser"]) == ("kurdish-forces", "islamic-state")
    found, _ = roles("التنظيم ينسحب من البلدة", "capture", NAMES.actors)
    assert (found["victor"], found["loser"]) == (None, "islamic-state")


def test_a_title_with_two_dots_is_the_sections_heading() -> None:
    text = "منبج.. من الحصار إلى التحرير\n\n- 12 آب 2016: دخول المقاتلين المدينة.\n"
    (event,) = events(text)
    assert where(event) == "manbij"


def test_the_city_points_back_to_a_town_not_to_a_country() -> None:
    text = ("في 4 آذار 2016، سيطر التنظيم على منبج.\n"
            "في 5 آذار 2016، شن التحالف غارات في سوريا.\n"
            "في 6 آذار 2016، انسحب المقاتلون من المدينة.\n")
    assert where(events(text)[2]) == "manbij"


@pytest.mark.parametrize(("where_", "army"), [("بيجي في العراق", "iraqi-forces"),
                                               ("القصير في سوريا", "syrian-army")])
def test_government_forces_are_the_army_of_the_articles_country(where_: str, army: str) -> None:
    (event,) = events(f"في تشرين الأول 2015، سيطرت القوات الحكومية على مدينة {where_}.\n")
    assert event["victor"] == army
    assert any(note.startswith("actor: «القوات الحكومية» read as") for note in event["review"])
