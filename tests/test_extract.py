"""`timeline extract`: a draft store from an article of dated milestones.

The sentences here are written for these tests in the genre's style; no other article's text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from helpers import ROOT, SOURCE, invoke
from hypothesis import given
from hypothesis import strategies as st

from syria_timeline.extract.dates import Context, dates_in
from syria_timeline.extract.drafting import default_names, draft_store

NAMES = default_names()
ARTICLE = """دمشق: أعلنت القوات الحكومية الأحد استعادة بلدة الطبقة بالكامل.

في ما يأتي أبرز المحطات:

-الطبقة-
في الثالث من آذار/مارس 2016، سيطر تنظيم الدولة الإسلامية على مدينة منبج بعد معارك مع فصائل معارضة.

في حزيران/يونيو، شن التحالف الدولي غارات على مواقع التنظيم في سوريا.

وتقع البلدة قرب الحدود منذ عام 2012 تحت حصار متقطع.

مطلع شباط/فبراير، خسرها التنظيم.
"""


def extracted(text: str = ARTICLE, published: str = "2017-05-14") -> list[dict[str, object]]:
    document = draft_store(text, dt.date.fromisoformat(published), {"publisher": "Test"}, NAMES)
    return document["events"]  # type: ignore[no-any-return]


def test_each_dated_statement_becomes_an_event_with_its_precision() -> None:
    events = extracted()
    assert [(e["date"], e["precision"], e["date_basis"]) for e in events] == [
        ("2017-05-14", "day", "relative"),  # الأحد: the latest Sunday by publication
        ("2016-03-03", "day", "text"),  # الثالث من
        ("2016-06", "month", "context"),  # the year from the date before it
        ("2017-02", "month", "context"),  # مطلع شباط after June 2016: the next February
    ]


def test_roles_and_places_are_what_the_text_says() -> None:
    events = {e["date"]: e for e in extracted()}
    manbij = events["2016-03-03"]
    assert (manbij["place"], manbij["victor"], manbij["type"]) == ("manbij", "islamic-state",
                                                                    "capture")
    strikes = events["2016-06"]
    assert (strikes["type"], strikes["actor"], strikes["place"]) == (
        "airstrikes", "us-led-coalition", "syria")
    lost = events["2017-02"]
    assert lost["victor"] is None and lost["loser"] == "islamic-state"  # no victor is named
    assert any("section heading" in note for note in lost["review"])  # the place was guessed


def test_quotes_are_exact_spans_and_since_phrases_are_not_events() -> None:
    for event in extracted():
        assert str(event["quote"]) in ARTICLE
        assert "منذ" not in str(event["quote"])


@pytest.mark.parametrize(("phrase", "published", "prefix", "precision"), [
    ("أمس", "2019-03-23", "2019-03-22", "day"), ("أول أمس", "2019-03-23", "2019-03-21", "day"),
    ("اليوم", "2019-03-23", "2019-03-23", "day"), ("الجمعة", "2019-03-23", "2019-03-22", "day"),
    ("السبت", "2019-03-23", "2019-03-23", "day"), ("الشهر الماضي", "2019-03-23", "2019-02", "month"),
    ("العام الماضي", "2019-03-23", "2018", "year"),
    ("في السادس والعشرين من كانون الثاني/يناير 2015", "2019-01-01", "2015-01-26", "day"),
    ("أواخر تشرين الأول 2016", "2019-01-01", "2016-10", "month"),
    ("في مارس الحالي", "2019-03-23", "2019-03", "month"),
    ("في أيلول الماضي", "2019-03-23", "2018-09", "month"),
    ("في آذار الماضي", "2019-03-23", "2018-03", "month"),
    ("في شباط الماضي", "2019-03-23", "2019-02", "month"),
])
def test_date_phrases(phrase: str, published: str, prefix: str, precision: str) -> None:
    (found,) = dates_in(f"وقعت المعركة {phrase} قرب المدينة", Context(dt.date.fromisoformat(published)))
    assert (found.prefix, found.precision) == (prefix, precision)


WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)),
       st.sampled_from(range(7)))
def test_a_weekday_is_the_latest_such_day_by_publication(published: dt.date, weekday: int) -> None:
    (found,) = dates_in(f"سيطر الجيش {WEEKDAYS[weekday]} على البلدة", Context(published))
    day = dt.date.fromisoformat(found.prefix)
    assert day.weekday() == weekday and 0 <= (published - day).days <= 6


@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(1, 12))
def test_a_month_without_a_year_takes_the_context_year_forward(year: int, before: int,
                                                               month: int) -> None:
    context = Context(dt.date(2150, 1, 1))
    names = {1: "كانون الثاني", 2: "شباط", 3: "آذار", 4: "نيسان", 5: "أيار", 6: "حزيران",
             7: "تموز", 8: "آب", 9: "أيلول", 10: "تشرين الأول", 11: "تشرين الثاني",
             12: "كانون الأول"}
    dates_in(f"في {names[before]} {year} سيطر الجيش", context)
    (found,) = dates_in(f"في {names[month]}، سيطر الجيش", context)
    assert found.prefix == f"{year + (month < before):04d}-{month:02d}"


def test_the_bundled_article_meets_the_quality_goals() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from extract_quality import measure

    result = measure()
    found = result["found, exact date and precision"]
    assert found >= 17 and result["place right"] >= 0.9 * found
    right, of = map(int, str(result["victor right (reference names one)"]).split(" of "))
    assert right >= 0.85 * of and result["extra events"] <= 2


def test_the_command_writes_a_store_that_validates(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "mine" / "store.json"
    result = invoke("extract", str(article), "--published", "2017-05-14", "--publisher", "Test",
                    "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"4 events, 3 to review; written to {out}\n"
    assert (out.parent / "sources" / "article.txt").read_bytes() == article.read_bytes()
    assert invoke("validate", str(out)).exit_code == 0
    assert json.loads(invoke("--data", str(out), "list", "--json").stdout)[0]["place"]["id"] == "manbij"


def test_the_bundled_article_to_stdout_is_a_store() -> None:
    result = invoke("extract", str(SOURCE), "--published", "2018-05-21", "--publisher", "AFP")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert len(document["events"]) == 19 and document["sources"][0]["dateline"] == "بيروت"


@pytest.mark.parametrize(("content", "message"), [
    ("لا شيء مؤرخ هنا.", "no dated statement found"),
    ("", "no dated statement found"),
    (b"\xff\xfe broken", "not UTF-8 text"),
    (b"text\x00with nul", "has NUL bytes"),
])
def test_articles_it_cannot_use(content: str | bytes, message: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = invoke("extract", str(article), "--published", "2018-05-21")
    assert (result.exit_code, result.stdout) == (1, "")
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_fifo_or_a_bad_day(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "is a named pipe (FIFO)" in invoke("extract", str(fifo), "--published",
                                              "2018-05-21").stderr
    month = invoke("extract", str(SOURCE), "--published", "2018-05")
    assert (month.exit_code, month.stderr) == (
        2, "Error: --published: 2018-05 is not a day; give one, e.g. 2019-03-23\n")


def test_other_kinds_and_the_wars_other_actors() -> None:
    text = ("في 5 نيسان/أبريل 2018، زار وفد أممي مدينة منبج.\n\n"
            "في 10 كانون الثاني/يناير 2017، سيطرت هيئة تحرير الشام على مدينة إدلب.\n")
    visit, idlib = extracted(text, "2019-01-01")
    assert (visit["type"], visit["place"], visit["victor"]) == ("other", "manbij", None)
    assert (idlib["type"], idlib["place"], idlib["victor"]) == ("capture", "idlib", "hts")


def test_nothing_is_replaced_without_force(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "store.json"
    args = ["extract", str(article), "--published", "2017-05-14", "-o", str(out)]
    assert invoke(*args).exit_code == 0
    before = out.read_bytes()
    again = invoke(*args)
    assert (again.exit_code, again.stderr) == (
        2, f"Error: --output: {out} exists; give --force to replace it\n")
    assert out.read_bytes() == before
    assert invoke(*args, "--force").exit_code == 0
    (tmp_path / "sources" / "article.txt").write_text("another text", encoding="utf-8")
    clash = invoke(*args[:-2], "-o", str(tmp_path / "new.json"))
    assert clash.exit_code == 2 and "sources/article.txt exists" in clash.stderr
    assert not (tmp_path / "new.json").exists()  # checked before anything was written


def test_the_quality_report_says_when_the_corpus_is_not_there(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import extract_quality

    monkeypatch.setattr(extract_quality, "CORPUS", tmp_path / "nowhere")
    (line,) = extract_quality.corpus()
    assert line.startswith(f"development corpus: not found at {tmp_path / 'nowhere'}")


def test_a_file_far_larger_than_an_article_is_refused_at_once(tmp_path: Path) -> None:
    from syria_timeline.extract.drafting import MAX_ARTICLE_BYTES

    article = tmp_path / "huge.txt"
    with article.open("wb") as stream:
        stream.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: its size is what is refused, unread
    result = invoke("extract", str(article), "--published", "2018-05-21")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert result.stderr.endswith(  # the path before it is shortened when long
        ": is 1,048,577 bytes; an article may have at most 1,048,576 (1 MiB): "
        "split the file into its articles and extract each one\n")


def test_the_library_refuses_a_text_above_the_limit_too() -> None:
    from syria_timeline.extract.drafting import MAX_ARTICLE_BYTES, ArticleTooLarge

    with pytest.raises(ArticleTooLarge, match="split the file"):
        draft_store("ا" * MAX_ARTICLE_BYTES, dt.date(2019, 1, 1), {}, NAMES)
