"""Project configuration, data-driven: tests/config/<case>/ holds a config, some files, and expected.out.

Each case runs `routec check .` inside its folder (text output, which shows severities);
expected.out pins stdout, stderr and the exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from routec.check import check_bytes
from routec.diagnostics import Severity
from routec.settings import FileSettings, Rules, glob_pattern

from .conftest import ROOT, compare_golden

CASES = sorted(path for path in (ROOT / "tests" / "config").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_config_case(case: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS", "NO_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "routec", "check", "--color", "never", "."],
        cwd=case,
        capture_output=True,
        text=True,
        env=environment,
    )
    output = f"exit: {result.returncode}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    compare_golden(case / "expected.out", output)
    if case.name.startswith("bad-"):
        assert result.returncode == 2 and "invalid configuration" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("select", "ignore", "code", "enabled"),
    [
        (("RC",), (), "RC101", True),
        (("RC",), ("RC1",), "RC101", False),
        (("RC",), ("RC1",), "RC201", True),
        (("RC101",), ("RC1",), "RC101", True),  # the more specific prefix wins
        (("RC1",), ("RC101",), "RC102", True),
        (("RC1",), ("RC101",), "RC101", False),
        (("RC2",), (), "RC101", False),
        ((), (), "RC001", True),  # a file that does not read is reported whatever the settings
        (("RC",), ("RC0",), "RC001", True),
        (("RC",), ("RC0",), "RC002", False),
        (("RC",), ("RC001",), "RC001", True),
    ],
)
def test_select_and_ignore_precedence(select: tuple[str, ...], ignore: tuple[str, ...], code: str, enabled: bool) -> None:
    assert Rules(select, ignore).enabled(code) is enabled


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("*.yaml", "a.yaml", True),
        ("*.yaml", "dir/a.yaml", False),
        ("**/*.yaml", "dir/sub/a.yaml", True),
        ("**/*.yaml", "a.yaml", True),
        ("legacy/**", "legacy/x/y.json5", True),
        ("legacy/?.yaml", "legacy/ab.yaml", False),
    ],
)
def test_globs(glob: str, path: str, matches: bool) -> None:
    assert bool(glob_pattern(glob).fullmatch(path)) is matches


def test_a_file_routec_cannot_read_is_an_error_whatever_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the size limit (lowered here to keep the test small), with every rule off and RC001 made info."""
    import routec.syntax

    monkeypatch.setattr(routec.syntax, "MAX_FILE_BYTES", 64)
    settings = FileSettings(Rules((), ("RC",), {"RC001": Severity.INFO}))
    report = check_bytes(b"routes:\n  fast: {model: gemini-2.5-flash}\n" + b"# padding\n" * 20, "big.yaml", settings=settings)
    assert [(d.code, d.severity) for d in report.diagnostics] == [("RC001", Severity.ERROR)]


# A key pasted into a config: an error (RC301) that the project config silences.
PROJECT_CONFIG = 'ignore = ["RC301"]\n'
PASTED_KEY = "sk-proj-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
URL_PASSWORD = "Sup3rS3cret" + "Passw0rd"
CARAPACE = (
    f'{{ "providers": {{ "openai": {{ "apiKey": "{PASTED_KEY}", "baseUrl": "https://admin:{URL_PASSWORD}@proxy.example/v1" }} }},\n'
    '  "routes": { "fast": { "model": "openai:gpt-5-mini" } } }\n'
)
ONE_CONFIG_COMMANDS = {
    "check": ["check", "routing.json5"],
    "build": ["build", "routing.json5", "--out", "out"],
    "route": ["route", "routing.json5", "hello"],
    "explain": ["explain", "routing.json5", "fast"],
    "test": ["test", "routing.json5", "cases.yaml"],
    "graph": ["graph", "routing.json5"],
    "convert": ["convert", "routing.json5"],
    "diff": ["diff", "routing.json5", "routing.json5"],
}


def run_routec(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "routec", *arguments], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("command", ONE_CONFIG_COMMANDS)
def test_every_command_applies_the_project_config_as_check_does(command: str, tmp_path: Path) -> None:
    (tmp_path / "routing.json5").write_text(CARAPACE, encoding="utf-8")
    (tmp_path / "cases.yaml").write_text("- {input: hello, expect_route: null}\n", encoding="utf-8")
    without = run_routec(ONE_CONFIG_COMMANDS[command], tmp_path)
    if command != "convert":  # which converts a config with errors, as written
        assert without.returncode == 1 and "error[RC301]" in without.stdout + without.stderr, without
    (tmp_path / "routec.toml").write_text(PROJECT_CONFIG, encoding="utf-8")
    result = run_routec(ONE_CONFIG_COMMANDS[command], tmp_path)
    assert result.returncode == 0, result
    for secret in (PASTED_KEY, URL_PASSWORD):
        assert secret not in result.stdout + result.stderr
        for artifact in (tmp_path / "out").glob("*"):
            assert secret not in artifact.read_text(encoding="utf-8"), artifact.name
    if command == "build":
        assert "https://admin:…w0rd@proxy.example/v1" in (tmp_path / "out" / "routing_table.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ONE_CONFIG_COMMANDS)
def test_every_command_refuses_a_wrong_project_config(command: str, tmp_path: Path) -> None:
    (tmp_path / "routing.json5").write_text(CARAPACE, encoding="utf-8")
    (tmp_path / "cases.yaml").write_text("- {input: hello, expect_route: null}\n", encoding="utf-8")
    (tmp_path / "routec.toml").write_text("ignroe = ['RC301']\n", encoding="utf-8")
    result = run_routec(ONE_CONFIG_COMMANDS[command], tmp_path)
    assert (result.returncode, result.stdout) == (2, ""), result
    assert "routec.toml:1:1: unknown option `ignroe`" in result.stderr


@pytest.mark.parametrize("command", ONE_CONFIG_COMMANDS)
def test_every_command_checks_env_references_against_the_real_environment(command: str, tmp_path: Path) -> None:
    """`env-check` in the project config: a variable that is set is set for every command, not only for check."""
    (tmp_path / "routing.json5").write_text(
        '{ "providers": { "openai": { "apiKey": "${ROUTEC_TEST_KEY}" } }, "routes": { "fast": { "model": "openai:gpt-5-mini" } } }\n',
        encoding="utf-8",
    )
    (tmp_path / "cases.yaml").write_text("- {input: hello, expect_route: null}\n", encoding="utf-8")
    (tmp_path / "routec.toml").write_text('env-check = true\n[severity]\nRC302 = "error"\n', encoding="utf-8")
    arguments = [sys.executable, "-m", "routec", *ONE_CONFIG_COMMANDS[command]]
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "timeout": 120, "check": False}
    unset = subprocess.run(arguments, env={k: v for k, v in os.environ.items() if k != "ROUTEC_TEST_KEY"}, **run)  # type: ignore[call-overload]
    if command != "convert":  # which converts a config with errors, as written
        assert unset.returncode == 1 and "RC302" in unset.stdout + unset.stderr, unset
    set_ = subprocess.run(arguments, env={**os.environ, "ROUTEC_TEST_KEY": "set"}, **run)  # type: ignore[call-overload]
    assert set_.returncode == 0, set_
    assert "RC302" not in set_.stdout + set_.stderr
