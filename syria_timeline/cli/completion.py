"""Shell completion values: places, actors, event ids and types, from the store in use.

Imported with the CLI, so it imports nothing heavy itself: the store is read only when the
shell asks for a completion. A store that cannot be read completes nothing (a broken store
must not break the user's shell). A typed start matches any name or alias under the lookup
normalizer, so رق completes الرقة. Names of several words (دير الزور) complete as one
argument: bash inserts completions as they are, so for bash their spaces are escaped; zsh
and fish quote what they insert themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer  # Typer reads these functions' signatures: their types must exist at run time

from syria_timeline.errors import TimelineError
from syria_timeline.model import EVENT_TYPES

if TYPE_CHECKING:
    from syria_timeline.store.loading import Store


def _store(ctx: typer.Context) -> Store | None:
    from syria_timeline.store.loading import load

    data = ctx.find_root().params.get("data")
    try:
        return load(Path(data) if data else None)
    except TimelineError:
        return None


def _for_shell(values: Iterable[str]) -> list[str]:
    unique = list(dict.fromkeys(values))
    if os.environ.get("_TIMELINE_COMPLETE") == "complete_bash":
        return [v.replace("\\", "\\\\").replace(" ", "\\ ").replace("'", "\\'") for v in unique]
    return unique


def _named_like(records: Iterable[Any], incomplete: str) -> list[str]:
    """The names of the records whose name or alias starts like `incomplete`.

    In the script typed: Arabic names for Arabic, English for Latin, both for nothing yet,
    so that one match is inserted rather than listed beside its translation.
    """
    from syria_timeline.arabic import has_arabic, normalize

    typed, wanted = incomplete.casefold(), normalize(incomplete)
    arabic, latin = has_arabic(incomplete), bool(incomplete) and not has_arabic(incomplete)
    names: list[str] = []
    for record in records:
        spellings = [record.name_ar, record.name_en, record.id, *record.aliases]
        if any(s.casefold().startswith(typed) or normalize(s).startswith(wanted)
               for s in spellings):
            names += [record.name_ar] * (not latin) + [record.name_en] * (not arabic)
    return names


def place_names(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _for_shell(_named_like(store.places.values(), incomplete)) if store else []


def actor_names(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _for_shell(_named_like(store.actors.values(), incomplete)) if store else []


def event_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids that start like `incomplete`, then places (`show` takes a place too)."""
    store = _store(ctx)
    if store is None:
        return []
    ids = [row.id for row in store.events.rows(frozenset({"id"}))
           if row.id.startswith(incomplete)]
    return _for_shell([*ids, *_named_like(store.places.values(), incomplete)])


def event_types(incomplete: str) -> list[str]:
    return [t for t in EVENT_TYPES if t.startswith(incomplete)]


# Which values complete which parameter, by the parameter's name in the CLI.
BY_PARAMETER: dict[str, Callable[[typer.Context, str], list[str]]] = {
    "name": place_names, "place": place_names, "actor": actor_names, "victor": actor_names,
    "loser": actor_names, "what": event_ids, "type_": lambda ctx, incomplete: event_types(incomplete),
}


def unfiltered(values: Callable[[typer.Context, str], list[str]]) -> Callable[..., list[Any]]:
    """A click completion callback that keeps every value, not only those that start with
    what was typed (Typer's filter), so that رق can complete to الرقة."""
    from typer._click.shell_completion import CompletionItem

    def complete(ctx: typer.Context, param: Any, incomplete: str) -> list[Any]:
        return [CompletionItem(value) for value in values(ctx, incomplete)]

    return complete
