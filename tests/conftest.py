from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG_SUFFIXES = (".yaml", ".yml", ".json5", ".json")
# The shipped example configs (`*.cases.yaml` beside them are `routec test` cases, not configs).
EXAMPLE_CONFIGS = sorted(
    path
    for path in (ROOT / "examples").rglob("*")
    if path.suffix in CONFIG_SUFFIXES and not path.name.endswith((".cases.yaml", ".cases.json5"))
)

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
    with open(path, encoding="utf-8", newline="") as file:  # keep CRLF as written
        expected = file.read()
    assert actual == expected, f"output differs from {path.relative_to(ROOT)}"


NODE_TOOLS = ROOT / "tests" / "node"


@pytest.fixture(scope="session")
def node_bin() -> Path:
    """tsc and pyright from the npm registry, pinned by tests/node/package-lock.json."""
    import shutil
    import subprocess

    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to install tsc and pyright for the stub type-checking tests")
    bin_dir = NODE_TOOLS / "node_modules" / ".bin"
    lock = NODE_TOOLS / "package-lock.json"
    marker = NODE_TOOLS / "node_modules" / ".package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_TOOLS, check=True)
    return bin_dir
