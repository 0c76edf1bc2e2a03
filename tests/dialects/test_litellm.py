"""LiteLLM proxy configs: detection, lowering to the IR, and the failures LiteLLM accepts silently."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from routec.build import build
from routec.check import FileReport, check_text
from routec.diagnostics import Severity
from routec.dialects import DIALECTS, detect
from routec.syntax import Source, parse

ROOT = Path(__file__).resolve().parents[2]

# Every failure the issue lists, in one file: LiteLLM starts with all of them.
SILENT_FAILURES = """\
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o-eu
      api_base: os.environ/AZURE_API_BASE
      api_key: os.environ/AZURE_API_KEY
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: claude
    litellm_params:
      model: claude-sonnet-4-5
      api_key: os.environ/ANTHROPIC_API_KEY
  - model_name: llama
    litellm_params:
      model: grok/llama-3.3-70b-versatile
      api_key: os.environ/GROQ_API_KEY
      tmp: 100000
  - model_name: local
    litellm_params:
      model: ollama/llama3.1
router_settings:
  routing_strategy: simple-shuffle
  max_fallbacks: 2
  fallbacks:
    - gpt-4o: [claude]
    - claude: [llama]
    - llama: [local, gpt-4o]
    - gpt4o: [claude]
    - local: [gpt-4o-mni]
  model_group_alias:
    smart: cluade
  num_retires: 3
general_settings:
  master-key: os.environ/LITELLM_MASTER_KEY
"""


def check(text: str, path: str = "config.yaml") -> FileReport:
    report = check_text(text, path)
    assert not report.internal_errors, report.internal_errors
    return report


def found(report: FileReport) -> list[tuple[str, int]]:
    return [(d.code, d.start_position.line) for d in report.diagnostics]


def codes(report: FileReport) -> set[str]:
    return {d.code for d in report.diagnostics}


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_every_silent_failure_is_reported_in_one_run() -> None:
    text = SILENT_FAILURES
    report = check(text)
    assert report.config is not None and report.config.dialect == "litellm"
    expected = [
        (
            "RC603",
            line_of(text, "model: openai/gpt-4o\n      api_key: os.environ/OPENAI_API_KEY\n  - model_name: claude"),
        ),
        ("RC201", line_of(text, "model: claude-sonnet-4-5")),  # no provider
        ("RC202", line_of(text, "model: grok/")),  # unknown provider prefix, did you mean groq
        ("RC003", line_of(text, "tmp: 100000")),  # misspelled key in litellm_params
        ("RC602", line_of(text, "llama: [local, gpt-4o]")),  # 'local' is past max_fallbacks from gpt-4o
        ("RC104", line_of(text, "llama: [local, gpt-4o]")),  # gpt-4o -> claude -> llama -> gpt-4o
        ("RC101", line_of(text, "gpt4o: [claude]")),  # a fallbacks key that names no model_name
        ("RC102", line_of(text, "local: [gpt-4o-mni]")),  # a fallback that names no model_name
        ("RC102", line_of(text, "smart: cluade")),  # an alias that names no model_name
        ("RC003", line_of(text, "num_retires: 3")),  # misspelled key in router_settings
        ("RC601", line_of(text, "master-key:")),  # misspelled master_key: no authentication
    ]
    assert found(report) == expected
    by_code = {d.code: d for d in report.diagnostics}
    assert by_code["RC601"].severity is Severity.ERROR
    assert "did you mean 'groq'?" in by_code["RC202"].message
    assert by_code["RC201"].fix is not None and "anthropic/claude-sonnet-4-5" in by_code["RC201"].fix.message
    assert "gpt-4o -> claude -> llama -> gpt-4o" in by_code["RC104"].message


def test_deployments_sharing_a_model_name_are_one_load_balanced_route() -> None:
    report = check(SILENT_FAILURES)
    assert report.config is not None
    route = report.config.routes["gpt-4o"]
    assert route.model is not None and route.model.value == "openai/gpt-4o"
    assert [model.value for model in route.extra_models] == ["azure/gpt-4o-eu"]
    # Load balancing is not a copy: RC603 names only the other group.
    [shared] = [d for d in report.diagnostics if d.code == "RC603"]
    assert "group 'gpt-4o-mini'" in shared.message


def test_detection_by_shape() -> None:
    def dialect_of(text: str) -> str:
        document = parse(Source("config.yaml", text), "yaml")
        return detect(document).dialect.name

    assert dialect_of("model_list: []\n") == "litellm"
    assert dialect_of("router_settings: {num_retries: 2}\n") == "litellm"
    assert dialect_of("general_settings: {master_key: os.environ/LITELLM_MASTER_KEY}\n") == "litellm"
    assert dialect_of("routes: {fast: {model: 'openai:gpt-4o'}}\n") == "routec"


def test_conventions() -> None:
    conventions = DIALECTS["litellm"].conventions
    assert conventions.yaml_version == "1.1"
    assert conventions.env_syntax == "os.environ/VAR"
    assert conventions.model_separator == "/"
    assert {
        "openai",
        "azure",
        "azure_ai",
        "bedrock",
        "vertex_ai",
        "ollama_chat",
        "together_ai",
    } <= conventions.known_providers


def test_the_provider_is_the_part_before_the_first_slash() -> None:
    text = """\
