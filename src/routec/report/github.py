"""``--output-format github``: GitHub Actions workflow commands.

One ``::error``/``::warning``/``::notice`` line per diagnostic; the runner
turns each into an annotation on the pull request's diff::

    ::error file=routec.yaml,line=17,col=12,endLine=17,endColumn=16,title=RC101::unknown route 'fsat'%0Ahelp: replace with 'fast'

A workflow command is one line, so newlines in the text are percent-encoded
as GitHub's runner decodes them: ``%``, CR and LF in the message, and also
``:`` and ``,`` in property values, where they would end the value.
"""

from __future__ import annotations

from ..check import FileReport
from ..diagnostics import Diagnostic, Severity
from .paths import checkout_root, report_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(reports: list[FileReport], color: bool = False) -> str:
    root = checkout_root("GITHUB_WORKSPACE")
    return "".join(
        command(diagnostic, report_path(report.path, root)) + "\n" for report in reports for diagnostic in report.diagnostics
    )


def command(diagnostic: Diagnostic, path: str) -> str:
    """One workflow command; ``path`` is the file's, relative to the repository (as annotations link it)."""
    start, end = diagnostic.start_position, diagnostic.end_position
    properties = {
        "file": path,
        "line": start.line,
        "col": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "title": diagnostic.code,
    }
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    text = diagnostic.message
    if diagnostic.fix is not None:
        text += f"\nhelp: {diagnostic.fix.message}"
    return f"::{COMMANDS[diagnostic.severity]} {listed}::{escape_data(text)}"


def escape_data(text: str) -> str:
    """The message after ``::``: ``%`` first, so the escapes it adds stay as written."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A ``name=value`` property: a ``:`` would end the list, a ``,`` the value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
