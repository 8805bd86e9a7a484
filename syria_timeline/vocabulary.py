"""Every word the tool shows a person, in Arabic and English, in one place.

Labels, kinds, precisions, type names and month names for display. (The spellings the date
parser accepts are in `arabic`: reading and showing are different jobs.)
"""

from __future__ import annotations

# Labels: key -> (Arabic, English).
WORDS = {
    "date": ("التاريخ", "Date"),
    "hijri": ("الهجري", "Hijri"),
    "place": ("المكان", "Place"),
    "who": ("من", "Who"),
    "what": ("ماذا حدث", "What happened"),
    "figures": ("الأرقام", "Figures"),
    "no_events": ("لا أحداث تطابق الطلب.", "no events match."),
    "no_events_at": ("لا أحداث في {place} في هذا المخزن.", "no events at {place} in this store."),
    "count": ("العدد", "Count"),
    "kind": ("النوع", "Kind"),
    "province": ("المحافظة", "Province"),
    "events": ("الأحداث", "Events"),
    "holder": ("آخر من سيطر", "Last holder"),
    "name": ("الاسم", "Name"),
    "id": ("المعرّف", "Id"),
    "aliases": ("أسماء أخرى", "Other names"),
    "history": ("تاريخ السيطرة على", "Control history of"),
    "unnamed": ("طرف لا يسمّيه النص", "(the text does not say)"),
    "took_from": ("انتزعها من", "took it from"),
    "type": ("النوع", "Type"),
    "victor": ("المنتصر", "Victor"),
    "loser": ("الخاسر", "Loser"),
    "actor": ("الفاعل", "Actor"),
    "target": ("ضد", "Against"),
    "backers": ("بدعم من", "Backed by"),
    "associated": ("إلى جانب أحد الطرفين", "Alongside a side"),
    "summary": ("الملخص", "Summary"),
    "quote": ("النص الأصلي", "Source quote"),
    "source": ("المصدر", "Source"),
    "precision": ("الدقة", "Precision"),
    "year": ("السنة", "Year"),
    "actor_key": ("الطرف", "Actor"),
    "killed": ("قتيلاً", "killed"),
    "civilians": ("مدنياً", "civilians"),
    "among_them": ("بينهم", ""),
    "month": ("الشهر", "Month"),
    "year_only": ("الأحداث المعروفة بسنتها فقط معدودة تحت السنة.",
                  "Events known only to their year are counted under the year."),
    "across": ("الأحداث الواقعة في يوم ما من مدة تمتد على فترتين معدودة تحت الاثنتين معاً.",
               "Events on some day of a span that crosses two periods are counted under both."),
    "coded_as": ("تصنيف المصدر", "Coded as"),
    "other_figures": ("أرقام مصادر أخرى", "Other accounts' figures"),
    "estimates": ("تقديرات بين", "estimates between"),
    "within": ("مع ما فيها", "With places in it"),
    "as_of": ("منذ", "as of"),
    "held_by": ("تحت سيطرة", "Held by"),
}
PRECISION_NAMES = {"day": ("يوم", "day"), "month": ("شهر", "month"), "year": ("سنة", "year"),
                   "span": ("يوم ما من هذه الأيام", "one day of this span")}
PLACE_PRECISION_NAMES = {
    "exact": ("في المكان نفسه", "at the place"), "near": ("قربه", "near it"),
    "district": ("في منطقته", "in its district"), "province": ("في المحافظة", "in the province"),
    "region": ("في المنطقة المحيطة به", "in a larger area around it"),
    "country": ("في البلد", "in the country"), "border": ("على الحدود أو في البحر أو الجو",
                                                    "on a border, at sea or in the air"),
}
# Arabic names of the event types, accepted by --type and shown in Arabic tables.
TYPE_NAMES_AR = {
    "capture": "سيطرة",
    "declaration": "إعلان",
    "airstrikes": "غارات جوية",
    "offensive": "هجوم",
    "outbreak": "اندلاع النزاع",
    "clash": "اشتباكات",
    "strike": "قصف",
    "attack": "اعتداء على مدنيين",
    "protest": "احتجاج",
    "other": "أخرى",
}
PLACE_KIND_NAMES_AR = {"country": "بلد", "province": "محافظة", "city": "مدينة", "town": "بلدة",
                       "village": "قرية", "camp": "مخيم", "region": "منطقة",
                       "locality": "موقع"}
MONTH_NAMES_AR = {  # Levantine/Gulf pairs, as the AFP article writes them
    1: "كانون الثاني/يناير", 2: "شباط/فبراير", 3: "آذار/مارس", 4: "نيسان/أبريل",
    5: "أيار/مايو", 6: "حزيران/يونيو", 7: "تموز/يوليو", 8: "آب/أغسطس",
    9: "أيلول/سبتمبر", 10: "تشرين الأول/أكتوبر", 11: "تشرين الثاني/نوفمبر", 12: "كانون الأول/ديسمبر",
}
MONTH_NAMES_EN = {
    1: "January", 2: "February", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July",
    8: "August", 9: "September", 10: "October", 11: "November", 12: "December",
}


def word(key: str, lang: str) -> str:
    arabic, english = WORDS[key]
    return arabic if lang == "ar" else english


def precision_name(precision: str, lang: str) -> str:
    arabic, english = PRECISION_NAMES[precision]
    return arabic if lang == "ar" else english


def type_name(type_id: str, lang: str) -> str:
    return TYPE_NAMES_AR.get(type_id, type_id) if lang == "ar" else type_id


def kind_name(kind: str, lang: str) -> str:
    return PLACE_KIND_NAMES_AR.get(kind, kind) if lang == "ar" else kind


def place_precision_name(precision: str, lang: str) -> str:
    arabic, english = PLACE_PRECISION_NAMES[precision]
    return arabic if lang == "ar" else english


def format_period(prefix: str, end: str | None, lang: str) -> str:
    """An event's date; a span of days as its two ends, the year and month said once:
    `12–18 آذار 2017`, `29 آذار – 4 نيسان 2017`."""
    if end is None:
        return format_date(prefix, lang)
    first, last = format_date(prefix, lang), format_date(end, lang)
    if prefix[:7] == end[:7]:
        return f"{prefix[8:].lstrip('0')}–{last}"
    if prefix[:4] == end[:4]:
        return f"{first.rsplit(' ', 1)[0]} – {last}"
    return f"{first} – {last}"


def format_date(prefix: str, lang: str) -> str:
    """Only the precision the date has: `آب 2016`, never a day the text does not give.

    A summary key `2016-12/2017-01` (a span across two months) shows both months."""
    if "/" in prefix:
        return " – ".join(format_date(part, lang) for part in prefix.split("/"))
    parts = [int(p) for p in prefix.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTH_NAMES_AR[parts[1]].split("/")[0] if lang == "ar" else MONTH_NAMES_EN[parts[1]][:3]
    text = f"{month} {parts[0]}"
    return f"{parts[2]} {text}" if len(parts) == 3 else text
