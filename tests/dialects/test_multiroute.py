"""MultiRoute: detection, normalized model ids and their providers, lowering, and building."""

from __future__ import annotations

import json

import pytest

from routec.build import build
from routec.check import check_text
from routec.diagnostics import Severity
from routec.dialects import detect
from routec.dialects.multiroute import multiroute_config
from routec.ir import Config
from routec.syntax import Source, parse

from ..conftest import ROOT

CONFIG = """\
default_model: gpt-4o-mini
providers:
  openai:
    api_key: ${OPENAI_API_KEY}
    models: [gpt-4o, gpt-4o-mini]
  anthropic:
    api_key: ${ANTHROPIC_API_KEY}
    api_base: https://anthropic.example.com
    models: [claude-3-5-sonnet]
  groq:
    api_key: ${GROQ_API_KEY}
    models: [llama-3.3-70b]
    disabled: true
  together:
    api_key: ${TOGETHER_API_KEY}
    models: [llama-3.3-70b, meta-llama/Llama-3-70b]
routes:
  chat:
    primary: gpt-4o
    fallbacks: [claude-3-5-sonnet, openai/gpt-4o-mini]
    timeout_ms: 8000
  open:
    primary: llama-3.3-70b
    fallbacks: [meta-llama/Llama-3-70b]
limits: {requests_per_minute: 600}
"""


def lower(text: str, path: str = "config.yaml") -> Config:
    config = check_text(text, path).config
    assert config is not None and config.dialect == "multiroute"
    return config


def codes(text: str) -> list[str]:
    return [d.code for d in check_text(text, "config.yaml").diagnostics]


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("routes:\n  chat: {primary: gpt-4o}\n", "config.yaml", "multiroute"),
        ("default_model: gpt-4o\n", "config.yaml", "multiroute"),
        ('{"routes": {"chat": {"primary": "openai/gpt-4o"}, "other": {"model": "x"}}}', "c.json5", "multiroute"),
        ("routes:\n  chat: {model: 'openai:gpt-4o'}\n", "config.yaml", "routec"),
        ("routing:\n  routes: []\ndefault_model: gpt-4o\n", "config.yaml", "tokenpak"),  # TokenPak is asked first
    ],
)
def test_detection(text: str, path: str, expected: str) -> None:
    document = parse(Source(path, text), "json5" if path.endswith("json5") else "yaml")
    assert detect(document).dialect.name == expected


def test_the_config_checks_clean() -> None:
    assert codes(CONFIG) == []


def test_routes_lower_with_normalized_ids_resolved_to_their_provider() -> None:
    config = lower(CONFIG)
    chat = config.routes["chat"]
    assert chat.model is not None and chat.model.value == "openai/gpt-4o"
    assert [ref.value for ref in chat.fallback_models] == ["anthropic/claude-3-5-sonnet", "openai/gpt-4o-mini"]
    assert CONFIG[chat.model.text.start : chat.model.text.end] == "gpt-4o"  # the span of the id as written


def test_an_id_served_by_a_disabled_and_an_enabled_provider_goes_to_the_enabled_one() -> None:
    config = lower(CONFIG)
    assert config.routes["open"].model.value == "together/llama-3.3-70b"  # type: ignore[union-attr]
    use = multiroute_config(config).uses[3]
    assert use.providers == ("together", "groq")


def test_a_listed_id_with_a_slash_stays_whole() -> None:
    config = lower(CONFIG)
    assert [ref.value for ref in config.routes["open"].fallback_models] == ["together/meta-llama/Llama-3-70b"]


def test_providers_lower_with_enabled_configured_and_base_url() -> None:
    providers = lower(CONFIG).providers
    assert {name: (p.enabled, p.configured) for name, p in providers.items()} == {
        "openai": (True, True),
        "anthropic": (True, True),
        "groq": (False, True),
        "together": (True, True),
    }
    assert providers["anthropic"].base_url is not None
    assert providers["anthropic"].base_url.value == "https://anthropic.example.com"
    assert providers["openai"].path == "providers.openai"


def test_default_model_is_the_defaults() -> None:
    config = lower(CONFIG)
    assert config.defaults is not None and config.defaults.model is not None
    assert config.defaults.model.value == "openai/gpt-4o-mini"
    assert config.defaults.model.path == "default_model"


