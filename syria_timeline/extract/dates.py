"""Dates in running Arabic news text, resolved to the period they name, never more precise.

The rules of the genre: a month without a year takes the year the text gave last (a heading,
a year opening a line, the date before it), and a milestone list runs forward; what a text
tells as past is never after its publication; relative words (اليوم، أمس، الأحد، الشهر
الماضي، في اليوم التالي، الشهر نفسه) count from the publication day or from the date before
them. A date after «منذ» dates a state and «حتى» the end of one: neither is an event, and
neither changes the year that later months take. Every guess is said in `review`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from syria_timeline.arabic import MONTH_NAMES, has_arabic, to_ascii_digits

# Every pattern below reads text where ى is written ي (see same_length).
# The one month table's Arabic-script names (Levantine, Egyptian/Gulf, Maghrebi).
MONTHS: dict[int, tuple[str, ...]] = {n: tuple(name for name in names if has_arabic(name))
                                      for n, names in MONTH_NAMES.items()}
ORDINALS = {
    "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
    "الثامن": 8, "التاسع": 9, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12,
    "الثالث عشر": 13, "الرابع عشر": 14, "الخامس عشر": 15, "السادس عشر": 16,
    "السابع عشر": 17, "الثامن عشر": 18, "التاسع عشر": 19, "العشرين": 20, "الثلاثين": 30,
}
UNITS = {"الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
         "السابع": 7, "الثامن": 8, "التاسع": 9}
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
            "الجمعة": 4, "السبت": 5, "الأحد": 6}
_PARTS = "مطلع|منتصف|أواسط|أواخر|أوائل|بداية|بدايات|نهاية|أول|آخر|ربيع|صيف|خريف|شتاء"
# Words that make a bare month name a date ("في آذار"); without one «مارس» may be a verb.
_MONTH_CUES = ("في", "خلال", "منذ", "حتي", "من", "شهر", "وفي", "ففي", "بحلول", "أواخر",
               "مطلع", "منتصف", "أوائل", "بداية", "نهاية", "أواسط", "بدءا", "اعتبارا")
# Days counted in words («بعد يومين»); «أسبوع» is a round figure, not a day the text gives.
_COUNTS = {"يومين": 2, "ثلاثة أيام": 3, "أربعة أيام": 4, "خمسة أيام": 5, "ستة أيام": 6}
_YEAR = r"(?:19|20)\d{2}(?!\d)"
# «اليوم الأول من الهجوم»، «اليوم الوطني»: the noun «day», not today.
_NOT_TODAY = (r"(?:ال[اأ]ول|الثاني|الثالث|الرابع|الخامس|ال[اأ]خير|السابق|الذي|التي|الوطني|العالمي"
              r"|الدولي)")


class Found:
    """A date found in a sentence: where it is, the period it names, and why."""

    __slots__ = ("basis", "end", "precision", "prefix", "review", "start")

    def __init__(self, start: int, end: int, prefix: str, precision: str, basis: str,
                 review: tuple[str, ...] = ()) -> None:
        self.start, self.end, self.prefix, self.precision = start, end, prefix, precision
        self.basis, self.review = basis, review  # basis: text, context, publication, relative

    def __repr__(self) -> str:
        return f"Found({self.start}, {self.end}, {self.prefix!r}, {self.precision!r})"


@dataclass
class Context:
    """What the article has dated so far (the last event date), and its publication day."""

    published: date
    year: int | None = None
    month: int | None = None
    day: int | None = None
    heading: bool = False  # the year is a heading's: the months below keep it, in any order

    def remember(self, prefix: str) -> None:
        parts = [int(p) for p in prefix.split("-")]
        self.year = parts[0]
        self.month = parts[1] if len(parts) > 1 else None
        self.day = parts[2] if len(parts) > 2 else None


def _letters(name: str) -> str:
    """A regular expression for a word as people type it: any alef, ي/ي, ة/ه, ال optional
    inside a two-word month name."""
    classes = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]", "ي": "[يى]",
               "ى": "[يى]", "ة": "[ةه]"}
    out = []
    for i, word in enumerate(name.split()):
        optional = i > 0 and word.startswith("ال")
        core = "".join(classes.get(c, re.escape(c)) for c in (word[2:] if optional else word))
        out.append(f"(?:ال)?{core}" if optional else core)
    return r"\s+".join(out)


@lru_cache(maxsize=1)
def _month_names() -> list[tuple[re.Pattern[str], int]]:
    return [(re.compile(_letters(n) + "$"), m) for m, names in MONTHS.items() for n in names]


def month_number(text: str) -> int:
    first = re.split(r"\s*[/\\(\-–]\s*", text.strip())[0].strip()
    for pattern, number in _month_names():
        if pattern.match(first):
            return number
    first_two = " ".join(first.split()[:2])
    return next(n for p, n in _month_names() if p.match(first_two) or p.match(first.split()[0]))


@lru_cache(maxsize=1)
def date_pattern() -> re.Pattern[str]:
    names = sorted((n for ns in MONTHS.values() for n in ns), key=len, reverse=True)
    month = "|".join(_letters(n) for n in names)
    one = rf"(?:{month})(?!\w)"
    months = rf"(?P<month>{one}(?:\s*[/\\\-–(]\s*{one}\s*\)?|\s+\(?{one}\)?)?)"
    ordinal = "|".join(_letters(w) for w in sorted(ORDINALS, key=len, reverse=True))
    units = "|".join(_letters(w) for w in UNITS)
    day = (rf"(?:ال\u0640*\s*)?(?P<day>\d{{1,2}}|(?:{units})\s+و\s*(?:العشرين|الثلاثين)|{ordinal})"
           r"(?:\s*(?:و|-|–|إلي|الي)\s*(?P<day2>\d{1,2}))?\s+(?:من\s+)?(?:شهر\s+)?")
    year = (rf"(?:\s*[/,،]?\s*(?:(?:من\s+)?(?:عام|العام|سنة)\s+)?(?P<year>{_YEAR})"
            r"|(?P<same_year>\s+(?:من\s+)?(?:العام|السنة|عام)\s+(?:نفسه|ذاته|نفسها|ذاتها)))?")
    numeric = (rf"(?<![\d/.-])(?P<nday>\d{{1,2}})([/.-])(?P<nmonth>\d{{1,2}})\2(?P<nyear>{_YEAR})"
               rf"|(?<![\d/.-])(?P<iyear>{_YEAR})-(?P<imonth>\d{{2}})-(?P<iday>\d{{2}})(?![\d-])")
    return re.compile(
        rf"{numeric}|(?<!\w)(?:(?P<part>{_PARTS})\s+(?:شهر\s+)?)?(?:{day})?{months}{year}"
        rf"|(?<!\w)(?:(?P<ycue>(?:[وف])?(?:في|خلال|حتي|بحلول|{_PARTS}))\s+"
        rf"(?:(?:عام|العام|سنة)\s+)?|(?P<yword>عام|العام|سنة)\s+)(?P<year_only>{_YEAR})")


@lru_cache(maxsize=1)
def _relative_pattern() -> re.Pattern[str]:
    days = "|".join(_letters(w) for w in WEEKDAYS)
    counts = "|".join(_letters(w) for w in sorted(_COUNTS, key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?:[وف](?=(?:بعد|قبل|في)\s))?(?:"
        rf"(?P<next>(?:في\s+)?(?:ال)?يوم\s+(?:التالي|الذي\s+تلاه))"
        rf"|(?P<next_period>(?:في\s+)?(?:الشهر|العام|السنة)\s+(?:التالي|التالية|اللاحق))"
        rf"|(?P<same_day>(?:في\s+)?(?:ال)?يوم\s+(?:نفسه|ذاته)|نفس\s+اليوم)"
        rf"|(?P<after>بعد\s+(?:{counts}))(?!\s+من)"
        rf"|(?P<before>قبل\s+(?:{counts}))(?!\s+من)"
        rf"|(?P<same>(?:الشهر|العام|السنة)\s+(?:نفسه|ذاته|نفسها|ذاتها)|نفس\s+(?:الشهر|العام))"
        rf"|(?P<period>(?:الشهر|العام|السنة|عام|شهر)\s+(?:الماضي|الماضية|المنصرم|المنصرمة"
        rf"|الفائت|الجاري|الحالي|الجارية|الحالية|المقبل|المقبلة|القادم|القادمة))"
        rf"|(?P<this>هذا\s+(?:الشهر|العام)|هذه\s+السنة)"
        rf"|(?P<dby>[اأ]ول\s+[اأ]مس)|(?P<yesterday>[اأ]مس|البارحة)|(?P<tomorrow>غد[اًٍ]*)"
        rf"|(?<!الي\s)(?<!إلي\s)(?<!حتي\s)(?P<today>اليوم)(?!\s+{_NOT_TODAY})"
        rf"|(?P<weekday>(?:(?:يوم|فجر|صباح|مساء|ظهر|ليل|عصر)\s+)?(?:{days}))"
        rf")(?!\w)")


def same_length(text: str) -> str:
    """The text with 0-9 for Arabic-Indic digits and ي for ى (Egyptian «فى»): one character
    for one, so offsets stay valid."""
    return to_ascii_digits(text).replace("ى", "ي")


def _since_before(text: str, start: int) -> bool:
    """Whether «منذ» or «حتى» governs the date at `start` (at most three words before it, in
    the same phrase): a state's beginning or end, not a happening."""
    before = text[max(0, start - 40):start]
    return re.search(r"(?<!\w)[وف]?(?:منذ|مُنذ|حتي|لغاية)(?:\s+[^\s،,:.؛]+){0,3}\s*$|(?<!\w)قبل\s+$",
                     before) is not None


