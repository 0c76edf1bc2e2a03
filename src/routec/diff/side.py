"""One side of a diff: a config that checks clean, its routing table, and where its names are."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..check import FileReport, check_bytes
from ..diagnostics import Severity
from ..ir import Agent, Config, Matcher, Preference, Reference
from ..resolve import Table, Unresolvable, resolve
from ..rules import Options
from ..secrets import Secret
from ..settings import FileSettings
from ..syntax import Node
from .model import Where


class Side:
    """A checked config and its table; ``role`` is "old" or "new", for positions."""

    def __init__(self, role: str, name: str, config: Config | None, table: Table, secrets: list[Secret]) -> None:
        self.role = role
        self.name = name
        self.config = config  # None: the file did not exist on the old side
        self.table = table
        self.secrets = secrets
        # Names to IR elements, built once: a large config's every agent or rule is looked up.
        agents = config.agents if config is not None else []
        matchers = config.matchers if config is not None else []
        self._agents = {str(agent.id.value): agent for agent in reversed(agents) if agent.id is not None}
        self._matchers = {(m.name or f"rule {order + 1}"): m for order, m in reversed(list(enumerate(matchers)))}
        self._preferences = {str(p.name.value): p for p in reversed(config.preferences if config is not None else [])}

    @property
    def dialect(self) -> str | None:
        return self.config.dialect if self.config is not None else None

    def at(self, node: Node | None) -> Where:
        """Where a node is in this side's file (its start when there is no node)."""
        if node is None or self.config is None:
            return Where(self.name, 1, 1, self.role)
        position = self.config.document.source.position(node.start)
        return Where(self.name, position.line, position.column, self.role)

    def route_key(self, name: str) -> Node | None:
        route = self.config.routes.get(name) if self.config else None
        return route.key if route is not None else None

    def alias_key(self, name: str) -> Node | None:
        alias = self.config.aliases.get(name) if self.config else None
        return alias.key if alias is not None else None

    def alias_target(self, name: str) -> Node | None:
        alias = self.config.aliases.get(name) if self.config else None
        if alias is None:
            return None
        return alias.target.name if isinstance(alias.target, Reference) else alias.target.text

    def agent(self, name: str) -> Agent | None:
        return self._agents.get(name)

    def matcher(self, name: str) -> Matcher | None:
        """A rule by the name the table gives it (unnamed rules are `rule N`, as routing.py names them)."""
        return self._matchers.get(name)

    def preference(self, name: str) -> Preference | None:
        return self._preferences.get(name)


EMPTY_TABLE: Table = {
    "providers": {},
    "routes": {},
    "aliases": {},
    "defaults": None,
    "agents": {},
    "rules": None,
    "preferences": [],
    "budget": None,
}


def absent(role: str, name: str) -> Side:
    """The old side of a file that did not exist: everything in the new one is added."""
    return Side(role, name, None, dict(EMPTY_TABLE), [])


class Broken(NamedTuple):
    """A config that does not check clean, or that checks clean but cannot be resolved."""

    report: FileReport
    unresolvable: Unresolvable | None

    def problems(self) -> list[str]:
        """The build problem as a line (the diagnostics are printed by a reporter)."""
        if self.unresolvable is None:
            return []
        source = self.report.document.source
        position = source.position(self.unresolvable.node.start)
        return [f"{source.path}:{position.line}:{position.column}: {self.unresolvable.message}"]


def load(
    role: str, data: bytes, name: str, dialect: str | None, settings: FileSettings | None, options: Options | None = None
) -> Side | Broken:
    """One side, checked as `routec check` would (``options``: its environment, for the project's env-check)."""
    report = check_bytes(data, name, options, dialect, settings=settings)
    errors = any(d.severity is Severity.ERROR for d in report.diagnostics) or report.internal_errors
    if errors or report.config is None:
        return Broken(report, None)
    try:
        table: dict[str, Any] = resolve(report.config, name, data)
    except Unresolvable as problem:
        return Broken(report, problem)
    return Side(role, name, report.config, table, report.secrets)
