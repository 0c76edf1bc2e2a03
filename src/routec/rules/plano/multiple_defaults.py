from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data, earlier, line_of


class MultipleDefaults(Rule):
    """
    ## What it does
    Reports every model provider marked `default: true` after the first.

    ## Why is this bad?
    Plano's validator lets it through, then the gateway refuses to start:
    "There must be at most one default LLM Provider".

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: openai/gpt-4o-mini, access_key: $OPENAI_API_KEY, default: true}
      - {model: anthropic/claude-sonnet-4-5, access_key: $ANTHROPIC_API_KEY, default: true}
    ```

    ## Fix
    Keep `default: true` on one model provider and remove it from the
    others.
    """

    code = "RC505"
    name = "multiple-defaults"
    severity = Severity.ERROR
    summary = "More than one model provider is the default."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        defaults = [entry for entry in data(ctx).entries if entry.default is not None]
        if len(defaults) < 2:
            return
        first = defaults[0]
        assert first.default is not None
        for entry in defaults[1:]:
            assert entry.default is not None
            message = (
                f"'{entry.label}' is marked `default: true`, and so is '{first.label}' (line {line_of(ctx, first.default)}); "
                "Plano's gateway refuses more than one default"
            )
            related = earlier(first.default, "the first default")
            yield self.at(
                ctx, entry.default, message, related=related, fix=advice("keep `default: true` on one model provider")
            )
