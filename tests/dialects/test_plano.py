"""Plano: routec agrees with Plano's own validator on real configs, and goes beyond it.

The oracle is `planoai` itself (the `gateways` extra pins it): its
``validate_and_render_schema`` run in-process on each file, offline, with
the environment variables it reads pointed at the packaged schema and
template and at a temporary output directory. It stops at the first error;
routec must reach the same verdict (valid = no error-severity diagnostics),
name the same problem, and say where.

``plano_corpus/`` holds 35 configs from katanemo/plano (Apache-2.0), copied
unchanged; ``plano_corpus/SOURCE.md`` says where from.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from routec.build import build
from routec.check import FileReport, check_bytes, check_text
from routec.diagnostics import Severity
from routec.dialects import detect
from routec.dialects.plano import Plano, plano_data
from routec.ir import Config, Reference
from routec.ir.graph import Resolver
from routec.syntax import Source, parse

from ..conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "plano_corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))
RULE_CASES = sorted((ROOT / "tests" / "cases").glob("RC5*/*.yaml"))

# The configs planoai rejects: the problem routec must report (code, line) and a phrase both messages share.
INVALID = {
    "docs_source_concepts_includes_plano_config.yaml": ("RC006", 1, "v0.2.0"),
    "docs_source_resources_includes_plano_config_agents_filters.yaml": ("RC003", 37, "filter_chain"),
}


@pytest.fixture()
def planoai(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A function: path -> None when planoai accepts the config, else its error message."""
    try:
        import planoai.config_generator as generator
    except ImportError as error:  # the oracle is the point of these tests: missing, they fail
        pytest.fail(f"planoai is missing ({error}): pip install -e '.[test,gateways]'")
    data = Path(generator.__file__).parent / "data"
    monkeypatch.setenv("PLANO_CONFIG_SCHEMA_FILE", str(data / "plano_config_schema.yaml"))
    monkeypatch.setenv("TEMPLATE_ROOT", str(data))
    monkeypatch.setenv("ENVOY_CONFIG_TEMPLATE_FILE", "envoy.template.yaml")
    monkeypatch.setenv("PLANO_CONFIG_FILE_RENDERED", str(tmp_path / "plano_config_rendered.yaml"))
    monkeypatch.setenv("ENVOY_CONFIG_FILE_RENDERED", str(tmp_path / "envoy.yaml"))
    monkeypatch.delenv("OTEL_TRACING_GRPC_ENDPOINT", raising=False)

    def verdict(path: Path) -> str | None:
        monkeypatch.setenv("PLANO_CONFIG_FILE", str(path))
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                generator.validate_and_render_schema()
        except SystemExit:  # a schema error: printed, then exit(1)
            return printed.getvalue().strip().splitlines()[-3] if printed.getvalue().strip() else "exit"
        except Exception as error:  # noqa: BLE001 - planoai raises bare Exception for every other check
            return str(error)
        return None

    return verdict


def errors(report: FileReport) -> list[str]:
    return [
        f"{d.start_position.line}: {d.code} {d.message}" for d in report.diagnostics if d.severity is Severity.ERROR
    ]


def check(path: Path) -> FileReport:
    report = check_bytes(path.read_bytes(), path.name)
    assert not report.internal_errors, report.internal_errors
    assert report.config is not None and report.config.dialect == "plano"
    return report


def lower(text: str) -> Config:
    config = check_text(text, "config.yaml").config
    assert config is not None and config.dialect == "plano"
    return config


def test_the_corpus_is_all_there() -> None:
    assert len(CORPUS_FILES) == 35


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name)
def test_same_verdict_as_planoai(path: Path, planoai: Any) -> None:
    rejected = planoai(path)
    found = errors(check(path))
    assert (rejected is not None) == bool(found), (rejected, found)
    assert (rejected is not None) == (path.name in INVALID)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_same_problem_at_its_line(name: str, planoai: Any) -> None:
    code, line, phrase = INVALID[name]
    path = CORPUS / name
    assert phrase in planoai(path)
    report = check(path)
    assert any(d.code == code and d.start_position.line == line and phrase in d.message for d in report.diagnostics), (
        errors(report)
    )


def test_all_errors_at_once_where_planoai_stops_at_the_first() -> None:
    """planoai names `filter_chain` only; the listener's unknown router is wrong too."""
    report = check(CORPUS / "docs_source_resources_includes_plano_config_agents_filters.yaml")
    assert [(line.split(":")[0], line.split()[1]) for line in errors(report)] == [("33", "RC006"), ("37", "RC003")]


