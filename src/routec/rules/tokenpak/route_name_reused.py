from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...dialects.tokenpak import RouteEntry
from ..base import Context, Rule, advice
from .common import line_of, routing_of


class RouteNameReused(Rule):
    """
    ## What it does
    Reports a TokenPak route whose `name` an earlier route already has.

    ## Why is this bad?
    Routes are known by name: in usage reports, in requests that name a
    route (`routing/code_generation`), and in routec's build. Two routes with
    one name cannot both be reached by it; routec keeps the first and
    ignores the second.

    ## Example
    ```yaml
    routing:
      routes:
        - name: code
          keywords: [refactor]
          preferred_model: openai:gpt-4o
          fallback_model: anthropic:claude-3-5-haiku-latest
        - name: code
          keywords: [stack trace]
          preferred_model: anthropic:claude-3-5-sonnet-latest
          fallback_model: openai:gpt-4o
        - name: default
          preferred_model: openai:gpt-4o-mini
          fallback_model: anthropic:claude-3-5-haiku-latest
    ```

    ## Fix
    Rename one of the routes, or merge their keywords into one route.
    """

    code = "RC705"
    name = "route-name-reused"
    severity = Severity.ERROR
    summary = "Two routes have the same name."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        first: dict[str, RouteEntry] = {}
        for entry in routing_of(ctx).routes:
            if entry.name is None:
                continue
            name = str(entry.name.value)
            if name not in first:
                first[name] = entry
                continue
            earlier = first[name].name
            assert earlier is not None
            message = (
                f"route name '{name}' is already used by `{first[name].path}` (line {line_of(ctx, earlier)}); "
                "routes are known by name, so this one cannot be reached"
            )
            related = (Related(earlier.start, earlier.end, "first route with this name"),)
            yield self.at(ctx, entry.name, message, related=related, fix=advice("rename one of them, or merge the two routes"))
