from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, Rule, advice
from .env_refs import env_references


class EnvNotSet(Rule):
    """
    ## What it does
    With `--env-check`, reports a `${VAR}` reference whose variable is not
    set in the environment routec runs in. Run it where the gateway runs
    (its container, its CI deploy job) for the answer to mean something.

    ## Why is this bad?
    Carapace refuses to load a config that references an unset variable
    ("Missing environment variable"); other gateways send an empty key and
    fail every request with 401.

    ## Example
    ```json5
    { "anthropic": { "apiKey": "${ANTHROPIC_API_KEY}" } }   // ANTHROPIC_API_KEY unset
    ```

    ## Fix
    Set the variable in the gateway's environment, or correct its name.
    """

    code = "RC302"
    name = "env-not-set"
    severity = Severity.WARNING
    summary = "A referenced environment variable is not set (with --env-check)."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if not ctx.options.env_check:
            return
        for reference in env_references(ctx.strings):
            if reference.valid and reference.name not in ctx.options.environ:
                start, end = ctx.value_span(reference.scalar, reference.start, reference.end)
                message = f"environment variable {reference.name} is not set"
                yield self.report(ctx, start, end, message, fix=advice(f"set {reference.name} where the gateway runs"))
