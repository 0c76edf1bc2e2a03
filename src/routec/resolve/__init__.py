"""The resolver: a checked config to a routing table with nothing left to resolve.

Every route gets its model and its failover chain as concrete models
(fallbacks followed depth-first in order, through aliases, each model once);
every alias the route it lands on and the path it took; every agent the model
it ends up using and why. Providers carry the *names* of their credential
variables, never values. The table is plain data (dicts, lists, strings) in
the order the config defines things, so emitting it is deterministic.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .. import __version__, env
from ..ir import Agent, Config, ModelRef, Route
from ..syntax import Node
from ..ir.graph import Resolver, own_models
from ..ir.models import ModelForm, parse_model
from ..routing import compile_rules

TABLE_VERSION = 1
TABLE_SCHEMA = "https://routec.dev/schemas/routing-table.schema.json"

Table = dict[str, Any]


class Unresolvable(Exception):
    """Something a build cannot resolve though the config checks clean (a model read from the environment)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


def resolve(config: Config, source_name: str, source_bytes: bytes) -> Table:
    resolver = Resolver(config)
    return {
        "$schema": TABLE_SCHEMA,
        "version": TABLE_VERSION,
        "generator": {"name": "routec", "version": __version__},
        "source": {
            "file": _decodable(source_name),
            "sha256": hashlib.sha256(source_bytes).hexdigest(),
            "dialect": config.dialect,
        },
        "providers": _providers(config),
        "routes": _routes(config, resolver),
        "aliases": _aliases(config, resolver),
        "defaults": _agent(config, resolver, config.defaults, None) if config.defaults is not None else None,
        "agents": _agents(config, resolver),
        "rules": _rules(config),
        "preferences": _preferences(config),
        "budget": _budget(config),
    }


def _decodable(name: str) -> str:
    """The file name with each undecodable byte (a lone surrogate, as Python passes it on) as U+FFFD.

    A lone surrogate has no UTF-8 form, so every artifact carrying it would fail to be written.
    """
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in name)


def _target(config: Config, ref: ModelRef) -> dict[str, str]:
    parsed = parse_model(ref.value, config.conventions)
    if parsed.form is not ModelForm.QUALIFIED or parsed.provider is None:
        raise Unresolvable(f"model '{ref.value}' is not a provider and model the build can resolve", ref.text)
    return {"provider": parsed.provider, "model": parsed.model, "target": ref.value}


def _providers(config: Config) -> dict[str, Any]:
    used = {_target(config, ref)["provider"] for ref in config.model_refs()}
    providers: dict[str, Any] = {}
    for name in sorted(used | set(config.providers)):
        declared = config.providers.get(name)
        variables: list[str] = []
        if declared is not None:
            for credential in config.credentials:
                if declared.owns(credential):
                    variables += env.names(str(credential.value.value), config.conventions.env_syntax)
            variables = list(dict.fromkeys(variables))  # several deployments may name one variable
        base_url = declared.base_url.value if declared is not None and declared.base_url is not None else None
        providers[name] = {
            "declared": declared is not None,
            "credentials": variables,
            "base_url": base_url,
        }
    return providers


def _routes(config: Config, resolver: Resolver) -> dict[str, Any]:
    chains = _Chains(config, resolver)
    routes: dict[str, Any] = {}
    for name, route in config.routes.items():
        if route.model is None:
            raise Unresolvable(f"route '{name}' has no model the build can resolve (is it read from the environment?)", route.key)
        entry: dict[str, Any] = {**_target(config, route.model)}
        if route.description is not None:
            entry["description"] = route.description
        entry["fallbacks"] = [reference.value for reference in route.fallbacks]
        entry["chain"] = chains.of(name)
        entry["strategy"] = _strategy(config, route)
        routes[name] = entry
    return routes


class _Chains:
    """Failover chains: the route's model, then each fallback's chain, in order, each model once.

    A clean config has no fallback cycles, so each route's chain is built once
    from its fallbacks' chains (post-order, without recursion) and reused.
    """

    def __init__(self, config: Config, resolver: Resolver) -> None:
        self.config = config
        self.resolver = resolver
        self._done: dict[str, list[dict[str, str]]] = {}

    def of(self, name: str) -> list[dict[str, str]]:
        pending: list[tuple[str, bool]] = [(name, False)]
        while pending:
            route, children_done = pending.pop()
            if route in self._done:
                continue
            fallbacks = self._fallbacks(route)
            if children_done:
                self._done[route] = self._merge(route, fallbacks)
                continue
            pending.append((route, True))
            pending.extend((step, False) for step in fallbacks if isinstance(step, str) and step not in self._done)
        return self._done[name]

    def _fallbacks(self, route: str) -> list[str | ModelRef]:
        steps: list[str | ModelRef] = []
        for reference in self.config.routes[route].fallbacks:
            landed = self.resolver.resolve(reference.value)
            if landed.route is not None:
                steps.append(landed.route)
            elif landed.model is not None:
                steps.append(landed.model)
        return steps

    def _merge(self, route: str, fallbacks: list[str | ModelRef]) -> list[dict[str, str]]:
        current = self.config.routes[route]
        assert current.model is not None
        chain: list[dict[str, str]] = []
        seen: set[str] = set()
        for model in own_models(current):
            if model.value not in seen:
                seen.add(model.value)
                chain.append({**_target(self.config, model), "route": route})
        for step in fallbacks:
            parts = self._done[step] if isinstance(step, str) else [_target(self.config, step)]
            for part in parts:
                if part["target"] not in seen:
                    seen.add(part["target"])
                    chain.append(part)
        return chain


