from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import multiroute_of


class UndeclaredProvider(Rule):
    """
    ## What it does
    Reports a MultiRoute model written `provider/model` whose provider is a
    known one but is not declared under `providers`. (A provider MultiRoute
    does not know at all is RC202.)

    ## Why is this bad?
    A project calls only the providers it configures: MultiRoute has no key
    and no settings for an undeclared provider, so the model cannot be
    called.

    ## Example
    ```yaml
    providers:
      openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o]}
    routes:
      chat: {primary: gpt-4o, fallbacks: [anthropic/claude-3-5-sonnet]}
    ```

    ## Fix
    Declare the provider under `providers` with its `api_key` (and the
    models it serves), or use a model of a declared provider.
    """

    code = "RC802"
    name = "undeclared-provider"
    severity = Severity.ERROR
    summary = "A model's provider is not declared under providers."
    dialects = ("multiroute",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        known = config.conventions.known_providers
        for use in multiroute_of(ctx).uses:
            provider = use.provider
            if use.form != "qualified" or provider is None or provider not in known or provider in config.providers:
                continue
            message = f"{use.label} uses provider '{provider}', which `providers` does not declare; MultiRoute has no key or settings for it"
            fix = advice(f"declare `providers.{provider}` with its `api_key`, or use a model of a declared provider")
            yield self.at(ctx, use.written, message, fix=fix)
