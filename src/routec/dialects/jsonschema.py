"""A dialect's schema as JSON Schema (draft 2020-12), for editors without our server.

The structural part only: types, required keys, allowed values, ranges and
name patterns. Cross-references (does this route exist?) need routec itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import Dialect
from .schema import Anything, Bool, Field, Int, ListOf, MapOf, Num, Obj, OneOf, Spec, Str

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def export(dialect: Dialect, schema_id: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"$schema": DRAFT}
    if schema_id:
        document["$id"] = schema_id
    document["title"] = dialect.summary
    document.update(_spec(dialect.schema))
    return document


def _spec(spec: Spec, doc: str = "") -> dict[str, Any]:
    schema = dict(spec.json_schema) if spec.json_schema is not None else _shape(spec)
    description = doc or spec.doc
    if description:
        schema = {"description": description, **schema}
    if spec.nullable and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    if isinstance(spec, Str) and spec.choice_docs:
        _describe_enum(schema, spec.choice_docs)
    return schema


def _describe_enum(schema: dict[str, Any], docs: Mapping[str, str]) -> None:
    """`enumDescriptions` (read by VS Code and yaml-language-server) beside each `enum`."""
    for part in [schema, *schema.get("anyOf", [])]:
        if "enum" in part:
            part["enumDescriptions"] = [docs.get(value, "") for value in part["enum"]]


def _shape(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, Anything):
        return {}
    if isinstance(spec, Str):
        schema: dict[str, Any] = {"type": "string"}
        if spec.choices:
            schema["enum"] = list(spec.choices)
        if spec.pattern:
            schema["pattern"] = f"^(?:{spec.pattern})$"
        return schema
    if isinstance(spec, (Int, Num)):
        schema = {"type": "integer" if isinstance(spec, Int) else "number"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
        return schema
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, ListOf):
        return {"type": "array", "items": _spec(spec.items)}
    if isinstance(spec, MapOf):
        schema = {"type": "object", "additionalProperties": _spec(spec.values)}
        if spec.key_pattern:
            schema["propertyNames"] = {"pattern": f"^(?:{spec.key_pattern})$"}
        return schema
    if isinstance(spec, Obj):
        return _object(spec)
    if isinstance(spec, OneOf):
        return {"anyOf": [_spec(option) for option in spec.options]}
    raise TypeError(f"no JSON Schema for {type(spec).__name__}")


def _object(spec: Obj) -> dict[str, Any]:
    properties = {name: _field(field) for name, field in spec.fields.items()}
    # Keys that belong elsewhere: rejected, with the advice as their description.
    properties.update({name: {"description": note, "not": {}} for name, note in spec.misplaced.items()})
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [name for name, field in spec.fields.items() if field.required]
    if required:
        schema["required"] = required
    if spec.unknown == "error":
        schema["additionalProperties"] = False
    return schema


def _field(field: Field) -> dict[str, Any]:
    return _spec(field.spec, field.doc)


def render(name: str) -> str:
    """The committed text of ``schemas/<name>.schema.json``."""
    import json

    from . import DIALECTS

    schema = export(DIALECTS[name], f"https://routec.dev/schemas/{name}.schema.json")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m routec.dialects.jsonschema routec > schemas/routec.schema.json
    import sys

    print(render(sys.argv[1]), end="")
