"""A dataset's actor names matched to the actor lexicon.

An actor matches when one of its names, or a part of it (`SDF: Syrian Democratic Forces`), is a
name or alias of a known actor; otherwise it keeps the dataset's name. Ids stay stable: the
same file gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from syria_timeline.importers.places import latin_key
from syria_timeline.lexicon import ACTOR_SPELLINGS, DATASET_ACTORS
from syria_timeline.model import Actor, slug


class Actors:
    """Actors met in a dataset: known ones by their store ids, others under their own names."""

    def __init__(self, known: Iterable[Actor]) -> None:
        self.known = {a.id: a for a in (*known, *DATASET_ACTORS)}
        self.records: dict[str, Actor] = {}
        self._by_name = {latin_key(name): ident for name, ident in ACTOR_SPELLINGS.items()}
        for actor in self.known.values():
            for name in (actor.name_en, actor.id, *actor.aliases):
                key = latin_key(name)
                if key and key.isascii():
                    self._by_name.setdefault(key, actor.id)
        self._met: dict[str, str] = {}

    def actor(self, name: str) -> str | None:
        """The id of the actor a dataset names; None for an empty cell."""
        name = name.strip()
        if not name:
            return None
        ident = self._met.get(name)
        if ident is None:
            ident = self._known_id(name) or self._new(name)
            self._met[name] = ident
        if ident in self.known:
            self.records.setdefault(ident, self.known[ident])
        return ident

    def _known_id(self, name: str) -> str | None:
        for part in (name, *name.split(":")):
            found = self._by_name.get(latin_key(part))
            if found in self.known:
                return found
        return None

    def _new(self, name: str) -> str:
        base = slug(name, 60) or "actor"
        ident, n = base, 1
        while ident in self.records or ident in self.known:
            n += 1
            ident = f"{base}-{n}"
        self.records[ident] = Actor(id=ident, name_ar=name, name_en=name)
        return ident
