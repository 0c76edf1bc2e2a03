from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.multiroute import ModelUse, MultiRouteConfig
from ..base import Context, Rule, advice
from .common import multiroute_of, usable


class DisabledProvider(Rule):
    """
    ## What it does
    Reports a MultiRoute route's primary or fallback model, or the
    `default_model`, that only a provider with `disabled: true` serves. It
    is a warning while the route has another model to go to, and an error
    when nothing is left: every model of the route (or the default model)
    is unusable.

    ## Why is this bad?
    A disabled provider is out of routing: requests skip its models. A
    primary on a disabled provider sends every request straight to the
    fallbacks; a route whose models are all disabled fails every request.

    ## Example
    ```yaml
    providers:
      openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o], disabled: true}
      anthropic: {api_key: "${ANTHROPIC_API_KEY}", models: [claude-3-5-sonnet]}
    routes:
      chat: {primary: gpt-4o, fallbacks: [claude-3-5-sonnet]}
    ```

    ## Fix
    Use a model of an enabled provider, list the model under an enabled
    provider's `models`, or enable the provider again.
    """

    code = "RC801"
    name = "disabled-provider"
    severity = Severity.WARNING
    summary = "A model is served only by a disabled provider."
    dialects = ("multiroute",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        multiroute = multiroute_of(ctx)
        declared = set(ctx.config.providers)
        stranded = _stranded_routes(multiroute, declared)
        for use in multiroute.uses:
            if use.provider is None or use.provider not in multiroute.disabled:
                continue
            names = "', '".join(use.providers)
            which = "provider" if len(use.providers) == 1 else "providers"
            message = f"{use.label} is served only by disabled {which} '{names}'"
            severity = None
            if use.route is None or use.route in stranded:
                severity = Severity.ERROR
                message += ": " + ("requests that name no route fail" if use.route is None else f"no model of route '{use.route}' is usable, so every request to it fails")
            fix = advice("use a model of an enabled provider, or enable the provider")
            yield self.at(ctx, use.written, message, fix=fix, severity=severity)


def _stranded_routes(multiroute: MultiRouteConfig, declared: set[str]) -> set[str]:
    """Routes none of whose models a request can reach."""
    by_route: dict[str, list[ModelUse]] = {}
    for use in multiroute.uses:
        if use.route is not None:
            by_route.setdefault(use.route, []).append(use)
    return {route for route, uses in by_route.items() if not any(usable(use, multiroute, declared) for use in uses)}
