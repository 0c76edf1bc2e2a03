"""Data-driven rule cases: tests/cases/<CODE>-<name>/<case>.<ext> with <case>.out.

Each ``.out`` lists every diagnostic for its case as ``line:col: CODE message``
followed by the fix hint, so positions, codes and wording are all pinned.
A ``fail-*`` case must report its folder's code; a ``pass-*`` case must not.
An ``options.json`` in a folder sets check options for its cases.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from routec.check import check_bytes
from routec.rules import BY_CODE, Options

from .conftest import ROOT, compare_golden

CASES = ROOT / "tests" / "cases"
SUFFIXES = {".yaml", ".yml", ".json5", ".json"}


def case_files() -> list[Path]:
    return sorted(path for path in CASES.rglob("*") if path.suffix in SUFFIXES and path.name != "options.json")


def options_for(folder: Path) -> tuple[Options, str | None]:
    settings_file = folder / "options.json"
    settings = json.loads(settings_file.read_text()) if settings_file.exists() else {}
    options = Options(env_check=settings.get("env_check", False), environ=settings.get("environ", {}))
    return options, settings.get("dialect")


def render(path: Path) -> tuple[str, list[str]]:
    options, dialect = options_for(path.parent)
    report = check_bytes(path.read_bytes(), path.name, options, dialect)
    assert not report.internal_errors, report.internal_errors
    lines = []
    for diagnostic in report.diagnostics:
        start = diagnostic.start_position
        lines.append(f"{start.line}:{start.column}: {diagnostic.code} {diagnostic.message}")
        if diagnostic.fix is not None:
            lines.append(f"    fix ({diagnostic.fix.applicability}): {diagnostic.fix.message}")
    return "".join(line + "\n" for line in lines), [d.code for d in report.diagnostics]


@pytest.mark.parametrize("path", case_files(), ids=lambda path: str(path.relative_to(CASES)))
def test_case(path: Path) -> None:
    output, codes = render(path)
    compare_golden(path.with_name(path.name + ".out"), output)
    code = path.parent.name.split("-")[0]
    if code in BY_CODE:
        if path.name.startswith("fail"):
            assert code in codes, f"{path.name} should report {code}"
        elif path.name.startswith("pass"):
            assert code not in codes, f"{path.name} should not report {code}"


def test_every_rule_has_failing_and_passing_cases() -> None:
    for code in BY_CODE:
        folders = list(CASES.glob(f"{code}-*"))
        assert len(folders) == 1, f"expected one case folder for {code}, found {folders}"
        names = [path.name for path in case_files() if path.parent == folders[0]]
        assert any(name.startswith("fail") for name in names), f"{code} has no failing case"
        assert any(name.startswith("pass") for name in names), f"{code} has no passing case"
