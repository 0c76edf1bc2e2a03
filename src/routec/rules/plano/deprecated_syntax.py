from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...syntax import Scalar
from ..base import Context, Rule, advice, rename
from .common import data


class DeprecatedSyntax(Rule):
    """
    ## What it does
    Reports what Plano still reads but has deprecated: `llm_providers`
    (now `model_providers`), `listeners` written as an object with
    `ingress_traffic`/`egress_traffic` (now a list of listeners with a
    `type`), and `routing_preferences` under a model provider (now a
    top-level list whose entries name their `models`).

    ## Why is this bad?
    Plano converts these on every start and warns; a later release can drop
    the conversion. Inline preferences are also merged by name across
    providers, silently keeping only the first description.

    ## Example
    ```yaml
    version: v0.3.0
    listeners:
      egress_traffic: {port: 12000}
    llm_providers:
      - model: openai/gpt-4o
        access_key: $OPENAI_API_KEY
        default: true
        routing_preferences:
          - {name: code review, description: reviewing existing code}
    ```

    ## Fix
    Rename `llm_providers` to `model_providers` (a safe fix); write
    `listeners` as a list (`- {type: model, name: llm, port: 12000}`); move
    preferences to the top level, each with `models: [openai/gpt-4o]`, and
    set `version: v0.4.0`.
    """

    code = "RC502"
    name = "deprecated-syntax"
    severity = Severity.WARNING
    summary = "A deprecated Plano form: llm_providers, object listeners or inline routing_preferences."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        key = plano.legacy_providers.key if plano.legacy_providers is not None else None
        if isinstance(key, Scalar) and plano.both_keys is None:
            fix = rename(ctx, key, "model_providers", "rename it to `model_providers`", safe=True)
            yield self.at(ctx, key, "`llm_providers` is deprecated; Plano now calls it `model_providers`", fix=fix)
        if plano.legacy_listeners is not None:
            message = (
                "`listeners` as an object (`ingress_traffic`/`egress_traffic`) is deprecated; write a list of listeners"
            )
            fix = advice("write e.g. `listeners: [{type: model, name: llm, port: 12000}]`")
            yield self.at(ctx, plano.legacy_listeners.key, message, fix=fix)
        for entry in plano.entries:
            pair = entry.node.pair("routing_preferences")
            if pair is None:
                continue
            message = (
                f"`routing_preferences` under model provider '{entry.label}' are deprecated; "
                "declare them in the top-level `routing_preferences`, each with its `models`"
            )
            fix = advice(f"move them to the top level with `models: [{entry.model.value}]` and set `version: v0.4.0`")
            yield self.at(ctx, pair.key, message, fix=fix)
