"""The published JSON Schemas are current, valid draft 2020-12, and agree with routec on the examples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from routec.dialects import DIALECTS
from routec.dialects.jsonschema import render
from routec.syntax import load

from .conftest import ROOT, compare_golden

SCHEMAS = ROOT / "schemas"


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_dialect_schema_is_current(name: str) -> None:
    compare_golden(SCHEMAS / f"{name}.schema.json", render(name))


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda path: path.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


@pytest.mark.parametrize("path", sorted((ROOT / "examples").rglob("*.*")), ids=lambda path: path.name)
def test_examples_are_valid_against_their_schema(path: Path) -> None:
    name = "carapace" if "carapace" in path.parts else "routec"
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    document = load(str(path), path.read_bytes())
    assert document.root is not None
    jsonschema.validate(document.root.to_python(), schema)
