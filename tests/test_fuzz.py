"""Fuzzing: a short atheris run over every seed, the regression cases, and the fixer's properties under hypothesis.

fuzz/harness.py states the properties; the hour-long run is in the README (Tests).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import harness
from routec.check import check_bytes

from .conftest import ROOT

FUZZ_RUNS = 1000  # the seed corpus (about 370 inputs), then mutations of it: about 40 s here


def test_short_fuzz_run(tmp_path: Path) -> None:
    target = [sys.executable, str(ROOT / "fuzz" / "fuzz_routec.py")]
    corpus = tmp_path / "corpus"
    made = subprocess.run([*target, "--make-corpus", str(corpus)], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    seed_count = len(harness.load_seeds())
    assert len(list(corpus.iterdir())) == seed_count > 300
    flags = [f"-runs={FUZZ_RUNS}", "-seed=1", "-len_control=0", "-max_len=1024", f"-artifact_prefix={tmp_path}/"]
    result = subprocess.run([*target, *flags, str(corpus)], capture_output=True, text=True, timeout=600)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    assert f"Done {FUZZ_RUNS} runs" in log, log[-4000:]
    assert re.search(rf"INFO: +{seed_count} files found", log), log[-4000:]  # every seed, replayed
    assert not list(tmp_path.glob("crash-*"))


@pytest.mark.parametrize("path", harness.regression_files(), ids=lambda path: path.stem)
def test_regression_case(path: Path) -> None:
    case = harness.Case.from_json(path.read_text(encoding="utf-8"))
    assert case.about, "say what the case once broke"
    harness.exercise(case)


def test_regression_cases_exist() -> None:
    assert harness.regression_files()


def test_case_files_round_trip() -> None:
    for path in harness.regression_files():
        case = harness.Case.from_json(path.read_text(encoding="utf-8"))
        assert harness.Case.from_json(case.to_json()) == case


class Draw:
    """A harness Chooser backed by hypothesis, so failures shrink."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def number(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def flag(self) -> bool:
        return self.data.draw(st.booleans())

    def raw(self, most: int) -> bytes:
        return self.data.draw(st.binary(max_size=most))

    def string(self, most: int) -> str:
        return self.data.draw(st.text(max_size=most))


_FIXABLE: list[harness.Seeds] = []


def fixable_seeds() -> harness.Seeds:
    """The seeds with a fix to apply: what the fixer properties start from."""
    if not _FIXABLE:
        cases = [
            case
            for case in harness.load_seeds()
            if harness.fixable(check_bytes(case.data, case.name), unsafe=True)
        ]
        _FIXABLE.append(harness.Seeds(cases))
    return _FIXABLE[0]


def test_fixable_seeds_cover_the_fix_tests() -> None:
    names = {case.name for case in fixable_seeds().cases}
    assert {"bare-model.json5", "bare-env-reference.yaml"} <= names
    assert len(names) > 20


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_fixes_keep_the_file_readable_and_do_not_come_back(data: st.DataObject) -> None:
    """A fix alone or all of them together: the file still parses, and no fix yields its own code again."""
    case = harness.plan(Draw(data), fixable_seeds())
    report = check_bytes(case.data, case.name, dialect=case.dialect)
    harness.assert_sound(report, case)
    if harness.is_text(report):
        harness.check_fixer(case, report)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_cli_prints_a_lone_surrogate_escape_as_written(output_format: str, tmp_path: Path) -> None:
    """fuzz/regressions/json5-lone-surrogate-escape.json, through the command: it once exited 2 ('a bug in routec')."""
    path = tmp_path / "config.json5"
    path.write_text('{"routes": {"\\ud800": {"model": 1}}}\n', encoding="utf-8")
    command = [sys.executable, "-m", "routec", "check", "--output-format", output_format, str(path)]
    result = subprocess.run(command, capture_output=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert b"internal error" not in result.stderr
    assert b"\\ud800" in result.stdout
    if output_format == "json":  # the escape reads back as the same half character
        import json

        assert "\ud800" in json.loads(result.stdout)["diagnostics"][0]["message"]
