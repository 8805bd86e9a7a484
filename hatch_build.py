"""Build hook: compile the gettext catalogs (`syria_timeline/locale/*/LC_MESSAGES/*.po`) to `.mo`.

The `.po` files are what the repository keeps and people edit; the `.mo` files are what Python's
`gettext` reads, made here by Babel (a build requirement, never a run-time one) for every wheel
and editable install, so that a checkout never carries a stale binary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("syria_timeline") / "locale"


def compile_catalogs(root: Path) -> list[Path]:
    """Write a .mo beside every .po under the package's locale folder; the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    made = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog)
        made.append(mo)
    return made


class CatalogHook(BuildHookInterface):  # type: ignore[misc]
    """Compiles the catalogs before hatch collects the package's files."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_catalogs(root):
            # Ignored by git, so hatch would leave it out: include it by name.
            relative = mo.relative_to(root).as_posix()
            build_data.setdefault("force_include", {})[str(mo)] = relative
