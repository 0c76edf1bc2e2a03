"""The comparison: two routing tables, name by name, with positions from each side's IR.

Models are compared as (provider, model), with providers spelled as routec
spells them, so `openai/gpt-4o` in a LiteLLM config and `openai:gpt-4o` in
routec's format are the same model: configs of different dialects compare.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from ..emit.convert import PROVIDER_NAMES
from ..syntax import Node
from .classify import chain_kind, class_of
from .keep import keep_name
from .model import Change, Where
from .side import Side

Model = tuple[str | None, str | None]


def model_of(entry: dict[str, Any]) -> Model:
    provider = entry.get("provider")
    return (PROVIDER_NAMES.get(provider, provider) if provider else None, entry.get("model"))


def names(table: dict[str, Any]) -> list[str]:
    """Every name a client can use (the stubs' route constants): routes, then aliases."""
    return list(table["routes"]) + [name for name in table["aliases"] if name not in table["routes"]]


def chain(table: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The models a name's requests try, in order."""
    if name in table["routes"]:
        return list(table["routes"][name]["chain"])
    alias = table["aliases"][name]
    return list(table["routes"][alias["route"]]["chain"]) if alias["route"] is not None else [alias]


def target_of(table: dict[str, Any], name: str) -> tuple[Model, ...]:
    """What a name lands on, for telling renames: its model and failover chain."""
    return tuple(model_of(item) for item in chain(table, name))


def landing(entry: dict[str, Any] | None) -> str:
    """Where an alias, agent or the defaults land, for messages."""
    if entry is None or entry.get("target") is None:
        return "the gateway's default model"
    if entry.get("route"):
        return f"route '{entry['route']}' ({entry['target']})"
    return str(entry["target"])


def show_chain(steps: list[dict[str, Any]]) -> str:
    return " -> ".join(str(step["target"]) for step in steps) or "nothing"


class Comparison:
    """Compares the old side with the new; ``renamed`` maps old names to new ones once found."""

    def __init__(self, old: Side, new: Side) -> None:
        self.old = old
        self.new = new
        self.renamed: dict[str, str] = {}
        self.renamed_to: set[str] = set()
        self.changes: list[Change] = []
        # Routes whose first model changed: new name -> (old model, new model), to tell a chain that
        # changed only because a route it falls back to did.
        self.swaps: dict[str, tuple[Model, Model]] = {}

    def run(self) -> list[Change]:
        self._renames()
        self._names()
        self._agents()
        self._rules()
        self._preferences()
        self._budget()
        self._providers()
        return self.changes

    def add(self, kind: str, name: str, message: str, where: Where, suggestion: str | None = None, nodes: tuple[str, ...] = ()) -> None:
        self.changes.append(Change(kind, class_of(kind), name, message, where, suggestion, nodes))

    def now(self, name: str | None) -> str | None:
        """An old name as the new config calls it."""
        return self.renamed.get(name, name) if name is not None else None

    def _renames(self) -> None:
        """A removed name and an added one of the same kind with the same target: a rename.

        Added names are indexed by target, so renaming every route of a large config stays linear.
        """
        old, new = self.old.table, self.new.table
        old_names, new_names = set(names(old)), set(names(new))
        for routes in (True, False):
            candidates: dict[tuple[Model, ...], deque[str]] = {}
            for name in names(new):
                if name not in old_names and (name in new["routes"]) == routes:
                    candidates.setdefault(target_of(new, name), deque()).append(name)
            for name in names(old):
                if name in new_names or (name in old["routes"]) != routes:
                    continue
                waiting = candidates.get(target_of(old, name))
                if waiting:  # the first added name with that target, in the new file's order
                    self.renamed[name] = waiting.popleft()
        self.renamed_to = set(self.renamed.values())

    def _names(self) -> None:
        old, new = self.old.table, self.new.table
        old_names, new_names = set(names(old)), set(names(new))
        for name in names(old):
            if name in self.renamed:
                self._renamed(name, self.renamed[name])
            elif name not in new_names:
                self._removed(name)
        # Routes first: an alias's change is judged after the route it lands on.
        common_routes = [name for name in new["routes"] if name in old["routes"]]
        for name in names(new):
            if name not in old_names:
                if name not in self.renamed_to:
                    self._added(name)
            elif name in old["routes"] and name in new["routes"]:
                self._route(name)
        for name in common_routes:
            self._chain(name)
        for name in names(new):
            if name in old_names and not (name in old["routes"] and name in new["routes"]):
                self._alias(name)

    def _renamed(self, name: str, to: str) -> None:
        what = "route" if name in self.old.table["routes"] else "alias"
        key = self.new.route_key(to) if what == "route" else self.new.alias_key(to)
        message = (
            f"{what} '{name}' was renamed to '{to}' (the same model and failover chain); "
            f"clients that name '{name}' break"
        )
        self.add(f"{what}-renamed", name, message, self.new.at(key), keep_name(self.new, name, to), (to,))

    def _removed(self, name: str) -> None:
        what = "route" if name in self.old.table["routes"] else "alias"
        key = self.old.route_key(name) if what == "route" else self.old.alias_key(name)
        message = f"{what} '{name}' was removed; clients that name it break (the generated stubs no longer have it)"
        self.add(f"{what}-removed", name, message, self.old.at(key))

    def _added(self, name: str) -> None:
        if name in self.new.table["routes"]:
            route = self.new.table["routes"][name]
            self.add("route-added", name, f"route '{name}' was added ({route['target']})", self.new.at(self.new.route_key(name)), nodes=(name,))
        else:
            alias = self.new.table["aliases"][name]
            message = f"alias '{name}' was added; it lands on {landing(alias)}"
            self.add("alias-added", name, message, self.new.at(self.new.alias_key(name)), nodes=(name,))

    def _route(self, name: str) -> None:
        old, new = self.old.table["routes"][name], self.new.table["routes"][name]
        route = self.new.config.routes[name] if self.new.config else None
        before, after = model_of(old), model_of(new)
        if before != after:
            self.swaps[name] = (before, after)
            where = self.new.at(route.model.text if route and route.model else self.new.route_key(name))
            if before[0] != after[0]:
                message = f"route '{name}' now sends requests to another provider: {new['target']} instead of {old['target']}"
            else:
                message = f"route '{name}' now sends requests to {new['target']} instead of {old['target']}"
            self.add("route-model-changed", name, message, where, nodes=(name,))
        if _strategy(old) != _strategy(new):
            where = self.new.at(route.strategy.node if route and route.strategy else self.new.route_key(name))
            message = f"route '{name}' now uses the strategy {_strategy_text(new)} instead of {_strategy_text(old)}"
            self.add("strategy-changed", name, message, where, nodes=(name,))
        if old.get("description") != new.get("description"):
            self.add("description-changed", name, f"route '{name}' has a new description", self.new.at(self.new.route_key(name)), nodes=(name,))

    def _chain(self, name: str) -> None:
        """Run after every route's own model is compared: a chain that only follows a fallback's new model is not reported again."""
        old_chain = [self._as_now(item, name) for item in self.old.table["routes"][name]["chain"]]
        new_chain = list(self.new.table["routes"][name]["chain"])
        old_models, new_models = [model_of(item) for item in old_chain], [model_of(item) for item in new_chain]
        if set(old_models) == set(new_models) and old_models != new_models:
            kind: str | None = "failover-order-changed"
        else:
            kind = chain_kind(old_models[1:], new_models[1:])
        if kind is None:
            return
        original = self.old.table["routes"][name]["chain"]
        lost = [_step(item, name) for item in original[1:] if model_of(item) not in new_models]
        added = [_step(item, name) for item in new_chain[1:] if model_of(item) not in old_models]
        was, now = show_chain(original), show_chain(new_chain)
        messages = {
            "failover-step-lost": f"route '{name}' no longer fails over to {', '.join(lost)}: its chain was {was}, now {now}",
            "failover-order-changed": f"route '{name}' fails over in another order: {now} instead of {was}",
            "failover-step-inserted": f"route '{name}' now tries {', '.join(added)} before its earlier fallbacks: {now} instead of {was}",
            "failover-step-added": f"route '{name}' also fails over to {', '.join(added)} at the end: {now}",
        }
        self.add(kind, name, messages[kind], self.new.at(self._fallbacks_node(name)), nodes=(name,))

    def _as_now(self, item: dict[str, Any], route: str) -> dict[str, Any]:
        """An old chain step as it would be had only the routes whose model changed changed."""
        source = self.now(item.get("route"))
        if source is None or source == route or source not in self.swaps:
            return item
        before, after = self.swaps[source]
        if model_of(item) != before:
            return item
        return {**item, "provider": after[0], "model": after[1]}

    def _fallbacks_node(self, name: str) -> Node | None:
        route = self.new.config.routes.get(name) if self.new.config else None
        if route is None:
            return None
        if route.fallbacks:
            return route.fallbacks[0].name
        if route.fallback_models:
            return route.fallback_models[0].text
        return route.key

    def _alias(self, name: str) -> None:
        old, new = self.old.table, self.new.table
        was_route, is_route = name in old["routes"], name in new["routes"]
        same = target_of(old, name) == target_of(new, name)
        if was_route and not is_route:
            where = self.new.at(self.new.alias_target(name))
            if same:
                message = f"'{name}' is now an alias ({' -> '.join(new['aliases'][name]['path'])}) with the same model and failover chain"
                self.add("route-became-alias", name, message, where, nodes=(name,))
            else:
                message = f"'{name}' was a route ({old['routes'][name]['target']}) and is now an alias landing on {landing(new['aliases'][name])}"
                self.add("alias-target-changed", name, message, where, nodes=(name,))
            return
        if is_route and not was_route:
            where = self.new.at(self.new.route_key(name))
            if same:
                self.add("alias-became-route", name, f"'{name}' is now a route with the same model and failover chain", where, nodes=(name,))
            else:
                message = f"'{name}' was an alias landing on {landing(old['aliases'][name])} and is now a route to {new['routes'][name]['target']}"
                self.add("alias-target-changed", name, message, where, nodes=(name,))
            return
        before, after = old["aliases"][name], new["aliases"][name]
        if before["route"] is not None and after["route"] is not None:
            moved = self.now(before["route"]) != after["route"]
        else:
            moved = not same
        if moved:
            message = f"alias '{name}' now lands on {landing(after)} instead of {landing(before)}"
            self.add("alias-target-changed", name, message, self.new.at(self.new.alias_target(name)), nodes=(name,))

    def _agents(self) -> None:
        old, new = self.old.table["agents"], self.new.table["agents"]
        defaults_moved = self._defaults()
        for name in old:
            if name not in new:
                agent = self.old.agent(name)
                message = f"agent '{name}' was removed; clients that name it break (the generated stubs no longer have it)"
                self.add("agent-removed", name, message, self.old.at(agent.id if agent else None))
        for name, after in new.items():
            agent = self.new.agent(name)
            if name not in old:
                self.add("agent-added", name, f"agent '{name}' was added; it uses {landing(after)}", self.new.at(agent.id if agent else None), nodes=(name,))
                continue
            before = old[name]
            node = (agent.route.name if agent.route else agent.model.text if agent.model else agent.id) if agent else None
            if before["reason"] == "agent route" and after["reason"] != "agent route":
                message = f"agent '{name}' no longer has its own route (it named '{before['path'][0]}'); it now uses {landing(after)}"
                self.add("agent-route-removed", name, message, self.new.at(node), nodes=(name,))
            elif self._moved(before, after) and not (defaults_moved and _inherits(before) and _inherits(after)):
                message = f"agent '{name}' now uses {landing(after)} instead of {landing(before)}"
                self.add("agent-target-changed", name, message, self.new.at(node), nodes=(name,))

    def _moved(self, before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
        """Whether an agent (or the defaults) lands elsewhere; a route's own new model is that route's change."""
        if before is None or after is None:
            return (before is None) != (after is None)
        if before.get("route") or after.get("route"):
            return self.now(before.get("route")) != after.get("route")
        return model_of(before) != model_of(after)

    def _defaults(self) -> bool:
        before, after = self.old.table["defaults"], self.new.table["defaults"]
        if self.old.config is None or not self._moved(before, after):  # a new file: its agents are all added
            return False
        side = self.new if self.new.config and self.new.config.defaults else self.old
        node = side.config.defaults.node if side.config and side.config.defaults else None
        message = f"agents without their own route or model now use {landing(after)} instead of {landing(before)}"
        self.add("defaults-target-changed", "defaults", message, side.at(node))
        return True

    def _rules(self) -> None:
        before = {rule["name"]: rule for rule in (self.old.table["rules"] or {}).get("match", [])}
        after = {rule["name"]: rule for rule in (self.new.table["rules"] or {}).get("match", [])}
        renamed = self._renamed_rules(before, after)
        for name, rule in before.items():
            if name in renamed:
                to = renamed[name]
                matcher = self.new.matcher(to)
                message = f"rule '{name}' was renamed to '{to}'; it matches the same requests and sends them to '{after[to]['route']}'"
                self.add("rule-renamed", name, message, self.new.at(matcher.node if matcher else None), nodes=(after[to]["route"],))
            elif name not in after:
                matcher = self.old.matcher(name)
                message = f"rule '{name}' was removed; requests it sent to '{rule['route']}' now go elsewhere"
                self.add("rule-removed", name, message, self.old.at(matcher.node if matcher else None))
        for name, rule in after.items():
            matcher = self.new.matcher(name)
            where = self.new.at(matcher.node if matcher else None)
            if name not in before:
                if name not in renamed.values():
                    self.add("rule-added", name, f"rule '{name}' was added; it sends requests to '{rule['route']}'", where, nodes=(rule["route"],))
                continue
            if self.now(before[name]["route"]) != rule["route"]:
                where = self.new.at(matcher.route.name if matcher and matcher.route else None)
                message = f"rule '{name}' now sends requests to '{rule['route']}' instead of '{before[name]['route']}'"
                self.add("rule-route-changed", name, message, where, nodes=(rule["route"],))
            differences = _rule_differences(before[name], rule)
            if differences:
                self.add("rule-changed", name, f"rule '{name}' now matches other requests: {'; '.join(differences)}", where, nodes=(rule["route"],))
        self._default_route()

    def _renamed_rules(self, before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
        """A removed rule and an added one that match alike and send to the same route (a TokenPak route's
        keywords are a rule named after it, renamed with it): old name -> new name."""
        added: dict[tuple[Any, ...], deque[str]] = {}
        for name, rule in after.items():
            if name not in before:
                added.setdefault(_rule_key(rule, rule["route"]), deque()).append(name)
        renamed = {}
        for name, rule in before.items():
            waiting = added.get(_rule_key(rule, self.now(rule["route"]))) if name not in after else None
            if waiting:
                renamed[name] = waiting.popleft()
        return renamed

    def _default_route(self) -> None:
        before = (self.old.table["rules"] or {}).get("default")
        after = (self.new.table["rules"] or {}).get("default")
        if self.now(before) == after:
            return
        if after is None:
            node = self.old.config.default_route.name if self.old.config and self.old.config.default_route else None
            self.add("default-route-removed", "default", f"requests no rule matches no longer go to '{before}': there is no default route", self.old.at(node))
            return
        node = self.new.config.default_route.name if self.new.config and self.new.config.default_route else None
        if before is None:
            self.add("default-route-added", "default", f"requests no rule matches now go to '{after}'", self.new.at(node), nodes=(after,))
        else:
            self.add("default-route-changed", "default", f"requests no rule matches now go to '{after}' instead of '{before}'", self.new.at(node), nodes=(after,))

    def _preferences(self) -> None:
        before, after = _preferences(self.old.table), _preferences(self.new.table)
        for name in before:
            if name not in after:
                found = self.old.preference(name)
                self.add("preference-removed", name, f"preference '{name}' was removed", self.old.at(found.name if found else None))
        for name, (description, routes) in after.items():
            found = self.new.preference(name)
            where = self.new.at(found.name if found else None)
            nodes = tuple(route for route in routes if route)
            if name not in before:
                self.add("preference-added", name, f"preference '{name}' was added", where, nodes=nodes)
            elif self._preference_moved(before[name][1], routes):
                message = f"preference '{name}' now sends requests to {_routes_text(routes)} instead of {_routes_text(before[name][1])}"
                self.add("preference-changed", name, message, where, nodes=nodes)
            elif before[name][0] != description:
                message = f"preference '{name}' has a new description; a preference router chooses routes by it"
                self.add("preference-changed", name, message, where, nodes=nodes)

    def _preference_moved(self, before: list[str | None], after: list[str | None]) -> bool:
        """Whether a preference's requests go elsewhere: other routes, unless they try the same models in order
        (Plano's preference that lists two models and routec's one route that falls back from one to the other)."""
        if [self.now(route) for route in before] == after:
            return False
        return _preference_chain(self.old.table, before) != _preference_chain(self.new.table, after)

    def _budget(self) -> None:
        before, after = self.old.table["budget"], self.new.table["budget"]
        if before == after or self.old.config is None:
            return
        side = self.new if after is not None else self.old
        node = side.config.budget.node if side.config and side.config.budget else None
        if after is None:
            message = "the budget was removed: no model is degraded any more"
        elif before is None:
            message = f"a budget now degrades models above {after['degrade_above_budget_pct']}%"
        else:
            message = "the budget now " + "; ".join(_budget_differences(before, after))
        self.add("budget-changed", "budget", message, side.at(node))

    def _providers(self) -> None:
        before, after = self.old.table["providers"], self.new.table["providers"]
        for name in after:
            old_name = next((other for other in before if PROVIDER_NAMES.get(other, other) == PROVIDER_NAMES.get(name, name)), None)
            if old_name is None or before[old_name]["base_url"] == after[name]["base_url"]:
                continue
            provider = self.new.config.providers.get(name) if self.new.config else None
            node = provider.base_url if provider and provider.base_url else provider.key if provider else None
            message = f"provider '{name}' now sends requests to {after[name]['base_url'] or 'its default endpoint'} instead of {before[old_name]['base_url'] or 'its default endpoint'}"
            self.add("provider-endpoint-changed", name, message, self.new.at(node))


def _preferences(table: dict[str, Any]) -> dict[str, tuple[str | None, list[str | None]]]:
    """Each preference's description and routes, in order: Plano's table has one entry per model a preference lists."""
    found: dict[str, tuple[str | None, list[str | None]]] = {}
    for preference in table["preferences"]:
        found.setdefault(preference["name"], (preference["description"], []))[1].append(preference["route"])
    return found


def _preference_chain(table: dict[str, Any], routes: list[str | None]) -> tuple[Model | None, ...]:
    """The models a preference's requests try, in order; None for a model no route serves."""
    chain: list[Model | None] = []
    for route in routes:
        steps: tuple[Model | None, ...] = (None,)
        if route is not None and (route in table["routes"] or route in table["aliases"]):
            steps = target_of(table, route)
        chain += [step for step in steps if step is None or step not in chain]
    return tuple(chain)


def _routes_text(routes: list[str | None]) -> str:
    """`'fast'`, or `'fast', then 'backup'`; a model no route serves (one a wildcard serves) says so."""
    return ", then ".join(f"'{route}'" if route is not None else "a model no route serves" for route in routes) or "nothing"


def _inherits(agent: dict[str, Any]) -> bool:
    return str(agent["reason"]).startswith("defaults")


def _step(item: dict[str, Any], route: str) -> str:
    source = item.get("route")
    return f"{item['target']} (route '{source}')" if source and source != route else str(item["target"])


def _strategy(route: dict[str, Any]) -> dict[str, Any]:
    """The strategy without its models: which models a route tries is its chain, compared on its own."""
    return {key: value for key, value in route["strategy"].items() if key != "models"}


def _strategy_text(route: dict[str, Any]) -> str:
    """`loadbalance (weights 3, 1)`, `failover (on rate_limit, timeout)`, `single`."""
    strategy = _strategy(route)
    kind = str(strategy.pop("kind"))
    details = [f"{key} {', '.join(map(str, value)) if isinstance(value, list) else value}" for key, value in strategy.items()]
    return f"{kind} ({'; '.join(details)})" if details else kind


def _rule_key(rule: dict[str, Any], route: str | None) -> tuple[Any, ...]:
    return (rule["kind"], tuple(rule["patterns"]), rule["priority"], route)


def _rule_differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    differences = []
    if before["kind"] != after["kind"]:
        differences.append(f"it is now a {after['kind']} rule (was {before['kind']})")
    elif before["patterns"] != after["patterns"]:
        added = [p for p in after["patterns"] if p not in before["patterns"]]
        removed = [p for p in before["patterns"] if p not in after["patterns"]]
        word = {"keyword": "keyword", "regex": "regex", "intent": "intent"}.get(after["kind"], "pattern")
        if added:
            differences.append(f"{word}s added: " + ", ".join(f"'{p}'" for p in added))
        if removed:
            differences.append(f"{word}s removed: " + ", ".join(f"'{p}'" for p in removed))
    if before["priority"] != after["priority"]:
        differences.append(f"priority {after['priority']} (was {before['priority']})")
    return differences


def _budget_differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    differences = []
    threshold, old_threshold = after["degrade_above_budget_pct"], before["degrade_above_budget_pct"]
    if threshold != old_threshold:
        differences.append(f"degrades models above {threshold}% instead of {old_threshold}%")
    if after["degrade"] != before["degrade"]:
        differences.append(f"degrades {_degrade_text(after)} instead of {_degrade_text(before)}")
    return differences


def _degrade_text(budget: dict[str, Any]) -> str:
    return ", ".join(f"{before} -> {after}" for before, after in budget["degrade"].items()) or "nothing"
