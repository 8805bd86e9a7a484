"""One store from several: places, actors and happenings told by more than one source unified.

- Places are one place when they share an id, a name under the lookup normalizer, or the
  gazetteer's identity; actors when they share an id or a name. The first id in sorted order
  wins, and the other names become aliases.
- Events tell the same happening when they quote the same words of the same source (one quote
  inside the other), or when they share the place (by the gazetteer's identity), their kinds
  agree (`other`, what extraction writes when it cannot tell, agrees with any), their dates
  overlap, and they do not name different victors or acting sides (a victor on one side and
  none on the other is no contradiction; who lost the place may be named differently). They
  become one event: the most precise date, every role any of them names, and every other
  source's verbatim quote in `other_sources` / `other_quotes`.
- Two accounts of the same place and day with different victors contradict each other: both are
  kept, apart, and reported. Two accounts of one happening that give different figures (deaths)
  are one event with the first account's figures; the others' go to `other_figures`, and the
  disagreement is reported: no count is dropped.

The result does not depend on the order of the inputs, and merging a store with itself changes
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from syria_timeline.arabic import normalize
from syria_timeline.dates import period_bounds, span_overlaps
from syria_timeline.model import SCHEMA_VERSION

ROLES = ("victor", "loser", "actor", "target")
SIDES = ("victor", "actor")
LIST_ROLES = ("supported_by", "associated")  # roles that name several actors
FIGURES = ("killed", "killed_low", "killed_high", "civilians_killed", "figures_source")


class Input:
    """A parsed, checked store and the folder its source texts are relative to."""

    def __init__(self, path: Path, document: dict[str, Any]) -> None:
        self.path = path
        self.document = document


def load_inputs(names: Sequence[str]) -> list[Input]:
    """Each store named (the word `bundled` names the bundled one), parsed and fully checked
    before anything is merged."""
    from syria_timeline.store.loading import bundled_path, from_document, parse_json, read_store_bytes

    inputs = []
    for name in names:
        path = bundled_path() if name == "bundled" else Path(name)
        document = parse_json(path, read_store_bytes(path))
        from_document(path, document)
        inputs.append(Input(path, document))
    return inputs


def source_files(texts: dict[str, Path], folder: Path) -> dict[Path, bytes]:
    """The source texts to copy into the merged store's folder: new path -> bytes."""
    from syria_timeline.errors import TimelineError
    from syria_timeline.files import MAX_SOURCE_BYTES, FileProblem, read_limited

    files = {}
    for name, source in texts.items():
        try:
            files[folder / name] = read_limited(source, MAX_SOURCE_BYTES)
        except FileProblem as problem:
            raise TimelineError(f"the source text {source} cannot be copied: {problem}") from None
    return files


def merge(inputs: Sequence[Input]) -> tuple[dict[str, Any], list[str], dict[str, Path]]:
    """The merged document, the contradictions found, and the source texts to copy (new file
    name in the output's folder -> the input text's path)."""
    sources, texts, source_ids = _sources(inputs)
    place_ids, places = _unify([i.document["places"] for i in inputs], _place_keys)
    actor_ids, actors = _unify([i.document["actors"] for i in inputs], _actor_keys)
    events = [_renamed(e, n, place_ids, actor_ids, source_ids)
              for n, i in enumerate(inputs) for e in i.document["events"]]
    merged, conflicts = _happenings(events)
    document = {"schema": SCHEMA_VERSION, "sources": sources, "places": places, "actors": actors,
                "events": merged}
    return document, conflicts, texts


def _sources(inputs: Sequence[Input]
             ) -> tuple[list[dict[str, Any]], dict[str, Path], list[dict[str, str]]]:
    records: dict[str, dict[str, Any]] = {}
    texts: dict[str, Path] = {}
    renames: list[dict[str, str]] = []
    for item in sorted(inputs, key=lambda i: str(i.path)):
        rename: dict[str, str] = {}
        for source in item.document["sources"]:
            ident = source["id"]
            while ident in records and records[ident]["sha256"] != source["sha256"]:
                ident += "-2"
            rename[source["id"]] = ident
            if ident in records:
                continue
            record = {**source, "id": ident}
            if source.get("file"):
                name = f"sources/{Path(source['file']).name}"
                if name in texts:  # another text of the same name
                    name = f"sources/{ident}-{Path(source['file']).name}"
                texts[name] = item.path.parent / source["file"]
                record["file"] = name
            records[ident] = record
        renames.append(rename)
    order = sorted(range(len(inputs)), key=lambda n: str(inputs[n].path))
    by_input = [renames[order.index(n)] for n in range(len(inputs))]
    return sorted(records.values(), key=lambda s: s["id"]), texts, by_input


