from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir.findings import WrongType as WrongTypeFinding
from ..syntax.tree import describe
from .base import Context, Rule, advice


class WrongType(Rule):
    """
    ## What it does
    Reports a value of the wrong type: a list where a mapping of routes is
    expected, a number where a model string is, a quoted port. It also
    reports YAML tags routec will not construct (`!!python/object`).

    ## Why is this bad?
    Gateways either refuse such a file at startup with a message that does
    not say where, or skip the value and run without it.

    ## Example
    ```yaml
    routes:
      - fast: gemini:gemini-2.5-flash
    ```

    ## Fix
    Write the value in the shape the message names: here, `routes` is a
    mapping from route names to `{model: ...}`.
    """

    code = "RC004"
    name = "wrong-type"
    severity = Severity.ERROR
    summary = "A value has the wrong type."
    needs_config = False

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for problem in ctx.document.problems:
            if problem.kind == "unsupported-tag":
                yield self.report(ctx, problem.start, problem.end, problem.message)
        if ctx.config is None:
            return
        for finding in ctx.config.findings:
            if isinstance(finding, WrongTypeFinding):
                found = describe(finding.node, ctx.json_like)
                if finding.subject:
                    message = f"{finding.subject} must be {finding.expected}; found {found}"
                elif not finding.path:
                    empty = finding.node.start == finding.node.end
                    found = "an empty document" if empty else found
                    message = f"the config must be {finding.expected}; found {found}"
                else:
                    message = f"`{finding.path}` must be {finding.expected}; found {found}"
                yield self.at(ctx, finding.node, message, fix=advice(f"write {finding.expected} here"))
