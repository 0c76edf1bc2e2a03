from __future__ import annotations

from collections.abc import Collection, Iterator

from ...diagnostics import Diagnostic, Fix, Severity
from ...dialects.plano import PlanoData
from ...syntax import Scalar
from ..base import Context, Rule, advice, replacement
from .common import data


class AliasTargetNotModel(Rule):
    """
    ## What it does
    Reports a model alias whose `target` is a model provider's `name` or
    another alias, rather than a model.

    ## Why is this bad?
    Plano resolves alias targets against models only (`openai/gpt-4o`, or
    the model id `gpt-4o`), never against names or other aliases, and
    refuses to start: "Model alias ... targets 'fast' which is not defined
    as a model".

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {name: fast, model: openai/gpt-4o-mini, access_key: $OPENAI_API_KEY, default: true}
    model_aliases:
      quick: {target: fast}
    ```

    ## Fix
    Target the model itself: `target: openai/gpt-4o-mini` (or
    `gpt-4o-mini`). The fix is safe: it names the model the name or alias
    stands for.
    """

    code = "RC510"
    name = "alias-target-not-model"
    severity = Severity.ERROR
    summary = "A model alias targets a provider's name or another alias instead of a model."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        keys = plano.model_keys()
        named = {str(entry.name.value): str(entry.model.value) for entry in plano.entries if entry.name is not None}
        for alias, target in plano.alias_targets.items():
            written = str(target.value)
            if written in keys:
                continue
            model: str | None
            if written in named:
                what, model = "the name of a model provider", named[written]
            elif written in plano.alias_targets and written != alias:
                what, model = "another alias", _model_behind(written, plano, keys)
            else:
                continue  # names nothing: RC102
            message = f"alias '{alias}' targets '{written}', {what}; Plano resolves alias targets by model only"
            yield self.at(ctx, target, message, fix=self.fix(ctx, target, model))

    def fix(self, ctx: Context, target: Scalar, model: str | None) -> Fix:
        if model is None:
            return advice("target a declared model (`provider/model_id`) or model id")
        return replacement(f"use '{model}'", ctx.replace_value(target, model), safe=True)


def _model_behind(alias: str, plano: PlanoData, keys: Collection[str]) -> str | None:
    """The model an alias chain ends on, if it ends on one."""
    seen: set[str] = set()
    current = alias
    while current in plano.alias_targets and current not in seen:
        seen.add(current)
        current = str(plano.alias_targets[current].value)
        if current in keys:
            return current
    return None
