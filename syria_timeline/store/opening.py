"""Large stores: answered from their index, or checked and indexed in one pass.

An index is used only for the store it was built from, provably the file on disk now. Its
name and its meta rows hold the store's state (`files.state`: size, times, inode, device)
taken before the store was read. The state is taken again once the bytes are read (a store
that changed during the read is not checked half old, half new) and once the index is
written: an index whose store changed meanwhile is never published, the answer then comes
from the bytes read. An index that does not open, or whose meta names another store or
format, is built anew; one whose events are not where it says is removed (`IndexMismatch`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from syria_timeline.errors import StoreError
from syria_timeline.files import state
from syria_timeline.store import building, index, large
from syria_timeline.store.checks import Known, check, parse_int, summary_line
from syria_timeline.store.fastcheck import EventRules
from syria_timeline.store.loading import (
    SLOW_BYTES,
    Events,
    Store,
    _build,
    _check_utf8,
    _forget,
    _load_whole,
    _marker,
    _remember,
    cache_folder,
)
from syria_timeline.store.sources import SourceTexts, fingerprint


class _MayBreak(Exception):
    """An event may break a rule: the full check says which, or that none does."""


def load_large(path: Path, data: bytes, before: str, trust_marker: bool,
               notice: Callable[[str], None] | None,
               progress: building.Progress | None) -> Store:
    """A large store read lazily, checked and indexed in one pass.

    Its cache marker (that it passed before) is not taken on trust here: the pass decodes
    every event anyway, and checking them too costs less than a wrong answer from a forged
    marker. `trust_marker` is kept for the callers' sake."""
    with building.collector_paused():
        try:
            top = large.decode_top(data)
        except large.DecodeFailure:
            # msgspec's messages lack line and column, and it refuses some valid JSON (lone
            # surrogate escapes): the standard library says precisely what is wrong, or reads it.
            return _load_whole(path, data)
        except RecursionError:
            raise StoreError([f"{path}: JSON nested too deeply to be a store"]) from None
    if state(path) != before:
        raise StoreError([f"{path}: changed while it was being read; run the command again"])
    document = {"schema": top.schema, "sources": top.sources, "places": top.places,
                "actors": top.actors, "events": []}
    events = large.LazyEvents(top.events)
    marker = _marker(path, top.sources, before)
    texts = SourceTexts(path)
    if notice is not None and len(data) > SLOW_BYTES:
        notice(f"Note: {path} ({len(data) / 2**20:,.0f} MiB) is new or changed: checking it "
               "once and indexing it; later queries are answered from the index")
    rules = _check_all_but_events(path, data, document, texts, events.raws)
    try:
        indexed, warnings = _check_and_index(path, data, before, document, events, rules,
                                             progress)
    except _MayBreak:
        _check_utf8(path, data)
        _slow_check(path, document, events, texts, marker)
        indexed, warnings = _check_and_index(path, data, before, document, events, None,
                                             progress)
    _remember(marker)
    return _build(path, document, indexed, (*texts.warnings(), *warnings), trusted=False)


def _check_all_but_events(path: Path, data: bytes, document: dict[str, Any],
                          texts: SourceTexts, raws: Sequence[Any]) -> EventRules:
    """Raise StoreError with the problems of all but the events; else the events' rules.

    UTF-8 is checked here before and after the events only: msgspec refuses an event with a
    byte that is not UTF-8, and the full check then looks at every byte."""
    head = data.find(bytes(raws[0])) if raws else len(data)
    tail = data.rfind(bytes(raws[-1])) if raws else len(data)
    if head < 0 or tail < head:  # not found where they must be: every byte
        head = tail = len(data)
    _check_utf8(path, data, 0, head)
    _check_utf8(path, data, tail + (len(raws[-1]) if raws and tail < len(data) else 0))
    # Top skips keys it does not know; the full check must see them to report them.
    document.update((k, None) for k in _top_keys(data, head, tail, raws) if k not in document)
    problems = list(check(path, document, events=[], texts=texts))
    if problems:
        raise StoreError(problems)
    return EventRules(Known(document, texts))


def _top_keys(data: bytes, head: int, tail: int, raws: Sequence[Any]) -> list[str]:
    """The top level's keys, read from the document without its events where they are
    plainly one array's whole content (a second parse of them all costs a second)."""
    end = tail + len(raws[-1]) if raws else len(data)
    if raws and head < len(data) and data[:head].rstrip().endswith(b"[") \
            and data[end:].lstrip().startswith(b"]"):
        try:
            return large.top_level_keys(data[:head] + data[end:])
        except large.DecodeFailure:
            pass
    return large.top_level_keys(data)


def _slow_check(path: Path, document: dict[str, Any], events: large.LazyEvents,
                texts: SourceTexts, marker: Path | None) -> None:
    """Some event may break a rule: the full check finds it and says what is wrong."""

    problems = list(check(path, document, events=events.records(_fallback), texts=texts))
    if problems:
        _forget(marker)
        raise StoreError(problems)


def _fallback(raw: bytes) -> Any:
    """An event msgspec will not decode, decoded for the full check to word its problem."""
    try:
        return json.loads(raw.decode("utf-8"), parse_int=parse_int)
    except ValueError:
        return None


