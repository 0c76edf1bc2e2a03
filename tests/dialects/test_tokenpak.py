"""TokenPak: detection, lowering to the common model, the recipe's own config, and building it."""

from __future__ import annotations

import json

import pytest

from routec.build import build
from routec.check import check_text
from routec.diagnostics import Severity
from routec.dialects import detect
from routec.dialects.tokenpak import tokenpak_routing
from routec.fix import fix_bytes
from routec.ir import Config
from routec.syntax import Source, parse

from ..conftest import ROOT

# The recipe's config as TokenPak publishes it (docs/recipes/04-model-routing-by-use-case.md).
SEED = """\
# ILLUSTRATIVE ONLY — not a validated TokenPak config schema
routing:
  enabled: true
  routes:
    - name: code_generation
      keywords: [code, function, debug, refactor, algorithm]
      preferred_model: gpt-4
      fallback_model: gpt-3.5-turbo
    - name: simple_chat
      keywords: [greet, hello, chat, casual]
      preferred_model: claude-haiku
      fallback_model: gpt-3.5-turbo
    - name: default
      preferred_model: gpt-3.5-turbo
      fallback_model: claude-haiku

cost_aware_routing:
  enabled: true
  degrade_above_budget_pct: 80
  degradation_map:
    gpt-4: gpt-3.5-turbo
"""


def lower(text: str, path: str = "config.yaml") -> Config:
    config = check_text(text, path).config
    assert config is not None and config.dialect == "tokenpak"
    return config


def codes(text: str, path: str = "config.yaml") -> list[str]:
    return [d.code for d in check_text(text, path).diagnostics]


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("routing:\n  routes: []\n", "config.yaml", "tokenpak"),
        ('{"routing": {"routes": [{"name": "default", "preferred_model": "openai:gpt-4o"}]}}', "c.json5", "tokenpak"),
        ("routing:\n  enabled: true\n", "config.yaml", "routec"),  # no routes list: not recognised
        ("routing:\n  routes: {fast: {}}\n", "config.yaml", "routec"),  # routes as a mapping is not TokenPak's
        ("routes:\n  fast: {model: 'ollama:llama3'}\n", "config.yaml", "routec"),
        ("# routec: dialect=tokenpak\ncost_aware_routing: {}\n", "config.yaml", "tokenpak"),
    ],
)
def test_detection(text: str, path: str, expected: str) -> None:
    document = parse(Source(path, text), "json5" if path.endswith("json5") else "yaml")
    assert detect(document).dialect.name == expected


def test_the_recipe_config_checks_with_warnings_only_naming_each_inferred_provider() -> None:
    report = check_text(SEED, "recipe.yaml")
    assert {d.code for d in report.diagnostics} == {"RC708"}
    assert all(d.severity is Severity.WARNING for d in report.diagnostics)
    messages = [d.message for d in report.diagnostics]
    assert "its name implies 'openai'" in messages[0] and "'gpt-4'" in messages[0]
    assert any("'claude-haiku'" in m and "'anthropic'" in m for m in messages)
    assert len(messages) == 8  # six route models and both sides of the degradation entry


def test_routes_lower_to_routes_with_fallback_models() -> None:
    config = lower(SEED)
    assert list(config.routes) == ["code_generation", "simple_chat", "default"]
    code = config.routes["code_generation"]
    assert code.model is not None and code.model.value == "openai:gpt-4"
    assert [ref.value for ref in code.fallback_models] == ["openai:gpt-3.5-turbo"]
    assert code.model.path == "routing.routes[0].preferred_model"
    # The IR's model keeps the span of the model as written, so diagnostics point at `gpt-4`.
    assert SEED[code.model.text.start : code.model.text.end] == "gpt-4"


def test_keywords_become_matchers_in_file_order_and_the_keywordless_route_is_the_default() -> None:
    config = lower(SEED)
    assert [(m.kind, m.name, [p.value for p in m.patterns]) for m in config.matchers] == [
        ("keyword", "code_generation", ["code", "function", "debug", "refactor", "algorithm"]),
        ("keyword", "simple_chat", ["greet", "hello", "chat", "casual"]),
    ]
    assert all(m.route is None for m in config.matchers)  # the matcher belongs to its route
    assert config.matchers[0].node is config.routes["code_generation"].node
    assert config.default_route is not None and config.default_route.value == "default"


def test_degradation_map_is_the_budget_and_every_model_is_seen_by_the_model_rules() -> None:
    config = lower(SEED)
    assert config.budget is not None
    assert config.budget.threshold is not None and config.budget.threshold.value == 80
    assert [(a.value, b.value) for a, b in config.budget.degradation] == [("openai:gpt-4", "openai:gpt-3.5-turbo")]
    assert {ref.value for ref in config.model_refs()} == {
        "openai:gpt-4",
        "openai:gpt-3.5-turbo",
        "anthropic:claude-haiku",
    }
    routing = tokenpak_routing(config)
    assert [(step.model.written.value, step.cheaper.written.value) for step in routing.degradations] == [("gpt-4", "gpt-3.5-turbo")]


def test_without_providers_block_the_callers_key_is_forwarded() -> None:
    config = lower(SEED)
    assert {name: p.configured for name, p in config.providers.items()} == {"openai": True, "anthropic": True}
    assert "RC204" not in codes(SEED)


