"""The VS Code extension compiles with tsc, and its settings are the ones the server reads."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

EXTENSION = ROOT / "editor" / "vscode"


@pytest.fixture(scope="module")
def extension_dependencies() -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to install the extension's dependencies")
    marker = EXTENSION / "node_modules" / ".package-lock.json"
    lock = EXTENSION / "package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=EXTENSION, check=True)
    return EXTENSION / "node_modules" / ".bin"


def test_extension_compiles_with_strict_tsc(extension_dependencies: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(extension_dependencies / "tsc"), "-p", str(EXTENSION), "--outDir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "extension.js").exists()


def test_extension_settings_are_the_servers() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text())
    declared = {key.removeprefix("routec.") for key in manifest["contributes"]["configuration"]["properties"]}
    server = (ROOT / "src" / "routec" / "lsp" / "server.py").read_text()
    read_by_server = set(re.findall(r'values(?:\.get\(|\[)"(\w+)"', server))
    assert declared - {"pythonPath"} == read_by_server