def _place_keys(place: dict[str, Any]) -> set[str]:
    """A place's keys: its id, its names within its tier (a governorate and the city it is
    named after share a name, never a key), its gazetteer identity."""
    from syria_timeline import gazetteer

    tier = place.get("kind") if place.get("kind") in ("province", "country") else "place"
    names = [place["name_ar"], place["name_en"], *place.get("aliases", [])]
    keys = {f"id:{place['id']}"} | {f"name:{tier}:{normalize(n)}" for n in names if normalize(n)}
    for name in (place["name_ar"], place["name_en"]):
        keys |= {f"gazetteer:{p.id}" for p in gazetteer.lookup(name)
                 if p.kind == place.get("kind")}
    return keys


def _actor_keys(record: dict[str, Any]) -> set[str]:
    names = [record["name_ar"], record["name_en"], *record.get("aliases", [])]
    return {f"id:{record['id']}"} | {f"name:{normalize(n)}" for n in names if normalize(n)}


def _unify(lists: Sequence[list[dict[str, Any]]], keys_of: Any
           ) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Records that share a key are one; the smallest id names it. Old id -> new id per input."""
    records = [(n, r) for n, records in enumerate(lists) for r in records]
    groups: list[tuple[set[str], list[tuple[int, dict[str, Any]]]]] = []
    # Sorted by id, then by content (never by input order): the result ignores input order.
    for item in sorted(records, key=lambda x: (x[1]["id"], _canonical(x[1]))):
        keys = keys_of(item[1])
        home = next((g for g in groups if keys & g[0]), None)
        if home is None:
            groups.append((set(keys), [item]))
        else:
            home[0].update(keys)
            home[1].append(item)
    ids: list[dict[str, str]] = [{} for _ in lists]
    merged = []
    for _, group in groups:
        first_input, first = group[0]
        # The first record's own aliases in their order, then the others' new names, sorted.
        own = list(first.get("aliases", []))
        seen = {first["name_ar"], first["name_en"], *own}
        more = {a for _, r in group for a in [r["name_ar"], r["name_en"], *r.get("aliases", [])]}
        merged.append((first_input, {**first, "aliases": own + sorted(more - seen)}))
        for n, record in group:
            ids[n][record["id"]] = first["id"]
    out = []
    for n, record in merged:
        if record.get("province"):  # a place's province, by its new id
            record["province"] = ids[n].get(record["province"], record["province"])
        out.append(record)
    return ids, sorted(out, key=lambda r: r["id"])


def _canonical(record: dict[str, Any]) -> str:
    import json

    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _renamed(event: dict[str, Any], n: int, places: list[dict[str, str]],
             actors: list[dict[str, str]], sources: list[dict[str, str]]) -> dict[str, Any]:
    renamed = {**event, "place": places[n][event["place"]],
               "source": sources[n][event["source"]],
               **{role: [actors[n][a] for a in event[role]] for role in LIST_ROLES
                  if event.get(role)},
               "other_sources": [sources[n][s] for s in event.get("other_sources", [])]}
    for role in (*ROLES, "figures_source"):
        if event.get(role):
            renamed[role] = actors[n][event[role]]
    return renamed


def _same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if _same_words(a, b):
        return True  # the same words of the same source: one happening, however read
    if a["place"] != b["place"] or not _dates_overlap(a, b):
        return False
    if a["source"] == b["source"] and (a["quote"] in b["quote"] or b["quote"] in a["quote"]):
        return True  # a clause of the sentence the other quotes, at the same place and time
    # Who took the place, and who acted, tell one happening from another; who lost it does
    # not: one text's "opposition factions" are another's Free Syrian Army.
    return _kinds_agree(a["type"], b["type"]) and \
        all(not a.get(r) or not b.get(r) or a[r] == b[r] for r in SIDES)


def _dates_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    first, last = (d.isoformat() for d in period_bounds(b["date"]))
    return span_overlaps(a["date"], a.get("end"), first, b.get("end") or last)


def _kinds_agree(a: str, b: str) -> bool:
    # `other` is what extraction writes when it cannot tell the kind: it agrees with any.
    return a == b or "other" in (a, b)


def _contradicts(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a["place"], a["date"], a["type"]) == (b["place"], b["date"], b["type"]) and \
        bool(a.get("victor")) and bool(b.get("victor")) and a["victor"] != b["victor"]


def _happenings(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    # The most precise account first, then a fixed order: the result ignores input order.
    ordered = sorted(events, key=lambda e: (-len(e["date"]), bool(e.get("end")), e["source"],
                                            e["id"], _canonical(e)))
    kept: list[dict[str, Any]] = []
    conflicts: list[str] = []
    for event in ordered:
        twin = next((k for k in kept if _same_happening(k, event)), None)
        if twin is None:
            clash = next((k for k in kept if _contradicts(k, event)), None)
            if clash is not None:
                conflicts.append(f"{clash['id']} and {event['id']}: {event['date']} at "
                                 f"{event['place']}, victor {clash['victor']} or "
                                 f"{event['victor']}: kept apart")
            kept.append(_fresh(event, kept))
            continue
        if twin.get("victor") and event.get("victor") and twin["victor"] != event["victor"]:
            conflicts.append(f"{twin['id']} and {event['id']}: the same words of "
                             f"{event['source']}, read with victor {twin['victor']} or "
                             f"{event['victor']}: kept as one event, victor {twin['victor']}")
        if _figures_differ(twin, event) and not _same_words(twin, event):
            conflicts.append(f"{twin['id']} and {event['id']}: {event['date']} at "
                             f"{event['place']}, {_figures(twin)} or {_figures(event)}: one "
                             "event, each account's figures kept")
        _absorb(twin, event)
    return sorted(kept, key=lambda e: (e["date"], e["id"])), conflicts


def _same_words(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["source"] == b["source"] and a["quote"] == b["quote"])


def _figures_differ(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both accounts give figures, and not the same ones (who counted aside)."""
    numbers = FIGURES[:-1]
    given = [tuple(e.get(name) for name in numbers) for e in (a, b)]
    return all(any(v is not None for v in g) for g in given) and given[0] != given[1]


