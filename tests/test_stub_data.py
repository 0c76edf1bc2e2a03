"""The stubs carry the table's data: every route's model, chain and strategy, the rules and the agents.

For every example (and the configs under tests/golden/table/, whose strategies
and rules are odd on purpose), the Python stub is imported and the TypeScript
stub compiled and run by node, and what they hold is compared with
routing_table.json, field by field. tests/golden/table/ also pins the table's
`rules` and strategies themselves (ROUTEC_UPDATE_GOLDEN=1 rewrites them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from routec.build import build
from routec.check import check_text

from .conftest import EXAMPLE_CONFIGS, ROOT, compare_golden
from .stub_tools import import_stub, run_typescript

TABLE_CASES = ROOT / "tests" / "golden" / "table"
TABLE_CONFIGS = sorted(TABLE_CASES.glob("*.yaml"))
CONFIGS = EXAMPLE_CONFIGS + TABLE_CONFIGS
STRATEGY_KEYS = {"kind", "models", "on", "check", "scorer", "weights"}


def label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def built(path: Path) -> tuple[dict[str, Any], str, str]:
    """The table (parsed), the Python stub and the TypeScript stub of one config."""
    artifacts = build(path.read_bytes(), str(path), ("table", "python", "typescript")).artifacts
    return json.loads(artifacts["table"]), artifacts["python"], artifacts["typescript"]


# --- what each stub must hold, read from the table alone ------------------------------------


def step(entry: dict[str, Any]) -> dict[str, str]:
    return {"provider": entry["provider"], "model": entry["model"], "target": entry["target"]}


def expected_routes(table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each route, and each alias not named like a route, as the stubs describe it.

    An alias carries the route it lands on, that route's chain and strategy; an
    alias straight to a model has that model alone and no strategy.
    """
    routes = {
        name: {"name": name, "route": name, "target": step(route), "chain": [step(item) for item in route["chain"]], "strategy": route["strategy"]}
        for name, route in table["routes"].items()
    }
    for name, alias in table["aliases"].items():
        if name in routes:
            continue
        landed = table["routes"][alias["route"]] if alias["route"] is not None else None
        routes[name] = {
            "name": name,
            "route": alias["route"],
            "target": step(alias),
            "chain": [step(item) for item in landed["chain"]] if landed else [step(alias)],
            "strategy": landed["strategy"] if landed else {"kind": "single"},
        }
    return routes


def expected_agents(table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"route": agent["route"], "target": step(agent) if agent.get("target") is not None else None, "reason": agent["reason"]}
        for name, agent in table["agents"].items()
    }


