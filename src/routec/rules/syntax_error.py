from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from .base import Context, Rule, advice


class SyntaxError_(Rule):
    """
    ## What it does
    Reports a file that cannot be read: invalid YAML or JSON5, text that is
    not UTF-8, nesting deeper than routec accepts, or a file over the size limit.
    Such a file was not checked at all, so it is always reported, as an error:
    `select`, `ignore`, `severity` and suppression comments do not silence it
    (as ruff always reports syntax errors).

    ## Why is this bad?
    A gateway cannot load a file it cannot parse; nothing else in it can be
    checked until it reads.

    ## Example
    ```json5
    { "routes": { "fast": { "model": "gemini:gemini-2.5-flash" } }   // missing '}'
    ```

    ## Fix
    Correct the text at the reported position; the message says what was
    expected there.
    """

    code = "RC001"
    name = "syntax-error"
    severity = Severity.ERROR
    summary = "The file does not parse."
    needs_config = False

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for problem in ctx.document.problems:
            if problem.kind == "syntax":
                related = tuple(Related(r.start, r.end, r.message) for r in problem.related)
                fix = advice(problem.hint) if problem.hint else None
                yield self.report(ctx, problem.start, problem.end, problem.message, related=related, fix=fix)
