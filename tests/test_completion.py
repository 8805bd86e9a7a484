"""Shell completion through Typer's completion protocol, as bash calls it."""

from __future__ import annotations

from helpers import complete


def test_completion_of_places_actors_and_types() -> None:
    assert "Palmyra" in complete("timeline city Pal")
    assert "الرقة" in complete("timeline city الر")
    assert "Raqqa" in complete("timeline list --place Ra")
    assert complete("timeline list --actor sy") == ["syrian-army"]
    assert complete("timeline list --type air") == ["airstrikes"]
