"""routec route, routec explain and routec test, as users run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

EXAMPLES = ROOT / "examples"
SHIPPED_CASES = sorted(EXAMPLES.rglob("*.cases.yaml"))


def routec(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "routec", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("cases", SHIPPED_CASES, ids=lambda path: path.name)
def test_shipped_cases_pass(cases: Path) -> None:
    config = cases.with_name(cases.name.replace(".cases.yaml", ".yaml"))
    result = routec("test", str(config), str(cases))
    assert result.returncode == 0, result.stdout
    assert "cases passed." in result.stdout


def test_a_broken_expectation_fails_with_the_explanation(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - input: write a python function\n    expect_route: math\n")
    result = routec("test", "examples/routec/keyword-rules.yaml", str(cases))
    assert result.returncode == 1
    assert f"FAIL {cases}:2: 'write a python function' should reach route 'math'" in result.stdout
    assert "route: code  <- rule 'code' (keyword 'function' at character 16, priority 0)" in result.stdout
    assert "0 of 1 cases passed, 1 failed." in result.stdout


def test_route_json_shape() -> None:
    result = routec("route", "--json", "examples/routec/keyword-rules.yaml", "derive the equation")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "route": "math",
        "model": "openai:o3",
        "rule": "math",
        "matched": {"kind": "keyword", "text": "equation", "character": 12},
        "chain": ["openai:o3", "gemini:gemini-2.5-flash"],
        "path": ["math"],
        "reason": "rule",
    }


def test_route_by_intent_and_default() -> None:
    assert "route: code  <- rule 'code' (intent 'code')" in routec("route", "examples/routec/classifier.yaml", "x", "--intent", "code").stdout
    default = routec("route", "examples/routec/classifier.yaml", "hello")
    assert "route: cheap  <- no rule matches: the default route" in default.stdout


def test_route_refuses_a_config_with_errors() -> None:
    result = routec("route", "tests/cases/RC101-unknown-route/fail-agent-route.yaml", "hello")
    assert result.returncode == 1 and "RC101" in result.stdout


def test_explain_traces_an_agent_to_its_model() -> None:
    result = routec("explain", "examples/routec/full.json5", "planner")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "agent 'planner'",
        "  uses route 'deep-think' (its own `route`)",
        "  'deep-think' is an alias of 'reasoning'",
        "  'reasoning' is an alias of 'strong'",
        "  route 'strong' sends requests to anthropic:claude-opus-4-6",
        "  failover chain: anthropic:claude-opus-4-6 -> openai:gpt-5 -> gemini:gemini-2.5-flash -> openai:gpt-4o-mini",
    ]


def test_explain_strategy_and_unknown_names() -> None:
    assert "strategy: cascade over gemini:gemini-2.5-flash, anthropic:claude-sonnet-4-6, anthropic:claude-opus-4-6" in routec(
        "explain", "examples/routec/strategies.yaml", "extract"
    ).stdout
    unknown = routec("explain", "examples/routec/full.json5", "planer")
    assert unknown.returncode == 2 and "did you mean 'planner'?" in unknown.stderr


def test_explain_names_the_budgets_degradation() -> None:
    strong = routec("explain", "examples/routec/budget.yaml", "strong").stdout
    assert "past 80% of the budget: anthropic:claude-opus-4-6 gives way to anthropic:claude-sonnet-4-6" in strong
    assert "budget" not in routec("explain", "examples/routec/budget.yaml", "fast").stdout  # gpt-4o-mini is not degraded
    tokenpak = routec("explain", "examples/tokenpak/use-case-routing.yaml", "code_generation").stdout
    assert "past 80% of the budget: openai:gpt-4 gives way to openai:gpt-3.5-turbo" in tokenpak


def test_explain_names_the_degradation_of_an_alias_to_a_model(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "routes:\n  strong: {model: 'anthropic:claude-opus-4-6'}\naliases:\n  big: 'anthropic:claude-opus-4-6'\n"
        "budget:\n  degrade_above_budget_pct: 80\n  degrade:\n    'anthropic:claude-opus-4-6': 'anthropic:claude-sonnet-4-6'\n"
    )
    out = routec("explain", str(config), "big").stdout
    assert "past 80% of the budget: anthropic:claude-opus-4-6 gives way to anthropic:claude-sonnet-4-6" in out


def test_explain_shows_both_an_agent_and_a_route_of_one_name(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "routes:\n  fast: {model: 'ollama:llama3'}\n  strong: {model: 'ollama:qwen3'}\n"
        "agents:\n  list:\n    - {id: fast, route: strong}\n"
    )
    result = routec("explain", str(config), "fast")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "agent 'fast'\n"
        "  uses route 'strong' (its own `route`)\n"
        "  route 'strong' sends requests to ollama:qwen3\n"
        "\n"
        "'fast'\n"
        "  route 'fast' sends requests to ollama:llama3\n"
    )


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("cases:\n  - {input: hi, expect_route: code, expect_route: chat}\n", "2:37", "`expect_route` appears twice in a case"),
        ("case:\n  - {input: hi, expect_route: code}\n", "1:1", "unknown key `case` at the top of a cases file"),
        ("cases:\n  - {input: hi, expect_route: code}\nextra: 1\n", "3:1", "unknown key `extra` at the top of a cases file"),
        # Read as "no value", a list would make the case expect no route at all.
        ("cases:\n  - {input: hi, expect_route: [code]}\n", "2:31", "`expect_route` is a list; write one value, as text"),
        ("cases:\n  - {input: {text: hi}, expect_route: code}\n", "2:13", "`input` is a mapping; write one value, as text"),
    ],
)
def test_a_cases_file_with_a_repeated_or_unknown_key_is_refused(tmp_path: Path, text: str, where: str, message: str) -> None:
    """Either would change what the file tests without a word: the last of two values wins, a misspelt `cases` tests nothing."""
    cases = tmp_path / "cases.yaml"
    cases.write_text(text)
    result = routec("test", "examples/routec/keyword-rules.yaml", str(cases))
    assert result.returncode == 2
    assert f"{cases}:{where}: {message}" in result.stderr


def test_case_values_are_read_as_written(tmp_path: Path) -> None:
    """`input: true` is the request text "true", not Python's "True"."""
    config = tmp_path / "config.yaml"
    config.write_text("routes:\n  flag: {model: 'ollama:x'}\n  other: {model: 'ollama:y'}\nrules:\n  default: other\n  match:\n    - {keywords: ['true'], route: flag}\n")
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - {input: true, expect_route: flag}\n  - {input: 1.50, expect_route: other}\n")
    result = routec("test", str(config), str(cases))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_cases_file_is_a_positioned_usage_error(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - input: hi\n    expect_rout: code\n")
    result = routec("test", "examples/routec/keyword-rules.yaml", str(cases))
    assert result.returncode == 2
    assert f"{cases}:3:5: unknown key `expect_rout`" in result.stderr


TOKENPAK_SWITCHED = (
    "routing:\n"
    "  enabled: {routing}\n"
    "  routes:\n"
    "    - {{name: code, keywords: [python], preferred_model: 'openai:gpt-4o'}}\n"
    "    - {{name: chat, preferred_model: 'openai:gpt-4o-mini'}}\n"
    "cost_aware_routing:\n"
    "  enabled: {degrading}\n"
    "  degrade_above_budget_pct: 85\n"
    "  degradation_map: {{'openai:gpt-4o': 'openai:gpt-4o-mini'}}\n"
    "providers:\n"
    "  openai: {{api_key: '${{OPENAI_API_KEY}}'}}\n"
)


@pytest.mark.parametrize(("routing", "degrading"), [(True, True), (False, True), (True, False), (False, False)])
def test_tokenpak_switches_turn_keyword_routing_and_degradation_off(routing: bool, degrading: bool, tmp_path: Path) -> None:
    config = tmp_path / "tokenpak.yaml"
    config.write_text(TOKENPAK_SWITCHED.format(routing=str(routing).lower(), degrading=str(degrading).lower()))
    routed = routec("route", str(config), "write python")
    assert routed.returncode == 0, routed.stderr
    if routing:
        assert routed.stdout.startswith("route: code  <- rule 'code'"), routed.stdout
    else:
        assert routed.stdout.startswith(f"no rules: routing is turned off at {config}:2 (enabled: false)"), routed.stdout
    built = routec("build", str(config), "--out", str(tmp_path / "out"), "--target", "table")
    assert built.returncode == 0, built.stdout
    table = json.loads((tmp_path / "out" / "routing_table.json").read_text())
    assert (table["rules"] is not None) is routing
    assert (table["budget"] is not None) is degrading
    assert set(table["routes"]) == {"code", "chat"}  # the routes stay names to call either way
