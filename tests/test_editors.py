"""The VS Code extension in editor/vscode: it compiles, and its settings are the ones the server reads.

VS Code itself is not installed here, so the extension is not run inside it;
what can drift without VS Code noticing is checked instead: the TypeScript
compiles under the extension's strict tsconfig against the pinned VS Code and
language-client types, and every setting a user can pick is one the language
server reads and accepts.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from routec.dialects import DIALECTS
from routec.lsp.server import Settings

from .conftest import ROOT

EXTENSION = ROOT / "editor" / "vscode"
# VS Code sends these to the server as the `routec` section; pythonPath is the extension's own.
EXTENSION_ONLY = {"routec.pythonPath"}


def properties() -> dict[str, Any]:
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    found: dict[str, Any] = manifest["contributes"]["configuration"]["properties"]
    return found


@pytest.fixture(scope="module")
def tsc() -> Path:
    """The extension's pinned TypeScript, with its pinned VS Code and language-client types beside it."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to install the extension's dependencies")
    marker = EXTENSION / "node_modules" / ".package-lock.json"
    lock = EXTENSION / "package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=EXTENSION, check=True)
    return EXTENSION / "node_modules" / ".bin" / "tsc"


def compile_errors(tsc: Path, project: Path, out: Path) -> str:
    """tsc's complaints about the project in that directory; empty when it compiles."""
    result = subprocess.run(
        [tsc, "-p", str(project), "--outDir", str(out)], capture_output=True, text=True, timeout=600, check=False
    )
    assert (result.returncode == 0) == (result.stdout + result.stderr == ""), result
    return result.stdout + result.stderr


def test_extension_compiles_with_strict_tsc(tsc: Path, tmp_path: Path) -> None:
    assert compile_errors(tsc, EXTENSION, tmp_path) == ""
    assert (tmp_path / "extension.js").exists()


def test_a_wrongly_typed_setting_fails_to_compile(tsc: Path, tmp_path: Path) -> None:
    """The check above can fail: the same tsc and types reject a setting read with a default of the wrong type."""
    source = (EXTENSION / "src" / "extension.ts").read_text(encoding="utf-8")
    wrong = source.replace('config.get<boolean>("envCheck", false)', 'config.get<boolean>("envCheck", "no")')
    assert wrong != source
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "extension.ts").write_text(wrong, encoding="utf-8")
    # The extended config's paths are its own directory's: name this one's sources here.
    project = {"extends": str(EXTENSION / "tsconfig.json"), "compilerOptions": {"rootDir": "src"}, "include": ["src"]}
    (tmp_path / "tsconfig.json").write_text(json.dumps(project), encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(EXTENSION / "node_modules")
    errors = compile_errors(tsc, tmp_path, tmp_path / "out")
    assert "src/extension.ts(" in errors and "error TS" in errors, errors


def test_extension_settings_are_the_servers() -> None:
    declared = {key.removeprefix("routec.") for key in properties()}
    server = (ROOT / "src" / "routec" / "lsp" / "server.py").read_text()
    read_by_server = set(re.findall(r'values(?:\.get\(|\[)"(\w+)"', server))
    assert declared - {"pythonPath"} == read_by_server


def test_the_dialect_setting_offers_every_dialect() -> None:
    assert properties()["routec.dialect"]["enum"] == ["auto", *DIALECTS]


@pytest.mark.parametrize("dialect", properties()["routec.dialect"]["enum"])
def test_the_server_takes_every_setting_the_extension_offers(dialect: str) -> None:
    offered = {key.removeprefix("routec."): spec for key, spec in properties().items() if key not in EXTENSION_ONLY}
    values = {"dialect": dialect, "envCheck": True, "checkAllFiles": True, "debounceMs": offered["debounceMs"]["maximum"]}
    assert set(values) == set(offered), "a setting the test does not send, or one the extension no longer has"
    settings = Settings()
    assert settings.update(values) == []
    assert (settings.dialect, settings.env_check, settings.all_files) == (None if dialect == "auto" else dialect, True, True)
    assert settings.debounce == offered["debounceMs"]["maximum"] / 1000


@pytest.mark.parametrize("dialect", [[], {}, 3, True, "nonsense"])
def test_a_dialect_that_is_no_name_is_a_complaint_and_the_other_settings_apply(dialect: object) -> None:
    settings = Settings()
    complaints = settings.update({"dialect": dialect, "envCheck": True})
    assert [complaint.split(";")[0] for complaint in complaints] == [f"unknown dialect {dialect!r}"]
    assert (settings.dialect, settings.env_check) == (None, True)
