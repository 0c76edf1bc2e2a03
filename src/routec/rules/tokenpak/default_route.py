from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ..base import Context, Rule, advice
from .common import keyword_routes, line_of, routing_of


class NoDefaultRoute(Rule):
    """
    ## What it does
    Reports a TokenPak `routing.routes` list in which every route has
    keywords, so that no route catches the requests that match none.

    ## Why is this bad?
    The recipe ends its routes with a keyword-less `default` route, the
    catch-all. Without one, a request whose text matches no keyword has no
    route: it fails, or goes to whatever model the client asked for,
    bypassing the routing the config describes.

    ## Example
    ```yaml
    routing:
      routes:
        - name: code
          keywords: [refactor, stack trace]
          preferred_model: openai:gpt-4o
          fallback_model: anthropic:claude-3-5-haiku-latest
    ```

    ## Fix
    Add a route without `keywords` at the end, with a balanced model:
    `- {name: default, preferred_model: ..., fallback_model: ...}`.
    """

    code = "RC703"
    name = "no-default-route"
    severity = Severity.WARNING
    summary = "No route without keywords catches unmatched requests."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        routing = routing_of(ctx)
        if not keyword_routes(ctx) or routing.keywordless() or routing.routes_key is None:
            return
        message = "no default route: every route has keywords, so a request that matches none of them has no route"
        fix = advice("add a last route without `keywords` (the recipe's `default`) as the catch-all")
        yield self.at(ctx, routing.routes_key, message, fix=fix)


class ShadowedDefaultRoute(Rule):
    """
    ## What it does
    Reports a TokenPak route without keywords that comes after another
    route without keywords.

    ## Why is this bad?
    A keyword-less route is the default: it gets the requests no keyword
    matches. Only the first one can be the default; a second one never
    receives a request, so its models are never used.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: openai:gpt-4o-mini
          fallback_model: anthropic:claude-3-5-haiku-latest
        - name: general
          preferred_model: anthropic:claude-3-5-sonnet-latest
          fallback_model: openai:gpt-4o
    ```

    ## Fix
    Give the second route the keywords it was meant for, or remove it.
    """

    code = "RC704"
    name = "shadowed-default-route"
    severity = Severity.WARNING
    summary = "A second route without keywords never receives a request."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        defaults = routing_of(ctx).keywordless() if keyword_routes(ctx) else []
        if len(defaults) < 2:
            return
        first = defaults[0]
        assert first.name is not None
        for entry in defaults[1:]:
            assert entry.name is not None
            message = (
                f"route {entry.label} has no keywords, like route {first.label} (line {line_of(ctx, first.name)}) "
                f"before it: only the first keyword-less route is the default, so {entry.label} never receives a request"
            )
            related = (Related(first.name.start, first.name.end, "the default route"),)
            yield self.at(ctx, entry.name, message, related=related, fix=advice("give it keywords, or remove it"))