model_list:
  - model_name: llama
    litellm_params:
      model: huggingface/meta-llama/Llama-3.1-8B-Instruct
      api_key: os.environ/HUGGINGFACE_API_KEY
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: os.environ/TOGETHERAI_API_KEY
"""
    report = check(text)
    assert found(report) == []
    table = json.loads(build(text.encode(), "config.yaml", ("table",)).artifacts["table"])
    assert table["routes"]["llama"]["provider"] == "huggingface"
    assert table["routes"]["llama"]["model"] == "meta-llama/Llama-3.1-8B-Instruct"


def test_a_fallback_entry_has_exactly_one_key() -> None:
    text = """\
model_list:
  - {model_name: a, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}}
  - {model_name: b, litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}}
router_settings:
  fallbacks:
    - {a: [b], b: [a]}
  context_window_fallbacks:
    - {a: [b], b: [a]}
"""
    report = check(text)
    messages = [d.message for d in report.diagnostics if d.code == "RC006"]
    assert messages == [
        "invalid value for `router_settings.fallbacks[0]`: an entry with 2 keys: LiteLLM refuses to start",
        (
            "invalid value for `router_settings.context_window_fallbacks[0]`: an entry with 2 keys: "
            "LiteLLM reads only the first one"
        ),
    ]
    schema = json.loads((ROOT / "schemas" / "litellm.schema.json").read_text())
    assert report.document.root is not None
    assert not jsonschema.Draft202012Validator(schema).is_valid(report.document.root.to_python())


def test_wildcard_groups_serve_names_the_config_does_not_list() -> None:
    text = """\
