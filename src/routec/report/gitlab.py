"""``--output-format gitlab``: a GitLab Code Quality report.

GitLab reads a subset of the Code Climate issue format (an artifact under
``artifacts:reports:codequality``) and shows the issues in merge requests.
It matches issues between the source and target branches by
``fingerprint``, so the fingerprint is a hash of what identifies the problem
(path, code, message, start position) and never of anything that changes
from run to run. Two diagnostics that agree on all four (rare, but not
impossible) get a running number mixed in, keeping fingerprints unique
within a report.

``location`` gives ``lines`` only: the Code Climate spec makes ``lines``
and ``positions`` alternatives, and GitLab shows lines, not columns. Its
``path`` is relative to the repository, as GitLab links it (the Code Climate
spec: relative to the checked-out code): the job's ``CI_PROJECT_DIR``, else the
git work tree around the current directory, else the current directory. A
file outside that root keeps the path it was given.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..check import FileReport
from ..diagnostics import Diagnostic, Severity
from .paths import checkout_root, report_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
# Code Climate categories; anything not listed is a Bug Risk (a config that misroutes or fails).
CATEGORIES = {"RC301": "Security", "RC900": "Style", "RC901": "Style"}


def render_gitlab(reports: list[FileReport], color: bool = False) -> str:
    seen: dict[str, int] = {}
    root = repository_root()
    paths = {report.path: report_path(report.path, root) for report in reports}
    issues = [issue(diagnostic, seen, paths[report.path]) for report in reports for diagnostic in report.diagnostics]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def issue(diagnostic: Diagnostic, seen: dict[str, int], path: str) -> dict[str, Any]:
    start, end = diagnostic.start_position, diagnostic.end_position
    return {
        "type": "issue",
        "check_name": diagnostic.code,
        "description": diagnostic.message,
        "categories": [CATEGORIES.get(diagnostic.code, "Bug Risk")],
        "severity": SEVERITIES[diagnostic.severity],
        "fingerprint": fingerprint(diagnostic, seen, path),
        "location": {"path": path, "lines": {"begin": start.line, "end": end.line}},
        "engine_name": "routec",
    }


def repository_root() -> str:
    """Where GitLab's paths start: the CI job's checkout, else the git work tree we are in, else here."""
    return checkout_root("CI_PROJECT_DIR")


def fingerprint(diagnostic: Diagnostic, seen: dict[str, int], path: str) -> str:
    """sha256 of the problem's identity; ``seen`` counts repeats so each stays unique."""
    start = diagnostic.start_position
    identity = "\0".join((path, diagnostic.code, diagnostic.message, f"{start.line}:{start.column}"))
    repeat = seen.get(identity, 0)
    seen[identity] = repeat + 1
    if repeat:
        identity += f"\0{repeat}"
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
