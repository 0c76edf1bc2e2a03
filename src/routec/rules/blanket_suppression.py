from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, Rule, advice


class BlanketSuppression(Rule):
    """
    ## What it does
    Reports a `routec: ignore` or `routec: ignore-file` comment that names no
    codes. It still silences its line (or file), but says nothing about what.

    ## Why is this bad?
    A blanket silence hides every future problem on that line too, including
    the ones nobody meant to accept.

    ## Example
    ```yaml
    routes:
      strong: {model: claude-opus-4-6}  # routec: ignore
    ```

    ## Fix
    Name the codes: `# routec: ignore[RC201]`. A space before the bracket,
    `# routec: ignore [RC201]`, names them too: it is read the same way.
    """

    code = "RC901"
    name = "blanket-suppression"
    severity = Severity.WARNING
    summary = "A suppression comment names no codes."
    needs_config = False

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the suppression stage in routec.check reports these

    def blanket(self, ctx: Context, start: int, end: int, silenced: list[str], whole_file: bool) -> Diagnostic:
        comment = ctx.source.text[start:end]
        if silenced:
            hint = f"name the codes it silences: `{comment}[{', '.join(sorted(set(silenced)))}]`"
        else:
            hint = "name the codes it should silence, or remove it"
        scope = "in this file" if whole_file else "on its line"
        return self.report(ctx, start, end, f"suppression without codes silences every rule {scope}", fix=advice(hint))
