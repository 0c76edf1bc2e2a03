from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..settings import ALWAYS_REPORTED
from ..suggest import suggest
from .base import Context, Rule, advice, replacement


# Where a suppression comment's words end: the line, another directive, or (JSON5) the end of a /* */ comment.
_COMMENT_STOP = {
    "yaml": re.compile(r"[\r\n]|#[ \t]*routec:"),
    "json5": re.compile(r"[\r\n]|\*/|//[ \t]*routec:"),
}


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a `routec: ignore[...]` comment, or one code in it, that silences
    nothing: the problem it was written for is gone, the code is misspelled
    (`RC2O4` with a letter O: not a rule code, with the nearest one), it sits
    on a line other than the problem's, or it is a `routec: ignore-file[...]`
    written after other text on its line (file-wide suppressions count only
    on a line of their own). Reported by the suppression stage after every
    other rule has run.

    ## Why is this bad?
    Stale suppressions rot: the next real problem on that line is silenced
    without anyone deciding to silence it.

    ## Example
    ```yaml
    routes:
      fast: {model: "gemini:gemini-2.5-flash"}  # routec: ignore[RC201]
    ```

    ## Fix
    Remove the comment, or the codes in it that no longer apply (a safe fix);
    correct a misspelled code; move an `ignore-file` to a line of its own near
    the top of the file.
    """

    code = "RC900"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "A suppression comment silences nothing."
    needs_config = False

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the suppression stage in routec.check reports these

    def unused_comment(
        self, ctx: Context, start: int, end: int, message: str, codes: tuple[str, ...] = ()
    ) -> Diagnostic:
        """``codes``: the comment's codes, so that the message can name those that are not rule codes."""
        wrong = [note for note in map(self._not_a_code, codes) if note]
        if wrong:
            message += ": " + "; ".join(wrong)
        return self.report(ctx, start, end, message, fix=self._remove_comment(ctx, start, end))

    def _remove_comment(self, ctx: Context, start: int, end: int) -> Fix:
        text = ctx.source.text
        # Remove the comment and the spaces before it, keeping the line itself.
        cut = start
        while cut > 0 and text[cut - 1] in " \t":
            cut -= 1
        # Words after the directive are the comment's (left behind, they would be read as YAML or JSON5):
        # they go too, up to the end of the line, another directive, or the end of a /* */ comment.
        stop = _COMMENT_STOP["json5" if ctx.json_like else "yaml"].search(text, end)
        line_end = stop.start() if stop else len(text)
        if line_end < len(text) and text[line_end] not in "\r\n":  # another directive, or */: keep what is left
            return replacement("remove the suppression comment", Edit(cut, line_end, " " if cut < start else ""), safe=True)
        if (cut == 0 or text[cut - 1] in "\r\n") and line_end < len(text):  # a line of its own: remove the line
            line_end += 2 if text.startswith("\r\n", line_end) else 1
        return replacement("remove the suppression comment", Edit(cut, line_end, ""), safe=True)

    def misplaced(self, ctx: Context, start: int, end: int) -> Diagnostic:
        comment = ctx.source.text[start:end]
        message = "`ignore-file` after other text on a line silences nothing: it counts only on a line of its own"
        fix = advice(f"move `{comment}` to a line of its own near the top of the file")
        return self.report(ctx, start, end, message, fix=fix)

    def unused_code(
        self,
        ctx: Context,
        start: int,
        end: int,
        code: str,
        comment: tuple[int, int] | None = None,
        live: AbstractSet[str] = frozenset(),
    ) -> Diagnostic:
        """``comment`` is the whole comment's span when ``code`` is its only code: removing the code removes it.
        ``live``: the codes still reported where the suppression applies; a misspelt code is corrected to one."""
        message = self._code_message(code)
        near = self._nearest_code(code)
        if near is not None:
            message = f"`{code}` in this suppression is not a rule code; did you mean `{near}`?"
            if near in live:
                fix = replacement(f"replace with `{near}`", Edit(start, end, near), safe=False)
                return self.report(ctx, start, end, message, fix=fix)
        if comment is not None:
            return self.report(ctx, start, end, message, fix=self._remove_comment(ctx, *comment))
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
        fix = replacement(f"remove `{code}` from the suppression", Edit(cut_start, cut_end, ""), safe=True)
        return self.report(ctx, start, end, message, fix=fix)

    def _nearest_code(self, code: str) -> str | None:
        """For a code that is not a rule code: the rule code it names or is closest to."""
        from . import BY_CODE, RULES  # the registry imports this module

        if code in BY_CODE:
            return None
        return {rule.name: rule.code for rule in RULES}.get(code) or next(iter(suggest(code, BY_CODE, 1)), None)

    def _not_a_code(self, code: str) -> str:
        from . import BY_CODE  # the registry imports this module

        if code in ALWAYS_REPORTED:
            return f"`{code}` cannot be silenced (a file that does not read was not checked)"
        if code in BY_CODE:
            return ""
        near = self._nearest_code(code)
        return f"`{code}` is not a rule code" + (f" (did you mean `{near}`?)" if near else "")

    def _code_message(self, code: str) -> str:
        from . import BY_CODE  # the registry imports this module

        if code in ALWAYS_REPORTED:
            return f"`{code}` in this suppression cannot be silenced: a file that does not read was not checked"
        if code in BY_CODE:
            return f"`{code}` in this suppression silences nothing on this line"
        return f"`{code}` in this suppression is not a rule code (`routec rule --all` lists them)"
