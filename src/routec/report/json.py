"""``--output-format json``: the stable machine-readable shape (version 1)."""

from __future__ import annotations

import json
from typing import Any

from ..check import FileReport
from ..diagnostics import Diagnostic, Severity, count_by_severity
from ..syntax import Source

FORMAT_VERSION = 1


def position(source: Source, offset: int) -> dict[str, int]:
    found = source.position(offset)
    return {"line": found.line, "column": found.column}


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    source = diagnostic.source
    fix = diagnostic.fix
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "file": source.path,
        "start": position(source, diagnostic.start),
        "end": position(source, diagnostic.end),
        "related": [
            {
                "file": source.path,
                "start": position(source, related.start),
                "end": position(source, related.end),
                "message": related.message,
            }
            for related in diagnostic.related
        ],
        "fix": None
        if fix is None
        else {
            "message": fix.message,
            "applicability": str(fix.applicability),
            "edits": [
                {"start": position(source, edit.start), "end": position(source, edit.end), "content": edit.content}
                for edit in fix.edits
            ],
        },
    }


def summary(reports: list[FileReport]) -> dict[str, int]:
    counts = count_by_severity([d for report in reports for d in report.diagnostics])
    return {
        "files": len(reports),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def render_json(reports: list[FileReport], color: bool = False) -> str:
    document = {
        "version": FORMAT_VERSION,
        "diagnostics": [diagnostic_json(d) for report in reports for d in report.diagnostics],
        "summary": summary(reports),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
