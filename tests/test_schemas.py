"""The published JSON Schemas are current, valid draft 2020-12, and agree with routec on the examples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from routec.dialects import DIALECTS
from routec.dialects.jsonschema import render

from .conftest import EXAMPLE_CONFIGS, ROOT, compare_golden

SCHEMAS = ROOT / "schemas"


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_dialect_schema_is_current(name: str) -> None:
    compare_golden(SCHEMAS / f"{name}.schema.json", render(name))


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda path: path.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


@pytest.mark.parametrize("path", EXAMPLE_CONFIGS, ids=lambda path: path.name)
def test_examples_are_valid_against_their_schema(path: Path) -> None:
    from routec.check import check_bytes

    report = check_bytes(path.read_bytes(), str(path))
    assert report.config is not None
    schema = json.loads((SCHEMAS / f"{report.config.dialect}.schema.json").read_text())
    jsonschema.validate(report.document.root.to_python(), schema)  # type: ignore[union-attr]


def _walk(schema: object, path: str = "$") -> list[tuple[str, dict[str, object]]]:
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(schema, dict):
        found.append((path, schema))
        for key, value in schema.items():
            found += _walk(value, f"{path}.{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += _walk(value, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_every_property_and_enum_value_is_described(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    for path, node in _walk(schema):
        for key, property_schema in (node.get("properties") or {}).items():  # type: ignore[union-attr]
            assert property_schema.get("description"), f"{path}.properties.{key} has no description"
        for key in ("additionalProperties", "items"):
            if isinstance(node.get(key), dict):
                assert node[key].get("description"), f"{path}.{key} has no description"  # type: ignore[index]
        if "enum" in node:
            descriptions = node.get("enumDescriptions")
            assert isinstance(descriptions, list) and len(descriptions) == len(node["enum"]) and all(descriptions), path  # type: ignore[arg-type]


STRUCTURAL = {"RC003", "RC004", "RC005", "RC006"}
CASE_FILES = sorted(
    path
    for folder in ("tests/cases", "examples", "tests/fixes", "tests/golden")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".yaml", ".yml", ".json5", ".json") and path.name != "options.json"
)


def structural_errors(report: object) -> list[str]:
    """Errors about shape, which a JSON Schema can express (not tags, not the dialect comment)."""
    return [
        d.code
        for d in report.diagnostics  # type: ignore[attr-defined]
        if d.code in STRUCTURAL
        and d.severity.value == "error"
        and "YAML tag" not in d.message
        and "first-line comment" not in d.message
    ]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_schema_agrees_with_routec(path: Path) -> None:
    from routec.check import check_bytes

    report = check_bytes(path.read_bytes(), str(path))
    if report.config is None:
        return  # does not parse: neither a schema nor routec can judge its shape
    schema = json.loads((SCHEMAS / f"{report.config.dialect}.schema.json").read_text())
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report.document.root.to_python()), key=str)  # type: ignore[union-attr]
    routec_says = structural_errors(report)
    assert bool(errors) == bool(routec_says), (routec_says, [e.message for e in errors])
