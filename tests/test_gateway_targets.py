"""`routec build --target litellm|plano`: gateway configs the gateways themselves accept.

The round trip, for every routec and Carapace example: the config is built
for each gateway; the emitted file checks clean under routec's own dialect for
that gateway (the one warning allowed is Plano's "no default model", and only
where the build said the source names none); LiteLLM's own ``Router`` is
constructed offline from the emitted ``model_list`` and ``router_settings``
(in one subprocess for the whole module: importing litellm takes seconds), and
every route and alias resolves there to the models of the routing table, with
the table's failover chain; planoai's own validator accepts the Plano config,
and routec reading it back finds every name landing on the same model.

What a gateway cannot express is a build warning at its place in the source
and a line in the file's header; goldens pin the emitted files of a few
examples. The gateway packages come from the `gateways` extra: when they are
missing these tests fail, they do not skip.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from routec import __version__, cli
from routec.build import BuildResult, build
from routec.check import check_text
from routec.emit import DEFAULT_FILE_NAMES, TARGETS
from routec.emit.gateway import CODES, scalar

from .conftest import ROOT, compare_golden

GATEWAYS = ("litellm", "plano")
EXAMPLES = sorted(
    path
    for folder in ("routec", "carapace")
    for path in (ROOT / "examples" / folder).iterdir()
    if path.suffix in (".yaml", ".json5") and ".cases." not in path.name
)
GOLDEN = ROOT / "tests" / "golden" / "targets"
GOLDEN_EXAMPLES = ("routec/full.json5", "routec/strategies.yaml", "routec/preferences.yaml", "carapace/per-agent-model.json5")
# The providers the examples use, as LiteLLM and Plano name them (written out, not computed by the code under test).
LITELLM_PROVIDERS = {"anthropic": "anthropic", "openai": "openai", "gemini": "gemini", "ollama": "ollama", "azure": "azure"}
PLANO_PROVIDERS = {"anthropic": "anthropic", "openai": "openai", "gemini": "gemini", "ollama": "ollama", "azure": "azure_openai"}


def example_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@cache
def built(text: str, name: str, target: str = "table") -> BuildResult:
    """The build of a config for one target (and the table); its warnings are that target's."""
    result = build(text.encode(), name, tuple(dict.fromkeys((target, "table"))))
    assert result.ok, [(d.code, d.message) for d in result.report.diagnostics]
    return result


def built_example(path: Path, target: str = "table") -> BuildResult:
    return built(path.read_text(encoding="utf-8"), path.name, target)


def table_of(result: BuildResult) -> dict[str, Any]:
    return json.loads(result.artifacts["table"])  # type: ignore[no-any-return]


def left_out(result: BuildResult) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.start_position.line, d.start_position.column, d.message) for d in result.left_out]


# --- Inline configs for what the examples do not show ------------------------------------------------------------

LONG_CHAIN = "providers:\n  openai: {apiKey: \"${OPENAI_API_KEY}\"}\nroutes:\n" + "".join(
    f"  r{i}: {{model: openai:gpt-{i}" + (f", fallbacks: [r{i + 1}]" if i < 7 else "") + "}\n" for i in range(8)
)
UNKNOWN_PROVIDER = """\
providers:
  anthropic: {apiKey: "${ANTHROPIC_API_KEY}"}
  codex: {}
  vertex: {apiKey: "${VERTEX_PROJECT_ID}"}
routes:
  main: {model: anthropic:claude-opus-4-6, fallbacks: [cli]}
  cli: {model: codex:gpt-5-codex}
  cloud: {model: vertex:gemini-2.5-pro}
aliases:
  coder: cli
"""
FALLBACK_MODELS = """\
routing:
  routes:
    - name: main
      keywords: [python]
      preferred_model: openai:gpt-4o
      fallback_model: anthropic:claude-haiku-4-5
    - name: other
      keywords: [java]
      preferred_model: openai:gpt-4o-mini
      fallback_model: openai:o3
    - name: default
      preferred_model: anthropic:claude-haiku-4-5
"""
SAME_MODEL_ID = """\
providers:
  openai: {apiKey: "${OPENAI_API_KEY}"}
  azure: {apiKey: "${AZURE_OPENAI_API_KEY}", baseUrl: "https://example.openai.azure.com"}
  ollama: {}
routes:
  main: {model: openai:gpt-4o}
  eu: {model: azure:gpt-4o}
  local: {model: ollama:llama3}
agents:
  defaults: {route: main}
"""
ALIAS_CHAIN = """\
providers:
  openai: {apiKey: "${OPENAI_API_KEY}"}
routes:
  main: {model: openai:gpt-4o, fallbacks: [vectors]}
  copy: {model: openai:gpt-4o, fallbacks: [vectors]}
aliases:
  emb: openai:text-embedding-3-small
  vectors: emb
  again: copy
agents:
  defaults: {route: again}
"""
INLINE = {
    "long-chain.yaml": LONG_CHAIN,
    "alias-chain.yaml": ALIAS_CHAIN,
    "unknown-provider.yaml": UNKNOWN_PROVIDER,
    "tokenpak.yaml": FALLBACK_MODELS,
    "same-model-id.yaml": SAME_MODEL_ID,
}
WILDCARD = ROOT / "examples" / "litellm" / "local-and-wildcard.yaml"


