"""Following names through the config: alias chains, fallback edges, cycles.

Everything here is linear in the size of the config: alias chains are walked
once each with memoised results, and fallback cycles come from one pass of
Tarjan's strongly-connected-components algorithm (iterative, so 50,000 routes
in one cycle do not exhaust the stack).
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

from . import Config, ModelRef, Reference, Route


class Resolution(NamedTuple):
    """Where a route or alias name lands."""

    route: str | None = None  # the route it ends on
    model: ModelRef | None = None  # or the model an alias names directly
    cycle: bool = False  # the alias chain loops
    missing: str | None = None  # a name on the way that is not defined


class Resolver:
    """Follows names through aliases, remembering every answer.

    Each alias is walked once however many references go through it, so
    resolving every reference in a config is linear even for long chains.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._landed: dict[str, Resolution] = {}

    def resolve(self, name: str) -> Resolution:
        known = self._landed.get(name)
        if known is not None:
            return known
        walked: list[str] = []
        on_path: set[str] = set()
        current = name
        while True:
            if current in self._landed:
                result = self._landed[current]
                break
            if current in self.config.routes:
                result = Resolution(route=current)
                break
            alias = self.config.aliases.get(current)
            if alias is None:
                result = Resolution(missing=current)
                break
            if current in on_path:
                result = Resolution(cycle=True)
                break
            walked.append(current)
            on_path.add(current)
            if isinstance(alias.target, ModelRef):
                result = Resolution(model=alias.target)
                break
            current = alias.target.value
        for step in walked:
            self._landed[step] = result
        self._landed[name] = result
        return result

    def path(self, name: str) -> list[str]:
        """The names followed from ``name`` to where it lands, for display."""
        path = [name]
        seen = {name}
        current = name
        while current not in self.config.routes and current in self.config.aliases:
            target = self.config.aliases[current].target
            if isinstance(target, ModelRef):
                path.append(target.value)
                break
            current = target.value
            path.append(current)
            if current in seen:
                break
            seen.add(current)
        return path


def alias_cycles(config: Config) -> list[list[str]]:
    """Each cycle among aliases once, as the list of alias names in order."""
    done: set[str] = set()
    cycles: list[list[str]] = []
    for start in config.aliases:
        path: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in config.aliases and current not in config.routes:
            if current in position:
                cycles.append(path[position[current] :])
                break
            if current in done:
                break
            position[current] = len(path)
            path.append(current)
            target = config.aliases[current].target
            current = target.value if isinstance(target, Reference) else None
        done.update(path)
    return cycles


def alias_chain_lengths(config: Config) -> dict[str, int]:
    """How many aliases each alias goes through, itself included, to reach
    something that is not an alias. Aliases on or leading into a cycle are left
    out: they never get anywhere (RC103)."""
    lengths: dict[str, int] = {}
    looping: set[str] = set()
    for start in config.aliases:
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        while current in config.aliases and current not in config.routes and current not in lengths:
            if current in on_path or current in looping:
                looping.update(path)
                path = []
                break
            path.append(current)
            on_path.add(current)
            target = config.aliases[current].target
            if not isinstance(target, Reference):
                break
            current = target.value
        after = lengths.get(current, 0)
        for steps, name in enumerate(reversed(path), start=1):
            lengths[name] = after + steps
    return lengths


class FallbackEdge(NamedTuple):
    source: str  # the route that falls back
    target: str  # the route it lands on
    reference: Reference  # the fallback as written (maybe an alias)


def fallback_edges(config: Config, resolver: Resolver | None = None) -> dict[str, list[FallbackEdge]]:
    """Each route's fallbacks that land on a route, through aliases. Routes with none are left out:
    most routes of a large config fall back nowhere, and a dead end is never on a cycle."""
    resolver = resolver or Resolver(config)
    edges: dict[str, list[FallbackEdge]] = {}
    for name, route in config.routes.items():
        if not route.fallbacks:
            continue
        outgoing = []
        for reference in route.fallbacks:
            landed = resolver.resolve(reference.value).route
            if landed is not None:
                outgoing.append(FallbackEdge(name, landed, reference))
        if outgoing:
            edges[name] = outgoing
    return edges