def test_unserved_and_undeclared_models_are_reported_once_by_the_dialect_rules() -> None:
    text = "providers:\n  openai: {api_key: '${OPENAI_API_KEY}', models: [gpt-4o]}\nroutes:\n  chat: {primary: gpt-5, fallbacks: [anthropic/claude-3-5-haiku-latest]}\n"
    assert sorted(codes(text)) == ["RC802", "RC803"]  # no RC201 for the bare id, no RC204 for the undeclared provider


def test_a_provider_without_key_is_not_configured() -> None:
    text = "providers:\n  openai: {models: [gpt-4o]}\nroutes:\n  chat: {primary: gpt-4o}\n"
    report = check_text(text, "config.yaml")
    [rc204] = [d for d in report.diagnostics if d.code == "RC204"]
    assert rc204.fix is not None and "providers.openai.api_key" in rc204.fix.message


@pytest.mark.parametrize(("value", "code"), [("0", "RC006"), ("-250", "RC006"), ("'30s'", "RC004"), ("1", None)])
def test_timeouts_must_be_positive_milliseconds(value: str, code: str | None) -> None:
    text = f"providers:\n  openai: {{api_key: '${{OPENAI_API_KEY}}', models: [gpt-4o]}}\nroutes:\n  chat: {{primary: gpt-4o, timeout_ms: {value}}}\n"
    assert codes(text) == ([code] if code else [])


def test_misplaced_keys_get_advice() -> None:
    text = "providers:\n  openai: {api_key: '${OPENAI_API_KEY}', models: [gpt-4o], enabled: false}\nroutes:\n  chat: {primary: gpt-4o}\n"
    [unknown] = [d for d in check_text(text, "config.yaml").diagnostics if d.code == "RC003"]
    assert "disabled: true" in unknown.message or (unknown.fix is not None and "disabled: true" in unknown.fix.message)


def test_a_literal_api_key_is_a_secret() -> None:
    text = "providers:\n  openai: {api_key: plain-text-key, models: [gpt-4o]}\nroutes:\n  chat: {primary: gpt-4o}\n"
    assert "RC301" in codes(text)


def test_a_route_with_every_model_disabled_is_an_error() -> None:
    text = "providers:\n  groq: {api_key: '${GROQ_API_KEY}', models: [llama-3.3-70b], disabled: true}\nroutes:\n  open: {primary: llama-3.3-70b}\n"
    [diagnostic] = check_text(text, "config.yaml").diagnostics
    assert diagnostic.code == "RC801" and diagnostic.severity is Severity.ERROR


def test_the_config_builds_with_provider_slash_model_targets() -> None:
    result = build(CONFIG.encode(), "multiroute.yaml", ("table", "python", "typescript"))
    assert result.ok
    table = json.loads(result.artifacts["table"])
    assert [step["target"] for step in table["routes"]["chat"]["chain"]] == [
        "openai/gpt-4o",
        "anthropic/claude-3-5-sonnet",
        "openai/gpt-4o-mini",
    ]
    assert table["defaults"]["target"] == "openai/gpt-4o-mini"
    assert table["providers"]["openai"]["credentials"] == ["OPENAI_API_KEY"]


@pytest.mark.parametrize("name", ["models-and-providers.yaml", "explicit-providers.json5"])
def test_examples_check_clean(name: str) -> None:
    path = ROOT / "examples" / "multiroute" / name
    report = check_text(path.read_text(), str(path))
    assert report.config is not None and report.config.dialect == "multiroute"
    assert [d.code for d in report.diagnostics] == []



def test_a_repeated_fallback_compares_ids_resolved() -> None:
    text = "providers:\n  openai: {api_key: '${OPENAI_API_KEY}', models: [gpt-4o, gpt-4o-mini]}\nroutes:\n  chat: {primary: gpt-4o, fallbacks: [gpt-4o-mini, openai/gpt-4o]}\n"
    [repeat] = check_text(text, "config.yaml").diagnostics
    assert repeat.code == "RC804" and "repeats the route's primary 'gpt-4o'" in repeat.message
    assert repeat.start == text.index("openai/gpt-4o]")