@pytest.mark.parametrize("path", RULE_CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_rule_cases_agree_with_planoai_where_it_checks(path: Path, planoai: Any) -> None:
    """Whatever planoai rejects, routec reports as an error; every passing case planoai accepts too."""
    rejected = planoai(path)
    if rejected is not None:
        assert errors(check(path)), rejected
    if path.name.startswith("pass"):
        assert rejected is None, rejected


# --- detection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("model_providers:\n  - model: openai/gpt-4o\n", "plano"),
        ("llm_providers:\n  - model: openai/gpt-4o\n", "plano"),
        ("version: v0.4.0\nlisteners: []\n", "plano"),
        ("routes:\n  fast: {model: 'openai:gpt-4o'}\n", "routec"),
        ("version: v0.4.0\n", "routec"),
    ],
)
def test_detection(text: str, expected: str) -> None:
    assert detect(parse(Source("config.yaml", text), "yaml")).dialect.name == expected


# --- lowering -------------------------------------------------------------------------------

ALIASES = CORPUS / "demos_llm_routing_model_alias_routing_config_with_aliases.yaml"


def test_providers_become_routes_named_by_model_and_wildcards_stay_models() -> None:
    config = check(ALIASES).config
    assert config is not None
    assert list(config.routes)[:3] == ["openai/gpt-5-mini-2025-08-07", "openai/gpt-4o-mini", "openai/o3"]
    assert "openai/*" not in config.routes and "anthropic/*" not in config.routes
    assert [ref.value for ref in config.other_models] == ["openai/*", "anthropic/*"]
    assert config.defaults is not None and config.defaults.route is not None
    assert config.defaults.route.value == "openai/gpt-5-mini-2025-08-07"


def test_alias_targets_by_model_id_resolve_to_the_route_and_point_at_the_target() -> None:
    report = check(ALIASES)
    config = report.config
    assert config is not None
    target = config.aliases["coding-model"].target
    assert isinstance(target, Reference) and target.value == "us.amazon.nova-premier-v1:0"  # as written
    assert Resolver(config).resolve("coding-model").route == "amazon_bedrock/us.amazon.nova-premier-v1:0"
    position = report.document.source.position(target.name.start)
    assert (position.line, position.column) == (91, 13)  # `target: us.amazon.nova-premier-v1:0`


def test_a_name_is_the_route_name_and_preferences_name_routes() -> None:
    config = lower(
        "version: v0.4.0\nlisteners: [{type: model, name: llm}]\n"
        "model_providers:\n"
        "  - {name: fast, model: openai/gpt-4o-mini, access_key: $OPENAI_API_KEY, default: true}\n"
        "  - {model: anthropic/claude-sonnet-4-5, access_key: $ANTHROPIC_API_KEY}\n"
        "  - {model: openai/*, access_key: $OPENAI_API_KEY}\n"
        "routing_preferences:\n"
        "  - {name: code, description: writing code, models: [anthropic/claude-sonnet-4-5, openai/gpt-4o-mini, openai/gpt-4.1]}\n"
    )
    assert list(config.routes) == ["fast", "anthropic/claude-sonnet-4-5"]
    assert [(p.name.value, p.route.value if p.route else None) for p in config.preferences] == [
        ("code", "anthropic/claude-sonnet-4-5"),
        ("code", "openai/gpt-4o-mini"),
        ("code", None),  # served by the openai/* wildcard
    ]
    assert Resolver(config).resolve("openai/gpt-4o-mini").route == "fast"  # a model's other names are aliases
    assert Resolver(config).resolve("gpt-4o-mini").route == "fast"
    assert "openai/gpt-4.1" in [ref.value for ref in config.other_models]


def test_providers_credentials_and_custom_prefixes() -> None:
    config = check(CORPUS / "demos_getting_started_llm_gateway_config.yaml").config
    assert config is not None
    assert config.providers["openai"].configured and config.providers["groq"].configured
    assert plano_data(config).entries[-1].provider == "custom"
    assert "custom" in config.conventions.known_providers  # declared with base_url and provider_interface
    assert "custom" not in Plano.conventions.known_providers  # only this config knows it
    assert {credential.path for credential in config.credentials} >= {"model_providers[0].access_key"}


