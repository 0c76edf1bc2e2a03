"""`routec explain`: how a name (an agent, an alias, a route) reaches its model, step by step."""

from __future__ import annotations

from .ir import Agent, Config, ModelRef
from .ir.graph import Resolver, failover_chain


def explain(config: Config, name: str) -> list[str] | None:
    """Lines of explanation, or None when nothing in the config has that name."""
    resolver = Resolver(config)
    agent = next((agent for agent in config.agents if agent.id is not None and agent.id.value == name), None)
    lines = _agent(config, resolver, agent) if agent is not None else []
    if name in config.routes or name in config.aliases:  # agents and routes have names of their own: one may be both
        lines += ([""] if lines else []) + _name(config, resolver, name)
    return lines or None


def names(config: Config) -> list[str]:
    agents = [str(agent.id.value) for agent in config.agents if agent.id is not None]
    return [*agents, *config.aliases, *config.routes]


def _agent(config: Config, resolver: Resolver, agent: Agent) -> list[str]:
    lines = [f"agent '{agent.id.value if agent.id else ''}'"]
    if agent.route is not None:
        lines.append(f"  uses route '{agent.route.value}' (its own `route`)")
        if agent.model is not None:
            lines.append(f"  (its `model` {agent.model.value} is ignored: the route wins)")
        return lines + _name(config, resolver, agent.route.value)[1:]
    if agent.model is not None:
        return lines + [f"  uses model {agent.model.value} (its own `model`)", *_degraded(config, [agent.model.value])]
    defaults = config.defaults
    if defaults is not None and defaults.route is not None:
        lines.append(f"  uses route '{defaults.route.value}' (agents.defaults)")
        return lines + _name(config, resolver, defaults.route.value)[1:]
    if defaults is not None and defaults.model is not None:
        return lines + [f"  uses model {defaults.model.value} (agents.defaults)", *_degraded(config, [defaults.model.value])]
    return lines + ["  sets no route or model, and there are no defaults: the gateway's own default applies"]


def _name(config: Config, resolver: Resolver, name: str) -> list[str]:
    lines = [f"'{name}'"]
    current = name
    seen: set[str] = set()
    while current in config.aliases and current not in config.routes:
        if current in seen:
            return lines + [f"  '{current}' is part of an alias cycle (RC103): it reaches no model"]
        seen.add(current)
        target = config.aliases[current].target
        if isinstance(target, ModelRef):
            return lines + [f"  '{current}' is an alias of the model {target.value}", *_degraded(config, [target.value])]
        lines.append(f"  '{current}' is an alias of '{target.value}'")
        current = target.value
    route = config.routes.get(current)
    if route is None:
        return lines + [f"  '{current}' is not defined (RC101/RC102)"]
    model = route.model.value if route.model is not None else "(no model)"
    lines.append(f"  route '{current}' sends requests to {model}")
    if route.strategy is not None and route.strategy.kind != "single":
        lines.append(f"  strategy: {route.strategy.kind} over {', '.join(m.value for m in route.strategy.models)}")
    chain = [item.value for item in failover_chain(config, resolver, current)]
    if len(chain) > 1:
        lines.append(f"  failover chain: {' -> '.join(chain)}")
    return lines + _degraded(config, chain or [model])


def _degraded(config: Config, models: list[str]) -> list[str]:
    """What the budget swaps these models for once spending passes its threshold."""
    budget = config.budget
    if budget is None:
        return []
    cheaper = {model.value: replacement.value for model, replacement in budget.degradation}
    above = f"past {budget.threshold.value}% of the budget" if budget.threshold is not None else "over budget"
    return [f"  {above}: {model} gives way to {cheaper[model]}" for model in dict.fromkeys(models) if model in cheaper]
