from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir.findings import UnknownKey as UnknownKeyFinding
from ..suggest import suggest
from ..syntax import Scalar
from .base import Context, Rule, advice, did_you_mean, quoted_list, rename

MAX_KEYS_LISTED = 12


class UnknownKey(Rule):
    """
    ## What it does
    Reports a key the format does not define, with the closest known key.
    In Carapace configs an unknown top-level key is a warning, as Carapace
    itself only warns; everywhere else it is an error.

    ## Why is this bad?
    Gateways ignore keys they do not know. A misspelled `rotues` or `fallback`
    is silently dropped, and the config runs without what it seems to say.

    ## Example
    ```yaml
    routes:
      fast:
        modle: gemini:gemini-2.5-flash
    ```

    ## Fix
    Use the key the message suggests, or remove the entry.
    """

    code = "RC003"
    name = "unknown-key"
    severity = Severity.ERROR
    summary = "A key is not part of the format."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for finding in ctx.config.findings:
            if isinstance(finding, UnknownKeyFinding):
                yield self.diagnose(ctx, finding)

    def diagnose(self, ctx: Context, finding: UnknownKeyFinding) -> Diagnostic:
        where = f"in `{finding.path}`" if finding.path else "at the top level"
        message = f"unknown key '{finding.key}' {where}"
        severity = Severity.WARNING if finding.lenient else None
        if finding.note:
            return self.at(ctx, finding.node, f"{message}: {finding.note}", fix=advice(finding.note), severity=severity)
        suggestions = suggest(finding.key, finding.allowed)
        if suggestions and isinstance(finding.node, Scalar):
            fix = rename(ctx, finding.node, suggestions[0], f"rename to '{suggestions[0]}'", safe=False)
            return self.at(ctx, finding.node, f"{message}; {did_you_mean(suggestions)}", fix=fix, severity=severity)
        if not finding.allowed:
            hint = "nothing is expected here; remove the key"
        elif len(finding.allowed) <= MAX_KEYS_LISTED:
            hint = f"known keys here are {quoted_list(finding.allowed, MAX_KEYS_LISTED)}"
        else:
            hint = "remove it, or check its spelling against the format's documented keys"
        return self.at(ctx, finding.node, message, fix=advice(hint), severity=severity)
