"""The store's records, each field declared once: name, type and default, in contract order.

Everything else derives from these declarations: the store's checks (`checks`), the JSON
Schema (`schema`), the field order of JSON and CSV output, and the lists of known fields.
The field types are named for what a value means (`ActorId`, `Count`, `Precision`…), and
those names are what the checks go by; at run time they are plain strings and numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # the decorator only informs type checkers; at run time it would cost an import

    def dataclass_transform(**_: Any) -> Any:
        return lambda cls: cls


# What values mean. A checker reads these names from the annotations.
Text = str  # a non-empty string
Id = str  # a-z, 0-9 and hyphens
SourceId = str  # the id of a source of the same store
PlaceId = str  # the id of a place of the same store
ProvinceId = str  # the id of a place of kind "province"
ActorId = str  # the id of an actor of the same store
Day = str  # an ISO day, YYYY-MM-DD
DatePrefix = str  # an ISO date cut to the event's precision: YYYY, YYYY-MM or YYYY-MM-DD
Precision = str
PlacePrecision = str
SourceFormat = str
EventType = str
DateBasis = str
PlaceKind = str
Sha256 = str
Count = int  # a whole number, 0 or more
Latitude = float
Longitude = float

EVENT_TYPES = {
    "capture": "a place changes hands: someone takes it, someone loses it, or both",
    "declaration": "an announcement that is itself the event (the caliphate)",
    "airstrikes": "an air campaign begins",
    "offensive": "a ground offensive or a phase of one begins",
    "outbreak": "a war or conflict begins",
    "clash": "armed groups fight (a battle that changes no hands)",
    "strike": "a blow from afar: an air or drone strike, shelling, a missile, a bomb or a mine",
    "attack": "armed men attack civilians, abduct or kill them",
    "protest": "a protest or a riot",
    "other": "a dated event of another kind (what automatic extraction cannot type)",
}
PRECISIONS = ("day", "month", "year")
# The store format this version writes, and those it reads. Schema 2 adds an event's other
# accounts (`other_sources`, `other_quotes`, from merging); schema 3 what datasets give: spans
# of days (`end`), place precision, estimates, their own labels, CSV sources. Every field they
# add is optional, so an older store reads as a newer one that has none.
SCHEMA_VERSION = 3
READABLE_SCHEMAS = (1, 2, 3)
# `locality`: a place a dataset names without saying what it is (`timeline import`).
PLACE_KINDS = ("country", "province", "city", "town", "village", "camp", "region", "locality")
# Place kinds from the smallest to the largest. When one spelling names two places (a city and
# the province named after it), the smaller one wins: people mean the city; a region named in
# the news (the Eastern Ghouta, the Qalamoun) is most often smaller than a province.
PLACE_SIZE_ORDER = ("camp", "locality", "village", "town", "city", "region", "province", "country")
# How near the place named the event happened (datasets code it; see `datasets`).
PLACE_PRECISIONS = {
    "exact": "at the place itself",
    "near": "near it, or in a small area around it",
    "district": "somewhere in its district; the place is the district's centre",
    "province": "somewhere in its province; the place is the province",
    "region": "somewhere in a larger area around it (a front, a stretch of road, a desert)",
    "country": "somewhere in the country",
    "border": "on a border, at sea or in the air space",
}
SOURCE_FORMATS = {
    "text": "a text: each quote is a verbatim span of it",
    "csv": "a dataset's CSV export: each quote is the verbatim value of one of its cells",
}
DATE_BASES = {
    "text": "the quote itself gives the year",
    "context": "the year comes from the paragraphs before the quote",
    "publication": "the year is the article's own (its dateline), as its source says",
    "relative": "counted from the publication date (اليوم، أمس، a weekday, الشهر الماضي)",
}
# The values each choice type accepts, by the type's name.
CHOICES: dict[str, tuple[str, ...]] = {
    "Precision": PRECISIONS,
    "EventType": tuple(EVENT_TYPES),
    "DateBasis": tuple(DATE_BASES),
    "PlaceKind": PLACE_KINDS,
    "PlacePrecision": tuple(PLACE_PRECISIONS),
    "SourceFormat": tuple(SOURCE_FORMATS),
}
# Counts above this are not casualty figures but typing errors (or an attack on the parser).
MAX_COUNT = 10**9
_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"


def python_pattern(pattern: str) -> str:
    """A JSON Schema pattern for Python's `re`: `$` there also matches before a final newline,
    so the ends are anchored with \\A and \\Z."""
    if pattern.startswith("^"):
        pattern = "\\A" + pattern[1:]
    if pattern.endswith("$"):
        pattern = pattern[:-1] + "\\Z"
    return pattern


class BaseType(NamedTuple):
    """What the values of a type named in the annotations above may be: the one table that the
    full check, the fast check and the JSON Schema all read."""

    json: str  # the JSON type: string, integer or number
    pattern: str | None = None  # a string's regular expression (JSON Schema dialect)
    low: float | None = None  # a number's bounds
    high: float | None = None
    refers_to: str | None = None  # a reference: the kind of record whose id it names
    choices: tuple[str, ...] = ()  # a choice: the values accepted
    expected: str = ""  # the values, in words, for messages


BASE_TYPES: dict[str, BaseType] = {
    "Id": BaseType("string", _ID_PATTERN),
    "SourceId": BaseType("string", _ID_PATTERN, refers_to="source"),
    "PlaceId": BaseType("string", _ID_PATTERN, refers_to="place"),
    "ActorId": BaseType("string", _ID_PATTERN, refers_to="actor"),
    "ProvinceId": BaseType("string", _ID_PATTERN, refers_to="province"),
    "Text": BaseType("string", "\\S"),
    "Day": BaseType("string", "^\\d{4}-\\d{2}-\\d{2}$"),
    "DatePrefix": BaseType("string", "^\\d{4}(-\\d{2}(-\\d{2})?)?$"),
    "Sha256": BaseType("string", "^[0-9a-fA-F]{64}$", expected="64 hexadecimal digits"),
    "Count": BaseType("integer", low=0, high=MAX_COUNT,
                      expected=f"a whole number from 0 to {MAX_COUNT:,}, or null"),
    "Latitude": BaseType("number", low=-90, high=90, expected="a number from -90 to 90, or null"),
    "Longitude": BaseType("number", low=-180, high=180,
                          expected="a number from -180 to 180, or null"),
    **{name: BaseType("string", choices=values) for name, values in CHOICES.items()},
}
# Every role in which an event names an actor; `--actor` matches any of them.
ACTOR_ROLES = ("victor", "loser", "actor", "target", "supported_by", "associated",
               "figures_source")


@dataclass_transform(kw_only_default=True, frozen_default=True)
class RecordType(type):
    """Turns a class's annotated fields into slots, a field tuple and defaults.

    A frozen dataclass would do the same, but four of them took 3 ms to define at every
    start (their methods are generated by exec); this takes a few microseconds.
    """

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]
                ) -> RecordType:
        annotations: dict[str, str] = namespace.get("__annotations__", {})
        fields = tuple(n for n, a in annotations.items() if not str(a).startswith("ClassVar"))
        namespace["_defaults"] = {n: namespace.pop(n) for n in fields if n in namespace}
        namespace["_types"] = {n: str(annotations[n]) for n in fields}
        namespace["_fields"] = fields
        namespace["_field_set"] = frozenset(fields)
        namespace["__slots__"] = fields
        return super().__new__(mcs, name, bases, namespace)


R = TypeVar("R", bound="Record")


class Record(metaclass=RecordType):
    """An immutable record: keyword arguments, missing and unknown fields are TypeErrors."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _field_set: ClassVar[frozenset[str]]
    _types: ClassVar[dict[str, str]]
    _defaults: ClassVar[dict[str, Any]]

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__}: unknown fields {sorted(unknown)}")
        for name in self._fields:
            if name in values:
                object.__setattr__(self, name, values[name])
            elif name in self._defaults:
                object.__setattr__(self, name, self._defaults[name])
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")

    def to_json(self) -> dict[str, Any]:
        """The record as the store's JSON has it: every field, tuples as lists."""
        return {name: list(value) if isinstance(value, tuple) else value
                for name in self._fields for value in [getattr(self, name)]}

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(
            getattr(self, n) == getattr(other, n) for n in self._fields)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self._fields))

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({fields})"

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The field names, in declaration (= contract) order."""
        return cls._fields

    @classmethod
    def field_types(cls) -> dict[str, str]:
        """Each field's declared type, as written: `ActorId | None`, `tuple[Text, ...]`."""
        return cls._types

    @classmethod
    def required(cls) -> tuple[str, ...]:
        return tuple(n for n in cls._fields if n not in cls._defaults)

    @classmethod
    def from_json(cls: type[R], record: dict[str, Any]) -> R:
        """A record from a checked JSON object: lists become tuples, absent fields defaults.

        The same rules as the constructor, without its keyword call: a large query builds a
        hundred thousand events this way.
        """
        if not record.keys() <= cls._field_set:
            raise TypeError(f"{cls.__name__}: unknown fields {sorted(record.keys() - cls._field_set)}")
        self = object.__new__(cls)
        defaults = cls._defaults
        for name in cls._fields:
            value = record[name] if name in record else defaults[name]  # KeyError: missing
            object.__setattr__(self, name, tuple(value) if type(value) is list else value)
        return self


