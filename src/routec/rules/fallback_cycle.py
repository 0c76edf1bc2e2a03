from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from ..ir.graph import FallbackEdge, fallback_cycles
from .base import Context, Rule, advice

MAX_SHOWN = 12
MAX_RELATED = 25


class FallbackCycle(Rule):
    """
    ## What it does
    Reports routes whose fallbacks lead back to themselves, directly or
    through other routes and aliases, showing the whole cycle.

    ## Why is this bad?
    A failover chain that loops retries the same failing models in a circle;
    a gateway that follows fallbacks naively never stops.

    ## Example
    ```yaml
    routes:
      fast: {model: "gemini:gemini-2.5-flash", fallbacks: [strong]}
      strong: {model: "anthropic:claude-opus-4-6", fallbacks: [fast]}
    ```

    ## Fix
    Remove the fallback that closes the loop; the last route of a chain
    should have no fallbacks, or fall back to a different provider.
    """

    code = "RC104"
    name = "fallback-cycle"
    severity = Severity.ERROR
    summary = "Fallback chains loop."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for cycle in fallback_cycles(ctx.config, ctx.fallback_graph):
            message = f"fallback cycle: {render(cycle)}"
            related = [
                Related(edge.reference.name.start, edge.reference.name.end, f"'{edge.source}' falls back to {step(edge)}")
                for edge in cycle[:MAX_RELATED]
            ]
            closing = cycle[-1].reference.name
            fix = advice(f"remove the fallback from '{cycle[-1].source}' to '{cycle[-1].target}', or another one that closes the loop")
            yield self.at(ctx, closing, message, related=related, fix=fix)


def step(edge: FallbackEdge) -> str:
    written = edge.reference.value
    return f"'{edge.target}'" if written == edge.target else f"'{edge.target}' (through alias '{written}')"


def render(cycle: list[FallbackEdge]) -> str:
    names = [cycle[0].source] + [edge.target for edge in cycle]
    if len(names) > MAX_SHOWN:
        hidden = len(names) - MAX_SHOWN
        names = names[: MAX_SHOWN - 1] + [f"... {hidden} more ..."] + names[-1:]
    return " -> ".join(names)
