"""The README's two Quickstart commands stay true: CI runs the second verbatim."""

from __future__ import annotations

import re

from .conftest import ROOT


def quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)


def test_quickstart_has_exactly_two_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert "routec check examples/" in commands[0]
    assert (ROOT / "examples").is_dir()


def test_ci_runs_the_readme_test_command() -> None:
    test_command = quickstart_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