def dates_in(sentence: str, context: Context) -> list[Found]:
    """The event dates a sentence gives, in order; `context` carries the year onward."""
    text = same_length(sentence)
    heads = [h for h in re.finditer(rf"(?:^|[:\-–—]\s*)(?P<y>{_YEAR})\s*(?=[-–—:]|$)", text)
             if not _since_before(text, h.start("y"))]
    for head in heads:
        context.remember(head["y"])  # a year heading: the months below are its own
        context.heading = True
    found = _dates_after_heading(text, context)
    if heads and not found and len(text[heads[-1].end():].split()) >= 2 \
            and heads[-1]["y"] <= context.published.isoformat()[:4]:
        head = heads[-1]  # «2015: سقوط تدمر»: the year dates the statement after it
        found = [Found(head.start("y"), head.end("y"), head["y"], "year", "text")]
    return found


def _dates_after_heading(text: str, context: Context) -> list[Found]:
    found: list[Found] = []
    for kind, match in _matches(text):
        if _since_before(text, match.start()):
            continue
        date_ = (_explicit(match, context, text) if kind == "explicit"
                 else _relative(match, context))
        if date_ is None:
            continue
        if date_.prefix > context.published.isoformat()[:len(date_.prefix)]:
            continue  # after publication: still to come, not a happening
        context.remember(date_.prefix)
        context.heading = context.heading and date_.basis == "context"
        found.append(date_)
    return found


