"""The check pipeline, shared by the CLI and the language server.

bytes or text -> Document (syntax) -> Config (dialect front-end) -> rules ->
diagnostics, sorted and with every secret masked.
"""

from __future__ import annotations

from typing import NamedTuple

from . import dialects
from .diagnostics import Diagnostic, Fix, clip
from .ir import Config
from .rules import RULES, Context, Options, Rule
from .secrets import Secret, find_secrets, scrub
from .syntax import Document, Source, detect_format, load, parse


class InternalError(NamedTuple):
    """A rule that crashed: reported as a routec bug, never as the user's."""

    rule: str
    path: str
    detail: str


class FileReport:
    """Everything routec found in one file."""

    __slots__ = ("document", "config", "diagnostics", "secrets", "internal_errors")

    def __init__(self, document: Document, config: Config | None, secrets: list[Secret]) -> None:
        self.document = document
        self.config = config
        self.diagnostics: list[Diagnostic] = []
        self.secrets = secrets
        self.internal_errors: list[InternalError] = []

    @property
    def path(self) -> str:
        return self.document.source.path


def check_document(document: Document, options: Options | None = None, dialect: str | None = None) -> FileReport:
    options = options or Options()
    config = dialects.lower(document, dialect) if document.readable else None
    secrets = find_secrets(document, config) if document.readable else []
    context = Context(document, config, options, secrets)
    report = FileReport(document, config, secrets)
    for rule in RULES:
        if rule.needs_config and config is None:
            continue
        _run(rule, context, report)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def _run(rule: Rule, context: Context, report: FileReport) -> None:
    try:
        found = [_masked(diagnostic, context.secrets) for diagnostic in rule.check(context)]
        report.diagnostics.extend(found)
    except Exception:  # a bug in routec must not hide the other rules' findings
        import traceback

        detail = traceback.format_exc(limit=-3)
        report.internal_errors.append(InternalError(rule.code, report.path, detail))


def _masked(diagnostic: Diagnostic, secrets: list[Secret]) -> Diagnostic:
    """Messages without secrets and without megabyte-long quoted values."""
    diagnostic.message = clip(scrub(diagnostic.message, secrets))
    if diagnostic.fix is not None:
        fix = diagnostic.fix
        diagnostic.fix = Fix(clip(scrub(fix.message, secrets)), fix.edits, fix.applicability)
    return diagnostic


def check_text(
    text: str, path: str, options: Options | None = None, dialect: str | None = None, fmt: str | None = None
) -> FileReport:
    """Check text already in memory (an editor buffer, standard input)."""
    source = Source(path, text.removeprefix("\ufeff"))
    document = parse(source, fmt or detect_format(path, text))
    return check_document(document, options, dialect)


def check_bytes(
    data: bytes, path: str, options: Options | None = None, dialect: str | None = None, fmt: str | None = None
) -> FileReport:
    return check_document(load(path, data, fmt), options, dialect)
