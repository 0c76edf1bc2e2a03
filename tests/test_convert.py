"""`routec convert --to routec`: every example and every clean test config, in any dialect, becomes a
routec config that checks clean and resolves to the same routing table (routes, models, failover
chains, strategies, aliases, agents, rules, preferences, budget); what does not carry over is listed,
with why, not dropped."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from routec.check import FileReport as Report
from routec.check import check_bytes, check_text
from routec.diagnostics import Diagnostic
from routec.emit.convert import (
    NO_ROUTE,
    PROVIDER_NAMES,
    TURNED_OFF,
    UNREAD,
    WILDCARD,
    Conversion,
    convert,
    model_string,
)
from routec.ir import Config, ModelRef
from routec.resolve import Unresolvable, resolve
from routec.routing import route_request
from routec.syntax import Scalar

from .conftest import EXAMPLE_CONFIGS, ROOT, UPDATE_GOLDEN, compare_golden
from .test_cases import CASES, case_files, options_for

GOLDEN = ROOT / "tests" / "golden" / "convert"


def _clean(path: Path) -> Report | None:
    """The report of a config that checks without errors and can be resolved, else None."""
    options, dialect = options_for(path.parent)
    report = check_bytes(path.read_bytes(), path.name, options, dialect)
    if report.config is None or not report.config.lowered or any(d.severity.value == "error" for d in report.diagnostics):
        return None
    return report


CONFIGS = [path for path in EXAMPLE_CONFIGS] + [path for path in case_files() if _clean(path) is not None]


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT / "examples" if path.is_relative_to(ROOT / "examples") else CASES.parent))


def _converted(path: Path) -> tuple[Report, Conversion, Report]:
    original = _clean(path)
    assert original is not None and original.config is not None, f"{path} does not check clean"
    result = convert(original.config)
    converted = check_text(result.text, "converted.yaml")
    assert converted.config is not None and converted.config.dialect == "routec", result.text
    return original, result, converted


@pytest.mark.parametrize("path", CONFIGS, ids=_id)
def test_conversion_checks_clean_and_resolves_the_same(path: Path) -> None:
    original, result, converted = _converted(path)
    assert _errors(converted, result) == [], result.text
    assert original.config is not None and converted.config is not None
    # Everything the result says carries over again, unchanged: only the header's file name differs.
    again = convert(converted.config)
    assert again.dropped == [] and _body(again.text) == _body(result.text), again.text
    try:
        before = resolve(original.config, "source", b"")
    except Unresolvable:  # a bare model whose error is suppressed: the conversion cannot resolve either
        with pytest.raises(Unresolvable):
            resolve(converted.config, "converted.yaml", b"")
        return
    after = resolve(converted.config, "converted.yaml", result.text.encode())
    made = _assert_same_preferences(original.config, before, after, result)
    _assert_same_routes(original.config, before, after, result, made)
    expected = _expected(original.config, before, result)
    for section in ("aliases", "defaults", "agents", "rules", "budget"):
        assert _comparable(section, after) == expected[section], (section, result.text)


def _body(text: str) -> list[str]:
    """The converted config without the header lines that name the source and what it left out."""
    starts = ("# Converted from ", "# Not carried over (", "#   line ", "# No key written for ")
    return [line for line in text.splitlines() if not line.startswith(starts)]


def _errors(converted: Report, result: Conversion) -> list[str]:
    """The converted config's errors, but RC202 for a provider the header says routec does not know."""
    errors = [d for d in converted.diagnostics if d.severity.value == "error"]
    noted = [d for d in errors if d.code == "RC202" and any(f"'{name}'" in d.message for name in result.unknown_providers)]
    return [f"{d.code} {d.message}" for d in errors if d not in noted]


def _table(config: Config) -> dict[str, Any] | str:
    """The resolved table without its source, or why there is none."""
    try:
        table = resolve(config, "same", b"")
    except Unresolvable as problem:
        return problem.message
    table.pop("source")
    return table


