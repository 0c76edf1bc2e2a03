"""`routec build --target plano`: a Plano (katanemo) ``plano_config.yaml``.

Each route is a model provider named by the route (`name`, `provider/model`,
`access_key: $VAR`, `base_url` where the source declares one or Plano needs
it); a route whose model an earlier one already serves, and every alias, is a
`model_aliases` entry targeting that model (Plano refuses a model twice); an
alias that names a model is a provider named by the alias. The model the
agents default to (else the rules' default route) is `default: true`. Each
preference is a top-level routing preference whose `models` are its route's
failover chain, the only place Plano fails over (on 429 or 5xx). A model
listener on port 12000 serves it all (`version: v0.4.0`).

Per-agent choices, rules, budgets, strategies, per-route fallbacks outside
preferences, more than one model per name, fallback models and providers
Plano does not know (or cannot reach without a `base_url`) are left out, each
reported (see :mod:`routec.emit.gateway`).
"""

from __future__ import annotations

from typing import Any

from ..catalog import env_var_for
from ..dialects.plano import KEYLESS, NEEDS_BASE_URL, SUPPORTED
from ..ir import Config, Route
from ..syntax import Node
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
    yaml_text,
)

GATEWAY = "Plano"
VERSION = "v0.4.0"
LISTENER = {"type": "model", "name": "model_listener", "port": 12000}


def emit_plano(table: dict[str, Any], config: Config) -> Emitted:
    return _Emitter(table, config).emit()


