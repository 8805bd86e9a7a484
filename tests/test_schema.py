"""The JSON Schema: generated from the record declarations, shipped, and as strict as validate."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from helpers import ROOT, bundled, event, invoke

from syria_timeline.model import Actor, Event, Place, Source
from syria_timeline.store.schema import field_schema, schema_text

SCHEMA = json.loads(invoke("schema").stdout)


def test_schema_is_valid_and_the_bundled_store_follows_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(bundled())


@pytest.mark.parametrize("edit", [
    lambda d: event(d, "2016-10-dabiq").update(date="2016-10-05"),
    lambda d: event(d, "2016-10-dabiq").update(type="battle"),
    lambda d: event(d, "2016-10-dabiq").update(killed=-1),
    lambda d: event(d, "2016-10-dabiq").pop("quote"),
    lambda d: d["places"][0].update(kind="planet"),
    lambda d: d.update(schema=4),
])
def test_schema_rejects_what_validate_rejects(make_store: Any, edit: Any) -> None:
    path = make_store(edit)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    assert invoke("validate", str(path)).exit_code == 1


def test_the_shipped_schema_file_is_the_generated_one() -> None:
    shipped = (ROOT / "syria_timeline" / "store" / "schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text() == invoke("schema").stdout


@pytest.mark.parametrize(("kind", "cls"), [("source", Source), ("place", Place),
                                           ("actor", Actor), ("event", Event)])
def test_schema_and_declarations_agree_field_by_field(kind: str, cls: Any) -> None:
    record = SCHEMA["$defs"][kind]
    assert list(record["properties"]) == list(cls.fields())
    assert record["required"] == list(cls.required())
    for name, declared in cls.field_types().items():
        expected = field_schema(declared)
        assert {k: v for k, v in record["properties"][name].items() if k != "description"} \
            == expected, name


def test_the_bundled_store_lists_fields_in_declaration_order() -> None:
    document = bundled()
    for kind, cls in (("sources", Source), ("places", Place), ("actors", Actor),
                      ("events", Event)):
        for record in document[kind]:
            assert [f for f in cls.fields() if f in record] == list(record), record["id"]
