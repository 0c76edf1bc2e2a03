"""Fixes, data-driven: tests/fixes/<case>.<ext> is fixed by `routec check --fix` into
<case>.fixed.<ext> byte for byte (and by --unsafe-fixes into <case>.unsafe.<ext>), and
re-checking the fixed file reports none of the fixed codes again."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from routec.check import check_bytes
from routec.diagnostics import Applicability

from .conftest import ROOT, compare_golden

FIXES = ROOT / "tests" / "fixes"
INPUTS = sorted(path for path in FIXES.iterdir() if path.suffixes[-2:-1] not in ([".fixed"], [".unsafe"]))


def run_fix(path: Path, tmp_path: Path, *flags: str) -> tuple[bytes, subprocess.CompletedProcess[str]]:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    result = subprocess.run([sys.executable, "-m", "routec", "check", *flags, str(copy)], capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    return copy.read_bytes(), result


def expected_path(path: Path, kind: str) -> Path:
    return path.with_name(f"{path.stem}.{kind}{path.suffix}")


def fixable_codes(data: bytes, name: str, unsafe: bool) -> set[str]:
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    report = check_bytes(data, name)
    return {d.code for d in report.diagnostics if d.fix and d.fix.edits and d.fix.applicability in allowed}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", INPUTS, ids=lambda path: path.name)
def test_fix(path: Path, unsafe: bool, tmp_path: Path) -> None:
    flags = ("--fix", "--unsafe-fixes") if unsafe else ("--fix",)
    fixed, result = run_fix(path, tmp_path, *flags)
    golden = expected_path(path, "unsafe" if unsafe else "fixed")
    compare_golden(golden, fixed.decode("utf-8"))
    assert fixed == golden.read_bytes()  # byte for byte, BOM and line endings included
    before = fixable_codes(path.read_bytes(), path.name, unsafe)
    assert before, f"{path.name} has nothing to fix"
    after = {d.code for d in check_bytes(fixed, path.name).diagnostics}
    assert not (before & after - {"RC204"}), f"fixed codes came back: {before & after}"
    assert check_bytes(fixed, path.name).document.readable
    assert "Fixed" in result.stderr


def test_safe_fixes_leave_guesses_alone(tmp_path: Path) -> None:
    fixed, _ = run_fix(FIXES / "safe-and-unsafe.yaml", tmp_path, "--fix")
    text = fixed.decode()
    assert "anthropic:claude-haiku-4-5" in text  # safe: the only provider for claude-*
    assert "antropic:" in text and "route: fsat" in text and "rotue:" in text  # guesses need --unsafe-fixes


def test_diff_writes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "config.yaml"
    shutil.copyfile(FIXES / "bare-model-block.yaml", copy)
    before = copy.read_bytes()
    result = subprocess.run([sys.executable, "-m", "routec", "check", "--diff", str(copy)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "-    model: gemini-2.5-flash   # cheap first" in result.stdout
    assert "+    model: gemini:gemini-2.5-flash   # cheap first" in result.stdout
    assert copy.read_bytes() == before


def test_fix_refuses_standard_input() -> None:
    result = subprocess.run([sys.executable, "-m", "routec", "check", "--fix", "-"], input="routes: {}\n", capture_output=True, text=True)
    assert result.returncode == 2 and "--diff" in result.stderr


def test_every_safe_fix_in_the_rule_cases_is_covered_here() -> None:
    """Each rule that offers a safe fix somewhere in tests/cases has a fix case in tests/fixes."""
    safe_codes: set[str] = set()
    for case in (ROOT / "tests" / "cases").rglob("*"):
        if case.suffix in (".yaml", ".json5") and case.is_file():
            safe_codes |= fixable_codes(case.read_bytes(), case.name, unsafe=False)
    covered: set[str] = set()
    for path in INPUTS:
        covered |= fixable_codes(path.read_bytes(), path.name, unsafe=False)
    assert safe_codes <= covered, safe_codes - covered