model_list:
  - model_name: fast
    litellm_params: {model: groq/llama-3.1-8b-instant, api_key: os.environ/GROQ_API_KEY}
  - model_name: openai/*
    litellm_params: {model: openai/*, api_key: os.environ/OPENAI_API_KEY}
router_settings:
  fallbacks:
    - fast: [openai/gpt-4o-mini]
  default_fallbacks: [gpt-4o-mini]
  model_group_alias:
    gpt: openai/gpt-4.1
"""
    report = check(text)
    assert found(report) == []
    assert report.config is not None
    assert "openai/*" not in report.config.routes  # a wildcard is no name a client calls
    assert build(text.encode(), "config.yaml", ("table",)).ok


def test_names_from_included_files_are_not_judged() -> None:
    text = """\
include: [models.yaml]
router_settings:
  fallbacks:
    - gpt-4o: [claude]
  model_group_alias:
    smart: claude
"""
    assert "RC101" not in codes(check(text)) and "RC102" not in codes(check(text))


def test_custom_llm_provider_names_the_provider() -> None:
    text = """\
model_list:
  - model_name: finetune
    litellm_params: {model: ft-support-bot, custom_llm_provider: openai, api_key: os.environ/OPENAI_API_KEY}
  - model_name: other
    litellm_params: {model: my-model, custom_llm_provider: opneai, api_key: os.environ/OPENAI_API_KEY}
"""
    report = check(text)
    assert [(d.code, d.start_position.line) for d in report.diagnostics] == [("RC202", 5)]
    assert "did you mean 'openai'?" in report.diagnostics[0].message


def test_litellm_settings_fallbacks_apply_when_router_settings_has_none() -> None:
    text = """\
model_list:
  - {model_name: a, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}}
  - {model_name: b, litellm_params: {model: anthropic/claude-haiku-4-5, api_key: os.environ/ANTHROPIC_API_KEY}}
litellm_settings:
  fallbacks:
    - a: [b]
"""
    report = check(text)
    assert found(report) == []
    assert report.config is not None
    assert [reference.value for reference in report.config.routes["a"].fallbacks] == ["b"]


def test_max_fallbacks_comes_from_litellm_settings_when_the_router_sets_none() -> None:
    text = """\
model_list:
  - {model_name: a, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}}
  - {model_name: b, litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}}
  - {model_name: c, litellm_params: {model: anthropic/claude-haiku-4-5, api_key: os.environ/ANTHROPIC_API_KEY}}
router_settings:
  fallbacks: [{a: [b]}, {b: [c]}]
litellm_settings:
  max_fallbacks: 1
"""
    assert found(check(text)) == [("RC602", 6)]


def test_a_literal_api_key_is_a_secret_with_the_providers_variable() -> None:
    text = """\
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: not-a-real-key-but-literal
"""
    [secret] = [d for d in check(text).diagnostics if d.code == "RC301"]
    assert "not-a-real-key-but-literal" not in secret.message
    assert secret.fix is not None and "OPENAI_API_KEY" in secret.fix.message


def test_model_info_keeps_custom_metadata_but_reports_near_misses() -> None:
    text = """\
model_list:
  - model_name: gpt-4o
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
    model_info:
      owner: platform-team
      supports_vison: true
"""
    report = check(text)
    [unknown] = report.diagnostics
    assert unknown.code == "RC003" and unknown.severity is Severity.WARNING
    assert "did you mean 'supports_vision'?" in unknown.message


def test_misplaced_settings_say_where_they_belong() -> None:
    text = """\
model_list:
  - model_name: gpt-4o
    rpm: 100
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
litellm_settings:
  routing_strategy: least-busy
"""
    messages = [d.message for d in check(text).diagnostics]
    assert messages == [
        "unknown key 'rpm' in `model_list[0]`: LiteLLM reads it from `litellm_params`",
        (
            "unknown key 'routing_strategy' in `litellm_settings`: a router setting: LiteLLM reads it from "
            "`router_settings`, not here"
        ),
    ]


def test_the_example_proxy_builds_its_failover_chains() -> None:
    path = ROOT / "examples" / "litellm" / "proxy.yaml"
    result = build(path.read_bytes(), str(path), ("table",))
    assert result.ok, [d.message for d in result.report.diagnostics]
    table = json.loads(result.artifacts["table"])
    assert [step["target"] for step in table["routes"]["gpt-4o"]["chain"]] == [
        "openai/gpt-4o",
        "azure/gpt-4o-eu",
        "anthropic/claude-sonnet-4-5",
        "bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
        "openai/gpt-4o-mini",
    ]
    assert table["aliases"]["claude"]["route"] == "claude-sonnet"
    assert table["aliases"]["fast"]["route"] == "claude-haiku"
