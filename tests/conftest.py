from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Set ROUTEC_UPDATE_GOLDEN=1 to rewrite expected outputs from the current behaviour
# (then review the diff before committing).
UPDATE_GOLDEN = os.environ.get("ROUTEC_UPDATE_GOLDEN") == "1"


def compare_golden(path: Path, actual: str) -> None:
    """Assert ``actual`` equals the golden file, or rewrite it when updating."""
    if UPDATE_GOLDEN:
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path.relative_to(ROOT)}; run with ROUTEC_UPDATE_GOLDEN=1 and review it")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path.relative_to(ROOT)}"
