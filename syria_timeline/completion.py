"""Shell completion values: place names, actor ids and types, from the store in use.

Imported with the CLI, so it imports nothing heavy itself: the store is read only when the
shell asks for a completion. A store that cannot be read completes nothing (a broken store
must not break the user's shell).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer  # Typer reads these functions' signatures: their types must exist at run time

from syria_timeline.errors import TimelineError
from syria_timeline.model import EVENT_TYPES

if TYPE_CHECKING:
    from syria_timeline.store import Store


def _store(ctx: typer.Context) -> Store | None:
    from syria_timeline.store import load

    data = ctx.find_root().params.get("data")
    try:
        return load(Path(data) if data else None)
    except TimelineError:
        return None


def place_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Arabic and English names of the places whose name or alias starts like `incomplete`."""
    from syria_timeline.arabic import normalize

    store = _store(ctx)
    if store is None:
        return []
    typed, wanted = incomplete.casefold(), normalize(incomplete)
    names: list[str] = []
    for place in store.places.values():
        spellings = [place.name_ar, place.name_en, *place.aliases]
        if any(s.casefold().startswith(typed) or normalize(s).startswith(wanted)
               for s in spellings):
            names += [place.name_ar, place.name_en]
    return list(dict.fromkeys(names))


def actor_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    if store is None:
        return []
    return [a.id for a in store.actors.values() if a.id.startswith(incomplete.lower())]


def event_types(incomplete: str) -> list[str]:
    return [t for t in EVENT_TYPES if t.startswith(incomplete)]