def _dialect(path: Path) -> str:
    report = _clean(path)
    return report.config.dialect if report is not None and report.config is not None else ""


NATIVE = [path for path in CONFIGS if _dialect(path) == "routec"]


@pytest.mark.parametrize("path", NATIVE, ids=_id)
def test_a_routec_config_converts_to_an_equivalent_one(path: Path) -> None:
    original, result, converted = _converted(path)
    assert original.config is not None and converted.config is not None
    before, after = _table(original.config), _table(converted.config)
    assert after == before, result.text
    assert result.dropped == [] and result.renamed == {}, result.text


# Diagnostics a converted example may have that its source has not, by source dialect, and why: the source's
# own text judged by routec's rule, which is stricter than the source dialect's. Anything else is the
# conversion's doing (RC202 and RC204 for the providers the result's header names are said there).
STRICTER = {
    # routec's broad-keyword lists (RC403) count greetings and asking words (`hello`, `explain`) that
    # TokenPak's RC701 does not: the keywords are the source's own.
    ("tokenpak", "RC403"),
}


@pytest.mark.parametrize("path", EXAMPLE_CONFIGS, ids=_id)
def test_example_conversions_add_no_diagnostics(path: Path) -> None:
    """Every code the converted example reports (any severity), its source reported as often."""
    original, result, converted = _converted(path)
    assert original.config is not None
    dialect = original.config.dialect
    unexplained = [d for d in converted.diagnostics if (dialect, d.code) not in STRICTER and not _in_header(d, result)]
    added = Counter(d.code for d in unexplained) - Counter(d.code for d in original.diagnostics)
    assert not added, [f"{d.code} {d.message}" for d in unexplained if d.code in added]


def test_routecs_broad_keywords_are_stricter_than_tokenpaks() -> None:
    """Why STRICTER holds: the same keyword, silent in TokenPak, is RC403 in routec's format."""
    original, _, converted = _converted(ROOT / "examples" / "tokenpak" / "model-catalog.yaml")
    assert [d.code for d in original.diagnostics] == []
    assert [d.message.split(" of ")[0] for d in converted.diagnostics if d.code == "RC403"] == ["keyword 'explain'", "keyword 'hello'"]


def _in_header(diagnostic: Diagnostic, result: Conversion) -> bool:
    """RC202 for a provider the header keeps as written, RC204 for one it says has no key written."""
    listed = {"RC202": result.unknown_providers, "RC204": result.keyless_providers}.get(diagnostic.code, ())
    return any(f"provider '{name}'" in diagnostic.message for name in listed)


def test_a_plano_preference_of_several_models_stays_one_preference() -> None:
    """creative_tasks lists Claude, then GPT-5.2 (tried on 429 or 5xx): one preference, on a route made for it
    that falls back in that order; the models' own routes do not fail over, as in Plano."""
    _, result, converted = _converted(ROOT / "examples" / "plano" / "llm-routing.yaml")
    assert converted.config is not None
    table = resolve(converted.config, "converted.yaml", result.text.encode())
    assert [(p["name"], p["route"]) for p in table["preferences"]] == [
        ("complex_reasoning", "openai-gpt-5"),
        ("creative_tasks", "creative-tasks"),
    ]
    assert [step["target"] for step in table["routes"]["creative-tasks"]["chain"]] == ["anthropic:claude-sonnet-4-5", "openai:gpt-5.2"]
    assert [step["target"] for step in table["routes"]["anthropic-claude-sonnet-4-5"]["chain"]] == ["anthropic:claude-sonnet-4-5"]
    assert [d.code for d in converted.diagnostics] == []


@pytest.mark.parametrize("path", EXAMPLE_CONFIGS, ids=_id)
def test_example_conversions_match_their_goldens(path: Path) -> None:
    _, result, _ = _converted(path)
    relative = path.relative_to(ROOT / "examples")
    golden = GOLDEN / relative.parent / (relative.stem + ".yaml")
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
    compare_golden(golden, result.text)


