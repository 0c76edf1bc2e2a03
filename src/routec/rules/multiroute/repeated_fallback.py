from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...dialects.multiroute import ModelUse
from ..base import Context, Rule, advice
from .common import multiroute_of


class RepeatedFallbackModel(Rule):
    """
    ## What it does
    Reports a MultiRoute fallback that is the route's primary model again,
    or a model already earlier in its `fallbacks` (a normalized id and the
    `provider/model` it resolves to are the same model). In MultiRoute
    configs this rule reports what RC406 reports elsewhere.

    ## Why is this bad?
    A fallback is tried when the models before it failed; the same model
    fails the same way. The repeat adds latency (another `timeout_ms`) and
    no resilience, and the route has fewer real fallbacks than it seems.

    ## Example
    ```yaml
    providers:
      openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o, gpt-4o-mini]}
    routes:
      chat: {primary: gpt-4o, fallbacks: [gpt-4o-mini, openai/gpt-4o]}
    ```

    ## Fix
    Remove the repeat, or replace it with a model of another provider.
    """

    code = "RC804"
    name = "repeated-fallback-model"
    severity = Severity.WARNING
    summary = "A fallback repeats a model the route already tried."
    dialects = ("multiroute",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        seen: dict[tuple[str, str], ModelUse] = {}
        for use in multiroute_of(ctx).uses:
            if use.route is None:
                continue
            earlier = seen.setdefault((use.route, use.identity), use)
            if earlier is use or use.role != "fallback":
                continue
            message = f"{use.label} repeats the route's {earlier.role} '{earlier.written.value}': the same model fails the same way"
            related = (Related(earlier.written.start, earlier.written.end, f"the {earlier.role}"),)
            yield self.at(ctx, use.written, message, related=related, fix=advice("remove it, or use a model of another provider"))