def expected_rules(table: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    rules = table["rules"] or {"match": [], "default": None}
    return rules["match"], rules["default"]


# --- the Python stub ------------------------------------------------------------------------


def python_strategy(strategy: Any) -> dict[str, Any]:
    """A stub Strategy as the table writes it: absent fields left out, tuples as lists."""
    described: dict[str, Any] = {"kind": strategy.kind}
    for key in ("models", "on", "weights"):
        if getattr(strategy, key):
            described[key] = list(getattr(strategy, key))
    for key in ("check", "scorer"):
        if getattr(strategy, key) is not None:
            described[key] = getattr(strategy, key)
    return described


def python_routes(module: Any) -> dict[str, dict[str, Any]]:
    return {
        name: {
            "name": info.name,
            "route": info.route,
            "target": info.target._asdict(),
            "chain": [item._asdict() for item in info.chain],
            "strategy": python_strategy(info.strategy),
        }
        for name, info in module.ROUTES.items()
    }


@pytest.mark.parametrize("path", CONFIGS, ids=label)
def test_python_stub_holds_the_table(path: Path, tmp_path: Path) -> None:
    table, python, _ = built(path)
    module = import_stub(python, tmp_path / "routes_under_test.py")
    for route in table["routes"].values():
        assert set(route["strategy"]) <= STRATEGY_KEYS, f"the stubs do not carry {set(route['strategy']) - STRATEGY_KEYS}"
    assert python_routes(module) == expected_routes(table)
    assert list(module.ROUTES) == list(expected_routes(table))  # same order as the table
    agents = {name: {"route": info.route, "target": info.target._asdict() if info.target else None, "reason": info.reason} for name, info in module.AGENTS.items()}
    assert agents == expected_agents(table)
    rules, default = expected_rules(table)
    assert [{**rule._asdict(), "patterns": list(rule.patterns)} for rule in module.RULES] == rules
    assert module.DEFAULT_ROUTE == default


# --- the TypeScript stub, under node ----------------------------------------------------------

DUMP = (
    'import { AGENTS, DEFAULT_ROUTE, ROUTES, RULES } from "./routes";\n'
    "console.log(JSON.stringify({ routes: ROUTES, agents: AGENTS, rules: RULES, default: DEFAULT_ROUTE }));\n"
)


def test_typescript_stubs_hold_the_table(node_bin: Path, tmp_path: Path) -> None:
    """Every config's routes.ts compiled by tsc and run by node: what it exports is the table's data."""
    tables: dict[str, dict[str, Any]] = {}
    programs: dict[str, tuple[str, str]] = {}
    for index, path in enumerate(CONFIGS):
        table, _, typescript = built(path)
        name = f"stub{index}"
        tables[name] = table
        programs[name] = (typescript, DUMP)
    outputs = run_typescript(node_bin, tmp_path, programs)
    for name, path in zip(programs, CONFIGS):
        table, exported = tables[name], json.loads(outputs[name])
        assert exported["routes"] == expected_routes(table), label(path)
        assert list(exported["routes"]) == list(expected_routes(table)), label(path)
        assert exported["agents"] == expected_agents(table), label(path)
        assert (exported["rules"], exported["default"]) == expected_rules(table), label(path)


def test_the_strategies_example_is_compared_in_full() -> None:
    """The comparison above is not vacuous: the strategies example has every kind, with every field."""
    table, _, _ = built(ROOT / "examples" / "routec" / "strategies.yaml")
    strategies = {name: route["strategy"] for name, route in table["routes"].items()}
    assert {strategy["kind"] for strategy in strategies.values()} == {"single", "failover", "cascade", "parallel", "loadbalance"}
    assert set().union(*strategies.values()) == STRATEGY_KEYS
    assert strategies["chat"] == {"kind": "loadbalance", "models": ["openai:gpt-4o", "azure:gpt-4o"], "weights": [3, 1]}


# --- the table itself: rules in evaluation order, keywords normalised, strategies ------------


@pytest.mark.parametrize("path", TABLE_CONFIGS, ids=label)
def test_table_rules_and_strategies_golden(path: Path) -> None:
    table, _, _ = built(path)
    pinned = {"rules": table["rules"], "strategies": {name: route["strategy"] for name, route in table["routes"].items()}}
    compare_golden(path.with_name(path.name + ".json"), json.dumps(pinned, indent=2, ensure_ascii=False) + "\n")


def test_rules_are_in_evaluation_order_with_keywords_normalised() -> None:
    table, _, _ = built(TABLE_CASES / "rules-order.yaml")
    rules = table["rules"]["match"]
    # Highest priority first; equal priorities keep file order (rule 5 is after traces, 'last' after 'pay').
    assert [(rule["name"], rule["priority"]) for rule in rules] == [
        ("traces", 10), ("rule 5", 10), ("mid", 5), ("plain", 0), ("pay", 0), ("last", 0), ("low", -1)
    ]
    by_name = {rule["name"]: rule for rule in rules}
    assert by_name["low"]["patterns"] == ["foo bar", "unit test"]  # " Foo   Bar ", "foo bar", "FOO\tBAR" are one; "  " is dropped
    assert by_name["plain"]["patterns"] == ["python", "data frame"]
    assert by_name["traces"]["patterns"] == ["Traceback \\(Most Recent"]  # a regex is kept as written
    assert by_name["pay"]["patterns"] == ["Billing"]  # an intent label is matched exactly, so kept as written
    assert by_name["plain"]["route"] == "coding"  # an alias stays an alias; the stubs resolve it
    assert table["rules"]["default"] == "general"


# --- numbers the table and the stubs cannot hold ----------------------------------------------

NON_FINITE = [
    ("routes:\n  a:\n    model: openai:gpt-4o\n    strategy: {kind: loadbalance, models: [openai:gpt-4o-mini], weights: [.inf, 1]}\n", "yaml", "inf"),
    ("routes:\n  a:\n    model: openai:gpt-4o\n    strategy: {kind: loadbalance, models: [openai:gpt-4o-mini], weights: [.nan, 1]}\n", "yaml", "nan"),
    ("{routes: {a: {model: 'openai:gpt-4o', strategy: {kind: 'loadbalance', models: ['openai:gpt-4o-mini'], weights: [1, Infinity]}}}}", "json5", "inf"),
    ("routes:\n  a: {model: 'ollama:llama3'}\nbudget:\n  degrade_above_budget_pct: .nan\n  degrade: {'ollama:llama3': 'ollama:phi3'}\n", "yaml", "nan"),
    ("{routes: {a: {model: 'ollama:llama3'}}, budget: {degrade_above_budget_pct: NaN}}", "json5", "nan"),
]


@pytest.mark.parametrize(("text", "extension", "value"), NON_FINITE)
def test_non_finite_numbers_are_invalid_values(text: str, extension: str, value: str) -> None:
    """A weight of .inf once checked clean and built a routes.py that raised NameError ('inf') on import,
    a routes.ts that did not compile and a table with `Infinity` (not JSON); .nan slipped past every range."""
    providers = "providers:\n  openai: {apiKey: '${OPENAI_API_KEY}'}\n" if extension == "yaml" else ""
    report = check_text(providers + text, f"config.{extension}")
    messages = [d.message for d in report.diagnostics if d.code == "RC006"]
    assert len(messages) == 1 and messages[0].endswith(f"{value} is not a finite number"), [d.message for d in report.diagnostics]
    assert build((providers + text).encode(), f"config.{extension}", ("table", "python")).artifacts == {}
