"""What a diff is made of: changes, each with its class, kind, message and position."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple


class Class(str, Enum):
    """How much a change matters to the clients of a config, worst first."""

    BREAKING = "breaking"  # code that names something no longer compiles or finds it
    BEHAVIOURAL = "behavioural"  # the same names, but requests land elsewhere
    SAFE = "safe"  # additions, labels

    def __str__(self) -> str:
        return self.value


CLASSES = (Class.BREAKING, Class.BEHAVIOURAL, Class.SAFE)


class Where(NamedTuple):
    """A position: in the new file for what exists there, in the old one for what was removed."""

    file: str
    line: int
    column: int
    side: str  # "new" or "old"


class Change(NamedTuple):
    kind: str  # e.g. "route-removed"; its class comes from the classifier
    cls: Class
    name: str  # the route, alias, agent, rule, ... it is about
    message: str
    where: Where
    suggestion: str | None = None
    # Routes, aliases and agents of the new config this change touches: the part of the graph to draw.
    nodes: tuple[str, ...] = ()


class SideInfo(NamedTuple):
    file: str  # as shown: a path, or REF:path for a file read from git
    dialect: str | None  # None: the file did not exist (all of the new one is added)


class DiffResult(NamedTuple):
    old: SideInfo
    new: SideInfo
    changes: list[Change]
    table: dict[str, Any]  # the new config's routing table, for the graph

    def count(self, cls: Class) -> int:
        return sum(1 for change in self.changes if change.cls is cls)

    def fails(self, fail_on: Class) -> bool:
        """Whether a change is of class ``fail_on`` or worse."""
        limit = CLASSES.index(fail_on)
        return any(CLASSES.index(change.cls) <= limit for change in self.changes)
