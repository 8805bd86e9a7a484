"""Build hook: compile the gettext catalogs (`syria_timeline/locale/*/LC_MESSAGES/*.po`) to `.mo`.

The `.po` files are what the repository keeps and people edit; the `.mo` files are what Python's
`gettext` reads, made here for every wheel and editable install, so that a checkout never
carries a stale binary. The compiler is the GNU `.mo` format written out directly (a header,
two tables of offsets, the strings), enough for the catalog's msgid, msgid_plural, msgstr and
msgstr[n] entries; `msgfmt --check` gives the same bytes' meaning for this catalog.
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("syria_timeline") / "locale"


def parse_po(text: str) -> dict[str, str]:
    """The catalog's entries: msgid (NUL-joined with msgid_plural) -> msgstr (NUL-joined forms)."""
    entries: dict[str, str] = {}
    fields: dict[str, str] = {}
    key = ""

    def flush() -> None:
        if "msgid" in fields:
            msgid = fields["msgid"]
            if "msgid_plural" in fields:
                msgid += "\0" + fields["msgid_plural"]
                forms = sorted((k for k in fields if k.startswith("msgstr[")),
                               key=lambda k: int(k[7:-1]))
                entries[msgid] = "\0".join(fields[k] for k in forms)
            elif fields.get("msgstr") or not msgid:
                entries[msgid] = fields.get("msgstr", "")
        fields.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            fields[key] += ast.literal_eval(line)
            continue
        name, _, value = line.partition(" ")
        if name == "msgid":
            flush()
        key = name
        fields[key] = ast.literal_eval(value)
    flush()
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    """The GNU .mo file of the entries (little-endian, no hash table)."""
    ids = sorted(entries)
    keys = [i.encode("utf-8") for i in ids]
    values = [entries[i].encode("utf-8") for i in ids]
    header = 7 * 4
    start = header + 16 * len(ids)  # after the two tables
    table_ids, table_strs, data = [], [], b""
    for blob in keys:
        table_ids.append((len(blob), start + len(data)))
        data += blob + b"\0"
    for blob in values:
        table_strs.append((len(blob), start + len(data)))
        data += blob + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(ids), header, header + 8 * len(ids), 0, 0)
    out += b"".join(struct.pack("<2I", *pair) for pair in table_ids)
    out += b"".join(struct.pack("<2I", *pair) for pair in table_strs)
    return out + data


def compile_catalogs(root: Path) -> list[Path]:
    """Write a .mo beside every .po under the package's locale folder; the files written."""
    made = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
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
