"""``--output-format concise``: one line per diagnostic, ``file:line:col: CODE message``."""

from __future__ import annotations

from ..check import FileReport


def render_concise(reports: list[FileReport], color: bool = False) -> str:
    lines = []
    for report in reports:
        for diagnostic in report.diagnostics:
            position = diagnostic.start_position
            lines.append(f"{diagnostic.path}:{position.line}:{position.column}: {diagnostic.code} {diagnostic.message}")
    return "".join(line + "\n" for line in lines)
