"""Rule winners: the project's `routec test` cases, routed by the old config and the new one.

A change to a rule, a keyword or a priority can move requests nobody thought
of; the cases a project keeps are the requests it cares about. Each case's
input goes through both configs (the same `route_request` as `routec route`
and `routec test`); a case that lands on another route is a behavioural
change, whatever its `expect_route` says.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..cases import Case
from ..routing import Routed, route_request
from ..syntax import Node
from .classify import class_of
from .model import Change
from .side import Side

CASES_SUFFIXES = (".yaml", ".yml", ".json5", ".json")
LONGEST_INPUT = 60


def cases_beside(config_path: str) -> list[str]:
    """The cases files a config keeps beside it: `rules.yaml` -> `rules.cases.yaml` (or .yml, .json5, .json)."""
    base = os.path.splitext(config_path)[0]
    found = (base + ".cases" + suffix for suffix in CASES_SUFFIXES)
    return [path for path in found if os.path.isfile(path)]


def case_changes(old: Side, new: Side, now: Callable[[str | None], str | None], files: list[tuple[str, list[Case]]]) -> list[Change]:
    if old.config is None or new.config is None:
        return []
    changes = []
    for path, cases in files:
        for case in cases:
            before = route_request(old.config, case.input, case.intent)
            after = route_request(new.config, case.input, case.intent)
            if now(_destination(before)) == _destination(after):
                continue
            message = f"request {_shown(case.input)} ({path}:{case.line}) now goes to {_why(after)} instead of {_why(before)}"
            landed = _destination(after)
            nodes = (landed,) if landed else ()
            changes.append(Change("case-route-changed", class_of("case-route-changed"), _clipped(case.input), message, new.at(_winner(new, after)), None, nodes))
    return changes


def _destination(routed: Routed) -> str | None:
    return routed.route or routed.name


def _why(routed: Routed) -> str:
    if routed.name is None:
        return "no route (no rule matches and there is no default)"
    found = routed.selection.match
    reason = f"rule '{found.rule.name}'" if found is not None else "the default route"
    return f"route '{_destination(routed)}' by {reason}"


def _winner(side: Side, routed: Routed) -> Node | None:
    """The node that decided: the winning rule, or the default route."""
    assert side.config is not None
    found = routed.selection.match
    if found is not None:
        return side.config.matchers[found.rule.order].node
    return side.config.default_route.name if side.config.default_route is not None else None


def _clipped(text: str) -> str:
    return text if len(text) <= LONGEST_INPUT else text[: LONGEST_INPUT - 1] + "…"


def _shown(text: str) -> str:
    return repr(_clipped(text))
