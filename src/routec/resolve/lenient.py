"""A routing table for a config that does not check clean, for drawing it.

`resolve` needs a clean config: it follows fallbacks to build chains and
qualifies every model, and a cycle or a bare model name stops it. `routec
graph` must still draw such a config (a visibly marked cycle is the point),
so this builds the same shape from the IR without resolving anything that
may be broken: models as written, chains with the route's own models only,
alias paths that stop where they loop or name nothing defined. Only the
graph reads it; it is never written as a build artifact.
"""

from __future__ import annotations

from typing import Any

from ..ir import Agent, Config, ModelRef, Route
from ..ir.graph import Resolver, own_models
from ..ir.models import ModelForm, parse_model
from . import TABLE_SCHEMA, TABLE_VERSION, Table, _preferences, _rules


def lenient_table(config: Config, source_name: str) -> Table:
    resolver = Resolver(config)
    return {
        "$schema": TABLE_SCHEMA,
        "version": TABLE_VERSION,
        "source": {"file": source_name, "dialect": config.dialect},
        "routes": {name: _route(config, route) for name, route in config.routes.items()},
        "aliases": {name: _alias(config, resolver, name) for name in config.aliases},
        "defaults": _agent(config, resolver, config.defaults, None) if config.defaults is not None else None,
        "agents": {str(a.id.value): _agent(config, resolver, a, config.defaults) for a in config.agents if a.id is not None},
        "rules": _rules(config),
        "preferences": _preferences(config),
        "budget": _budget(config),
    }


def _model(config: Config, ref: ModelRef) -> dict[str, str | None]:
    parsed = parse_model(ref.value, config.conventions)
    qualified = parsed.form is ModelForm.QUALIFIED
    return {"provider": parsed.provider if qualified else None, "model": parsed.model if qualified else None, "target": ref.value}


def _route(config: Config, route: Route) -> dict[str, Any]:
    entry: dict[str, Any] = _model(config, route.model) if route.model is not None else {"provider": None, "model": None, "target": None}
    entry["fallbacks"] = [reference.value for reference in route.fallbacks]
    entry["chain"] = [{**_model(config, model), "route": route.name} for model in own_models(route)]
    strategy = route.strategy
    entry["strategy"] = {"kind": "single"} if strategy is None else {"kind": strategy.kind}
    if strategy is not None and strategy.kind in ("cascade", "parallel", "loadbalance"):
        entry["strategy"]["models"] = [model.value for model in strategy.models]
    return entry


def _alias(config: Config, resolver: Resolver, name: str) -> dict[str, Any]:
    landed = resolver.resolve(name)
    path = resolver.path(name)
    entry: dict[str, Any] = {"route": landed.route, "path": path, "resolution": " -> ".join(path)}
    if landed.model is not None:
        entry.update(_model(config, landed.model))
    return entry


def _agent(config: Config, resolver: Resolver, agent: Agent, defaults: Agent | None) -> dict[str, Any]:
    """As the resolver decides, without insisting that the route resolves."""
    own = "defaults" if agent.id is None else "agent"
    if agent.route is not None:
        name = agent.route.value
        landed = resolver.resolve(name)
        return {"route": landed.route, "reason": f"{own} route", "path": resolver.path(name), "target": None}
    if agent.model is not None:
        return {"route": None, "reason": f"{own} model", **_model(config, agent.model)}
    if defaults is not None:
        inherited = _agent(config, resolver, defaults, None)
        if inherited["reason"] != "none":
            return {**inherited, "reason": f"defaults ({inherited['reason']})"}
    return {"route": None, "reason": "none", "provider": None, "model": None, "target": None}


def _budget(config: Config) -> dict[str, Any] | None:
    budget = config.budget
    if budget is None:
        return None
    return {
        "degrade_above_budget_pct": budget.threshold.value if budget.threshold is not None else None,
        "degrade": {before.value: after.value for before, after in budget.degradation},
    }
