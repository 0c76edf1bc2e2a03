"""`routec build --target litellm`: a LiteLLM proxy ``config.yaml``.

Each route is a model group (`model_name`) with one deployment per model it
really calls (its model, and a loadbalance strategy's models with their
weights); each alias is a `router_settings.model_group_alias` entry pointing
straight at the group it lands on (LiteLLM follows aliases one step only); an
alias that names a model is a group of its own. Each route's fallbacks are
its `router_settings.fallbacks` entry, in order: LiteLLM tries a fallback
group's own fallbacks before the next one and skips groups already tried,
which is routec's depth-first failover chain. Credentials are
`os.environ/VAR` with the variable the source names (LiteLLM's usual one
when it names none). Two routes that would be the same group (same
deployments, same fallbacks) are one group and an alias, as LiteLLM wants.

Agents, rules, preferences, budgets, cascade and parallel strategies,
fallback models and providers LiteLLM does not know are left out, each
reported (see :mod:`routec.emit.gateway`).
"""

from __future__ import annotations

import json
from typing import Any

from ..catalog import needs_credentials
from ..dialects.litellm import LITELLM_PROVIDERS, LOCAL_PROVIDERS, MAX_FALLBACKS_DEFAULT, env_var_for
from ..ir import Config, Route
from .convert import PROVIDER_NAMES
from .gateway import (
    Comment,
    Emitted,
    LeftOut,
    agent_anchor,
    anchor,
    base_url,
    budget_left_out,
    credential,
    describe_agent,
    fallback_model_left_out,
    gateway_provider,
    header,
    in_source_order,
    rules_left_out,
    split_model,
    yaml_text,
)

GATEWAY = "LiteLLM"
# LiteLLM names routec's catalog does not map (LiteLLM's name -> routec's).
EXTRA_NAMES = {"veniceai": "venice"}
# Providers whose deployments take cloud credentials rather than an `api_key`: litellm_params -> variable, the
# first taking the variable the source declares (Carapace's `bedrock.accessKeyId`, `vertex.projectId`).
AWS = {"aws_access_key_id": "AWS_ACCESS_KEY_ID", "aws_secret_access_key": "AWS_SECRET_ACCESS_KEY"}
CLOUD_CREDENTIALS = {"bedrock": AWS, "sagemaker": AWS, "vertex_ai": {"vertex_project": "VERTEXAI_PROJECT"}}


def emit_litellm(table: dict[str, Any], config: Config) -> Emitted:
    return _Emitter(table, config).emit()


class _Group:
    def __init__(self, deployments: list[dict[str, Any]], description: str | None = None) -> None:
        self.deployments = deployments
        self.description = description
        self.fallbacks: list[str] = []


