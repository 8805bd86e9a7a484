"""Shell completion values: place names, actor ids (loaded from the store in use)."""

from __future__ import annotations

import typer

from syria_timeline.arabic import normalize
from syria_timeline.store import Store


def _store(ctx: typer.Context) -> Store:
    from syria_timeline.store import load, store_path

    root = ctx.find_root()
    return load(store_path(root.params.get("data")))


def place_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Arabic and English names of the places whose name or alias starts like `incomplete`."""
    try:
        places = _store(ctx).places.values()
    except Exception:  # a broken store must not break the user's shell
        return []
    typed, wanted = incomplete.casefold(), normalize(incomplete)
    names: list[str] = []
    for place in places:
        spellings = [place.name_ar, place.name_en, *place.aliases]
        if any(s.casefold().startswith(typed) or normalize(s).startswith(wanted)
               for s in spellings):
            names += [place.name_ar, place.name_en]
    return list(dict.fromkeys(names))


def actor_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        actors = _store(ctx).actors.values()
    except Exception:
        return []
    return [a.id for a in actors if a.id.startswith(incomplete.lower())]
