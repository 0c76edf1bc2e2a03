"""routec's diagnostics and fixes in LSP terms, in the client's position encoding."""

from __future__ import annotations

from lsprotocol import types

from ..diagnostics import Applicability, Diagnostic, Severity
from ..suppress import Strings
from ..syntax import Source

RULE_DOCS = "https://routec.dev/rules/{code}"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def lsp_range(source: Source, start: int, end: int, encoding: str) -> types.Range:
    start_line, start_character = source.lsp_position(start, encoding)
    end_line, end_character = source.lsp_position(end, encoding)
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=end_line, character=end_character),
    )


def lsp_diagnostic(diagnostic: Diagnostic, uri: str, encoding: str) -> types.Diagnostic:
    source = diagnostic.source
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=lsp_range(source, item.start, item.end, encoding)),
            message=item.message,
        )
        for item in diagnostic.related
    ]
    return types.Diagnostic(
        range=lsp_range(source, diagnostic.start, diagnostic.end, encoding),
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=RULE_DOCS.format(code=diagnostic.code.lower())),
        source="routec",
        message=diagnostic.message,
        related_information=related or None,
    )


def quick_fix(diagnostic: Diagnostic, uri: str, encoding: str) -> types.CodeAction | None:
    """The diagnostic's fix as a quick fix, when it has edits to apply."""
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return None
    source = diagnostic.source
    edits = [
        types.TextEdit(range=lsp_range(source, edit.start, edit.end, encoding), new_text=edit.content)
        for edit in fix.edits
    ]
    return types.CodeAction(
        title=f"{fix.message} ({diagnostic.code})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(diagnostic, uri, encoding)],
        edit=types.WorkspaceEdit(changes={uri: edits}),
        is_preferred=fix.applicability is Applicability.SAFE,
    )


def suppress_action(
    diagnostic: Diagnostic, uri: str, encoding: str, fmt: str, strings: Strings
) -> types.CodeAction | None:
    """Silence this diagnostic's code on its line: add to a `routec: ignore[...]` there, or write one.
    None where the line ends inside a string (a block scalar's line): a comment cannot go there."""
    import re

    source = diagnostic.source
    line = source.position(diagnostic.start).line
    line_start, line_end = source.line_starts[line - 1], source.line_end(line)
    text = source.text[line_start:line_end]
    marker = "//" if fmt == "json5" else "#"
    existing = re.search(re.escape(marker) + r"[ \t]*routec:[ \t]*ignore[ \t]*\[([^\]]*)\]", text)
    if existing and strings.contain(line_start + existing.start()):
        existing = None
    if existing is None and strings.contain(line_start + len(text.rstrip()), strictly=True):
        return None
    if existing:
        at = line_start + existing.end(1)
        edit_start = edit_end = at
        new_text = f", {diagnostic.code}" if existing.group(1).strip() else diagnostic.code
    else:
        edit_start = edit_end = line_start + len(text.rstrip())
        new_text = f"  {marker} routec: ignore[{diagnostic.code}]"
    return types.CodeAction(
        title=f"Suppress {diagnostic.code} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(diagnostic, uri, encoding)],
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=lsp_range(source, edit_start, edit_end, encoding), new_text=new_text)]}),
    )
