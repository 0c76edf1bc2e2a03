from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir import ModelRef
from ..ir.models import ModelForm
from .base import Context, Rule, advice, quoted_list, replacement


class BareModelName(Rule):
    """
    ## What it does
    Reports a model written without a provider prefix, such as
    `claude-opus-4-6`, and names the prefix its family implies
    (`claude-*` is `anthropic:`, `gpt-*`/`o1`/`o3`/`o4`/`chatgpt-*` are
    `openai:`, `gemini-*` is `gemini:`, ...).

    ## Why is this bad?
    Carapace rejects bare model names ("bare model name rejected"); gateways
    that accept them guess a provider, sometimes the wrong one.

    ## Example
    ```json5
    { "routes": { "strong": { "model": "claude-opus-4-6" } } }
    ```

    ## Fix
    Add the provider prefix: `anthropic:claude-opus-4-6`. When exactly one
    provider serves the family the fix is safe to apply automatically.
    """

    code = "RC201"
    name = "bare-model-name"
    severity = Severity.ERROR
    summary = "A model has no provider prefix."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for ref in ctx.config.model_refs():
            parsed = ctx.parsed(ref)
            if parsed.form is ModelForm.BARE:
                yield self.diagnose(ctx, ref, parsed.model, parsed.candidates)

    def diagnose(self, ctx: Context, ref: ModelRef, model: str, candidates: tuple[str, ...]) -> Diagnostic:
        assert ctx.config is not None
        separator = ctx.config.conventions.model_separator
        message = f"bare model name '{model}' in `{ref.path}`: models are written as 'provider{separator}model'"
        if len(candidates) == 1:
            fixed = f"{candidates[0]}{separator}{model}"
            fix = replacement(f"use '{fixed}'", ctx.replace_value(ref.text, fixed), safe=True)
        elif candidates:
            options = quoted_list(f"{provider}{separator}{model}" for provider in candidates)
            fix = advice(f"use one of {options}")
        else:
            known = quoted_list(sorted(ctx.config.conventions.known_providers), 12)
            fix = advice(f"add the provider that serves it, e.g. 'anthropic{separator}{model}'; known providers: {known}")
        return self.at(ctx, ref.text, message, fix=fix)
