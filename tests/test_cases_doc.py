"""docs/cases.md cannot rot: every example in it is run.

Each code block is either a file (```yaml file=NAME```), written under that
name, or a ```console``` block of `$ routec ...` commands, each followed by
its exact output (standard output, then standard error) and, when it is not
0, `# exits N` after the command. Every cases file in the doc is run by some
command.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from routec.cli import main

from .conftest import ROOT

DOC = ROOT / "docs" / "cases.md"
BLOCK = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
EXITS = re.compile(r"\s+#\s*exits\s+(\d+)$")


def blocks() -> list[tuple[str, str]]:
    return [(info.strip(), body) for info, body in BLOCK.findall(DOC.read_text(encoding="utf-8"))]


def files() -> dict[str, str]:
    found: dict[str, str] = {}
    for info, body in blocks():
        match = re.search(r"\bfile=(\S+)", info)
        if match:
            found[match.group(1)] = body
    return found


def commands() -> list[tuple[str, int, str]]:
    """(command line, exit code, expected output) for every `$ ` line of every console block."""
    found: list[tuple[str, int, str]] = []
    for info, body in blocks():
        if info != "console":
            continue
        for chunk in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
            line, _, output = chunk.partition("\n")
            exits = EXITS.search(line)
            found.append((EXITS.sub("", line), int(exits.group(1)) if exits else 0, output))
    return found


def test_every_block_is_a_file_or_a_command() -> None:
    for info, body in blocks():
        assert info == "console" or "file=" in info, f"a block in docs/cases.md that is never run: {info!r}\n{body}"


def test_every_cases_file_is_run() -> None:
    used = " ".join(command for command, _, _ in commands())
    cases = [name for name in files() if ".cases." in name]
    assert len(cases) >= 6
    for name in cases:
        assert name in used, f"{name} in docs/cases.md is never run"


@pytest.mark.parametrize(("command", "code", "output"), commands(), ids=[command for command, _, _ in commands()])
def test_command_output(command: str, code: int, output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name, body in files().items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)
    assert argv[0] == "routec"
    assert main(argv[1:]) == code
    captured = capsys.readouterr()
    assert captured.out + captured.err == output
