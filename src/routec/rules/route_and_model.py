from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from .base import Context, Rule, advice


class RouteAndModel(Rule):
    """
    ## What it does
    Reports an agent (or the agent defaults) that sets both `route` and
    `model`.

    ## Why is this bad?
    The route wins and the model is ignored. Someone who edits the model
    expecting a change sees none: "requests use the wrong model".

    ## Example
    ```json5
    { "agents": { "list": [ { "id": "coder", "route": "fast", "model": "anthropic:claude-opus-4-6" } ] } }
    ```

    ## Fix
    Remove one of the two: remove `route` to use the model directly, or
    `model` to use the route.
    """

    code = "RC106"
    name = "route-and-model"
    severity = Severity.WARNING
    summary = "An agent sets both route and model; the route wins."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for agent in ctx.config.all_agents():
            if agent.route is None or agent.model is None:
                continue
            message = (
                f"{agent.label} sets both `route` ('{agent.route.value}') and `model`: "
                "the route wins and the model is ignored"
            )
            route = agent.route.name
            related = (Related(route.start, route.end, "this route takes precedence"),)
            fix = advice("remove `model` to use the route, or `route` to use the model")
            yield self.at(ctx, agent.model.text, message, related=related, fix=fix)
