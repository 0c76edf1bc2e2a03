from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from .base import Context, Rule, advice


class AliasShadowsRoute(Rule):
    """
    ## What it does
    Reports an alias with the same name as a route.

    ## Why is this bad?
    Every reference to the name is ambiguous: routec resolves it to the route,
    and the alias is dead code that looks like it matters.

    ## Example
    ```yaml
    routes:
      fast: {model: "gemini:gemini-2.5-flash"}
    aliases:
      fast: strong
    ```

    ## Fix
    Rename the alias, or remove it.
    """

    code = "RC105"
    name = "alias-shadows-route"
    severity = Severity.ERROR
    summary = "An alias has the same name as a route."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for name, alias in config.aliases.items():
            route = config.routes.get(name)
            if route is None:
                continue
            related = (Related(route.key.start, route.key.end, f"route '{name}' is defined here"),)
            message = f"alias '{name}' has the same name as a route; references to '{name}' use the route"
            yield self.at(ctx, alias.key, message, related=related, fix=advice("rename or remove the alias"))
