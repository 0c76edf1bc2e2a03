from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data, earlier


class ProvidersTwice(Rule):
    """
    ## What it does
    Reports a config that has both `model_providers` and its deprecated
    spelling `llm_providers`.

    ## Why is this bad?
    Plano refuses to start: "Please provide either llm_providers or
    model_providers, not both". Nothing says which list you meant to keep.

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    llm_providers:
      - {model: anthropic/claude-sonnet-4-5, access_key: $ANTHROPIC_API_KEY}
    ```

    ## Fix
    Move every entry into `model_providers` and remove `llm_providers`.
    """

    code = "RC501"
    name = "providers-twice"
    severity = Severity.ERROR
    summary = "Both model_providers and llm_providers are written."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        both = data(ctx).both_keys
        if both is None:
            return
        current, legacy = both
        message = "both `model_providers` and `llm_providers` are written; Plano accepts only one of them"
        fix = advice("move these entries into `model_providers` and remove `llm_providers` (its deprecated name)")
        yield self.at(ctx, legacy.key, message, related=earlier(current.key, "`model_providers` is here"), fix=fix)