class _Emitter:
    def __init__(self, table: dict[str, Any], config: Config) -> None:
        self.table = table
        self.config = config
        self.entries: dict[str, dict[str, Any]] = {}  # model string -> its model provider entry
        self.descriptions: dict[str, str] = {}  # model string -> the description of its route
        self.taken: set[str] = set()  # model strings and model ids, which Plano wants unique
        self.landing: dict[str, str] = {}  # route or alias name -> the model string it lands on
        self.left_out: list[LeftOut] = []

    def emit(self) -> Emitted:
        self.add_routes()
        self.add_alias_models()
        used_rules_default = self.mark_default()
        aliases = self.aliases()
        preferences, preferred = self.preferences()
        self.report_fallbacks(preferred)
        self.left_out += [
            LeftOut("RB001", f"{GATEWAY} has no per-agent models: {describe_agent(agent)} is left out", agent_anchor(agent))
            for agent in self.config.agents
        ]
        self.left_out += rules_left_out(self.config, GATEWAY, keep_default=used_rules_default)
        self.left_out += budget_left_out(self.config, GATEWAY)
        left_out = in_source_order(list(dict.fromkeys(self.left_out)))
        document: dict[str, Any] = {"version": VERSION, "listeners": [LISTENER], "model_providers": self.providers()}
        if aliases:
            document["model_aliases"] = aliases
        if preferences:
            document["routing_preferences"] = preferences
        lines = header(self.table, self.config, GATEWAY, "plano", left_out)
        return Emitted(yaml_text(lines, document), left_out)

    # --- model providers --------------------------------------------------------------------------------

    def model_string(self, provider: str, model: str, what: str, node: Node) -> str | None:
        """`provider/model` as Plano writes it, or None (reported) when Plano cannot reach the provider."""
        name = gateway_provider(provider, SUPPORTED)
        if name is None:
            message = f"{GATEWAY} does not know the provider '{provider}': {what} is left out"
        elif name in NEEDS_BASE_URL and base_url(self.table, provider) is None:
            message = f"{GATEWAY} needs a base_url for '{name}' and the source declares none: {what} is left out"
        else:
            return f"{name}/{model}"
        self.left_out.append(LeftOut("RB005", message, node))
        return None

    def declare(self, label: str | None, provider: str, model: str, what: str, node: Node) -> None:
        """A model provider for ``label`` (None: named by its model), or an alias of the one serving its model."""
        written = self.model_string(provider, model, what, node)
        if written is None:
            return
        if written not in self.entries:
            model_id = written.split("/", 1)[1]
            if model_id in self.taken:
                message = f"{GATEWAY} refuses two models with the id '{model_id}': {what} ('{written}') is left out"
                self.left_out.append(LeftOut("RB009", message, node))
                return
            entry: dict[str, Any] = {"name": label} if label is not None and label != written else {}
            entry["model"] = written
            name = written.split("/", 1)[0]
            variable = credential(self.table, provider)
            if variable is None and name not in KEYLESS:
                variable = env_var_for(PROVIDER_NAMES.get(provider, provider))
            if variable is not None:
                entry["access_key"] = f"${variable}"
            url = base_url(self.table, provider)
            if url is not None:
                entry["base_url"] = url
            self.entries[written] = entry
            self.taken |= {written, model_id}
        if label is not None:
            self.landing[label] = written

    def add_routes(self) -> None:
        for name, entry in self.table["routes"].items():
            route = self.config.routes[name]
            assert route.model is not None
            self.declare(name, entry["provider"], entry["model"], f"route '{name}'", route.model.text)
            if name not in self.landing:
                continue
            if entry.get("description") and self.landing[name] not in self.descriptions:
                self.descriptions[self.landing[name]] = f"{name}: {entry['description']}"
            self.report_own_models(name, route, entry)
            why = f"{GATEWAY} has no per-model fallbacks"
            self.left_out += [fallback_model_left_out(route, model, why) for model in route.fallback_models]

    def report_own_models(self, name: str, route: Route, entry: dict[str, Any]) -> None:
        strategy, kind = route.strategy, entry["strategy"]["kind"]
        if strategy is not None and kind in ("cascade", "parallel", "loadbalance"):
            message = f"{GATEWAY} serves one model per name: route '{name}' keeps only its model '{entry['target']}'; its {kind} strategy is left out"
            self.left_out.append(LeftOut("RB003", message, anchor(strategy.node)))
            return
        if strategy is not None and strategy.failover_on:
            message = f"{GATEWAY} fails over on 429 and 5xx: the conditions in `on` of route '{name}' are left out"
            self.left_out.append(LeftOut("RB003", message, strategy.failover_on[0]))
        for model in route.extra_models:
            message = f"{GATEWAY} serves one model per name: model '{model.value}' of route '{name}' is left out"
            self.left_out.append(LeftOut("RB009", message, model.text))

    def add_alias_models(self) -> None:
        """An alias that names a model is a model provider named by the alias (or an alias of one serving it)."""
        for name, entry in self.table["aliases"].items():
            if entry["route"] is None and entry["path"][-2] == name:
                self.declare(name, entry["provider"], entry["model"], f"alias '{name}'", self.config.aliases[name].key)

    def mark_default(self) -> bool:
        """`default: true` on the model the agents default to, else on the rules' default; True if the rules' is used."""
        defaults = self.table["defaults"]
        agent = self.config.defaults
        if defaults is not None and agent is not None and defaults["reason"] != "none":
            if defaults["route"] is not None:
                written = self.landing.get(defaults["route"])
                what = f"`agents.defaults` (route '{defaults['route']}')"
            else:
                self.declare(None, defaults["provider"], defaults["model"], "`agents.defaults`", agent_anchor(agent))
                written = self.entry_for(defaults["provider"], defaults["model"])
                what = "`agents.defaults`"
            self.set_default(written, what, agent_anchor(agent))
            return False
        if self.config.default_route is not None:
            route = self.table["rules"]["default"]
            self.set_default(self.landing.get(route), f"the rules' default route '{route}'", self.config.default_route.name)
            return True
        root = self.config.document.root
        message = (
            f"{GATEWAY} sends a request that names no model to its default model, and this config names no default "
            "(`agents.defaults` or a rules default): the Plano config has none"
        )
        self.left_out.append(LeftOut("RB011", message, anchor(root) if root is not None else next(iter(self.config.routes.values())).key))
        return False

    def entry_for(self, provider: str, model: str) -> str | None:
        name = gateway_provider(provider, SUPPORTED)
        written = f"{name}/{model}"
        return written if name is not None and written in self.entries else None

    def set_default(self, written: str | None, what: str, node: Node) -> None:
        if written is None:
            self.left_out.append(LeftOut("RB010", f"{what} is left out of the {GATEWAY} config: the model it lands on is left out", node))
        else:
            self.entries[written]["default"] = True

    def providers(self) -> list[Any]:
        return [
            Comment(self.descriptions[written], entry) if written in self.descriptions else entry
            for written, entry in self.entries.items()
        ]

    # --- names ---------------------------------------------------------------------------------------------

    def lands_on(self, name: str) -> str:
        if name in self.table["routes"]:
            return name
        entry = self.table["aliases"][name]
        return str(entry["route"] if entry["route"] is not None else entry["path"][-2])

    def aliases(self) -> dict[str, Any]:
        """Routes and aliases that are not a provider's own name, each targeting its model."""
        named = {entry.get("name", written) for written, entry in self.entries.items()}
        aliases = {
            name: {"target": written}
            for name, written in self.landing.items()
            if name not in named and not _answers_to(written, name)
        }
        for name in self.table["aliases"]:
            if name in self.landing:
                continue
            landed = self.lands_on(name)
            written = self.landing.get(landed)
            if written is None:
                message = f"alias '{name}' is left out of the {GATEWAY} config: it lands on '{landed}', which is left out"
                self.left_out.append(LeftOut("RB010", message, self.config.aliases[name].key))
            elif not _answers_to(written, name):
                aliases[name] = {"target": written}
        return aliases

    def preferences(self) -> tuple[list[dict[str, Any]], set[str]]:
        """Top-level routing preferences, one per name, each with its routes' failover chains as `models`."""
        merged: dict[str, dict[str, Any]] = {}
        preferred: set[str] = set()
        for preference, written in zip(self.config.preferences, self.table["preferences"]):
            name, route = written["name"], written["route"]
            if route is None:
                continue
            models = self.chain_models(route)
            if not models:
                message = f"routing preference '{name}' is left out of the {GATEWAY} config: its route '{route}' is left out"
                self.left_out.append(LeftOut("RB010", message, preference.name))
                continue
            if written["description"] is None and name not in merged:
                message = f"{GATEWAY} needs a description for routing preference '{name}': it is left out"
                self.left_out.append(LeftOut("RB008", message, preference.name))
                continue
            preferred.add(route)
            entry = merged.setdefault(name, {"name": name, "description": written["description"], "models": []})
            entry["models"] = list(dict.fromkeys(entry["models"] + models))
        return list(merged.values()), preferred

    def chain_models(self, route: str) -> list[str]:
        """The models Plano may try for a route: each model its failover chain reaches, as a declared model."""
        models: list[str] = []
        for step in self.table["routes"].get(route, {}).get("chain", []):
            if "route" in step:
                own = step["target"] == self.table["routes"][step["route"]]["target"]
                written = self.landing.get(step["route"]) if own else None  # a strategy's other model: not declared
            else:
                written = self.entry_for(step["provider"], step["model"])
            if written is not None and written not in models:
                models.append(written)
        return models

    def report_fallbacks(self, preferred: set[str]) -> None:
        for name in self.table["routes"]:
            route = self.config.routes[name]
            if name not in self.landing or not route.fallbacks:
                continue
            if name in preferred:
                message = f"{GATEWAY} has no per-model fallbacks: route '{name}' falls back only when a routing preference picks it"
            else:
                message = f"{GATEWAY} has no per-model fallbacks: the fallbacks of route '{name}' are left out"
            self.left_out.append(LeftOut("RB007", message, route.fallbacks[0].name))


def _answers_to(written: str, name: str) -> bool:
    """Whether Plano serves a model under ``name`` already: its `provider/model_id` and its bare model id."""
    return name in (written, written.split("/", 1)[1])
