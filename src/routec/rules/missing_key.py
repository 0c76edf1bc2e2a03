from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir.findings import MissingKey as MissingKeyFinding
from ..syntax import Mapping
from .base import Context, Rule, advice


class MissingKey(Rule):
    """
    ## What it does
    Reports a required key that is absent: a route without `model`, a routec
    config without `routes`, an agent without `id`.

    ## Why is this bad?
    The gateway skips the entry or fails on first use, and the name that
    refers to it then fails at request time.

    ## Example
    ```yaml
    routes:
      fast:
        description: cheap lookups
    ```

    ## Fix
    Add the key; for a route, `model: provider:model`.
    """

    code = "RC005"
    name = "missing-key"
    severity = Severity.ERROR
    summary = "A required key is missing."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        for finding in ctx.config.findings:
            if isinstance(finding, MissingKeyFinding):
                where = f"`{finding.path}`" if finding.path else "the config"
                message = f"{where} is missing the required key '{finding.key}'"
                if finding.why:
                    message += f": {finding.why}"
                node = finding.node
                # Point at the opening of the mapping, not at the whole (possibly huge) body.
                end = node.end
                if isinstance(node, Mapping) and node.pairs:
                    end = node.pairs[0].key.end
                fix = advice(finding.note or f"add '{finding.key}' to {where}")
                yield self.report(ctx, node.start, end, message, fix=fix)
