from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Fix, Severity
from ...dialects.multiroute import ModelUse, MultiRouteConfig
from ...suggest import suggest
from ..base import Context, Rule, advice, did_you_mean, replacement
from .common import multiroute_of


class UnservedModel(Rule):
    """
    ## What it does
    Reports a MultiRoute model id (a route's primary or fallback, or the
    `default_model`) that no provider lists under `models`, with the closest
    listed id. A `provider/model` whose provider lists its models but not
    this one is a warning.

    ## Why is this bad?
    MultiRoute's models are normalized ids that providers serve: an id no
    provider lists has nowhere to go, and a request that uses it fails. A
    default model no provider serves fails every request that names no
    route.

    ## Example
    ```yaml
    default_model: gpt-4o-mini
    providers:
      openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o]}
    routes:
      chat: {primary: gpt-4o}
    ```

    ## Fix
    Add the id to the `models` of the provider that serves it, use an id a
    provider lists, or write the provider: `openai/gpt-4o-mini`.
    """

    code = "RC803"
    name = "unserved-model"
    severity = Severity.ERROR
    summary = "No provider serves a model."
    dialects = ("multiroute",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        multiroute = multiroute_of(ctx)
        listed = sorted({model for models in multiroute.served.values() for model in models})
        for use in multiroute.uses:
            if use.form == "bare":
                yield self.unlisted(ctx, use, listed, multiroute)
            elif use.form == "qualified" and use.provider is not None:
                served = multiroute.served.get(use.provider)
                if served and use.model not in served:
                    yield self.not_in_provider(ctx, use, served)

    def unlisted(self, ctx: Context, use: ModelUse, listed: list[str], multiroute: MultiRouteConfig) -> Diagnostic:
        text = str(use.written.value)
        message = f"{use.label} is served by no provider: no provider lists '{text}' under `models`"
        if not multiroute.declared:
            message = f"{use.label} is served by no provider: no `providers` are declared"
            return self.at(ctx, use.written, message, fix=advice("declare the provider that serves it under `providers`, with the model in its `models`"))
        provider, colon, model = text.partition(":")
        if colon and provider.strip() in multiroute.served and model.strip():
            slashed = f"{provider.strip()}/{model.strip()}"
            message += f"; MultiRoute writes a provider as '{slashed}'"
            return self.at(ctx, use.written, message, fix=replacement(f"use '{slashed}'", ctx.replace_value(use.written, slashed), safe=False))
        message, fix = self.suggestion(ctx, use, message, listed)
        return self.at(ctx, use.written, message, fix=fix)

    def not_in_provider(self, ctx: Context, use: ModelUse, served: list[str]) -> Diagnostic:
        message = f"{use.label}: provider '{use.provider}' does not list '{use.model}' under `models`"
        message, fix = self.suggestion(ctx, use, message, served, prefix=f"{use.provider}/")
        return self.at(ctx, use.written, message, fix=fix, severity=Severity.WARNING)

    def suggestion(self, ctx: Context, use: ModelUse, message: str, candidates: list[str], prefix: str = "") -> tuple[str, Fix]:
        suggestions = suggest(use.model, candidates)
        if not suggestions:
            return message, advice("add it to the `models` of the provider that serves it, or use a listed model")
        fixed = prefix + suggestions[0]
        return f"{message}; {did_you_mean([prefix + name for name in suggestions])}", replacement(
            f"replace with '{fixed}'", ctx.replace_value(use.written, fixed), safe=False
        )
