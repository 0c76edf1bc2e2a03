from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir.findings import InvalidValue as InvalidValueFinding
from ..suggest import suggest
from ..syntax import Scalar
from .base import Context, Rule, advice, did_you_mean, quoted_list, replacement


class InvalidValue(Rule):
    """
    ## What it does
    Reports a value of the right type that is out of range or not in the
    allowed set: a port above 65535, a bind mode or auth mode Carapace does
    not know, a route id with capitals or underscores.

    ## Why is this bad?
    The gateway refuses to start, or starts with a default it picked for you
    (Carapace only warns about an unknown bind address).

    ## Example
    ```json5
    { "gateway": { "port": 70000, "auth": { "mode": "tokn" } } }
    ```

    ## Fix
    Use a value from the allowed set or range given in the message.
    """

    code = "RC006"
    name = "invalid-value"
    severity = Severity.ERROR
    summary = "A value is out of range or not allowed."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for finding in ctx.config.findings:
            if isinstance(finding, InvalidValueFinding):
                yield self.diagnose(ctx, finding)

    def diagnose(self, ctx: Context, finding: InvalidValueFinding) -> Diagnostic:
        message = f"invalid value for `{finding.path}`: {finding.problem}"
        severity = Severity.WARNING if finding.lenient else None
        node = finding.node
        if finding.allowed:
            value = node.value if isinstance(node, Scalar) else None
            suggestions = suggest(value, finding.allowed) if isinstance(value, str) else []
            message += f"; allowed: {quoted_list(finding.allowed, 12)}"
            if suggestions and isinstance(node, Scalar):
                edit = ctx.replace_value(node, suggestions[0])
                fix = replacement(f"use '{suggestions[0]}'", edit, safe=False)
                return self.at(ctx, node, f"{message}; {did_you_mean(suggestions)}", fix=fix, severity=severity)
            return self.at(ctx, node, message, fix=advice(f"use one of {quoted_list(finding.allowed, 12)}"), severity=severity)
        if finding.replacement is not None and isinstance(node, Scalar):
            edit = ctx.replace_value(node, finding.replacement)
            fix = replacement(f"use '{finding.replacement}'", edit, safe=False)
            return self.at(ctx, node, f"{message}: {finding.hint}" if finding.hint else message, fix=fix, severity=severity)
        return self.at(ctx, node, message, fix=advice(finding.hint or "correct the value"), severity=severity)
