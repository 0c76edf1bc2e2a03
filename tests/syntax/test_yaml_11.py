"""routec's YAML 1.1 reading (LiteLLM, Plano) against PyYAML, which those gateways load configs with.

Each scalar is read as a list item by both: PyYAML's tag says what YAML 1.1 makes
of it, and its value must be the one routec gives; dates stay text in routec,
marked as Timestamp.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from routec.syntax import Mapping, Sequence, Source, parse
from routec.syntax.yaml import Timestamp, read_as_yaml_11

SCALARS = [
    line
    for line in (Path(__file__).parent / "yaml_11_scalars.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]

TAG = "tag:yaml.org,2002:"
REFUSED = object()  # PyYAML cannot load the scalar at all


def pyyaml_reading(text: str) -> object:
    document = f"- {text}\n"
    tag = yaml.compose(document, Loader=yaml.SafeLoader).value[0].tag
    if tag == TAG + "timestamp":
        return Timestamp(text)
    try:
        return yaml.safe_load(document)[0]
    except (ValueError, yaml.YAMLError):
        return REFUSED


def routec_reading(text: str) -> object:
    root = parse(Source("config.yaml", f"- {text}\n"), "yaml").root
    assert isinstance(root, Sequence)
    read_as_yaml_11(root)
    return root.items[0].value  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", SCALARS)
def test_plain_scalars_read_as_pyyaml_reads_them(text: str) -> None:
    expected, value = pyyaml_reading(text), routec_reading(text)
    if expected is REFUSED:
        assert value == text  # the gateway would fail to load it; routec keeps the text
        return
    assert type(value) is type(expected), (value, expected)
    if isinstance(expected, float) and math.isnan(expected):
        assert isinstance(value, float) and math.isnan(value)
    else:
        assert value == expected


def test_nodes_an_alias_shares_are_read_as_yaml_11_too() -> None:
    levels = "".join(f"l{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 12))  # 2**11 paths to l0
    document = parse(Source("config.yaml", "l0: &a0 {on: yes, off: 0o17}\n" + levels + "last: *a0\n"), "yaml")
    assert document.shares_nodes and isinstance(document.root, Mapping)
    read_as_yaml_11(document.root, document.shares_nodes)
    shared = document.root.get("last")
    assert isinstance(shared, Mapping) and shared is document.root.get("l0")
    assert shared.to_python() == {True: True, False: "0o17"}  # YAML 1.1: on/off are booleans, 0o17 is a string
