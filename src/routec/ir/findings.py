"""Shape problems a front-end finds while lowering a tree to the IR.

These are facts, not diagnostics: the rules that own RC003-RC006 decide how
to word them and at which severity. ``lenient`` marks a finding the target
gateway itself only warns about (Carapace's unknown top-level keys). Each
starts with the node concerned and its dotted path (``gateway.port``).
"""

from __future__ import annotations

from typing import NamedTuple, Union

from ..syntax import Node


class UnknownKey(NamedTuple):
    node: Node
    path: str
    key: str
    allowed: tuple[str, ...]
    lenient: bool = False
    # Advice that beats a did-you-mean, e.g. where the key belongs instead.
    note: str | None = None


class WrongType(NamedTuple):
    node: Node
    path: str
    expected: str  # a phrase: "a mapping of route names to routes"
    subject: str = ""  # what must have that type, when it is not the value at ``path``


class MissingKey(NamedTuple):
    node: Node
    path: str
    key: str
    note: str | None = None
    # Why the key is required, when the format itself was a guess (no dialect recognised).
    why: str | None = None


class InvalidValue(NamedTuple):
    node: Node
    path: str
    problem: str  # what is wrong, as a sentence fragment
    hint: str = ""  # how to put it right
    allowed: tuple[str, ...] = ()
    replacement: str | None = None  # a corrected value, if one is evident
    lenient: bool = False


Finding = Union[UnknownKey, WrongType, MissingKey, InvalidValue]
