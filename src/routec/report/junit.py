"""``--output-format junit``: JUnit XML, for CI systems that show test reports.

One ``<testsuite name="routec">`` with one ``<testcase>`` per checked file:

* each **error** is a ``<failure>`` (type = code), so the file's test
  fails, as ``routec check`` exits 1 on errors;
* **warnings and infos** go to the test case's ``<system-out>``: they are
  shown with the test but do not fail it, as they do not fail a check;
  with ``--strict``, which fails the check on warnings, each warning is a
  ``<failure>`` too;
* a rule that **crashed** is an ``<error>``: a routec bug, not the config's.

``failures`` and ``errors`` count test cases, as JUnit does, not
diagnostics. The report has no timestamps, durations or host names, so the
same input always gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..check import FileReport, InternalError
from ..diagnostics import Diagnostic, Severity

SUITE = "routec"
# XML 1.0 cannot carry most control characters or lone surrogates, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(reports: list[FileReport], color: bool = False, strict: bool = False) -> str:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    cases = [testcase(report, failing) for report in reports]
    attributes = {"name": SUITE, **suite_counts(cases, reports)}
    suite = ET.Element("testsuite", attributes)
    suite.extend(cases)
    root = ET.Element("testsuites", attributes)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def suite_counts(cases: list[ET.Element], reports: list[FileReport]) -> dict[str, str]:
    failed = sum(1 for case in cases if case.find("failure") is not None)
    crashed = sum(1 for report in reports if report.internal_errors)
    return {"tests": str(len(cases)), "failures": str(failed), "errors": str(crashed), "skipped": "0"}


def testcase(report: FileReport, failing: set[Severity]) -> ET.Element:
    case = ET.Element("testcase", classname=SUITE, name=xml_text(report.path))
    for error in report.internal_errors:
        case.append(crash(error))
    notes: list[str] = []
    for diagnostic in report.diagnostics:
        if diagnostic.severity in failing:
            case.append(failure(diagnostic))
        else:
            notes.append(f"{diagnostic.severity}: {describe(diagnostic)}")
    if notes:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(notes))
    return case


def failure(diagnostic: Diagnostic) -> ET.Element:
    element = ET.Element("failure", type=diagnostic.code, message=xml_text(diagnostic.message))
    element.text = xml_text(describe(diagnostic))
    return element


def crash(error: InternalError) -> ET.Element:
    message = f"rule {error.rule} failed on {error.path}; this is a bug in routec"
    return ET.Element("error", type="internal-error", message=xml_text(message))


def describe(diagnostic: Diagnostic) -> str:
    """``path:line:col: CODE message``, then the fix hint on its own line."""
    start = diagnostic.start_position
    text = f"{diagnostic.path}:{start.line}:{start.column}: {diagnostic.code} {diagnostic.message}"
    if diagnostic.fix is not None:
        text += f"\n  help: {diagnostic.fix.message}"
    return text


def xml_text(text: str) -> str:
    """Text XML can hold: characters it forbids become visible ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
