"""The source texts a store names: found inside the store's folder, read safely, once.

A store from someone else must not make the tool read other files: a source's `file` is a
path relative to the store, and it must stay inside the store's folder (no absolute paths,
no `..` or links that lead out). Otherwise "quote not found" would tell whether a string is
in any file the user can read.

A text that is named but missing is not fatal to a query: the quotes of that source go
unverified and the store carries a warning. `validate` counts it as a problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from syria_timeline.files import MAX_SOURCE_BYTES, FileProblem, line_column, read_limited, state


class SourceTexts:
    def __init__(self, store_path: Path, *, strict: bool = False) -> None:
        self.folder = store_path.parent
        self.strict = strict  # validate: a missing text is a problem, and hashes are kept
        self._texts: dict[str, str] = {}
        self._problems: dict[str, str] = {}
        self._digests: dict[str, str] = {}
        self._csv: set[str] = set()  # the sources that are CSV exports
        self._cells: dict[str, frozenset[str]] = {}
        self.missing: dict[str, Path] = {}

    def locate(self, name: str) -> Path:
        """The text's path, inside the store's folder; else FileProblem."""
        if "\x00" in name:
            raise FileProblem("a path with a NUL byte in it")
        relative = Path(name)
        if relative.is_absolute():
            raise FileProblem(f"{name!r} is an absolute path; give a path relative to the "
                              "store, inside its folder")
        path = self.folder / relative
        inside = self.folder.resolve()
        if not path.resolve().is_relative_to(inside):
            raise FileProblem(f"{name!r} leads outside the store's folder; source texts must "
                              "be inside it")
        return path

    def load(self, sources: list[Any]) -> None:
        for record in sources:
            if not isinstance(record, dict):
                continue
            ident, name = record.get("id"), record.get("file")
            if isinstance(ident, str) and isinstance(name, str) and name.strip():
                if record.get("format") == "csv":
                    self._csv.add(ident)
                self._load(ident, name)

    def note_missing(self, sources: Any) -> None:
        """Find the texts that are not there, without reading any (a store checked before)."""
        for record in sources if isinstance(sources, list) else []:
            ident, name = (record.get("id"), record.get("file")) if isinstance(record, dict) \
                else (None, None)
            if not (isinstance(ident, str) and isinstance(name, str)):
                continue
            try:
                path = self.locate(name)  # the same rule as when texts are read
            except FileProblem:
                continue
            if not path.exists():
                self.missing[ident] = self.folder.absolute() / name

    def _load(self, ident: str, name: str) -> None:
        try:
            path = self.locate(name)
            data = read_limited(path, MAX_SOURCE_BYTES)
        except FileProblem as problem:
            if str(problem) == "not found":
                self.missing[ident] = self.folder.absolute() / name
            else:
                self._problems[ident] = str(problem)
            return
        try:
            self._texts[ident] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = line_column(data, error.start)
            self._problems[ident] = (f"{path}: line {line}, column {column}: byte "
                                     f"0x{data[error.start]:02x} is not UTF-8")
            return
        if self.strict:
            import hashlib

            self._digests[ident] = hashlib.sha256(data).hexdigest()

    def problem(self, ident: Any) -> str | None:
        """Why the text of source `ident` could not be used, or None."""
        if not isinstance(ident, str):
            return None
        if ident in self.missing and self.strict:
            return f"not found: {self.missing[ident]}"
        return self._problems.get(ident)

    def has(self, ident: str, quote: str) -> bool:
        """Whether `quote` is in the text of `ident`; True when there is no text to look in."""
        text = self._texts.get(ident)
        if text is None:
            return True
        if ident in self._csv:
            return quote in self._cells_of(ident, text)
        return quote in text

    def _cells_of(self, ident: str, text: str) -> frozenset[str]:
        """A CSV export's cell values: a quote is one of them, whole (the file doubles its
        quotation marks, so a search of the raw text would miss some)."""
        cells = self._cells.get(ident)
        if cells is None:
            import csv
            import io

            try:
                cells = frozenset(cell for row in csv.reader(io.StringIO(text, newline=""))
                                  for cell in row)
            except csv.Error:
                cells = frozenset()
            self._cells[ident] = cells
        return cells

    def warnings(self) -> list[str]:
        return [f"source text not found: {path}; the quotes of source {ident} are not verified"
                for ident, path in self.missing.items()]

    def hash_problems(self, sources: list[dict[str, Any]]) -> Iterator[str]:
        for source in sources:
            digest = self._digests.get(source["id"])
            if digest is not None and digest != source["sha256"].lower():
                yield (f"source {source['id']}: field 'sha256': the file {source['file']} has "
                       f"SHA-256 {digest}; the text changed or the hash is wrong")


def fingerprint(store_path: Path, sources: Any) -> str:
    """What identifies the source texts' state: the path and `files.state` of each."""
    parts = []
    for record in sources if isinstance(sources, list) else []:
        name = record.get("file") if isinstance(record, dict) else None
        if isinstance(name, str) and "\x00" not in name:
            parts.append(f"{name}:{state(store_path.parent / name)}")
    return "|".join(parts)