def _matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Explicit dates and relative words, in text order; a relative word inside or right
    beside an explicit date (الاثنين 21 أيار) is part of it."""
    explicit = list(date_pattern().finditer(text))
    taken = [(m.start() - 3, m.end() + 3) for m in explicit]
    # «الأحد، الموافق 23 آذار»، «29 حزيران، وهو يوم أحد»: a weekday just before or after an
    # explicit day is that day.
    weekday = [(m.start() - 16, m.end() + 16) for m in explicit if m["month"] or m["nday"]]
    relative = [m for m in _relative_pattern().finditer(text)
                if not any(a <= m.start() < b or a < m.end() <= b
                           for a, b in (taken + weekday if m["weekday"] else taken))]
    relative = _drop_weekday_after_relative(relative)
    merged = [("explicit", m) for m in explicit] + [("relative", m) for m in relative]
    return iter(sorted(merged, key=lambda item: item[1].start()))


def _drop_weekday_after_relative(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """«اليوم الأحد»، «أمس السبت»، «غدا الجمعة»: the weekday names the same day again;
    «ليل السبت - الأحد» is one night."""
    out: list[re.Match[str]] = []
    for m in matches:
        if m["weekday"] and out and out[-1].lastgroup in ("today", "yesterday", "dby", "tomorrow") \
                and m.start() - out[-1].end() <= 2:
            continue
        if m["weekday"] and out and out[-1].lastgroup == "weekday" \
                and re.fullmatch(r"\s*[-–/و]\s*", m.string[out[-1].end():m.start()]):
            continue  # «ليل السبت - الأحد»: the night that begins on the first
        out.append(m)
    return out


def _explicit(match: re.Match[str], context: Context, text: str) -> Found | None:
    if match["nday"] or match["iday"]:
        return _numeric(match)
    if match["year_only"]:
        cue = re.sub("^[وف]", "", match["ycue"] or "")
        part = (f"«{cue}» a year: kept as the year",) if cue and cue not in (
            "في", "خلال", "حتي", "بحلول") else ()
        return Found(match.start(), match.end(), match["year_only"], "year", "text", part)
    after = text[match.end():match.end() + 14]
    relative = re.match(r"\s*(الحالي|الجاري|الماضي|المنصرم|الفائت|المقبل|القادم)", after)
    if not (match["day"] or match["year"] or match["part"] or relative or match["same_year"]
            or _cue_before(text, match.start()) or _item_head(text, match)):
        return None  # a bare month name without «في» or a day: maybe not a date (مارس، آب)
    if relative and relative[1] in ("المقبل", "القادم"):
        return None
    month = month_number(match["month"])
    year, basis, review = _year_of(month, match, relative[1] if relative else None, context)
    prefix, precision = f"{year:04d}-{month:02d}", "month"
    if match["part"]:
        review.append(f"«{match['part']}» a month: kept as the month")
    elif match["day"]:
        prefix, precision = _with_day(match, year, month, prefix, review)
    if not match["year"] and not relative and (prefix > context.published.isoformat()[:len(prefix)]):
        year -= 1  # told as past: the latest such month by the publication day
        prefix = f"{year:04d}{prefix[4:]}"
        review.append(f"the year {year}: the month comes after the publication otherwise")
    return Found(match.start(), match.end(), prefix, precision, basis, tuple(review))


def _numeric(match: re.Match[str]) -> Found | None:
    """22/12/2016, 22-12-2016, 2016-12-22: a day, as the Arab press writes it (day first)."""
    year, month, day = (int(match["nyear"]), int(match["nmonth"]), int(match["nday"])) \
        if match["nday"] else (int(match["iyear"]), int(match["imonth"]), int(match["iday"]))
    try:
        return Found(match.start(), match.end(), date(year, month, day).isoformat(), "day", "text")
    except ValueError:
        return None  # 31/02/2016: not a day


def _item_head(text: str, match: re.Match[str]) -> bool:
    """A month that opens a list item («آذار: …», «- تموز، …») is its date."""
    return not text[:match.start()].strip(" -–—•*·") and re.match(r"\s*[:،,\-–]", text[match.end():]) \
        is not None


def _cue_before(text: str, start: int) -> bool:
    words = text[max(0, start - 16):start].split()
    return bool(words) and words[-1] in _MONTH_CUES


def _year_of(month: int, match: re.Match[str], relative: str | None,
             context: Context) -> tuple[int, str, list[str]]:
    published = context.published
    if relative:  # "مارس الحالي": this year's; "أيلول الماضي": the latest before publication
        year = published.year - (relative in ("الماضي", "المنصرم", "الفائت")
                                  and month >= published.month)
        return year, "relative", [f"«{relative}» counted from the publication date"]
    if match["year"]:
        return int(match["year"]), "text", []
    if match["same_year"] and context.year is not None:
        return context.year, "context", [f"«{match['same_year'].strip()}»: the year of the date before it"]
    if context.year is None:
        year = published.year
        return year, "publication", [f"the year {year} is the article's own"]
    year = context.year
    if not context.heading and context.month is not None and month < context.month \
            and f"{year + 1:04d}-{month:02d}" <= published.isoformat()[:7]:
        year += 1  # a milestone list runs forward: May after November is next year's
    return year, "context", [f"the year {year} is taken from the dates before it"]


def _with_day(match: re.Match[str], year: int, month: int, prefix: str,
              review: list[str]) -> tuple[str, str]:
    day = day_number(match["day"])
    try:
        date(year, month, day)
    except ValueError:  # "30 شباط": no such day; the month is what the text can give
        review.append(f"the day {day} does not exist in that month: kept as the month")
        return prefix, "month"
    if match["day2"]:
        review.append(f"the days {day} and {match['day2']}: the first kept")
    return f"{prefix}-{day:02d}", "day"


def day_number(text: str) -> int:
    text = " ".join(text.split())
    if text.isdigit():
        return int(text)
    for word, number in ORDINALS.items():
        if re.fullmatch(_letters(word), text):
            return number
    unit, _, tens = text.partition("و")
    return next(n for w, n in UNITS.items() if re.fullmatch(_letters(w), unit.strip())) + (
        20 if "العشرين" in tens else 30)


def _relative(match: re.Match[str], context: Context) -> Found | None:
    kind = match.lastgroup or ""
    published, said = context.published, match[0]
    note: tuple[str, ...] = (f"«{said}» counted from the publication date",)
    if kind in ("next", "same_day", "after"):
        return _from_context(match, context, kind)
    if kind == "same":
        return _same_period(match, context)
    if kind == "next_period":
        return _next_period(match, context)
    if kind in ("period", "this"):
        return _period(match, published)
    if kind == "tomorrow":
        return None  # still to come on the day of publication
    back = {"dby": 2, "yesterday": 1, "today": 0}.get(kind)
    if kind == "before":
        back = _COUNTS[_count_words(said)]
    if kind == "weekday":
        back, note = _weekday(match, published)
    if back is None:
        return None
    day = published - timedelta(days=back)
    return Found(match.start(), match.end(), day.isoformat(), "day", "relative", note)


def _weekday(match: re.Match[str], published: date) -> tuple[int | None, tuple[str, ...]]:
    """How many days before publication a weekday was: the latest such day («الأحد»), the one
    before when the text says «الماضي»; none for a weekly day («أيام الجمعة») or one to come."""
    before, after = match.string[:match.start()], match.string[match.end():match.end() + 10]
    if re.search(r"(?:أيام|صلاة|خطبة|كل)\s+(?:\S+\s+)?$", before) \
            or re.match(r"\s+(?:المقبل|القادم)", after):
        return None, ()
    name = match[0].split()[-1]
    weekday = next(n for w, n in WEEKDAYS.items() if re.fullmatch(_letters(w), name))
    back = (published.weekday() - weekday) % 7
    if re.match(r"\s+(?:الماضي|المنصرم|الفائت)", after):
        back = back or 7  # «الأحد الماضي» on a Sunday: a week before
    return back, (f"«{match[0]}» is taken as the latest {name} by the publication date",)


def _count_words(said: str) -> str:
    rest = said.split(None, 1)[1]
    return next(w for w in _COUNTS if re.fullmatch(_letters(w), rest))


def _from_context(match: re.Match[str], context: Context, kind: str) -> Found | None:
    if context.year is None or context.month is None or context.day is None:
        return None  # "the next day" after a month: no day the text gives
    base = date(context.year, context.month, context.day)
    days = {"next": 1, "same_day": 0}.get(kind)
    if days is None:
        days = _COUNTS[_count_words(match[0])]
    day = base + timedelta(days=days)
    return Found(match.start(), match.end(), day.isoformat(), "day", "context",
                 (f"«{match[0]}» counted from {base.isoformat()}, the date before it",))


def _same_period(match: re.Match[str], context: Context) -> Found | None:
    month = "الشهر" in match[0]
    if context.year is None or (month and context.month is None):
        return None
    prefix = f"{context.year:04d}-{context.month:02d}" if month else f"{context.year:04d}"
    return Found(match.start(), match.end(), prefix, "month" if month else "year", "context",
                 (f"«{match[0]}»: the {'month' if month else 'year'} of the date before it",))


def _next_period(match: re.Match[str], context: Context) -> Found | None:
    """«في الشهر التالي»، «في العام التالي»: the month or year after the date before it."""
    month = "الشهر" in match[0]
    if context.year is None or (month and context.month is None):
        return None
    if month:
        year, number = divmod((context.year * 12 + (context.month or 1) - 1) + 1, 12)
        prefix, precision = f"{year:04d}-{number + 1:02d}", "month"
    else:
        prefix, precision = f"{context.year + 1:04d}", "year"
    return Found(match.start(), match.end(), prefix, precision, "context",
                 (f"«{match[0]}»: the {precision} after the date before it",))


def _period(match: re.Match[str], published: date) -> Found | None:
    said = match[0]
    if re.search(r"المقبل|القادم", said):
        return None
    month = "شهر" in said
    back = 1 if re.search(r"الماضي|المنصرم|الفائت", said) else 0
    if month:
        first = published.replace(day=1)
        if back:
            first = (first - timedelta(days=1)).replace(day=1)
        prefix, precision = first.isoformat()[:7], "month"
    else:
        prefix, precision = f"{published.year - back:04d}", "year"
    return Found(match.start(), match.end(), prefix, precision, "relative",
                 (f"«{said}» counted from the publication date",))
