"""Emitters: a resolved routing table to the files `routec build` writes.

Each target renders to text from the table alone (plus the constants chosen
for names), so the same input always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..ir import Config
from ..resolve import Table
from .names import Collision, file_label, identifiers, printable

if TYPE_CHECKING:
    from .gateway import Emitted

TARGETS = ("table", "python", "typescript", "litellm", "plano")
DEFAULT_FILE_NAMES = {
    "table": "routing_table.json",
    "python": "routes.py",
    "typescript": "routes.ts",
    "litellm": "litellm_config.yaml",
    "plano": "plano_config.yaml",
}
# Targets that need a constant per name (and so refuse names that would share one).
STUB_TARGETS = ("python", "typescript")


class Stubs(NamedTuple):
    """What the stub templates need beyond the table: a constant per name."""

    route_constants: list[tuple[str, str]]
    agent_constants: list[tuple[str, str]]
    collisions: list[Collision]


def plan_constants(config: Config) -> Stubs:
    names = [(name, route.key) for name, route in config.routes.items()]
    names += [(name, alias.key) for name, alias in config.aliases.items() if name not in config.routes]
    routes, route_collisions = identifiers(names)
    agents = [(str(agent.id.value), agent.id) for agent in config.agents if agent.id is not None]
    agent_ids, agent_collisions = identifiers(agents)
    return Stubs(list(routes.items()), list(agent_ids.items()), route_collisions + agent_collisions)


def render_table(table: Table, stubs: Stubs) -> str:
    return printable(json.dumps(table, indent=2, ensure_ascii=False), keep="\n") + "\n"


def render_python(table: Table, stubs: Stubs) -> str:
    return _render("routes.py.j2", table, stubs, none="None", target=_python_target)


def render_typescript(table: Table, stubs: Stubs) -> str:
    return _render("routes.ts.j2", table, stubs, none="null", target=_typescript_target)


RENDERERS: dict[str, Callable[[Table, Stubs], str]] = {
    "table": render_table,
    "python": render_python,
    "typescript": render_typescript,
}


def gateway_emitters() -> dict[str, Callable[[Table, Config], Emitted]]:
    """Gateway configs (`--target litellm|plano`): they also say what they leave out, at its place in the source."""
    from .litellm import emit_litellm
    from .plano import emit_plano

    return {"litellm": emit_litellm, "plano": emit_plano}


def _render(template: str, table: Table, stubs: Stubs, none: str, target: Callable[[Any], str]) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined  # build-only: never loaded by `check`

    environment = Environment(
        loader=PackageLoader("routec.emit", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # code, not HTML: strings are quoted by the `q` filter
    )
    environment.filters["q"] = lambda value: none if value is None else _string(value)
    # A TypeScript object literal's `"__proto__": ...` sets the prototype instead of adding the key; a computed key adds it.
    environment.filters["key"] = lambda value: f"[{_string(value)}]" if value == "__proto__" else _string(value)
    environment.globals["target"] = target
    environment.globals["strategy"] = _python_strategy if none == "None" else _typescript_strategy
    return environment.get_template(template).render(
        source=file_label(table["source"]["file"]),  # never ends the comment or docstring it sits in
        version=table["generator"]["version"],
        route_names=list(table["routes"]) + [name for name in table["aliases"] if name not in table["routes"]],
        agent_names=list(table["agents"]),
        routes=_route_infos(table),
        agents=[(name, _agent_info(info)) for name, info in table["agents"].items()],
        route_constants=stubs.route_constants,
        agent_constants=stubs.agent_constants,
        rules=(table.get("rules") or {}).get("match", []),
        default_route=(table.get("rules") or {}).get("default"),
    )


def _route_infos(table: Table) -> list[tuple[str, dict[str, Any]]]:
    infos = [
        (name, {"route": name, "target": route, "chain": route["chain"], "strategy": route.get("strategy", {"kind": "single"})})
        for name, route in table["routes"].items()
    ]
    for name, alias in table["aliases"].items():
        if name in table["routes"]:
            continue
        landed = alias["route"]
        chain = table["routes"][landed]["chain"] if landed is not None else [alias]
        strategy = table["routes"][landed].get("strategy", {"kind": "single"}) if landed is not None else {"kind": "single"}
        infos.append((name, {"route": landed, "target": alias, "chain": chain, "strategy": strategy}))
    return infos


def _agent_info(info: dict[str, Any]) -> dict[str, Any]:
    return {"route": info["route"], "target": info if info["target"] is not None else None, "reason": info["reason"]}


def _string(value: str) -> str:
    # A JSON string (non-ASCII kept as is) is a valid string literal in Python and TypeScript.
    return json.dumps(value, ensure_ascii=False)


def _python_target(step: dict[str, Any] | None) -> str:
    if step is None:
        return "None"
    return f"Target({_string(step['provider'])}, {_string(step['model'])}, {_string(step['target'])})"


def _typescript_target(step: dict[str, Any] | None) -> str:
    if step is None:
        return "null"
    return f"{{ provider: {_string(step['provider'])}, model: {_string(step['model'])}, target: {_string(step['target'])} }}"


def _python_strategy(strategy: dict[str, Any]) -> str:
    parts = [_string(strategy["kind"])]
    for key in ("models", "on", "weights"):
        if key in strategy:
            items = ", ".join(_string(item) if isinstance(item, str) else repr(item) for item in strategy[key])
            parts.append(f"{key}=({items}{',' if len(strategy[key]) == 1 else ''})")
    for key in ("check", "scorer"):
        if key in strategy:
            parts.append(f"{key}={_string(strategy[key])}")
    return f"Strategy({', '.join(parts)})"


def _typescript_strategy(strategy: dict[str, Any]) -> str:
    parts = [f"kind: {_string(strategy['kind'])}"]
    for key in ("models", "on", "weights"):
        if key in strategy:
            parts.append(f"{key}: [{', '.join(_string(item) if isinstance(item, str) else repr(item) for item in strategy[key])}]")
    for key in ("check", "scorer"):
        if key in strategy:
            parts.append(f"{key}: {_string(strategy[key])}")
    return "{ " + ", ".join(parts) + " }"
