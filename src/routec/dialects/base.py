"""What a dialect front-end is, and the lowering steps dialects share.

A dialect knows one file format: its schema, how to recognise it, and how to
lower a tree to the IR. It knows nothing of rules: shape problems become
findings in the IR, and the rules decide what to say about them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from ..ir import Agent, Config, Conventions, ModelRef, RefKind, Reference, Route
from ..ir.findings import WrongType
from ..syntax import Document, Mapping, Node, Scalar, Sequence
from .schema import Obj, Validator, key_path


def fix_route_id(name: str) -> str:
    """The nearest valid route id: lowercase, hyphens for anything else."""
    fixed = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    fixed = re.sub(r"^[^a-z]+", "", fixed)
    return fixed or "route"


# Carapace's route id rule, which routec's own format shares for routes and aliases.
ROUTE_NAMES: dict[str, Any] = {
    "key_pattern": r"[a-z][a-z0-9-]*",
    "key_help": "a name starts with a lowercase letter and has only lowercase letters, digits and hyphens",
    "key_fix": fix_route_id,
    "key_kind": "route id",
}


class Dialect:
    name: ClassVar[str]
    summary: ClassVar[str]
    schema: ClassVar[Obj]
    conventions: ClassVar[Conventions]

    def looks_like(self, document: Document, path: str) -> bool:
        """Whether the file's shape says it is written in this dialect."""
        raise NotImplementedError

    def lower(self, document: Document) -> Config:
        config = Config(self.name, document, self.conventions)
        if self.conventions.yaml_version == "1.1" and document.format == "yaml" and document.root is not None:
            from ..syntax.yaml import read_as_yaml_11  # loaded only for YAML files

            read_as_yaml_11(document.root, document.shares_nodes)  # the values the gateway itself will see
        root = document.root
        if not isinstance(root, Mapping):
            config.lowered = False
            if root is not None:
                config.findings.append(WrongType(root, "", self.schema.expected()))
            return config
        validator = Validator()
        validator.validate(root, self.schema, "")
        config.findings.extend(validator.findings)
        config.credentials.extend(validator.credentials)
        self.lower_mapping(root, config)
        return config

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        raise NotImplementedError


def string_at(mapping: Node | None, key: str) -> Scalar | None:
    """The value under ``key`` if it is a string, else None."""
    if not isinstance(mapping, Mapping):
        return None
    value = mapping.get(key)
    if isinstance(value, Scalar) and isinstance(value.value, str):
        return value
    return None


def mapping_at(mapping: Node | None, key: str) -> Mapping | None:
    if not isinstance(mapping, Mapping):
        return None
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else None


def list_at(mapping: Node | None, key: str) -> Sequence | None:
    if not isinstance(mapping, Mapping):
        return None
    value = mapping.get(key)
    return value if isinstance(value, Sequence) else None


def lower_routes(
    routes: Mapping | None,
    config: Config,
    *,
    with_fallbacks: bool,
    more: Callable[[Route, str, Config], None] | None = None,
) -> None:
    """``routes: {name: {model, fallbacks?}}`` as Carapace and routec write it. ``more`` lowers what only one
    dialect's routes have, while the route is at hand (a second pass over a large file costs as much again)."""
    if routes is None:
        return
    for pair in routes:
        if not isinstance(pair.key, Scalar):
            continue
        name = pair.name
        path = key_path("routes", name)
        body = pair.value
        route = Route(name, pair.key, body)
        model = string_at(body, "model")
        if model is not None:
            route.model = ModelRef(model, f"{path}.model", name)
        if with_fallbacks:
            route.fallbacks = references_in(list_at(body, "fallbacks"), RefKind.FALLBACK, f"{path}.fallbacks", name)
        description = string_at(body, "description") or string_at(body, "label")
        if description is not None:
            route.description = str(description.value)
        config.routes[name] = route
        if more is not None:
            more(route, path, config)


def references_in(items: Sequence | None, kind: RefKind, path: str, owner: str) -> list[Reference]:
    if items is None:
        return []
    return [
        Reference(item, kind, f"{path}[{index}]", owner)
        for index, item in enumerate(items.items)
        if isinstance(item, Scalar) and isinstance(item.value, str)
    ]


def lower_agent(body: Node, path: str, config: Config, *, is_default: bool) -> Agent:
    agent_id = None if is_default else string_at(body, "id")
    agent = Agent(agent_id, body, path)
    owner = agent.label
    route = string_at(body, "route")
    if route is not None:
        kind = RefKind.DEFAULT_ROUTE if is_default else RefKind.AGENT_ROUTE
        agent.route = Reference(route, kind, f"{path}.route", owner)
    model = string_at(body, "model")
    if model is not None:
        agent.model = ModelRef(model, f"{path}.model", owner)
    return agent


def lower_agents(agents: Mapping | None, config: Config) -> None:
    """``agents: {defaults: {route|model}, list: [{id, route|model}]}``."""
    if agents is None:
        return
    defaults = mapping_at(agents, "defaults")
    if defaults is not None:
        config.defaults = lower_agent(defaults, "agents.defaults", config, is_default=True)
    entries = list_at(agents, "list")
    if entries is None:
        return
    for index, body in enumerate(entries.items):
        if isinstance(body, Mapping):
            config.agents.append(lower_agent(body, f"agents.list[{index}]", config, is_default=False))
