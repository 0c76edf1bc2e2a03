from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...syntax import Mapping, Node
from ..base import Context, Rule, advice
from .common import covered


class NoDefaultRoute(Rule):
    """
    ## What it does
    Reports a config that has rules (keyword, regex or intent) but no
    default route for the requests none of them matches: in routec's format,
    `rules` without `default`. In TokenPak configs, RC703 reports this.

    ## Why is this bad?
    Rules match a fraction of the traffic. Without a default, every other
    request gets no route: `select_route` returns None, and the application
    or gateway must guess, or fails the request.

    ## Example
    ```yaml
    routes:
      code: {model: "anthropic:claude-sonnet-4-6"}
      general: {model: "gemini:gemini-2.5-flash"}
    rules:
      match:
        - {name: code, keywords: [python, refactor], route: code}
    ```

    ## Fix
    Name the route for everything else: `default: general` under `rules`,
    usually a cheap, general model.
    """

    code = "RC407"
    name = "rules-without-default"
    severity = Severity.WARNING
    summary = "Rules pick routes, but no default route takes the requests none matches."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if not config.matchers or config.default_route is not None or covered(ctx, self.code):
            return
        count = len({id(matcher.node) for matcher in config.matchers})
        message = f"{count} rule(s) pick routes, but there is no default route: a request no rule matches gets none"
        fix = advice("add `default: <route>` under `rules`" if config.dialect == "routec" else "add a default route")
        yield self.at(ctx, self.where(ctx, config.matchers[0].node), message, fix=fix)

    def where(self, ctx: Context, first: Node) -> Node:
        """The `rules` key in routec's format, else the first rule."""
        config = ctx.config
        root = config.root if config is not None and config.dialect == "routec" else None
        pair = root.pair("rules") if isinstance(root, Mapping) else None
        return pair.key if pair is not None else first
