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
from routec.fix import fix_bytes

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


def test_fix_reports_and_keeps_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    """--fix checks the bytes as `check` does, and never writes back text decoded with U+FFFD."""
    case = ROOT / "tests" / "cases" / "RC001-syntax-error" / "fail-invalid-utf8.yaml"
    fixed, result = run_fix(case, tmp_path, "--fix", "--unsafe-fixes")
    assert result.returncode == 1
    assert "error[RC001]: invalid UTF-8" in result.stdout and "RC204" not in result.stdout
    assert fixed == case.read_bytes()


@pytest.mark.parametrize("name", ["fail-utf16.yaml", "over-the-size-limit.yaml"])
def test_fix_leaves_a_file_it_cannot_decode_alone(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A UTF-16 file, or one over the size limit (lowered here to keep the test small), is not fixed."""
    import routec.syntax

    if name == "fail-utf16.yaml":
        data = (ROOT / "tests" / "cases" / "RC001-syntax-error" / name).read_bytes()
    else:
        data = b"routes:\n  fast: {model: gemini-2.5-flash}\n" + b"# padding\n" * 20  # RC201 would be fixed
        monkeypatch.setattr(routec.syntax, "MAX_FILE_BYTES", 64)
    result = fix_bytes(data, name, unsafe=True)
    assert (result.fixed, result.applied) == (data, 0)
    assert [d.code for d in result.report.diagnostics] == ["RC001"]


RENAME_ONTO_EXISTING_KEY = {
    "native.yaml": (
        (
            "routes:\n"
            "  fast:\n"
            "    model: gemini:gemini-2.5-flash\n"
            "    modle: gemini:gemini-2.0-flash\n"
            "providers:\n"
            '  gemini: {apiKey: "${GOOGLE_API_KEY}"}\n'
        ),
        "model",
    ),
    "native.json5": (
        (
            "{\n"
            '  routes: { fast: { "model": "gemini:gemini-2.5-flash", "modle": "gemini:gemini-2.0-flash" } },\n'
            '  providers: { gemini: { apiKey: "${GOOGLE_API_KEY}" } },\n'
            "}\n"
        ),
        "model",
    ),
    "litellm.yaml": (
        (
            "model_list:\n"
            "  - model_name: gpt-4o\n"
            "    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}\n"
            "router_settings:\n"
            "  num_retries: 2\n"
            "router_setings:\n"
            "  timeout: 30\n"
        ),
        "router_settings",
    ),
}


@pytest.mark.parametrize("name", RENAME_ONTO_EXISTING_KEY)
def test_a_rename_onto_a_key_already_there_is_only_advice(name: str) -> None:
    text, target = RENAME_ONTO_EXISTING_KEY[name]
    result = fix_bytes(text.encode(), name, unsafe=True)
    assert result.fixed == text.encode()  # renaming would write the key twice
    [diagnostic] = [d for d in result.report.diagnostics if d.code == "RC003"]
    assert f"did you mean '{target}'?" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.DISPLAY
    assert f"rename to '{target}' after removing the '{target}' already set here" in diagnostic.fix.message


TWO_RENAMES_TO_ONE_NAME = {
    "native.yaml": (
        "routes:\n"
        "  fast:\n"
        "    modle: gemini:gemini-2.5-flash\n"
        "    mdoel: gemini:gemini-2.0-flash\n"
        "providers:\n"
        '  gemini: {apiKey: "${GOOGLE_API_KEY}"}\n'
    ),
    "native.json5": (
        '{ routes: { fast: { modle: "gemini:gemini-2.5-flash", mdoel: "gemini:gemini-2.0-flash" } },\n'
        '  providers: { gemini: { apiKey: "${GOOGLE_API_KEY}" } } }\n'
    ),
}


@pytest.mark.parametrize("name", TWO_RENAMES_TO_ONE_NAME)
def test_two_renames_to_one_name_apply_one(name: str) -> None:
    """Both keys suggest `model`; renaming both in one pass would duplicate it, so only the first goes in."""
    text = TWO_RENAMES_TO_ONE_NAME[name]
    result = fix_bytes(text.encode(), name, unsafe=True)
    assert result.fixed.decode() == text.replace("modle", "model", 1)
    assert [d.code for d in result.report.diagnostics] == ["RC003"]  # `mdoel` stays, with advice
