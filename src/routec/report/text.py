"""``--output-format text``: code frames with the offending span underlined.

    error[RC101]: unknown route 'fsat' in `agents.defaults.route`
      --> carapace.json5:16:16
       |
    16 |       "route": "fsat"
       |                ^^^^^^
       = help: did you mean 'fast'?
"""

from __future__ import annotations

from ..check import FileReport
from ..diagnostics import Diagnostic, Severity, count_by_severity
from ..secrets import Secret

# Long lines (minified JSON, a 1 MB single line) are cut to a window around the span.
CONTEXT_CHARS = 60
MAX_UNDERLINE = 80
MAX_RELATED_SHOWN = 8
TAB = "    "

_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;34m",
    "gutter": "\x1b[1;34m",
    "help": "\x1b[1;36m",
    "bold": "\x1b[1m",
}
_RESET = "\x1b[0m"


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: object) -> str:
        if not self.color or not text:
            return text
        return f"{_COLORS[style]}{text}{_RESET}"  # type: ignore[index]


def render_text(reports: list[FileReport], color: bool = False) -> str:
    paint = _Painter(color)
    blocks = []
    for report in reports:
        for diagnostic in report.diagnostics:
            blocks.append(_frame(diagnostic, report.secrets, paint))
    blocks.append(summary_line(reports, paint))
    return "\n".join(blocks) + "\n"


def summary_line(reports: list[FileReport], paint: _Painter | None = None) -> str:
    paint = paint or _Painter(False)
    diagnostics = [d for report in reports for d in report.diagnostics]
    counts = count_by_severity(diagnostics)
    files = _plural(len(reports), "file")
    if not diagnostics:
        return paint(f"All checks passed ({files}).", "bold")
    parts = [
        _plural(counts[severity], str(severity))
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[severity]
    ]
    affected = len({d.path for d in diagnostics})
    return paint(f"Found {_join(parts)} in {_plural(affected, 'file')} ({files} checked).", "bold")


def _frame(diagnostic: Diagnostic, secrets: list[Secret], paint: _Painter) -> str:
    source = diagnostic.source
    start = source.position(diagnostic.start)
    severity = diagnostic.severity
    lines = [
        paint(f"{severity}[{diagnostic.code}]", severity) + paint(f": {diagnostic.message}", "bold"),
        f"{paint('  -->', 'gutter')} {source.path}:{start.line}:{start.column}",
    ]
    if source.text:
        width = len(str(start.line))
        gutter = paint(" " * (width + 1) + "|", "gutter")
        shown, underline = _source_line(diagnostic, start.line, secrets)
        lines.append(gutter)
        lines.append(paint(f"{start.line} |", "gutter") + (" " + shown if shown else ""))
        lines.append(gutter + " " + paint(underline, severity))
    pad = " " * (len(str(start.line)) + 1)
    if diagnostic.fix is not None:
        lines.append(f"{pad}= {paint('help', 'help')}: {diagnostic.fix.message}")
    for related in diagnostic.related[:MAX_RELATED_SHOWN]:
        where = source.position(related.start)
        lines.append(f"{pad}= note: {source.path}:{where.line}:{where.column}: {related.message}")
    hidden = len(diagnostic.related) - MAX_RELATED_SHOWN
    if hidden > 0:
        lines.append(f"{pad}= note: ... and {hidden} more")
    return "\n".join(lines) + "\n"


def _source_line(diagnostic: Diagnostic, line: int, secrets: list[Secret]) -> tuple[str, str]:
    """The line as shown (secrets masked, tabs expanded, long lines cut) and its underline."""
    source = diagnostic.source
    line_start = source.line_starts[line - 1]
    raw = source.line_text(line)
    column = diagnostic.start - line_start
    end_column = min(diagnostic.end - line_start, len(raw))
    end_column = min(end_column, column + MAX_UNDERLINE)
    window_start = max(0, column - CONTEXT_CHARS)
    window_end = min(len(raw), max(end_column, column + 1) + CONTEXT_CHARS)
    masks = [
        (secret.start - line_start, secret.end - line_start, secret.masked)
        for secret in secrets
        if secret.start < line_start + len(raw) and secret.end > line_start
    ]
    pieces: list[str] = ["…"] if window_start > 0 else []
    display_at: dict[int, int] = {}
    width = len(pieces[0]) if pieces else 0
    index = window_start
    while index < window_end:
        mask = next((m for m in masks if m[0] <= index < m[1]), None)
        if mask is not None:
            text, stop = mask[2], min(mask[1], window_end)
        else:
            text, stop = (TAB if raw[index] == "\t" else raw[index]), index + 1
        for covered in range(index, stop):
            display_at[covered] = width
        pieces.append(text)
        width += len(text)
        index = stop
    display_at[window_end] = width
    if window_end < len(raw):
        pieces.append("…")
    left = display_at.get(column, width)
    right = display_at.get(end_column, width) if end_column > column else left + 1
    if any(start <= column < end for start, end, _ in masks):  # underline the whole mask
        right = max(right, next(display_at.get(end, width) for start, end, _ in masks if start <= column < end))
    return "".join(pieces).rstrip(), " " * left + "^" * max(1, right - left)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