class _Emitter:
    def __init__(self, table: dict[str, Any], config: Config) -> None:
        self.table = table
        self.config = config
        self.groups: dict[str, _Group] = {}
        self.landing: dict[str, str] = {}  # route or alias name -> the group it lands on
        self.left_out: list[LeftOut] = []

    def emit(self) -> Emitted:
        self.add_routes()
        self.add_alias_groups()
        self.add_fallbacks()
        self.merge_copies()
        aliases = self.aliases()
        self.left_out += [
            LeftOut("RB001", f"{GATEWAY} has no agents: {describe_agent(agent)} is left out", agent_anchor(agent))
            for agent in self.config.all_agents()
        ]
        self.left_out += rules_left_out(self.config, GATEWAY)
        self.left_out += [
            LeftOut("RB008", f"{GATEWAY} has no preference routing: preference '{preference.name.value}' is left out", preference.name)
            for preference in self.config.preferences
        ]
        self.left_out += budget_left_out(self.config, GATEWAY)
        left_out = in_source_order(list(dict.fromkeys(self.left_out)))
        lines = header(self.table, self.config, GATEWAY, "litellm", left_out)
        return Emitted(yaml_text(lines, self.document(aliases)), left_out)

    # --- model groups ---------------------------------------------------------------------------------

    def deployment(self, provider: str, model: str) -> dict[str, Any] | None:
        name = gateway_provider(provider, LITELLM_PROVIDERS, EXTRA_NAMES)
        if name is None:
            return None
        params: dict[str, Any] = {"model": f"{name}/{model}", **self.credentials(name, provider)}
        url = base_url(self.table, provider)
        if url is not None:
            params["api_base"] = url
        return params

    def credentials(self, name: str, provider: str) -> dict[str, str]:
        """The variable the source names, else the one LiteLLM reads anyway (written, so the config says it)."""
        variable = credential(self.table, provider)
        if name in CLOUD_CREDENTIALS:
            found = dict(CLOUD_CREDENTIALS[name])
            if variable is not None:
                found[next(iter(found))] = variable
            return {key: f"os.environ/{value}" for key, value in found.items()}
        keyless = name in LOCAL_PROVIDERS or not needs_credentials(PROVIDER_NAMES.get(provider, provider))
        if variable is None and keyless:
            return {}
        return {"api_key": f"os.environ/{variable or env_var_for(name)}"}

    def add_routes(self) -> None:
        for name, entry in self.table["routes"].items():
            route = self.config.routes[name]
            first = self.deployment(entry["provider"], entry["model"])
            if first is None:
                assert route.model is not None
                self.unknown_provider(entry["provider"], f"route '{name}' is left out", route.model.text)
                continue
            self.groups[name] = _Group(self.deployments(name, route, entry, first), entry.get("description"))
            self.landing[name] = name

    def deployments(self, name: str, route: Route, entry: dict[str, Any], first: dict[str, Any]) -> list[dict[str, Any]]:
        """The route's own deployments: its model, then its other deployments or loadbalance models."""
        strategy, kind = route.strategy, entry["strategy"]["kind"]
        if strategy is not None and kind in ("cascade", "parallel"):
            message = f"{GATEWAY} has no {kind} strategy: route '{name}' keeps only its model '{entry['target']}'"
            self.left_out.append(LeftOut("RB003", message, anchor(strategy.node)))
            return [first]
        if strategy is not None and strategy.failover_on:
            message = f"{GATEWAY} fails over on any error: the conditions in `on` of route '{name}' are left out"
            self.left_out.append(LeftOut("RB003", message, strategy.failover_on[0]))
        weights = entry["strategy"].get("weights") if strategy is not None and strategy.weights else None
        found = [(first, weights[0] if weights else None)]
        for index, model in enumerate(route.extra_models, start=1):
            split = split_model(self.config, model.value)
            extra = self.deployment(*split) if split is not None else None
            if extra is None:
                provider = split[0] if split is not None else model.value
                self.unknown_provider(provider, f"model '{model.value}' of route '{name}' is left out", model.text)
                continue
            found.append((extra, weights[index] if weights and index < len(weights) else None))
        return [{**params, "weight": weight} if weight is not None else params for params, weight in found]

    def add_alias_groups(self) -> None:
        """An alias that names a model is a group of its own; aliases of it land there."""
        for name, entry in self.table["aliases"].items():
            if entry["route"] is not None or entry["path"][-2] != name:
                continue
            params = self.deployment(entry["provider"], entry["model"])
            if params is None:
                self.unknown_provider(entry["provider"], f"alias '{name}' is left out", self.config.aliases[name].key)
                continue
            self.groups[name] = _Group([params])
            self.landing[name] = name

    def unknown_provider(self, provider: str, what: str, node: Any) -> None:
        self.left_out.append(LeftOut("RB005", f"{GATEWAY} does not know the provider '{provider}': {what}", node))

    # --- names: fallbacks and aliases ------------------------------------------------------------------

    def lands_on(self, name: str) -> str:
        """The route, or the alias that names a model, a route or alias name ends at."""
        if name in self.table["routes"]:
            return name
        entry = self.table["aliases"][name]
        return str(entry["route"] if entry["route"] is not None else entry["path"][-2])

    def add_fallbacks(self) -> None:
        for name in list(self.groups):
            route = self.config.routes.get(name)
            if route is not None:
                self.add_fallback_models(name, route)
            for reference in route.fallbacks if route is not None else []:
                landed = self.lands_on(reference.value)
                group = self.landing.get(landed)
                if group is None:
                    message = f"fallback '{reference.value}' of route '{name}' is left out of the {GATEWAY} config: '{landed}' is left out"
                    self.left_out.append(LeftOut("RB010", message, reference.name))
                elif group != name and group not in self.groups[name].fallbacks:
                    self.groups[name].fallbacks.append(group)

    def add_fallback_models(self, name: str, route: Route) -> None:
        """A fallback model is a fallback to a group that serves just that model and falls back nowhere, if any.

        (LiteLLM would go on to such a group's own fallbacks, which the model does not have.)
        """
        for model in route.fallback_models:
            split = split_model(self.config, model.value)
            params = self.deployment(*split) if split is not None else None
            serving = [
                group
                for group, found in self.groups.items()
                if found.deployments == [params] and group != name and not self.falls_back(group)
            ]
            if serving:
                if serving[0] not in self.groups[name].fallbacks:
                    self.groups[name].fallbacks.append(serving[0])
            else:
                why = f"{GATEWAY} falls back to model groups only, and no group serves just this model"
                self.left_out.append(fallback_model_left_out(route, model, why))

    def falls_back(self, group: str) -> bool:
        route = self.config.routes.get(group)
        return route is not None and bool(route.fallbacks or route.fallback_models)

    def merge_copies(self) -> None:
        """A route that would repeat an earlier group (same deployments, same fallbacks) is an alias of it."""
        seen: dict[str, str] = {}
        for name in list(self.groups):
            group = self.groups[name]
            signature = json.dumps([group.deployments, group.fallbacks], sort_keys=True)
            if signature in seen:
                del self.groups[name]
                self.landing[name] = seen[signature]
            else:
                seen[signature] = name
        for group in self.groups.values():
            group.fallbacks = list(dict.fromkeys(self.landing[name] for name in group.fallbacks))

    def aliases(self) -> dict[str, str]:
        aliases = {name: group for name, group in self.landing.items() if name != group}
        for name in self.table["aliases"]:
            if name in self.groups:
                continue
            landed = self.lands_on(name)
            group = self.landing.get(landed)
            if group is None:
                message = f"alias '{name}' is left out of the {GATEWAY} config: it lands on '{landed}', which is left out"
                self.left_out.append(LeftOut("RB010", message, self.config.aliases[name].key))
            else:
                aliases[name] = group
        return aliases

    # --- the file ---------------------------------------------------------------------------------------

    def document(self, aliases: dict[str, str]) -> dict[str, Any]:
        model_list: list[Any] = []
        for name, group in self.groups.items():
            for index, params in enumerate(group.deployments):
                item = {"model_name": name, "litellm_params": params}
                model_list.append(Comment(f"{name}: {group.description}", item) if index == 0 and group.description else item)
        settings: dict[str, Any] = {}
        fallbacks = [{name: group.fallbacks} for name, group in self.groups.items() if group.fallbacks]
        if fallbacks:
            settings["fallbacks"] = fallbacks
        if aliases:
            settings["model_group_alias"] = aliases
        longest = max((self.hops(name) for name in self.groups), default=0)
        if longest > MAX_FALLBACKS_DEFAULT:
            settings["max_fallbacks"] = longest  # every step of the longest chain is tried
        document: dict[str, Any] = {"model_list": model_list}
        if settings:
            document["router_settings"] = settings
        return document

    def hops(self, start: str) -> int:
        """How many fallback groups LiteLLM tries from ``start``: depth first, each group once."""
        seen = {start}
        pending = list(reversed(self.groups[start].fallbacks))
        while pending:
            name = pending.pop()
            if name not in seen:
                seen.add(name)
                pending += reversed(self.groups[name].fallbacks)
        return len(seen) - 1