def test_with_providers_block_a_provider_without_key_is_reported() -> None:
    text = (
        "providers:\n  openai: {type: openai, api_key: '${OPENAI_API_KEY}'}\n"
        "routing:\n  routes:\n    - {name: default, preferred_model: 'openai:gpt-4o', fallback_model: 'anthropic:claude-3-5-haiku-latest'}\n"
    )
    report = check_text(text, "config.yaml")
    [rc204] = [d for d in report.diagnostics if d.code == "RC204"]
    assert "'anthropic'" in rc204.message
    assert rc204.fix is not None and "providers.anthropic.api_key" in rc204.fix.message


def test_the_models_catalog_names_providers_of_bare_models() -> None:
    text = (ROOT / "examples" / "tokenpak" / "model-catalog.yaml").read_text()
    config = lower(text)
    assert config.routes["reasoning_heavy"].model.value == "anthropic:claude-opus"  # type: ignore[union-attr]
    assert codes(text) == []


def test_a_catalog_entry_with_an_unknown_provider_is_invalid_and_the_name_is_inferred() -> None:
    text = "models:\n  gpt-4o: {provider: opneai}\nrouting:\n  routes:\n    - {name: default, preferred_model: gpt-4o, fallback_model: 'openai:gpt-4o-mini'}\n"
    found = codes(text)
    assert "RC006" in found and "RC708" in found and "RC202" not in found


def test_a_literal_api_key_is_a_secret() -> None:
    text = "providers:\n  openai: {api_key: plain-text-key}\nrouting:\n  routes:\n    - {name: default, preferred_model: 'openai:gpt-4o', fallback_model: 'openai:gpt-4o-mini'}\n"
    assert "RC301" in codes(text)


def test_a_repeated_route_name_keeps_the_first_route() -> None:
    text = (
        "routing:\n  routes:\n"
        "    - {name: code, keywords: [refactor], preferred_model: 'openai:gpt-4o', fallback_model: 'openai:gpt-4o-mini'}\n"
        "    - {name: code, keywords: [lint], preferred_model: 'anthropic:claude-3-5-haiku-latest', fallback_model: 'openai:gpt-4o-mini'}\n"
        "    - {name: default, preferred_model: 'openai:gpt-4o-mini', fallback_model: 'anthropic:claude-3-5-haiku-latest'}\n"
    )
    config = lower(text)
    assert config.routes["code"].model.value == "openai:gpt-4o"  # type: ignore[union-attr]
    assert [m.name for m in config.matchers] == ["code"]
    assert "RC705" in codes(text)


def test_shape_errors_are_the_generic_ones() -> None:
    text = "routing:\n  routes:\n    - {name: default, model: 'openai:gpt-4o', fallback_model: 7}\n"
    report = check_text(text, "config.yaml")
    found = {d.code for d in report.diagnostics}
    assert {"RC003", "RC004", "RC005"} <= found
    [unknown] = [d for d in report.diagnostics if d.code == "RC003"]
    assert "preferred_model" in unknown.message or (unknown.fix is not None and "preferred_model" in unknown.fix.message)


def test_the_inferred_provider_fix_is_unsafe_and_writes_the_provider() -> None:
    result = fix_bytes(SEED.encode(), "recipe.yaml", unsafe=True)
    fixed = result.fixed.decode()
    assert "preferred_model: openai:gpt-4\n" in fixed
    assert "    openai:gpt-4: openai:gpt-3.5-turbo\n" in fixed
    assert [d.code for d in result.report.diagnostics] == []
    assert fix_bytes(SEED.encode(), "recipe.yaml").applied == 0  # not applied without --unsafe-fixes


def test_the_recipe_config_builds_with_its_rules_default_and_budget() -> None:
    result = build(SEED.encode(), "recipe.yaml", ("table", "python", "typescript"))
    assert result.ok
    table = json.loads(result.artifacts["table"])
    assert [step["target"] for step in table["routes"]["simple_chat"]["chain"]] == ["anthropic:claude-haiku", "openai:gpt-3.5-turbo"]
    assert table["rules"]["default"] == "default"
    assert [rule["route"] for rule in table["rules"]["match"]] == ["code_generation", "simple_chat"]
    assert table["budget"]["degrade"] == {"openai:gpt-4": "openai:gpt-3.5-turbo"}


@pytest.mark.parametrize("name", ["use-case-routing.yaml", "model-catalog.yaml"])
def test_examples_check_clean(name: str) -> None:
    path = ROOT / "examples" / "tokenpak" / name
    report = check_text(path.read_text(), str(path))
    assert report.config is not None and report.config.dialect == "tokenpak"
    assert [d.code for d in report.diagnostics] == []


def test_the_broad_keyword_lists_are_documented_as_they_are() -> None:
    from routec.rules.tokenpak.broad_keyword import MIN_LENGTH, REQUEST_WORDS, STOP_WORDS

    doc = (ROOT / "docs" / "dialects" / "tokenpak.md").read_text()
    section = " ".join(doc.split("### What RC701 counts as broad", 1)[1].split("## A full example", 1)[0].split())
    for words in (STOP_WORDS, REQUEST_WORDS):
        listed = ", ".join(sorted(words))
        assert listed in section, listed
    assert f"shorter than {MIN_LENGTH} characters" in section