def _figures(event: dict[str, Any]) -> str:
    return ", ".join(f"{name} {event[name]}" for name in FIGURES[:-1] if event.get(name) is not None)


def _fresh(event: dict[str, Any], kept: list[dict[str, Any]]) -> dict[str, Any]:
    ident = event["id"]
    while any(k["id"] == ident for k in kept):
        ident += "-2"
    return {**event, "id": ident, "other_sources": list(event.get("other_sources", [])),
            "other_quotes": list(event.get("other_quotes", []))}


def _absorb(base: dict[str, Any], other: dict[str, Any]) -> None:
    """Fill what the base lacks from another account of the same happening; keep its quote."""
    if base["type"] == "other":
        base["type"] = other["type"]
    for role in ROLES:
        if base.get(role) is None and other.get(role) is not None:
            base[role] = other[role]
    # Figures go together, from one account: 12 dead from one and 1,130 civilians from
    # another would be a contradiction no source made.
    if all(base.get(name) is None for name in FIGURES):
        base.update({name: other[name] for name in FIGURES if other.get(name) is not None})
    elif _figures_differ(base, other) and not _same_words(base, other):
        line = f"{other['source']}: {_figures(other)}"
        base["other_figures"] = sorted({*base.get("other_figures", []), line,
                                        *other.get("other_figures", [])})
    for role in LIST_ROLES:
        if base.get(role) or other.get(role):
            base[role] = list(dict.fromkeys([*base.get(role, []), *other.get(role, [])]))
    accounts = list(zip(base["other_sources"], base["other_quotes"], strict=True))
    for account in [(other["source"], other["quote"]),
                    *zip(other.get("other_sources", []), other.get("other_quotes", []),
                         strict=True)]:
        if account != (base["source"], base["quote"]) and account not in accounts:
            accounts.append(account)
    accounts.sort()
    base["other_sources"] = [s for s, _ in accounts]
    base["other_quotes"] = [q for _, q in accounts]
