"""``--output-format sarif``: SARIF 2.1.0 for code-scanning services.

GitHub code scanning, Azure DevOps and the SARIF viewers read this. The log
has one run whose driver lists *every* rule, not only those that fired, so
a service can show the rule help of a result that first appears later.

Columns count Unicode code points, as everywhere in routec; SARIF defaults
to UTF-16 code units, so the run says ``columnKind: unicodeCodePoints``.
The output is deterministic (no timestamps, no absolute paths of its own)
and never quotes the checked text: no region snippets, which could show a
secret the messages mask.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any, NamedTuple
from urllib.parse import quote

from .. import __version__
from ..check import FileReport
from ..diagnostics import Diagnostic, Edit, Fix, Related, Severity
from ..rules import RULES, Rule
from ..syntax import Source
from .paths import checkout_root, report_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://routec.dev"
RULE_DOCS = "https://routec.dev/rules/{code}"
# The conventional base of paths relative to the checkout; services resolve it.
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Tags by code family (the hundreds digit), so a service can filter by kind of problem.
FAMILY_TAGS = {"0": "structure", "1": "routing", "2": "models", "3": "secrets", "9": "suppressions"}
SECURITY_RULES = {"RC301"}

Json = dict[str, Any]


def render_sarif(reports: list[FileReport], color: bool = False) -> str:
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run(reports)]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def sarif_run(reports: list[FileReport]) -> Json:
    rule_index = {rule.code: index for index, rule in enumerate(RULES)}
    paths = list(dict.fromkeys(report.path for report in reports))
    artifact_index = {path: index for index, path in enumerate(paths)}
    # Relative to the repository, which code scanning reads %SRCROOT% as, wherever routec ran.
    root = checkout_root("GITHUB_WORKSPACE")
    shown = {path: report_path(path, root) for path in paths}
    results = [
        result(diagnostic, rule_index, Artifact(artifact_index[report.path], shown[report.path]))
        for report in reports
        for diagnostic in report.diagnostics
    ]
    return {
        "tool": {"driver": driver()},
        "invocations": [invocation(reports)],
        "columnKind": "unicodeCodePoints",
        "artifacts": [artifact_entry(report, shown[report.path]) for report in _first_report_per_path(reports)],
        "results": results,
    }


def driver() -> Json:
    return {
        "name": "routec",
        "informationUri": INFORMATION_URI,
        "semanticVersion": __version__,
        "version": __version__,
        "rules": [rule_descriptor(rule) for rule in RULES],
    }


def rule_descriptor(rule: Rule) -> Json:
    doc = rule.doc()
    tags = [FAMILY_TAGS.get(rule.code[2:3], "other")] + (["security"] if rule.code in SECURITY_RULES else [])
    return {
        "id": rule.code,
        "name": pascal_case(rule.name),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc_section(doc, "What it does") or rule.summary},
        "help": {"text": doc, "markdown": doc},
        "helpUri": RULE_DOCS.format(code=rule.code.lower()),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": tags},
    }


def pascal_case(kebab: str) -> str:
    """``unknown-route`` -> ``UnknownRoute``: SARIF's convention for rule names."""
    return "".join(part[:1].upper() + part[1:] for part in kebab.split("-"))


def doc_section(doc: str, title: str) -> str:
    """The text of one ``## title`` section of a rule doc, as one paragraph."""
    lines: list[str] = []
    inside = False
    for line in doc.splitlines():
        if line.startswith("## "):
            inside = line[3:].strip() == title
        elif inside:
            lines.append(line.strip())
    return " ".join(line for line in lines if line)


def invocation(reports: list[FileReport]) -> Json:
    """Whether every rule ran: a crashed rule is a routec bug, shown as a notification."""
    crashes = [error for report in reports for error in report.internal_errors]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"rule {error.rule} failed on {error.path}; this is a bug in routec"},
            "associatedRule": {"id": error.rule},
        }
        for error in crashes
    ]
    return {"executionSuccessful": not crashes, "toolExecutionNotifications": notifications}


def _first_report_per_path(reports: list[FileReport]) -> list[FileReport]:
    seen: dict[str, FileReport] = {}
    for report in reports:
        seen.setdefault(report.path, report)
    return list(seen.values())


def artifact_entry(report: FileReport, path: str) -> Json:
    return {
        "location": artifact_location(path),
        "roles": ["analysisTarget"],
        "sourceLanguage": report.document.format,
    }


def artifact_location(path: str, index: int | None = None) -> Json:
    """A relative path stays relative to ``%SRCROOT%``; an absolute one becomes a file: URI."""
    if os.path.isabs(path):
        location: Json = {"uri": PurePath(path).as_uri()}
    else:
        relative = path.replace(os.sep, "/").replace("\\", "/")
        while relative.startswith("./"):
            relative = relative[2:]
        location = {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def region(source: Source, start: int, end: int) -> Json:
    first, last = source.position(start), source.position(end)
    return {"startLine": first.line, "startColumn": first.column, "endLine": last.line, "endColumn": last.column}


class Artifact(NamedTuple):
    """A checked file as the log names it: its index in ``artifacts``, and its path there."""

    number: int
    path: str


def physical_location(source: Source, start: int, end: int, artifact: Artifact) -> Json:
    return {"artifactLocation": artifact_location(artifact.path, artifact.number), "region": region(source, start, end)}


def result(diagnostic: Diagnostic, rule_index: dict[str, int], artifact: Artifact) -> Json:
    source = diagnostic.source
    found: Json = {"ruleId": diagnostic.code}
    if diagnostic.code in rule_index:
        found["ruleIndex"] = rule_index[diagnostic.code]
    found["level"] = LEVELS[diagnostic.severity]
    found["message"] = {"text": diagnostic.message}
    found["locations"] = [{"physicalLocation": physical_location(source, diagnostic.start, diagnostic.end, artifact)}]
    if diagnostic.related:
        found["relatedLocations"] = [
            related_location(source, item, number, artifact) for number, item in enumerate(diagnostic.related, 1)
        ]
    if diagnostic.fix is not None and diagnostic.fix.edits:
        found["fixes"] = [sarif_fix(source, diagnostic.fix, artifact)]
    return found


def related_location(source: Source, related: Related, number: int, artifact: Artifact) -> Json:
    return {
        "id": number,
        "physicalLocation": physical_location(source, related.start, related.end, artifact),
        "message": {"text": related.message},
    }


def sarif_fix(source: Source, found: Fix, artifact: Artifact) -> Json:
    """A fix with edits; advice without edits has no SARIF form (a fix needs a change)."""
    return {
        "description": {"text": found.message},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(artifact.path, artifact.number),
                "replacements": [replacement(source, edit) for edit in found.edits],
            }
        ],
    }


def replacement(source: Source, edit: Edit) -> Json:
    return {"deletedRegion": region(source, edit.start, edit.end), "insertedContent": {"text": edit.content}}
