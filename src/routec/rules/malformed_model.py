from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir.models import ModelForm
from .base import Context, Rule, advice, replacement


class MalformedModel(Rule):
    """
    ## What it does
    Reports a model string that is not `provider:model`: empty, whitespace
    around the colon, a prefix with no model (`anthropic:`), no prefix before
    the colon, or slash syntax (`anthropic/claude-opus-4-6`).

    ## Why is this bad?
    Carapace rejects these at startup or, worse, passes the wrong id to the
    provider, which answers "model not found" on every request.

    ## Example
    ```yaml
    routes:
      strong: {model: "anthropic/claude-opus-4-6"}
      fast: {model: "gemini : gemini-2.5-flash"}
    ```

    ## Fix
    Write `provider:model` with nothing around the colon:
    `anthropic:claude-opus-4-6`. Whitespace and slash fixes are safe; a fix that
    replaces a provider routec does not know with one inferred from the model's name
    (`acme/claude-x` to `anthropic:claude-x`) is unsafe: `acme` may be a gateway of one's own.
    """

    code = "RC203"
    name = "malformed-model"
    severity = Severity.ERROR
    summary = "A model string is malformed."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for ref in ctx.config.model_refs():
            parsed = ctx.parsed(ref)
            if parsed.form is not ModelForm.MALFORMED:
                continue
            message = f"malformed model '{ref.value}' in `{ref.path}`: {parsed.problem}"
            if parsed.corrected is not None:
                # Safe unless it replaces a provider the author wrote: `acme/claude-x` may name a gateway of
                # one's own, so inferring `anthropic` there is a guess (as adding one to `:llama3` is not).
                written = re.split(r"[:/]", ref.value.strip(), maxsplit=1)[0].strip()
                safe = parsed.provider is not None or not written
                fix = replacement(f"use '{parsed.corrected}'", ctx.replace_value(ref.text, parsed.corrected), safe=safe)
            else:
                fix = advice("write the model as provider:model, e.g. 'anthropic:claude-opus-4-6'")
            yield self.at(ctx, ref.text, message, fix=fix)
