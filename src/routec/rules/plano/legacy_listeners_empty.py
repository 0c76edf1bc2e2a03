from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import data


class LegacyListenersEmpty(Rule):
    """
    ## What it does
    Reports `listeners` written in the object form (`ingress_traffic`,
    `egress_traffic`) in a config that declares no model providers.

    ## Why is this bad?
    The object form always opens the model listener, which needs models;
    Plano refuses to start: "model_providers cannot be empty when using
    legacy format".

    ## Example
    ```yaml
    version: v0.3.0
    listeners:
      ingress_traffic: {address: 0.0.0.0, port: 10000}
    model_providers: []
    ```

    ## Fix
    Declare the model providers, or write `listeners` as a list with only
    the listeners you need (`- {type: prompt, name: prompts, port: 10000}`).
    """

    code = "RC516"
    name = "legacy-listeners-empty"
    severity = Severity.ERROR
    summary = "Object-form listeners with no model providers."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        legacy = plano.legacy_listeners
        if legacy is None or plano.entries or _has_items(plano.providers_key, ctx):
            return
        message = "`listeners` in the object form needs model providers, and there are none"
        fix = advice("declare `model_providers`, or write `listeners` as a list")
        yield self.at(ctx, legacy.key, message, fix=fix)


def _has_items(key: object, ctx: Context) -> bool:
    """Entries Plano counts, even ones routec could not read (a provider without `model`)."""
    from ...syntax import Mapping, Sequence

    root = ctx.document.root
    if key is None or not isinstance(root, Mapping):
        return False
    value = root.get(str(getattr(key, "value", "")))
    return isinstance(value, Sequence) and bool(value.items)