def all_litellm_outputs() -> dict[str, str]:
    outputs = {example_id(path): built_example(path, "litellm").artifacts["litellm"] for path in EXAMPLES}
    outputs.update({name: built(text, name, "litellm").artifacts["litellm"] for name, text in INLINE.items()})
    outputs[example_id(WILDCARD)] = built_example(WILDCARD, "litellm").artifacts["litellm"]
    return outputs


# --- The gateways' own loaders ----------------------------------------------------------------------------------

ROUTER_SCRIPT = """
import json, sys
from litellm import Router
import yaml

found = {}
for name, text in json.load(open(sys.argv[1])).items():
    config = yaml.safe_load(text)
    router = Router(model_list=config["model_list"], **config.get("router_settings", {}))
    found[name] = {
        "model_names": sorted(router.model_names),
        "fallbacks": router.fallbacks or [],
        "aliases": router.model_group_alias,
        "max_fallbacks": router.max_fallbacks,
        "deployments": [
            {"group": d["model_name"], "model": d["litellm_params"]["model"], "api_key": d["litellm_params"].get("api_key"),
             "weight": d["litellm_params"].get("weight")}
            for d in router.model_list
        ],
    }
json.dump(found, open(sys.argv[2], "w"))
"""


@pytest.fixture(scope="module")
def routers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each emitted LiteLLM config as LiteLLM's Router sees it, built offline in one subprocess."""
    folder = tmp_path_factory.mktemp("litellm")
    outputs = all_litellm_outputs()
    (folder / "in.json").write_text(json.dumps(outputs))
    variables = {name for text in outputs.values() for name in re.findall(r"os\.environ/(\w+)", text)}
    environment = {
        **os.environ,
        **{name: f"fake-{name}" for name in variables},
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # the bundled cost map, not the one on GitHub
        # Nothing here may reach the network: any attempt goes to a closed local port.
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    run = subprocess.run(
        [sys.executable, "-c", ROUTER_SCRIPT, str(folder / "in.json"), str(folder / "out.json")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if run.returncode != 0:
        pytest.fail(f"LiteLLM's Router refused an emitted config (or litellm is missing: pip install -e '.[test,gateways]'):\n{run.stderr[-3000:]}")
    return json.loads((folder / "out.json").read_text())  # type: ignore[no-any-return]


@pytest.fixture()
def planoai(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A function: config text -> None when planoai accepts it, else its error message."""
    try:
        import planoai.config_generator as generator
    except ImportError as error:
        pytest.fail(f"planoai is missing ({error}): pip install -e '.[test,gateways]'")
    data = Path(generator.__file__).parent / "data"
    monkeypatch.setenv("PLANO_CONFIG_SCHEMA_FILE", str(data / "plano_config_schema.yaml"))
    monkeypatch.setenv("TEMPLATE_ROOT", str(data))
    monkeypatch.setenv("ENVOY_CONFIG_TEMPLATE_FILE", "envoy.template.yaml")
    monkeypatch.setenv("PLANO_CONFIG_FILE_RENDERED", str(tmp_path / "plano_config_rendered.yaml"))
    monkeypatch.setenv("ENVOY_CONFIG_FILE_RENDERED", str(tmp_path / "envoy.yaml"))
    monkeypatch.delenv("OTEL_TRACING_GRPC_ENDPOINT", raising=False)

    def verdict(text: str) -> str | None:
        path = tmp_path / "plano_config.yaml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("PLANO_CONFIG_FILE", str(path))
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                generator.validate_and_render_schema()
        except SystemExit:  # a schema error: printed, then exit(1)
            return printed.getvalue().strip() or "exit"
        except Exception as error:  # noqa: BLE001 - planoai raises bare Exception for its other checks
            return str(error)
        return None

    return verdict


# --- LiteLLM: the Router agrees with the routing table ----------------------------------------------------------


def litellm_model(step: dict[str, Any]) -> str:
    return f"{LITELLM_PROVIDERS[step['provider']]}/{step['model']}"


def expected_deployments(table: dict[str, Any], name: str) -> list[str]:
    """The models LiteLLM should send a name's requests to: its route's model, then its loadbalance models."""
    alias = table["aliases"].get(name)
    route = name if name in table["routes"] else alias["route"]
    if route is None:
        return [litellm_model(alias)]
    entry = table["routes"][route]
    strategy = entry["strategy"]
    extra = strategy["models"][1:] if strategy["kind"] == "loadbalance" else []
    return [litellm_model(entry)] + [litellm_model(dict(zip(("provider", "model"), model.split(":", 1)))) for model in extra]


def expected_chain(table: dict[str, Any], name: str) -> list[str]:
    """The table's failover chain, without the models of cascade and parallel strategies (left out, reported)."""
    alias = table["aliases"].get(name)
    route = name if name in table["routes"] else alias["route"]
    if route is None:
        return [litellm_model(alias)]
    kept = []
    for step in table["routes"][route]["chain"]:
        owner = table["routes"].get(step.get("route", ""))
        if owner is not None and owner["strategy"]["kind"] in ("cascade", "parallel") and step["target"] != owner["target"]:
            continue
        kept.append(litellm_model(step))
    return kept


def router_chain(router: dict[str, Any], group: str) -> tuple[list[str], int]:
    """What LiteLLM tries for a group: its deployments, then each fallback group depth first, each group once."""
    fallbacks = {key: value for entry in router["fallbacks"] for key, value in entry.items()}
    models: list[str] = []
    seen: list[str] = []
    pending = [group]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.append(current)
        models += [d["model"] for d in router["deployments"] if d["group"] == current and d["model"] not in models]
        pending += reversed(fallbacks.get(current, []))
    return models, len(seen) - 1


# Every example, and the inline configs whose providers the examples use too.
ROUND_TRIPS = [example_id(path) for path in EXAMPLES] + ["long-chain.yaml", "alias-chain.yaml"]


def source_of(case: str) -> BuildResult:
    return built(INLINE[case], case) if case in INLINE else built_example(ROOT / "examples" / case)


@pytest.mark.parametrize("case", ROUND_TRIPS)
def test_litellm_router_resolves_every_name_as_the_table_does(case: str, routers: dict[str, Any]) -> None:
    table = table_of(source_of(case))
    router = routers[case]
    names = list(table["routes"]) + list(table["aliases"])
    for name in names:
        group = name if name in router["model_names"] else router["aliases"].get(name)
        assert group in router["model_names"], f"{name} does not reach a model group in one step"
        assert [d["model"] for d in router["deployments"] if d["group"] == group] == expected_deployments(table, name), name
        chain, hops = router_chain(router, group)
        assert chain == expected_chain(table, name), name
        assert hops <= router["max_fallbacks"]
    assert set(router["model_names"]) | set(router["aliases"]) == set(names)


@pytest.mark.parametrize("case", ROUND_TRIPS)
def test_litellm_deployments_read_the_sources_variables(case: str, routers: dict[str, Any]) -> None:
    """Router resolved each `os.environ/VAR`: the key is the fake value of the variable the source declares."""
    table = table_of(source_of(case))
    for deployment in routers[case]["deployments"]:
        provider = next(name for name, theirs in LITELLM_PROVIDERS.items() if deployment["model"].startswith(theirs + "/"))
        variables = table["providers"][provider]["credentials"]
        assert deployment["api_key"] == (f"fake-{variables[0]}" if variables else None), deployment


def test_loadbalance_weights_reach_the_router(routers: dict[str, Any]) -> None:
    chat = [d for d in routers["routec/strategies.yaml"]["deployments"] if d["group"] == "chat"]
    assert [(d["model"], d["weight"]) for d in chat] == [("openai/gpt-4o", 3), ("azure/gpt-4o", 1)]


def test_a_chain_longer_than_litellms_default_raises_max_fallbacks(routers: dict[str, Any]) -> None:
    router = routers["long-chain.yaml"]
    assert router["max_fallbacks"] == 7
    assert router_chain(router, "r0") == ([f"openai/gpt-{i}" for i in range(8)], 7)


def test_routes_sharing_a_model_are_one_group_and_an_alias(routers: dict[str, Any]) -> None:
    router = routers["routec/classifier.yaml"]
    assert router["aliases"]["cheap"] == "classifier"
    assert "cheap" not in router["model_names"]


def test_a_fallback_model_is_the_group_that_serves_just_it(routers: dict[str, Any]) -> None:
    result = built(FALLBACK_MODELS, "tokenpak.yaml", "litellm")
    assert routers["tokenpak.yaml"]["fallbacks"] == [{"main": ["default"]}]
    # `o3` has no group of its own: left out, where the source names it.
    assert [item for item in left_out(result) if item[0] == "RB006"] == [
        (
            "RB006", 10, 23,
            "LiteLLM falls back to model groups only, and no group serves just this model: fallback model 'openai:o3' "
            + "of route 'other' is left out",
        ),
    ]


def test_a_litellm_fallback_to_a_group_a_wildcard_also_matches_is_kept(routers: dict[str, Any]) -> None:
    """Regression: with an `openai/*` group, routec's LiteLLM dialect dropped every fallback (`llama-70b` matched the wildcard)."""
    table = table_of(built_example(WILDCARD))
    assert table["routes"]["qwen-coder"]["fallbacks"] == ["llama-70b", "mixtral"]
    assert {"qwen-coder": ["llama-70b", "mixtral"]} in routers[example_id(WILDCARD)]["fallbacks"]


# --- Plano: planoai accepts it, and routec reads it back to the same models -------------------------------------


@pytest.mark.parametrize("case", ROUND_TRIPS)
def test_planoai_accepts_the_plano_config(case: str, planoai: Any) -> None:
    source = source_of(case).report.document.source
    assert planoai(built(source.text, source.path, "plano").artifacts["plano"]) is None


@pytest.mark.parametrize("case", ROUND_TRIPS)
def test_plano_config_reads_back_to_the_same_models(case: str) -> None:
    source = source_of(case).report.document.source
    result = built(source.text, source.path, "plano")
    table = table_of(result)
    back = table_of(built(result.artifacts["plano"], "plano_config.yaml"))
    assert back["source"]["dialect"] == "plano"
    for name in list(table["routes"]) + list(table["aliases"]):
        source = table["routes"].get(name) or table["aliases"][name]
        emitted = back["routes"].get(name) or back["aliases"][name]
        assert (emitted["provider"], emitted["model"]) == (PLANO_PROVIDERS[source["provider"]], source["model"]), name
    if table["defaults"] is not None and table["defaults"]["target"] is not None:
        assert back["defaults"]["model"] == table["defaults"]["model"]


def test_preferences_carry_their_routes_models() -> None:
    text = built_example(ROOT / "examples" / "routec" / "preferences.yaml", "plano").artifacts["plano"]
    preferences = {item["name"]: item["models"] for item in yaml.safe_load(text)["routing_preferences"]}
    assert preferences == {
        "programming": ["anthropic/claude-sonnet-4-6"],
        "code generation": ["anthropic/claude-sonnet-4-6"],
        "math problem solving": ["openai/o3"],
        "creative writing": ["anthropic/claude-opus-4-6"],
        "general knowledge": ["openai/gpt-4o-mini"],
    }


def test_a_preferred_routes_fallbacks_are_its_preference_models() -> None:
    config = (ROOT / "examples" / "routec" / "basic.yaml").read_text() + (
        "preferences:\n  - {name: quick answers, description: quick answers to short questions, route: fast}\n"
    )
    result = built(config, "basic.yaml", "plano")
    [preference] = yaml.safe_load(result.artifacts["plano"])["routing_preferences"]
    assert preference["models"] == ["gemini/gemini-2.5-flash", "anthropic/claude-opus-4-6"]
    assert any(d.code == "RB007" and "falls back only when a routing preference picks it" in d.message for d in result.left_out)


def test_plano_refuses_a_model_id_twice_and_needs_a_base_url(planoai: Any) -> None:
    result = built(SAME_MODEL_ID, "same-model-id.yaml", "plano")
    assert left_out(result) == [
        ("RB009", 7, 15, "Plano refuses two models with the id 'gpt-4o': route 'eu' ('azure_openai/gpt-4o') is left out"),
        ("RB005", 8, 18, "Plano needs a base_url for 'ollama' and the source declares none: route 'local' is left out"),
    ]
    assert planoai(result.artifacts["plano"]) is None
    litellm = built(SAME_MODEL_ID, "same-model-id.yaml", "litellm")
    assert left_out(litellm) == [("RB001", 10, 21, "LiteLLM has no agents: agents.defaults (route 'main') is left out")]


# --- Both: clean under routec's own dialect, what is left out reported, goldens ----------------------------------


@pytest.mark.parametrize("target", GATEWAYS)
@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_emitted_config_checks_clean_as_its_gateways_dialect(path: Path, target: str) -> None:
    result = built_example(path, target)
    report = check_text(result.artifacts[target], "config.yaml")
    assert report.config is not None and report.config.dialect == target
    found = [(d.code, d.message) for d in report.diagnostics]
    # Plano's "no default model" is the one warning allowed, where the build said the source names none.
    expected = ["RC506"] if "RB011" in [d.code for d in result.left_out] else []
    assert [code for code, _ in found] == expected, found
    assert not report.internal_errors


@pytest.mark.parametrize("name", INLINE)
def test_inline_configs_check_clean_too(name: str) -> None:
    for target in GATEWAYS:
        result = built(INLINE[name], name, target)
        report = check_text(result.artifacts[target], "config.yaml")
        expected = ["RC506"] if "RB011" in [d.code for d in result.left_out] else []
        assert [d.code for d in report.diagnostics] == expected, (target, report.diagnostics)


def test_unknown_providers_and_what_leads_to_them_are_reported_where_written() -> None:
    result = built(UNKNOWN_PROVIDER, "unknown-provider.yaml", "litellm")
    assert left_out(result) == [
        ("RB010", 6, 56, "fallback 'cli' of route 'main' is left out of the LiteLLM config: 'cli' is left out"),
        ("RB005", 7, 16, "LiteLLM does not know the provider 'codex': route 'cli' is left out"),
        ("RB010", 10, 3, "alias 'coder' is left out of the LiteLLM config: it lands on 'cli', which is left out"),
    ]
    litellm = yaml.safe_load(result.artifacts["litellm"])
    assert [d["model_name"] for d in litellm["model_list"]] == ["main", "cloud"]
    assert litellm["model_list"][1]["litellm_params"] == {
        "model": "vertex_ai/gemini-2.5-pro",
        "vertex_project": "os.environ/VERTEX_PROJECT_ID",  # the variable the source names, where LiteLLM wants it
    }
    assert "router_settings" not in litellm  # no fallback, no alias: both led to the route left out
    plano = built(UNKNOWN_PROVIDER, "unknown-provider.yaml", "plano")
    assert ("RB005", 8, 18, "Plano does not know the provider 'vertex': route 'cloud' is left out") in left_out(plano)


def test_every_left_out_item_is_listed_in_the_file() -> None:
    for path in EXAMPLES:
        for target in GATEWAYS:
            result = built_example(path, target)
            comments = [line for line in result.artifacts[target].splitlines() if line.startswith("#   line ")]
            expected = [f"#   line {d.start_position.line}: {d.message} [{d.code}]" for d in result.left_out]
            assert comments == expected
            assert all(d.name == CODES[d.code] and d.severity.value == "warning" for d in result.left_out)


@pytest.mark.parametrize("target", GATEWAYS)
@pytest.mark.parametrize("name", GOLDEN_EXAMPLES)
def test_golden_outputs(name: str, target: str) -> None:
    path = ROOT / "examples" / name
    text = built_example(path, target).artifacts[target].replace(f"routec {__version__} ", "routec {version} ")
    compare_golden(GOLDEN / f"{path.parent.name}-{path.name}.{DEFAULT_FILE_NAMES[target]}", text)


def test_a_secret_in_a_description_stays_masked() -> None:
    key = "sk-ant-api03-" + "Q7xZ" * 20
    config = f'# routec: ignore-file[RC301]\nproviders:\n  anthropic: {{apiKey: "${{ANTHROPIC_API_KEY}}"}}\nroutes:\n  main:\n    model: anthropic:claude-opus-4-6\n    description: "pasted {key}"\n'
    for target in GATEWAYS:
        result = built(config, "secret.yaml", target)
        assert "Q7xZQ7xZ" not in result.artifacts[target]
        assert "main: pasted" in result.artifacts[target]


@pytest.mark.parametrize(
    "text",
    ["yes", "No", "on", "OFF", "null", "~", "1:30", "0755", "12", "1e3", "-x", "a: b", "#x", "a #b", "[x]", "x,y", "",
     " x", "é", "os.environ/X", "$X", "true", ".inf", "@x", "`x`", "'q'", '"q"', "a\nb", "a\\b", "*", "&a", "!x", "%x"],
)
def test_every_scalar_reads_back_as_written(text: str) -> None:
    """PyYAML (YAML 1.1, as both gateways load it) reads each key and value back as the same string."""
    document = f"{scalar(text)}: [{scalar(text)}, {scalar(text)}]\nkey: {scalar(text)}\n"
    assert yaml.safe_load(document) == {text: [text, text], "key": text}


# --- The command ----------------------------------------------------------------------------------------------


def test_targets_are_the_same_in_the_cli_and_the_emitters() -> None:
    assert cli.BUILD_TARGETS == TARGETS
    assert set(DEFAULT_FILE_NAMES) == set(TARGETS)


def test_build_writes_gateway_configs_and_reports_what_they_leave_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = ROOT / "examples" / "routec" / "basic.yaml"
    args = ["build", str(config), "--out", str(tmp_path), "--target", "litellm", "--target", "plano", "--color", "never"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "warning[RB001]: LiteLLM has no agents: agent 'researcher' (route 'reasoning') is left out" in out
    assert f"--> {config}:17:11" in out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["litellm_config.yaml", "plano_config.yaml"]
    assert (tmp_path / "litellm_config.yaml").read_text() == built_example(config, "litellm").artifacts["litellm"]
    assert cli.main([*args, "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_strict_build_writes_nothing_when_something_is_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = ROOT / "examples" / "routec" / "basic.yaml"
    assert cli.main(["build", str(config), "--out", str(tmp_path), "--target", "plano", "--strict"]) == 1
    assert "warning[RB007]" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
    assert cli.main(["build", str(config), "--out", str(tmp_path), "--target", "plano", "--plano-name", "gw.yaml"]) == 0
    assert [path.name for path in tmp_path.iterdir()] == ["gw.yaml"]


def test_default_targets_are_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = ROOT / "examples" / "routec" / "basic.yaml"
    assert cli.main(["build", str(config), "--out", str(tmp_path)]) == 0
    assert "RB0" not in capsys.readouterr().out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["routes.py", "routes.ts", "routing_table.json"]


@pytest.mark.parametrize(
    "name",
    ["a\x7fb", "x\x85y", "line\u2028sep", "\ufeffbom", "c1\x9b", "nul\x00", "tab\there", "日本語", 'q"uote', "yes", "1.5", "#x",
     "bidi\u202eevil", "zero\u200bwidth", "nbsp\u00a0", "tag\U000e0041", "emoji😀"],
)
def test_gateway_yaml_scalars_read_back_as_written(name: str) -> None:
    """Names go into the gateway YAML as plain or double-quoted scalars that both PyYAML (the gateways' loader)
    and ruamel read back unchanged: DEL, C1 controls, line separators and a BOM are escaped."""
    import yaml as pyyaml
    from ruamel.yaml import YAML

    from routec.emit.gateway import scalar

    text = f"k: {scalar(name)}\n"
    assert pyyaml.safe_load(text)["k"] == name
    assert YAML(typ="safe").load(text)["k"] == name


def test_a_lone_surrogate_becomes_the_replacement_character() -> None:
    import yaml as pyyaml

    from routec.emit.gateway import scalar

    assert pyyaml.safe_load(f"k: {scalar('a' + chr(0xD800))}")["k"] == "a\ufffd"
