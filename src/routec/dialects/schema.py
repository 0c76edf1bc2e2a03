"""A small declarative schema for config shapes, and its validator.

A dialect describes its file once with these specs; the validator walks the
positioned tree against them and records findings (unknown keys with the
allowed set, wrong types, missing keys, invalid values). The same
descriptions can later become JSON Schema and editor completions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from collections.abc import Mapping as Mapping_
from typing import Any, NamedTuple

from ..ir import Credential
from ..ir.findings import Finding, InvalidValue, MissingKey, UnknownKey, WrongType
from ..syntax import Mapping, Node, Scalar, Sequence


class Spec:
    """A description of one value. Options are keyword-only; class attributes are the defaults."""

    doc: str = ""
    nullable: bool = False
    # JSON Schema to publish instead of the one derived from this spec (for checks it cannot express).
    json_schema: Mapping_[str, Any] | None = None

    def __init__(self, **options: Any) -> None:
        for name, value in options.items():
            if not hasattr(type(self), name):
                raise TypeError(f"{type(self).__name__} has no option {name!r}")
            setattr(self, name, value)

    def expected(self) -> str:
        raise NotImplementedError

    def accepts(self, node: Node) -> bool:
        raise NotImplementedError


class Anything(Spec):
    def expected(self) -> str:
        return "any value"

    def accepts(self, node: Node) -> bool:
        return True


class Str(Spec):
    choices: tuple[str, ...] = ()
    # What each known value means, for editors (hover, completion); the keys need not be all values.
    choice_docs: Mapping_[str, str] = {}
    pattern: str | None = None
    pattern_help: str = ""
    # Returns a problem description, or None when the value is fine.
    check: Callable[[str], str | None] | None = None
    # The target gateway only warns about a value outside ``choices``.
    lenient: bool = False
    # Holds a credential: never shown, and must be a ${VAR} reference.
    secret: bool = False

    def expected(self) -> str:
        return "a string"

    def accepts(self, node: Node) -> bool:
        return isinstance(node, Scalar) and isinstance(node.value, str)


class Int(Spec):
    minimum: int | None = None
    maximum: int | None = None

    def expected(self) -> str:
        return "an integer"

    def accepts(self, node: Node) -> bool:
        value = node.value if isinstance(node, Scalar) else None
        return isinstance(value, int) and not isinstance(value, bool)


class Num(Spec):
    minimum: float | None = None
    maximum: float | None = None

    def expected(self) -> str:
        return "a number"

    def accepts(self, node: Node) -> bool:
        value = node.value if isinstance(node, Scalar) else None
        return isinstance(value, (int, float)) and not isinstance(value, bool)


class Bool(Spec):
    def expected(self) -> str:
        return "true or false"

    def accepts(self, node: Node) -> bool:
        return isinstance(node, Scalar) and isinstance(node.value, bool)


class Field(NamedTuple):
    spec: Spec
    required: bool = False
    doc: str = ""


class Obj(Spec):
    fields: Mapping_[str, Field] = {}
    # What an unknown key is: "error", "warning" (the gateway only warns) or "allow".
    unknown: str = "error"
    # Keys that are wrong here, with advice: {"hooks": "put it under gateway.hooks"}.
    misplaced: Mapping_[str, str] = {}
    what: str = "a mapping"

    def expected(self) -> str:
        return self.what

    def accepts(self, node: Node) -> bool:
        return isinstance(node, Mapping)


class MapOf(Spec):
    """A mapping from names the user chooses to values of one spec."""

    values: Spec = Anything()
    key_pattern: str | None = None
    key_help: str = ""
    # Turns an invalid key into a valid one, for the fix.
    key_fix: Callable[[str], str] | None = None
    # What a key names, for messages: "route name".
    key_kind: str = "name"
    what: str = "a mapping"

    def expected(self) -> str:
        return self.what

    def accepts(self, node: Node) -> bool:
        return isinstance(node, Mapping)


class ListOf(Spec):
    items: Spec = Anything()
    what: str = "a list"

    def expected(self) -> str:
        return self.what

    def accepts(self, node: Node) -> bool:
        return isinstance(node, Sequence)


class OneOf(Spec):
    """The first option whose type fits the value applies."""

    options: tuple[Spec, ...] = ()

    def expected(self) -> str:
        return " or ".join(option.expected() for option in self.options)

    def accepts(self, node: Node) -> bool:
        return any(option.accepts(node) for option in self.options)


_PLAIN_KEY = re.compile(r"[A-Za-z_$][\w$-]*")


def key_path(parent: str, key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f"{parent}.{key}" if parent else key
    quoted = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'{parent}["{quoted}"]'


class Where:
    """A place in the tree (a key or index under a parent), spelt out as a path only when a finding needs it:
    a clean file of 50,000 routes would otherwise build a path string for every value in it."""

    __slots__ = ("parent", "step")

    def __init__(self, parent: Where | str, step: str | int) -> None:
        self.parent = parent
        self.step = step

    def __str__(self) -> str:
        steps: list[str | int] = []
        place: Where | str = self
        while isinstance(place, Where):
            steps.append(place.step)
            place = place.parent
        path = place
        for step in reversed(steps):
            path = f"{path}[{step}]" if isinstance(step, int) else key_path(path, step)
        return path


class Validator:
    """Walks a tree against a spec, collecting findings and credential fields."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.credentials: list[Credential] = []

    def validate(self, node: Node, spec: Spec, path: Where | str) -> None:
        if isinstance(node, Scalar) and node.value is None and spec.nullable:
            return
        if isinstance(spec, OneOf):
            spec = next((option for option in spec.options if option.accepts(node)), spec)
        if not spec.accepts(node):
            expected = spec.expected()
            self.findings.append(WrongType(node, str(path), expected))
            return
        if isinstance(spec, Obj):
            self.validate_object(node, spec, path)  # type: ignore[arg-type]
        elif isinstance(spec, MapOf):
            self.validate_map(node, spec, path)  # type: ignore[arg-type]
        elif isinstance(spec, ListOf):
            for index, item in enumerate(node.items):  # type: ignore[attr-defined]
                self.validate(item, spec.items, Where(path, index))
        elif isinstance(spec, Str):
            self.validate_string(node, spec, path)  # type: ignore[arg-type]
        elif isinstance(spec, (Int, Num)):
            self.validate_number(node, spec, path)  # type: ignore[arg-type]

    def validate_object(self, node: Mapping, spec: Obj, path: Where | str) -> None:
        for pair in node.pairs:
            if not isinstance(pair.key, Scalar):
                where = f"a key in `{path}`" if str(path) else "a top-level key"
                self.findings.append(WrongType(pair.key, str(path), "a name (a string)", subject=where))
                continue
            name = pair.name
            known = spec.fields.get(name)
            if known is not None:
                self.validate(pair.value, known.spec, Where(path, name))
            elif spec.unknown != "allow" or name in spec.misplaced:
                self.findings.append(
                    UnknownKey(
                        pair.key,
                        str(path),
                        name,
                        tuple(spec.fields),
                        lenient=spec.unknown == "warning" and name not in spec.misplaced,
                        note=spec.misplaced.get(name),
                    )
                )
        for name, known in spec.fields.items():
            if known.required and name not in node:
                self.findings.append(MissingKey(node, str(path), name))

    def validate_map(self, node: Mapping, spec: MapOf, path: Where | str) -> None:
        for pair in node.pairs:
            if not isinstance(pair.key, Scalar):
                where = f"a key in `{path}`" if str(path) else "a top-level key"
                self.findings.append(WrongType(pair.key, str(path), "a name (a string)", subject=where))
                continue
            name = pair.name
            if spec.key_pattern and not re.fullmatch(spec.key_pattern, name):
                fixed = spec.key_fix(name) if spec.key_fix else None
                problem = f"'{name}' is not a valid {spec.key_kind}"
                finding = InvalidValue(pair.key, key_path(str(path), name), problem, spec.key_help, replacement=fixed)
                self.findings.append(finding)
            self.validate(pair.value, spec.values, Where(path, name))

    def validate_string(self, node: Scalar, spec: Str, path: Where | str) -> None:
        value = str(node.value)
        if spec.secret:
            self.credentials.append(Credential(node, str(path)))
        if spec.choices and value not in spec.choices:
            problem = f"'{value}' is not allowed"
            self.findings.append(InvalidValue(node, str(path), problem, allowed=spec.choices, lenient=spec.lenient))
        elif spec.pattern and not re.fullmatch(spec.pattern, value):
            self.findings.append(InvalidValue(node, str(path), f"'{value}' is not valid", spec.pattern_help))
        elif spec.check is not None:
            complaint = spec.check(value)
            if complaint:
                self.findings.append(InvalidValue(node, str(path), complaint, spec.doc, lenient=spec.lenient))

    def validate_number(self, node: Scalar, spec: Int | Num, path: Where | str) -> None:
        value = node.value
        assert isinstance(value, (int, float))
        minimum = spec.minimum
        maximum = spec.maximum
        if isinstance(value, float) and not math.isfinite(value):
            # YAML's .inf and .nan, JSON5's Infinity and NaN: no range holds them (NaN compares false
            # to every bound), and the table (JSON) and the stubs have no literal for them.
            self.findings.append(InvalidValue(node, str(path), f"{value} is not a finite number", "use a finite number"))
        elif (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"from {minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
            problem = f"{value} is out of range"
            self.findings.append(InvalidValue(node, str(path), problem, f"use a value {bounds}"))



def spec_at(spec: Spec, path: list[str | int]) -> Spec | None:
    """The spec that describes the value at ``path`` (keys and list indexes), if any."""
    current: Spec | None = spec
    for step in path:
        if isinstance(current, OneOf):
            current = next((option for option in current.options if not isinstance(option, (Str, Int, Num, Bool))), None)
        if isinstance(current, Obj) and isinstance(step, str):
            field = current.fields.get(step)
            current = field.spec if field is not None else None
        elif isinstance(current, MapOf) and isinstance(step, str):
            current = current.values
        elif isinstance(current, ListOf) and isinstance(step, int):
            current = current.items
        else:
            return None
    return current
