"""The store's JSON Schema (draft 2020-12), generated from the record declarations.

`timeline schema` prints it; `syria_timeline/store/schema.json` is the same document shipped as
a file for editors (`python -m syria_timeline.store.schema > syria_timeline/store/schema.json`; a test
keeps the two equal). The schema says what a JSON Schema can say; `timeline validate`
checks more (references, unique ids, real dates, verbatim quotes).
"""

from __future__ import annotations

import json
from typing import Any

from syria_timeline.model import BASE_TYPES, Actor, BaseType, Event, Place, Record, Source
from syria_timeline.store.checks import SCHEMA, SCHEMAS, TOP_LEVEL


def _type_schema(declared: BaseType) -> dict[str, Any]:
    if declared.choices:
        return {"enum": list(declared.choices)}
    schema: dict[str, Any] = {"type": declared.json}
    if declared.pattern:
        schema["pattern"] = declared.pattern
    if declared.low is not None:
        schema["minimum"] = declared.low
    if declared.high is not None:
        schema["maximum"] = declared.high
    return schema


_TYPES = {name: _type_schema(declared) for name, declared in BASE_TYPES.items()}
_DESCRIPTIONS = {
    ("source", "file"): "the source text, relative to the store and inside its folder; "
                        "when given, every quote must be found in it",
    ("place", "province"): "id of the place of kind province it lies in",
    ("event", "date"): "ISO 8601 cut to the precision the text gives",
}
_RECORDS: dict[str, type[Record]] = {"source": Source, "place": Place, "actor": Actor,
                                     "event": Event}


def store_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"syria-timeline event store, schema {SCHEMA}",
        "description": "An event store of syria-timeline. Its full check covers this schema "
                       "and more: that references resolve, ids are unique, "
                       "dates are real calendar dates, quotes are found in the source text.",
        "type": "object",
        "required": list(TOP_LEVEL),
        "additionalProperties": False,
        "patternProperties": {"^\\$": {}},
        "properties": {"schema": {"enum": list(SCHEMAS)}, **{
            f"{kind}s": {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}}
            for kind in _RECORDS}},
        "$defs": {kind: _record_schema(kind, cls) for kind, cls in _RECORDS.items()},
    }


def _date_fits_precision() -> list[dict[str, Any]]:
    shapes = {"day": "^\\d{4}-\\d{2}-\\d{2}$", "month": "^\\d{4}-\\d{2}$", "year": "^\\d{4}$"}
    return [{"if": {"properties": {"precision": {"const": precision}}},
             "then": {"properties": {"date": {"pattern": pattern}}}}
            for precision, pattern in shapes.items()]


def _record_schema(kind: str, cls: type[Record]) -> dict[str, Any]:
    properties = {}
    for name, declared in cls.field_types().items():
        properties[name] = field_schema(declared)
        if (kind, name) in _DESCRIPTIONS:
            properties[name]["description"] = _DESCRIPTIONS[kind, name]
    schema = {"type": "object", "additionalProperties": False, "required": list(cls.required()),
              "properties": properties}
    if cls is Event:
        schema["allOf"] = _date_fits_precision()
    return schema


def field_schema(declared: str) -> dict[str, Any]:
    """The schema of a field declared as `X`, `X | None` or `tuple[X, ...]`."""
    if declared.startswith("tuple["):
        return {"type": "array", "items": dict(_TYPES[declared[len("tuple["):-len(", ...]")]])}
    base, _, optional = declared.partition(" | ")
    if optional:
        return {"oneOf": [dict(_TYPES[base]), {"type": "null"}]}
    return dict(_TYPES[base])


def schema_text() -> str:
    return json.dumps(store_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
