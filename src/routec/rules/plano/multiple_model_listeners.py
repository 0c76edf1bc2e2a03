from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data, earlier, line_of


class MultipleModelListeners(Rule):
    """
    ## What it does
    Reports every listener of `type: model` after the first.

    ## Why is this bad?
    Plano attaches all model providers to the one model listener and
    refuses to start with two: "Currently only one listener can have
    model_providers set".

    ## Example
    ```yaml
    version: v0.4.0
    listeners:
      - {type: model, name: public, port: 12000}
      - {type: model, name: internal, port: 12001}
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    ```

    ## Fix
    Keep one `type: model` listener; run a second Plano for a second port.
    """

    code = "RC515"
    name = "multiple-model-listeners"
    severity = Severity.ERROR
    summary = "More than one listener has type model."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        listeners = data(ctx).model_listeners
        if len(listeners) < 2:
            return
        first = listeners[0][1]
        for _, kind in listeners[1:]:
            line = line_of(ctx, first)
            message = (
                f"a second `type: model` listener (the first is at line {line}); Plano serves models on one listener"
            )
            yield self.at(
                ctx,
                kind,
                message,
                related=earlier(first, "the first model listener"),
                fix=advice("keep one `type: model` listener"),
            )
