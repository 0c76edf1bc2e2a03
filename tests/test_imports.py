"""`routec check` loads only what checking needs: never the build or editor machinery."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

BUILD_AND_EDITOR_ONLY = ("jinja2", "pygls", "lsprotocol", "routec.emit", "routec.resolve", "routec.build")
# Costly for a cold start and not needed to check: the fixer and file writer (--fix only), dataclasses (with
# inspect), shutil (argparse's terminal width, with zlib, bz2 and lzma).
NOT_FOR_A_PLAIN_CHECK = ("routec.fix", "routec.write", "dataclasses", "inspect", "shutil")


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "routec", *args], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode in (0, 1), result.stderr
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_check_never_imports_build_or_editor_modules() -> None:
    for example in ("examples/routec/basic.yaml", "examples/routec/full.json5", "tests/cases/multi/several-mistakes.yaml"):
        modules = imported_modules("check", example)
        assert "routec.check" in modules  # the measurement works
        loaded = sorted(m for m in modules if m.split(".")[0] in BUILD_AND_EDITOR_ONLY or m in BUILD_AND_EDITOR_ONLY)
        assert loaded == [], loaded
        assert sorted(set(NOT_FOR_A_PLAIN_CHECK) & modules) == []


def test_build_does_load_the_emitters(tmp_path: object) -> None:
    modules = imported_modules("build", "examples/routec/basic.yaml", "--out", str(tmp_path), "--check")
    assert "jinja2" in modules and "routec.emit" in modules