def _inputs(path: Path, config: Config) -> list[tuple[str, str | None]]:
    """Requests to route: the cases beside the example, and each rule's own keywords and intents."""
    found: list[tuple[str, str | None]] = []
    cases = path.with_name(path.stem + ".cases.yaml")
    if cases.exists():
        found += [(case["input"], case.get("intent")) for case in yaml.safe_load(cases.read_text())["cases"]]
    for matcher in config.matchers:
        for pattern in matcher.patterns:
            text = str(pattern.value)
            found += [(f"please help with {text} today", None)] if matcher.kind == "keyword" else [("hello", text)]
    return found + [("nothing in particular", None)]


ROUTED = [path for path in EXAMPLE_CONFIGS if (report := _clean(path)) is not None and report.config is not None and report.config.matchers]


@pytest.mark.parametrize("path", ROUTED, ids=_id)
def test_rule_winners_are_unchanged(path: Path) -> None:
    original, result, converted = _converted(path)
    assert original.config is not None and converted.config is not None
    names = _names(original.config, result)
    for text, intent in _inputs(path, original.config):
        before = route_request(original.config, text, intent)
        after = route_request(converted.config, text, intent)
        assert after.name == _renamed(names, before.name), (text, intent)
        assert after.route == _renamed(names, before.route), (text, intent)
        assert after.chain == [_model(original.config, model) for model in before.chain], (text, intent)
        rule = before.selection.match.rule.name if before.selection.match else None
        assert (after.selection.match.rule.name if after.selection.match else None) == rule, (text, intent)


def test_tokenpak_keywords_and_degradation_become_rules_and_a_budget() -> None:
    path = ROOT / "examples" / "tokenpak" / "use-case-routing.yaml"
    _, result, converted = _converted(path)
    assert converted.config is not None and result.dropped == []
    rules = resolve(converted.config, "c", b"")["rules"]
    assert rules["default"] == "default"
    assert [(rule["name"], rule["route"]) for rule in rules["match"]] == [
        ("code_generation", "code-generation"),
        ("simple_chat", "simple-chat"),
    ]
    assert "budget:\n  degrade_above_budget_pct: 80\n  degrade:\n    \"openai:gpt-4\": \"openai:gpt-3.5-turbo\"\n" in result.text


def test_turned_off_tokenpak_routing_and_degradation_are_listed_not_turned_on(tmp_path: Path) -> None:
    config = tmp_path / "tokenpak.yaml"
    config.write_text(
        "routing:\n"
        "  enabled: false\n"
        "  routes:\n"
        "    - {name: code, keywords: [python], preferred_model: 'openai:gpt-4o'}\n"
        "    - {name: chat, preferred_model: 'openai:gpt-4o-mini'}\n"
        "cost_aware_routing:\n"
        "  enabled: false\n"
        "  degrade_above_budget_pct: 85\n"
        "  degradation_map: {'openai:gpt-4o': 'openai:gpt-4o-mini'}\n"
    )
    _, result, converted = _converted(config)
    assert converted.config is not None
    assert converted.config.matchers == [] and converted.config.budget is None
    assert "rules:" not in result.text and "budget:" not in result.text
    off = [(item.line, item.path) for item in result.dropped if item.reason == TURNED_OFF]
    assert off == [
        (2, "routing.enabled"),
        (4, "routing.routes[0].keywords[0]"),
        (7, "cost_aware_routing.enabled"),
        (8, "cost_aware_routing.degrade_above_budget_pct"),
        (9, "cost_aware_routing.degradation_map.openai:gpt-4o"),
    ]
    assert f"# Not carried over ({TURNED_OFF}):" in result.text
    assert {item.reason for item in result.dropped} == {TURNED_OFF}


