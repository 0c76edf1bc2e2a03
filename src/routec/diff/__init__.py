"""`routec diff`: what changed between two routing configs, and how much it matters.

Both configs are checked and resolved to routing tables (any dialect, so a
LiteLLM config compares with its routec conversion); the tables are compared
name by name (compare.py), the project's `routec test` cases are routed by
both (behaviour.py), and each change gets its class from the classifier
(classify.py): breaking, behavioural or safe. Positions come from the IR: the
new file for what exists there, the old file for what was removed.
"""

from __future__ import annotations

from ..build import _masked as masked
from ..cases import Case
from ..secrets import scrub
from .behaviour import case_changes, cases_beside
from .compare import Comparison
from .model import CLASSES, Change, Class, DiffResult, SideInfo, Where
from .side import Broken, Side, absent, load


def diff(old: Side, new: Side, cases: list[tuple[str, list[Case]]] | None = None) -> DiffResult:
    comparison = Comparison(old, new)
    changes = comparison.run()
    changes += case_changes(old, new, comparison.now, cases or [])
    secrets = old.secrets + new.secrets
    table = new.table
    if secrets:  # a key pasted where RC301 is silenced never reaches the output, nor the graph
        changes = [change._replace(message=scrub(change.message, secrets)) for change in changes]
        table = masked(table, secrets)
    changes.sort(key=_order)
    return DiffResult(SideInfo(old.name, old.dialect), SideInfo(new.name, new.dialect), changes, table)


def _order(change: Change) -> tuple[int, int, int, int, str, str]:
    """Breaking first; within a class, the new file's changes, then the removals, each by position."""
    where = change.where
    return (CLASSES.index(change.cls), where.side != "new", where.line, where.column, change.kind, change.name)


__all__ = [
    "Broken",
    "Change",
    "Class",
    "DiffResult",
    "Side",
    "SideInfo",
    "Where",
    "absent",
    "cases_beside",
    "diff",
    "load",
]
