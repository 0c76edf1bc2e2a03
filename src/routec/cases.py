"""`routec test`: a file of requests and the routes they must reach, run against the rules.

    cases:
      - input: "write a python function to parse csv"
        expect_route: strong
        expect_model: anthropic:claude-opus-4-6   # optional
      - input: "refund my last invoice"
        intent: billing                             # optional: the caller's intent label
        expect_route: billing

A case passes when the request routes to `expect_route` (the route it lands
on, or the route or alias name the rule gives) and, if given, to the model
`expect_model`. `expect_route: null` expects no route (no rule, no default).
"""

from __future__ import annotations

from typing import NamedTuple

from .ir import Config
from .routing import Routed, route_request
from .syntax import Mapping, Scalar, Sequence, load

CASE_KEYS = ("input", "intent", "expect_route", "expect_model", "name")
EXPECTED = "a cases file lists at least one case ({input, expect_route})"


class CaseError(Exception):
    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")


class Case(NamedTuple):
    line: int
    input: str
    intent: str | None
    expect_route: str | None
    expect_model: str | None


class Outcome(NamedTuple):
    case: Case
    routed: Routed
    passed: bool


def read_cases(path: str, data: bytes) -> list[Case]:
    document = load(path, data)
    source = document.source
    if document.root is None:
        problem = document.problems[0]
        where = source.position(problem.start)
        raise CaseError(path, where.line, where.column, problem.message)
    root = document.root
    if isinstance(root, Mapping):
        _known_keys(path, source, root, ("cases",), "at the top of a cases file")
    entries = root.get("cases") if isinstance(root, Mapping) else root
    named = root.pair("cases") if isinstance(root, Mapping) else None
    where = source.position(entries.start if entries is not None else root.start)
    if _is_empty(root):
        raise CaseError(path, where.line, where.column, f"no cases: the file is empty; {EXPECTED}")
    if named is not None and _is_empty(entries):
        where = source.position(named.key.start)
        raise CaseError(path, where.line, where.column, f"no cases: `cases` is empty; {EXPECTED}")
    if not isinstance(entries, Sequence):
        raise CaseError(path, where.line, where.column, "expected a list of cases, or a mapping with `cases`")
    # A cases file that tests nothing passes, and would keep passing whatever the config does.
    if not entries.items:
        raise CaseError(path, where.line, where.column, f"no cases: the list is empty; {EXPECTED}")
    return [_case(path, source, entry) for entry in entries.items]


def _is_empty(node: object) -> bool:
    """Nothing written: an empty file, or a key with no value."""
    return node is None or isinstance(node, Scalar) and node.value is None and node.start == node.end


def _case(path: str, source: object, entry: object) -> Case:
    position = source.position  # type: ignore[attr-defined]
    if not isinstance(entry, Mapping):
        where = position(entry.start)  # type: ignore[attr-defined]
        raise CaseError(path, where.line, where.column, "a case is a mapping with `input` and `expect_route`")
    _known_keys(path, source, entry, CASE_KEYS, "in a case")
    for key in CASE_KEYS:
        value = entry.get(key)
        if value is not None and not isinstance(value, Scalar):
            at = position(value.start)
            kind = "mapping" if isinstance(value, Mapping) else "list"
            raise CaseError(path, at.line, at.column, f"`{key}` is a {kind}; write one value, as text")
    values = {key: _text(source, entry.get(key)) for key in CASE_KEYS}
    where = position(entry.start)
    if values["input"] is None:
        raise CaseError(path, where.line, where.column, "a case needs `input`, the request text")
    if "expect_route" not in entry and values["expect_model"] is None:
        raise CaseError(path, where.line, where.column, "a case needs `expect_route` (or `expect_model`)")
    return Case(where.line, values["input"], values["intent"], values["expect_route"], values["expect_model"])


def _known_keys(path: str, source: object, mapping: Mapping, keys: tuple[str, ...], where_: str) -> None:
    """Each key once, and only the keys this file knows: a misspelt or repeated key would change
    what a case tests without a word."""
    position = source.position  # type: ignore[attr-defined]
    seen: set[str] = set()
    for pair in mapping.pairs:
        where = position(pair.key.start)
        if pair.name not in keys:
            raise CaseError(path, where.line, where.column, f"unknown key `{pair.name}` {where_}; keys are {', '.join(keys)}")
        if pair.name in seen:
            raise CaseError(path, where.line, where.column, f"`{pair.name}` appears twice {where_}")
        seen.add(pair.name)


def _text(source: object, node: object) -> str | None:
    """A value as written: `input: true` is the text "true", not Python's "True"."""
    if not isinstance(node, Scalar) or node.value is None:
        return None
    if isinstance(node.value, str):
        return node.value
    return source.text[node.start : node.end]  # type: ignore[attr-defined, no-any-return]


def run(config: Config, cases: list[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        routed = route_request(config, case.input, case.intent)
        route_ok = case.expect_route is None and routed.name is None or case.expect_route in (routed.route, routed.name)
        if case.expect_route is None and case.expect_model is not None:
            route_ok = True
        model_ok = case.expect_model is None or case.expect_model == routed.model
        outcomes.append(Outcome(case, routed, route_ok and model_ok))
    return outcomes
