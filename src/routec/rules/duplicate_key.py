from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from .base import Context, Rule, advice


class DuplicateKey(Rule):
    """
    ## What it does
    Reports a key written twice in one mapping, showing both places.

    ## Why is this bad?
    Loaders keep one copy silently, usually the last: a route defined twice
    sends traffic to whichever definition happens to come later, and an edit
    to the other copy does nothing.

    ## Example
    ```yaml
    routes:
      fast: {model: "gemini:gemini-2.5-flash"}
      fast: {model: "openai:gpt-4o-mini"}
    ```

    ## Fix
    Keep one of the two, or rename one of them.
    """

    code = "RC002"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "A key appears twice in one mapping."
    needs_config = False

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for problem in ctx.document.problems:
            if problem.kind == "duplicate-key":
                related = tuple(Related(r.start, r.end, r.message) for r in problem.related)
                fix = advice("remove one of the two entries or rename one; loaders keep only the last")
                yield self.report(ctx, problem.start, problem.end, problem.message, related=related, fix=fix)
