"""The routec command as users run it: a real process, its output and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from routec.rules import RULES

from .conftest import ROOT, compare_golden

GOLDEN = ROOT / "tests" / "golden"
SECRET = "sk-ant-api03-Zx8kQ2vLmN4pR7sT1uW3yA5bC6dE8fG9hJ0kL-4f2a"


def routec(*args: str, cwd: Path = ROOT, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "GITHUB_ACTIONS")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "routec", *args],
        cwd=cwd,
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_examples_check_clean() -> None:
    result = routec("check", "examples/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("name", ["several-mistakes.yaml", "carapace-secret.json5"])
@pytest.mark.parametrize("output_format", ["text", "concise", "json"])
def test_golden_output(name: str, output_format: str) -> None:
    result = routec("check", "--output-format", output_format, "--color", "never", name, cwd=GOLDEN)
    assert result.returncode == 1
    assert result.stderr == ""
    compare_golden(GOLDEN / f"{name}.{output_format}.out", result.stdout)


def test_several_mistakes_are_all_reported_with_fixes() -> None:
    result = routec("check", "--output-format", "json", "tests/cases/multi/several-mistakes.yaml")
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert {"RC101", "RC201", "RC103", "RC002"} <= {d["code"] for d in diagnostics}
    assert all(d["fix"] and d["fix"]["message"] for d in diagnostics)


def test_json_output_matches_its_published_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "diagnostics.schema.json").read_text())
    for name in ("several-mistakes.yaml", "carapace-secret.json5"):
        result = routec("check", "--output-format", "json", name, cwd=GOLDEN)
        jsonschema.validate(json.loads(result.stdout), schema)


@pytest.mark.parametrize("output_format", ["text", "concise", "json"])
def test_no_output_shows_a_secret(output_format: str) -> None:
    result = routec("check", "--output-format", output_format, "carapace-secret.json5", cwd=GOLDEN)
    assert "RC301" in result.stdout
    assert SECRET not in result.stdout + result.stderr
    assert SECRET[-12:] not in result.stdout
    assert "sk-ant-…4f2a" in result.stdout


def test_exit_codes() -> None:
    assert routec("check", "examples/routec/basic.yaml").returncode == 0
    assert routec("check", "tests/cases/RC101-unknown-route/fail-agent-route.yaml").returncode == 1
    missing = routec("check", "no/such/file.yaml")
    assert missing.returncode == 2
    assert "no such file or directory: no/such/file.yaml" in missing.stderr
    assert routec("check", "--output-format", "xml", "examples/").returncode == 2


def test_warnings_pass_unless_strict() -> None:
    warning_only = "tests/cases/RC106-route-and-model/fail-agent.json5"
    assert routec("check", warning_only).returncode == 0
    assert routec("check", "--strict", warning_only).returncode == 1


def test_standard_input() -> None:
    text = b"routes:\n  fast: {model: 'gemini:gemini-2.5-flash'}\nagents:\n  defaults: {route: fsat}\n"
    result = routec("check", "--output-format", "concise", "--stdin-filename", "config.yaml", "-", stdin=text)
    assert result.returncode == 1
    assert "config.yaml:4:21: RC101 unknown route 'fsat'" in result.stdout


def test_dialect_option_overrides_detection(tmp_path: Path) -> None:
    config = tmp_path / "config.json5"
    config.write_text('{ "routes": { "fast": { "model": "gemini:gemini-2.5-flash" } }, "telemetry": {} }')
    native = routec("check", "--output-format", "concise", str(config))
    carapace = routec("check", "--output-format", "concise", "--dialect", "carapace", str(config))
    assert "RC003 unknown key 'telemetry'" in native.stdout and native.returncode == 1
    assert "RC003 unknown key 'telemetry'" in carapace.stdout and carapace.returncode == 0  # a warning in Carapace


def test_directory_search_skips_files_that_are_not_routing_configs(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("on: push\njobs: {}\n")
    (tmp_path / "package.json").write_text('{"name": "app"}')
    (tmp_path / "routing.yaml").write_text("routes:\n  fast: {model: 'gemini:gemini-2.5-flash'}\n")
    (tmp_path / "broken.yaml").write_text("routes:\n  fast: {model: [\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "routes.yaml").write_text("routes: []\n")
    result = routec("check", "--output-format", "concise", str(tmp_path))
    assert result.returncode == 1
    assert "broken.yaml" in result.stdout and "RC001" in result.stdout
    assert "ci.yml" not in result.stdout and "package.json" not in result.stdout and "node_modules" not in result.stdout
    assert "routing.yaml" in result.stdout  # checked: its gemini provider has no credentials (a warning)


@pytest.mark.parametrize("flags", [(), ("--skip-unrecognized",)])
def test_a_routing_config_with_a_misspelt_top_level_key_is_not_skipped(tmp_path: Path, flags: tuple[str, ...]) -> None:
    """The pre-commit hook runs with --skip-unrecognized: a typo in the key that names the format must not
    make a routing config invisible, while workflows, package.json and the like stay skipped."""
    (tmp_path / "routing.yaml").write_text("rotes:\n  fast: {model: 'ollama:x'}\nagents:\n  defaults: {route: fast}\n")
    (tmp_path / "litellm.yaml").write_text("model_lst:\n  - model_name: x\n    litellm_params: {model: openai/gpt-4o}\n")
    (tmp_path / "ci.yml").write_text("name: ci\non: [push]\njobs:\n  build: {runs-on: ubuntu-latest}\n")
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0", "scripts": {"test": "x"}}')
    (tmp_path / "dependabot.yml").write_text("version: 2\nupdates: []\n")
    # `route` is one letter from `routes`, but nothing in it names a model: Alertmanager's, not a typo.
    (tmp_path / "alertmanager.yml").write_text("global: {resolve_timeout: 5m}\nroute: {receiver: team}\nreceivers: [{name: team}]\n")
    result = routec("check", *flags, "--output-format", "concise", str(tmp_path))
    assert result.returncode == 1, result.stdout
    assert "routing.yaml:1:1: RC003 unknown key 'rotes'" in result.stdout
    assert "litellm.yaml:1:1: RC003 unknown key 'model_lst'" in result.stdout
    assert "ci.yml" not in result.stdout and "package.json" not in result.stdout and "dependabot" not in result.stdout
    assert "alertmanager" not in result.stdout


def test_empty_directory_warns_and_passes(tmp_path: Path) -> None:
    result = routec("check", str(tmp_path))
    assert result.returncode == 0
    assert "no routing configs found" in result.stderr


def test_color_follows_the_option_and_no_color() -> None:
    bad = "tests/cases/RC101-unknown-route/fail-agent-route.yaml"
    assert "\x1b[" in routec("check", "--color", "always", bad).stdout
    assert "\x1b[" not in routec("check", "--color", "never", bad).stdout
    assert "\x1b[" not in routec("check", bad).stdout  # not a terminal
    assert "\x1b[" not in routec("check", bad, env={"NO_COLOR": "1"}).stdout


def test_rule_command_prints_the_doc() -> None:
    result = routec("rule", "RC101")
    assert result.returncode == 0
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix"):
        assert section in result.stdout
    assert routec("rule", "unknown-route").stdout == result.stdout
    assert routec("rule", "rc101").stdout == result.stdout


def test_rule_all_lists_every_rule() -> None:
    listing = routec("rule", "--all").stdout.splitlines()
    assert [line.split()[0] for line in listing] == [rule.code for rule in RULES]


def test_unknown_rule_is_a_usage_error() -> None:
    result = routec("rule", "RC999")
    assert result.returncode == 2
    assert "no rule 'RC999'" in result.stderr


def test_version_and_help() -> None:
    assert routec("--version").stdout.startswith("routec 0.")
    assert "Check routing configs" in routec("check", "--help").stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "routec"
    result = subprocess.run([str(script), "check", "examples/"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_output_file_gets_the_report_and_the_terminal_the_summary(tmp_path: Path) -> None:
    report = tmp_path / "report.sarif"
    result = routec("check", "--output-format", "sarif", "--output-file", str(report), "several-mistakes.yaml", cwd=GOLDEN)
    assert result.returncode == 1
    assert result.stdout == "Found 4 errors in 1 file (1 file checked).\n"
    assert json.loads(report.read_text())["version"] == "2.1.0"


def test_github_actions_defaults_to_workflow_commands() -> None:
    # As in a workflow run from a subdirectory of the checkout: the annotation names the file as the repository does.
    actions = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(ROOT)}
    result = routec("check", "several-mistakes.yaml", cwd=GOLDEN, env=actions)
    assert result.stdout.startswith("::error file=tests/golden/several-mistakes.yaml,line=9,col=12,")
    explicit = routec("check", "--output-format", "concise", "several-mistakes.yaml", cwd=GOLDEN, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith("several-mistakes.yaml:9:12: RC201")
