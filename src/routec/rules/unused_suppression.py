from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Severity
from .base import Context, Rule, replacement


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a `routec: ignore[...]` comment, or one code in it, that silences
    nothing: the problem it was written for is gone, the code is misspelled,
    or it sits on a line other than the problem's. Reported by the
    suppression stage after every other rule has run.

    ## Why is this bad?
    Stale suppressions rot: the next real problem on that line is silenced
    without anyone deciding to silence it.

    ## Example
    ```yaml
    routes:
      fast: {model: "gemini:gemini-2.5-flash"}  # routec: ignore[RC201]
    ```

    ## Fix
    Remove the comment, or the codes in it that no longer apply (a safe fix).
    """

    code = "RC900"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "A suppression comment silences nothing."
    needs_config = False

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the suppression stage in routec.check reports these

    def unused_comment(self, ctx: Context, start: int, end: int, message: str) -> Diagnostic:
        text = ctx.source.text
        # Remove the comment and the spaces before it, keeping the line itself.
        cut = start
        while cut > 0 and text[cut - 1] in " \t":
            cut -= 1
        fix = replacement("remove the suppression comment", Edit(cut, end, ""), safe=True)
        return self.report(ctx, start, end, message, fix=fix)

    def unused_code(self, ctx: Context, start: int, end: int, code: str) -> Diagnostic:
        text = ctx.source.text
        # Remove the code with the comma (and space) that joins it to its neighbour.
        cut_start, cut_end = start, end
        after = re.match(r"\s*,\s*", text[end:]) if end < len(text) else None
        if after:
            cut_end = end + after.end()
        else:
            before = re.search(r",\s*$", text[:start])
            if before:
                cut_start = before.start()
        from . import BY_CODE  # the registry imports this module

        if code in BY_CODE:
            message = f"`{code}` in this suppression silences nothing on this line"
        else:
            message = f"`{code}` in this suppression is not a rule code (`routec rule --all` lists them)"
        fix = replacement(f"remove `{code}` from the suppression", Edit(cut_start, cut_end, ""), safe=True)
        return self.report(ctx, start, end, message, fix=fix)



