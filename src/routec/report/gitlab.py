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
import os
from typing import Any

from ..check import FileReport
from ..diagnostics import Diagnostic, Severity

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
    here = os.getcwd()
    if os.environ.get("CI_PROJECT_DIR"):
        return os.path.abspath(os.environ["CI_PROJECT_DIR"])
    directory = here
    while not os.path.exists(os.path.join(directory, ".git")):  # a directory, or a file in a worktree
        parent = os.path.dirname(directory)
        if parent == directory:
            return here
        directory = parent
    return directory


def report_path(path: str, root: str) -> str:
    """Relative to the repository root when the file is beneath it, with forward slashes, as GitLab links it."""
    if path != "-" and not path.startswith("<"):  # standard input has no place in the repository
        for resolve in (os.path.abspath, os.path.realpath):  # by the path given, then through symlinks
            try:
                relative = os.path.relpath(resolve(path), resolve(root))
            except ValueError:  # another drive, on Windows
                break
            if relative != ".." and not relative.startswith(".." + os.sep) and not os.path.isabs(relative):
                path = relative
                break
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def fingerprint(diagnostic: Diagnostic, seen: dict[str, int], path: str) -> str:
    """sha256 of the problem's identity; ``seen`` counts repeats so each stays unique."""
    start = diagnostic.start_position
    identity = "\0".join((path, diagnostic.code, diagnostic.message, f"{start.line}:{start.column}"))
    repeat = seen.get(identity, 0)
    seen[identity] = repeat + 1
    if repeat:
        identity += f"\0{repeat}"
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
