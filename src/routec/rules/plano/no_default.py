from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data


class NoDefault(Rule):
    """
    ## What it does
    Reports a list of model providers in which none is marked
    `default: true`.

    ## Why is this bad?
    A request that names no model (or a prompt target that calls the
    default LLM) then goes where Plano falls back on its own, which is
    OpenAI, silently: the model you meant as the everyday one is not used,
    and without an OpenAI key those requests fail.

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: anthropic/claude-sonnet-4-5, access_key: $ANTHROPIC_API_KEY}
      - {model: anthropic/claude-haiku-4-5, access_key: $ANTHROPIC_API_KEY}
    ```

    ## Fix
    Add `default: true` to the model provider that should serve requests
    that name no model.
    """

    code = "RC506"
    name = "no-default"
    severity = Severity.WARNING
    summary = "No model provider is the default."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        if (
            not plano.entries
            or plano.providers_key is None
            or any(entry.default is not None for entry in plano.entries)
        ):
            return
        specific = next((entry for entry in plano.entries if not entry.wildcard), None)
        key = plano.providers_key.value
        message = f"no entry in `{key}` is marked `default: true`; Plano then silently falls back to OpenAI"
        hint = (
            f"add `default: true` to the model to use by default, e.g. '{specific.label}'"
            if specific
            else "declare a specific model with `default: true`"
        )
        yield self.at(ctx, plano.providers_key, message, fix=advice(hint))
