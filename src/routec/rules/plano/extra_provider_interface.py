from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.plano import SUPPORTED
from ..base import Context, Rule, advice
from .common import data


class ExtraProviderInterface(Rule):
    """
    ## What it does
    Reports `provider_interface` on a model provider whose prefix Plano
    already knows (`openai/`, `anthropic/`, `ollama/`, ...).

    ## Why is this bad?
    The prefix decides the interface, and Plano refuses to start rather
    than guess which of the two you meant: "Please provide provider
    interface as part of model name".

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - model: openai/gpt-4o
        access_key: $OPENAI_API_KEY
        provider_interface: openai
        default: true
    ```

    ## Fix
    Remove `provider_interface`. To reach an OpenAI-compatible server that
    is not OpenAI, keep `provider_interface` and give the model a prefix of
    its own (`my_server/llama3`) with a `base_url`.
    """

    code = "RC508"
    name = "extra-provider-interface"
    severity = Severity.ERROR
    summary = "provider_interface is set for a provider Plano knows."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in data(ctx).entries:
            pair = entry.node.pair("provider_interface")
            if pair is None or entry.provider not in SUPPORTED:
                continue
            message = (
                f"`provider_interface` is set for '{entry.model.value}', but the prefix '{entry.provider}' "
                "already decides the interface; Plano refuses both"
            )
            yield self.at(ctx, pair.key, message, fix=advice("remove `provider_interface`"))
