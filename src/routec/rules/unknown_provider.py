from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir.models import ModelForm
from ..suggest import suggest
from ..syntax import Scalar
from .base import Context, Rule, advice, did_you_mean, quoted_list, replacement


class UnknownProvider(Rule):
    """
    ## What it does
    Reports a provider prefix (or a provider block) that names no provider
    the format knows, with the closest known one: `antropic:` is
    `anthropic:`.

    ## Why is this bad?
    The gateway cannot dispatch the request; Carapace fails with
    "unrecognized provider prefix" on the first request, not at startup.

    ## Example
    ```json5
    { "routes": { "strong": { "model": "antropic:claude-opus-4-6" } } }
    ```

    ## Fix
    Use a known provider prefix; the message lists them.
    """

    code = "RC202"
    name = "unknown-provider"
    severity = Severity.ERROR
    summary = "A provider prefix is not known."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        known = config.conventions.known_providers
        for ref in config.model_refs():
            parsed = ctx.parsed(ref)
            if parsed.form is ModelForm.QUALIFIED and parsed.provider not in known:
                start, end = ctx.value_span(ref.text, parsed.provider_start, parsed.provider_end)
                yield self.diagnose(ctx, ref.text, parsed.provider or "", start, end, f"in `{ref.path}`")
        for provider in config.providers.values():
            if provider.name not in known and isinstance(provider.key, Scalar):
                key = provider.key
                parent = provider.path.rsplit(".", 1)[0] if "." in provider.path else "the config"
                yield self.diagnose(ctx, key, provider.name, key.start, key.end, f"in `{parent}`")

    def diagnose(self, ctx: Context, node: Scalar, provider: str, start: int, end: int, where: str) -> Diagnostic:
        assert ctx.config is not None
        known = sorted(ctx.config.conventions.known_providers)
        suggestions = suggest(provider, known)
        message = f"unknown provider '{provider}' {where}"
        if suggestions:
            message += f"; {did_you_mean(suggestions)}"
            value = str(node.value)
            fixed = suggestions[0] + value[len(provider) :] if value.startswith(provider) else None
            if fixed is not None:
                fix = replacement(f"use '{suggestions[0]}'", ctx.replace_value(node, fixed), safe=False)
                return self.report(ctx, start, end, message, fix=fix)
        return self.report(ctx, start, end, message, fix=advice(f"known providers: {quoted_list(known, 20)}"))