def test_a_plano_preference_for_a_wildcard_model_is_listed(tmp_path: Path) -> None:
    config = tmp_path / "plano.yaml"
    config.write_text(
        "version: v0.4.0\n"
        "listeners: [{type: model, name: llm, port: 12000}]\n"
        "model_providers:\n"
        "  - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}\n"
        "  - {model: anthropic/*, access_key: $ANTHROPIC_API_KEY}\n"
        "routing_preferences:\n"
        "  - name: code generation\n"
        "    description: generating new code snippets and functions\n"
        "    models: [openai/gpt-4o, anthropic/claude-sonnet-4-5]\n"
    )
    _, result, converted = _converted(config)
    assert converted.config is not None
    assert [(p.name.value, p.route.value if p.route else None) for p in converted.config.preferences] == [
        ("code generation", "openai-gpt-4o")
    ]
    listed = {item.path: item.reason for item in result.dropped}
    assert listed["routing_preferences[0].models[1]"] == NO_ROUTE
    assert listed["model_providers[1].model"] == WILDCARD  # though its provider block is carried
    assert "model_providers[0].default" not in listed  # carried as the agents' default


def test_carapace_settings_are_listed_not_dropped() -> None:
    path = ROOT / "examples" / "carapace" / "carapace.json5"
    _, result, _ = _converted(path)
    header = [line for line in result.text.splitlines() if line.startswith("#")]
    assert f"# Not carried over ({UNREAD}):" in header
    assert "#   line 4: gateway.bind = \"loopback\"" in header
    assert any("gateway.auth.token" in line for line in header)
    assert "gemini:" in result.text and 'apiKey: "${GOOGLE_API_KEY}"' in result.text  # the google block, as routec's provider


def test_regexes_are_written_as_they_read(tmp_path: Path) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text(
        "routes: {code: {model: 'openai:gpt-4o'}}\n"
        "rules:\n"
        "  default: code\n"
        "  match:\n"
        "    - {regex: 'it''s \\d+ \"quoted\"', route: code}\n"
        "    - {regex: \"tab\\there\", route: code}\n"
    )
    _, result, converted = _converted(config)
    assert "    - regex: 'it''s \\d+ \"quoted\"'\n" in result.text  # unnamed: `rule 1` by position, as before
    assert '    - regex: "tab\\there"\n' in result.text
    assert converted.config is not None
    assert [str(m.patterns[0].value) for m in converted.config.matchers] == ["it's \\d+ \"quoted\"", "tab\there"]


def test_names_that_are_not_route_ids_are_renamed(tmp_path: Path) -> None:
    config = tmp_path / "c.json5"
    config.write_text('// routec: dialect=carapace\n{ "routes": { "fast": { "model": "ollama:llama3" } }, "agents": { "defaults": { "route": "fast" } } }')
    result = subprocess.run([sys.executable, "-m", "routec", "convert", str(config)], check=False, capture_output=True, text=True)
    assert result.returncode == 0
    assert "routes:\n  fast:\n    model: \"ollama:llama3\"" in result.stdout
    assert "defaults:\n    route: fast" in result.stdout


def test_unreadable_config_is_not_converted(tmp_path: Path) -> None:
    config = tmp_path / "broken.yaml"
    config.write_text("routes: [\n")
    result = subprocess.run([sys.executable, "-m", "routec", "convert", str(config)], check=False, capture_output=True, text=True)
    assert result.returncode == 1 and "RC001" in result.stdout


# --- comparing resolved tables, modulo renamed routes and routec's provider names ----------


def _names(config: Config, result: Conversion) -> dict[str, str]:
    return {name: result.renamed.get(name, name) for name in [*config.routes, *config.aliases]}


def _renamed(names: dict[str, str], name: str | None) -> str | None:
    return names.get(name, name) if name is not None else None


def _model(config: Config, target: str | None) -> str | None:
    return model_string(config, ModelRef(Scalar(target, 0, 0), "x")) if target is not None else None