def _check_and_index(path: Path, data: bytes, before: str, document: dict[str, Any],
                     events: large.LazyEvents, rules: EventRules | None,
                     progress: building.Progress | None) -> tuple[Events, list[str]]:
    """Check the events with `rules` (None: checked already) while writing the index; the
    events to answer from (the new index when it could be kept), and warnings."""
    top = {k: document[k] for k in ("schema", "sources", "places", "actors")}
    decode = rules.decode if rules is not None else _light_decoder()
    passes = rules.all_pass if rules is not None else None
    key = index.index_key(path, before)
    where = index.index_path(path, cache_folder(), before)
    problem = "no cache folder (HOME and XDG_CACHE_HOME unset)" if where is None or key is None \
        else index.make_room(where)
    if where is None or key is None or problem is not None:
        _check_only(events, decode, passes, progress)
        return events, [_unindexed(where, problem)]
    meta = building.describe(top, fingerprint(path, top["sources"]), key, index.FORMAT)
    with building.temporary_beside(where) as (temporary, stop):
        try:
            complete = building.write(temporary, stop, meta, data, events.raws, decode, passes,
                                      progress)
        except index.IndexUnavailable as error:
            if rules is not None:  # the check may have stopped halfway: all of it again
                rules.again()
            _check_only(events, decode, passes, progress)
            return events, [_unindexed(where, str(error))]
        if not complete:
            raise _MayBreak
        if state(path) != before:
            return events, []  # changed meanwhile: the answer is the bytes read; no index
        try:
            os.replace(temporary, where)
        except OSError as error:
            return events, [_unindexed(where, (error.strerror or str(error)).lower())]
    index.forget_others(where)
    try:
        opened = index.Index(where, path, key, data)
        opened.progress = progress
        return index.IndexedEvents(opened), []
    except index.IndexUnavailable:
        return events, []


def _check_only(events: large.LazyEvents, decode: Any, passes: Any,
                progress: building.Progress | None) -> None:
    if passes is not None and not building.run_pass(events.raws, decode, passes, None,
                                                    iter(()), progress):
        raise _MayBreak


def _unindexed(where: Path | None, problem: str | None) -> str:
    if where is None:
        return f"{problem}: every query reads the whole store"
    return f"cannot keep an index in {where.parent} ({problem}): every query reads the whole store"


def _light_decoder() -> Callable[[Any], list[Any]]:
    """Events already checked: only the fields the index keeps are decoded."""
    import msgspec

    decode: Callable[[Any], Any] = msgspec.json.Decoder(large.row_type(index.NEEDED)).decode
    return lambda raws: [decode(raw) for raw in raws]


def validate_large(path: Path, data: bytes, progress: building.Progress | None
                   ) -> tuple[list[str], str] | None:
    """`validate` of a large store in about its own size of memory: problems or a summary;
    None when it is not JSON msgspec reads (the whole-document path says what is wrong)."""
    with building.collector_paused():
        try:
            top = large.decode_top(data)
        except (*large.DecodeFailure, RecursionError):
            return None
    document = {"schema": top.schema, "sources": top.sources, "places": top.places,
                "actors": top.actors, "events": []}
    events = large.LazyEvents(top.events)
    try:
        rules = _check_all_but_events(path, data, document, SourceTexts(path, strict=True),
                                      events.raws)
        passed = building.run_pass(events.raws, rules.decode, rules.all_pass, None, iter(()),
                                   progress)
        texts = rules.known.texts
    except StoreError:
        passed = False
    if not passed:  # every problem, worded by the full check, one event at a time
        _check_utf8(path, data)
        texts = SourceTexts(path, strict=True)
        problems = list(check(path, document, events=events.records(_fallback), texts=texts))
        if problems:
            return problems, ""
    problems = [f"{path}: {p}" for p in texts.hash_problems(document["sources"])]
    return problems, "" if problems else summary_line(path, {**document, "events": events.raws})


def validate_streamed(path: Path, progress: building.Progress | None
                      ) -> tuple[list[str], str] | None:
    """`validate` of a large store read a chunk at a time (`streaming`): a summary, or None
    when the file is not laid out as expected or any rule may be broken (the caller then
    reads it whole, and the full check says what is wrong)."""
    from syria_timeline.store import streaming

    try:
        with open(path, "rb") as file, building.collector_paused():
            size = os.fstat(file.fileno()).st_size
            chunks = streaming.EventChunks(file)
            top = chunks.top
            document = {"schema": top.schema, "sources": top.sources, "places": top.places,
                        "actors": top.actors, "events": []}
            texts = SourceTexts(path, strict=True)
            if list(check(path, document, events=[], texts=texts)):
                return None
            rules = EventRules(Known(document, texts))
            for raws in chunks:
                if progress is not None:
                    progress("reading", chunks.done - sum(map(len, raws)), size)
                if not building.run_pass(raws, rules.decode, rules.all_pass, None, iter(()),
                                         None):
                    return None
    except (OSError, streaming.Unstreamable):
        return None
    problems = [f"{path}: {p}" for p in texts.hash_problems(document["sources"])]
    counted = {**document, "events": range(chunks.count)}
    return problems, "" if problems else summary_line(path, counted)
