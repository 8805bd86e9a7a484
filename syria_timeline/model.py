"""The store's records, as typed, immutable values."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    publisher: str
    dateline: str
    published: str
    language: str
    sha256: str
    file: str | None = None
    title: str | None = None
    publisher_ar: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name_ar: str
    name_en: str
    kind: str
    aliases: tuple[str, ...] = ()
    province: str | None = None
    lat: float | None = None
    lon: float | None = None

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name_ar: str
    name_en: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str
    precision: str
    type: str
    place: str
    summary_ar: str
    summary_en: str
    source: str
    quote: str
    date_basis: str | None = None
    victor: str | None = None
    loser: str | None = None
    actor: str | None = None
    target: str | None = None
    supported_by: tuple[str, ...] = field(default=())
    killed: int | None = None
    civilians_killed: int | None = None
    figures_source: str | None = None

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