def test_a_placeholder_key_for_a_plain_http_server_is_not_a_leaked_secret() -> None:
    report = check(CORPUS / "demos_filter_chains_model_listener_filter_config.yaml")
    assert "RC301" not in [d.code for d in report.diagnostics]
    leaked = check_text(
        "version: v0.4.0\nlisteners: [{type: model, name: llm}]\n"
        "model_providers:\n  - {model: openai/gpt-4o, access_key: local-demo-key, base_url: 'https://api.example.com', default: true}\n",
        "config.yaml",
    )
    assert "RC301" in [d.code for d in leaked.diagnostics]


# --- beyond planoai ------------------------------------------------------------------------


def test_a_preference_naming_an_undeclared_model_is_reported_with_its_position() -> None:
    """planoai accepts this; Plano fails when the router picks the model."""
    report = check_text(
        "version: v0.4.0\nlisteners: [{type: model, name: llm}]\n"
        "model_providers:\n  - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}\n"
        "routing_preferences:\n  - name: code\n    description: writing code\n    models: [openai/gpt-4o-mni]\n",
        "config.yaml",
    )
    found = [(d.code, d.start_position.line, d.start_position.column) for d in report.diagnostics]
    assert found == [("RC101", 8, 14)]
    assert "did you mean 'openai/gpt-4o'?" in report.diagnostics[0].message


def test_every_problem_at_once() -> None:
    report = check_text(
        "version: v0.4.0\nlisteners: [{type: model, name: llm}]\n"
        "model_providers:\n"
        "  - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}\n"
        "  - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}\n"
        "  - {model: ollama/llama3.1}\n"
        "  - {model: antropic/claude-sonnet-4-5, access_key: $ANTHROPIC_API_KEY}\n"
        "model_aliases:\n  fast: {target: gpt-4o-mini}\n",
        "config.yaml",
    )
    assert [(d.start_position.line, d.code) for d in report.diagnostics] == [
        (5, "RC503"),
        (5, "RC505"),
        (6, "RC507"),
        (7, "RC202"),
        (9, "RC102"),
    ]


SEED_VERBATIM = """\
listeners:
  egress_traffic:
    address: 0.0.0.0
    port: 12000
    message_format: openai
    timeout: 30s
llm_providers:
  - model: openai/gpt-5.2
    access_key: $OPENAI_API_KEY
    default: true
  - model: openai/gpt-5
    access_key: $OPENAI_API_KEY
  - model: anthropic/claude-sonnet-4-5
    access_key: $ANTHROPIC_API_KEY
"""


def test_the_docs_snippet_lacks_a_version_and_uses_deprecated_forms(tmp_path: Path, planoai: Any) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(SEED_VERBATIM)
    assert "'version' is a required property" in planoai(path)
    assert [(d.code, d.severity.value) for d in check(path).diagnostics] == [
        ("RC005", "error"),
        ("RC502", "warning"),
        ("RC502", "warning"),
    ]
    path.write_text("version: v0.3.0\n" + SEED_VERBATIM)
    assert planoai(path) is None
    assert not errors(check(path))


def test_the_seed_example_builds_with_aliases_resolved() -> None:
    path = ROOT / "examples" / "plano" / "llm-routing.yaml"
    result = build(path.read_bytes(), str(path), ("table",))
    assert result.ok, [d.message for d in result.report.diagnostics]
    assert not result.report.diagnostics
    table = json.loads(result.artifacts["table"])
    assert list(table["routes"]) == ["openai/gpt-5.2", "openai/gpt-5", "anthropic/claude-sonnet-4-5"]
    assert table["aliases"]["fast-model"]["route"] == "openai/gpt-5.2"
    assert table["aliases"]["fast-model"]["resolution"] == "fast-model -> gpt-5.2 -> openai/gpt-5.2"
    assert list(table["aliases"])[3:] == ["gpt-5.2", "gpt-5", "claude-sonnet-4-5"]  # what clients may also send
    assert table["aliases"]["creative-model"]["route"] == "anthropic/claude-sonnet-4-5"
    assert table["defaults"]["route"] == "openai/gpt-5.2"


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "plano").glob("*.yaml")), ids=lambda path: path.name)
def test_examples_are_clean_and_planoai_accepts_them(path: Path, planoai: Any) -> None:
    assert planoai(path) is None
    assert not check(path).diagnostics
