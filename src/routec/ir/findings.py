"""Shape problems a front-end finds while lowering a tree to the IR.

These are facts, not diagnostics: the rules that own RC003-RC006 decide how
to word them and at which severity. ``lenient`` marks a finding the target
gateway itself only warns about (Carapace's unknown top-level keys).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..syntax import Node


@dataclass(slots=True)
class Finding:
    node: Node
    path: str  # dotted path of the value concerned, e.g. "gateway.port"


@dataclass(slots=True)
class UnknownKey(Finding):
    key: str
    allowed: tuple[str, ...]
    lenient: bool = False
    # Advice that beats a did-you-mean, e.g. where the key belongs instead.
    note: str | None = None


@dataclass(slots=True)
class WrongType(Finding):
    expected: str  # a phrase: "a mapping of route names to routes"
    subject: str = ""  # what must have that type, when it is not the value at ``path``


@dataclass(slots=True)
class MissingKey(Finding):
    key: str
    note: str | None = None


@dataclass(slots=True)
class InvalidValue(Finding):
    problem: str  # what is wrong, as a sentence fragment
    hint: str = ""  # how to put it right
    allowed: tuple[str, ...] = ()
    replacement: str | None = None  # a corrected value, if one is evident
    lenient: bool = False