def _assert_same_routes(config: Config, before: dict[str, Any], after: dict[str, Any], result: Conversion, preferences: set[str]) -> None:
    """Every route resolves the same, renamed; the only other routes are the ones made for preferences
    (checked with them) and the ones made for the models a route tries after its first that its strategy
    does not list, each a route of that model alone, which the route falls back to first (its chain then
    names the made route where the source named itself)."""
    names = _names(config, result)
    others = set(after["routes"]) - {names[name] for name in before["routes"]} - preferences
    made: dict[str, set[str]] = {}  # model -> the routes whose fallbacks should name a route of it
    for name, route in before["routes"].items():
        converted = after["routes"][names[name]]
        expected = _route(config, names, route)
        strategy_models = expected["strategy"].get("models", [])
        extras = [step for step in expected["chain"] if step.get("route") == names[name]][1:]
        extras = [step for step in extras if step["target"] not in strategy_models]
        for step in extras:
            made.setdefault(step["target"], set()).add(names[name])
        # A model the source tried as some route's own, the conversion tries through a route made for it.
        chain = [
            {**step, "route": "(made)"} if step.get("route") in others else step for step in converted["chain"]
        ]
        made_steps = [index for index, step in enumerate(chain) if step.get("route") == "(made)"]
        for index in made_steps:
            if index < len(expected["chain"]) and "route" in expected["chain"][index]:
                expected["chain"][index]["route"] = "(made)"
        assert {**converted, "fallbacks": None, "chain": chain} == expected, (name, result.text)
        own = [names.get(fallback, fallback) for fallback in route["fallbacks"]]
        assert converted["fallbacks"][len(converted["fallbacks"]) - len(own) :] == own, (name, result.text)
        assert len(converted["fallbacks"]) == len(own) + len(extras), (name, result.text)
    assert sorted(after["routes"][name]["target"] for name in others) == sorted(made), result.text
    for name in others:
        route = after["routes"][name]
        assert route["fallbacks"] == [] and route["strategy"] == {"kind": "single"}, (name, result.text)
        assert all(name in after["routes"][owner]["fallbacks"] for owner in made[route["target"]]), (name, result.text)


def _expected(config: Config, table: dict[str, Any], result: Conversion) -> dict[str, Any]:
    """The source's table as the converted config should resolve it: names renamed, models in routec's
    spelling, and what the conversion lists as not carried over left out."""
    names = _names(config, result)
    return {
        "aliases": {names[name]: _choice(config, names, alias) for name, alias in table["aliases"].items()},
        "defaults": _choice(config, names, table["defaults"]) if table["defaults"] is not None else None,
        "agents": {name: _choice(config, names, agent) for name, agent in table["agents"].items()},
        "rules": _rules(names, table["rules"]) if _carried(result, "keywords") else None,
        "budget": _budget(config, table["budget"]) if table["budget"] is not None and _carried(result, "degrad") else None,
    }


def _assert_same_preferences(config: Config, before: dict[str, Any], after: dict[str, Any], result: Conversion) -> set[str]:
    """One preference per source preference, in order, each with its description. Plano's lists its models
    (the table has one entry per model): one served model is its route, renamed; several are a route made
    for the preference that tries them in order. Returns the routes made for preferences."""
    names = _names(config, result)
    grouped: dict[str, tuple[str | None, list[str]]] = {}
    for preference in before["preferences"]:
        routes = grouped.setdefault(preference["name"], (preference["description"], []))[1]
        if preference["route"] is not None and preference["route"] not in routes:
            routes.append(preference["route"])
    expected = [(name, description) for name, (description, routes) in grouped.items() if routes]
    assert [(p["name"], p["description"]) for p in after["preferences"]] == expected, result.text
    made: set[str] = set()
    for preference in after["preferences"]:
        routes = grouped[preference["name"]][1]
        if len(routes) == 1:
            assert preference["route"] == names[routes[0]], result.text
            continue
        made.add(preference["route"])
        tried = [_model(config, step["target"]) for route in routes for step in _chain_of(before, route)]
        assert [step["target"] for step in after["routes"][preference["route"]]["chain"]] == tried, result.text
    assert made.isdisjoint(names.values()), result.text  # a made route takes a name of its own
    return made


def _chain_of(table: dict[str, Any], name: str) -> list[dict[str, Any]]:
    route = table["aliases"][name]["route"] if name in table["aliases"] else name
    return list(table["routes"][route]["chain"])


