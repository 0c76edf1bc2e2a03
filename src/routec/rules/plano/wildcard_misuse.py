from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data


class WildcardMisuse(Rule):
    """
    ## What it does
    Reports a wildcard model provider (`openai/*`) marked `default: true`
    or carrying `routing_preferences`, and a top-level routing preference
    that lists a wildcard among its `models`.

    ## Why is this bad?
    A wildcard stands for every model of a provider, so it cannot be the one
    model to use by default, nor the model a preference routes to. Plano
    refuses to start: "Default models cannot be wildcards", "Models with
    routing preferences cannot be wildcards".

    ## Example
    ```yaml
    version: v0.3.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - model: openai/*
        access_key: $OPENAI_API_KEY
        default: true
    ```

    ## Fix
    Declare the specific model (`openai/gpt-4o`) as its own provider entry
    and put `default: true` or the preferences there; keep the wildcard for
    everything else.
    """

    code = "RC504"
    name = "wildcard-misuse"
    severity = Severity.ERROR
    summary = "A wildcard model is the default or has routing preferences."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        for entry in plano.entries:
            if not entry.wildcard:
                continue
            model = str(entry.model.value)
            specific = f"{entry.provider}/<model>"
            if entry.default is not None:
                message = f"wildcard '{model}' is marked `default: true`; the default must be one specific model"
                yield self.at(
                    ctx, entry.default, message, fix=advice(f"declare the default as its own entry, e.g. '{specific}'")
                )
            pair = entry.node.pair("routing_preferences")
            if pair is not None:
                message = f"wildcard '{model}' has `routing_preferences`; a preference must route to one specific model"
                yield self.at(
                    ctx, pair.key, message, fix=advice(f"move the preferences to a specific entry, e.g. '{specific}'")
                )
        for preference in plano.preferences:
            for listed in preference.models:
                text = str(listed.value)
                if text.endswith("/*"):
                    message = f"routing preference '{preference.name.value}' lists the wildcard '{text}'; list specific models"
                    yield self.at(ctx, listed, message, fix=advice("name a declared model such as 'openai/gpt-4o'"))