def strongly_connected(edges: dict[str, list[FallbackEdge]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion; components in discovery order.

    Only nodes with outgoing edges take part: a node that leads nowhere is a
    component of its own, finished as soon as it is reached, so it is skipped.
    """
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            outgoing = edges[node]
            descended = False
            while next_edge < len(outgoing):
                target = outgoing[next_edge].target
                next_edge += 1
                if target not in edges:
                    continue
                if target not in index:
                    work.append((node, next_edge))
                    work.append((target, 0))
                    descended = True
                    break
                if target in on_stack:
                    lowlink[node] = min(lowlink[node], index[target])
            if descended:
                continue
            if lowlink[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return components


class FallbackGraph(NamedTuple):
    """The routes' fallback edges and the groups of routes whose fallbacks loop:
    found once per check and shared by the rules that need them."""

    edges: dict[str, list[FallbackEdge]]  # only routes that fall back to a route
    looping: list[list[str]]  # strongly connected: more than one route, or one that falls back to itself


def fallback_graph(config: Config, resolver: Resolver | None = None) -> FallbackGraph:
    edges = fallback_edges(config, resolver)
    looping = [
        component
        for component in strongly_connected(edges)
        if len(component) > 1 or any(edge.target == component[0] for edge in edges[component[0]])
    ]
    return FallbackGraph(edges, looping)


def fallback_cycles(config: Config, graph: FallbackGraph | None = None) -> list[list[FallbackEdge]]:
    """One cycle per looping group of routes, as the edges that close it."""
    graph = graph or fallback_graph(config)
    if not graph.looping:
        return []
    order = {name: position for position, name in enumerate(config.routes)}
    cycles: list[list[FallbackEdge]] = []
    for component in graph.looping:
        start = min(component, key=order.__getitem__)
        cycles.append(_shortest_cycle(start, set(component), graph.edges))
    cycles.sort(key=lambda cycle: order[cycle[0].source])
    return cycles


def _shortest_cycle(start: str, members: set[str], edges: dict[str, list[FallbackEdge]]) -> list[FallbackEdge]:
    """Breadth-first from ``start`` back to itself, inside one component."""
    came_by: dict[str, FallbackEdge] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for edge in edges[node]:
            if edge.target not in members:
                continue
            if edge.target == start:
                cycle = [edge]
                while cycle[-1].source != start:
                    cycle.append(came_by[cycle[-1].source])
                cycle.reverse()
                return cycle
            if edge.target not in came_by:
                came_by[edge.target] = edge
                queue.append(edge.target)
    raise AssertionError("a strongly connected component always has a cycle through each member")


def own_models(route: Route) -> list[ModelRef]:
    """A route's own models in the order a gateway tries them: its model, the other deployments, its fallback models."""
    first = [route.model] if route.model is not None else []
    return first + route.extra_models + route.fallback_models


def failover_chain(config: Config, resolver: Resolver, route: str) -> list[ModelRef]:
    """The models one route tries in order, each once: depth-first through fallbacks, cycles cut.

    Safe on any config, broken or looping; the resolver builds every route's
    chain at once (and faster) for a clean config, in the same order.
    """
    models: list[ModelRef] = []
    seen: set[str] = set()
    visited: set[str] = set()
    stack: list[str | ModelRef] = [route]
    while stack:
        step = stack.pop()
        if isinstance(step, ModelRef):
            if step.value not in seen:
                seen.add(step.value)
                models.append(step)
            continue
        if step in visited or step not in config.routes:
            continue
        visited.add(step)
        current = config.routes[step]
        for model in own_models(current):
            if model.value not in seen:
                seen.add(model.value)
                models.append(model)
        for reference in reversed(current.fallbacks):
            landed = resolver.resolve(reference.value)
            if landed.route is not None:
                stack.append(landed.route)
            elif landed.model is not None:
                stack.append(landed.model)
    return models
