"""The text index behind `--text` on a large store: each event's word forms in SQLite FTS5.

Made the first time a text search meets an index (a store never searched by text never pays
for it), in a file beside the index that holds the same key, from the forms the search itself
makes (the caller hands in its `forms_of`: one normalisation, the search's). An event matches
a typed word when its quote or summaries have one of the word's forms, or its place or one
of its actors is named by one: the forms go in FTS5, the names are the caller's lists. So
the index gives exactly the events the search would (tests/test_index.py holds the two to it).

FTS5's tokenizer is told nothing about Arabic: a form made only of Arabic letters, a-z and
0-9 is one token as it is, any other form is written as its UTF-8 in hex between two tatweels
(which the normalisation removes from every word, so no plain form looks like one).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from syria_timeline.store.building import BATCH, Progress, Stop, temporary_beside

FormsOf = Callable[[Iterable[str]], frozenset[str]]
TEXT = frozenset({"quote", "summary_ar", "summary_en"})
_PLAIN = re.compile("[a-z0-9\u0621-\u063a\u0641-\u064a]+")
_MEMO = 100_000  # texts whose tokens are remembered (quotes repeat) before starting afresh


def token(form: str) -> str:
    if _PLAIN.fullmatch(form):
        return form
    return f"\u0640{form.encode('utf-8', 'surrogatepass').hex()}\u0640"


def match(forms: Iterable[str]) -> str:
    """An FTS5 query for any one of `forms`."""
    return " OR ".join(f'"{token(form)}"' for form in sorted(forms))


def words_path(index: Path) -> Path:
    return index.with_name(index.name.removesuffix(".sqlite") + ".words.sqlite")


def build(target: Path, key: str, texts: Iterator[Sequence[Any]], forms_of: FormsOf,
          told: tuple[int, Progress | None] = (0, None)) -> None:
    """Write the words of every event (`texts`: batches of rows with `TEXT`) at `target`;
    `told`: how many events there are, and what is told how far it is ("words", done, total;
    the last time with done = total). Raises OSError or sqlite3.Error when it cannot be
    written."""
    with temporary_beside(target) as (temporary, stop):
        _write(temporary, stop, key, texts, forms_of, told)
        os.replace(temporary, target)


def _write(path: Path, stop: Stop, key: str, texts: Iterator[Sequence[Any]],
           forms_of: FormsOf, told: tuple[int, Progress | None]) -> None:
    total, progress = told
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.set_progress_handler(stop, 20_000)
        db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE VIRTUAL TABLE words USING fts5(forms, content='', detail=none,
                tokenize='unicode61 remove_diacritics 0');
        """)
        db.execute("BEGIN")
        memo: dict[str, str] = {}
        n = 0
        for batch in texts:
            if progress is not None:
                progress("words", n, total)
            rows = []
            for row in batch:
                rows.append((n, " ".join(_tokens(memo, text, forms_of)
                                         for text in (row.quote, row.summary_ar, row.summary_en))))
                n += 1
            if len(memo) > _MEMO:
                memo.clear()
            db.executemany("INSERT INTO words (rowid, forms) VALUES (?, ?)", rows)
        db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
        db.execute("COMMIT")
        if progress is not None:
            progress("words", n, n)
    except sqlite3.Error:
        if stop.asked:
            raise KeyboardInterrupt from None
        raise
    finally:
        db.close()


def _tokens(memo: dict[str, str], text: str, forms_of: FormsOf) -> str:
    found = memo.get(text)
    if found is None:
        found = memo[text] = " ".join(map(token, forms_of((text,))))
    return found


def batches(raws: Iterator[bytes], decode: Callable[[bytes], Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for raw in raws:
        batch.append(decode(raw))
        if len(batch) == BATCH:
            yield batch
            batch = []
    yield batch