def _comparable(section: str, table: dict[str, Any]) -> Any:
    if section == "aliases":
        return {name: {key: value for key, value in alias.items() if key != "resolution"} for name, alias in table["aliases"].items()}
    return table[section]


def _carried(result: Conversion, word: str) -> bool:
    return not any(item.reason == TURNED_OFF and word in item.path for item in result.dropped)


def _route(config: Config, names: dict[str, str], route: dict[str, Any]) -> dict[str, Any]:
    expected = {**route, **_target(config, route), "fallbacks": None}
    expected["chain"] = [{**_target(config, step), **({"route": names[step["route"]]} if "route" in step else {})} for step in route["chain"]]
    strategy = route["strategy"]
    if "models" in strategy:
        expected["strategy"] = {**strategy, "models": [_model(config, model) for model in strategy["models"]]}
    return expected


def _target(config: Config, item: dict[str, Any]) -> dict[str, Any]:
    target = _model(config, item["target"])
    if target is None:
        return {"provider": None, "model": None, "target": None}
    provider, model = target.split(":", 1)
    return {"provider": provider, "model": model, "target": target}


def _choice(config: Config, names: dict[str, str], choice: dict[str, Any]) -> dict[str, Any]:
    expected = {key: value for key, value in choice.items() if key != "resolution"}
    expected.update(_target(config, choice))
    expected["route"] = _renamed(names, choice["route"])
    if "path" in choice:
        expected["path"] = [_renamed(names, step) for step in choice["path"]]
    return expected


def _rules(names: dict[str, str], rules: dict[str, Any] | None) -> dict[str, Any] | None:
    if rules is None:
        return None
    return {
        "match": [{**rule, "route": _renamed(names, rule["route"])} for rule in rules["match"]],
        "default": _renamed(names, rules["default"]),
    }


def _budget(config: Config, budget: dict[str, Any]) -> dict[str, Any]:
    degrade = {_model(config, before): _model(config, after) for before, after in budget["degrade"].items()}
    return {**budget, "degrade": degrade}


def test_provider_names_are_routecs() -> None:
    assert all(name not in PROVIDER_NAMES for name in PROVIDER_NAMES.values())


def test_only_suppressions_in_force_are_carried(tmp_path: Path) -> None:
    """An `ignore-file` after other text, or a directive inside a string, silences nothing in the source:
    written at the top of the conversion it would silence the whole file."""
    config = tmp_path / "c.yaml"
    config.write_text(
        "routes:\n"
        "  fast: {model: 'ollama:llama3', description: 'see # routec: ignore-file[RC201]'}\n"
        "  slow: {model: 'ollama:qwen'}  # routec: ignore-file[RC101]\n"
    )
    _, result, _ = _converted(config)
    comments = [line for line in _body(result.text) if line.lstrip().startswith("#") or "  # " in line]
    assert comments == [], result.text
    assert 'description: "see # routec: ignore-file[RC201]"' in result.text  # the string, as it was


@pytest.mark.parametrize(
    ("second", "carried"),
    [("http://localhost:11434", True), ("http://gpu-box:11434", False)],
    ids=["shared endpoint", "two endpoints"],
)
def test_a_litellm_endpoint_all_deployments_share_is_the_providers_base_url(tmp_path: Path, second: str, carried: bool) -> None:
    config = tmp_path / "litellm.yaml"
    config.write_text(
        "model_list:\n"
        "  - model_name: a\n"
        "    litellm_params: {model: ollama_chat/llama3.1, api_base: 'http://localhost:11434'}\n"
        "  - model_name: b\n"
        f"    litellm_params: {{model: ollama_chat/llama3.2, api_base: '{second}'}}\n"
    )
    _, result, converted = _converted(config)
    assert converted.config is not None
    assert ('baseUrl: "http://localhost:11434"' in result.text) is carried
    dropped = [item.path for item in result.dropped]
    expected = [] if carried else ["model_list[0].litellm_params.api_base", "model_list[1].litellm_params.api_base"]
    assert [path for path in dropped if path.endswith("api_base")] == expected
