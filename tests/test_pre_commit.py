"""The pre-commit hooks, run for real: `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BROKEN = "routes:\n  fast: {model: 'gemini:gemini-2.5-flash'}\nagents:\n  defaults: {route: fsat}\n"
FIXED = BROKEN.replace("fsat", "fast")
WORKFLOW = "name: ci\non: push\njobs: {}\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook environment (routec from this checkout) is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "test@example.com")
    git(tmp_path, "config", "user.name", "test")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    return tmp_path


def try_repo(repo: Path, home: Path, hook: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    environment.pop("GITHUB_ACTIONS", None)
    git(repo, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--verbose", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=environment,
        timeout=900,
    )


def test_check_hook_fails_on_a_broken_config_and_passes_after_the_fix(repo: Path, pre_commit_home: Path) -> None:
    (repo / "routing.yaml").write_text(BROKEN)
    failing = try_repo(repo, pre_commit_home, "routec-check")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "error[RC101]: unknown route 'fsat'" in failing.stdout, failing.stdout
    assert "--> routing.yaml:4:" in failing.stdout
    assert "ci.yml" not in failing.stdout.split("routec check", 1)[-1]  # the workflow is not a routing config
    (repo / "routing.yaml").write_text(FIXED)
    passing = try_repo(repo, pre_commit_home, "routec-check")
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_build_check_hook_catches_stale_stubs(repo: Path, pre_commit_home: Path) -> None:
    (repo / "routing.yaml").write_text(FIXED)
    subprocess.run([sys.executable, "-m", "routec", "build", "routing.yaml", "--out", "generated"], cwd=repo, check=True)
    passing = _build_check(repo, pre_commit_home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    (repo / "routing.yaml").write_text(FIXED.replace("gemini-2.5-flash", "gemini-2.0-flash"))
    failing = _build_check(repo, pre_commit_home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "stale: generated/routing_table.json" in failing.stdout


RULES = FIXED + "rules:\n  default: fast\n  match:\n    - {name: code, keywords: [python], route: code}\n"
CODE_ROUTE = "  code: {model: 'gemini:gemini-2.5-pro'}\n"
CASES = "cases:\n  - {input: write some python, expect_route: code}\n  - {input: hello, expect_route: fast}\n"


def test_test_hook_fails_when_a_request_routes_elsewhere(repo: Path, pre_commit_home: Path) -> None:
    (repo / "routing.yaml").write_text(RULES.replace("routes:\n", "routes:\n" + CODE_ROUTE, 1))
    (repo / "routing.cases.yaml").write_text(CASES)
    passing = _run_from_head(repo, pre_commit_home, "routec-test", ["routing.yaml", "routing.cases.yaml"])
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "2 of 2 cases passed." in passing.stdout
    (repo / "routing.cases.yaml").write_text(CASES.replace("expect_route: code", "expect_route: fast"))
    failing = _run_from_head(repo, pre_commit_home, "routec-test", ["routing.yaml", "routing.cases.yaml"])
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "FAIL routing.cases.yaml:2: 'write some python' should reach route 'fast'" in failing.stdout
    assert "route: code  <- rule 'code' (keyword 'python' at character 12, priority 0)" in failing.stdout
    assert "1 of 2 cases passed, 1 failed." in failing.stdout


def _build_check(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return _run_from_head(repo, home, "routec-build-check", ["routing.yaml", "--out", "generated"])


def _run_from_head(repo: Path, home: Path, hook: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """try-repo cannot pass hook args, so this runs the hook from a config naming this checkout's HEAD."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {head}\n"
        "    hooks:\n"
        f"      - id: {hook}\n"
        f"        args: [{', '.join(args)}]\n"
    )
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    git(repo, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=environment,
        timeout=900,
    )
