from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data


class PassthroughWithKey(Rule):
    """
    ## What it does
    Reports a model provider with both `passthrough_auth: true` and an
    `access_key`.

    ## Why is this bad?
    Passthrough forwards the client's own Authorization header, so the
    access key is never sent; whoever reads the config thinks requests use
    it. Plano only warns.

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - model: openai/gpt-4o
        base_url: https://litellm.example.com
        passthrough_auth: true
        access_key: $LITELLM_KEY
        default: true
    ```

    ## Fix
    Remove `access_key`, or remove `passthrough_auth` to use the key.
    """

    code = "RC518"
    name = "passthrough-with-key"
    severity = Severity.WARNING
    summary = "passthrough_auth is on, so the access_key is ignored."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in data(ctx).entries:
            if entry.passthrough is None or entry.access_key is None:
                continue
            message = (
                f"'{entry.label}' has `passthrough_auth: true`, so its `access_key` is ignored: "
                "the client's Authorization header is forwarded"
            )
            yield self.at(
                ctx, entry.access_key, message, fix=advice("remove `access_key`, or `passthrough_auth` to use the key")
            )