class Source(Record):
    id: Id
    publisher: Text
    publisher_ar: Text | None = None
    dateline: Text
    published: Day
    language: Text
    title: Text | None = None
    file: Text | None = None  # the source text, relative to the store's folder
    sha256: Sha256
    url: Text | None = None
    format: SourceFormat | None = None  # None: a text
    licence: Text | None = None  # the terms the source is used under, with its attribution


class Place(Record):
    id: Id
    name_ar: Text
    name_en: Text
    aliases: tuple[Text, ...] = ()
    kind: PlaceKind
    province: ProvinceId | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en


class Actor(Record):
    id: Id
    name_ar: Text
    name_en: Text
    aliases: tuple[Text, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en


class Event(Record):
    id: Id
    date: DatePrefix
    precision: Precision
    # A span of days: it happened on one day from `date` to `end` (a dataset's "that week").
    end: Day | None = None
    date_basis: DateBasis | None = None
    type: EventType
    place: PlaceId
    place_precision: PlacePrecision | None = None  # None: at the place, as a text names it
    victor: ActorId | None = None
    loser: ActorId | None = None
    actor: ActorId | None = None
    target: ActorId | None = None
    supported_by: tuple[ActorId, ...] = ()
    # Actors a dataset names beside one side, fighting with it or saying who it is (ACLED's
    # associated actors): not backers. `coded_as` keeps the dataset's words, side included.
    associated: tuple[ActorId, ...] = ()
    killed: Count | None = None
    killed_low: Count | None = None  # a dataset's lowest and highest estimates
    killed_high: Count | None = None
    civilians_killed: Count | None = None
    figures_source: ActorId | None = None
    summary_ar: Text
    summary_en: Text
    source: SourceId
    quote: Text
    review: tuple[Text, ...] = ()  # what a human should check (set by `timeline extract`)
    # The same happening told by other sources (`timeline merge`): each one's verbatim quote.
    other_sources: tuple[SourceId, ...] = ()
    other_quotes: tuple[Text, ...] = ()
    # Figures another account gives and this event does not, one line per account
    # ("acled-1a2b3c4d5e6f: killed 12"): no account's count is dropped when accounts merge.
    other_figures: tuple[Text, ...] = ()
    # A dataset's own classification, kept beside the type it maps to (`timeline import`).
    coded_as: tuple[Text, ...] = ()

    def summary(self, lang: str) -> str:
        return self.summary_ar if lang == "ar" else self.summary_en

    @property
    def agent(self) -> str | None:
        """Who did it: the victor of a capture, the actor of anything else."""
        return self.victor or self.actor


def slug(text: str, limit: int | None = None) -> str:
    """An id from any text: its ASCII letters (accents dropped) and digits, lower case, with
    hyphens between; at most `limit` characters. Empty when the text has none."""
    import re
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:limit].strip("-")


def actor_ids(row: Any) -> list[str]:
    """Every actor an event (or a partly decoded row of one) names, in any role, in role order."""
    ids: list[str] = []
    for role in ACTOR_ROLES:
        value = getattr(row, role)
        if isinstance(value, (list, tuple)):
            ids.extend(value)
        elif value is not None:
            ids.append(value)
    return ids


EVENT_FIELDS = Event.fields()
