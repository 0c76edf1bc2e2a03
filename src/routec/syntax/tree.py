"""The positioned tree that both the YAML and the JSON5 readers produce.

A node knows its span as ``start``/``end`` offsets into the source text (end
exclusive). A string's span includes its quotes. Mappings keep every pair in
source order, duplicates included, so rules can point at both copies; lookups
see the last copy, as JSON and JSON5 loaders do.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:
    from .problems import SyntaxProblem

ScalarValue = Union[str, int, float, bool, None]


def shared(text: str) -> str:
    """One string object for all copies of a name-like string: a key, a route name, a model string.

    A large config writes the same names and model strings thousands of times, and every rule looks
    them up in dictionaries: one object for each saves memory, and a lookup whose key is the very
    object stored matches without comparing characters. Prose (anything with a space) and long
    strings are left as they are.
    """
    return sys.intern(text) if len(text) <= 64 and " " not in text else text


class Node:
    __slots__ = ("start", "end")

    start: int
    end: int

    kind: str = "node"

    def to_python(self) -> object:
        raise NotImplementedError


class Scalar(Node):
    """A string, number, boolean or null.

    ``style`` is ``None`` for a plain (unquoted) token, the quote character for
    a quoted string, or ``"|"``/``">"`` for a YAML block scalar.
    """

    __slots__ = ("value", "style", "text")

    def __init__(
        self, value: ScalarValue, start: int, end: int, style: str | None = None, text: str | None = None
    ) -> None:
        self.value = value
        self.start = start
        self.end = end
        self.style = style
        # A YAML plain scalar's text as written, so it can be read again under YAML 1.1.
        self.text = text

    @property
    def kind(self) -> str:  # type: ignore[override]
        value = self.value
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, str):
            return "string"
        return "number"

    def to_python(self) -> ScalarValue:
        return self.value

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}, {self.start}, {self.end})"


class Pair:
    __slots__ = ("key", "value", "_name")

    def __init__(self, key: Node, value: Node) -> None:
        self.key = key
        self.value = value
        self._name: str | None = None

    @property
    def name(self) -> str:
        """The key as text, whatever scalar type it was written as (computed once)."""
        name = self._name
        if name is None:
            key = self.key
            if isinstance(key, Scalar):
                name = key.value if isinstance(key.value, str) else _plain_text(key.value)
            else:
                name = ""
            self._name = name
        return name

    def forget_name(self) -> None:
        """For when the key's value is read again (YAML 1.1)."""
        self._name = None


# Mappings with at most this many pairs are searched in order instead of indexed:
# most mappings in a routing config are small, and building a dict costs more.
_SCAN_LIMIT = 8


class Mapping(Node):
    __slots__ = ("pairs", "_index")

    kind = "mapping"

    def __init__(self, pairs: list[Pair], start: int, end: int) -> None:
        self.pairs = pairs
        self.start = start
        self.end = end
        self._index: dict[str, Pair] | None = None

    def _lookup(self) -> dict[str, Pair]:
        if self._index is None:
            self._index = {pair.name: pair for pair in self.pairs}
        return self._index

    def get(self, key: str) -> Node | None:
        pair = self.pair(key)
        return pair.value if pair is not None else None

    def pair(self, key: str) -> Pair | None:
        pairs = self.pairs
        if len(pairs) <= _SCAN_LIMIT:
            for pair in reversed(pairs):  # the last copy wins
                if pair.name == key:
                    return pair
            return None
        return self._lookup().get(key)

    def __contains__(self, key: str) -> bool:
        return self.pair(key) is not None

    def __iter__(self) -> Iterator[Pair]:
        """The pairs a loader keeps: one per key, the last copy of each."""
        pairs = self.pairs
        if len(pairs) <= _SCAN_LIMIT and len({pair.name for pair in pairs}) == len(pairs):
            yield from pairs
            return
        index = self._lookup()
        for pair in self.pairs:
            if index[pair.name] is pair:
                yield pair

    def to_python(self) -> dict[object, object]:
        return {_key_value(pair.key): pair.value.to_python() for pair in self.pairs}


class Sequence(Node):
    __slots__ = ("items",)

    kind = "list"

    def __init__(self, items: list[Node], start: int, end: int) -> None:
        self.items = items
        self.start = start
        self.end = end

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_python(self) -> list[object]:
        return [item.to_python() for item in self.items]


def _key_value(key: Node) -> object:
    if isinstance(key, Scalar):
        return key.value
    return repr(key.to_python())


def _plain_text(value: ScalarValue) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def describe(node: Node | None, json_like: bool = False) -> str:
    """A short phrase for a node's type, for messages: 'a list', 'a string'."""
    if node is None:
        return "nothing"
    kind = node.kind
    if json_like:
        kind = {"mapping": "object", "list": "array"}.get(kind, kind)
    if kind == "null":
        return "null"
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{article} {kind}"


def value_origin(text: str, scalar: Scalar) -> int | None:
    """Source offset of a string scalar's first character, when its text is verbatim."""
    value = scalar.value
    if not isinstance(value, str):
        return None
    inner = 1 if scalar.style in ("'", '"') else 0
    start = scalar.start
    # A YAML anchor or tag may precede the token: find the value where it is verbatim.
    token = text[start : scalar.end]
    if scalar.style in ("'", '"'):
        quote = token.find(scalar.style)
        if quote == -1:
            return None
        start += quote
    elif scalar.style is None and value and not token.startswith(value):
        position = token.find(value)
        if position == -1:
            return None
        start += position
        inner = 0
    if text[start + inner : start + inner + len(value)] == value:
        return start + inner
    return None


def value_span(text: str, scalar: Scalar, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``scalar.value[start:end]``, or the whole token if escapes hide them."""
    origin = value_origin(text, scalar)
    if origin is None:
        return scalar.start, scalar.end
    return origin + start, origin + end


class Tree(NamedTuple):
    """What a reader returns: the root, the problems it read past, and whether some node sits in two places
    (a YAML alias), so that a walk over the tree must remember what it has seen."""

    root: Node
    problems: list[SyntaxProblem]
    shares_nodes: bool = False
