"""Our JSON5 reader and the json5 package agree on every JSON5 file in the repository."""

from __future__ import annotations

from pathlib import Path

import json5
import pytest

from routec.syntax.json5 import read_json5
from routec.syntax.problems import ParseError

from ..conftest import ROOT

FILES = sorted(
    path
    for folder in ("examples", "tests/cases", "tests/golden")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".json5", ".json") and path.name != "options.json"
)


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_same_verdict_and_values_as_json5(path: Path) -> None:
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    try:
        expected = json5.loads(text)
    except (ValueError, RecursionError):  # json5 recurses, so deep nesting overflows it
        with pytest.raises(ParseError):
            read_json5(text)
        return
    root = read_json5(text).root
    assert root.to_python() == expected
