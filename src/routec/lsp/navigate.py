"""What is at a position: names, their definitions, their uses, and what they resolve to.

Everything here reads the IR of the last check, so the editor sees exactly
what `routec check` sees.
"""

from __future__ import annotations

from typing import NamedTuple

from ..ir import Config, ModelRef, Reference
from ..ir.graph import Resolver, failover_chain
from ..syntax import Scalar


class NameAt(NamedTuple):
    """A route or alias name under the cursor: where it is written and what it names."""

    name: str
    node: Scalar
    is_definition: bool


def name_at(config: Config, offset: int) -> NameAt | None:
    for name, route in config.routes.items():
        if _inside(route.key, offset):
            return NameAt(name, route.key, True)
    for name, alias in config.aliases.items():
        if _inside(alias.key, offset):
            return NameAt(name, alias.key, True)
    for reference in config.references():
        if _inside(reference.name, offset):
            return NameAt(reference.value, reference.name, False)
    return None


def model_at(config: Config, offset: int) -> ModelRef | None:
    return next((ref for ref in config.model_refs() if _inside(ref.text, offset)), None)


def definition_of(config: Config, name: str) -> Scalar | None:
    if name in config.routes:
        return config.routes[name].key
    if name in config.aliases:
        return config.aliases[name].key
    return None


def uses_of(config: Config, name: str) -> list[Reference]:
    """Every reference to what ``name`` defines, by any name defined at the same place.

    A Plano model provider `openai/gpt-4o` is also the implicit alias `gpt-4o`: both are defined by
    the one `model:` value, and `target: gpt-4o` is a use of it.
    """
    declared = definition_of(config, name)
    place = (declared.start, declared.end) if declared is not None else None

    def same(value: str) -> bool:
        other = definition_of(config, value)
        return other is not None and (other.start, other.end) == place

    return [reference for reference in config.references() if reference.value == name or same(reference.value)]


def describe(config: Config, name: str) -> str:
    """Markdown for a hover: what the name resolves to, and its failover chain."""
    resolver = Resolver(config)
    landed = resolver.resolve(name)
    path = resolver.path(name)
    if landed.missing is not None:
        return f"`{name}`: **not defined** (`{landed.missing}` names no route or alias)"
    if landed.cycle:
        return f"`{name}`: **alias cycle** `{' → '.join(path)}`"
    steps = list(path)
    model = landed.model
    if landed.route is not None:
        model = config.routes[landed.route].model
        if model is not None:
            steps.append(model.value)
    lines = [f"`{' → '.join(steps)}`"]
    if landed.route is not None:
        route = config.routes[landed.route]
        if route.description:
            lines.append(route.description)
        chain = [model.value for model in failover_chain(config, resolver, landed.route)]
        if len(chain) > 1:
            lines.append("Failover chain: " + " → ".join(f"`{step}`" for step in chain))
    return "\n\n".join(lines)


def _inside(node: Scalar, offset: int) -> bool:
    return node.start <= offset <= node.end
