from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ...diagnostics import Diagnostic, Related, Severity
from ...ir import Reference
from ...ir.graph import FallbackEdge, FallbackGraph
from ..base import Context, Rule, advice
from .common import data_of

MAX_SHOWN = 12

Edges = dict[str, list[FallbackEdge]]


class Cut(NamedTuple):
    """A fallback LiteLLM does not reach from one start: ``group`` was reached after ``depth`` attempts."""

    group: str
    depth: int
    target: str
    reference: Reference


class FallbackChainTooLong(Rule):
    """
    ## What it does
    Follows each model group's fallbacks as LiteLLM does when every model
    fails, and reports fallbacks it never tries because `max_fallbacks` (5
    unless `router_settings` or `litellm_settings` sets it) is used up
    first. LiteLLM counts every fallback attempt, siblings included: after
    `a: [b, c]`, `c` is attempt 2, and `c`'s own fallbacks run only while
    that count is below `max_fallbacks`.

    ## Why is this bad?
    The end of the chain is configured but dead: when the models before it
    are down, LiteLLM gives up with the last error instead of trying it,
    without a word in the config or the logs.

    ## Example
    ```yaml
    model_list:
      - {model_name: a, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}}
      - {model_name: b, litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}}
      - {model_name: c, litellm_params: {model: groq/llama-3.3-70b-versatile, api_key: os.environ/GROQ_API_KEY}}
    router_settings:
      max_fallbacks: 1
      fallbacks:
        - a: [b]
        - b: [c]
    ```

    ## Fix
    Raise `max_fallbacks` to the number the message gives, or shorten the
    chain: list the fallbacks you want directly under the group that fails.
    """

    code = "RC602"
    name = "fallback-chain-too-long"
    severity = Severity.WARNING
    summary = "A fallback is never tried: max_fallbacks runs out before the chain reaches it."
    dialects = ("litellm",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        data = data_of(ctx)
        edges = ctx.fallback_graph.edges
        looping = looping_groups(ctx.fallback_graph)
        reported: set[int] = set()
        for start in config.routes:
            if not edges.get(start):
                continue
            parents, cuts = walk(edges, start, data.max_fallbacks)
            for cut in cuts:
                if looping.get(cut.group, -1) == looping.get(cut.target, -2):
                    continue  # an edge of a fallback cycle: RC104 reports the cycle
                if id(cut.reference) not in reported and cut.target not in parents:
                    reported.add(id(cut.reference))
                    yield self.diagnose(ctx, start, cut, path_to(parents, cut.group), data.max_fallbacks)

    def diagnose(self, ctx: Context, start: str, cut: Cut, path: list[str], limit: int) -> Diagnostic:
        data = data_of(ctx)
        setting = (
            f"max_fallbacks ({limit})"
            if data.max_fallbacks_node is not None
            else f"the default max_fallbacks ({limit})"
        )
        if cut.group == start:
            message = f"'{cut.target}' is never tried: LiteLLM tries no fallbacks with max_fallbacks {limit}"
        else:
            chain = render(path)
            message = (
                f"when '{start}' fails, '{cut.target}' (a fallback of '{cut.group}') is never tried: "
                f"'{cut.group}' is reached after {cut.depth} fallback attempts ({chain}) and {setting} is used up"
            )
        related = []
        if data.max_fallbacks_node is not None:
            node = data.max_fallbacks_node
            related.append(Related(node.start, node.end, "max_fallbacks is set here"))
        hint = f"raise max_fallbacks to {cut.depth + 1} or more"
        if cut.group != start:
            hint += f", or list '{cut.target}' under '{start}' directly"
        return self.at(ctx, cut.reference.name, message, related=related, fix=advice(hint))


def looping_groups(graph: FallbackGraph) -> dict[str, int]:
    """Each group on a fallback cycle, numbered by its cycle."""
    return {name: number for number, component in enumerate(graph.looping) for name in component}


class _Frame:
    __slots__ = ("depth", "group", "next")

    def __init__(self, group: str, depth: int) -> None:
        self.group = group
        self.depth = depth
        self.next = 0


def walk(edges: Edges, start: str, limit: int) -> tuple[dict[str, str | None], list[Cut]]:
    """LiteLLM's run_async_fallback with every model failing, without recursion.

    A group that fails tries its fallbacks in order, skipping itself and any
    group this request already attempted; each attempt adds one to the
    depth, and a group reached at ``depth >= limit`` tries none of its own.
    Returns each attempted group's predecessor and the fallbacks cut off.
    """
    parents: dict[str, str | None] = {start: None}
    cuts: list[Cut] = []
    stack: list[_Frame] = []

    def enter(group: str, depth: int) -> None:
        targets = edges.get(group, [])
        if not targets:
            return
        if depth >= limit:
            cuts.extend(Cut(group, depth, edge.target, edge.reference) for edge in targets if edge.target != group)
            return
        stack.append(_Frame(group, depth))

    enter(start, 0)
    while stack:
        frame = stack[-1]
        targets = edges[frame.group]
        if frame.next >= len(targets):
            stack.pop()
            continue
        target = targets[frame.next].target
        frame.next += 1
        if target == frame.group or target in parents:
            continue
        parents[target] = frame.group
        frame.depth += 1
        enter(target, frame.depth)
    return parents, cuts


def path_to(parents: dict[str, str | None], group: str) -> list[str]:
    path = [group]
    while (parent := parents.get(path[-1])) is not None:
        path.append(parent)
    return path[::-1]


def render(path: list[str]) -> str:
    if len(path) > MAX_SHOWN:
        path = path[: MAX_SHOWN - 1] + [f"... {len(path) - MAX_SHOWN} more ..."] + path[-1:]
    return " -> ".join(path)
