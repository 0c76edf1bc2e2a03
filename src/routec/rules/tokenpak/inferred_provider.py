from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, replacement
from .common import routing_of


class InferredProvider(Rule):
    """
    ## What it does
    Reports a TokenPak model written without a provider (`gpt-4`, the
    recipe's own style) that the `models` catalog does not list either, and
    names the provider its name implies (`gpt-*` is `openai`, `claude-*` is
    `anthropic`, ...). routec checks and builds the config with that
    provider. A bare name that no provider's family matches, or several do,
    is an error instead (RC201).

    ## Why is this bad?
    Nothing in the config says which provider serves the model: TokenPak (or
    whatever reads the config) has to guess, and a guess can pick the wrong
    provider or none.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: gpt-4o-mini
          fallback_model: anthropic:claude-3-5-haiku-latest
    ```

    ## Fix
    List the model under `models` with its `provider` (the recipe's catalog:
    `models: {gpt-4o-mini: {provider: openai}}`), or write the provider in
    the model: `openai:gpt-4o-mini`. The fix writes the latter; it is marked
    unsafe because TokenPak's recipe writes models bare.
    """

    code = "RC708"
    name = "inferred-provider"
    severity = Severity.WARNING
    summary = "A bare model's provider is inferred from its name."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for model in routing_of(ctx).models():
            if not model.inferred:
                continue
            provider = model.resolved.split(":", 1)[0]
            message = (
                f"model '{model.written.value}' in `{model.path}` names no provider and is not listed under `models`; "
                f"its name implies '{provider}'"
            )
            edit = ctx.replace_value(model.written, model.resolved)
            yield self.at(ctx, model.written, message, fix=replacement(f"write '{model.resolved}'", edit, safe=False))