def _aliases(config: Config, resolver: Resolver) -> dict[str, Any]:
    aliases: dict[str, Any] = {}
    for name in config.aliases:
        landed = resolver.resolve(name)
        path = resolver.path(name)
        entry: dict[str, Any] = {"route": landed.route, "path": path, "resolution": " -> ".join(path)}
        if landed.model is not None:
            entry.update(_target(config, landed.model))
        elif landed.route is not None:
            model = config.routes[landed.route].model
            assert model is not None
            entry.update(_target(config, model))
        aliases[name] = entry
    return aliases


def _agents(config: Config, resolver: Resolver) -> dict[str, Any]:
    agents: dict[str, Any] = {}
    for agent in config.agents:
        if agent.id is not None:
            agents[str(agent.id.value)] = _agent(config, resolver, agent, config.defaults)
    return agents


def _agent(config: Config, resolver: Resolver, agent: Agent, defaults: Agent | None) -> dict[str, Any]:
    """What an agent uses, and why: its route beats its model, which beats the defaults."""
    own = "defaults" if agent.id is None else "agent"
    if agent.route is not None:
        return _via_route(config, resolver, agent.route.value, f"{own} route")
    if agent.model is not None:
        return {"route": None, "reason": f"{own} model", **_target(config, agent.model)}
    if defaults is not None:
        inherited = _agent(config, resolver, defaults, None)
        if inherited["reason"] != "none":
            return {**inherited, "reason": f"defaults ({inherited['reason']})"}
    # Nothing chosen: the gateway's own default model applies.
    return {"route": None, "reason": "none", "provider": None, "model": None, "target": None}


def _via_route(config: Config, resolver: Resolver, name: str, reason: str) -> dict[str, Any]:
    landed = resolver.resolve(name)
    path = resolver.path(name)
    if landed.model is not None:
        return {"route": None, "reason": reason, "path": path, **_target(config, landed.model)}
    assert landed.route is not None
    model = config.routes[landed.route].model
    assert model is not None
    return {"route": landed.route, "reason": reason, "path": path, **_target(config, model)}


def _strategy(config: Config, route: Route) -> dict[str, Any]:
    """How the route uses its models; `single` when the config says nothing."""
    strategy = route.strategy
    if strategy is None:
        return {"kind": "single"}
    described: dict[str, Any] = {"kind": strategy.kind}
    if strategy.kind in ("cascade", "parallel", "loadbalance"):
        described["models"] = [_target(config, model)["target"] for model in strategy.models]
    if strategy.kind == "failover":
        words = [item.value for item in strategy.failover_on] or ["rate_limit", "timeout", "server_error"]
        described["on"] = words
    if strategy.kind == "cascade" and strategy.check is not None:
        described["check"] = strategy.check.value
    if strategy.kind == "parallel" and strategy.scorer is not None:
        described["scorer"] = strategy.scorer.value
    if strategy.kind == "loadbalance":
        described["weights"] = [item.value for item in strategy.weights] or [1] * len(strategy.models)
    return described


def _rules(config: Config) -> dict[str, Any] | None:
    """The rules in evaluation order (priority, then file order), keywords normalised."""
    if not config.matchers and config.default_route is None:
        return None
    compiled = compile_rules(config)
    return {
        "match": [
            {
                "name": rule.name,
                "kind": rule.kind,
                "patterns": list(rule.patterns),
                "route": rule.route,
                "priority": rule.priority,
            }
            for rule in compiled.rules
        ],
        "default": compiled.default,
    }


def _preferences(config: Config) -> list[dict[str, Any]]:
    return [
        {
            "name": preference.name.value,
            "description": preference.description.value if preference.description is not None else None,
            "route": preference.route.value if preference.route is not None else None,
        }
        for preference in config.preferences
    ]


def _budget(config: Config) -> dict[str, Any] | None:
    budget = config.budget
    if budget is None:
        return None
    return {
        "degrade_above_budget_pct": budget.threshold.value if budget.threshold is not None else None,
        "degrade": {_target(config, before)["target"]: _target(config, after)["target"] for before, after in budget.degradation},
    }
