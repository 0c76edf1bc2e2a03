from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ..base import Context, Rule, advice
from .common import routing_of


class NoFallbackModel(Rule):
    """
    ## What it does
    Reports a TokenPak route without a `fallback_model`.

    ## Why is this bad?
    The recipe: "Always define a fallback so an unavailable preferred model
    doesn't fail the request outright." Without one, an outage or a rate
    limit on the preferred model fails every request of the route.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: openai:gpt-4o-mini
    ```

    ## Fix
    Add `fallback_model`, preferably served by another provider than the
    preferred model.
    """

    code = "RC706"
    name = "no-fallback-model"
    severity = Severity.WARNING
    summary = "A route has no fallback model."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in routing_of(ctx).routes:
            if entry.preferred is None or entry.fallback is not None:
                continue
            message = (
                f"route {entry.label} has no `fallback_model`: when '{entry.preferred.written.value}' is unavailable, "
                "its requests fail outright"
            )
            fix = advice("add `fallback_model` with a model from another provider")
            yield self.at(ctx, entry.name or entry.node, message, fix=fix)


class FallbackIsPreferred(Rule):
    """
    ## What it does
    Reports a TokenPak route whose `fallback_model` is its `preferred_model`
    again (also when one is written bare and the other with its provider).

    ## Why is this bad?
    The fallback is there for when the preferred model is unavailable; the
    same model is unavailable too. The route looks protected and is not.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: gpt-4o-mini
          fallback_model: openai:gpt-4o-mini
    ```

    ## Fix
    Name a different model, preferably from another provider.
    """

    code = "RC707"
    name = "fallback-is-preferred"
    severity = Severity.WARNING
    summary = "A route falls back to its own preferred model."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in routing_of(ctx).routes:
            preferred, fallback = entry.preferred, entry.fallback
            if preferred is None or fallback is None or preferred.resolved != fallback.resolved:
                continue
            message = (
                f"the `fallback_model` of route {entry.label} is its preferred model again ('{preferred.resolved}'): "
                "when that model is unavailable there is nothing else to try"
            )
            related = (Related(preferred.written.start, preferred.written.end, "the preferred model"),)
            fix = advice("name a different model, preferably from another provider")
            yield self.at(ctx, fallback.written, message, related=related, fix=fix)
