"""The resolved routing table: failover chains with each model once, and which of an agent's choices wins."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from routec.build import build

# A failover chain is the route's model, then each fallback's chain in order, each concrete model once.
# (config, route, its chain); the repeats are RC406 warnings, so each config still builds.
CHAINS = [
    pytest.param(
        "routes:\n"
        "  a: {model: 'ollama:x', fallbacks: [b, c]}\n"
        "  b: {model: 'ollama:y'}\n"
        "  c: {model: 'ollama:x'}\n",
        "a",
        [("ollama:x", "a"), ("ollama:y", "b")],
        id="a fallback repeats the route's own model",
    ),
    pytest.param(
        "routes:\n"
        "  a: {model: 'ollama:x', fallbacks: [b, c]}\n"
        "  b: {model: 'ollama:y', fallbacks: [c]}\n"
        "  c: {model: 'ollama:z'}\n",
        "a",
        [("ollama:x", "a"), ("ollama:y", "b"), ("ollama:z", "c")],
        id="two fallbacks reach one route",
    ),
    pytest.param(
        "routes:\n"
        "  a: {model: 'ollama:x', fallbacks: [b, to-c, c]}\n"
        "  b: {model: 'ollama:y'}\n"
        "  c: {model: 'ollama:z', fallbacks: [b]}\n"
        "aliases:\n"
        "  to-c: c\n",
        "a",
        [("ollama:x", "a"), ("ollama:y", "b"), ("ollama:z", "c")],
        id="an alias and its route both fall back",
    ),
    pytest.param(
        "routes:\n"
        "  a: {model: 'ollama:x', fallbacks: [b, same]}\n"
        "  b: {model: 'ollama:y', fallbacks: [same]}\n"
        "aliases:\n"
        "  same: 'ollama:x'\n",
        "a",
        [("ollama:x", "a"), ("ollama:y", "b")],
        id="an alias to a model repeats one",
    ),
]


def stub_of(config: str, folder: Path) -> ModuleType:
    """The config's Python stub, imported."""
    path = folder / "routes.py"
    path.write_text(build(config.encode(), "table.yaml", ("python",)).artifacts["python"], encoding="utf-8")
    spec = importlib.util.spec_from_file_location("routes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_of(config: str) -> dict[str, object]:
    result = build(config.encode(), "table.yaml", ("table",))
    assert result.ok, [d.message for d in result.report.diagnostics]
    table: dict[str, object] = json.loads(result.artifacts["table"])
    return table


@pytest.mark.parametrize(("config", "route", "chain"), CHAINS)
def test_a_failover_chain_lists_each_concrete_model_once(
    config: str, route: str, chain: list[tuple[str, str]], tmp_path: Path
) -> None:
    entry = table_of(config)["routes"][route]  # type: ignore[index]
    assert [(step["target"], step.get("route")) for step in entry["chain"]] == chain
    # The Python stub hands the same chain to client-side failover.
    assert stub_of(config, tmp_path).chain_for(route) == tuple(target for target, _ in chain)


# docs/format.md: "When an agent sets both `route` and `model`, the route wins and the model is
# ignored" (RC106 warns). The table says so: the route's model, and the reason.
BOTH = (
    "routes:\n"
    "  fast: {model: 'ollama:fast'}\n"
    "  strong: {model: 'ollama:strong'}\n"
    "aliases:\n"
    "  thinking: strong\n"
    "agents:\n"
    "  defaults: {route: fast, model: 'ollama:ignored'}\n"
    "  list:\n"
    "    - {id: both, route: thinking, model: 'ollama:ignored'}\n"
    "    - {id: inherits}\n"
    "    - {id: model-only, model: 'ollama:own'}\n"
)


@pytest.mark.parametrize(
    ("agent", "route", "target", "reason"),
    [
        ("both", "strong", "ollama:strong", "agent route"),
        ("inherits", "fast", "ollama:fast", "defaults (defaults route)"),
        ("model-only", None, "ollama:own", "agent model"),
    ],
)
def test_an_agents_route_wins_over_its_model(agent: str, route: str | None, target: str, reason: str) -> None:
    table = table_of(BOTH)
    entry = table["agents"][agent]  # type: ignore[index]
    assert (entry["route"], entry["target"], entry["reason"]) == (route, target, reason)
    assert "ollama:ignored" not in json.dumps(table)


def test_route_and_model_on_one_agent_is_warned_about_and_still_built(tmp_path: Path) -> None:
    result = build(BOTH.encode(), "table.yaml", ("table",))
    assert result.ok
    assert [d.code for d in result.report.diagnostics] == ["RC106", "RC106"]
    stub = stub_of(BOTH, tmp_path)
    assert stub.route_for("both") == "strong"
    assert stub.model_for("thinking") == "ollama:strong"


# A LiteLLM deployment carries its own credentials and endpoint; the table has them per provider:
# every variable any deployment of the provider names, and an endpoint only where all its deployments agree.
LITELLM = (
    "model_list:\n"
    "  - model_name: a\n"
    "    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_KEY_ONE}\n"
    "  - model_name: b\n"
    "    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_KEY_TWO}\n"
    "  - model_name: c\n"
    "    litellm_params: {model: openai/o3, api_key: os.environ/OPENAI_KEY_ONE}\n"
    "  - model_name: local\n"
    "    litellm_params: {model: ollama_chat/llama3.1, api_base: 'http://localhost:11434'}\n"
    "  - model_name: local-small\n"
    "    litellm_params: {model: ollama_chat/llama3.2, api_base: 'http://localhost:11434'}\n"
    "  - model_name: eu\n"
    "    litellm_params: {model: azure/gpt-4o-eu, api_key: os.environ/AZURE_EU_KEY, api_base: 'https://eu.example.com'}\n"
    "  - model_name: us\n"
    "    litellm_params: {model: azure/gpt-4o-us, api_key: os.environ/AZURE_US_KEY, api_base: 'https://us.example.com'}\n"
    "  - model_name: claude\n"
    "    litellm_params: {model: anthropic/claude-opus-4-6, api_key: os.environ/ANTHROPIC_API_KEY, api_base: os.environ/ANTHROPIC_BASE}\n"
)


def test_a_litellm_tables_providers_carry_their_deployments_credentials_and_shared_endpoint() -> None:
    result = build(LITELLM.encode(), "config.yaml", ("table",))
    assert result.ok, [d.message for d in result.report.diagnostics]
    providers = json.loads(result.artifacts["table"])["providers"]
    assert {name: (entry["credentials"], entry["base_url"]) for name, entry in providers.items()} == {
        "openai": (["OPENAI_KEY_ONE", "OPENAI_KEY_TWO"], None),
        "ollama_chat": ([], "http://localhost:11434"),
        "azure": (["AZURE_EU_KEY", "AZURE_US_KEY"], None),  # two endpoints: the table cannot say which is whose
        "anthropic": (["ANTHROPIC_API_KEY"], None),  # an endpoint from the environment is no URL
    }
