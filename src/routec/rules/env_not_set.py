from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, Rule, advice
from .. import env


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
        syntax = ctx.config.conventions.env_syntax if ctx.config is not None else "${VAR}"
        for scalar in ctx.strings:
            value = str(scalar.value)
            if "$" not in value and "os.environ/" not in value:
                continue
            for reference in env.references(value, syntax):
                if reference.name not in ctx.options.environ:
                    start, end = ctx.value_span(scalar, reference.start, reference.end)
                    message = f"environment variable {reference.name} is not set"
                    yield self.report(ctx, start, end, message, fix=advice(f"set {reference.name} where the gateway runs"))
