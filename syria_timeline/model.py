"""The store's records, as typed, immutable values."""

from __future__ import annotations

from typing import Any, ClassVar

EVENT_TYPES = {
    "capture": "a place changes hands: someone takes it, someone loses it, or both",
    "declaration": "an announcement that is itself the event (the caliphate)",
    "airstrikes": "an air campaign begins",
    "offensive": "a ground offensive or a phase of one begins",
    "outbreak": "a war or conflict begins",
}
PLACE_KINDS = ("country", "province", "city", "town", "village", "camp", "region")
DATE_BASES = {
    "text": "the quote itself gives the year",
    "context": "the year comes from the paragraphs before the quote",
    "publication": "the year is the article's own (its dateline), as its source says",
}


class Record:
    """An immutable record with named fields: a dataclass without the import-time cost.

    Four frozen dataclasses took 3 ms to define at every start (their methods are generated
    by exec); these classes take a few microseconds. Missing required fields and unknown
    fields are TypeErrors, as with a dataclass.
    """

    __slots__: tuple[str, ...] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__}: unknown fields {sorted(unknown)}")
        for name in self.__slots__:
            if name in values:
                object.__setattr__(self, name, values[name])
            elif name in self._defaults:
                object.__setattr__(self, name, self._defaults[name])
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(
            getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__slots__))

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Source(Record):
    __slots__ = (
        "dateline",
        "file",
        "id",
        "language",
        "published",
        "publisher",
        "publisher_ar",
        "sha256",
        "title",
    )
    _defaults: ClassVar[dict[str, Any]] = {"file": None, "title": None, "publisher_ar": None}
    id: str
    publisher: str
    dateline: str
    published: str
    language: str
    sha256: str
    file: str | None
    title: str | None
    publisher_ar: str | None


class Place(Record):
    __slots__ = ("aliases", "id", "kind", "lat", "lon", "name_ar", "name_en", "province")
    _defaults: ClassVar[dict[str, Any]] = {
        "aliases": (), "province": None, "lat": None, "lon": None}
    id: str
    name_ar: str
    name_en: str
    kind: str
    aliases: tuple[str, ...]
    province: str | None
    lat: float | None
    lon: float | None

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en


class Actor(Record):
    __slots__ = ("aliases", "id", "name_ar", "name_en")
    _defaults: ClassVar[dict[str, Any]] = {"aliases": ()}
    id: str
    name_ar: str
    name_en: str
    aliases: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en


class Event(Record):
    __slots__ = (
        "actor",
        "civilians_killed",
        "date",
        "date_basis",
        "figures_source",
        "id",
        "killed",
        "loser",
        "place",
        "precision",
        "quote",
        "source",
        "summary_ar",
        "summary_en",
        "supported_by",
        "target",
        "type",
        "victor",
    )
    _defaults: ClassVar[dict[str, Any]] = {
        "date_basis": None, "victor": None, "loser": None, "actor": None, "target": None,
        "supported_by": (), "killed": None, "civilians_killed": None, "figures_source": None}
    id: str
    date: str
    precision: str
    type: str
    place: str
    summary_ar: str
    summary_en: str
    source: str
    quote: str
    date_basis: str | None
    victor: str | None
    loser: str | None
    actor: str | None
    target: str | None
    supported_by: tuple[str, ...]
    killed: int | None
    civilians_killed: int | None
    figures_source: str | None

    def summary(self, lang: str) -> str:
        return self.summary_ar if lang == "ar" else self.summary_en

    @property
    def agent(self) -> str | None:
        """Who did it: the victor of a capture, the actor of anything else."""
        return self.victor or self.actor

    def actor_ids(self) -> list[str]:
        """Every actor the event names, in any role."""
        ids = [self.victor, self.loser, self.actor, self.target, *self.supported_by,
               self.figures_source]
        return [i for i in ids if i is not None]


# Field order of the JSON contract; the reference fields are expanded on output.
EVENT_FIELDS = (
    "id", "date", "precision", "date_basis", "type", "place", "victor", "loser", "actor",
    "target", "supported_by", "killed", "civilians_killed", "figures_source",
    "summary_ar", "summary_en", "source", "quote",
)
ACTOR_REFERENCES = ("victor", "loser", "actor", "target", "figures_source")
