"""What the pattern rules share: how to name and point at a rule, where a strategy option is written."""

from __future__ import annotations

from ...ir import Config, Matcher, Preference, Route
from ...ir.graph import Resolver
from ...syntax import Mapping, Node, Pair, Scalar, Sequence
from ..base import Context

# A dialect whose own rule reports the same finding in the dialect's words: the
# generic rule stays quiet there, so one problem is reported once.
COVERED_BY_DIALECT: dict[str, dict[str, str]] = {
    "RC401": {"tokenpak": "RC702"},
    "RC402": {"tokenpak": "RC702"},
    "RC403": {"tokenpak": "RC701"},
    "RC406": {"tokenpak": "RC707", "multiroute": "RC804"},
    "RC407": {"tokenpak": "RC703"},
    "RC414": {"tokenpak": "RC709"},
}


def covered(ctx: Context, code: str) -> bool:
    """Whether the config's dialect has a rule of its own for this finding."""
    assert ctx.config is not None
    return ctx.config.dialect in COVERED_BY_DIALECT.get(code, {})


def label(matcher: Matcher, order: int) -> str:
    """The rule's name as `routec route` shows it; a route, where the keywords belong to the route (TokenPak)."""
    if matcher.route is None and matcher.name:
        return f"route '{matcher.name}'"
    return f"rule '{matcher.name or f'rule {order + 1}'}'"


def span(matcher: Matcher) -> tuple[int, int]:
    """Where a rule's patterns are written, or the whole rule when it has none."""
    if matcher.patterns:
        return matcher.patterns[0].start, matcher.patterns[-1].end
    return matcher.node.start, matcher.node.end


def priority(matcher: Matcher) -> int:
    return matcher.priority or 0


def target(matcher: Matcher, resolver: Resolver) -> str:
    """The route a rule sends requests to, through aliases; as written when it leads nowhere."""
    written = matcher.route.value if matcher.route is not None else (matcher.name or "")
    return resolver.resolve(written).route or written


def unique_preferences(config: Config) -> list[tuple[Preference, set[str]]]:
    """Each preference once (Plano lists one per model it names), with the routes it sends to."""
    seen: dict[int, tuple[Preference, set[str]]] = {}
    for preference in config.preferences:
        entry = seen.setdefault(id(preference.node), (preference, set()))
        if preference.route is not None:
            entry[1].add(preference.route.value)
    return list(seen.values())


def text_of(scalar: Scalar | None) -> str | None:
    return scalar.value if scalar is not None and isinstance(scalar.value, str) else None


def option(node: Node, key: str) -> Pair | None:
    """The pair of a strategy option, when the strategy is a mapping that writes it."""
    return node.pair(key) if isinstance(node, Mapping) else None


def models_known(route: Route) -> bool:
    """Whether the route's models are all readable: its `model` is there, and `strategy.models` is a list of strings."""
    strategy = route.strategy
    if route.model is None or strategy is None:
        return route.model is not None
    written = option(strategy.node, "models")
    if written is None:
        return True
    items = written.value.items if isinstance(written.value, Sequence) else None
    return items is not None and all(isinstance(item, Scalar) and isinstance(item.value, str) for item in items)


def kind_node(node: Node) -> Node:
    """Where a strategy's kind is written: `kind: cascade`, or the strategy itself when it is only the kind."""
    pair = option(node, "kind")
    return pair.value if pair is not None else node
